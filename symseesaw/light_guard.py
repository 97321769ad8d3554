"""Guards of the expansion orders: zero modes, ranks and minors of the light block.

Used by :mod:`symseesaw.api` to make sure that a truncation never drops or
falsifies a light mass: the number of exact zero modes of the mass matrix (at
a generic exact point), the numerical rank of a series block, and the leading
parts of the ``k x k`` minors of the light block (the products of the ``k``
largest light masses at leading order).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import combinations

import mpmath
import sympy as sp

from .algebra.matrix import SeriesMatrix
from .algebra.series import INF, Series
from .linalg.evaluate import evaluate_tables, term_tables
from .linalg.orders import leading_exponents

__all__ = ["MAX_MINOR_CHECK", "altered_minor", "numeric_rank", "random_point", "series_rank",
           "shortfall", "zero_modes"]


def shortfall(prec: Sequence[float], need: Sequence[float], short: list[float]) -> None:
    """Raise ``short[k]`` to ``need[k] - prec[k]`` where the precision falls short."""
    for k, (p, b) in enumerate(zip(prec, need)):
        if b != INF and p < b:
            short[k] = max(short[k], b - p)


def random_point(symbols, seed: int = 20261129) -> dict:
    """A generic exact point: rationals in (1/2, 2), complex ones for complex symbols."""
    rng = random.Random(seed)
    point = {}
    for s in sorted(symbols, key=str):
        re = sp.Rational(rng.randint(50, 200), rng.randint(90, 110))
        if s.is_real:
            point[s] = re
        else:
            point[s] = re + sp.I * sp.Rational(rng.randint(20, 90), rng.randint(90, 110))
    return point


def _rank(A: mpmath.matrix, dps: int) -> int:
    """Numerical rank: singular values above ``10**-(dps/2)`` of the largest."""
    sv = mpmath.svd(A, compute_uv=False)
    top = max(abs(x) for x in sv)
    if top == 0:
        return 0
    return sum(1 for x in sv if abs(x) > top * mpmath.mpf(10) ** (-dps // 2))


def numeric_rank(matrix: sp.Matrix, point: dict, dps: int = 60) -> int:
    """Rank of a sympy matrix at ``point``."""
    with mpmath.workdps(dps):
        values = matrix.xreplace(point)
        A = mpmath.matrix([[mpmath.mpmathify(sp.N(values[i, j], dps))
                            for j in range(values.cols)] for i in range(values.rows)])
        return _rank(A, dps)


def series_rank(block: SeriesMatrix, point: dict, dps: int = 60) -> int:
    """Rank of a series matrix at ``point``, evaluated term by term (no sympy build).

    The terms are summed by :mod:`symseesaw.linalg.evaluate`, as the numeric
    callables of the numerics layer do; only the generators used are evaluated.
    """
    rows, cols = block.shape
    used, tables = term_tables([x for row in block.rows for x in row])
    generators = block.alg.registry.generators
    with mpmath.workdps(dps):
        values = evaluate_tables(tables, [mpmath.mpmathify(sp.N(
            generators[i].expr.xreplace(point), dps)) for i in used])
        return _rank(mpmath.matrix([values[r * cols:(r + 1) * cols] for r in range(rows)]), dps)


def zero_modes(mass_matrix: sp.Matrix) -> int:
    """Number of exactly massless states of ``mass_matrix`` (generic point)."""
    point = random_point(mass_matrix.free_symbols)
    return mass_matrix.rows - numeric_rank(mass_matrix, point)


#: Largest light block whose minors are all checked (beyond: rank check only).
MAX_MINOR_CHECK = 4


def _minors(block: SeriesMatrix, k: int) -> list[Series]:
    """All ``k x k`` minors of ``block`` (Laplace expansion, memoized)."""
    n = block.shape[0]
    memo: dict[tuple, Series] = {}

    def det(rows: tuple[int, ...], cols: tuple[int, ...]) -> Series:
        key = (rows, cols)
        if key not in memo:
            if len(rows) == 1:
                memo[key] = block[rows[0], cols[0]]
            else:
                total = block.alg.zero()
                for c, col in enumerate(cols):
                    entry = block[rows[0], col]
                    if entry.terms:
                        sub = det(rows[1:], cols[:c] + cols[c + 1:])
                        term = entry * sub
                        total = total - term if c % 2 else total + term
                memo[key] = total
        return memo[key]

    return [det(r, c) for r in combinations(range(n), k) for c in combinations(range(n), k)]


def altered_minor(truncated: SeriesMatrix, working: SeriesMatrix
                   ) -> tuple[int | None, list[float]]:
    """Smallest ``k`` whose ``k x k`` minors change their leading part, and a shortfall.

    The products of the ``k`` largest light masses are fixed at leading order by
    the leading parts of the ``k x k`` minors, so a truncation that keeps every
    minor's leading part keeps every light mass at leading order. Returns
    ``(k, [])`` for the first altered order ``k``, ``(None, short)`` otherwise,
    where ``short`` (per small parameter, then total) is how much more working
    precision the judgement of some minor needs (all zero: every minor judged).
    """
    alg = truncated.alg
    n_small = len(alg.small_idx)
    short = [0.0] * (n_small + 1)
    n = truncated.shape[0]
    if n > MAX_MINOR_CHECK:
        return None, short
    saved = ({s: None if b == INF else b for s, b in zip(alg.small_symbols, alg.box)},
             alg.total_max)
    # minors are polynomials in the entries: compute them as far as the working
    # block can vouch for them (entry precision plus k-1 times the entry scale)
    lows = [min(x.low[j] for row in working.rows for x in row) for j in range(n_small + 1)]
    precs = [min(x.prec[j] for row in working.rows for x in row) for j in range(n_small + 1)]
    alg.set_truncation({s: None if p == INF else int(p + (n - 1) * max(lo, 0))
                        for s, p, lo in zip(alg.small_symbols, precs, lows)},
                       None if precs[-1] == INF else int(precs[-1] + (n - 1) * max(lows[-1], 0)))
    try:
        pairs = [(k, list(zip(_minors(truncated, k), _minors(working, k))))
                 for k in range(1, n + 1)]
    finally:
        alg.set_truncation(saved[0], None if saved[1] == INF else saved[1])
    for k, minors in pairs:
        for kept, exact in minors:
            prec = exact.prec
            reliable = exact.truncate(prec)
            lead_kept = leading_exponents(alg, [kept])
            if not lead_kept:
                if reliable.terms:
                    return k, short
                for j, p in enumerate(prec[:-1]):
                    if p != INF:  # both vanish as far as computed: look further
                        short[j] = max(short[j], 1)
                continue
            beyond = False
            for lead in lead_kept:
                degree = sum(w * e for w, e in zip(alg.weight_list, lead))
                shortfall(prec, (*lead, degree), short)
                beyond = beyond or any(e > p for e, p in zip((*lead, degree), prec))
            if beyond:
                continue
            if leading_exponents(alg, [reliable]) != lead_kept:
                return k, short
            diff = (kept - reliable).truncate(prec)
            for mono in diff.terms:
                e = alg.small_exponents(mono)
                if any(all(a <= b for a, b in zip(e, lo)) for lo in lead_kept):
                    return k, short
    return None, short
