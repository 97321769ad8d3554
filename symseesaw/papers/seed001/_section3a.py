"""Shared machinery of the seed 001 Sect. III A derivations (Eqs. 19-30).

Seed: ``../shared/seeds/001_6200b3fc7d1f06f2.txt`` -- J. Barry, W. Rodejohann,
H. Zhang, "Sterile neutrinos for warm dark matter and the reactor anomaly in
flavor symmetry models".

Transcriptions of the printed equations are faithful to the extracted text,
errors included; the ambiguities of the extraction are recorded next to them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import sympy as sp

from symseesaw.api import SeesawExpansion, seesaw_expansion
from symseesaw.numerics.proof import prove_expansion
from symseesaw.papers.printed import read_aligned, read_matrix_sum
from symseesaw.papers.seed001 import SOURCE as SOURCE  # re-exported: the registry reads it
from symseesaw.papers.seed001 import model
from symseesaw.papers.seed001.model import (
    F2,
    F3,
    epsilon_1,
    epsilon_2,
    lam,
    u1,
    u2,
    w2,
    w3,
)
from symseesaw.papers.verdicts import judge, with_summaries
from symseesaw.parsing import find_small_parameter
from symseesaw.result import Comparison, DerivationResult, ProofReport

ORDERING = {"seed001-no": "NO", "seed001-io": "IO"}

e1, e2 = epsilon_1, epsilon_2
s2, s3, s6 = sp.sqrt(2), sp.sqrt(3), sp.sqrt(6)
R = sp.Rational

# ---------------------------------------------------------------------------
# Faithful transcriptions: the display math of the seed file, copied verbatim
# (between the $$), read by the LaTeX parser (symseesaw.papers.printed)
# ---------------------------------------------------------------------------
#: Eq. (22), U_nu^(NO): three printed matrices, summed.
LATEX_22 = r"""U_\nu^{(\text{NO})} \simeq \begin{pmatrix} \frac{2}{\sqrt{6}} & \frac{1}{\sqrt{3}} & 0 & 0 & 0 \\ -\frac{1}{\sqrt{6}} & \frac{1}{\sqrt{3}} & -\frac{1}{\sqrt{2}} & 0 & 0 \\ -\frac{1}{\sqrt{6}} & \frac{1}{\sqrt{3}} & \frac{1}{\sqrt{2}} & 0 & 0 \\ 0 & 0 & 0 & 1 & 0 \\ 0 & 0 & 0 & 0 & 1 \end{pmatrix} + \begin{pmatrix} 0 & 0 & 0 & \epsilon_1 & 0 \\ 0 & 0 & 0 & \epsilon_1 & -\epsilon_2 \\ 0 & 0 & 0 & \epsilon_1 & \epsilon_2 \\ 0 & -\sqrt{3}\epsilon_1 & 0 & 0 & 0 \\ 0 & 0 & -\sqrt{2}\epsilon_2 & 0 & 0 \end{pmatrix} + \begin{pmatrix} 0 & -\frac{\sqrt{3}}{2}\epsilon_1^2 & 0 & 0 & 0 \\ 0 & -\frac{\sqrt{3}}{2}\epsilon_1^2 & \frac{1}{\sqrt{2}}\epsilon_2^2 & 0 & 0 \\ 0 & -\frac{\sqrt{3}}{2}\epsilon_1^2 & -\frac{1}{\sqrt{2}}\epsilon_2^2 & 0 & 0 \\ 0 & 0 & 0 & -\frac{3}{2}\epsilon_1^2 & 0 \\ 0 & 0 & 0 & 0 & -\epsilon_2^2 \end{pmatrix}, \quad (22)"""

#: Eq. (24), masses in the NO. Note m_5 is printed with u' (``w_3 u' lambda^{2F_3}``)
#: whereas M_R of Eq. (21) has ``w_3 u''``.
LATEX_24 = r"""\begin{aligned}
m_1 &= 0, \\
m_2 &= m_2^{(0)} (1 - 3\epsilon_1^2), \\
m_3 &= m_3^{(0)} (1 - 2\epsilon_2^2), \\
m_4 &= w_2 u' \lambda^{2F_2} - m_2^{(0)} (1 - 3\epsilon_1^2), \\
m_5 &= w_3 u' \lambda^{2F_3} - m_3^{(0)} (1 - 2\epsilon_2^2),
\end{aligned} \tag{24}"""

#: Eq. (28), U_nu^(IO): three printed matrices, summed.
LATEX_28 = r"""U_\nu^{(\text{IO})} \simeq \begin{pmatrix} \frac{2}{\sqrt{6}} & \frac{1}{\sqrt{3}} & 0 & 0 & 0 \\ -\frac{1}{\sqrt{6}} & \frac{1}{\sqrt{3}} & -\frac{1}{\sqrt{2}} & 0 & 0 \\ -\frac{1}{\sqrt{6}} & \frac{1}{\sqrt{3}} & \frac{1}{\sqrt{2}} & 0 & 0 \\ 0 & 0 & 0 & 1 & 0 \\ 0 & 0 & 0 & 0 & 1 \end{pmatrix} + \begin{pmatrix} 0 & 0 & 0 & \epsilon_1 & 2\epsilon_2 \\ 0 & 0 & 0 & \epsilon_1 & -\epsilon_2 \\ 0 & 0 & 0 & \epsilon_1 & -\epsilon_2 \\ 0 & -\sqrt{3}\epsilon_1 & 0 & 0 & 0 \\ -\sqrt{6}\epsilon_2 & 0 & 0 & 0 & 0 \end{pmatrix} + \begin{pmatrix} -\sqrt{6}\epsilon_2^2 & -\frac{\sqrt{3}}{2}\epsilon_1^2 & 0 & 0 & 0 \\ \sqrt{\frac{3}{2}}\epsilon_2^2 & -\frac{\sqrt{3}}{2}\epsilon_1^2 & 0 & 0 & 0 \\ \sqrt{\frac{3}{2}}\epsilon_2^2 & -\frac{\sqrt{3}}{2}\epsilon_1^2 & 0 & 0 & 0 \\ 0 & 0 & 0 & -\frac{3}{2}\epsilon_1^2 & 0 \\ 0 & 0 & 0 & 0 & -3\epsilon_2^2 \end{pmatrix} \tag{28}"""

#: Eq. (29), masses in the IO.
LATEX_29 = r"""\begin{aligned}
m_1 &= m_1^{(0)} (1 - 6\epsilon_2^2), \\
m_2 &= m_2^{(0)} (1 - 3\epsilon_1^2), \\
m_3 &= 0, \\
m_4 &= w_2 u' \lambda^{2F_2} - m_2^{(0)} (1 - 3\epsilon_1^2), \\
m_5 &= w_3 u'' \lambda^{2F_3} - m_1^{(0)} (1 - 6\epsilon_2^2),
\end{aligned} \tag{29}"""

#: Symbols the printed text may use (matched by name, e.g. ``m_2^{(0)}``, ``u'``).
_PAPER_SYMBOLS = [v for v in vars(model).values() if isinstance(v, sp.Symbol)]

EQ22 = read_matrix_sum(LATEX_22, _PAPER_SYMBOLS)
EQ24 = read_aligned(LATEX_24, _PAPER_SYMBOLS)
EQ28 = read_matrix_sum(LATEX_28, _PAPER_SYMBOLS)
EQ29 = read_aligned(LATEX_29, _PAPER_SYMBOLS)

TRANSCRIPTION_NOTES = {
    "22": "extracted text unambiguous; first column of U_TBM printed as 2/sqrt(6), "
          "-1/sqrt(6), -1/sqrt(6) (Eq. 12 prints sqrt(2/3), -sqrt(1/6)).",
    "24": "m_5 printed with u' (w_3 u' lambda^{2F_3}); Eq. (21) has u''.",
    "28": "extracted text unambiguous.",
    "29": "extracted text unambiguous.",
}

PRINTED = {"NO": (("22", EQ22), ("24", EQ24)), "IO": (("28", EQ28), ("29", EQ29))}

#: Numeric base point for the order proof (any generic positive values).
BASE_POINT = {u1: 1.3, u2: 0.7, w2: 0.9, w3: 1.7, lam: 0.5, F2: 1, F3: 2,
              e1: 0.7, e2: 1.0}


def derive(ordering: str, name: str, equations: list[str],
           orders: dict[str, int] | None = None) -> DerivationResult:
    """Derive U and the five masses of Eq. (19) and compare with the print."""
    mod = eq19_model(ordering)
    small = {e1: 2, e2: 2}
    for key, value in (orders or {}).items():
        small[find_small_parameter(key, small)] = int(value)
    expansion = eq19_expansion(ordering, small)
    comparisons = []
    (eq_u, printed_u), (eq_m, printed_m) = PRINTED[ordering]
    compare_order = {e1: 2, e2: 2}
    if any(small[s] < o for s, o in compare_order.items()):
        raise ValueError("the printed equations are second order in epsilon_i: "
                         "derive to at least order 2 to compare")
    bounds = (2, 2, float("inf"))
    note = TRANSCRIPTION_NOTES[eq_u]
    for i in range(5):
        for j in range(5):
            comparisons.append(judge(eq_u, [i + 1, j + 1],
                                       mod.to_expansion_variables(printed_u[i, j]),
                                       expansion.U_series[i, j], bounds, note=note))
    lead_bounds = [_relative(b, small) for b in expansion.mass_bounds]
    for k, printed in enumerate(printed_m):
        comparisons.append(judge(eq_m, [k + 1], mod.to_expansion_variables(printed),
                                   expansion.mass_series[k], lead_bounds[k],
                                   note=TRANSCRIPTION_NOTES[eq_m]))
    return eq19_result(name, equations, ordering, small, expansion, with_summaries(comparisons),
                       [f"y_2, y_3 eliminated through Eq. (23): {mod.substitution}",
                        "masses are signed eigenvalues (real input): U^T M U = diag(m_i); the "
                        "paper's U^dagger M U^* = diag coincides for real U."])


@functools.lru_cache(maxsize=2)
def eq19_model(ordering: str) -> model.Seed001Model:
    """``model.build(ordering)``, built once (read it, do not modify it)."""
    return model.build(ordering)


def eq19_expansion(ordering: str, small: Mapping[sp.Symbol, int]) -> SeesawExpansion:
    """Engine expansion of Eq. (19) (``Udag_M_Ustar``) to the orders ``small``.

    Computed once per ordering and orders (a derivation's ``derive`` and ``prove``
    share it; the expansion is only read).
    """
    return _eq19_expansion(ordering, tuple(small.items()))


@functools.lru_cache(maxsize=8)
def _eq19_expansion(ordering: str, small: tuple[tuple[sp.Symbol, int], ...]) -> SeesawExpansion:
    mod = eq19_model(ordering)
    return seesaw_expansion(mod.mass_matrix, 3, dict(small), light_basis=mod.light_basis,
                            convention="Udag_M_Ustar")


def eq19_result(name: str, equations: list[str], ordering: str, small: Mapping[sp.Symbol, int],
                expansion: SeesawExpansion, comparisons: list[Comparison],
                notes: list[str]) -> DerivationResult:
    """The result record of an Eq. (19) derivation: the model of ``ordering`` and its expansion."""
    mod = eq19_model(ordering)
    return DerivationResult(
        name=name,
        equations=list(equations),
        symbols=sorted(mod.mass_matrix.free_symbols, key=str),
        small=dict(small),
        convention="Udag_M_Ustar",
        mass_matrix=sp.Matrix(mod.mass_matrix),  # copies: the model and expansion are cached
        expansion=expansion,
        comparisons=comparisons,
        definitions=mod.definitions,
        notes=notes,
    )


def _relative(bounds: tuple, small: dict) -> tuple:
    """Compare masses at relative order 2 (as printed), whatever order was derived."""
    derived_order = list(small.values())
    return tuple(b - (o - 2) for b, o in zip(bounds[:-1], derived_order)) + (bounds[-1],)


def prove(result: DerivationResult, dps: int = 50) -> ProofReport:
    """Order proof against exact mpmath Takagi diagonalization."""
    symbols = sorted(result.mass_matrix.free_symbols | set(result.small), key=str)
    return prove_expansion(
        result.mass_matrix, result.mixing_matrix, result.masses,
        symbols=symbols, small=result.small, base_point=BASE_POINT,
        direction={e1: 0.7, e2: 1.0}, convention=result.convention, dps=dps,
    )
