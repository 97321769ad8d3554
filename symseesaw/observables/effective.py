"""Effective observables: ``|U_alpha i|^2``, ``Delta m^2_ij``, ``<m_ee>``, Jarlskog invariant.

Every function accepts numeric input (mpmath / numpy / Python numbers, or a
numeric sympy Matrix) and symbolic input (sympy expressions).  Symbolic
results can be expanded and truncated at given orders of small parameters with
:func:`truncate` (the engine's exact series algebra; no ``simplify``).

Conventions
-----------
* Masses in eV.  ``<m_ee> = |sum_i U_ei^2 m_i|`` (seed 001, Sect. II D) over
  the states with ``|m_i|`` below ``scale`` (default ``1e8`` eV = 100 MeV, the
  momentum transfer of neutrinoless double beta decay); heavier states
  decouple.  With the seed-001 convention ``U^dagger M U^* = diag(m_i)``,
  ``M = U diag(m) U^T``, so the sum over *all* states equals ``M_ee`` exactly
  (Eq. 9).  For a congruence-convention ``W`` (``W^T M W = diag``) use
  ``U = W^*``.
* Jarlskog invariant ``J = Im(U_e1 U_mu2 U_e2^* U_mu1^*)``; with the PDG
  parametrization (:mod:`symseesaw.observables.mixing`)
  ``J = c12 s12 c23 s23 c13^2 s13 sin(delta)`` (positive for
  ``0 < delta < pi``).  Conjugating ``U`` flips the sign.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import mpmath
import sympy as sp

from symseesaw.algebra.convert import to_series
from symseesaw.algebra.series import INF, Algebra
from symseesaw.numerics.takagi import to_mp

__all__ = [
    "DEFAULT_SCALE_EV",
    "abs2",
    "delta_m2",
    "ee_amplitude",
    "effective_majorana_mass",
    "jarlskog",
    "mixing_strengths",
    "truncate",
]

#: Default decoupling scale of <m_ee>: 100 MeV in eV.
DEFAULT_SCALE_EV = 1e8


def truncate(expr, small: Mapping[sp.Symbol, int], total: int | None = None) -> sp.Expr:
    """Expand ``expr`` in the small parameters and keep orders ``<= small[s]`` (and ``<= total``).

    Parameters
    ----------
    expr : sympy.Expr
        A rational function of the symbols that is a (Laurent) power series in
        the small parameters, e.g. ``|U_e2|^2 / (1 - |U_e3|^2)``.
        ``conjugate`` of complex symbols is allowed (an independent variable).
    small : dict
        Small parameter (real Symbol) -> maximum absolute exponent kept.
    total : int, optional
        Maximum total degree.

    Returns
    -------
    sympy.Expr
        The truncated expansion (exact rational coefficients).

    Raises
    ------
    ValueError
        Floats, or a small parameter inside a non-polynomial function.
    """
    small = {s: int(o) for s, o in small.items()}
    alg = Algebra(dict(small), total=total)
    series = to_series(alg, sp.sympify(expr))
    bounds = (*small.values(), INF if total is None else total)
    return series.truncate(bounds).to_sympy()


def _symbolic(*values) -> bool:
    for v in values:
        if isinstance(v, sp.MatrixBase):
            if v.free_symbols:
                return True
        elif isinstance(v, sp.Basic):
            if v.free_symbols:
                return True
        elif isinstance(v, (list, tuple)):
            if _symbolic(*v):
                return True
    return False


def _entry(U, i: int, j: int):
    return U[i, j]


def _shape(U) -> tuple[int, int]:
    if hasattr(U, "rows") and not callable(U.rows):
        return U.rows, U.cols
    return tuple(U.shape)


def abs2(z):
    """``|z|^2``: ``expand(z conjugate(z))`` for sympy input, ``|z|**2`` (mpmath) otherwise."""
    if isinstance(z, sp.Basic) and z.free_symbols:
        return sp.expand(z * sp.conjugate(z))
    return abs(to_mp(z)) ** 2


def mixing_strengths(U):
    """Matrix of ``|U_alpha i|^2`` (sympy Matrix for symbolic ``U``, else mpmath matrix)."""
    n, m = _shape(U)
    if _symbolic(U):
        return sp.Matrix(n, m, lambda i, j: abs2(U[i, j]))
    out = mpmath.matrix(n, m)
    for i in range(n):
        for j in range(m):
            out[i, j] = abs2(_entry(U, i, j))
    return out


def delta_m2(masses: Sequence, i: int, j: int):
    """``Delta m^2_ij = |m_i|^2 - |m_j|^2`` (1-based indices; eV^2 for masses in eV).

    Symbolic masses are treated as real (``m_i^2 - m_j^2``) unless they contain
    complex symbols, in which case ``m conjugate(m)`` is used.
    """
    mi, mj = masses[i - 1], masses[j - 1]
    if _symbolic(mi, mj):
        return sp.expand(abs2(mi) - abs2(mj))
    return abs2(mi) - abs2(mj)


def ee_amplitude(U, masses: Sequence, include: Sequence[int] | None = None, *, row: int = 0):
    """``sum_i U_ei^2 m_i`` over the 0-based states ``include`` (default: all).

    Parameters
    ----------
    U : matrix
        Mixing matrix in the seed-001 convention ``U^dagger M U^* = diag(m)``.
    masses : sequence
        Masses of the columns of ``U`` (signed or complex allowed).
    include : sequence of int, optional
        Columns summed over.
    row : int
        Flavour row (0 = electron).

    Returns
    -------
    number or sympy.Expr
        Expanded for symbolic input.
    """
    n = len(masses)
    cols = range(n) if include is None else include
    if _symbolic(U, list(masses)):
        return sp.expand(sum((U[row, k] ** 2 * masses[k] for k in cols), sp.S.Zero))
    return mpmath.fsum(to_mp(U[row, k]) ** 2 * to_mp(masses[k]) for k in cols)


def effective_majorana_mass(
    U,
    masses: Sequence,
    *,
    scale: float = DEFAULT_SCALE_EV,
    include: Sequence[int] | None = None,
):
    """``<m_ee> = |sum_i U_ei^2 m_i|`` over the states lighter than ``scale``.

    Parameters
    ----------
    U : matrix
        Mixing matrix (seed-001 convention, module docstring).
    masses : sequence
        Masses in eV, one per column of ``U``.
    scale : float
        States with ``|m_i| >= scale`` (eV) are excluded; default 100 MeV.
    include : sequence of int, optional
        Explicit 0-based list of contributing states (required for symbolic
        masses, where the comparison with ``scale`` is undefined).

    Returns
    -------
    mpmath.mpf or sympy.Expr
        ``|amplitude|`` (numeric) or ``Abs(amplitude)`` (symbolic).
    """
    if include is None:
        if _symbolic(list(masses)):
            raise ValueError("symbolic masses cannot be compared with `scale`: pass `include` "
                             "(0-based indices of the states lighter than the scale)")
        include = [k for k, m in enumerate(masses) if abs(to_mp(m)) < scale]
    amp = ee_amplitude(U, masses, include)
    if isinstance(amp, sp.Basic) and amp.free_symbols:
        return sp.Abs(amp)
    return abs(amp)


def jarlskog(U, *, rows: tuple[int, int] = (0, 1), cols: tuple[int, int] = (0, 1)):
    """``J = Im(U_e1 U_mu2 U_e2^* U_mu1^*)`` (0-based ``rows``/``cols`` select another quartet).

    Returns
    -------
    mpmath.mpf or sympy.Expr
        For symbolic ``U`` the expanded ``(Q - conjugate(Q)) / (2 i)``.
    """
    a, b = rows
    i, j = cols
    if _symbolic(U):
        Q = U[a, i] * U[b, j] * sp.conjugate(U[a, j]) * sp.conjugate(U[b, i])
        return sp.expand((Q - sp.conjugate(Q)) / (2 * sp.I))
    Q = (to_mp(U[a, i]) * to_mp(U[b, j]) * mpmath.conj(to_mp(U[a, j]))
         * mpmath.conj(to_mp(U[b, i])))
    return mpmath.im(Q)
