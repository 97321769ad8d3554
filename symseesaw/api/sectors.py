"""Series-level building blocks for derivations that combine several diagonalizations.

:func:`diagonalize` expands one matrix in its own working algebra. A sector
derivation often needs more: several matrices diagonalized *in one algebra*
and multiplied together (the charged-lepton masses ``V_l^T M V_r`` from the
rotations of ``M M^T`` and ``M^T M``; ``M'_D = M_D V_R`` from the rotation of
``M_R``), with every non-small symbol (a Froggatt-Nielsen ``lambda`` whose
powers differ between eigenvalues) kept exact and the result read at absolute
orders. Three functions give that, on the same series objects
``SeesawExpansion.series`` returns:

* :func:`series_algebra` -- the algebra (small parameters and their absolute
  orders; every other symbol exact);
* :func:`exact_series` -- sympy input as exact series of that algebra;
* :func:`diagonalize_series` -- the perturbative Takagi step on a series
  matrix around a given leading basis;
* :class:`SeriesRebase` -- a result's series re-expanded in another algebra
  after exact symbols are replaced (:func:`reexpress` with a bound per series);
* :class:`SeriesRenamer` -- a series written as sympy with its symbols renamed,
  without building the sympy expression twice.

A series is read back with ``series.truncate(bounds).to_sympy()``, ``bounds``
one absolute order per small parameter then the total order (:data:`INF` for
no bound).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import sympy as sp

from ..algebra.convert import substitute, to_series
from ..algebra.generators import IMAG, SURD
from ..algebra.matrix import SeriesMatrix
from ..algebra.series import INF, Algebra, Series
from ..linalg.perturb import diagonalize_block
from ..parsing.limits import check_order_value

__all__ = ["INF", "Algebra", "Series", "SeriesMatrix", "SeriesDiagonalization",
           "SeriesRebase", "SeriesRenamer", "diagonalize_series", "exact_series",
           "series_algebra"]


def series_algebra(small: Mapping[sp.Symbol, int]) -> Algebra:
    """A series algebra in the small parameters ``small``, every other symbol exact.

    Parameters
    ----------
    small : dict
        Small parameter (real Symbol) -> highest *absolute* power kept (>= 0).

    Returns
    -------
    Algebra
        Pass it to :func:`exact_series`; series of one algebra multiply.

    Raises
    ------
    ValueError
        An empty ``small``, a non-Symbol or non-real key, or a negative or
        non-integer order.
    """
    if not small:
        raise ValueError("series_algebra needs at least one small parameter, e.g. {eps: 1}")
    for symbol in small:
        if not isinstance(symbol, sp.Symbol) or symbol.is_real is not True:
            raise ValueError(f"small parameter {symbol!r} must be a real sympy Symbol "
                             "(declare it with real=True or positive=True)")
    return Algebra({symbol: check_order_value(str(symbol), order)
                    for symbol, order in small.items()})


def exact_series(algebra: Algebra, value) -> Series | SeriesMatrix:
    """``value`` (sympy expression or matrix) as an exact series of ``algebra``.

    :func:`as_series` for an algebra of :func:`series_algebra` rather than of a
    result: polynomial in the small parameters, exact numbers only (floats and
    non-polynomial small parameters raise ``ValueError``); every other symbol is
    an exact coefficient and the precision is unlimited.

    Parameters
    ----------
    algebra : Algebra
        From :func:`series_algebra` (or ``SeesawExpansion.algebra``).
    value : sympy.Expr or sympy.Matrix
        The input.

    Returns
    -------
    Series or SeriesMatrix
        ``SeriesMatrix`` for a matrix.
    """
    if isinstance(value, sp.MatrixBase):
        return SeriesMatrix.from_sympy(algebra, value)
    return to_series(algebra, value)


@dataclass(frozen=True)
class SeriesDiagonalization:
    """Result of :func:`diagonalize_series`.

    Attributes
    ----------
    mixing : SeriesMatrix
        ``V`` with ``V^T H V = diag(masses)`` (or ``V^dagger H V^*``), in the
        algebra of ``H``.
    masses : list[Series]
        The diagonal, one series per column of ``V``.
    """

    mixing: SeriesMatrix
    masses: list[Series]


def diagonalize_series(
    matrix: SeriesMatrix,
    basis: SeriesMatrix | sp.MatrixBase | None = None,
    *,
    real: bool | None = None,
    quasi_degenerate: Sequence[Sequence[int]] = (),
) -> SeriesDiagonalization:
    """Perturbative Takagi diagonalization of a symmetric series matrix.

    The step :func:`diagonalize` applies, on series the caller keeps in one
    algebra: no working-order planning, the result is valid to the truncation
    of ``matrix``'s algebra.

    Parameters
    ----------
    matrix : SeriesMatrix
        Square and symmetric (``H = M M^T`` of a non-symmetric ``M`` is).
    basis : SeriesMatrix or sympy.Matrix, optional
        Unitary leading basis (columns = leading eigenvectors, e.g. the
        identity for a matrix diagonal at leading order); default: found from
        the structure of the leading part.
    real : bool, optional
        Force the orthogonal (signed masses) or the unitary formula; default:
        orthogonal when every generator of the algebra is real.
    quasi_degenerate : sequence of index groups
        States (0-based columns of ``basis``) kept together as an exact sub-block.

    Returns
    -------
    SeriesDiagonalization
        ``mixing`` and ``masses``.

    Raises
    ------
    ValueError
        A non-square matrix, a basis of another shape, or a basis that does not
        diagonalize the leading part.
    NotImplementedError
        A leading part without a basis from its structure (give ``basis``).
    """
    if not isinstance(matrix, SeriesMatrix):
        raise ValueError("diagonalize_series needs a SeriesMatrix: convert sympy input with "
                         "exact_series(algebra, matrix)")
    n_rows, n_cols = matrix.shape
    if n_rows != n_cols:
        raise ValueError(f"diagonalize_series needs a square matrix, got {n_rows}x{n_cols}")
    if isinstance(basis, sp.MatrixBase):
        basis = SeriesMatrix.from_sympy(matrix.alg, basis)
    if basis is not None and basis.shape != matrix.shape:
        raise ValueError(f"basis must be {n_rows}x{n_cols}, got "
                         f"{basis.shape[0]}x{basis.shape[1]}")
    result = diagonalize_block(matrix, basis, real=real, quasi_degenerate=quasi_degenerate)
    return SeriesDiagonalization(result.V, list(result.masses))


class SeriesRebase:
    """Series of other algebras re-expanded in ``algebra`` after exact symbols are replaced.

    What :func:`reexpress` does to every quantity of a result, for one series
    at a time with its own truncation (a mass to its relative order, the mixing
    to another). Each generator power of a source algebra is converted once and
    reused by every later series of that algebra.

    Parameters
    ----------
    algebra : Algebra
        The target (:func:`series_algebra`).
    substitutions : dict
        Exact symbol -> sympy expression (polynomial in the small parameters of
        ``algebra``, or an invertible power series in them).
    """

    def __init__(self, algebra: Algebra, substitutions: Mapping[sp.Symbol, sp.Expr]) -> None:
        self.algebra = algebra
        self.substitutions = dict(substitutions)
        self._powers: dict[int, tuple[Algebra, dict]] = {}

    def __call__(self, series: Series, bounds: tuple[float, ...]) -> Series:
        """``series`` truncated at ``bounds`` (its own algebra's), then re-expanded."""
        _, powers = self._powers.setdefault(id(series.alg), (series.alg, {}))
        return substitute(series.truncate(bounds), self.algebra, self.substitutions, powers)


class SeriesRenamer:
    """A series written as sympy with every symbol renamed, built once.

    The same expression as ``series.to_sympy().xreplace(...)`` when ``rename``
    maps each symbol (and each opaque atom) of the series to a symbol, an
    opaque factor or ``1`` (dropped): the monomials are renamed generator by
    generator and the canonical sum is built once, instead of being built and
    rebuilt by ``xreplace``.

    Parameters
    ----------
    rename : callable
        sympy expression of one generator -> its new expression (called once
        per generator). Surds and ``I`` are kept.
    """

    def __init__(self, rename: Callable[[sp.Expr], sp.Expr]) -> None:
        self.rename = rename
        self._algebra = Algebra({})
        self._maps: dict[int, tuple[object, dict[int, int | None]]] = {}

    def _target(self, source: Algebra, idx: int) -> int | None:
        registry = source.registry
        _, mapping = self._maps.setdefault(id(registry), (registry, {}))
        if idx not in mapping:
            gen = registry.generators[idx]
            target = self._algebra.registry
            if gen.kind == SURD:
                mapping[idx] = target.surd(gen.base)
            elif gen.kind == IMAG:
                mapping[idx] = target.imag()
            else:
                value = sp.sympify(self.rename(gen.expr))
                mapping[idx] = None if value == 1 else target.symbol(value)
        return mapping[idx]

    def __call__(self, series: Series) -> sp.Expr:
        """``series`` as sympy, renamed."""
        terms: dict[tuple[int, ...], object] = {}
        for mono, coeff in series.terms.items():
            out: list[int] = []
            for i, e in enumerate(mono):
                j = self._target(series.alg, i) if e else None
                if j is not None:
                    out.extend([0] * (j + 1 - len(out)))
                    out[j] += e
            while out and out[-1] == 0:
                out.pop()
            key = tuple(out)
            terms[key] = terms[key] + coeff if key in terms else coeff
        return Series(self._algebra, {m: c for m, c in terms.items() if c},
                      exact=True).to_sympy()
