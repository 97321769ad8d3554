"""Blocks mode: :func:`seesaw_blocks` (effective light and heavy blocks, ``W``).

The seesaw block diagonalization alone, for any real or complex texture, with
the light-rank guard that refuses a truncation dropping a light mass.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp
from sympy.external.gmpy import MPQ

from ..algebra.matrix import SeriesMatrix
from ..algebra.series import INF
from ..expansion import (
    SeesawBlocks,
    enclosing_bounds,
    leading_exponents,
)
from ..light_guard import altered_minor, random_point, series_rank, shortfall
from ..light_guard import zero_modes as count_zero_modes
from ..linalg.blockdiag import block_diagonalize
from ._planning import (
    _block_region,
    _check_cost,
    _check_inputs,
    _check_requested_cost,
    _grow_margins,
    _lowest_prec,
    _new_algebra,
    _plan_margins,
    _suppressed_parameters,
    _truncate_block,
    _working_algebra,
)


def seesaw_blocks(
    mass_matrix,
    n_light: int,
    small: Mapping[sp.Symbol, int],
    *,
    total: int | None = None,
    weights: Mapping[sp.Symbol, int] | None = None,
    convention: str = "UT_M_U",
    allow_slow: bool = False,
) -> SeesawBlocks:
    """Seesaw block diagonalization alone, for any real or complex symbolic texture.

    Parameters
    ----------
    mass_matrix : sympy.Matrix
        Symmetric ``M = [[M_L, M_D], [M_D^T, M_R]]``; symbols without
        ``real=True`` are complex (their conjugates are independent variables).
    n_light : int
        Number of light states (the first rows/columns).
    small : dict
        Small parameter (real Symbol) -> order kept: the effective mass
        matrices keep that many orders beyond the leading part of the block, ``W``,
        ``N``, ``Theta`` and ``eta`` are kept to that absolute order.
    total, weights : optional
        Weighted total order, as in :func:`seesaw_expansion`.
    convention : {"UT_M_U", "Udag_M_Ustar"}
        ``W^T M W`` block diagonal, or the papers' ``W^dagger M W^*``.
    allow_slow : bool
        Run above the work budget, as in :func:`~symseesaw.api.full.seesaw_expansion`.

    Returns
    -------
    SeesawBlocks

    Raises
    ------
    ValueError
        Bad input, a singular ``M_R``, ``M_D`` or ``M_L`` not small, or a light
        state whose mass is beyond the requested order (its leading term would
        be truncated away: the error names the order to request).

    Notes
    -----
    No light mass is dropped or falsified by the truncation: when the leading
    part of the light block does not fix every light mass (a hierarchy inside
    the block), the truncated block must have the generic rank of the exact
    light sector and keep the leading part of every ``k x k`` minor (the
    products of the ``k`` largest light masses at leading order), checked up
    to 4x4 light blocks; otherwise the request is refused.
    """
    return _blocks(mass_matrix, n_light, small, total, weights, convention, search_hint=True,
                   allow_slow=allow_slow)


def _blocks(mass_matrix, n_light, small, total, weights, convention, *, search_hint: bool,
            allow_slow: bool = False) -> SeesawBlocks:
    """:func:`seesaw_blocks`; ``search_hint`` looks for the order to suggest on refusal."""
    mass_matrix, small = _check_inputs(mass_matrix, n_light, small, total, weights,
                                       convention, "blocks")
    order = (*small.values(), INF if total is None else total)
    _check_requested_cost(small, total, weights, mass_matrix.rows, allow_slow)
    margins = _plan_margins(mass_matrix, n_light, small, total, weights)
    zero_modes = None
    while True:
        alg = _working_algebra(small, total, weights, margins)
        _check_cost(alg, mass_matrix.rows, allow_slow)
        bd = block_diagonalize(SeriesMatrix.from_sympy(alg, mass_matrix), n_light)
        short = [0.0] * len(order)
        shortfall(_lowest_prec(bd.W, len(order)), order, short)
        for block in (bd.light, bd.heavy):
            need = enclosing_bounds(_block_region(alg, block, order), len(small))
            for x in (y for row in block.rows for y in row):
                shortfall(x.prec, need, short)
        if not any(short) and all(not x.terms for row in bd.light.rows for x in row):
            if zero_modes is None:
                zero_modes = count_zero_modes(mass_matrix)
            if zero_modes < n_light:
                short = _suppressed_parameters(alg, mass_matrix, n_light,
                                               [alg.zero()] * n_light)
        if not any(short):
            break
        margins = _grow_margins(margins, short, small, "the requested order")
    result = SeesawBlocks(alg, small, total, convention, mass_matrix, n_light)
    W = bd.W.truncate(order)
    if convention == "Udag_M_Ustar":
        W = W.conj()
    n = mass_matrix.rows
    Theta = W.sub(0, n_light, n_light, n)
    result._store("light_mass_matrix", _truncate_block(alg, bd.light, order))
    result._store("heavy_mass_matrix", _truncate_block(alg, bd.heavy, order))
    result._store("W", W)
    result._store("N", W.sub(0, n_light, 0, n_light))
    result._store("Theta", Theta)
    result._store("eta", Theta.matmul(Theta.H, order).scale(MPQ(1, 2)))
    result.blockdiag = bd
    result.margins = tuple(margins)
    result.W_series = bd.W
    _check_light_rank(result, zero_modes, weights, search_hint)
    return result


def _check_light_rank(result: SeesawBlocks, zero_modes: int | None, weights,
                      search_hint: bool) -> None:
    """Refuse a truncated light block that lost a light mass (its rank dropped)."""
    if zero_modes is None:
        zero_modes = count_zero_modes(result.mass_matrix)
    expected = result.n_light - zero_modes
    if expected <= 0:
        return
    point = random_point(result.mass_matrix.free_symbols | set(result.small))
    rank = series_rank(result.series("light_mass_matrix"), point)
    altered = None
    if rank >= expected:
        light = result.series("light_mass_matrix")
        alg = result.algebra
        lead = set(leading_exponents(alg, [x for row in light.rows for x in row]))
        leading_part = light.map(lambda x: x.part(lambda m: alg.small_exponents(m) in lead))
        if series_rank(leading_part, point) >= expected:
            return  # every light mass is set by the (kept) leading part of the block
        altered = _minors_verdict(result, weights)
        if altered is None:
            return
    hint = "request a higher order"
    if search_hint:
        for extra in range(1, 5):
            higher = {s: o + extra for s, o in result.small.items()}
            try:
                _blocks(result.mass_matrix, result.n_light, higher, result.total, weights,
                        result.convention, search_hint=False)
            except ValueError:
                continue
            names = ", ".join(f"{s}: {o}" for s, o in higher.items())
            hint = f"request small={{{names}}} (every light mass then appears)"
            break
    what = (f"has rank {rank}, but {expected} light states are massive" if altered is None
            else f"changes the leading part of its {altered}x{altered} minors (so the "
                 f"leading product of {altered} light masses is wrong)")
    raise ValueError(
        f"the light mass matrix truncated at the requested order {what}: a light mass "
        f"starts beyond the requested order (a hierarchy inside the light block); {hint}")


def _minors_verdict(result: SeesawBlocks, weights) -> int | None:
    """:func:`_altered_minor` of the result, re-deriving with more working orders if needed."""
    alg = result.algebra
    working = result.blockdiag.light
    truncated = result.series("light_mass_matrix")
    order = (*result.small.values(), INF if result.total is None else result.total)
    for _ in range(3):
        altered, short = altered_minor(truncated, working)
        if altered is not None or not any(short):
            return altered
        box = [b + int(x) for b, x in zip(alg.box, short)]
        total_box = None if alg.total_max == INF else alg.total_max + int(short[-1])
        alg = _new_algebra(result.small, result.total, weights, box, total_box)
        working = block_diagonalize(SeriesMatrix.from_sympy(alg, result.mass_matrix),
                                    result.n_light).light
        truncated = _truncate_block(alg, working, order)
    return None
