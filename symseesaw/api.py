"""High-level API: full seesaw expansion of a symbolic Majorana mass matrix.

``seesaw_expansion`` chains the layers: sympy input -> series algebra ->
seesaw block diagonalization -> perturbative diagonalization of each block ->
truncated sympy output. Orders are *relative*: with ``small={eps: 2}`` the
mixing matrix keeps terms up to ``eps**2`` and every mass keeps corrections up
to ``eps**2`` relative to its own leading term (so a light mass
``m^(0) (1 + c eps^2)`` with ``m^(0) ~ eps^2`` keeps ``eps^4``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import sympy as sp

from .algebra.matrix import SeriesMatrix
from .algebra.series import INF, Algebra, Series
from .linalg.blockdiag import BlockDiagonalization, block_diagonalize
from .linalg.perturb import BlockDiagonalizationResult, diagonalize_block
from .result import CONVENTIONS

MAX_MARGIN = 8


@dataclass
class SeesawExpansion:
    """Mixing matrix and masses of a block mass matrix, order by order.

    Attributes
    ----------
    mixing_matrix : sympy.Matrix
        ``U`` in ``convention`` (``U^T M U = diag(masses)`` for ``"UT_M_U"``,
        ``U^dagger M U^* = diag(masses)`` for ``"Udag_M_Ustar"``), truncated.
    masses : list[sympy.Expr]
        Light masses then heavy masses, in the order of ``U``'s columns.
    light_mass_matrix, heavy_mass_matrix : sympy.Matrix
        Effective blocks of ``W^T M W`` (relative order kept).
    mixing_by_order : dict[int, sympy.Matrix]
        ``U`` split by weighted total order.
    small : dict
        Small parameter -> relative order kept.
    algebra : Algebra
        The series algebra (for comparisons at the series level).
    U_series, mass_series : SeriesMatrix, list[Series]
        Untruncated series results (exact to the working order).
    mass_bounds : list[tuple]
        Truncation bounds applied to each mass.
    """

    mixing_matrix: sp.Matrix
    masses: list[sp.Expr]
    light_mass_matrix: sp.Matrix
    heavy_mass_matrix: sp.Matrix
    mixing_by_order: dict[int, sp.Matrix]
    small: dict[sp.Symbol, int]
    total: int | None
    convention: str
    algebra: Algebra
    U_series: SeriesMatrix
    mass_series: list[Series]
    mass_bounds: list[tuple[float, ...]]
    mixing_bounds: tuple[float, ...]
    blockdiag: BlockDiagonalization = field(repr=False)
    light: BlockDiagonalizationResult = field(repr=False)
    heavy: BlockDiagonalizationResult = field(repr=False)


def _relative_bounds(alg: Algebra, lead: Series, fallback: tuple[int, ...], order: tuple) -> tuple:
    """Truncation bounds ``lead exponents + order`` (per parameter and total)."""
    if lead.terms:
        mono = next(iter(lead.terms))
        exps = alg.small_exponents(mono)
        deg = alg.degree(mono)
    else:
        exps, deg = fallback[:-1], fallback[-1]
    return (*[e + o for e, o in zip(exps, order[:-1])], deg + order[-1])


def _block_lead_fallback(alg: Algebra, res: BlockDiagonalizationResult) -> tuple[int, ...]:
    exps = [alg.small_exponents(next(iter(d.terms))) for d in res.leading_masses if d.terms]
    if not exps:
        return (0,) * (len(alg.small_idx) + 1)
    return (*[max(e[k] for e in exps) for k in range(len(alg.small_idx))], res.leading_degree)


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
) -> SeesawExpansion:
    """Diagonalize ``M = [[M_L, M_D], [M_D^T, M_R]]`` order by order.

    Parameters
    ----------
    mass_matrix : sympy.Matrix
        Symmetric ``(n_light + n_heavy)``-square matrix; ``M_D`` (upper right)
        is ``n_light x n_heavy``, so ``m_light = -M_D M_R^-1 M_D^T`` at leading order.
    n_light : int
        Number of light states.
    small : dict
        Small parameter (real Symbol) -> relative order to keep.
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

    Returns
    -------
    SeesawExpansion

    Raises
    ------
    ValueError
        Bad shapes, non-symmetric input, singular ``M_R``, unknown convention.
    DegenerateSplittingError
        A vanishing leading-order splitting outside a declared group.
    NotImplementedError
        Expansions that are not power series in the declared small parameters.
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}; choose one of {CONVENTIONS}")
    mass_matrix = sp.Matrix(mass_matrix)
    if mass_matrix.rows != mass_matrix.cols:
        raise ValueError(f"mass matrix must be square, got {mass_matrix.shape}")
    n = mass_matrix.rows
    n_heavy = n - n_light
    for name, basis, size in (("light_basis", light_basis, n_light),
                              ("heavy_basis", heavy_basis, n_heavy)):
        if basis is not None and sp.Matrix(basis).shape != (size, size):
            raise ValueError(f"{name} must be {size}x{size}, got {sp.Matrix(basis).shape}")
    small = {s: int(o) for s, o in small.items()}
    for s, o in small.items():
        if o < 0:
            raise ValueError(f"order of {s} must be non-negative, got {o}")
    order = (*small.values(), INF if total is None else total)
    margins = _initial_margins(mass_matrix, n_light, small, total, weights)
    extra = 0
    while True:
        alg = Algebra(dict(small), total=total, weights=dict(weights or {}))
        alg.set_truncation({s: o + margins[k] + extra for k, (s, o) in enumerate(small.items())},
                           None if total is None else total + margins[-1] + extra)
        expansion = _expand_once(alg, mass_matrix, n_light, light_basis, heavy_basis,
                                 quasi_degenerate_light, quasi_degenerate_heavy, order)
        if expansion is not None:
            break
        extra += 2
        if extra > MAX_MARGIN:
            raise RuntimeError("could not reach the requested order: the expansion loses "
                               "more than 8 orders to negative powers")
    U_series, masses, mass_bounds, bd, light, heavy = expansion
    mixing_bounds = order
    U_trunc = U_series.truncate(mixing_bounds)
    if convention == "Udag_M_Ustar":
        U_trunc = U_trunc.conj()
    U_sym = U_trunc.to_sympy()
    by_order: dict[int, sp.Matrix] = {}
    for i in range(n):
        for j in range(n):
            for mono, coeff in U_trunc[i, j].terms.items():
                deg = alg.degree(mono)
                by_order.setdefault(deg, sp.zeros(n, n))
                by_order[deg][i, j] += Series(alg, {mono: coeff}, exact=True).to_sympy()
    mass_exprs = [m.truncate(b).to_sympy() for m, b in zip(masses, mass_bounds)]
    # cross-branch: a group's masses are the exact Takagi values of its block (engine-diag)
    _apply_group_masses(mass_exprs, mass_bounds, ((0, light), (n_light, heavy)))
    return SeesawExpansion(
        mixing_matrix=U_sym,
        masses=mass_exprs,
        light_mass_matrix=bd.light.to_sympy(),
        heavy_mass_matrix=bd.heavy.to_sympy(),
        mixing_by_order=dict(sorted(by_order.items())),
        small=small,
        total=total,
        convention=convention,
        algebra=alg,
        U_series=U_series,
        mass_series=masses,
        mass_bounds=mass_bounds,
        mixing_bounds=mixing_bounds,
        blockdiag=bd,
        light=light,
        heavy=heavy,
    )


def _apply_group_masses(mass_exprs, mass_bounds, blocks) -> None:
    """Replace the diagonal entries of quasi-degenerate groups by their Takagi values.

    cross-branch (engine-diag): two-state groups get the closed form of
    :func:`symseesaw.linalg.groups.takagi_2x2`; an automatically found group of
    more states has no polynomial masses and is refused in full mode.
    """
    for offset, res in blocks:
        for group in res.groups:
            first = offset + group.indices[0]
            exact = group.group_masses(mass_bounds[first])
            if exact is not None:
                for i, value in zip(group.indices, exact):
                    mass_exprs[offset + i] = value
            elif not group.reason.startswith("declared"):
                states = ", ".join(str(offset + i + 1) for i in group.indices)
                raise NotImplementedError(
                    f"states {states} form a group ({group.reason}); {group.note}: give the "
                    "leading-order basis (light_basis=/heavy_basis=) or use blocks mode")


def _initial_margins(mass_matrix, n_light, small, total, weights) -> list[int]:
    """Working orders beyond the requested ones, per small parameter (then total).

    Light masses are of second order in ``M_D M_R^-1``: a parameter that enters
    every Dirac entry at least to power ``k`` needs ``2k`` extra orders for the
    light masses to reach their requested *relative* order.
    """
    probe = Algebra(dict(small), total=total, weights=dict(weights or {}))
    dirac = SeriesMatrix.from_sympy(probe, mass_matrix[:n_light, n_light:])
    entries = [x for row in dirac.rows for x in row if x.terms]
    if not entries:
        return [0] * (len(small) + 1)
    margins = []
    for k in range(len(small)):
        lowest = [min(probe.small_exponents(m)[k] for m in x.terms) for x in entries]
        margins.append(2 * max(0, max(lowest)))
    margins.append(2 * max(0, max(x.min_degree() for x in entries)))
    return margins


def _expand_once(alg, mass_matrix, n_light, light_basis, heavy_basis, qd_light, qd_heavy,
                 order):
    """One attempt at the working truncation of ``alg``; None if precision is short."""
    n = mass_matrix.rows
    M = SeriesMatrix.from_sympy(alg, mass_matrix)
    bd = block_diagonalize(M, n_light)
    V0l = None if light_basis is None else SeriesMatrix.from_sympy(alg, light_basis)
    V0h = None if heavy_basis is None else SeriesMatrix.from_sympy(alg, heavy_basis)
    light = diagonalize_block(bd.light, V0l, quasi_degenerate=qd_light,
                              state_names=[f"{i + 1} (light)" for i in range(n_light)])
    heavy = diagonalize_block(bd.heavy, V0h, quasi_degenerate=qd_heavy,
                              state_names=[f"{n_light + i + 1} (heavy)"
                                           for i in range(n - n_light)])
    for res in (light, heavy):
        if any(v < o for v, o in zip(res.valid, order)):
            return None
    V = SeriesMatrix.block([
        [light.V, SeriesMatrix.zeros(alg, n_light, n - n_light)],
        [SeriesMatrix.zeros(alg, n - n_light, n_light), heavy.V],
    ])
    U = bd.W @ V
    if any(x.prec[k] < order[k] for row in U.rows for x in row for k in range(len(order))):
        return None
    masses, bounds = [], []
    for res in (light, heavy):
        fallback = _block_lead_fallback(alg, res)
        for lead, mass in zip(res.leading_masses, res.masses):
            b = _relative_bounds(alg, lead, fallback, order)
            if any(p < bb for p, bb in zip(mass.prec, b)):
                return None
            masses.append(mass)
            bounds.append(b)
    return U, masses, bounds, bd, light, heavy

