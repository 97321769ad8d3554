"""Printed equations of seed 001, Sect. III B (Eqs. 35-41) and Appendix A (A-2 .. A-19).

Seed: ``../shared/seeds/001_6200b3fc7d1f06f2.txt`` -- J. Barry, W. Rodejohann,
H. Zhang, "Sterile neutrinos for warm dark matter and the reactor anomaly in
flavor symmetry models" (text extracted from the PDF).

This module is a *transcription*, not a derivation: every formula is encoded
exactly as printed, errors included. Nothing here is corrected. Eqs. (22),
(24), (28), (29) live in :mod:`symseesaw.papers.seed001._section3a` and are not
repeated.

Conventions
-----------
* Each printed equation is one module-level :class:`Printed` object and is
  also listed in :data:`PRINTED` under its ``equation`` label.
* ``kind`` is ``"matrix"`` (a ``sympy.Matrix``; the audit compares entry
  ``[row, column]``, 1-based), ``"list"`` (a list of expressions; entry ``[k]``
  is the k-th printed formula, 1-based, named by ``labels[k-1]``),
  ``"scalar"`` (one expression) or ``"definitions"`` (Eq. 39 only: a dict
  ``symbol -> defining expression``).
* ``readings`` maps a reading name to the transcription. Names are

  - ``"as printed"``: the extracted text has one unambiguous reading;
  - ``"reading A: ..."``, ``"reading B: ..."``: the extracted text is garbled
    and admits several readings; none is preferred by the name, the notes say
    which one other printed equations support;
  - ``"suspected: ..."``: *not* a transcription of the text but a hypothesis
    about the intended formula (a suspected misprint). An audit must compare
    against the non-``suspected`` readings and may use a ``suspected`` one
    only to explain a difference.

  The first reading of every object is a transcription of the text
  (:attr:`Printed.default`).
* Prefactors printed in front of a matrix (e.g. ``v_u/Lambda``) and the FN
  matrix ``F`` printed as a left/right factor are multiplied into the entries,
  so that entries compare one to one with a derived matrix.
* Matrices printed with dots for the lower triangle (A-9, A-10) are filled by
  symmetry (the dots mean "symmetric entry").
* Where the paper prints a mixing matrix as a sum of a first-order and a
  second-order matrix (A-16, A-18), the two printed matrices are kept as
  separate objects (``"A-16a"`` first-order, ``"A-16b"`` second-order) and
  their sum is a third object (``"A-16"``) -- the ``delta U`` of Eq. (A-15).
* Only exact sympy numbers are used. Numbers printed in the text (``0.02``,
  ``r_1 ~ 0.1`` ...) are in :data:`PRINTED_NUMBERS` as Rationals.
* Symbols are those of :mod:`symseesaw.papers.seed001.model`; the charged-lepton FN
  exponents ``F_e, F_mu, F_tau`` of Eq. (A-4) are defined here.

Size: a transcription of 30 printed objects (with every reading of the garbled
A-18); its length is the appendix's.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symseesaw.papers.seed001.model import (
    F1,
    F2,
    F3,
    G_ratio,
    Lambda,
    R_ratio,
    chi,
    epsilon_1,
    epsilon_2,
    lam,
    m1_0,
    m2_0,
    m3_0,
    r1,
    rho2,
    rho3,
    sigma_mI,
    sigma_mN,
    sigma_pI,
    sigma_pN,
    theta_e1,
    tri_bimaximal,
    u,
    u1,
    u2,
    v,
    v1,
    v2,
    v_d,
    v_u,
    w1,
    w1p,
    w2,
    w3,
    y1,
    y1p,
    y2,
    y2p,
    y3,
    y3p,
    y_e,
    y_ep,
    y_mu,
    y_mup,
    y_tau,
    y_taup,
)

KINDS = ("matrix", "list", "scalar", "definitions")
AS_PRINTED = "as printed"

#: FN exponents of the charged leptons, ``lambda^{F_alpha}`` in Eq. (A-4); they
#: are not named elsewhere in the paper (Eq. (14) has lambda^3, lambda, 1).
F_e = sp.Symbol("F_e", nonnegative=True)
F_mu = sp.Symbol("F_mu", nonnegative=True)
F_tau = sp.Symbol("F_tau", nonnegative=True)

e1, e2 = epsilon_1, epsilon_2
s2, s3, s6 = sp.sqrt(2), sp.sqrt(3), sp.sqrt(6)
Q = sp.Rational
R, G = R_ratio, G_ratio
#: recurring printed combinations
rmu = y_mup / y_mu      # y'_mu / y_mu
rtau = y_taup / y_tau   # y'_tau / y_tau
cr = chi - rho3         # (chi - rho_3)
wr = w1p / w1           # w'_1 / w_1


@dataclass(frozen=True, eq=False)
class Printed:
    """One printed equation, with every plausible reading of the extracted text.

    Attributes
    ----------
    equation : str
        Label used by the audit, e.g. ``"A-16a"`` or ``"37"``.
    kind : str
        ``"matrix"``, ``"list"``, ``"scalar"`` or ``"definitions"``.
    readings : dict
        Reading name -> transcription (see the module docstring).
    notes : str
        What is garbled or ambiguous and how each reading resolves it, plus
        remarks on conventions and on suspected misprints.
    labels : tuple of str
        For ``kind == "list"``: the name of each printed formula, in order.
    """

    equation: str
    kind: str
    readings: dict
    notes: str
    labels: tuple[str, ...] = ()

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        if not self.readings:
            raise ValueError(f"{self.equation}: no reading")
        if not self.notes.strip():
            raise ValueError(f"{self.equation}: notes must not be empty")
        first = next(iter(self.readings))
        if first.startswith("suspected"):
            raise ValueError(f"{self.equation}: the first reading must transcribe the text")
        for name, value in self.readings.items():
            if self.kind == "matrix" and not isinstance(value, sp.MatrixBase):
                raise TypeError(f"{self.equation} / {name}: expected a Matrix")
            if self.kind == "list" and len(value) != len(self.labels):
                raise ValueError(f"{self.equation} / {name}: {len(value)} formulas for "
                                 f"{len(self.labels)} labels")
            if self.kind == "definitions" and not isinstance(value, dict):
                raise TypeError(f"{self.equation} / {name}: expected a dict")

    @property
    def default(self):
        """The first reading (a transcription of the text, never a suspicion)."""
        return next(iter(self.readings.values()))


def _symmetric(upper: list[list]) -> sp.Matrix:
    """Fill a matrix printed with dots below the diagonal by symmetry."""
    n = len(upper)
    return sp.Matrix(n, n, lambda i, j: upper[i][j] if j >= i else upper[j][i])


F = sp.diag(lam**F1, lam**F2, lam**F3)

# ---------------------------------------------------------------------------
# Sect. III B
# ---------------------------------------------------------------------------
EQ35_NO = Printed(
    "35-NO", "scalar",
    {AS_PRINTED: theta_e1 * (1 + y1p * v1 / (y1 * v) * r1)},
    "theta'_e1^(NO); extracted text unambiguous. theta_e1 is the leading-order angle of "
    "Eq. (16), kept as the symbol theta_e1.",
)

EQ35_IO = Printed(
    "35-IO", "scalar",
    {AS_PRINTED: theta_e1 * (1 + (y1p * v1 / (y1 * v) + 2 * y3 * v2 * w1p / (y1 * v * w1)) * r1)},
    "theta'_e1^(IO); extracted text unambiguous. Consistent with the (1,1) entry of A-14 "
    "(IO) divided by y_1 v.",
)

EQ36_NO = Printed(
    "36-NO", "list",
    {AS_PRINTED: [
        theta_e1 * (y1p * v1 / (y1 * v) - y3 * v2 * w1p / (y1 * v * w1)) * r1,
        theta_e1 * (y1p * v1 / (y1 * v) + y3 * v2 * w1p / (y1 * v * w1)) * r1,
    ]},
    "Printed as one line theta'_{mu,tau 1}(NO) ~ theta_e1 (y'_1 v'/(y_1 v) -+ "
    "y_3 v'' w'_1/(y_1 v w_1)) r_1: mu takes the upper sign (-), tau the lower (+). "
    "Consistent with the signs of the (2,1), (3,1) entries of A-14 (NO).",
    labels=("theta'_mu1", "theta'_tau1"),
)

EQ36_IO = Printed(
    "36-IO", "list",
    {AS_PRINTED: [
        theta_e1 * (y1p * v1 / (y1 * v) - y3 * v2 * w1p / (y1 * v * w1)) * r1,
        theta_e1 * (y1p * v1 / (y1 * v) - y3 * v2 * w1p / (y1 * v * w1)) * r1,
    ]},
    "Printed as one formula for theta'_{mu,tau 1}(IO) (no sign choice): the same "
    "expression for mu and tau. Consistent with A-14 (IO), whose (2,1) and (3,1) entries "
    "are equal.",
    labels=("theta'_mu1", "theta'_tau1"),
)

_LABELS_U2 = ("|U_e3|^2", "|U_e2|^2", "|U_mu3|^2", "|U_e4|^2", "|U_mu4|^2",
              "|U_e5|^2", "|U_mu5|^2")

EQ37 = Printed(
    "37", "list",
    {AS_PRINTED: [
        r1**2 / 2 * (rmu - rtau) ** 2 + Q(1, 2) * cr**2 - cr * r1 * (rmu - rtau),
        Q(1, 3) * (1 - 3 * e1**2 - 2 * rho2 - 2 * r1 * (rmu + rtau)),
        Q(1, 2) * (1 - 2 * e2**2 + 2 * rtau * r1 + Q(2, 3) * sigma_pN * R),
        e1**2 * (1 - 2 * rho2 - 2 * r1 * (rmu + rtau)),
        e1**2 * (1 + 2 * rho2 + 2 * r1 * (rmu - rtau)),
        e2**2 * (r1**2 * (rmu - rtau) ** 2 - 2 * r1 * (rmu - rtau) * cr + cr**2),
        e2**2 * (1 + 2 * r1 * rtau),
    ]},
    "NO mixing elements. Six printed lines, seven entries: the line "
    "|U_{e,mu 4}|^2 ~ eps1^2 [1 -+ 2 rho2 -+ 2 r1 (y'mu/ymu +- y'tau/ytau)] is expanded "
    "into entry [4] = |U_e4|^2 (upper signs: -2rho2, -2r1(y'mu/ymu + y'tau/ytau)) and "
    "entry [5] = |U_mu4|^2 (lower signs: +2rho2, +2r1(y'mu/ymu - y'tau/ytau)). The "
    "first line prints a redundant square bracket around (y'mu/ymu - y'tau/ytau)^2. "
    "Both signs of the mu entries [5], [7] follow from U = V_l^dagger U_nu (Eq. 7) only "
    "if V_l is antisymmetric at O(r1), i.e. with (3,2) = -y'tau/ytau r1, not with the "
    "printed A-3 (3,2) = -y'mu/ymu r1 (see A-3).",
    labels=_LABELS_U2,
)

EQ38 = Printed(
    "38", "list",
    {AS_PRINTED: [
        r1**2 / 2 * (rmu - rtau) ** 2 - rho2 * r1 * (rmu - rtau) + rho2**2 / 2,
        Q(1, 3) * (1 - 3 * e1**2 - 2 * rho2 - 2 * r1 * (rmu + rtau) - Q(2, 3) * sigma_pI * G),
        Q(1, 2) * (1 + 2 * rho2 + 2 * rtau * r1),
        e1**2 * (1 - 2 * rho2 - 2 * r1 * (rmu + rtau)),
        e1**2 * (1 - 2 * rho2 + 2 * r1 * (rmu - rtau)),
        4 * e2**2 * (1 + r1 * (rmu + rtau) - cr),
        e2**2 * (1 - 2 * r1 * (2 * rmu + rtau)),
    ]},
    "IO mixing elements, same seven entries as Eq. (37). The line "
    "|U_{e,mu 4}|^2 ~ eps1^2 [1 - 2 rho2 -+ 2 r1 (y'mu/ymu +- y'tau/ytau)] has a fixed "
    "-2rho2 (unlike the NO line, which prints -+2rho2): entry [4] |U_e4|^2 takes the upper "
    "signs, entry [5] |U_mu4|^2 the lower signs. |U_mu3|^2 has no eps_i term as printed "
    "(Eq. 28 has no correction in column 3). Entries [1] and [2] match reading A of A-18a "
    "(U_e3 = -rho2/sqrt2 + ..., U_e2 = 1/sqrt3 - (3rho2 + sigma_+^I G)/(3 sqrt3)), not "
    "reading B.",
    labels=_LABELS_U2,
)

EQ39 = Printed(
    "39", "definitions",
    {AS_PRINTED: {
        sigma_pN: chi + rho2 - rho3,
        sigma_mN: chi - rho2 - rho3,
        sigma_pI: chi + 3 * rho2 - rho3,
        sigma_mI: chi - 3 * rho2 - rho3,
        chi: y1 * v / (y3 * v2) * w1p / w1 * r1,
        rho2: y2p * v2 / (y2 * v1) * r1,
        rho3: y3p * v / (y3 * v2) * r1,
        R_ratio: m2_0 / m3_0,
        G_ratio: m1_0 / (m2_0 - m1_0),
    }},
    "Only the defining equalities are kept. sigma_+-^N = chi +- rho2 - rho3 and "
    "sigma_+-^I = chi +- 3rho2 - rho3 are printed with +- and expanded into four "
    "definitions. Also printed but not kept (approximations, not definitions): "
    "R ~ sqrt(Dm_S^2/Dm_A^2) = O(10^-1) and G ~ 2 Dm_A^2/Dm_S^2 ~ 2/R^2 = O(10^2) "
    "(numbers in PRINTED_NUMBERS). Note R uses the NO leading masses m_2^(0)/m_3^(0) "
    "(Eq. 25) and G the IO ones m_1^(0) (Eq. 30), m_2^(0); 'G ~ 2/R^2' therefore "
    "mixes the two orderings numerically (R^2 ~ Dm_S^2/Dm_A^2), it is not an identity. "
    "A-16 repeats sigma_+-^N = chi +- rho2 - rho3 below the matrix, identically.",
)

EQ40 = Printed(
    "40", "scalar",
    {AS_PRINTED: rmu + rtau},
    "Printed as the bound -0.4 <= (y'mu/ymu + y'tau/ytau) <= 0.95 (assuming "
    "y'_2 = y'_3 = w'_1 = 0 and eps_{1,2} ~ 0). The value is the bounded combination; "
    "the bounds are PRINTED_NUMBERS['40 lower bound'] and ['40 upper bound'].",
)

EQ41 = Printed(
    "41", "scalar",
    {AS_PRINTED: 2 * r1**2 * rtau**2},
    "sin^2 theta13 ~ 2 r1^2 (y'tau/ytau)^2 ~ 0.02, for the 'extreme choice' "
    "y'mu/ymu = -y'tau/ytau, assuming y'tau ~ ytau, in both orderings. The text then "
    "states sin^2 theta23 ~ 0.6 and sin^2 theta12 keeps its TBM value (1/3); all numbers "
    "are in PRINTED_NUMBERS. Internally consistent: Eq. (37)/(38) |U_e3|^2 with no "
    "neutrino-sector correction and y'mu/ymu = -y'tau/ytau gives 2 r1^2 (y'tau/ytau)^2 "
    "= 0.02 at r1 = 0.1, y'tau = ytau; |U_mu3|^2 = (1 + 2 r1)/2 = 0.6 and "
    "|U_e2|^2 = 1/3.",
)

# ---------------------------------------------------------------------------
# Appendix A.1: charged leptons
# ---------------------------------------------------------------------------
EQA2 = Printed(
    "A-2", "matrix",
    {AS_PRINTED: (v_d * u * v1 / Lambda**2) * sp.Matrix(
        3, 3, lambda i, j: [y_ep * lam**3, y_mup * lam, y_taup][j])},
    "delta M_l^(1); three identical rows (y'_e lambda^3, y'_mu lambda, y'_tau); the "
    "prefactor v_d u v'/Lambda^2 is multiplied into the entries. Extracted text "
    "unambiguous. Relative to M_l of Eq. (14) (prefactor v_d v/Lambda) the correction is "
    "r_1 v'/v, not r_1: A-3 and A-4 drop the factor v'/v (the text sets v ~ v', Eqs. "
    "31, 33).",
)

_VL = sp.Matrix([
    [1, rmu * r1, rtau * r1],
    [-rmu * r1, 1, rtau * r1],
    [-rtau * r1, -rmu * r1, 1],
])

EQA3 = Printed(
    "A-3", "matrix",
    {
        AS_PRINTED: _VL,
        "suspected: (3,2) = -y'tau/ytau r1 (antisymmetric at O(r1); not printed)":
            sp.Matrix([
                [1, rmu * r1, rtau * r1],
                [-rmu * r1, 1, rtau * r1],
                [-rtau * r1, -rtau * r1, 1],
            ]),
    },
    "V_l, printed '+ O(r1^2, lambda^2)' (dropped). Extracted text unambiguous. "
    "SUSPECTED MISPRINT: a unitary V_l = 1 + A + O(r1^2) needs A antisymmetric, but the "
    "printed (2,3) = +y'tau/ytau r1 and (3,2) = -y'mu/ymu r1 do not cancel. The (2,3) "
    "mixing angle of M_l M_l^dagger from A-2 is y'tau/ytau r1 (v'/v), and the mu entries "
    "of Eqs. (37), (38) (|U_mu4|^2, |U_mu5|^2) follow from U = V_l^dagger U_nu only with "
    "(3,2) = -y'tau/ytau r1: that is the 'suspected' reading (not a transcription).",
)

EQA4 = Printed(
    "A-4", "list",
    {
        AS_PRINTED: [(ya + ypa * r1) * v_d * v / Lambda * lam**Fa
                     for ya, ypa, Fa in ((y_e, y_ep, F_e), (y_mu, y_mup, F_mu),
                                         (y_tau, y_taup, F_tau))],
        "reading B: F_alpha = (3, 1, 0) read off Eq. (14)": [
            (ya + ypa * r1) * v_d * v / Lambda * lam**Fa
            for ya, ypa, Fa in ((y_e, y_ep, 3), (y_mu, y_mup, 1), (y_tau, y_taup, 0))],
    },
    "m'_alpha = (y_alpha + y'_alpha r1) v_d v/Lambda lambda^{F_alpha}, alpha = e, mu, tau "
    "(entries [1], [2], [3]). F_alpha is not defined in the paper; 'as printed' keeps the "
    "symbols F_e, F_mu, F_tau (defined in this module), reading B substitutes the powers "
    "of lambda of Eq. (14) and A-2: F_e = 3, F_mu = 1, F_tau = 0. Like A-3, the formula "
    "has y'_alpha r1 where A-2 implies y'_alpha r1 v'/v.",
    labels=("m'_e", "m'_mu", "m'_tau"),
)

# ---------------------------------------------------------------------------
# Appendix A.2: neutrino sector
# ---------------------------------------------------------------------------
EQA6_NO = Printed(
    "A-6-NO", "matrix",
    {AS_PRINTED: (v_u * u / Lambda**2) * sp.Matrix([
        [y1p * v1, -y2p * v2, y3p * v],
        [y1p * v1, y2p * v2, 0],
        [y1p * v1, 0, 0],
    ]) * F},
    "delta M_D^(1N) (normal ordering), 3x3 in the basis (nu_1^c, nu_2^c, nu_3^c) of the "
    "columns; printed as (v_u u/Lambda^2) [matrix] F with F = diag(lambda^F1, lambda^F2, "
    "lambda^F3) (A-7) on the right: the product is multiplied out, so column j carries "
    "lambda^{F_j}. Extracted text unambiguous.",
)

EQA6_IO = Printed(
    "A-6-IO", "matrix",
    {AS_PRINTED: (v_u * u / Lambda**2) * sp.Matrix([
        [y1p * v1, -y2p * v2, y3p * v],
        [y1p * v1, -y2p * v2, 0],
        [y1p * v1, 2 * y2p * v2, 0],
    ]) * F},
    "delta M_D^(1I) (inverted ordering); conventions as A-6-NO (prefactor and right "
    "factor F multiplied out). Extracted text unambiguous.",
)

EQA7 = Printed(
    "A-7", "matrix",
    {AS_PRINTED: F},
    "F = diag(lambda^F1, lambda^F2, lambda^F3). Extracted text unambiguous.",
)

EQA9 = Printed(
    "A-9", "matrix",
    {AS_PRINTED: _symmetric([
        [u * u2 * lam ** (2 * F1), 0, u * u * lam ** (F1 + F3)],
        [None, u1 * u2 * lam ** (2 * F2), u1 * u1 * lam ** (F2 + F3)],
        [None, None, u2 * u2 * lam ** (2 * F3)],
    ]) / Lambda},
    "delta M_R^(1) is printed only with 'proportional to' (∝), so this is NOT an equality "
    "and must not be audited as one: only the pattern of entries is printed (couplings "
    "omitted). The lower triangle is printed as dots and is filled by symmetry; the "
    "prefactor 1/Lambda is multiplied in. The (1,1) entry is printed u u'' lambda^{2F1} "
    "(one would expect a product of two singlet VEVs whose Z_3 charges match nu_1^c nu_1^c; "
    "not checked here).",
)

EQA10 = Printed(
    "A-10", "matrix",
    {AS_PRINTED: F * _symmetric([
        [w1 * u, 0, w1p * u * r1],
        [None, w2 * u1, 0],
        [None, None, w3 * u2],
    ]) * F},
    "M'_R = M_R + delta M_R^(1) = F [matrix] F; the dots of the lower triangle are filled "
    "by symmetry and both factors F multiplied out (entry (i,j) carries "
    "lambda^{F_i + F_j}). Extracted text otherwise unambiguous.",
)

EQA11 = Printed(
    "A-11", "matrix",
    {AS_PRINTED: F.inv() * sp.Matrix([
        [1, 0, -wr * r1],
        [0, 1, 0],
        [wr * r1, 0, 1],
    ]) * F},
    "V_R ~ F^-1 [matrix] F + O(w3 u''/(w1 u) r1, r1^2); the O() is dropped and F^-1, F "
    "multiplied out (entry (1,3) carries lambda^{F3-F1}, (3,1) lambda^{F1-F3}). The text "
    "before it says 'expanding in the small ratios r1 ~ w3 u''/(w1 u) ~ 0.1'. Extracted "
    "text unambiguous.",
)

EQA12 = Printed(
    "A-12", "list",
    {AS_PRINTED: [
        w1 * u * lam ** (2 * F1) * (1 + wr**2 * r1**2),
        w2 * u1 * lam ** (2 * F2),
        w3 * u2 * lam ** (2 * F3) * (1 - wr**2 * r1**2),
    ]},
    "M'_1, M'_2, M'_3. 'w_1'^2' in the text is (w'_1)^2. Extracted text unambiguous. "
    "(As printed the r1^2 corrections carry no power of lambda, although M'_R of A-10 "
    "has lambda^{2F1}, lambda^{F1+F3}, lambda^{2F3} in its (1,1), (1,3), (3,3) entries; "
    "not checked further here.)",
    labels=("M'_1", "M'_2", "M'_3"),
)

EQA14_NO = Printed(
    "A-14-NO", "matrix",
    {AS_PRINTED: (v_u / Lambda) * sp.Matrix([
        [y1 * v + y1p * v1 * r1, y2 * v1 - y2p * v2 * r1, (y3p * v - y1 * v * wr) * r1],
        [(y1p * v1 - y3 * v2 * wr) * r1, y2 * v1 + y2p * v2 * r1, -y3 * v2],
        [(y1p * v1 + y3 * v2 * wr) * r1, y2 * v1, y3 * v2],
    ]) * F},
    "M'_D^(NO) = (v_u/Lambda) [matrix] F, prefactor and right factor F multiplied out. "
    "In this extraction (seed lines 656-659) the A-14 text is complete: both matrices "
    "have 3 rows of 3 entries with balanced braces, nothing is cut at the page break, so "
    "there is a single reading. It is consistent with M'_D = (M_D + delta M_D^(1)) V_R^* "
    "(Eqs. 20, A-6, A-11) to first order in r1 with rho_2, rho_3, chi of Eq. (39): "
    "entry (1,3) = (rho3 - chi) y3 v'' (times v_u/Lambda lambda^F3).",
)

EQA14_IO = Printed(
    "A-14-IO", "matrix",
    {AS_PRINTED: (v_u / Lambda) * sp.Matrix([
        [y1 * v + (y1p * v1 + 2 * y3 * v2 * wr) * r1, y2 * v1 - y2p * v2 * r1,
         2 * y3 * v2 + (y3p * v - y1 * v * wr) * r1],
        [(y1p * v1 - y3 * v2 * wr) * r1, y2 * v1 - y2p * v2 * r1, -y3 * v2],
        [(y1p * v1 - y3 * v2 * wr) * r1, y2 * v1 + 2 * y2p * v2 * r1, -y3 * v2],
    ]) * F},
    "M'_D^(IO) = (v_u/Lambda) [matrix] F, prefactor and F multiplied out. Extracted text "
    "complete and unambiguous (see A-14-NO). Consistent with (M_D + delta M_D^(1I)) V_R^* "
    "(Eqs. 27, A-6, A-11) to first order in r1.",
)

_U0 = sp.diag(tri_bimaximal(), sp.eye(2))

EQA15 = Printed(
    "A-15", "matrix",
    {AS_PRINTED: _U0},
    "U_nu = [[U_TBM, 0_3x2], [0_2x3, 1_2x2]] + delta U. Only the first (leading) summand "
    "is a printed matrix; U_TBM is Eq. (12) (columns 2/sqrt6 = sqrt(2/3), ...). delta U "
    "is A-16 (NO) or A-18 (IO), each the sum of a first-order and a second-order "
    "printed matrix.",
)

# --- delta U^(NO) -----------------------------------------------------
_A16A = sp.Matrix([
    [rho2 / s6, -rho2 / s3, -(chi - rho3 + sigma_pN * R / 3) / s2, (1 - rho2) * e1,
     (rho3 - chi) * e2],
    [-sigma_mN / s6, -(sigma_mN + sigma_pN * R) / (2 * s3), -sigma_pN / (3 * s2) * R,
     (1 + rho2) * e1, -e2],
    [sigma_pN / s6, sigma_pN / (2 * s3) * (1 + R), -sigma_pN / (3 * s2) * R, e1, e2],
    [0, -s3 * e1, sigma_pN / s2 * (1 + R) * e1, 0, 0],
    [0, -sigma_pN / s3 * R * e2, -s2 * e2, 0, 0],
])

_A16B = sp.Matrix([
    [0, -s3 / 2 * (1 - rho2) * e1**2,
     (2 * cr * e2**2 + sigma_pN * (1 + R) * e1**2) / (2 * s2), 0, 0],
    [0, -(3 * (1 + rho2) * e1**2 - sigma_pN * R * e2**2) / (2 * s3),
     (2 * e2**2 + sigma_pN * (1 + R) * e1**2) / (2 * s2), 0, 0],
    [0, -(3 * e1**2 + sigma_pN * R * e2**2) / (2 * s3),
     -(2 * e2**2 - sigma_pN * (1 + R) * e1**2) / (2 * s2), 0, 0],
    [0, 0, 0, -Q(3, 2) * e1**2, sigma_pN * e1 * e2 / 2],
    [0, 0, 0, sigma_pN * e1 * e2 / 2, -e2**2],
])

EQA16a = Printed(
    "A-16a", "matrix",
    {AS_PRINTED: _A16A},
    "First of the two matrices whose sum is delta U^(NO) in A-16 (the terms of first "
    "order in eps_i and the pure rho/chi/sigma terms, first order in R). Extracted text "
    "unambiguous: 5 rows x 5 entries. sigma_+-^N are the symbols of Eq. (39) (restated "
    "below A-16). With chi = rho2 = rho3 = 0 it reduces to the first-order matrix of "
    "Eq. (22).",
)

EQA16b = Printed(
    "A-16b", "matrix",
    {AS_PRINTED: _A16B},
    "Second of the two matrices of A-16 (second order in eps_i). Extracted text "
    "unambiguous: 5 rows x 5 entries; (4,5) = (5,4) = sigma_+^N eps1 eps2 / 2. With "
    "chi = rho2 = rho3 = 0 it reduces to the second-order matrix of Eq. (22).",
)

EQA16 = Printed(
    "A-16", "matrix",
    {AS_PRINTED: _A16A + _A16B},
    "delta U^(NO) = A-16a + A-16b (the sum of the two printed matrices); U_nu^(NO) = "
    "A-15 + this. Audit entries against A-16a / A-16b to locate a slip by order.",
)

# --- NO masses ---------------------------------------------------------


def _a17(sigma_in_m2: sp.Symbol) -> list:
    return [
        sp.S.Zero,
        m2_0 * (1 - 3 * e1**2 - rho2 / 3 * sigma_in_m2
                - Q(1, 2) * (9 * rho2**2 - 4 * rho2 * cr - cr**2) * e1**2
                - sigma_pN / 3 * R * (rho2 * (1 - 3 * e1**2) - sigma_pN * e2**2)),
        m3_0 * (1 - 2 * e2**2 + cr**2 * (1 - 3 * e2**2) - sigma_pN**2 / 2 * (1 + 2 * R) * e1**2
                + Q(1, 6) * (rho2**2 + 4 * rho2 * cr + 3 * cr**2) * R * (1 - 2 * e2**2)),
        w2 * u1 * lam ** (2 * F2) - m2_0 * (
            1 - 3 * e1**2 + 2 * rho2**2 / 3 * (1 - 6 * e1**2)
            - 3 * sigma_pN**2 / 8 * m3_0 / m2_0 * e1**2),
        w3 * u2 * lam ** (2 * F3) - m3_0 * (
            1 - 2 * e2**2 + Q(1, 2) * cr**2 - Q(1, 4) * (8 * cr**2 + sigma_pN**2 * R) * e2**2),
    ]


_MASS_LABELS = ("m'_1", "m'_2", "m'_3", "m'_4", "m'_5")

EQA17 = Printed(
    "A-17", "list",
    {AS_PRINTED: _a17(sigma_mI),
     "suspected: sigma_-^N instead of sigma_-^I in m'_2 (not printed)": _a17(sigma_mN)},
    "NO masses m'_1 .. m'_5. Extracted text unambiguous, but m'_2 contains "
    "'- rho2/3 sigma_-^I', an IO symbol (chi - 3rho2 - rho3) inside the NO formula; every "
    "other sigma of A-16/A-17 is a sigma^N: the 'suspected' reading replaces it by "
    "sigma_-^N (a hypothesis, not the text). m'_4 keeps the printed w_2 u' lambda^{2F_2} "
    "and the ratio m_3^(0)/m_2^(0) (not rewritten as 1/R). The text claims A-17 "
    "'corresponds to Eq. (24) in the limit (chi, rho2, rho3) -> 0': with the sigma's of "
    "Eq. (39) this holds for m'_1 .. m'_4, but m'_5 -> w_3 u'' lambda^{2F3} - "
    "m_3^(0)(1 - 2eps2^2) differs from the printed Eq. (24) m_5 = w_3 u' lambda^{2F3} - "
    "..., because Eq. (24) prints u' (a misprint there: M_R of Eq. 21 has w_3 u''). "
    "Remark (a side check, not a transcription issue): at O((chi, rho)^2) the heavy "
    "masses carry the norms of the printed A-14 columns (m'_4: 2rho2^2/3, m'_5: "
    "(chi-rho3)^2/2), but the light m'_3 has (chi-rho3)^2 with coefficient 1, twice the "
    "value 1/2 that an exact leading-seesaw diagonalization of the A-14 columns 2, 3 gives "
    "at eps_i -> 0, R -> 0; the quadratic terms of m'_2 (with sigma_-^I or sigma_-^N) "
    "also differ from that check (which gives 2rho2^2/3 - (sigma_+^N)^2/6 at R -> 0). "
    "Caveat: O(r1^2) terms of M'_D and M'_3 (A-12) are not printed, so the paper's "
    "second-order terms go beyond its stated first order in r1.",
    labels=_MASS_LABELS,
)

# --- delta U^(IO) --------------------------------------------------------
_SG = 3 * rho2 + sigma_pI * G          # (3 rho2 + sigma_+^I G)
_IO_C12 = [  # columns 1, 2 of rows 1-3 (unambiguous)
    (_SG / (3 * s6), -_SG / (3 * s3)),
    (_SG / (3 * s6), -(6 * rho2 - sigma_pI * G) / (6 * s3)),
    (_SG / (3 * s6), (12 * rho2 + sigma_pI * G) / (6 * s3)),
]
_IO_MERGED = [  # the printed third token "-rho2/sqrt2 (...) eps1" of rows 1-3
    (-rho2 / s2, (1 - rho2) * e1),
    (-rho2 / s2, (1 - rho2) * e1),
    (-rho2 / s2, (1 + 2 * rho2) * e1),
]
_IO_LAST = [(2 - chi + rho3) * e2, -e2, -e2]  # the printed fourth token of rows 1-3
_IO_ROWS45 = [
    [-sigma_pI / s6 * G * e1, -s3 * e1, 0, 0, 0],
    [-sp.sqrt(Q(2, 3)) * (3 - chi + rho3) * e2, sigma_pI / s3 * (1 + G) * e2, 0, 0, 0],
]


def _a18a(layout: str) -> sp.Matrix:
    rows = []
    for (c1, c2), (a, b), last in zip(_IO_C12, _IO_MERGED, _IO_LAST, strict=True):
        if layout == "A":    # merged token split: column 3 = a, column 4 = b
            rows.append([c1, c2, a, b, last])
        elif layout == "B":  # literal left to right: product in column 3, empty column 5
            rows.append([c1, c2, a * b, last, 0])
        else:                # "C": product right-aligned into column 4, column 3 empty
            rows.append([c1, c2, 0, a * b, last])
    return sp.Matrix(rows + _IO_ROWS45)


_A18A_READINGS = {
    "reading A: merged token split, column 3 = -rho2/sqrt2, column 4 = (1-rho2)eps1 etc.":
        _a18a("A"),
    "reading B: as literally listed left to right, column 3 = product, column 5 = 0":
        _a18a("B"),
    "reading C: product in column 4, column 3 = 0, last token in column 5":
        _a18a("C"),
}

EQA18a = Printed(
    "A-18a", "matrix",
    _A18A_READINGS,
    "First of the two matrices of delta U^(IO) (A-18; the extracted label reads "
    "'delta U^(10)', an OCR slip for (IO)). GARBLED: rows 1-3 show four tokens and a "
    "trailing '&' (e.g. row 1: '1/(3sqrt6)(3rho2+sigma_+^I G) & -1/(3sqrt3)(3rho2+"
    "sigma_+^I G) & -rho2/sqrt2 (1-rho2)eps1 & (2-chi+rho3)eps2 &'), rows 4-5 show five "
    "entries. Columns 1, 2 of rows 1-3 and rows 4, 5 are unambiguous. Third tokens: "
    "row 1 '-rho2/sqrt2 (1-rho2) eps1', row 2 '-rho2/sqrt2 (1-rho2) eps1', row 3 "
    "'-rho2/sqrt2 (1+2rho2) eps1'; fourth tokens (2-chi+rho3)eps2, -eps2, -eps2. "
    "Reading A: the third token is two merged entries, column 3 = -rho2/sqrt2 and "
    "column 4 = (1-rho2)eps1 / (1-rho2)eps1 / (1+2rho2)eps1, column 5 = the fourth token. "
    "Reading B: literal, column 3 = the product -rho2/sqrt2 (..) eps1, column 4 = the "
    "fourth token, column 5 empty (0). Reading C: the product right-aligned into column "
    "4, column 3 = 0. Only reading A reduces to the first-order matrix of Eq. (28) for "
    "chi = rho2 = rho3 = 0 (columns 4, 5 of rows 1-3 = eps1, (2, -1, -1) eps2), and only "
    "reading A gives the neutrino-sector parts of Eq. (38) (|U_e3|^2 = rho2^2/2, "
    "|U_e4|^2 = eps1^2(1 - 2rho2), |U_e5|^2 = 4eps2^2(1 - (chi-rho3)), |U_e2|^2 with "
    "-(2/3) sigma_+^I G); column 4 of reading A also mirrors A-16 ((1-rho2)eps1, ...) and "
    "the IO delta M_D^(1I) column 2 pattern (-1, -1, 2) rho2.",
)


def _a18b(layout: str) -> sp.Matrix:
    rows = [
        [-(2 * (6 - 5 * cr) * e2**2 + sigma_pI * G * e1**2) / (2 * s6),
         -(3 * (1 - rho2) * e1**2 - 2 * sigma_pI * (1 + G) * e2**2) / (2 * s3), 0, 0, 0],
        [(2 * (3 - chi + rho3) * e2**2 - sigma_pI * G * e1**2) / (2 * s6),
         -(3 * (1 - rho2) * e1**2 + sigma_pI * (1 + G) * e2**2) / (2 * s3), 0, 0, 0],
        [(2 * (3 - chi + rho3) * e2**2 - sigma_pI * G * e1**2) / (2 * s6),
         -(3 * (1 + 2 * rho2) * e1**2 + sigma_pI * (1 + G) * e2**2) / (2 * s3), 0, 0, 0],
        [0, 0, 0, -Q(3, 2) * e1**2, sigma_pI * e1 * e2 / 2],
    ]
    half = sigma_pI * e1 * e2 / 2
    tail = (3 - 2 * chi + 2 * rho3) * e2**2
    if layout == "A":   # literal: (5,4) = 0, (5,5) = half - tail
        rows.append([0, 0, 0, 0, half - tail])
    else:               # "B": (5,4) = half, (5,5) = -tail
        rows.append([0, 0, 0, half, -tail])
    return sp.Matrix(rows)


_A18B_READINGS = {
    "reading A: as literally listed, (5,4) = 0, (5,5) = sigma_+^I eps1 eps2/2 - (3-2chi+2rho3)eps2^2":
        _a18b("A"),
    "reading B: (5,4) = sigma_+^I eps1 eps2/2, (5,5) = -(3-2chi+2rho3)eps2^2":
        _a18b("B"),
}

EQA18b = Printed(
    "A-18b", "matrix",
    _A18B_READINGS,
    "Second of the two matrices of A-18 (second order in eps_i). Rows 1-4 unambiguous. "
    "GARBLED row 5: '0 & 0 & 0 & 0 & sigma_+^I eps1 eps2/2 - (3-2chi+2rho3)eps2^2'. "
    "Reading A takes it literally ((5,4) = 0, (5,5) = the whole difference). Reading B "
    "takes the last token as two merged entries, (5,4) = sigma_+^I eps1 eps2/2 and "
    "(5,5) = -(3-2chi+2rho3)eps2^2, dropping one '0' as spurious; this makes the (4,5)/"
    "(5,4) block symmetric as in A-16b. Both readings reduce to Eq. (28) for "
    "chi = rho2 = rho3 = 0 (sigma_+^I -> 0), so the limit cannot decide between them.",
)

EQA18 = Printed(
    "A-18", "matrix",
    {f"{ka[:9]} of A-18a + {kb[:9]} of A-18b": va + vb
     for ka, va in _A18A_READINGS.items() for kb, vb in _A18B_READINGS.items()},
    "delta U^(IO) = A-18a + A-18b; one reading per pair of readings of the two printed "
    "matrices ('reading A of A-18a + reading A of A-18b' is the reading supported by "
    "Eqs. (28) and (38) for the first matrix and literal for the second). U_nu^(IO) = "
    "A-15 + this.",
)

# --- IO masses -----------------------------------------------------------
EQA19 = Printed(
    "A-19", "list",
    {AS_PRINTED: [
        m1_0 * (1 - 6 * e2**2 - Q(1, 9) * cr * (6 - sigma_mI)
                + (8 * cr + 3 * rho2**2 + 4 * rho2 * cr - 4 * cr**2) * e2**2
                + Q(1, 18) * (9 * rho2**2 - cr**2) * G
                + (3 * rho2**2 + 4 * rho2 * cr + cr**2) * G * e2**2
                + sigma_pI**2 / 18 * G**2 * (1 - 3 * e1**2)),
        m2_0 * (1 - 3 * (1 + 6 * rho2**2) * e1**2 + 4 * rho2**2
                + Q(1, 18) * (27 * rho2**2 + 12 * rho2 * cr + cr**2) * G * (1 - 3 * e1**2)
                - sigma_pI**2 / 18 * (6 * (1 + 2 * G) * e2**2 - G**2 * (1 - 6 * e2**2))),
        sp.S.Zero,
        w2 * u1 * lam ** (2 * F2) - m2_0 * (
            1 + 2 * rho2**2 - 3 * (1 + 4 * rho2**2) * e1**2
            - sigma_pI**2 / 8 * m1_0 / m2_0 * e1**2),
        w3 * u2 * lam ** (2 * F3) - m1_0 * (
            1 - 6 * e2**2 - Q(1, 6) * (4 * cr - cr**2) + (8 * cr - Q(14, 3) * cr**2) * e2**2
            - sigma_pI**2 / 4 * 3 * m2_0 / (2 * m1_0) * e2**2),
    ]},
    "IO masses m'_1 .. m'_5 (m'_3 = 0 is printed inside the A-19 block, m'_4 and m'_5 "
    "after it). Extracted text unambiguous. m'_1 contains sigma_-^I (an IO symbol, "
    "consistent here). m'_5's last term is printed (sigma_+^I)^2/4 * 3 m_2^(0)/(2 m_1^(0)) "
    "eps2^2 and m'_4's (sigma_+^I)^2/8 * m_1^(0)/m_2^(0) eps1^2, kept as ratios of the "
    "m^(0) (not rewritten through G). m'_4 keeps w_2 u' lambda^{2F_2}. In the limit "
    "chi = rho2 = rho3 = 0 all five reduce to Eq. (29).",
    labels=_MASS_LABELS,
)

# ---------------------------------------------------------------------------
PRINTED: dict[str, Printed] = {p.equation: p for p in (
    EQ35_NO, EQ35_IO, EQ36_NO, EQ36_IO, EQ37, EQ38, EQ39, EQ40, EQ41,
    EQA2, EQA3, EQA4, EQA6_NO, EQA6_IO, EQA7, EQA9, EQA10, EQA11, EQA12,
    EQA14_NO, EQA14_IO, EQA15, EQA16a, EQA16b, EQA16, EQA17, EQA18a, EQA18b, EQA18, EQA19,
)}

#: Numbers printed in Sect. III B and Appendix A, exact.
PRINTED_NUMBERS: dict[str, sp.Rational] = {
    "34 r_1 = u/Lambda": Q(1, 10),
    "34 r_2 = u'/Lambda = u''/Lambda = v/Lambda = v''/Lambda": Q(1, 100),
    "39 R = O(.)": Q(1, 10),
    "39 G = O(.)": sp.Integer(100),
    "39 sigma_+^I = O(.) needed in the IO": Q(1, 1000),
    "39 text: y'_{2,3}/y_{2,3} and y_1 w'_1/(y_3 w_1) assumed in the IO": Q(1, 100),
    "40 lower bound": Q(-4, 10),
    "40 upper bound": Q(95, 100),
    "41 sin^2 theta_13": Q(2, 100),
    "41 sin^2 theta_23": Q(6, 10),
    "41 sin^2 theta_12 (TBM value, stated not printed as a number)": Q(1, 3),
}
