"""Seed 000, Sect. IV: one-loop masses (Eqs. 11-14), nu-nu' mixing (Eqs. 18-22), property (23).

Seed: ``shared/seeds/000_0a3c8dd3bbe2272c.txt``.  The loop brackets are derived
from the Euclidean triangle integral (:mod:`symseesaw.papers.seed000.loop_functions`), the
``M_1 = M_2`` forms are derived as limits of the general sums over ``gamma``
(Eqs. 11, 18; :func:`~symseesaw.papers.seed000.loop_functions.equal_mass_limit`), the seesaw factors (14), (22) from the 3x2 Dirac
matrices of Eq. (3).  Couplings in front of the loop functions are taken as
printed.

Main system of the result: ``mass_matrix`` is the one-loop active matrix of
Eq. (11) for general ``M_1, M_2``; it has rank two, ``mixing_matrix`` is its
exact zero mode (the Eq. (4) vector, ``3 x 1``) and ``masses = [0]``.

``prove`` measures: the approach of Eqs. (11) and (18) to the printed
``M_1 = M_2`` forms (13) and (21) as ``M_2 -> M_1`` (slope 1 in
``M_2/M_1 - 1``); the approach of the derived Eq. (19) to Eq. (20) as
``m_H/m'_H -> 0`` (slope 2 up to a logarithm); and, as an exact statement,
the closed-form triangle against ``mpmath.quad``.
"""

from __future__ import annotations

import random

import mpmath
import sympy as sp

from symseesaw.numerics.takagi import as_mp_matrix
from symseesaw.papers.seed000 import SOURCE as SOURCE  # re-exported: the registry reads it
from symseesaw.papers.seed000 import loop_functions as loops
from symseesaw.papers.seed000 import model
from symseesaw.papers.seed000.loop_functions import (
    alpha_W,
    log_canonical,
    m_H,
    m_W,
    m_Z,
    mp_H,
    x_mix,
)
from symseesaw.papers.seed000.model import M1, M2, A, B, C, D, E, F, M, a, b, c, d, e, f, v_wk
from symseesaw.papers.seed000.tree import (
    EQ4,
    EQ5,
    exact_measurement,
    fit_slope,
    generic_rank,
    left_kernel_of_dirac,
    real_items,
    refuse_orders,
)
from symseesaw.papers.verdicts import with_summaries
from symseesaw.result import (
    Comparison,
    DerivationResult,
    ProofReport,
    SlopeMeasurement,
    StoredExpansion,
)

NAME = "seed000-loops"
EQUATIONS = ["8", "11", "12", "13", "14", "18", "19", "20", "21", "22", "23"]
SUMMARY = ("Seed 000 one-loop: Eqs. (12)-(14), (20)-(23) agree (M_1 = M_2 limits derived); "
           "Eq. (19) as extracted has m'_H where the triangle gives m_H in one denominator.")

m = sp.Symbol("m", positive=True)
g = sp.Symbol("g", positive=True)
pi = sp.pi

# ---------------------------------------------------------------------------
# Faithful transcriptions (as printed)
# ---------------------------------------------------------------------------
#: Eq. (8): m_nu ~ g^2/(16 pi^2) (M_D M_R^-1 M_D^T) ln(M_R^2 / v_wk^2); coefficient of the seesaw factor.
EQ8_COEFF = g**2 / (16 * pi**2) * sp.log(M**2 / v_wk**2)
#: Eq. (12): the bracket of f_{alpha beta gamma}(m), with (M_R^2)_gg = M^2.
EQ12_BRACKET = m**2 / (M**2 - m**2) * sp.log(M**2 / m**2)
#: Eq. (14): M_D M_R^-1 M_D^T for M_1 = M_2 = M.
EQ14 = sp.Matrix([
    [a**2 + b**2, a * c + b * d, a * e + b * f],
    [a * c + b * d, c**2 + d**2, c * e + d * f],
    [a * e + b * f, c * e + d * f, e**2 + f**2],
]) / M
#: Eq. (13): M_nu for M_1 = M_2 = M.
EQ13_COEFF = alpha_W / (16 * pi) * (
    (m_H**2 / m_W**2) / (1 - m_H**2 / M**2) * sp.log(M**2 / m_H**2)
    + (3 * m_Z**2 / m_W**2) / (1 - m_Z**2 / M**2) * sp.log(M**2 / m_Z**2))
EQ13 = EQ13_COEFF * EQ14
#: Eq. (19) as extracted: loop factor per gamma, i.e. g_abg / ((M_D)_ag (M'_D)_bg) with (M_R)_gg = M.
EQ19_AS_EXTRACTED = M / (16 * pi**2 * (mp_H**2 - m_H**2)) * (
    mp_H**2 / (M**2 - mp_H**2) * sp.log(M**2 / mp_H**2)
    - m_H**2 / (M**2 - mp_H**2) * sp.log(M**2 / m_H**2))
#: Eq. (19) with the second denominator read as M^2 - m_H^2.
EQ19_UNPRIMED = M / (16 * pi**2 * (mp_H**2 - m_H**2)) * (
    mp_H**2 / (M**2 - mp_H**2) * sp.log(M**2 / mp_H**2)
    - m_H**2 / (M**2 - m_H**2) * sp.log(M**2 / m_H**2))
#: Eq. (20): loop factor for m'_H >> m_H.
EQ20 = M / (16 * pi**2 * mp_H**2) * (mp_H**2 / (M**2 - mp_H**2) * sp.log(M**2 / mp_H**2))
#: Eq. (22): M_D M_R^-1 M'_D^T for M_1 = M_2 = M.
EQ22 = sp.Matrix([
    [a * A + b * B, a * C + b * D, a * E + b * F],
    [c * A + d * B, c * C + d * D, c * E + d * F],
    [e * A + f * B, e * C + f * D, e * E + f * F],
]) / M
#: Eq. (21): M_nu nu' for M_1 = M_2 = M.
EQ21_COEFF = x_mix / (16 * pi**2) * (1 / (1 - mp_H**2 / M**2) * sp.log(M**2 / mp_H**2))
EQ21 = EQ21_COEFF * EQ22

TRANSCRIPTION_NOTES = {
    "13": "footnote mark '2' after 'M_1 = M_2' dropped; otherwise unambiguous.",
    "19": "the second bracket term is extracted as m_H^2/((M_R^2)_gg - m'_H^2) ln((M_R^2)_gg/m_H^2).",
}


def _cmp(eq: str, entry: list[int], printed: sp.Expr, derived: sp.Expr, *,
         reading: str | None = None, note: str = "") -> Comparison:
    """Exact comparison through :func:`log_canonical`."""
    printed, derived = sp.sympify(printed), sp.sympify(derived)
    diff = log_canonical(printed - derived)
    return Comparison(eq, entry, printed, derived, "agrees" if diff == 0 else "differs",
                      difference=diff, reading=reading, note=note)


def _cancelled(expr: sp.Expr) -> sp.Expr:
    """``expr`` over one denominator, cancelled; zero found without a gcd when it is zero."""
    together = sp.together(expr)
    if sp.expand(sp.fraction(together)[0]) == 0:
        return sp.S.Zero
    return sp.cancel(together)


#: Why the summary rows are what they are.
SUMMARY_EXPLANATIONS = {
    "19": "The extracted text is garbled in the second bracket term (a prime on m_H may be "
          "lost): read with the unprimed denominator it agrees, as extracted it does not; "
          "the print does not decide.",
}


def derive(orders: dict[str, int] | None = None) -> DerivationResult:
    """Derive Eqs. (11)-(14), (18)-(23) and compare with the print (no proof).

    ``orders`` must be empty (:func:`~symseesaw.papers.seed000.tree.refuse_orders`).
    """
    refuse_orders(NAME, orders)
    MD, MDp = model.dirac_matrix(), model.mirror_dirac_matrix()
    MR, MReq = model.right_handed_matrix(), model.right_handed_matrix(equal=True)
    out: list[Comparison] = []

    # Eq. (12): bracket from the triangle with masses (M, 0, m)
    derived12 = sp.expand(16 * pi**2 * m**2 * loops.triangle(M**2, 0, m**2))
    out.append(_cmp("12", [1], EQ12_BRACKET, derived12, note=(
        "bracket = 16 pi^2 m^2 T(M; 0, m): N-h bubble minus N-Goldstone bubble; prefactor "
        "alpha_W/(16 pi m_W^2) taken as printed.")))

    # Eqs. (13), (14): M_1 = M_2 limit of Eq. (11), derived
    Mnu = loops.active_mass_matrix(MD, MR)
    S14 = model.seesaw_factor(MD, MD, MReq)
    for i in range(3):
        for j in range(i, 3):
            out.append(_cmp("14", [i + 1, j + 1], EQ14[i, j], S14[i, j]))
            lim = loops.equal_mass_limit(Mnu[i, j], M1, M2, M)
            out.append(_cmp("13", [i + 1, j + 1], EQ13[i, j], lim, note=(
                TRANSCRIPTION_NOTES["13"] + " Derived: limit M_2 -> M_1 of Eq. (11)-(12) (equal_mass_limit).")))
    rank14 = generic_rank(model.seesaw_factor(MD, MD, MR))
    out.append(_cmp("14", [1], 2, rank14, note="rank of M_D M_R^-1 M_D^T (general M_1, M_2)."))
    x_tau = sp.Matrix(left_kernel_of_dirac(MD))
    zero = (Mnu * x_tau).applyfunc(_cancelled)
    out.append(_cmp("14", [2], 0, zero[0], note=(
        "text below Eq. (14): nu~_tau (Eq. 4) stays massless at one loop: M_nu(Eq. 11, any "
        "M_1, M_2) = M_D diag(h_1, h_2) M_D^T annihilates the Eq. (4) vector (all three "
        f"components cancel: {all(z == 0 for z in zero)}).")))

    # Eq. (8): order of magnitude
    ratio = sp.limit((EQ13_COEFF / EQ8_COEFF).subs(g**2, 4 * pi * alpha_W), M, sp.oo)
    out.append(Comparison("8", [1], EQ8_COEFF, EQ13_COEFF, "ambiguous",
                          difference=EQ8_COEFF - EQ13_COEFF,
                          reading="order of magnitude ('~'), g^2 = 4 pi alpha_W",
                          note=("Eq. (8) is a '~' estimate: the leading-log ratio Eq.(13)/Eq.(8) "
                                f"-> {sp.sstr(ratio)} = "
                                f"{float(ratio.subs({m_H: 126, m_Z: 91.1876, m_W: 80.385})):.2f} "
                                "for M -> oo (m_H = 126 GeV): same order, O(1) factor not fixed.")))

    # Eq. (19): triangle with masses (M, m_H, m'_H)
    derived19 = M * loops.triangle(M**2, m_H**2, mp_H**2)
    sym_note = ("derived factor M T(M; m_H, m'_H), symmetric under m_H <-> m'_H as a triangle "
                "must be.")
    out.append(_cmp("19", [1], EQ19_AS_EXTRACTED, derived19, reading="as extracted",
                    note=TRANSCRIPTION_NOTES["19"] + " " + sym_note + " The printed form is not "
                    "symmetric; the difference is negligible numerically for m'_H >> m_H "
                    "(both -> Eq. 20)."))
    out.append(_cmp("19", [1], EQ19_UNPRIMED, derived19,
                    reading="second denominator (M_R^2)_gg - m_H^2 (unprimed)", note=sym_note))

    # Eq. (20): m_H -> 0 limit of the derived Eq. (19)
    derived20 = sp.limit(derived19, m_H, 0)
    out.append(_cmp("20", [1], EQ20, derived20, note="derived: sympy limit m_H -> 0 of Eq. (19)."))

    # Eqs. (21), (22): M_1 = M_2 limit of Eq. (18) with Eq. (20)
    Mmix = loops.mixing_mass_matrix(MD, MDp, MR, heavy_mirror=True)
    S22 = model.seesaw_factor(MD, MDp, MReq)
    for i in range(3):
        for j in range(3):
            out.append(_cmp("22", [i + 1, j + 1], EQ22[i, j], S22[i, j]))
            lim = loops.equal_mass_limit(Mmix[i, j], M1, M2, M)
            out.append(_cmp("21", [i + 1, j + 1], EQ21[i, j], lim,
                            note="derived: limit M_2 -> M_1 of Eq. (18) with Eq. (20) "
                                 "(equal_mass_limit)."))
    rank22 = generic_rank(model.seesaw_factor(MD, MDp, MR))
    out.append(_cmp("22", [1], 2, rank22, note="rank of M_D M_R^-1 M'_D^T (general M_1, M_2)."))

    # Eq. (23): M_nu nu' |nu~'_tau> = 0, with the general (derived) Eq. (18)-(19):
    # structure M_nu nu' = M_D G M'_D^T (G diagonal, checked by expansion), then exact algebra
    Mmix_general = loops.mixing_mass_matrix(MD, MDp, MR)
    ones = sp.ones(3, 2)
    G = sp.diag(*[x_mix * loops.g_loop(ones, ones, MR, 0, 0, k) for k in range(2)])
    structure = (Mmix_general - MD * G * MDp.T).applyfunc(sp.expand)
    g12 = sp.diag(*sp.symbols("G_1 G_2"))
    comps = [_cancelled(z) for z in MD * g12 * MDp.T * sp.Matrix(EQ5)]
    out.append(_cmp("23", [1], 0, comps[0], note=(
        "holds exactly for the general Eq. (18) (any M_1, M_2, m_H, m'_H): M_nu nu' = "
        f"M_D G M'_D^T with G diagonal (checked: {structure.is_zero_matrix}) and "
        f"M'_D^T nu~'_tau = 0, all three components vanish: {all(z == 0 for z in comps)}. "
        "Conditions: one Higgs doublet per sector (Eq. 18 form), AD - BC != 0 (Eq. 5).")))

    symbols = sorted(Mnu.free_symbols, key=str)
    return DerivationResult(
        name=NAME, equations=EQUATIONS, symbols=symbols, small={}, convention="UT_M_U",
        mass_matrix=Mnu, expansion=StoredExpansion(mixing=sp.Matrix(EQ4), masses=[sp.S.Zero]),
        comparisons=with_summaries(out, explanations=SUMMARY_EXPLANATIONS),
        notes=[
            "mass_matrix: Eq. (11) for general M_1, M_2 (rank 2); mixing_matrix: its exact zero "
            "mode (Eq. 4 coefficients, unnormalized, 3x1); the two massive states have no "
            "closed form and are not listed.",
            "the M_1 = M_2 limits are regular (sums over gamma of single-N functions, no "
            "1/(M_1 - M_2): no denominator vanishes at M_2 = M_1, checked exactly); the limits "
            "equal Eqs. (13), (21).",
        ],
    )


# ---------------------------------------------------------------------------
# prove
# ---------------------------------------------------------------------------


def _rational(rng: random.Random) -> sp.Rational:
    return sp.Rational(rng.randint(-1000, 1000), 1000)


def _max_rel(X: mpmath.matrix, Y: mpmath.matrix) -> mpmath.mpf:
    return (max(abs(X[i, j] - Y[i, j]) for i in range(X.rows) for j in range(X.cols))
            / max(abs(y) for y in Y))


def prove(result: DerivationResult, dps: int = 50) -> ProofReport:
    """Numeric (mpmath, ``dps`` digits) approach to the printed limits; triangle check.

    Point: random complex rational ``a..f, A..F``; ``M_1 = 10^8``,
    ``m_H = 126``, ``m_Z = 91.1876``, ``m_W = 80.385``, ``m'_H = 1.26 10^6``
    (GeV), ``alpha_W = x = 1``.  Scans ``M_2 = M_1 (1 + delta)``,
    ``delta = 10^-2 .. 10^-7`` (Eqs. 13, 21; slope 1) and ``m_H = t m'_H``,
    ``t = 10^-2 .. 10^-6`` (Eq. 20; slope 2 up to a logarithm).
    """
    rng = random.Random(13)
    vals = {s: _rational(rng) + sp.I * _rational(rng)
            for s in (*model.DIRAC_SYMBOLS, *model.MIRROR_DIRAC_SYMBOLS)}
    phys = {M1: sp.Integer(10) ** 8, m_H: sp.Integer(126), m_Z: sp.Rational("91.1876"),
            m_W: sp.Rational("80.385"), mp_H: sp.Integer(1260000), alpha_W: sp.S.One,
            x_mix: sp.S.One}
    MD, MDp, MR = model.dirac_matrix(), model.mirror_dirac_matrix(), model.right_handed_matrix()
    slopes: list[SlopeMeasurement] = []
    deltas = [10.0 ** (-2 - k) for k in range(6)]
    with mpmath.workdps(dps):
        for label, general, printed in (
                ("Eq. (13): Eq. (11) as M_2 -> M_1", result.mass_matrix, EQ13),
                ("Eq. (21): Eq. (18)+(20) as M_2 -> M_1",
                 loops.mixing_mass_matrix(MD, MDp, MR, heavy_mirror=True), EQ21)):
            target = as_mp_matrix(printed.xreplace(vals).xreplace(phys).xreplace({M: phys[M1]}))
            at_point = general.xreplace(vals).xreplace(phys)  # only M_2 left: substituted once
            res = []
            for dl in deltas:
                M2v = phys[M1] * (1 + sp.Rational(dl))
                res.append(_max_rel(as_mp_matrix(at_point.xreplace({M2: M2v})), target))
            slopes.append(SlopeMeasurement(label, 1.0, fit_slope(deltas, res),
                                           [float(r) for r in res], deltas))
        ts = [10.0 ** (-2 - k) for k in range(5)]
        d19 = M * loops.triangle(M**2, m_H**2, mp_H**2)
        pt = {M: phys[M1], mp_H: phys[mp_H]}
        target = mpmath.mpf(sp.N(EQ20.subs(pt), dps + 10))
        res = [abs(mpmath.mpf(sp.N(d19.subs(pt).subs(m_H, sp.Rational(t) * phys[mp_H]), dps + 10))
                   / target - 1) for t in ts]
        slopes.append(SlopeMeasurement("Eq. (20): derived Eq. (19) as m_H/m'_H -> 0", 2.0,
                                       fit_slope(ts, res), [float(r) for r in res], ts))
        Mq, ma, mb = mpmath.mpf(3), mpmath.mpf(1) / 2, mpmath.mpf(7) / 5
        quad = mpmath.quad(lambda k: k / ((k + Mq**2) * (k + ma**2) * (k + mb**2)),
                           [0, 1, 10, mpmath.inf]) / (16 * mpmath.pi**2)
        closed = mpmath.mpf(sp.N(loops.triangle(sp.Integer(9), sp.Rational(1, 4),
                                                sp.Rational(49, 25)), dps + 10))
        slopes.append(exact_measurement("triangle closed form vs mpmath.quad",
                                        abs(quad / closed - 1), dps))
    return ProofReport(direction={"delta": 1.0, "t": 1.0},
                       base_point=real_items({**vals, **phys}),
                       dps=dps, slopes=slopes)
