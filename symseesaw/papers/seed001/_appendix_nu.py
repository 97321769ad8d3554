"""Seed 001, Appendix A.2: the 5x5 diagonalization with higher-order operators.

Regenerates ``delta U`` and the five masses of Eqs. (A-16), (A-17) (normal
ordering) and (A-18), (A-19) (inverted ordering) from the 5x5 matrix the paper
describes below Eq. (A-14): columns 2 and 3 of ``M'_D`` (first order in
``r_1``, taken as exact) and ``diag(M'_2, M'_3)``.

Expansion variables
-------------------
* ``epsilon_i = t e_i`` with ``t`` small (second order) and ``e_i`` exact:
  with the heavy masses ``M_2 = w_2 u' lambda^{2F_2}``, ``M_3 = w_3 u''
  lambda^{2F_3}`` exact, the leading light masses ``m_2^(0) = -3 t^2 e_1^2
  M_2`` etc. are of the same order in ``t`` and their splitting is an exact
  atom ``1/(m_3^(0) - m_2^(0))``.  "Second order in epsilon_i" is ``t^2``; a
  term ``t^k e_1^a e_2^b`` (``a + b = k``) is ``epsilon_1^a epsilon_2^b``.
* ``chi = r_1 chi^``, ``rho_2 = r_1 rho^_2``, ``rho_3 = r_1 rho^_3`` (Eq. 39)
  with ``r_1`` small (first order; masses to second order) and hats exact.
* Normal ordering: ``R = m_2^(0)/m_3^(0)`` is a small parameter (first order,
  as in the paper).  The engine keeps ``R`` exact (atom ``1/(1 - R)``) and the
  result is expanded in ``R`` afterwards by exact series conversion.
* Inverted ordering: ``G = m_1^(0)/(m_2^(0) - m_1^(0))`` stays exact (atom).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import sympy as sp

from symseesaw import exact_series, seesaw_expansion, series_algebra
from symseesaw.api import Algebra, SeesawExpansion, Series, SeriesRebase, SeriesRenamer
from symseesaw.compare import (
    SeriesConverter,
    coefficient_series,
    expression_text,
    lowest_differing,
    truncated_difference,
)
from symseesaw.models.reparametrize import solve_definitions
from symseesaw.papers.seed001 import model as paper
from symseesaw.result import Comparison

from ._appendix_printed import PRINTED

# expansion variables
t = sp.Symbol("t", positive=True)
r1 = paper.r1
R = paper.R_ratio
G = paper.G_ratio
e1, e2 = sp.Symbol("e_1", positive=True), sp.Symbol("e_2", positive=True)
M2, M3 = sp.Symbol("M_2", positive=True), sp.Symbol("M_3", positive=True)
chi_h = sp.Symbol("chihat", real=True)
rho2_h = sp.Symbol("rho2hat", real=True)
rho3_h = sp.Symbol("rho3hat", real=True)
#: ``chi^ - rho^_3``: the 5x5 matrix depends on chi and rho_3 only through their
#: difference (checked in :func:`five_by_five`), so the engine runs with one symbol.
kappa = sp.Symbol("kappa", real=True)

LATEX_NAMES = {t: "t", e1: r"\hat\epsilon_1", e2: r"\hat\epsilon_2", M2: "M_2", M3: "M_3",
               chi_h: r"\hat\chi", rho2_h: r"\hat\rho_2", rho3_h: r"\hat\rho_3"}

#: Order of the mixing comparison: first in r1 and R, second in epsilon_i (masses:
#: see :func:`_mass_bounds`).
MIXING_ORDER = {t: 2, r1: 1, R: 1}

U0 = sp.diag(paper.tri_bimaximal(), sp.eye(2))


def _leading_masses(ordering: str) -> dict[sp.Symbol, sp.Expr]:
    """``m_i^(0)`` of Eqs. (25), (30) in expansion variables."""
    out = {paper.m2_0: -3 * t**2 * e1**2 * M2}
    if ordering == "NO":
        out[paper.m3_0] = -2 * t**2 * e2**2 * M3
    else:
        out[paper.m1_0] = -6 * t**2 * e2**2 * M3
    return out


def paper_to_expansion(ordering: str) -> dict[sp.Symbol, sp.Expr]:
    """Substitution taking the paper's symbols (Eq. 39, ``m_i^(0)``) to expansion variables."""
    sub = {
        paper.epsilon_1: t * e1, paper.epsilon_2: t * e2,
        paper.chi: r1 * chi_h, paper.rho2: r1 * rho2_h, paper.rho3: r1 * rho3_h,
        paper.sigma_pN: r1 * (chi_h + rho2_h - rho3_h),
        paper.sigma_mN: r1 * (chi_h - rho2_h - rho3_h),
        paper.sigma_pI: r1 * (chi_h + 3 * rho2_h - rho3_h),
        paper.sigma_mI: r1 * (chi_h - 3 * rho2_h - rho3_h),
        paper.w2: M2 / (paper.u1 * paper.lam ** (2 * paper.F2)),
        paper.w3: M3 / (paper.u2 * paper.lam ** (2 * paper.F3)),
    }
    masses = _leading_masses(ordering)
    sub.update(masses)
    return sub


def _m2_elimination(ordering: str) -> dict[sp.Symbol, sp.Expr]:
    """``M_2`` through ``R = m_2^(0)/m_3^(0)`` (NO) or ``G = m_1^(0)/(m_2^(0) - m_1^(0))`` (IO).

    With these, the light splittings are ``m_3^(0) (1 - R)`` and
    ``-m_1^(0)/G``: the normal-ordering atom is ``1/(1 - R)`` and the inverted
    ordering has no light atom at all (its mixing is polynomial in ``G``, as printed).
    """
    if ordering == "NO":
        return {M2: sp.Rational(2, 3) * e2**2 * M3 * R / e1**2}
    return {M2: 2 * e2**2 * M3 * (1 + G) / (G * e1**2)}


def to_expansion(ordering: str, expr: sp.Expr) -> sp.Expr:
    """A printed formula in the expansion variables of this derivation (sympy)."""
    return sp.sympify(expr).subs(paper_to_expansion(ordering)).subs(_m2_elimination(ordering))


def expansion_substitution(ordering: str) -> dict[sp.Symbol, sp.Expr]:
    """:func:`paper_to_expansion` followed by :func:`_m2_elimination`, as one substitution."""
    m2 = _m2_elimination(ordering)
    out = {k: sp.sympify(v).xreplace(m2) for k, v in paper_to_expansion(ordering).items()}
    for k, v in m2.items():
        out.setdefault(k, v)
    return out


def printed_converter(ordering: str, alg: Algebra) -> SeriesConverter:
    """Printed formulas (paper symbols) -> series of ``alg`` in the expansion variables.

    Equals ``exact_series(alg, to_expansion(ordering, expr))`` (a test checks it on
    every transcription) without a sympy substitution per formula: the paper's
    symbols are replaced while converting, each distinct sub-expression once.
    """
    return SeriesConverter(alg, expansion_substitution(ordering))


def five_by_five(ordering: str, dirac_prime: sp.Matrix) -> sp.Matrix:
    """The 5x5 ``M'_nu`` (below Eq. A-14) in expansion variables.

    Parameters
    ----------
    ordering : {"NO", "IO"}
    dirac_prime : sympy.Matrix
        ``M'_D`` (3x3, paper symbols, first order in ``r_1``); its columns 2 and
        3 and ``diag(M'_2, M'_3)`` (``M'_3 = M_3`` at first order) build the matrix.
    """
    hats = solve_definitions({
        rho2_h: paper.y2p * paper.v2 / (paper.y2 * paper.v1),
        rho3_h: paper.y3p * paper.v / (paper.y3 * paper.v2),
        chi_h: paper.y1 * paper.v * paper.w1p / (paper.y3 * paper.v2 * paper.w1),
    }, [paper.y2p, paper.y3p, paper.w1p])
    eps = solve_definitions({
        e1: paper.y2 * paper.v1 * paper.v_u / (M2 * paper.Lambda) * paper.lam ** paper.F2,
        e2: paper.y3 * paper.v2 * paper.v_u / (M3 * paper.Lambda) * paper.lam ** paper.F3,
    }, [paper.y2, paper.y3])
    # leading order in w_3 u''/(w_1 u), the order of A-14 and of chi in Eq. (39)
    D = dirac_prime[:, 1:].xreplace({paper.w3: 0}).xreplace(hats).xreplace(eps).xreplace({paper.u: r1 * paper.Lambda})
    D = D.applyfunc(lambda x: sp.expand(sp.powsimp(sp.expand(x), force=True)))
    leftover = D.free_symbols - {r1, e1, e2, M2, M3, chi_h, rho2_h, rho3_h}
    if leftover:
        raise ValueError(f"M'_D columns 2, 3 depend on {sorted(map(str, leftover))} beyond "
                         "the parameters of Eq. (39)")
    D = D.xreplace({chi_h: kappa + rho3_h}).applyfunc(sp.expand)
    if rho3_h in D.free_symbols:
        raise ValueError("M'_D columns 2, 3 do not depend on chi, rho_3 through chi - rho_3 only")
    return sp.Matrix(sp.BlockMatrix([[sp.zeros(3, 3), t * D], [t * D.T, sp.diag(M2, M3)]]))


@dataclass
class NeutrinoSector:
    """The derived 5x5 diagonalization of one ordering, ready to compare."""

    ordering: str
    mass_matrix: sp.Matrix
    algebra: Algebra
    mixing: list[list[Series]]
    masses: list[Series]
    mass_bounds: list[tuple]
    mixing_bounds: tuple
    small: dict[sp.Symbol, int]

    def mixing_matrix(self) -> sp.Matrix:
        return sp.Matrix(5, 5, lambda i, j: self.mixing[i][j].truncate(self.mixing_bounds)
                         .to_sympy())

    def mass_list(self) -> list[sp.Expr]:
        return [m.truncate(b).to_sympy() for m, b in zip(self.masses, self.mass_bounds)]


def _engine(matrix: sp.Matrix) -> SeesawExpansion:
    """Seesaw expansion to ``t^4`` (heavy masses need the bracket to epsilon^2) and ``r_1^2``."""
    return seesaw_expansion(matrix, 3, {t: 4, r1: 2}, light_basis=paper.tri_bimaximal(),
                            convention="Udag_M_Ustar")


def _mass_bounds(alg: Algebra, ordering: str) -> list[tuple]:
    """Per mass: the printed bracket ``{...}`` to 2nd order in epsilon_i and r_1, 1st in R.

    The brackets multiply ``m_i^(0)`` (``t^2``; ``R^1`` for ``m_2^(0)`` in the
    normal ordering), hence absolute bounds ``t^4``, ``r_1^2`` and ``R^2`` or ``R^1``.
    """
    out = []
    for k in range(5):
        bounds = {t: 4, r1: 2}
        if ordering == "NO":
            bounds[R] = 2 if k in (1, 3) else 1
        out.append((*[bounds[s] for s in alg.small_symbols], float("inf")))
    return out


def derive_sector(ordering: str, dirac_prime: sp.Matrix) -> NeutrinoSector:
    """Diagonalize the 5x5 of ``ordering`` and re-express it in the paper's orders."""
    matrix = five_by_five(ordering, dirac_prime)
    # M_2 is eliminated through R (NO) or G (IO) after the diagonalization: the
    # engine keeps the light splitting as an exact atom and the substitution
    # expands it (NO) or cancels it (IO: 1/(m_2^(0) - m_1^(0)) = -G/m_1^(0)).
    expansion = _engine(matrix)
    small = {t: 4, r1: 2} | ({R: 3} if ordering == "NO" else {})
    alg = series_algebra(small)
    rebase = SeriesRebase(alg, _m2_elimination(ordering) | {kappa: chi_h - rho3_h})
    mixing = [[rebase(expansion.U_series[i, j], (2, 1, float("inf"))) for j in range(5)]
              for i in range(5)]
    masses = [rebase(m, b) for m, b in zip(expansion.mass_series, expansion.mass_bounds)]
    mixing_bounds = (*[MIXING_ORDER[s] for s in alg.small_symbols], float("inf"))
    return NeutrinoSector(ordering, matrix, alg, mixing, masses, _mass_bounds(alg, ordering),
                          mixing_bounds, small)


# ---------------------------------------------------------------------------
# Comparisons with the printed equations
# ---------------------------------------------------------------------------
MIXING_EQUATIONS = {"NO": ("A-16a", "A-16b"), "IO": ("A-18a", "A-18b")}
MASS_EQUATION = {"NO": "A-17", "IO": "A-19"}


def _t_part(series: Series, keep) -> Series:
    """Terms whose power of ``t`` (epsilon_i) satisfies ``keep``."""
    k = series.alg.small_symbols.index(t)
    return series.part(lambda m: keep(series.alg.small_exponents(m)[k]))


def _readings(printed) -> list[tuple[str | None, object]]:
    """The readings to compare: every transcription.

    An equation with a single reading reports it as ``None`` (its rows are the
    headline verdicts); with several, every reading is named (``"as printed"``
    included) and the appendix adds one summary row per entry.
    """
    if len(printed.readings) == 1:
        return [(None, value) for value in printed.readings.values()]
    return list(printed.readings.items())


#: Expansion variables back to the paper's symbols (every term is homogeneous:
#: ``t^k`` comes with ``k`` factors ``e_i``, ``r_1^k`` with ``k`` hats).
TO_PAPER = {t: 1, r1: 1, e1: paper.epsilon_1, e2: paper.epsilon_2, chi_h: paper.chi,
            rho2_h: paper.rho2, rho3_h: paper.rho3}
ORDER_NAMES = {t: "epsilon", r1: "r_1", R: "R"}


def to_paper(expr: sp.Expr) -> sp.Expr:
    """An expression in expansion variables, written in the paper's symbols.

    The same as ``expr.xreplace(TO_PAPER)``; every distinct sub-expression is
    rewritten once (the derived formulas repeat their atoms and monomials).
    """
    return _paper(sp.sympify(expr))


@functools.lru_cache(maxsize=1 << 16)
def _paper(expr: sp.Expr) -> sp.Expr:
    value = TO_PAPER.get(expr)
    if value is not None:
        return sp.sympify(value)
    if not expr.args:
        return expr
    args = [_paper(arg) for arg in expr.args]
    if all(new is old for new, old in zip(args, expr.args)):
        return expr
    return expr.func(*args)


#: Writes the appendix comparisons in the paper's symbols (shared: generators renamed once).
PAPER = SeriesRenamer(to_paper)


def _verdict(equation: str, entry: list[int], printed: Series, derived: Series,
             bounds: tuple, reading: str | None) -> Comparison:
    """A printed formula (its series in the expansion variables, see
    :func:`printed_converter`) against the derived series up to ``bounds``, reported in
    the paper's symbols and orders (``epsilon`` = total order in ``epsilon_1, epsilon_2``).

    The verdict rule is :func:`symseesaw.compare.compare`'s; the record is built here
    directly in the paper's symbols (each expression converted to sympy once).
    """
    alg = derived.alg
    difference = truncated_difference(equation, entry, printed, derived, bounds)
    claimed = {ORDER_NAMES[s]: int(b) for s, b in zip(alg.small_symbols, bounds)
               if b != float("inf")}
    derived_t = PAPER(derived.truncate(bounds))
    # no term left in the difference: the two truncations have the same terms
    printed_t = derived_t if difference.is_exact_zero() else PAPER(printed.truncate(bounds))
    if difference.is_zero():
        return Comparison(equation, list(entry), printed_t, derived_t, "agrees",
                          reading=reading, claimed_order=claimed)
    exps = lowest_differing(difference)
    lowest = {ORDER_NAMES[s]: int(e) for s, e in zip(alg.small_symbols, exps)}
    order = ", ".join(f"{k}^{v}" for k, v in lowest.items())
    p_coeff, d_coeff, missing = (PAPER(coefficient_series(x, exps))
                                 for x in (printed, derived, derived - printed))
    note = (f"at order {order}: printed {expression_text(p_coeff)}, correct {expression_text(d_coeff)}; "
            f"the print misses {expression_text(missing)}")
    # a difference beyond the claimed order is no erratum (Comparison refuses it)
    return Comparison(equation, list(entry), printed_t, derived_t, "differs",
                      lowest_differing_order=lowest, difference=PAPER(difference),
                      reading=reading, note=note, claimed_order=claimed)


def compare_sector(sector: NeutrinoSector) -> list[Comparison]:
    """Entry-by-entry verdicts on A-16/A-17 (NO) or A-18/A-19 (IO)."""
    o = sector.ordering
    alg = sector.algebra
    printed_series = printed_converter(o, alg)
    out: list[Comparison] = []
    delta = [[sector.mixing[i][j] - exact_series(alg, U0[i, j]) for j in range(5)]
             for i in range(5)]
    first, second = MIXING_EQUATIONS[o]
    for label, keep in ((first, lambda k: k <= 1), (second, lambda k: k == 2)):
        derived = [[_t_part(delta[i][j], keep) for j in range(5)] for i in range(5)]
        for reading, matrix in _readings(PRINTED[label]):
            for i in range(5):
                for j in range(5):
                    out.append(_verdict(
                        label, [i + 1, j + 1], printed_series(matrix[i, j]), derived[i][j],
                        sector.mixing_bounds, reading))
    printed = PRINTED[MASS_EQUATION[o]]
    for reading, formulas in _readings(printed):
        for k, formula in enumerate(formulas):
            out.append(_verdict(MASS_EQUATION[o], [k + 1], printed_series(formula),
                                sector.masses[k], sector.mass_bounds[k], reading))
    return out


# ---------------------------------------------------------------------------
# Order proof
# ---------------------------------------------------------------------------
#: Generic base point (exact rationals); small parameters scale as t * direction.
BASE_POINT = {e1: sp.Rational(7, 10), e2: 1, M3: sp.Rational(17, 10), chi_h: sp.Rational(1, 2),
              rho2_h: sp.Rational(-7, 10), rho3_h: sp.Rational(3, 10), G: 3}
DIRECTION = {t: 1, r1: 1, R: 1}


def proof_inputs(sector: NeutrinoSector) -> dict:
    """Arguments of :func:`prove_expansion` for the compared (truncated) formulas."""
    alg = sector.algebra
    matrix = sector.mass_matrix.xreplace({kappa: chi_h - rho3_h}).subs(
        _m2_elimination(sector.ordering))
    small = {s: MIXING_ORDER[s] for s in alg.small_symbols}
    symbols = sorted(matrix.free_symbols | set(small), key=str)
    base = {s: v for s, v in BASE_POINT.items() if s in symbols}
    return dict(mass_matrix=matrix, mixing_matrix=sector.mixing_matrix(),
                masses=sector.mass_list(), symbols=symbols, small=small, base_point=base,
                direction={s: DIRECTION[s] for s in small}, convention="Udag_M_Ustar")
