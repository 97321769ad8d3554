"""Seed 001, Sect. III B and Appendix A: the complete errata audit of the NLO formulas.

One derivation covering every printed equation of Sect. III B (Eqs. 35-41) and
Appendix A (A-2 .. A-19):

* the sectors (charged leptons A-3/A-4, right-handed A-11/A-12 with the
  Table II scenarios, ``M'_D`` A-14, Eqs. 35/36) from
  :mod:`symseesaw.papers.seed001.appendix_sectors`;
* the 5x5 diagonalization with higher-order operators, ``delta U`` and the
  five masses (A-16/A-17 normal, A-18/A-19 inverted ordering) from
  :mod:`symseesaw.papers.seed001._appendix_nu`, built from the *derived* ``M'_D``;
* the combined ``|U_alpha i|^2`` of Eqs. (37), (38) through Eq. (7),
  ``U = V_l^dagger (U_nu)_{3x5}``, and Eq. (41) with the numbers around it;
* the claim that ``U_e3 = 0`` and ``|U_mu3| = |U_tau3|`` hold to all orders in
  ``epsilon_i`` without higher-order operators (:mod:`symseesaw.papers.seed001.mutau`).

Verdicts rest on the derived formulas, each with an order proof (``prove``).
"""

from __future__ import annotations

import functools

import mpmath
import sympy as sp

from symseesaw import exact_series
from symseesaw.api import Series
from symseesaw.numerics.proof import prove_expansion
from symseesaw.papers.seed001 import model as paper
from symseesaw.papers.verdicts import with_summaries
from symseesaw.result import (
    Comparison,
    DerivationResult,
    ProofReport,
    SlopeMeasurement,
    StoredExpansion,
)

from . import _appendix_nu as nu
from . import appendix_sectors as sectors
from . import mutau as mutau
from ._appendix_printed import PRINTED, PRINTED_NUMBERS
from ._section3a import SOURCE
from .appendix_sectors import _prefixed

NAME = "seed001-appendix"
__all__ = ["NAME", "EQUATIONS", "SUMMARY", "SOURCE", "derive", "prove"]
EQUATIONS = ["A-2", "A-3", "A-4", "A-6", "A-10", "A-11", "A-12", "A-14", "A-16", "A-17",
             "A-18", "A-19", "35", "36", "37", "38", "41", "after 30", "after 38"]
SUMMARY = ("Seed 001 Sect. III B + Appendix A: every NLO formula regenerated from the model "
           "(charged leptons, right-handed sector per Table II scenario, M'_D, the 5x5 "
           "delta U and masses in both orderings, |U_ai|^2 via Eq. 7, Eq. 41, U_e3 = 0 to "
           "all orders) and audited entry by entry")
ORDERINGS = ("NO", "IO")
MIXING_EQUATION = {"NO": "37", "IO": "38"}

#: Families of differences with one cause, named in the report.
CAUSES = [
    "A-3, A-4, (37), (38): A-2 corrects M_l by r_1 v'/v, the print writes r_1 (v' = v assumed); "
    "(37), (38) are compared at v' = v, the paper's Eq. (33) choice. A-3 (3,2) is "
    "-y'_tau/y_tau r_1 (antisymmetric V_l), not the printed -y'_mu/y_mu r_1.",
    "A-11, A-12, (35), (36): V_R of A-11 is a congruence of the FN-stripped M'_R, not the "
    "unitary diagonalization of M'_R; per Table II scenario the physical mixing and mass "
    "corrections differ (see the A-12 scenario rows).",
    "A-16b columns 2, 3 (NO): the printed epsilon_1^2 sigma_+^N terms miss a rotation "
    "between nu_2 and nu_3 by the angle (sqrt(6)/4) sigma_+^N epsilon_1^2 (column 3 misses "
    "+angle x column 2 of U_TBM, column 2 misses -angle x column 3).",
    "A-16b, A-18b entries (4,5), (5,4): the print keeps only the symmetric -B^dagger B/2 "
    "term sigma_+ epsilon_1 epsilon_2/2 and omits the rotation diagonalizing the corrected "
    "heavy block, of angle sigma_+ epsilon_1 epsilon_2 (M_2 + M_3)/(2 (M_3 - M_2)) (in the "
    "NO expanded in R, i.e. at M_2/M_3 = O(R)).",
    "A-18b columns 1, 2 (IO): at order epsilon^2 r_1 the derived entries contain G^2 terms "
    "(second order in the quasi-degenerate splitting 1/(m_2^(0) - m_1^(0))) that the print, "
    "linear in G, does not have.",
    "A-17, A-19: the r_1^2 (chi, rho) terms of the masses differ from the print; every mass "
    "difference is listed with the missing term.",
]


@functools.lru_cache(maxsize=2)
def neutrino_sector(ordering: str) -> nu.NeutrinoSector:
    """The 5x5 diagonalization of ``ordering``, built from the derived ``M'_D``."""
    return nu.derive_sector(ordering, sectors.dirac_prime(ordering))


@functools.lru_cache(maxsize=1)
def charged_lepton_rotation() -> sp.ImmutableMatrix:
    """Derived ``V_l`` at first order in ``r_1``, leading order in ``lambda``, ``v' = v``."""
    V = sectors.charged_leptons()["V_l"]
    return sp.ImmutableMatrix(V.xreplace({paper.lam: 0, paper.v1: paper.v}).applyfunc(sp.cancel))


@functools.lru_cache(maxsize=2)
def mixing_elements(ordering: str) -> tuple[Series, ...]:
    """``|U_alpha i|^2`` of Eqs. (37)/(38), ``U = V_l^T (U_nu)_{3x5}`` (Eq. 7, real).

    The amplitudes ``U_alpha i`` in the printed order (Eqs. 37, 38 and 41 read them).
    """
    sector = neutrino_sector(ordering)
    alg = sector.algebra
    V = charged_lepton_rotation()
    Vs = [[exact_series(alg, V[b, a]) for b in range(3)] for a in range(3)]  # V^T

    def element(a: int, i: int) -> Series:
        amp = alg.zero()
        for b in range(3):
            amp = amp + Vs[a][b] * sector.mixing[b][i]
        return amp

    pairs = ((0, 2), (0, 1), (1, 2), (0, 3), (1, 3), (0, 4), (1, 4))  # the printed order
    return tuple(element(a, i) for a, i in pairs)


#: Weights of the "first relative order" of Eqs. (37), (38): one power of epsilon_i^2,
#: r_1 or R is one order; products of two corrections are dropped, as in the print.
ORDER_WEIGHTS = {nu.t: 1, nu.r1: 2, nu.R: 2}


def _weight(alg, mono) -> int:
    return sum(ORDER_WEIGHTS[s] * e for s, e in zip(alg.small_symbols, alg.small_exponents(mono)))


def first_relative_order(series: Series, lead: int) -> Series:
    """Terms of weight ``<= lead + 2`` (:data:`ORDER_WEIGHTS`): leading term + first corrections."""
    alg = series.alg
    return series.part(lambda m: _weight(alg, m) <= lead + 2)


def _square_comparison(ordering: str, k: int, amplitude: Series, formula: sp.Expr,
                       reading: str | None = None, conditions: dict | None = None) -> Comparison:
    """|amplitude|^2 against a printed |U|^2 at the leading and first relative order.

    Both sides are cut at the same weighted order (the leading weight of the
    derived square plus one correction); the box keeps epsilon^2 (the order of
    ``U_nu``), the amplitude's leading power of ``r_1`` plus one, and ``R^1``.
    """
    alg = amplitude.alg
    square = amplitude * amplitude
    printed = nu.printed_converter(ordering, alg)(formula)
    if conditions:
        square = exact_series(alg, square.to_sympy().xreplace(conditions))
        printed = exact_series(alg, printed.to_sympy().xreplace(conditions))
    lead = min((_weight(alg, m) for m in square.cleared().terms), default=0)
    r1_lead = amplitude.low[alg.small_symbols.index(nu.r1)]
    box = {nu.t: 2, nu.r1: 1 + (0 if r1_lead == float("inf") else r1_lead), nu.R: 1}
    bounds = (*[box[s] for s in alg.small_symbols], float("inf"))
    derived = first_relative_order(square, lead)
    derived.prec = tuple(min(p, b) for p, b in zip(square.prec, bounds))
    printed_cut = first_relative_order(printed, lead)
    c = nu._verdict(MIXING_EQUATION[ordering] if conditions is None else "41", [k + 1],
                    printed_cut, derived, bounds, reading)
    c.note = ("compared at the leading and first relative order (one power of epsilon^2, "
              "r_1 or R); " + c.note).rstrip("; ")
    return c


def mixing_comparisons(ordering: str) -> list[Comparison]:
    """Eqs. (37) (NO) / (38) (IO), entry by entry."""
    printed = PRINTED[MIXING_EQUATION[ordering]]
    return [_square_comparison(ordering, k, amp, formula)
            for k, (amp, formula) in enumerate(zip(mixing_elements(ordering), printed.default))]


# ---------------------------------------------------------------------------
# Eq. (41) and the numbers around it
# ---------------------------------------------------------------------------
def _eq41_conditions() -> dict:
    """y'_2 = y'_3 = w'_1 = 0, epsilon_i -> 0, y'_mu/y_mu = -y'_tau/y_tau."""
    return {nu.chi_h: 0, nu.rho2_h: 0, nu.rho3_h: 0, nu.t: 0,
            paper.y_mup: -paper.y_taup * paper.y_mu / paper.y_tau}


def eq41_comparisons() -> list[Comparison]:
    """sin^2 theta13 of Eq. (41) in both orderings, symbolic and at the printed numbers."""
    out = [_square_comparison(ordering, 0, mixing_elements(ordering)[0],
                              PRINTED["41"].default, ordering, _eq41_conditions())
           for ordering in ORDERINGS]
    return out + _eq41_numbers()


def exact_angles_eq41(dps: int = 30) -> dict[str, mpmath.mpf]:
    """Exact sin^2 theta_ij of the charged-lepton-corrected TBM at the Eq. (41) point.

    ``r_1 = 0.1``, ``y'_tau = y_tau``, ``y'_mu = -y_mu`` (extreme choice), ``v' = v``,
    ``lambda = 0.1``, ``y_e = y_mu = y_tau = 1``, ``y'_e = 0``; no neutrino-sector
    corrections, so ``U = V_l^T U_TBM`` with ``V_l`` the exact left rotation.
    """
    H = sectors.charged_leptons()["H"]
    point = {paper.r1: sp.Rational(1, 10), paper.lam: sp.Rational(1, 10), paper.y_e: 1,
             paper.y_mu: 1, paper.y_tau: 1, paper.y_ep: 0, paper.y_mup: -1, paper.y_taup: 1,
             paper.v1: paper.v}
    with mpmath.workdps(dps):
        Hn = mpmath.matrix(H.xreplace(point).evalf(dps + 10).tolist())
        values, vectors = mpmath.eigsy(Hn)
        order = sorted(range(3), key=lambda k: values[k])  # e, mu, tau by mass
        V = mpmath.matrix(3, 3)
        for col, k in enumerate(order):
            sign = 1 if vectors[col, k] >= 0 else -1
            for row in range(3):
                V[row, col] = sign * vectors[row, k]
        tbm = mpmath.matrix(paper.tri_bimaximal().evalf(dps + 10).tolist())
        U = V.T * tbm
        s13 = U[0, 2] ** 2
        return {"sin2_theta13": s13, "sin2_theta12": U[0, 1] ** 2 / (1 - s13),
                "sin2_theta23": U[1, 2] ** 2 / (1 - s13)}


def _exact_number(value) -> sp.Rational:
    """A printed number as an exact rational: its decimal digits, no numeric search."""
    value = sp.sympify(value)
    if isinstance(value, sp.Float):
        return sp.Rational(str(value))
    if not value.is_Rational:
        raise ValueError(f"printed number {value} is not a decimal or rational number")
    return value


def _eq41_numbers() -> list[Comparison]:
    """The printed numbers 0.02, 0.6 and the TBM 1/3 against the exact values."""
    exact = exact_angles_eq41()
    printed = [("sin2_theta13", PRINTED_NUMBERS.get("41 sin2 theta13", sp.Rational(2, 100))),
               ("sin2_theta23", PRINTED_NUMBERS.get("41 sin2 theta23", sp.Rational(6, 10))),
               ("sin2_theta12", sp.Rational(1, 3))]
    out = []
    for k, (key, value) in enumerate(printed):
        number = sp.Float(str(mpmath.nstr(exact[key], 12)), 12)
        digits = 1 if key != "sin2_theta12" else 2
        agrees = float(sp.Float(number, digits)) == float(sp.Float(value, digits)) or \
            f"{float(number):.{digits}g}" == f"{float(value):.{digits}g}"
        out.append(Comparison(
            "41", [k + 2], _exact_number(value), number, "agrees" if agrees else "differs",
            reading="numbers at r1 = 0.1, y'_tau = y_tau = -y'_mu, lambda = 0.1",
            note=(f"{key}: printed ~{float(value):.3g}, exact {float(number):.5f} "
                  f"(compared to {digits} significant digit(s))")))
    return out


# ---------------------------------------------------------------------------
# Summary rows
# ---------------------------------------------------------------------------
#: Equations whose readings are cases of one general claim (Table II scenarios,
#: both orderings): the claim is wrong when any case differs.  Every other
#: multi-reading equation (A-4, A-18a, A-18b: garbled or undefined print) has
#: alternative readings; "suspected: ..." readings only explain a difference.
READING_KINDS = {eq: "cases" for eq in (
    "35-NO", "35-IO", "36-NO", "36-IO", "A-11", "A-12", "41",
    "after 30: |U_e3| = 0", "after 30: |U_mu3| = |U_tau3|", "after 38: U_e3 = 0")}


# ---------------------------------------------------------------------------
# Derivation interface
# ---------------------------------------------------------------------------
def derive(orders: dict[str, int] | None = None) -> DerivationResult:
    """Derive and audit the whole appendix (no proofs)."""
    if orders:
        raise ValueError("the appendix audit is fixed at the paper's orders (epsilon^2, r_1, R)")
    parts = [sectors.derive(), mutau.derive()]
    comparisons = [c for part in parts for c in part.comparisons]
    for ordering in ORDERINGS:
        comparisons += nu.compare_sector(neutrino_sector(ordering))
        comparisons += mixing_comparisons(ordering)
    comparisons += eq41_comparisons()
    comparisons = with_summaries(comparisons, kinds=READING_KINDS)
    main = neutrino_sector("NO")
    notes = [*(n for part in parts for n in part.notes),
             "A-16..A-19: epsilon_i = t e_i (heavy masses exact), chi, rho_2, rho_3 = r_1 x "
             "hat; NO expanded in R = m_2^(0)/m_3^(0) after the diagonalization (exact atom "
             "1/(1 - R)), IO exact in G. 'epsilon' orders are total orders in epsilon_1, "
             "epsilon_2."]
    # The matrix in the symbols of the results (kappa = chihat - rho3hat, M_2 through R),
    # so that the JSON can be re-checked from its own symbols; the eliminated ones are
    # recorded as definitions in those symbols.
    inputs = nu.proof_inputs(main)
    definitions = {nu.kappa: nu.chi_h - nu.rho3_h, **nu._m2_elimination("NO")}
    return DerivationResult(
        name=NAME,
        equations=list(EQUATIONS),
        symbols=list(inputs["symbols"]),
        small=dict(nu.MIXING_ORDER),
        convention="Udag_M_Ustar",
        mass_matrix=inputs["mass_matrix"],
        expansion=StoredExpansion(mixing=inputs["mixing_matrix"], masses=list(inputs["masses"])),
        comparisons=comparisons,
        definitions=definitions,
        notes=notes,
        causes=list(CAUSES),
    )


def prove(result: DerivationResult, dps: int = 50) -> ProofReport:
    """Order proofs of every derived formula (sectors, U_e3 claim, both 5x5 expansions).

    The normal-ordering 5x5 proof checks ``result`` itself (its matrix, ``U`` and
    masses); the other parts re-derive what the result does not carry.
    """
    slopes: list[SlopeMeasurement] = []
    # the sector proofs check the cached sub-derivations (V_l, V_R, M'_D, theta') that the
    # verdicts of ``result`` rest on; they do not read the result, so none is re-derived
    slopes += _prefixed(sectors.prove(result, dps=dps), "sectors")
    slopes += _prefixed(mutau.prove(mutau.derive(), dps=dps), "U_e3 claim")
    for ordering in ORDERINGS:
        inputs = nu.proof_inputs(neutrino_sector(ordering))
        if ordering == "NO":  # the result carries the normal ordering: prove what it says
            inputs.update(mass_matrix=result.mass_matrix, mixing_matrix=result.mixing_matrix,
                          masses=list(result.masses))
        report = prove_expansion(**inputs, predicted={"mixing": 2, "masses": 3}, dps=dps)
        slopes += _prefixed(report, f"A-{16 if ordering == 'NO' else 18}/"
                                    f"A-{17 if ordering == 'NO' else 19} {ordering}")
    main = nu.proof_inputs(neutrino_sector("NO"))
    return ProofReport(direction={str(k): float(v) for k, v in main["direction"].items()},
                       base_point={str(k): float(v) for k, v in main["base_point"].items()},
                       dps=dps, slopes=slopes)
