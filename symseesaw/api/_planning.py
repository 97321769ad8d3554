"""Input checks and the planning of working orders shared by every entry point.

A margin per small parameter is planned before any truncation from the exact
blocks and raised only by a measured shortfall (see :mod:`symseesaw.api`).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

import sympy as sp

from ..algebra.convert import to_series
from ..algebra.matrix import SeriesMatrix
from ..algebra.series import INF, Algebra
from ..expansion import (
    leading_exponents,
    relative_region,
    truncate_relative,
)
from ..parsing.limits import MAX_ORDER_VALUE, MAX_WORK_ESTIMATE, InputError
from ..result import CONVENTIONS

#: Largest number of working orders beyond the requested one, per small parameter.
MAX_MARGIN = 12
#: Orders beyond the request used to read the exact blocks before planning margins.
PROBE_ORDERS = 6
MODES = ("full", "blocks")


# ---------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------


def _check_inputs(mass_matrix, n_light, small, total, weights, convention, mode):
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; choose one of {MODES}")
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}; choose one of {CONVENTIONS}")
    mass_matrix = sp.Matrix(mass_matrix)
    if mass_matrix.rows != mass_matrix.cols:
        raise ValueError(f"mass matrix must be square, got {mass_matrix.shape}")
    if isinstance(n_light, bool) or not isinstance(n_light, int):
        raise ValueError(f"n_light must be an integer, got {n_light!r}")
    if not 0 < n_light < mass_matrix.rows:
        raise ValueError(f"n_light must be between 1 and {mass_matrix.rows - 1} for a "
                         f"{mass_matrix.rows}x{mass_matrix.rows} matrix, got {n_light}")
    if not small:
        raise ValueError("no small parameter declared: pass small={symbol: order}, e.g. "
                         "{epsilon: 2}, naming what makes M_D small compared with M_R")
    out = {}
    for s, o in small.items():
        if not isinstance(s, sp.Symbol):
            raise ValueError(f"small parameters must be sympy Symbols, got {s!r}")
        if s.is_real is not True:
            raise ValueError(f"small parameter {s} must be a real symbol: declare it with "
                             "real=True or positive=True")
        if isinstance(o, bool) or int(o) != o:
            raise ValueError(f"order of {s} must be an integer, got {o!r}")
        if o < 0:
            raise ValueError(f"order of {s} must be non-negative (0 is the leading order), "
                             f"got {o}")
        if o > MAX_ORDER_VALUE:
            raise ValueError(f"order {o} of {s} is beyond the supported {MAX_ORDER_VALUE}")
        out[s] = int(o)
    if total is not None and (int(total) != total or total < 0):
        raise ValueError(f"total must be a non-negative integer, got {total!r}")
    for s in weights or {}:
        if s not in out:
            raise ValueError(f"weight given for {s}, which is not a small parameter")
    return mass_matrix, out


# ---------------------------------------------------------------------------
# margins
# ---------------------------------------------------------------------------


def _new_algebra(small, total, weights, box, total_box) -> Algebra:
    alg = Algebra(dict(small), total=total, weights=dict(weights or {}))
    alg.set_truncation(dict(zip(small, box)), total_box)
    return alg


def _working_algebra(small, total, weights, margins, *, ray: bool = False,
                     unbounded: frozenset = frozenset()) -> Algebra:
    """Algebra truncated ``margins`` (per small parameter, then total) beyond the request.

    ``ray``: only the weighted total order truncates (no box per parameter), at
    ``total`` (default: the smallest requested order) plus its margin.
    ``unbounded``: small parameters brought in by ``light_scales`` (their powers
    can be negative, ``t^4/R``): no box for them; the total order bounds every
    term at the sum of all working boxes instead, so that no term inside the
    boxes is lost and a product never lowers the precision (every term of the
    blocks has a non-negative total degree).
    """
    if unbounded:
        boxes = [o + m for o, m in zip(small.values(), margins)]
        return _new_algebra(small, total, weights,
                            [None if s in unbounded else b for s, b in zip(small, boxes)],
                            sum(w * b for w, b in zip(
                                [int((weights or {}).get(s, 1)) for s in small], boxes)))
    if ray:
        base = min(small.values()) if total is None else total
        return _new_algebra(small, total, weights, [None] * len(small), base + margins[-1])
    return _new_algebra(small, total, weights, [o + m for o, m in zip(small.values(), margins)],
                        None if total is None else total + margins[-1])


def _plan_margins(mass_matrix: sp.Matrix, n_light: int, small, total, weights
                  ) -> list[int]:
    """Margins per small parameter (then total), read from the *untruncated* blocks.

    A light mass is of order ``M_D^2 / M_R`` and ``M_L``: a parameter that
    enters every Dirac entry at least to power ``k`` (every ``M_L`` entry to
    power ``l``) needs ``max(2k, l)`` orders beyond the requested relative one.
    The blocks are read in an algebra truncated ``PROBE_ORDERS`` beyond that.
    """
    orders = list(small.values())
    probe = _new_algebra(small, total, weights, [o + PROBE_ORDERS for o in orders],
                         None if total is None else total + PROBE_ORDERS)
    blocks = {"D": mass_matrix[:n_light, n_light:], "L": mass_matrix[:n_light, :n_light]}
    margins = [0] * (len(small) + 1)
    for name, block in blocks.items():
        entries = [to_series(probe, x) for x in block if x != 0]
        entries = [x for x in entries if x.terms]
        if not entries:
            continue
        factor = 2 if name == "D" else 1
        for k in range(len(small)):
            lowest = max(min(probe.small_exponents(m)[k] for m in x.terms) for x in entries)
            margins[k] = max(margins[k], factor * max(0, lowest))
        margins[-1] = max(margins[-1], factor * max(0, max(x.min_degree() for x in entries)))
    return margins


def _grow_margins(margins, short, small, reason) -> list[int]:
    out = list(margins)
    for k, s in enumerate(short):
        if s > 0:
            out[k] += int(s)
            if out[k] > MAX_MARGIN:
                name = "the total order" if k == len(small) else str(list(small)[k])
                raise ValueError(
                    f"{reason} needs more than {MAX_MARGIN} working orders of {name} beyond "
                    "the requested one: the leading terms are too suppressed to be reached; "
                    "check that the declared small parameters make M_D and M_L small "
                    "compared with M_R")
    return out


def _suppressed_parameters(alg, mass_matrix, n_light, light_masses) -> list[float]:
    """Shortfall for massless light states: raise by one the small parameters in ``M_R``.

    Falls back to every parameter whose working order limits the massless
    states when ``M_R`` holds no small parameter.
    """
    # read M_R beyond the working truncation: a parameter that is only there (the
    # inverse seesaw's delta*mu at order 0) would be truncated away at the working box
    probe = _new_algebra(alg.small, alg.total, alg.weights,
                         [b + PROBE_ORDERS for b in alg.box],
                         None if alg.total_max is None else alg.total_max + PROBE_ORDERS)
    heavy = mass_matrix[n_light:, n_light:]
    short = [0.0] * (len(alg.small) + 1)
    for x in heavy:
        if x == 0:
            continue
        for mono in to_series(probe, x).terms:
            for k, e in enumerate(probe.small_exponents(mono)):
                if e > 0:
                    short[k] = 1
    if not any(short):
        for mass in light_masses:
            if not mass.terms:
                for k, p in enumerate(mass.prec[:-1]):
                    if p != INF:
                        short[k] = 1
    return short


def _lowest_prec(matrix: SeriesMatrix, n: int) -> list[float]:
    """Per component (small parameters, then total), the lowest precision of any entry."""
    return [min(x.prec[k] for row in matrix.rows for x in row) for k in range(n)]


def _block_region(alg: Algebra, block: SeriesMatrix, order) -> list[tuple[float, ...]]:
    """Relative region of a block: ``order`` beyond the leading part of all its entries."""
    return relative_region(alg, leading_exponents(alg, [x for row in block.rows for x in row]),
                           order)


def _truncate_block(alg: Algebra, block: SeriesMatrix, order) -> SeriesMatrix:
    """Every entry to ``order`` relative to the leading part of the whole block."""
    boxes = _block_region(alg, block, order)
    return block.map(lambda x: truncate_relative(x, boxes))


# ---------------------------------------------------------------------------
# cost guard
# ---------------------------------------------------------------------------


def monomial_pairs(box: list[float], total_box: float, weights: list[int]) -> int:
    """Pairs of small-parameter monomials whose product lies in the truncation.

    The region is ``0 <= e_s <= box[s]`` (``INF``/``None``: no box) and
    ``sum_s weights[s] e_s <= total_box`` (``INF``/``None``: no total).
    A target exponent vector ``c`` is reached by ``prod_s (c_s + 1)`` pairs, so
    this counts the coefficient products one truncated series product can
    need. Without a total order it is ``prod_s (B_s + 1)(B_s + 2) / 2``; with
    one, a dynamic programme over the weighted degree.
    """
    boxes = [INF if b is None else b for b in box]
    total_box = INF if total_box is None else total_box
    if total_box == INF:
        pairs = 1
        for b in boxes:
            pairs *= (int(b) + 1) * (int(b) + 2) // 2
        return pairs
    top = int(total_box)
    by_degree = [1] + [0] * top          # by_degree[t]: pairs of weighted degree t so far
    for b, w in zip(boxes, weights):
        w = max(int(w), 1)
        reach = top // w if b == INF else min(int(b), top // w)
        new = [0] * (top + 1)
        for t, count in enumerate(by_degree):
            if count:
                for c in range(min(reach, (top - t) // w) + 1):
                    new[t + w * c] += count * (c + 1)
        by_degree = new
    return sum(by_degree)


def work_estimate(alg: Algebra, size: int) -> int:
    """Up-front estimate of the work of an expansion in the working algebra ``alg``.

    ``size**3`` (a product of two ``size x size`` series matrices) times
    :func:`monomial_pairs` of the working truncation, computed from the
    truncation alone, before any arithmetic. It bounds the coefficient products
    of one matrix product when every series fills its truncation; sparse
    series (entries that are monomials in few fixed combinations of the small
    parameters) cost far less, so it is an upper bound, not a prediction.

    Measured (CPU seconds of ``seesaw_expansion``, flint kernel, this 2-core
    machine loaded by other jobs; estimate with the planned margins):

    ==============================  ==========  =========  ==========
    case                            estimate    CPU (s)    s per 1e6
    ==============================  ==========  =========  ==========
    toy 2x2, order 10               728         0.03       --
    docs/models/*.toml (defaults)   <= 3,240    <= 0.08    --
    linear 3x3 (2 params) order 4   21,168      0.12       5.7
    linear 3x3, order 8             117,612     0.51       4.3
    linear 3x3, order 12            388,800     1.78       4.6
    linear 3x3, order 14            632,043     2.54       4.0
    linear 3x3, order 18            1,440,747   9.44       6.6
    linear 3x3, order 20            2,056,752   11.97      5.8
    linear 3x3, order 24            3,857,868   29.11      7.5
    linear 3x3, order 30            8,497,467   94.43      11.1
    seed001-no 5x5, order 2         28,125      0.07       2.5
    seed001-no 5x5, order 10        1,035,125   0.34       0.33
    seed001-no 5x5, order 20        9,522,000   1.72       0.18
    bench_seesaw (b), 4 params, 2   405,000     0.53       1.3
    bench_seesaw (b), 4 params, 3   2,625,000   2.48       0.94
    bench_seesaw (b), 4 params, 4   11,812,500  33.79      2.9
    ==============================  ==========  =========  ==========

    CPU time grows about linearly with the estimate for the dense linear seesaw
    (4-11 s per 10^6, the rate rising slowly as coefficients grow); the sparse
    seed 001 model stays 30x below that line, the four-parameter 5x5 of
    ``benchmarks/bench_seesaw.py`` (b) (orders ``t, rho2, rho3, chi`` all ``N``)
    in between. The budget
    :data:`~symseesaw.parsing.limits.MAX_WORK_ESTIMATE` = 10^7 is thus one to
    two minutes of kernel CPU at the dense rate (more for output and proofs);
    the largest estimate in the test suite, benchmarks and paper
    reproductions is 3.3e6 (``light_scales`` in ``tests/papers/test_hierarchy_R``),
    the docs examples stay below 4e3. Refused: the linear seesaw above order 31
    (order 50: 4.7e7 before margins), seed001-no above order 20 (order 50:
    2.2e8), the four-parameter (b) at order 4.
    """
    return size ** 3 * monomial_pairs(list(alg.box), alg.total_max, list(alg.weight_list))


_SLOW_ALLOWED: contextvars.ContextVar[bool] = contextvars.ContextVar("slow_allowed",
                                                                     default=False)


@contextlib.contextmanager
def slow_allowed(enabled: bool = True) -> Iterator[None]:
    """Within this block (``enabled``), expansions above the work budget run.

    The same as ``allow_slow=True`` on every call inside, for callers that do
    not call the API themselves (the CLI's ``--allow-slow`` around a paper
    reproduction's ``derive``). The budget is
    :data:`~symseesaw.parsing.limits.MAX_WORK_ESTIMATE`.
    """
    token = _SLOW_ALLOWED.set(enabled or _SLOW_ALLOWED.get())
    try:
        yield
    finally:
        _SLOW_ALLOWED.reset(token)


def _check_cost(alg: Algebra, size: int, allow_slow: bool) -> None:
    """Refuse, before any arithmetic, an expansion estimated above the budget."""
    if allow_slow or _SLOW_ALLOWED.get():
        return
    estimate = work_estimate(alg, size)
    if estimate > MAX_WORK_ESTIMATE:
        raise InputError(
            f"estimated work {estimate:.2e} (a {size}x{size} matrix, working truncation "
            f"{_truncation_text(alg)}) is above the budget {MAX_WORK_ESTIMATE:.0e} and could "
            "run for many minutes: lower the orders, give a total order (total=, or total in "
            "the model file), or pass allow_slow=True / --allow-slow")


def _check_requested_cost(small, total, weights, size: int, allow_slow: bool) -> None:
    """:func:`_check_cost` at the requested orders (no margin), a lower bound of the work.

    Checked before :func:`_plan_margins` converts the blocks to series.
    """
    _check_cost(_working_algebra(small, total, weights, [0] * (len(small) + 1)), size,
                allow_slow)


def _truncation_text(alg: Algebra) -> str:
    parts = [f"{s}<={b}" for s, b in zip(alg.small_symbols, alg.box) if b != INF]
    if alg.total_max != INF:
        parts.append(f"total<={alg.total_max}")
    return ", ".join(parts)
