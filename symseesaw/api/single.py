"""Public helpers for scripts and paper reproductions.

:func:`diagonalize` (one symmetric matrix, no seesaw step), :func:`as_series`
(sympy input as series of a result's algebra) and :func:`reexpress` (a result
read in other small parameters).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp

from ..algebra.matrix import SeriesMatrix
from ..algebra.series import INF, Algebra, Series
from ..expansion import (
    Expansion,
    SeesawExpansion,
)
from ..linalg.perturb import diagonalize_block
from ._planning import (
    _check_cost,
    _check_inputs,
    _grow_margins,
    _working_algebra,
)
from .full import _diagonal_shortfall, _store_diagonal
from .sectors import SeriesRebase, exact_series


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
    return exact_series(expansion.algebra, value)


def diagonalize(
    matrix,
    small: Mapping[sp.Symbol, int],
    *,
    total: int | None = None,
    weights: Mapping[sp.Symbol, int] | None = None,
    basis=None,
    quasi_degenerate: Sequence[Sequence[int]] = (),
    convention: str = "UT_M_U",
    allow_slow: bool = False,
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
    allow_slow : bool
        Run above the work budget, as in :func:`~symseesaw.api.full.seesaw_expansion`.

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
        _check_cost(alg, matrix.rows, allow_slow)
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
    rebase = SeriesRebase(target, replace)

    def convert(series: Series) -> Series:
        return rebase(series, bounds)

    result = Expansion(target, orders, None, expansion.convention, matrix, expansion.n_light)
    result.display = expansion.display
    for name in expansion.quantities:
        value = expansion.series(name)
        result._store(name, value.map(convert) if isinstance(value, SeriesMatrix)
                      else [convert(x) for x in value])
    return result
