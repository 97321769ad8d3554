"""Seed 001, Sect. IV: A4 effective theory with one keV sterile neutrino (Eqs. 48-50) and its NLO corrections (Eqs. 63, 65, 66).

Seed: ``../shared/seeds/001_6200b3fc7d1f06f2.txt`` -- J. Barry, W. Rodejohann,
H. Zhang, Sect. IV A and C.

*Eq. (48)* (main system).  Expansion variables ``x = e/m_s``,
``r_a = a/m_s``, ``r_d = d/m_s``, all small (the block diagonalization needs
``a, d << m_s`` as well as ``e << m_s``; Eqs. 53-55 give
``a ~ d ~ e ~ 0.1 eV``, ``m_s ~ keV``, so all three ratios are ``~1e-4``).
The three light states are declared one exact group (their leading
splittings ``d``, ``2a``, ``2a - d`` mix ``r_a`` and ``r_d``); the light
block is exactly diagonal in the TBM basis anyway: ``nu_1 = (2,-1,-1)/sqrt6``
and ``nu_3 = (0,-1,1)/sqrt2`` decouple *exactly* with masses ``a + d`` and
``-a + d``, and ``(nu_2 = (1,1,1)/sqrt3, nu_s)`` form the 2x2 block
``[[a, sqrt3 e], [sqrt3 e, m_s]]``.  Hence, exactly,
``U_alpha4 = sin(phi)/sqrt3`` with ``tan 2 phi = 2 sqrt3 e/(m_s - a)``, i.e.
``U_alpha4 = e/(m_s - a) + O(e^3)``, ``m_2 = a - 3e^2/(m_s - a) + O(e^4)``.

*Eq. (63)*: the 3x3 light matrix with NLO terms ``eta_i`` (small parameters,
``a, d`` exact), diagonalized around TBM to second total order in ``eta``.
Eqs. (65), (66) write ``b`` where (48) and (63) have ``d``; only the reading
``b = d`` is consistent with (63) at zeroth order, but the print does not say
so: (65) is judged under both readings and its summary rows are *ambiguous*
where they disagree.

Findings (pinned in ``tests/papers/test_seed001_section4.py``), each claim judged at
the order it claims (``symseesaw.papers.verdicts``):

* (49), (50) agree in the paper's regime ``a ~ d ~ e << m_s`` (Eqs. 53-55:
  all ratios ``~1e-4``), at total order 1 for U and 2 for the masses.  The
  next order is reported as an extension, not an erratum:
  ``U_alpha4 = (e/m_s)(1 + a/m_s)``, ``U_s2 = -sqrt3 (e/m_s)(1 + a/m_s)``,
  ``m_2 = a - 3e^2/m_s (1 + a/m_s)``, ``m_4 = m_s + 3e^2/m_s (1 + a/m_s)``.
  (Reading them "exact in ``a/m_s``" would leave the keV regime the paper
  states; that reading is not the paper's.)
* (65) agrees with ``b = d`` and differs with ``b`` independent: ambiguous.
* (66): ``sin^2 theta_13`` agrees; ``sin^2 theta_12`` and ``sin^2 theta_23``
  *differ* at first order: the correct coefficients are twice the printed ones,
  ``sin^2 theta_12 = (1 - 4 eta_3/(3b))/3`` and
  ``sin^2 theta_23 = (1 - (eta_1 - eta_2)/(2a))/2`` (the printed ones are
  those of ``sin theta``, squared incorrectly).
* The numerical example: the printed 0.53, 0.31 follow from the printed (66);
  exact diagonalization gives ``sin^2 theta_23 ~ 0.55`` and
  ``sin^2 theta_12 ~ 0.29`` (depending on the unstated ratio ``b/a``).
"""

from __future__ import annotations

import mpmath
import sympy as sp

import symseesaw
from symseesaw import as_series, diagonalize, seesaw_expansion
from symseesaw.api import SeesawExpansion
from symseesaw.numerics import align_to_reference, prove_expansion, takagi
from symseesaw.observables import extract_parameters, sin2_angles, truncate
from symseesaw.papers.printed import read_aligned, read_list, read_matrix_sum
from symseesaw.papers.seed001 import SOURCE as SOURCE  # re-exported: the registry reads it
from symseesaw.papers.seed001.model import tri_bimaximal
from symseesaw.papers.verdicts import judge, with_summaries
from symseesaw.result import Comparison, DerivationResult, ProofReport

NAME = "seed001-sec4"
EQUATIONS = ["48", "49", "50", "63", "65", "66"]
SUMMARY = ("Seed 001 Sect. IV: 4x4 A4 matrix with a keV sterile state (Eqs. 48-50) and the NLO "
           "eta_i corrections to masses and angles (Eqs. 63, 65, 66) with the numerical example.")

# paper symbols
a, d, b = sp.symbols("a d b", real=True)
e = sp.Symbol("e", real=True)
m_s = sp.Symbol("m_s", positive=True)
eta1, eta2, eta3 = sp.symbols("eta_1:4", real=True)
# expansion variables of Eq. (48)
x, r_a, r_d = sp.symbols("x r_a r_d", real=True)

#: Paper symbols of Eq. (48) in the expansion variables.
EXPANSION = {a: r_a * m_s, d: r_d * m_s, e: x * m_s}

s2, s3, s6 = sp.sqrt(2), sp.sqrt(3), sp.sqrt(6)
R = sp.Rational


def matrix_48(a_, d_, e_, ms_) -> sp.Matrix:
    """Eq. (48), ``M_nu^{4x4}`` (symmetric completion of the printed upper triangle)."""
    return sp.Matrix([
        [a_ + 2 * d_ / 3, -d_ / 3, -d_ / 3, e_],
        [-d_ / 3, 2 * d_ / 3, a_ - d_ / 3, e_],
        [-d_ / 3, a_ - d_ / 3, 2 * d_ / 3, e_],
        [e_, e_, e_, ms_],
    ])


def matrix_63(a_, d_, h1, h2, h3) -> sp.Matrix:
    """Eq. (63), ``M_nu^(0) + M_nu^(1)`` (symmetric completion)."""
    M0 = matrix_48(a_, d_, 0, 0)[:3, :3]
    M1 = sp.Matrix([
        [R(2, 3) * h3, h2, h1],
        [h2, h1, -R(1, 3) * h3],
        [h1, -R(1, 3) * h3, h2],
    ])
    return M0 + M1


# ---------------------------------------------------------------------------
# faithful transcriptions
# ---------------------------------------------------------------------------

#: Printed equations: the display math of the seed file, copied verbatim (between
#: the $$), read by the LaTeX parser (:mod:`symseesaw.papers.printed`).
LATEX_49 = r"""U \simeq \begin{pmatrix} \frac{2}{\sqrt{6}} & \frac{1}{\sqrt{3}} & 0 & 0 \\ -\frac{1}{\sqrt{6}} & \frac{1}{\sqrt{3}} & -\frac{1}{\sqrt{2}} & 0 \\ -\frac{1}{\sqrt{6}} & \frac{1}{\sqrt{3}} & \frac{1}{\sqrt{2}} & 0 \\ 0 & 0 & 0 & 1 \end{pmatrix} + \begin{pmatrix} 0 & 0 & 0 & \frac{e}{m_s} \\ 0 & 0 & 0 & \frac{e}{m_s} \\ 0 & 0 & 0 & \frac{e}{m_s} \\ 0 & -\frac{\sqrt{3}e}{m_s} & 0 & 0 \end{pmatrix} + \mathcal{O}\left(\frac{e^2}{m_s^2}\right), \quad (49)"""
LATEX_50 = r"""m_1 = a + d, \quad m_2 = a - \frac{3e^2}{m_s}, \quad m_3 = -a + d, \quad m_4 = m_s + \frac{3e^2}{m_s}. \quad (50)"""
#: Eq. (65) writes the undefined symbol b where (48), (63) have d.
LATEX_65 = r"""\begin{aligned}
m_1 &\simeq a + b - \frac{1}{2}(\eta_1 + \eta_2) + \frac{1}{3}\eta_3, \\
m_2 &\simeq a + \eta_1 + \eta_2, \\
m_3 &\simeq -a + b + \frac{1}{2}(\eta_1 + \eta_2) + \frac{1}{3}\eta_3,
\end{aligned}
\tag{65}"""
LATEX_66 = r"""\begin{aligned}
\sin^2\theta_{13} &\simeq \frac{(\eta_1 - \eta_2)^2}{8a^2}, \\
\sin^2\theta_{12} &\simeq \frac{1}{3} \left(1 - \frac{2\eta_3}{3b} \right), \\
\sin^2\theta_{23} &\simeq \frac{1}{2} \left(1 - \frac{\eta_1 - \eta_2}{4a} \right).
\end{aligned}
\tag{66}"""

_PAPER_SYMBOLS = [a, d, b, e, m_s, eta1, eta2, eta3]

#: Eq. (49): the two printed matrices, summed (the O(e^2/m_s^2) remainder is the claimed order).
EQ49 = read_matrix_sum(LATEX_49, _PAPER_SYMBOLS)

#: Eq. (50), as printed.
EQ50 = read_list(LATEX_50, _PAPER_SYMBOLS)

#: Eq. (65), as printed (with the undefined symbol b).
EQ65 = read_aligned(LATEX_65, _PAPER_SYMBOLS)

#: Eq. (66), as printed: sin^2 theta_13, sin^2 theta_12, sin^2 theta_23.
EQ66 = dict(zip(((1, 3), (1, 2), (2, 3)), read_aligned(LATEX_66, _PAPER_SYMBOLS), strict=True))

#: Order to which the next terms of the masses (50) are named (total order 3).
MASS_EXTENSION = (3, 3, 3, 3)

#: The numerical example after Eq. (66): printed values.
EXAMPLE_PRINTED = {(1, 3): R(5, 1000), (2, 3): R(53, 100), (1, 2): R(31, 100)}
#: Half a unit of the last printed digit.
EXAMPLE_TOLERANCE = {(1, 3): 0.0005, (2, 3): 0.005, (1, 2): 0.005}
#: Values of b/a (= d/a) scanned in the example (not given in the paper).
EXAMPLE_RATIOS = (-1.9, -1.5, -0.5, 0.5, 1.5, 3.0)


def to_expansion(expr: sp.Expr) -> sp.Expr:
    """Paper symbols of Eq. (48) -> ``x, r_a, r_d, m_s``."""
    return sp.expand(sp.sympify(expr).xreplace(EXPANSION))


# ---------------------------------------------------------------------------
# derivations
# ---------------------------------------------------------------------------


def expansion_48(order: int = 2):
    """Engine expansion of Eq. (48) in ``x, r_a, r_d`` (each to ``order``)."""
    M = matrix_48(*[EXPANSION[s] for s in (a, d, e)], m_s)
    return M, seesaw_expansion(M, 3, {x: order, r_a: order, r_d: order},
                               light_basis=tri_bimaximal(), quasi_degenerate_light=[[0, 1, 2]])


def expansion_63(order: int = 2) -> SeesawExpansion:
    """Perturbative diagonalization of Eq. (63) around TBM to total order ``order`` in eta."""
    return diagonalize(matrix_63(a, d, eta1, eta2, eta3), dict.fromkeys((eta1, eta2, eta3), order),
                       total=order, basis=tri_bimaximal(), convention="Udag_M_Ustar")


def _comparisons_48(ex) -> list[Comparison]:
    """Eqs. (49), (50) at the printed order, in the paper's regime ``a ~ d ~ e << m_s``.

    The keV-scale paper (Eqs. 53-55) has ``a/m_s ~ d/m_s ~ e/m_s ~ 1e-4``, so
    the ``a/m_s`` factors are of the order it drops: they are reported as the
    next order derived, not as errata (reading (49) "exact in ``a/m_s``"
    would change the regime the paper states).
    """
    out: list[Comparison] = []
    U = ex.U_series
    reading = "a ~ d ~ e << m_s (Eqs. 53-55): total order 1 in (e, a, d)/m_s"
    for i in range(4):
        for j in range(4):
            out.append(judge("49", [i + 1, j + 1], to_expansion(EQ49[i, j]), U[i, j],
                             (1, 1, 1, 1), extension=(2, 2, 2, 2), reading=reading,
                             note="exact: U_alpha4 = sin(phi)/sqrt3, "
                                  "tan 2phi = 2 sqrt3 e/(m_s - a)"))
    reading = "a ~ d ~ e << m_s: total order 2 in (e, a, d)/m_s"
    for k in range(4):
        out.append(judge("50", [k + 1], to_expansion(EQ50[k]), ex.mass_series[k],
                         (2, 2, 2, 2), extension=MASS_EXTENSION, reading=reading,
                         note="m_1 = a + d and m_3 = -a + d are exact (nu_1, nu_3 "
                              "decouple); m_2, m_4 = (a + m_s)/2 -+ sqrt((m_s - a)^2/4 + 3e^2)"))
    return out


def _comparisons_63(nlo: SeesawExpansion) -> list[Comparison]:
    out: list[Comparison] = []
    masses = nlo.series("masses")
    for k in range(3):
        for reading, printed in (("b = d", EQ65[k].xreplace({b: d})),
                                 ("b an independent parameter", EQ65[k])):
            out.append(judge("65", [k + 1], printed, masses[k], (1, 1, 1, 1),
                               reading=reading,
                               note="first order in eta_i; (65) writes b where (48)/(63) have d"))
    sin2 = sin2_angles(nlo.mixing_matrix)
    for k, pair in enumerate(((1, 3), (1, 2), (2, 3))):
        order = 2 if pair == (1, 3) else 1
        derived = truncate(sin2[pair], dict.fromkeys((eta1, eta2, eta3), order), order)
        printed = EQ66[pair].xreplace({b: d})
        if pair == (1, 3):
            printed = sp.expand(printed)
        out.append(judge("66", [k + 1], printed, as_series(nlo, derived),
                           (order, order, order, order), reading="b = d",
                           note=f"sin^2 theta_{pair[0]}{pair[1]} from the engine's U (PDG "
                                f"parametrization), total order {order} in eta"))
    return out


def numerical_example(ratio: float, dps: int = 30) -> dict[tuple[int, int], mpmath.mpf]:
    """Exact ``sin^2 theta_ij`` of Eq. (63) at ``eta_2 = -eta_1 = 0.1 a``, ``eta_3 = 0.1 b``.

    Parameters
    ----------
    ratio : float
        ``b/a`` (= ``d/a``), not given in the paper; ``a = 1`` (the angles
        depend on ``b/a`` only).
    dps : int
        mpmath precision.

    Returns
    -------
    dict (i, j) -> mpf
        ``sin^2 theta_13``, ``sin^2 theta_12``, ``sin^2 theta_23`` in the PDG
        parametrization, with the mass states labelled by continuity with TBM
        (``m_1 ~ a + b``, ``m_2 ~ a``, ``m_3 ~ -a + b``).
    """
    with mpmath.workdps(dps):
        av = mpmath.mpf(1)
        bv = mpmath.mpf(ratio)
        h1, h2, h3 = -av / 10, av / 10, bv / 10
        Mn = mpmath.matrix([[av + 2 * bv / 3 + 2 * h3 / 3, -bv / 3 + h2, -bv / 3 + h1],
                            [-bv / 3 + h2, 2 * bv / 3 + h1, av - bv / 3 - h3 / 3],
                            [-bv / 3 + h1, av - bv / 3 - h3 / 3, 2 * bv / 3 + h2]])
        U, m = takagi(Mn, real=True, dps=dps)
        ref = mpmath.matrix(tri_bimaximal().evalf(dps + 5).tolist())
        lead = [av + bv, av, -av + bv]
        U, m = align_to_reference(U, m, ref, lead, real=True)
        params = extract_parameters(U, masses=m)
        return {pair: params.sin2(*pair) for pair in ((1, 3), (1, 2), (2, 3))}


def _example_comparisons() -> list[Comparison]:
    table = {r: numerical_example(r) for r in EXAMPLE_RATIOS}
    out: list[Comparison] = []
    for k, pair in enumerate(((1, 3), (2, 3), (1, 2))):
        printed = EXAMPLE_PRINTED[pair]
        tol = EXAMPLE_TOLERANCE[pair]
        hits = [abs(float(v[pair]) - float(printed)) <= tol for v in table.values()]
        verdict = "agrees" if all(hits) else ("differs" if not any(hits) else "ambiguous")
        formula = EQ66[pair].xreplace({b: d}).xreplace(
            {eta1: -a / 10, eta2: a / 10, eta3: d / 10})
        formula = sp.cancel(formula)
        values = ", ".join(f"b/a={r}: {float(v[pair]):.4f}" for r, v in table.items())
        out.append(Comparison(
            "66", [4 + k], printed, sp.Float(float(table[-1.9][pair]), 6), verdict,
            reading="numerical example: eta_2 = -eta_1 = 0.1a, eta_3 = 0.1b, b = d; b/a not given",
            note=(f"sin^2 theta_{pair[0]}{pair[1]}: printed {printed}; printed formula (66) gives "
                  f"{formula} = {float(formula):.4f} for any a, b; exact diagonalization: {values}"),
        ))
    return out


def derive(orders: dict[str, int] | None = None) -> DerivationResult:
    """Derive Eqs. (48)-(50), (63)-(66) and compare with the print (no proof).

    Parameters
    ----------
    orders : dict, optional
        ``{"x": N, "r_a": N, "r_d": N}`` for Eq. (48) (default 2, minimum 2).
    """
    order = 2
    for key, value in (orders or {}).items():
        if key not in ("x", "r_a", "r_d"):
            raise ValueError(f"unknown small parameter {key!r}; known: x, r_a, r_d")
        order = max(order, int(value))
    M, ex = expansion_48(order)
    nlo = expansion_63(2)
    comparisons = _comparisons_48(ex) + _comparisons_63(nlo) + _example_comparisons()
    notes = [
        "Eq. (48) expansion variables: x = e/m_s, r_a = a/m_s, r_d = d/m_s (all small; the "
        "paper only states a < m_s, but the block diagonalization also needs a, d << m_s).",
        "The TBM vectors are exact eigenvectors of the light block of (48): "
        "eigenvalues a + d, a, -a + d; only nu_2 = (1,1,1)/sqrt3 mixes with nu_s.",
        "(49)/(50) are right at the printed order in the paper's regime a ~ d ~ e << m_s "
        "(a/m_s ~ 1e-4); the next order (derived, not printed): U_alpha4 = e/(m_s - a), "
        "m_2 = a - 3e^2/(m_s - a), m_4 = m_s + 3e^2/(m_s - a) to second order in e.",
        "(65), (66) use b for the d of (48)/(63); only b = d makes (65) right at zeroth order.",
        "(66): sin^2 theta_12 = (1/3)(1 - 4 eta_3/(3b)) and sin^2 theta_23 = (1/2)(1 - (eta_1 - "
        "eta_2)/(2a)) at first order: the printed coefficients are half the correct ones.",
        "Numerical example: inputs a and b are not given; angles depend only on b/a; "
        f"scanned b/a in {EXAMPLE_RATIOS}.",
    ]
    symbols = sorted(M.free_symbols, key=str)
    return DerivationResult(
        name=NAME,
        equations=list(EQUATIONS),
        symbols=symbols,
        small={x: order, r_a: order, r_d: order},
        convention="Udag_M_Ustar",
        mass_matrix=M,
        expansion=ex,
        comparisons=with_summaries(comparisons),
        definitions={x: e / m_s, r_a: a / m_s, r_d: d / m_s},
        notes=notes,
    )


#: Proof of Eq. (48): base point and scan direction.
BASE_POINT = {m_s: 1.0}
DIRECTION = {x: 1.0, r_a: 0.7, r_d: 0.4}


def prove(result: DerivationResult, dps: int = 50) -> ProofReport:
    """Order proof of the Eq. (48) expansion against exact mpmath Takagi factorization."""
    symbols = sorted(result.mass_matrix.free_symbols | set(result.small), key=str)
    return prove_expansion(
        result.mass_matrix, result.mixing_matrix, result.masses,
        symbols=symbols, small=result.small, base_point=BASE_POINT,
        direction=DIRECTION, convention=result.convention, dps=dps,
    )


#: Proof of Eq. (63): base point (a, d) and eta direction.
NLO_BASE_POINT = {a: 1.0, d: 0.4}
NLO_DIRECTION = {eta1: -1.0, eta2: 0.6, eta3: 0.8}


def prove_nlo(order: int = 2, dps: int = 50) -> ProofReport:
    """Order proof of the Eq. (63) expansion (U and masses to total order ``order`` in eta)."""
    return symseesaw.prove(expansion_63(order), NLO_BASE_POINT, NLO_DIRECTION, dps=dps)
