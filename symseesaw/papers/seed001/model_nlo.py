"""Higher-order operators of the seed-001 A4 x U(1)_FN seesaw (Sect. III B, Appendix A).

Seed: ``../shared/seeds/001_6200b3fc7d1f06f2.txt`` -- J. Barry, W. Rodejohann,
H. Zhang. Builders of the mass matrices *before* any diagonalization, from the
paper's symbols (:mod:`symseesaw.papers.seed001.model`):

* charged leptons: ``M_l`` (Eq. 14) and ``delta M_l^(1)`` (Eq. A-2);
* Dirac matrix: the 3x3 ``M_D`` in the basis ``(nu_1^c, nu_2^c, nu_3^c)`` of the
  columns (first column from Eq. 13 with ``<phi> = (v, 0, 0)``, columns 2, 3
  from Eqs. 20 / 27) and ``delta M_D^(1)`` (Eq. A-6) with ``F`` of Eq. (A-7);
* right-handed Majorana matrix ``M'_R`` (Eq. A-10);
* the definitions of Eq. (39), ``r_1 = u/Lambda`` (Eq. 34) and ``theta_e1`` (Eq. 16).

Rows of ``M_l`` and ``M_D`` are the lepton doublets ``(e, mu, tau)``, columns the
singlets; the mass term is ``L M nu^c`` (``M_D`` is ``n_light x n_heavy``, see
the project conventions). The operator coefficients of A-2 and A-6 are the A4
singlet contractions of Eqs. (A-1) and (A-5) in the basis where ``T`` is
diagonal (``1 = a1 b1 + a2 b3 + a3 b2``, ``1' = a3 b3 + a1 b2 + a2 b1``,
``1'' = a2 b2 + a1 b3 + a3 b1``), computed by :func:`a4_singlet` from the
triplet VEV alignments (Eqs. 18, 26), so that a comparison with the printed
A-2, A-6 checks the print rather than repeating it.
"""

# ruff: noqa: F405  (names from symbols.__all__)
from __future__ import annotations

import sympy as sp

from .symbols import *  # noqa: F403  (the one seed-001 symbol table)
from .symbols import G_ratio as G
from .symbols import R_ratio as R
from .symbols import chi as chi_s
from .symbols import rho2 as rho2_s
from .symbols import rho3 as rho3_s

ORDERINGS = ("NO", "IO")

#: FN charges (F_1, F_2, F_3) of the scenarios of Table II.
SCENARIOS: dict[str, tuple[int, int, int]] = {
    "I": (9, 10, 10),
    "IIA": (9, 10, 0),
    "IIB": (9, 0, 10),
    "III": (9, 5, 5),
}

#: FN powers of lambda of the charged-lepton singlets (e^c, mu^c, tau^c), Table I.
CHARGED_FN = (3, 1, 0)


def a4_singlet(a: list, b: list, kind: str) -> sp.Expr:
    """A4 singlet ``(a b)_kind`` of two triplets (``kind`` in ``"1", "1'", "1''"``).

    Basis with diagonal ``T`` (Altarelli-Feruglio), the basis in which Eq. (14)
    is diagonal for ``<phi> = (v, 0, 0)``.
    """
    if kind == "1":
        return a[0] * b[0] + a[1] * b[2] + a[2] * b[1]
    if kind == "1'":
        return a[2] * b[2] + a[0] * b[1] + a[1] * b[0]
    if kind == "1''":
        return a[1] * b[1] + a[0] * b[2] + a[2] * b[0]
    raise ValueError(f"unknown A4 singlet {kind!r}")


def alignments(ordering: str) -> dict[str, list]:
    """Triplet VEVs ``<phi>``, ``<phi'>``, ``<phi''>`` (Eqs. 14, 18, 26)."""
    if ordering == "NO":
        phi2 = [0, v2, -v2]
    elif ordering == "IO":
        phi2 = [2 * v2, -v2, -v2]
    else:
        raise ValueError(f"ordering must be 'NO' or 'IO', got {ordering!r}")
    return {"phi": [v, 0, 0], "phi'": [v1, v1, v1], "phi''": phi2}


def _column(vev: list, kind: str) -> list[sp.Expr]:
    """Coefficients of ``L_1, L_2, L_3`` in ``(vev L)_kind``."""
    basis = [[1 if i == k else 0 for i in range(3)] for k in range(3)]
    return [a4_singlet(vev, e, kind) for e in basis]


def fn_matrix(charges: tuple | None = None) -> sp.Matrix:
    """``F = diag(lambda^F1, lambda^F2, lambda^F3)`` (Eq. A-7); integer ``charges`` optional."""
    F = (F1, F2, F3) if charges is None else charges
    return sp.diag(*[lam**f for f in F])


def charged_lepton_matrix() -> sp.Matrix:
    """``M_l`` of Eq. (14): the contractions of Eq. (13) with ``<phi> = (v, 0, 0)``."""
    phi = alignments("NO")["phi"]
    cols = [[y * lam**f * c for c in _column(phi, kind)]
            for y, f, kind in zip((y_e, y_mu, y_tau), CHARGED_FN, ("1", "1'", "1''"), strict=True)]
    return (v_d / Lambda) * sp.Matrix(cols).T


def delta_charged_lepton_matrix() -> sp.Matrix:
    """``delta M_l^(1)`` of Eq. (A-2): first operators of Eq. (A-1), ``xi (phi' L h_d)``.

    The singlet ``xi`` (``<xi> = u``) is an A4 ``1``, so ``(phi' L)`` is
    contracted to the conjugate of the charged singlet's representation.
    """
    phi1 = alignments("NO")["phi'"]
    cols = [[yp * lam**f * c for c in _column(phi1, kind)]
            for yp, f, kind in zip((y_ep, y_mup, y_taup), CHARGED_FN, ("1", "1'", "1''"),
                                   strict=True)]
    return (v_d * u / Lambda**2) * sp.Matrix(cols).T


def dirac_matrix(ordering: str, charges: tuple | None = None) -> sp.Matrix:
    """3x3 ``M_D`` (Eq. 13 / 16 first column, Eqs. 20 / 27 columns 2, 3), columns ``nu_i^c``."""
    al = alignments(ordering)
    F = fn_matrix(charges)
    cols = [[y1 * c for c in _column(al["phi"], "1")],
            [y2 * c for c in _column(al["phi'"], "1''")],
            [y3 * c for c in _column(al["phi''"], "1")]]
    return (v_u / Lambda) * sp.Matrix(cols).T * F


def delta_dirac_matrix(ordering: str, charges: tuple | None = None) -> sp.Matrix:
    """``delta M_D^(1N)`` / ``delta M_D^(1I)`` of Eq. (A-6): the operators of Eq. (A-5)."""
    al = alignments(ordering)
    F = fn_matrix(charges)
    cols = [[y1p * c for c in _column(al["phi'"], "1")],
            [y2p * c for c in _column(al["phi''"], "1''")],
            [y3p * c for c in _column(al["phi"], "1")]]
    return (v_u * u / Lambda**2) * sp.Matrix(cols).T * F


def inner_right_handed_matrix() -> sp.Matrix:
    """The FN-stripped matrix of Eq. (A-10): ``M'_R = F A F``."""
    return sp.Matrix([[w1 * u, 0, w1p * u * r1], [0, w2 * u1, 0], [w1p * u * r1, 0, w3 * u2]])


def right_handed_matrix(charges: tuple | None = None) -> sp.Matrix:
    """``M'_R = M_R + delta M_R^(1)`` of Eq. (A-10) (symbolic or integer FN charges)."""
    F = fn_matrix(charges)
    return F * inner_right_handed_matrix() * F


def theta_e1_definition() -> sp.Expr:
    """Leading active-sterile angle ``theta_e1`` of Eq. (16)."""
    return y1 * v * v_u / (w1 * u * Lambda) * lam ** (-F1)


def r1_definition() -> sp.Expr:
    """``r_1 = u/Lambda`` (Eq. 34)."""
    return u / Lambda


def definitions_39(ordering: str) -> dict[sp.Symbol, sp.Expr]:
    """Eq. (39): ``chi, rho_2, rho_3, sigma_pm^N, sigma_pm^I, R, G`` in model symbols.

    ``R`` needs ``m_3^(0)`` (NO) and ``G`` needs ``m_1^(0)`` (IO); the leading
    masses are those of Eqs. (25), (30).
    """
    chi = y1 * v / (y3 * v2) * w1p / w1 * r1
    rho2 = y2p * v2 / (y2 * v1) * r1
    rho3 = y3p * v / (y3 * v2) * r1
    m2 = -3 * y2**2 * v1**2 * v_u**2 / (w2 * u1 * Lambda**2)
    out: dict[sp.Symbol, sp.Expr] = {
        chi_s: chi, rho2_s: rho2, rho3_s: rho3,
        sigma_pN: chi + rho2 - rho3, sigma_mN: chi - rho2 - rho3,
        sigma_pI: chi + 3 * rho2 - rho3, sigma_mI: chi - 3 * rho2 - rho3,
        m2_0: m2,
    }
    if ordering == "NO":
        m3 = -2 * y3**2 * v2**2 * v_u**2 / (w3 * u2 * Lambda**2)
        out[m3_0] = m3
        out[R] = m2 / m3
    elif ordering == "IO":
        m1 = -6 * y3**2 * v2**2 * v_u**2 / (w3 * u2 * Lambda**2)
        out[m1_0] = m1
        out[G] = m1 / (m2 - m1)
    else:
        raise ValueError(f"ordering must be 'NO' or 'IO', got {ordering!r}")
    return out
