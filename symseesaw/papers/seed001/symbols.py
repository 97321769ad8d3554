"""The one symbol table of seed 001 (Barry, Rodejohann, Zhang): every paper symbol, once.

Every seed-001 module and test imports its symbols from here as one name
(``from symseesaw.papers.seed001 import symbols as S`` or, for modules whose
bodies use the bare names, ``from symseesaw.papers.seed001.symbols import *``,
which binds exactly :data:`__all__`).  :data:`TABLE` is the LaTeX symbol
table the parser reads the printed equations with (``u'``, ``m_2^{(0)}``,
``y'_\\mu``, ``\\sigma_+^N``, ``\\theta_{e1}`` ...).

Assumptions: couplings, VEVs, scales and FN charges are positive; primed
couplings of the higher-order operators, the Eq. (39) parameters and the
leading masses ``m_i^(0)`` are real (they may be negative).
"""

from __future__ import annotations

import sympy as sp

from symseesaw.parsing import SymbolTable

__all__ = [
    "ALL_SYMBOLS", "F1", "F2", "F3", "F_e", "F_mu", "F_tau", "G_ratio", "LATEX_NAMES", "Lambda", "R_ratio",
    "TABLE", "chi", "epsilon_1", "epsilon_2", "lam", "m1_0", "m2_0", "m3_0", "r1", "rho2",
    "rho3", "sigma_mI", "sigma_mN", "sigma_pI", "sigma_pN", "theta_e1", "u", "u1", "u2", "v",
    "v1", "v2", "v_d", "v_u", "w1", "w1p", "w2", "w3", "y1", "y1p", "y2", "y2p", "y3", "y3p",
    "y_e", "y_ep", "y_mu", "y_mup", "y_tau", "y_taup",
]


def _positive(name: str) -> sp.Symbol:
    return sp.Symbol(name, positive=True)


def _real(name: str) -> sp.Symbol:
    return sp.Symbol(name, real=True)


# Sect. III A (Eqs. 19-30): couplings, VEVs, cut-off, FN parameter and charges
y2, y3 = _positive("y_2"), _positive("y_3")
v1, v2 = _positive("v'"), _positive("v''")
u1, u2 = _positive("u'"), _positive("u''")
w2, w3 = _positive("w_2"), _positive("w_3")
Lambda, lam, v_u = _positive("Lambda"), _positive("lambda"), _positive("v_u")
F2, F3 = _positive("F_2"), _positive("F_3")

# Sect. III B and Appendix A (higher-order operators)
y1, w1 = _positive("y_1"), _positive("w_1")
v, u, v_d, F1 = _positive("v"), _positive("u"), _positive("v_d"), _positive("F_1")
y1p, y2p, y3p, w1p = _real("y'_1"), _real("y'_2"), _real("y'_3"), _real("w'_1")
y_e, y_mu, y_tau = _positive("y_e"), _positive("y_mu"), _positive("y_tau")
y_ep, y_mup, y_taup = _real("y'_e"), _real("y'_mu"), _real("y'_tau")
r1 = _positive("r_1")
chi, rho2, rho3 = _real("chi"), _real("rho_2"), _real("rho_3")
sigma_pN, sigma_mN = _real("sigma_+^N"), _real("sigma_-^N")
sigma_pI, sigma_mI = _real("sigma_+^I"), _real("sigma_-^I")
R_ratio, G_ratio = _real("R"), _real("G")
theta_e1 = _real("theta_e1")
#: FN exponents of the charged leptons, ``lambda^{F_alpha}`` in Eq. (A-4); the
#: paper names them nowhere else (Eq. (14) has lambda^3, lambda, 1).
F_e = sp.Symbol("F_e", nonnegative=True)
F_mu = sp.Symbol("F_mu", nonnegative=True)
F_tau = sp.Symbol("F_tau", nonnegative=True)

# derived symbols of the paper (Eqs. 23, 25, 30)
epsilon_1, epsilon_2 = _positive("epsilon_1"), _positive("epsilon_2")
m1_0, m2_0, m3_0 = _real("m_1^(0)"), _real("m_2^(0)"), _real("m_3^(0)")

#: LaTeX spelling of the symbols whose name is not already their LaTeX.
LATEX_NAMES = {
    v1: "v'", v2: "v''", u1: "u'", u2: "u''", m1_0: "m_1^{(0)}", m2_0: "m_2^{(0)}",
    m3_0: "m_3^{(0)}", lam: r"\lambda", Lambda: r"\Lambda", v_u: "v_u",
    y1p: "y'_1", y2p: "y'_2", y3p: "y'_3", w1p: "w'_1", y_ep: "y'_e", y_mup: r"y'_\mu",
    y_taup: r"y'_\tau", y_mu: r"y_\mu", y_tau: r"y_\tau", sigma_pN: r"\sigma_+^N",
    sigma_mN: r"\sigma_-^N", sigma_pI: r"\sigma_+^I", sigma_mI: r"\sigma_-^I",
    theta_e1: r"\theta_{e1}",
}

#: The symbols of the paper, in definition order.
ALL_SYMBOLS: tuple[sp.Symbol, ...] = tuple(
    value for value in dict(globals()).values() if isinstance(value, sp.Symbol))

#: Symbol table of the LaTeX parser for the printed equations of the paper.
TABLE = SymbolTable(ALL_SYMBOLS, latex_names=LATEX_NAMES)
