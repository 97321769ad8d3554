"""Full mode: :func:`seesaw_expansion` (mixing matrix ``U`` and masses).

The block diagonalization, then the perturbative diagonalization of each block
around its leading order, with the retry loop that raises a margin by its
measured shortfall; :func:`_store_diagonal` and :func:`_diagonal_shortfall`
are shared with :func:`symseesaw.api.single.diagonalize`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp

from ..algebra.convert import substitute
from ..algebra.matrix import SeriesMatrix
from ..algebra.series import INF, Algebra, Series
from ..expansion import (
    SeesawBlocks,
    SeesawExpansion,
    enclosing_bounds,
    leading_exponents,
    relative_region,
    truncate_relative,
)
from ..light_guard import shortfall
from ..light_guard import zero_modes as count_zero_modes
from ..linalg.blockdiag import BlockDiagonalization, block_diagonalize
from ..linalg.group_takagi import group_takagi, group_vector_need
from ..linalg.perturb import BlockDiagonalizationResult, diagonalize_block
from ._planning import (
    _check_cost,
    _check_inputs,
    _check_requested_cost,
    _grow_margins,
    _lowest_prec,
    _plan_margins,
    _suppressed_parameters,
    _truncate_block,
    _working_algebra,
)
from .blocks import seesaw_blocks


def seesaw_expansion(
    mass_matrix,
    n_light: int,
    small: Mapping[sp.Symbol, int],
    *,
    total: int | None = None,
    weights: Mapping[sp.Symbol, int] | None = None,
    light_basis=None,
    heavy_basis=None,
    quasi_degenerate_light: Sequence[Sequence[int]] = (),
    quasi_degenerate_heavy: Sequence[Sequence[int]] = (),
    convention: str = "UT_M_U",
    mode: str = "full",
    light_scales: Mapping[sp.Symbol, sp.Expr] | None = None,
    allow_slow: bool = False,
) -> SeesawExpansion | SeesawBlocks:
    """Diagonalize ``M = [[M_L, M_D], [M_D^T, M_R]]`` order by order.

    Parameters
    ----------
    mass_matrix : sympy.Matrix
        Symmetric ``(n_light + n_heavy)``-square matrix; ``M_D`` (upper right)
        is ``n_light x n_heavy``, so ``m_light = -M_D M_R^-1 M_D^T`` at leading order.
    n_light : int
        Number of light states.
    small : dict
        Small parameter (real Symbol) -> relative order to keep (0 = leading order).
    total : int, optional
        Also truncate at this weighted total relative order.
    weights : dict, optional
        Weights of the small parameters in the total order (default 1).
    light_basis, heavy_basis : sympy.Matrix, optional
        Unitary leading-order bases of the two blocks (columns are the leading
        eigenvectors, e.g. tri-bimaximal); default identity.
    quasi_degenerate_light, quasi_degenerate_heavy : sequences of index groups
        States (0-based within the block) kept together as an exact sub-block.
    convention : {"UT_M_U", "Udag_M_Ustar"}
        ``U^T M U = diag`` or the seed papers' ``U^dagger M U^* = diag``.
    mode : {"full", "blocks"}
        ``"blocks"`` returns :func:`seesaw_blocks` (bases and groups are then
        refused: blocks mode does not diagonalize the blocks).
    light_scales : dict, optional
        Hierarchies inside the blocks as genuine small parameters: exact
        symbols of ``mass_matrix`` -> expressions in small parameters (e.g.
        ``{M_2: 2 e_2**2 M_3 R / (3 e_1**2)}`` with ``R = m_2/m_3`` declared
        in ``small``). The result is the expansion of
        ``mass_matrix.xreplace(light_scales)``; the substitution is made after
        the seesaw block diagonalization (where the symbols are exact) and
        before the blocks are diagonalized, so a light state whose leading
        mass is ``R m_3`` is expanded in ``R`` inside the diagonalization.
    allow_slow : bool
        Run even when the up-front work estimate is above
        :data:`~symseesaw.parsing.limits.MAX_WORK_ESTIMATE` (default: refuse before
        any arithmetic with :class:`~symseesaw.parsing.limits.InputError`; see
        :func:`~symseesaw.api._planning.work_estimate`).

    Returns
    -------
    SeesawExpansion or SeesawBlocks

    Raises
    ------
    ValueError
        Bad shapes, non-symmetric input, singular ``M_R``, unknown convention,
        or leading terms beyond reach.
    DegenerateSplittingError
        A vanishing leading-order splitting outside a declared group.
    NotImplementedError
        Expansions that are not power series in the declared small parameters,
        or a leading block whose basis the engine cannot find (give
        ``light_basis=`` or use ``mode="blocks"``).
    """
    if mode == "blocks":
        unused = [name for name, value in (("light_basis", light_basis),
                                           ("heavy_basis", heavy_basis),
                                           ("quasi_degenerate_light", quasi_degenerate_light),
                                           ("quasi_degenerate_heavy", quasi_degenerate_heavy),
                                           ("light_scales", light_scales))
                  if value is not None and (not isinstance(value, (list, tuple, dict)) or value)]
        if unused:
            raise ValueError(f"{', '.join(unused)} only apply to mode='full' (blocks mode does "
                             "not diagonalize the blocks); drop them or use mode='full'")
        return seesaw_blocks(mass_matrix, n_light, small, total=total, weights=weights,
                             convention=convention, allow_slow=allow_slow)
    mass_matrix, small = _check_inputs(mass_matrix, n_light, small, total, weights,
                                       convention, mode)
    n = mass_matrix.rows
    n_heavy = n - n_light
    for name, basis, size in (("light_basis", light_basis, n_light),
                              ("heavy_basis", heavy_basis, n_heavy)):
        if basis is not None and sp.Matrix(basis).shape != (size, size):
            raise ValueError(f"{name} must be {size}x{size}, got {sp.Matrix(basis).shape}")
    scales = _check_scales(mass_matrix, small, light_scales)
    unbounded = frozenset(s for s in small
                          if any(s in sp.sympify(v).free_symbols for v in scales.values()))
    if scales and total is not None:
        raise NotImplementedError("light_scales with total= is not supported (a substitution "
                                  "changes total degrees): give orders per small parameter")
    input_matrix = mass_matrix
    if scales:
        mass_matrix = mass_matrix.xreplace(scales)
    order = (*small.values(), INF if total is None else total)
    _check_requested_cost(small, total, weights, n, allow_slow)
    margins = _plan_margins(mass_matrix, n_light, small, total, weights)
    zero_modes = None
    ray = False
    while True:
        alg = _working_algebra(small, total, weights, margins, ray=ray, unbounded=unbounded)
        _check_cost(alg, n, allow_slow)
        parts = _expand_full(alg, input_matrix, n_light, light_basis, heavy_basis,
                             quasi_degenerate_light, quasi_degenerate_heavy, scales)
        U, bd, light, heavy = parts
        if not ray and (light.mixed_splittings or heavy.mixed_splittings):
            if unbounded:
                raise NotImplementedError(
                    "a leading splitting mixes small parameters and light_scales are given; "
                    "use one of the two")
            # a leading splitting mixes small parameters: only the total order along
            # rays s = t * s0 is meaningful (see mixed_inverse); redo in that counting
            ray = True
            order = (*[INF] * len(small), min(small.values()) if total is None else total)
            continue
        # cross-branch: shared with diagonalize (papers-api)
        short, regions = _diagonal_shortfall(alg, (light, heavy), U, order)
        masses = light.masses + heavy.masses
        if not any(short):
            unresolved = [i for i, m in enumerate(light.masses) if not m.terms]
            if unresolved:
                if zero_modes is None:
                    zero_modes = count_zero_modes(mass_matrix)
                if len(unresolved) > zero_modes:
                    short = _suppressed_parameters(alg, mass_matrix, n_light, light.masses)
                    if not any(short):
                        raise ValueError(
                            f"light state(s) {[i + 1 for i in unresolved]} come out massless "
                            "to the working order but the matrix has only "
                            f"{zero_modes} zero mode(s): the expansion cannot reach their "
                            "masses; declare the small parameters that suppress them")
        if not any(short):
            break
        margins = _grow_margins(margins, short, small, "the requested order")
    result = _full_result(alg, mass_matrix, n_light, small, order[-1] if ray else total,
                          convention, order, U, masses, regions, bd, light, heavy, margins)
    if ray:
        pairs = [(offset + i, offset + j) for offset, res in ((0, light), (n_light, heavy))
                 for i, j in res.mixed_splittings]
        result.notes.append(
            "the leading splitting of states "
            + ", ".join(f"{i + 1} and {j + 1}" for i, j in pairs)
            + " mixes different small parameters: its inverse is an exact atom (the "
            "denominators 1/(...) holding ratios of small parameters), so the expansion "
            "is one in the common scale t of all small parameters (s = t * s0), kept to "
            f"total order {order[-1]} (the smallest requested order when total is not "
            "given); orders per small parameter do not apply")
    return result


def _check_scales(mass_matrix: sp.Matrix, small, light_scales) -> dict:
    """``light_scales`` checked: non-small symbols of the matrix -> expressions without them."""
    scales = dict(light_scales or {})
    for symbol, value in scales.items():
        if not isinstance(symbol, sp.Symbol) or symbol not in mass_matrix.free_symbols:
            raise ValueError(f"light_scales key {symbol!r} is not a symbol of the mass matrix; "
                             "give {symbol: expression in small parameters}")
        if symbol in small:
            raise ValueError(f"light_scales key {symbol} is a small parameter; only exact "
                             "symbols are re-expressed")
        value = sp.sympify(value)
        if value.free_symbols & set(scales):
            raise ValueError(f"light_scales value of {symbol} uses a re-expressed symbol "
                             f"({sorted(map(str, value.free_symbols & set(scales)))}); give "
                             "each in the remaining symbols")
        if not value.free_symbols & set(small):
            raise ValueError(f"light_scales value of {symbol} holds no small parameter: "
                             "substitute it in the mass matrix instead")
        scales[symbol] = value
    return scales


def _block_leading(alg: Algebra, res: BlockDiagonalizationResult) -> tuple[int, ...]:
    """Small-parameter exponents of a block's leading masses (largest per parameter)."""
    exps = [e for d in res.leading_masses for e in leading_exponents(alg, [d])]
    if not exps:
        return (0,) * len(alg.small_idx)
    return tuple(max(e[k] for e in exps) for k in range(len(alg.small_idx)))


def _expand_full(alg, mass_matrix, n_light, light_basis, heavy_basis, qd_light, qd_heavy,
                 scales=None):
    """Block-diagonalize, then diagonalize both blocks, at the truncation of ``alg``.

    ``scales`` (symbol -> expression in small parameters) is substituted into
    ``W`` and both blocks after the block diagonalization, before the blocks
    are diagonalized (see ``light_scales`` of :func:`seesaw_expansion`).
    """
    n = mass_matrix.rows
    M = SeriesMatrix.from_sympy(alg, mass_matrix)
    bd = block_diagonalize(M, n_light)
    if scales:
        def rescale(x: Series) -> Series:
            # the substitution is exact and the source, of total degree below its
            # boxes' sum, lost nothing to the total order: the source's precision holds
            try:
                y = substitute(x, alg, scales)
            except ZeroDivisionError:  # a power of a re-expressed symbol beyond the order
                y = None
            if y is None or (y.terms and min(alg.degree(m) for m in y.terms) < 0):
                raise NotImplementedError(
                    f"light_scales {scales} give the seesaw blocks a term of negative total "
                    f"order ({x.to_sympy()}): a re-expressed symbol divides a term that is "
                    "not small enough for it to be a small parameter here; keep it exact")
            return Series(alg, y.terms, low=y.low, prec=x.prec)
        bd = BlockDiagonalization(bd.W.map(rescale), bd.B.map(rescale), bd.light.map(rescale),
                                  bd.heavy.map(rescale), bd.iterations)
    V0l = None if light_basis is None else _basis_series(alg, light_basis, "light_basis")
    V0h = None if heavy_basis is None else _basis_series(alg, heavy_basis, "heavy_basis")
    try:
        light = diagonalize_block(bd.light, V0l, quasi_degenerate=qd_light, block_name="light",
                                  state_names=[f"{i + 1} (light)" for i in range(n_light)])
        heavy = diagonalize_block(bd.heavy, V0h, quasi_degenerate=qd_heavy, block_name="heavy",
                                  state_names=[f"{n_light + i + 1} (heavy)"
                                               for i in range(n - n_light)])
    except NotImplementedError as exc:
        if "leading basis" in str(exc) or "leading-order basis" in str(exc):
            raise NotImplementedError(
                f"{exc}; or use seesaw_blocks(...) / mode='blocks' for the effective light "
                "and heavy mass matrices without diagonalizing them") from exc
        raise
    V = SeriesMatrix.block([
        [light.V, SeriesMatrix.zeros(alg, n_light, n - n_light)],
        [SeriesMatrix.zeros(alg, n - n_light, n_light), heavy.V],
    ])
    U = bd.W @ V
    return U, bd, light, heavy


def _basis_series(alg: Algebra, basis: sp.MatrixBase, name: str) -> SeriesMatrix:
    """A given leading basis as series; symbolic roots (``1/sqrt(a**2 + b**2)``) refused.

    The series algebra holds square roots of rational numbers exactly, but a
    root of a symbolic expression would be an opaque symbol whose square it
    cannot recognize, so the unitarity check (and everything after it) would
    fail on a correct basis.
    """
    for entry in sp.Matrix(basis):
        root = next((p for p in sp.sympify(entry).atoms(sp.Pow)
                     if p.free_symbols and not p.exp.is_Integer), None)
        if root is not None:
            raise NotImplementedError(
                f"{name} holds the symbolic root {root}: the series algebra takes square "
                "roots of numbers only; parametrize the couplings so the norm is a polynomial "
                "(a = r*(1 - s**2), b = 2*r*s gives sqrt(a**2 + b**2) = r*(1 + s**2)) and give "
                "the rational basis, or use blocks mode (seesaw_blocks / mode = \"blocks\")")
    return SeriesMatrix.from_sympy(alg, basis)


def _full_result(alg, mass_matrix, n_light, small, total, convention, order, U, masses,
                 regions, bd, light, heavy, margins) -> SeesawExpansion:
    result = SeesawExpansion(alg, small, total, convention, mass_matrix, n_light)
    # cross-branch: the mixing, masses and groups are stored as diagonalize stores them
    _store_diagonal(result, ((0, light), (n_light, heavy)), U, masses, regions, order, margins)
    for name, block in (("light_mass_matrix", bd.light), ("heavy_mass_matrix", bd.heavy)):
        result._store(name, _truncate_block(alg, block, order))
    result.blockdiag = bd
    result.heavy = heavy
    return result


def _refuse_undiagonal_groups(blocks, mass_bounds) -> None:
    """A group of more than two states is reported only when its block is diagonal.

    Its masses are then the block's diagonal entries to the kept order; otherwise
    they are not polynomial, and full mode would have to report the diagonal
    entries as masses (wrong numbers), so it refuses instead.
    """
    for offset, res in blocks:
        for group in res.groups:
            if group.size <= 2 or group.exact_block is None:
                continue
            block = group.exact_block.truncate(mass_bounds[offset + group.indices[0]])
            if any(not block.rows[i][j].is_zero() for i in range(group.size)
                   for j in range(group.size) if i != j):
                states = [offset + k + 1 for k in group.indices]
                raise NotImplementedError(
                    f"states {states} form a quasi-degenerate group of {group.size} states "
                    "whose block is not diagonal to the kept order: its masses are not "
                    "polynomial and full mode would report its diagonal entries; use "
                    "mode='blocks' (seesaw_blocks) for the block itself, or give a basis "
                    "(light_basis=/heavy_basis=) that diagonalizes its leading part")


def _diagonal_shortfall(alg: Algebra, results: Sequence[BlockDiagonalizationResult],
                        U: SeriesMatrix, order) -> tuple[list[float], list]:
    """Working orders missing for ``U`` and the masses of ``results``; each mass's region.

    A mass that vanishes to the working order (a zero mode, checked by the
    caller) is judged on the scale of its block.
    """
    short = [0.0] * len(order)
    for res in results:
        shortfall(res.valid, order, short)
    shortfall(_lowest_prec(U, len(order)), order, short)
    regions = []
    for res in results:
        for group in res.groups:
            need = group_vector_need(alg, group, order)
            for x in (y for row in group.exact_block.rows for y in row) if need else ():
                shortfall(x.prec, need, short)
        fallback = _block_leading(alg, res)
        for mass in res.masses:
            boxes = relative_region(alg, leading_exponents(alg, [mass]) or [fallback], order)
            regions.append(boxes)
            shortfall(mass.prec, enclosing_bounds(boxes, len(order) - 1), short)
    return short, regions


def _store_diagonal(result: SeesawExpansion, blocks, U: SeriesMatrix, masses: list[Series],
                    regions: list, order, margins) -> None:
    """Store ``U`` (turned to the Takagi vectors of two-state groups) and the masses.

    ``blocks``: ``(offset, diagonalization record)`` of each diagonalized block;
    the first is kept as ``result.light``.
    """
    mass_bounds = [enclosing_bounds(b, len(result.small)) for b in regions]
    _refuse_undiagonal_groups(blocks, mass_bounds)
    rotation, group_masses = group_takagi(result.algebra, result.mass_matrix.rows, blocks,
                                          mass_bounds, order)
    U = U @ rotation
    mixing = U.truncate(order)
    result._store("mixing", mixing.conj() if result.convention == "Udag_M_Ustar" else mixing)
    result._store("masses", [group_masses[i] if i in group_masses else truncate_relative(m, b)
                             for i, (m, b) in enumerate(zip(masses, regions))])
    result.U_series = U
    result.mass_series = [group_masses.get(i, m) for i, m in enumerate(masses)]
    result.mass_regions = regions
    result.mass_bounds = mass_bounds
    result.mixing_bounds = order
    result.light = blocks[0][1]
    result.margins = tuple(margins)
    result.group_masses = {i: x.to_sympy() for i, x in group_masses.items()}
    result.subspace_groups = [
        [offset + i for i in group.indices] for offset, res in blocks for group in res.groups
        if not group.has_closed_form_vectors]
