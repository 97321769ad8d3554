"""Mirror asymmetric dark matter model with a 3+1 spectrum (seed 000), Sects. III-V.

Seed: ``shared/seeds/000_0a3c8dd3bbe2272c.txt`` -- the mirror ADM model in which
two right-handed neutrinos ``N_1, N_2`` connect the ordinary neutrinos
``nu = (nu_e, nu_mu, nu_tau)`` with the mirror neutrinos ``nu'``.

Conventions
-----------
* Basis of the tree-level matrix: ``(nu_e, nu_mu, nu_tau, N_1, N_2, nu'_e,
  nu'_mu, nu'_tau)`` (Eq. 7 with the untransformed flavors).
* Dirac matrices are ``3 x 2`` (rows: flavors e, mu, tau; columns: N_1, N_2),
  exactly as printed in Eq. (3); the seesaw factors read ``M_D M_R^-1 M_D^T``
  (Eq. 14) and ``M_D M_R^-1 M'_D^T`` (Eq. 22).
* ``M_R = diag(M_1, M_2)`` (Eq. 1), real and positive.
* The Dirac entries ``a..f``, ``A..F`` are complex symbols without assumptions
  (their complex conjugates never enter the mass matrix, so exact linear
  algebra over the field of rational functions of the symbols is generic).
* Mirror symmetry (Eq. 2: the same ``h_i`` couples ``L phi`` and ``L' phi'``)
  gives ``M'_D = (v'_wk / v_wk) M_D``; :func:`mirror_symmetric_dirac` builds it.
* 3+1 mixing: ``U = R34 R24 R14 R23 R13 R12 diag(1, e^{i alpha_2/2}, ...)`` with
  ``R_ij`` the real rotation by ``theta_ij`` in the ``(i, j)`` plane
  (``R_ij[i, j] = +sin``); mixing angles are returned in ``[0, pi/2]``.
  Mixing matrices satisfy ``U^T M U = diag(m)``.

The 3+1 observables here (:func:`angles_3p1`, :func:`mee_from_row`,
:func:`mee_3p1`) are small private-purpose helpers of the seed 000 derivations;
they do not depend on ``symseesaw.observables``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp

__all__ = [
    "DIRAC_SYMBOLS",
    "MIRROR_DIRAC_SYMBOLS",
    "M1",
    "M2",
    "M",
    "v_wk",
    "vp_wk",
    "dirac_matrix",
    "mirror_dirac_matrix",
    "mirror_symmetric_dirac",
    "right_handed_matrix",
    "tree_mass_matrix",
    "seesaw_factor",
    "rotation",
    "mixing_3p1",
    "Angles3p1",
    "angles_3p1",
    "mee_from_row",
    "mee_3p1",
]

# ---------------------------------------------------------------------------
# symbols of the paper
# ---------------------------------------------------------------------------
a, b, c, d, e, f = sp.symbols("a b c d e f")
A, B, C, D, E, F = sp.symbols("A B C D E F")
#: Eq. (3): entries of M_D (complex).
DIRAC_SYMBOLS = (a, b, c, d, e, f)
#: Eq. (3): entries of M'_D (complex).
MIRROR_DIRAC_SYMBOLS = (A, B, C, D, E, F)
M1, M2 = sp.symbols("M_1 M_2", positive=True)
#: Common right-handed mass of the limit ``M_1 = M_2 = M`` (Eqs. 13, 14, 21, 22).
M = sp.Symbol("M", positive=True)
#: Ordinary and mirror electroweak VEVs ``v_wk``, ``v'_wk``.
v_wk = sp.Symbol("v_wk", positive=True)
vp_wk = sp.Symbol("v'_wk", positive=True)

LATEX_NAMES = {M1: "M_1", M2: "M_2", v_wk: r"v_{\rm wk}", vp_wk: r"v'_{\rm wk}"}


def dirac_matrix() -> sp.Matrix:
    """``M_D`` of Eq. (3): ``[[a, b], [c, d], [e, f]]`` (3 x 2, flavors x N_i)."""
    return sp.Matrix([[a, b], [c, d], [e, f]])


def mirror_dirac_matrix() -> sp.Matrix:
    """``M'_D`` of Eq. (3): ``[[A, B], [C, D], [E, F]]`` (3 x 2)."""
    return sp.Matrix([[A, B], [C, D], [E, F]])


def mirror_symmetric_dirac() -> sp.Matrix:
    """``M'_D = (v'_wk / v_wk) M_D``, the mirror-symmetric Yukawas of Eq. (2)."""
    return (vp_wk / v_wk) * dirac_matrix()


def right_handed_matrix(equal: bool = False) -> sp.Matrix:
    """``M_R`` of Eq. (1): ``diag(M_1, M_2)``, or ``diag(M, M)`` when ``equal``."""
    return sp.diag(M, M) if equal else sp.diag(M1, M2)


def tree_mass_matrix(
    MD: sp.Matrix | None = None, MDp: sp.Matrix | None = None, MR: sp.Matrix | None = None
) -> sp.Matrix:
    """Tree-level ``8 x 8`` Majorana matrix (Eq. 7 before the rotation of Eq. 6).

    ``[[0, M_D, 0], [M_D^T, M_R, M'_D^T], [0, M'_D, 0]]`` in the basis
    ``(nu_e, nu_mu, nu_tau, N_1, N_2, nu'_e, nu'_mu, nu'_tau)``.

    Parameters
    ----------
    MD, MDp : sympy.Matrix, optional
        ``3 x 2`` Dirac matrices; default Eq. (3).
    MR : sympy.Matrix, optional
        ``2 x 2`` right-handed matrix; default Eq. (1).

    Returns
    -------
    sympy.Matrix
    """
    MD = dirac_matrix() if MD is None else sp.Matrix(MD)
    MDp = mirror_dirac_matrix() if MDp is None else sp.Matrix(MDp)
    MR = right_handed_matrix() if MR is None else sp.Matrix(MR)
    if MD.shape != (3, 2) or MDp.shape != (3, 2) or MR.shape != (2, 2):
        raise ValueError("M_D and M'_D must be 3x2 (flavors x N_i) and M_R 2x2")
    Z = sp.zeros(3, 3)
    return sp.BlockMatrix([[Z, MD, Z], [MD.T, MR, MDp.T], [Z, MDp, Z]]).as_explicit()


def seesaw_factor(left: sp.Matrix, right: sp.Matrix, MR: sp.Matrix) -> sp.Matrix:
    """``left M_R^-1 right^T`` entry by entry (Eqs. 14 and 22), expanded.

    ``M_R`` must be diagonal; no inversion of a symbolic matrix is needed.
    """
    if not MR.is_diagonal():
        raise ValueError("M_R must be diagonal (Eq. 1)")
    inv = sp.diag(*[1 / MR[k, k] for k in range(MR.rows)])
    return (left * inv * right.T).applyfunc(sp.expand)


# ---------------------------------------------------------------------------
# 3+1 mixing (numeric helpers)
# ---------------------------------------------------------------------------


def rotation(n: int, i: int, j: int, theta: object) -> mpmath.matrix:
    """Real rotation ``R_ij(theta)`` in the (0-based) plane ``(i, j)`` of ``n`` dimensions.

    ``R[i, i] = R[j, j] = cos``, ``R[i, j] = +sin``, ``R[j, i] = -sin`` (PDG sign).
    """
    R = mpmath.eye(n)
    cth, sth = mpmath.cos(theta), mpmath.sin(theta)
    R[i, i] = R[j, j] = cth
    R[i, j], R[j, i] = sth, -sth
    return R


def mixing_3p1(
    theta12: object, theta13: object, theta23: object,
    theta14: object, theta24: object, theta34: object,
) -> mpmath.matrix:
    """``U = R34 R24 R14 R23 R13 R12`` (real, no CP phases), rows ``e, mu, tau, s``."""
    return (rotation(4, 2, 3, theta34) * rotation(4, 1, 3, theta24) * rotation(4, 0, 3, theta14)
            * rotation(4, 1, 2, theta23) * rotation(4, 0, 2, theta13) * rotation(4, 0, 1, theta12))


@dataclass
class Angles3p1:
    """Mixing angles (radians, in ``[0, pi/2]``) of ``R34 R24 R14 R23 R13 R12``."""

    theta12: mpmath.mpf
    theta13: mpmath.mpf
    theta23: mpmath.mpf
    theta14: mpmath.mpf
    theta24: mpmath.mpf
    theta34: mpmath.mpf

    def degrees(self) -> dict[str, float]:
        """Angles in degrees, keyed ``"theta12"``, ...."""
        return {k: float(mpmath.degrees(v)) for k, v in self.__dict__.items()}


def angles_3p1(U: mpmath.matrix) -> Angles3p1:
    """Extract the six angles of ``U = R34 R24 R14 R23 R13 R12`` (times phases).

    Method: rephase the rows so that the fourth column is real and
    non-negative (unphysical flavor phases), read
    ``|U_e4| = s14``, ``|U_mu4| = c14 s24``, ``|U_tau4| = c14 c24 s34``, peel
    ``U3 = R14^T R24^T R34^T U`` and read ``s13 = |U3_e3|``,
    ``tan theta12 = |U3_e2| / |U3_e1|``, ``tan theta23 = |U3_mu3| / |U3_tau3|``.
    Exact for real (orthogonal) ``U``; for complex ``U`` the angles are those of
    this rephasing convention (CP phases in ``R14``, ``R24`` are not separated).

    Parameters
    ----------
    U : mpmath.matrix
        ``4 x 4`` unitary mixing matrix, rows ``(e, mu, tau, s)``, columns
        ordered ``(1, 2, 3, 4)``.

    Returns
    -------
    Angles3p1
    """
    if (U.rows, U.cols) != (4, 4):
        raise ValueError("angles_3p1 needs a 4x4 mixing matrix")
    V = mpmath.matrix(4, 4)
    for i in range(4):
        u4 = U[i, 3]
        phase = mpmath.conj(u4) / abs(u4) if u4 != 0 else 1
        for j in range(4):
            V[i, j] = phase * U[i, j]
    t14 = mpmath.asin(min(abs(V[0, 3]), 1))
    t24 = mpmath.asin(min(abs(V[1, 3]) / mpmath.cos(t14), 1))
    t34 = mpmath.asin(min(abs(V[2, 3]) / (mpmath.cos(t14) * mpmath.cos(t24)), 1))
    U3 = (rotation(4, 0, 3, t14).T * rotation(4, 1, 3, t24).T * rotation(4, 2, 3, t34).T) * V
    t13 = mpmath.asin(min(abs(U3[0, 2]), 1))
    t12 = mpmath.atan2(abs(U3[0, 1]), abs(U3[0, 0]))
    t23 = mpmath.atan2(abs(U3[1, 2]), abs(U3[2, 2]))
    return Angles3p1(t12, t13, t23, t14, t24, t34)


def mee_from_row(U_e: Sequence, masses: Sequence) -> mpmath.mpf:
    """``<m_ee> = |sum_i U_ei^2 m_i|`` (``U^T M U = diag(m)``, signed masses allowed)."""
    return abs(mpmath.fsum(u * u * m for u, m in zip(U_e, masses, strict=True)))


def mee_3p1(
    masses: np.ndarray, theta12: np.ndarray, theta13: np.ndarray, theta14: np.ndarray,
    phases: np.ndarray,
) -> np.ndarray:
    """Vectorized ``<m_ee>`` from the first row of ``R34 R24 R14 R23 R13 R12``.

    ``<m_ee> = |c12^2 c13^2 c14^2 m1 + s12^2 c13^2 c14^2 m2 e^{i a2}
    + s13^2 c14^2 m3 e^{i a3} + s14^2 m4 e^{i a4}|``; ``theta14 = 0`` gives the
    three-neutrino formula.  (Seed 000, Sect. V D and Fig. 3.)

    Parameters
    ----------
    masses : ndarray, shape (..., 4)
        ``m1..m4`` (``m4`` is ignored when ``theta14 = 0``).
    theta12, theta13, theta14 : ndarray
        Angles (radians), broadcastable.
    phases : ndarray, shape (..., 3)
        Majorana(-like) phases ``a2, a3, a4`` of ``m2, m3, m4`` (all CP phases
        of the first row combine into these).

    Returns
    -------
    ndarray
    """
    c12, s12 = np.cos(theta12), np.sin(theta12)
    c13, s13 = np.cos(theta13), np.sin(theta13)
    c14, s14 = np.cos(theta14), np.sin(theta14)
    m = np.asarray(masses, dtype=float)
    ph = np.exp(1j * np.asarray(phases, dtype=float))
    total = (c12**2 * c13**2 * c14**2 * m[..., 0]
             + s12**2 * c13**2 * c14**2 * m[..., 1] * ph[..., 0]
             + s13**2 * c14**2 * m[..., 2] * ph[..., 1]
             + s14**2 * m[..., 3] * ph[..., 2])
    return np.abs(total)
