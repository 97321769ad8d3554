"""High-level API: seesaw expansions of a symbolic Majorana mass matrix.

Two modes share the pipeline sympy input -> series algebra -> seesaw block
diagonalization (-> perturbative diagonalization of each block):

* :func:`seesaw_expansion` (``mode="full"``): mixing matrix ``U`` and masses;
* :func:`seesaw_blocks` (``mode="blocks"``): the block diagonalization alone --
  light and heavy effective mass matrices, the unitary ``W``, the active-heavy
  mixing ``Theta`` and the non-unitarity ``eta`` -- for any real or complex
  texture (no leading basis needed).

:func:`diagonalize` applies the second step alone to one matrix (no seesaw);
:func:`as_series` and :func:`reexpress` let a script combine a result's series
with sympy input or re-read it in other small parameters.

Orders are *relative* and order 0 is the leading order (see
:mod:`symseesaw.expansion`): with ``small={eps: 2}`` the mixing matrices keep
terms up to ``eps**2`` and every mass (every effective block entry) keeps
corrections up to ``eps**2`` relative to its whole leading part.

Working orders. The engine computes in an algebra truncated beyond the
requested orders by a *margin* per small parameter, planned before any
truncation from the exact blocks (light masses are of second order in
``M_D M_R^-1`` and of first order in ``M_L``). If a quantity then turns out to
need more (a light mass suppressed by a small entry of ``M_R``, as ``mu`` in
the inverse seesaw, or by cancellations), only the parameters that fell short
are raised, by their shortfall, and the expansion is repeated. A light mass
that vanishes at every working order although the exact matrix has no
corresponding zero mode is an error, never a silent ``0``.

Size: the public entry points (full and blocks mode, :func:`diagonalize`) share
the input checks, the margin planning and the retry loop that makes orders
physical; they stay in one module so that the working orders have one definition.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp
from sympy.external.gmpy import MPQ

from .algebra.convert import substitute, to_series
from .algebra.matrix import SeriesMatrix
from .algebra.series import INF, Algebra, Series
from .expansion import (
    Expansion,
    SeesawBlocks,
    SeesawExpansion,
    enclosing_bounds,
    leading_exponents,
    relative_region,
    truncate_relative,
)
from .light_guard import altered_minor, random_point, series_rank, shortfall
from .light_guard import zero_modes as count_zero_modes
from .linalg.blockdiag import BlockDiagonalization, block_diagonalize
from .linalg.group_takagi import group_takagi, group_vector_need
from .linalg.perturb import BlockDiagonalizationResult, diagonalize_block
from .parsing.limits import MAX_ORDER_VALUE
from .result import CONVENTIONS

__all__ = ["SeesawBlocks", "SeesawExpansion", "seesaw_blocks", "seesaw_expansion",
           "MAX_MARGIN", "as_series", "diagonalize", "reexpress"]

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


# ---------------------------------------------------------------------------
# public entry points
# ---------------------------------------------------------------------------


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
                  if value is not None and (not isinstance(value, (list, tuple)) or value)]
        if unused:
            raise ValueError(f"{', '.join(unused)} only apply to mode='full' (blocks mode does "
                             "not diagonalize the blocks); drop them or use mode='full'")
        return seesaw_blocks(mass_matrix, n_light, small, total=total, weights=weights,
                             convention=convention)
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
    margins = _plan_margins(mass_matrix, n_light, small, total, weights)
    zero_modes = None
    ray = False
    while True:
        alg = _working_algebra(small, total, weights, margins, ray=ray, unbounded=unbounded)
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


def _lowest_prec(matrix: SeriesMatrix, n: int) -> list[float]:
    """Per component (small parameters, then total), the lowest precision of any entry."""
    return [min(x.prec[k] for row in matrix.rows for x in row) for k in range(n)]


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


def _block_region(alg: Algebra, block: SeriesMatrix, order) -> list[tuple[float, ...]]:
    """Relative region of a block: ``order`` beyond the leading part of all its entries."""
    return relative_region(alg, leading_exponents(alg, [x for row in block.rows for x in row]),
                           order)


def _truncate_block(alg: Algebra, block: SeriesMatrix, order) -> SeriesMatrix:
    """Every entry to ``order`` relative to the leading part of the whole block."""
    boxes = _block_region(alg, block, order)
    return block.map(lambda x: truncate_relative(x, boxes))


def seesaw_blocks(
    mass_matrix,
    n_light: int,
    small: Mapping[sp.Symbol, int],
    *,
    total: int | None = None,
    weights: Mapping[sp.Symbol, int] | None = None,
    convention: str = "UT_M_U",
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
    return _blocks(mass_matrix, n_light, small, total, weights, convention, search_hint=True)


def _blocks(mass_matrix, n_light, small, total, weights, convention, *, search_hint: bool
            ) -> SeesawBlocks:
    """:func:`seesaw_blocks`; ``search_hint`` looks for the order to suggest on refusal."""
    mass_matrix, small = _check_inputs(mass_matrix, n_light, small, total, weights,
                                       convention, "blocks")
    order = (*small.values(), INF if total is None else total)
    margins = _plan_margins(mass_matrix, n_light, small, total, weights)
    zero_modes = None
    while True:
        alg = _working_algebra(small, total, weights, margins)
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


# ---------------------------------------------------------------------------
# public helpers for paper reproductions and user scripts
# ---------------------------------------------------------------------------


def as_series(expansion: Expansion, value) -> Series | SeriesMatrix:
    """A sympy expression (or matrix) as an exact series of ``expansion``'s algebra.

    What a script needs to combine a printed quantity with the engine's series
    (``expansion.series(name)``) term by term, e.g. ``U_{e4}^2 M_1`` with
    ``M_1`` an eigenvalue of ``M_R``, or ``Theta V_R`` with a sympy ``V_R``.

    Parameters
    ----------
    expansion : Expansion
        A result of :func:`seesaw_expansion`, :func:`seesaw_blocks`,
        :func:`diagonalize` or :func:`reexpress`.
    value : sympy.Expr or sympy.Matrix
        Polynomial in the small parameters of ``expansion`` (exact numbers only).

    Returns
    -------
    Series or SeriesMatrix
        Exact: its precision is unlimited.

    Raises
    ------
    ValueError
        Floating-point numbers, or a non-polynomial use of a small parameter.
    """
    if isinstance(value, sp.MatrixBase):
        return SeriesMatrix.from_sympy(expansion.algebra, value)
    return to_series(expansion.algebra, value)


def diagonalize(
    matrix,
    small: Mapping[sp.Symbol, int],
    *,
    total: int | None = None,
    weights: Mapping[sp.Symbol, int] | None = None,
    basis=None,
    quasi_degenerate: Sequence[Sequence[int]] = (),
    convention: str = "UT_M_U",
) -> SeesawExpansion:
    """Perturbative Takagi diagonalization of one symmetric matrix, no seesaw step.

    ``matrix = M_0 + dM`` with ``dM`` of positive order in the small
    parameters: ``U^T M U = diag(m)`` (or ``U^dagger M U^* = diag(m)``) with
    ``U = basis + O(dM)`` -- the step :func:`seesaw_expansion` applies to each
    block after the block diagonalization, for a matrix that is already the
    light block (e.g. an effective ``3 x 3`` with next-to-leading-order terms).
    Orders, margins and quasi-degenerate groups are those of full mode.

    Parameters
    ----------
    matrix : sympy.Matrix
        Symmetric, at least ``2 x 2``.
    small : dict
        Small parameter (real Symbol) -> relative order kept (0 = leading
        order), as in :func:`seesaw_expansion`.
    total, weights : optional
        Weighted total relative order, as in :func:`seesaw_expansion`.
    basis : sympy.Matrix, optional
        Unitary leading basis (columns = leading eigenvectors, e.g.
        tri-bimaximal); default: found from the structure of ``M_0``.
    quasi_degenerate : sequence of index groups
        States (0-based columns of ``basis``) kept together as an exact sub-block.
    convention : {"UT_M_U", "Udag_M_Ustar"}
        ``U^T M U = diag`` or the seed papers' ``U^dagger M U^* = diag``.

    Returns
    -------
    SeesawExpansion
        Quantities ``"mixing"`` and ``"masses"`` (and ``U_series``,
        ``mass_series``, ``mass_bounds``, ``subspace_groups`` as in full
        mode; ``light`` is the diagonalization record); no effective blocks.

    Raises
    ------
    ValueError
        Bad input, or leading terms beyond reach.
    NotImplementedError
        A leading splitting that mixes small parameters, or a group whose
        masses are not polynomial (as in full mode).
    """
    matrix = sp.Matrix(matrix)
    if matrix.rows != matrix.cols or matrix.rows < 2:
        raise ValueError(f"diagonalize needs a square matrix of size 2 or more, got "
                         f"{matrix.shape}")
    matrix, small = _check_inputs(matrix, 1, small, total, weights, convention, "full")
    if basis is not None and sp.Matrix(basis).shape != matrix.shape:
        raise ValueError(f"basis must be {matrix.rows}x{matrix.rows}, got "
                         f"{sp.Matrix(basis).shape}")
    order = (*small.values(), INF if total is None else total)
    margins = [0] * len(order)
    while True:
        alg = _working_algebra(small, total, weights, margins)
        res = diagonalize_block(SeriesMatrix.from_sympy(alg, matrix),
                                None if basis is None else SeriesMatrix.from_sympy(alg, basis),
                                quasi_degenerate=quasi_degenerate)
        if res.mixed_splittings:
            raise NotImplementedError(
                "a leading splitting mixes different small parameters: diagonalize does not "
                "expand along rays; use seesaw_expansion on a block matrix, or one small "
                "parameter")
        short, regions = _diagonal_shortfall(alg, (res,), res.V, order)
        if not any(short):
            break
        margins = _grow_margins(margins, short, small, "the requested order")
    result = SeesawExpansion(alg, small, total, convention, matrix, matrix.rows)
    _store_diagonal(result, ((0, res),), res.V, res.masses, regions, order, margins)
    return result


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


def reexpress(
    expansion: Expansion,
    small: Mapping[sp.Symbol, int],
    substitutions: Mapping[sp.Symbol, sp.Expr] | None = None,
) -> Expansion:
    """The quantities of ``expansion`` in other small parameters or orders.

    Each quantity is truncated at the absolute orders ``small`` (its own small
    parameters), then every exact symbol named in ``substitutions`` is replaced
    and the result expanded in a fresh algebra with the small parameters
    ``small`` -- e.g. a hierarchy kept exact during the diagonalization
    (``M_2 = R M_3 ...``) expanded afterwards in ``R``, or a parameter renamed
    (``kappa -> chi - rho``).

    Parameters
    ----------
    expansion : Expansion
        Any engine result.
    small : dict
        Every small parameter of ``expansion`` and any new one brought in by
        ``substitutions`` (real Symbol) -> highest absolute power kept.
    substitutions : dict, optional
        Exact symbol -> sympy expression (polynomial in ``small`` or an
        invertible power series in it).

    Returns
    -------
    Expansion
        The same quantities (``series``, ``to_sympy``, ``by_order``, ...) and
        convention; ``mass_matrix`` with the substitutions made.

    Raises
    ------
    ValueError
        A small parameter of ``expansion`` missing from ``small``, a
        substituted small parameter, or a bad order.
    """
    missing = [s for s in expansion.small if s not in small]
    if missing:
        raise ValueError(f"give an order for every small parameter of the expansion: "
                         f"{', '.join(map(str, missing))} missing from small")
    replace = dict(substitutions or {})
    clash = [s for s in replace if s in small]
    if clash:
        raise ValueError(f"{', '.join(map(str, clash))} are small parameters: substitute "
                         "exact symbols only")
    matrix = expansion.mass_matrix.xreplace(replace)
    _, orders = _check_inputs(sp.eye(2), 1, small, None, None, expansion.convention, "full")
    target = Algebra(orders)
    source = expansion.algebra
    bounds = (*[orders[s] for s in source.small_symbols], INF)
    powers: dict = {}

    def convert(series: Series) -> Series:
        return substitute(series.truncate(bounds), target, replace, powers)

    result = Expansion(target, orders, None, expansion.convention, matrix, expansion.n_light)
    result.display = expansion.display
    for name in expansion.quantities:
        value = expansion.series(name)
        result._store(name, value.map(convert) if isinstance(value, SeriesMatrix)
                      else [convert(x) for x in value])
    return result
