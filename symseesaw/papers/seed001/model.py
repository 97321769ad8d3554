"""A4 x U(1)_FN seesaw of seed 001 (Barry, Rodejohann, Zhang), Section III A.

Builds the 5x5 Majorana mass matrix of Eq. (19) in the basis
``(nu_e, nu_mu, nu_tau, nu_2^c, nu_3^c)`` from the paper's own symbols, with
the Dirac matrices of Eq. (20) (normal ordering) and Eq. (27) (inverted
ordering) and ``M_R`` of Eq. (21); and the definitions of Eqs. (23), (25), (30).

The symbols are those of the one seed-001 table,
:mod:`symseesaw.papers.seed001.symbols`, re-exported here (``model.epsilon_1``,
``model.LATEX_NAMES``) for the derivations that read the model module.
"""

# ruff: noqa: F405  (the symbols come from the one table, symbols.__all__)
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symseesaw.models.reparametrize import solve_definitions
from symseesaw.papers.seed001.symbols import *  # noqa: F403  (re-exported: model.<symbol>)

MODEL_SYMBOLS = [y2, y3, v1, v2, u1, u2, w2, w3, Lambda, lam, v_u, F2, F3]


def tri_bimaximal() -> sp.Matrix:
    """``U_TBM`` of seed 001 Eq. (12)."""
    s6, s3, s2 = sp.sqrt(6), sp.sqrt(3), sp.sqrt(2)
    return sp.Matrix([[2 / s6, 1 / s3, 0], [-1 / s6, 1 / s3, -1 / s2], [-1 / s6, 1 / s3, 1 / s2]])


def right_handed_mass_matrix() -> sp.Matrix:
    """``M_R`` of Eq. (21)."""
    return sp.diag(w2 * u1 * lam ** (2 * F2), w3 * u2 * lam ** (2 * F3))


def dirac_mass_matrix(ordering: str) -> sp.Matrix:
    """``M_D`` of Eq. (20) (``ordering="NO"``) or Eq. (27) (``"IO"``); 3x2."""
    c2 = y2 * v1 * lam**F2
    c3 = y3 * v2 * lam**F3
    if ordering == "NO":
        cols = [[c2, c2, c2], [0, -c3, c3]]
    elif ordering == "IO":
        cols = [[c2, c2, c2], [2 * c3, -c3, -c3]]
    else:
        raise ValueError(f"ordering must be 'NO' or 'IO', got {ordering!r}")
    return (v_u / Lambda) * sp.Matrix(cols).T


def mass_matrix(ordering: str) -> sp.Matrix:
    """The 5x5 ``M_nu`` of Eq. (19) for the given ordering."""
    D = dirac_mass_matrix(ordering)
    R = right_handed_mass_matrix()
    return sp.Matrix(sp.BlockMatrix([[sp.zeros(3, 3), D], [D.T, R]]))


def definitions(ordering: str) -> dict[sp.Symbol, sp.Expr]:
    """Eq. (23) for ``epsilon_i`` and Eqs. (25), (30) for the leading masses."""
    defs = {
        epsilon_1: y2 * v1 * v_u / (w2 * u1 * Lambda) * lam ** (-F2),
        epsilon_2: y3 * v2 * v_u / (w3 * u2 * Lambda) * lam ** (-F3),
        m2_0: -3 * y2**2 * v1**2 * v_u**2 / (w2 * u1 * Lambda**2),
    }
    if ordering == "NO":
        defs[m3_0] = -2 * y3**2 * v2**2 * v_u**2 / (w3 * u2 * Lambda**2)
    else:
        defs[m1_0] = -6 * y3**2 * v2**2 * v_u**2 / (w3 * u2 * Lambda**2)
    return defs


@dataclass
class Seed001Model:
    """The model in the expansion variables ``epsilon_1, epsilon_2``.

    Attributes
    ----------
    ordering : str
    mass_matrix : sympy.Matrix
        Eq. (19) with ``y_2, y_3`` eliminated through Eq. (23).
    substitution : dict
        ``{y_2: ..., y_3: ...}`` taking paper symbols to expansion variables.
    definitions : dict
        Eqs. (23), (25), (30) in paper symbols.
    light_basis : sympy.Matrix
        Tri-bimaximal leading basis (Eq. 12).
    """

    ordering: str
    mass_matrix: sp.Matrix
    substitution: dict[sp.Symbol, sp.Expr]
    definitions: dict[sp.Symbol, sp.Expr]
    light_basis: sp.Matrix

    def to_expansion_variables(self, expr: sp.Expr) -> sp.Expr:
        """Rewrite a printed formula (paper symbols, ``m_i^(0)``) in ``epsilon_i``."""
        expr = sp.sympify(expr).xreplace(
            {s: d for s, d in self.definitions.items() if s not in (epsilon_1, epsilon_2)})
        return sp.powsimp(sp.expand(expr.xreplace(self.substitution)), force=False)


def build(ordering: str) -> Seed001Model:
    """Model of Sect. III A for ``ordering`` in ``{"NO", "IO"}``."""
    defs = definitions(ordering)
    substitution = solve_definitions(
        {epsilon_1: defs[epsilon_1], epsilon_2: defs[epsilon_2]}, [y2, y3])
    M = mass_matrix(ordering).xreplace(substitution).applyfunc(sp.expand)
    return Seed001Model(ordering, M, substitution, defs, tri_bimaximal())
