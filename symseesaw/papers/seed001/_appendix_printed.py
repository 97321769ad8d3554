r"""Printed equations of seed 001, Sect. III B (Eqs. 35-41) and Appendix A (A-2 .. A-19).

Seed: ``../shared/seeds/001_6200b3fc7d1f06f2.txt`` -- J. Barry, W. Rodejohann,
H. Zhang, "Sterile neutrinos for warm dark matter and the reactor anomaly in
flavor symmetry models" (text extracted from the PDF).

This module is a *transcription*, not a derivation: each printed equation is
kept as the display-math text of the seed file, copied verbatim (between the
``$$``, in the ``LATEX_*`` constants), and read by the LaTeX parser
(:mod:`symseesaw.papers.printed`, :func:`symseesaw.parsing.parse_latex`), so a
reading "as printed" is faithful by construction, errors included. Nothing is
corrected. Eqs. (22), (24), (28), (29) live in
:mod:`symseesaw.papers.seed001._section3a` and are not repeated.

Conventions
-----------
* One table (:data:`_ROWS`) lists every printed equation: its label, kind,
  the display(s) it is read from (``verbatim``) and, per reading, how the
  reading is read from the LaTeX; :func:`_printed` turns a row into a
  :class:`Printed` object, listed in :data:`PRINTED` under its ``equation``
  label. The notes are in :data:`NOTES`, under the same labels.
* Reading is lazy: a :class:`Printed` parses its LaTeX the first time its
  ``readings`` are read and keeps them, so importing this module (which
  ``symseesaw list`` does through the registry) parses nothing.
* ``kind`` is ``"matrix"`` (a ``sympy.Matrix``; the audit compares entry
  ``[row, column]``, 1-based), ``"list"`` (a list of expressions; entry ``[k]``
  is the k-th printed formula, 1-based, named by ``labels[k-1]``),
  ``"scalar"`` (one expression) or ``"definitions"`` (Eq. 39 only: a dict
  ``symbol -> defining expression``).
* ``readings`` maps a reading name to the transcription. Names are

  - ``"as printed"``: the verbatim text, read as it stands;
  - ``"reading A: ..."``, ``"reading B: ..."``: the extracted text is garbled
    (A-18) and admits several readings; each is the verbatim text read as it
    stands or amended by named replacements (:func:`~symseesaw.papers.printed.amend`,
    kept in ``latex``), and the notes say which one other printed equations
    support;
  - ``"suspected: ..."``: *not* a transcription of the text but a hypothesis
    about the intended formula (a suspected misprint), again the verbatim
    text with one named replacement. An audit must compare against the
    non-``suspected`` readings and may use a ``suspected`` one only to
    explain a difference.

  The first reading of every object is a transcription of the text
  (:attr:`Printed.default`).
* Prefactors printed in front of a matrix (``\frac{v_u}{\Lambda}``) and the FN
  matrix ``F`` of Eq. (A-7) printed as a left/right factor are multiplied by
  the parser (``F`` is read as the matrix A-7 defines, ``F^{-1}`` as its
  inverse), so that entries compare one to one with a derived matrix.
* Matrices printed with dots ``\cdot`` for the lower triangle (A-9, A-10) are
  filled by symmetry by the parser (a lone ``\cdot`` cell is the mirrored entry).
* A formula printed with ``\pm``/``\mp`` (Eqs. 36, 37, 38, 39) is read as its
  upper and its lower branch (:func:`~symseesaw.papers.printed.sign_branches`).
* Where the paper prints a mixing matrix as a sum of a first-order and a
  second-order matrix (A-16, A-18), the two printed matrices are kept as
  separate objects (``"A-16a"`` first-order, ``"A-16b"`` second-order) and
  their sum is a third object (``"A-16"``) -- the ``delta U`` of Eq. (A-15).
* Only exact sympy numbers are used (the parser reads ``0.02`` as ``1/50``).
  Numbers printed in the text (``r_1 ~ 0.1`` ...) are in :data:`PRINTED_NUMBERS`.
* Symbols are those of the one seed-001 table,
  :mod:`symseesaw.papers.seed001.symbols` (with the charged-lepton FN exponents
  ``F_e, F_mu, F_tau`` of Eq. (A-4)).

Size: 24 verbatim displays (about 11 kB of LaTeX) and the notes on 30 printed
objects; the code that reads them is one table row per equation.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from symseesaw.papers.printed import (
    amend,
    read_aligned,
    read_definitions,
    read_matrices,
    sign_branches,
    split_and,
)
from symseesaw.papers.seed001 import symbols as S
from symseesaw.papers.seed001.model import tri_bimaximal
from symseesaw.papers.seed001.symbols import F_e, F_mu, F_tau  # re-exported (Eq. A-4)
from symseesaw.parsing import canonical_name, parse_latex, split_relations, strip_wrappers

__all__ = ["AS_PRINTED", "F_e", "F_mu", "F_tau", "KINDS", "NOTES", "PRINTED",
           "PRINTED_NUMBERS", "Printed"]

KINDS = ("matrix", "list", "scalar", "definitions")
AS_PRINTED = "as printed"
#: How a reading is read: a function of no argument that parses the LaTeX.
Reader = Callable[[], Any]


@dataclass(frozen=True, eq=False)
class Printed:
    """One printed equation, with every plausible reading of the extracted text.

    Attributes
    ----------
    equation : str
        Label used by the audit, e.g. ``"A-16a"`` or ``"37"``.
    kind : str
        ``"matrix"``, ``"list"``, ``"scalar"`` or ``"definitions"``.
    read : callable
        Returns the readings (reading name -> transcription, see the module
        docstring); called once, the first time :attr:`readings` is read.
    notes : str
        What is garbled or ambiguous and how each reading resolves it, plus
        remarks on conventions and on suspected misprints.
    labels : tuple of str
        For ``kind == "list"``: the name of each printed formula, in order.
    verbatim : tuple of str
        The display(s) of the seed file the readings are read from, verbatim.
    latex : dict
        Reading name -> the LaTeX read for a reading that is *not* the
        verbatim text (an amended garbled text or a suspected misprint).
    """

    equation: str
    kind: str
    read: Callable[[], dict]
    notes: str
    labels: tuple[str, ...] = ()
    verbatim: tuple[str, ...] = ()
    latex: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        if not self.notes.strip():
            raise ValueError(f"{self.equation}: notes must not be empty")
        if not self.verbatim:
            raise ValueError(f"{self.equation}: the verbatim text is missing")

    @functools.cached_property
    def readings(self) -> dict:
        """Reading name -> transcription, parsed on first access and kept."""
        readings = self.read()
        if not readings:
            raise ValueError(f"{self.equation}: no reading")
        if next(iter(readings)).startswith("suspected"):
            raise ValueError(f"{self.equation}: the first reading must transcribe the text")
        for name, value in readings.items():
            if self.kind == "matrix" and not isinstance(value, sp.MatrixBase):
                raise TypeError(f"{self.equation} / {name}: expected a Matrix")
            if self.kind == "list" and len(value) != len(self.labels):
                raise ValueError(f"{self.equation} / {name}: {len(value)} formulas for "
                                 f"{len(self.labels)} labels")
            if self.kind == "definitions" and not isinstance(value, dict):
                raise TypeError(f"{self.equation} / {name}: expected a dict")
        return readings

    @property
    def default(self):
        """The first reading (a transcription of the text, never a suspicion)."""
        return next(iter(self.readings.values()))


TABLE = S.TABLE


# ---------------------------------------------------------------------------
# The printed displays, verbatim (between the $$ of the seed file)
# ---------------------------------------------------------------------------
LATEX_35 = r"""\theta'_{e1}{}^{(\text{NO})} \simeq \theta_{e1} \left(1 + \frac{y'_1 v'}{y_1 v} r_1 \right) \quad \text{and} \quad \theta'_{e1}{}^{(\text{IO})} \simeq \theta_{e1} \left[1 + \left(\frac{y'_1 v'}{y_1 v} + 2 \frac{y_3 v'' w'_1}{y_1 v w_1} \right) r_1 \right], \quad (35)"""

LATEX_36 = r"""\theta'_{\mu, \tau 1} \text{ (NO)} \simeq \theta_{e 1} \left(\frac{y'_1 v'}{y_1 v} \mp \frac{y_3 v'' w'_1}{y_1 v w_1} \right) r_1 \quad \text{and} \quad \theta'_{\mu, \tau 1} \text{ (IO)} \simeq \theta_{e 1} \left(\frac{y'_1 v'}{y_1 v} - \frac{y_3 v'' w'_1}{y_1 v w_1} \right) r_1. \quad (36)"""

LATEX_37 = r"""\begin{aligned} |U_{e3}|^2 &\simeq \frac{r_1^2}{2} \left[\left(\frac{y'_\mu}{y_\mu} - \frac{y'_\tau}{y_\tau} \right)^2 \right] + \frac{1}{2} (\chi - \rho_3)^2 - (\chi - \rho_3) r_1 \left(\frac{y'_\mu}{y_\mu} - \frac{y'_\tau}{y_\tau} \right), \\ |U_{e2}|^2 &\simeq \frac{1}{3} \left[1 - 3\epsilon_1^2 - 2\rho_2 - 2r_1 \left(\frac{y'_\mu}{y_\mu} + \frac{y'_\tau}{y_\tau} \right) \right], \\ |U_{\mu 3}|^2 &\simeq \frac{1}{2} \left[1 - 2\epsilon_2^2 + 2\frac{y'_\tau}{y_\tau} r_1 + \frac{2}{3} \sigma_+^N R \right], \\ |U_{e, \mu 4}|^2 &\simeq \epsilon_1^2 \left[1 \mp 2\rho_2 \mp 2r_1 \left(\frac{y'_\mu}{y_\mu} \pm \frac{y'_\tau}{y_\tau} \right) \right], \\ |U_{e5}|^2 &\simeq \epsilon_2^2 \left[r_1^2 \left(\frac{y'_\mu}{y_\mu} - \frac{y'_\tau}{y_\tau} \right)^2 - 2r_1 \left(\frac{y'_\mu}{y_\mu} - \frac{y'_\tau}{y_\tau} \right) (\chi - \rho_3) + (\chi - \rho_3)^2 \right], \\ |U_{\mu 5}|^2 &\simeq \epsilon_2^2 \left(1 + 2r_1 \frac{y'_\tau}{y_\tau} \right), \end{aligned} \quad (37)"""

LATEX_38 = r"""\begin{aligned}
|U_{e3}|^2 &\simeq \frac{r_1^2}{2} \left(\frac{y'_\mu}{y_\mu} - \frac{y'_\tau}{y_\tau} \right)^2 - \rho_2 r_1 \left(\frac{y'_\mu}{y_\mu} - \frac{y'_\tau}{y_\tau} \right) + \frac{\rho_2^2}{2}, \\
|U_{e2}|^2 &\simeq \frac{1}{3} \left[1 - 3\epsilon_1^2 - 2\rho_2 - 2r_1 \left(\frac{y'_\mu}{y_\mu} + \frac{y'_\tau}{y_\tau} \right) - \frac{2}{3}\sigma_+^I G \right], \\
|U_{\mu 3}|^2 &\simeq \frac{1}{2} \left[1 + 2\rho_2 + 2\frac{y'_\tau}{y_\tau} r_1 \right], \\
|U_{e,\mu 4}|^2 &\simeq \epsilon_1^2 \left[1 - 2\rho_2 \mp 2r_1 \left(\frac{y'_\mu}{y_\mu} \pm \frac{y'_\tau}{y_\tau} \right) \right], \\
|U_{e5}|^2 &\simeq 4\epsilon_2^2 \left[1 + r_1 \left(\frac{y'_\mu}{y_\mu} + \frac{y'_\tau}{y_\tau} \right) - (\chi - \rho_3) \right], \\
|U_{\mu 5}|^2 &\simeq \epsilon_2^2 \left[1 - 2r_1 \left(2\frac{y'_\mu}{y_\mu} + \frac{y'_\tau}{y_\tau} \right) \right],
\end{aligned} \tag{38}"""

LATEX_39 = r"""\begin{aligned}
\sigma_\pm^N &\equiv \chi \pm \rho_2 - \rho_3, \quad \sigma_\pm^I \equiv \chi \pm 3\rho_2 - \rho_3, \\
\chi &\equiv \frac{y_1 v}{y_3 v''} \frac{w'_1}{w_1} r_1, \quad \rho_2 \equiv \frac{y'_2 v''}{y_2 v'} r_1, \quad \rho_3 \equiv \frac{y'_3 v}{y_3 v''} r_1, \\
R &\equiv \frac{m_2^{(0)}}{m_3^{(0)}} \simeq \sqrt{\frac{\Delta m_S^2}{\Delta m_A^2}} = \mathcal{O}(10^{-1}), \\
G &\equiv \frac{m_1^{(0)}}{m_2^{(0)} - m_1^{(0)}} \simeq \frac{2\Delta m_A^2}{\Delta m_S^2} \simeq \frac{2}{R^2} = \mathcal{O}(10^2),
\end{aligned} \tag{39}"""

LATEX_40 = r"""-0.4 \leq \left(\frac{y'_\mu}{y_\mu} + \frac{y'_\tau}{y_\tau} \right) \leq 0.95, \quad (40)"""

LATEX_41 = r"""\sin^2 \theta_{13} \simeq 2r_1^2 \left(\frac{y'_\tau}{y_\tau} \right)^2 \simeq 0.02, \quad (41)"""

LATEX_A2 = r"""\delta M_\ell^{(1)} = \frac{v_d u v'}{\Lambda^2} \begin{pmatrix} y'_e \lambda^3 & y'_\mu \lambda & y'_\tau \\ y'_e \lambda^3 & y'_\mu \lambda & y'_\tau \\ y'_e \lambda^3 & y'_\mu \lambda & y'_\tau \end{pmatrix}, \quad (\text{A-2})"""

LATEX_A3 = r"""V_\ell \simeq \begin{pmatrix} 1 & \frac{y'_\mu}{y_\mu} r_1 & \frac{y'_\tau}{y_\tau} r_1 \\ -\frac{y'_\mu}{y_\mu} r_1 & 1 & \frac{y'_\tau}{y_\tau} r_1 \\ -\frac{y'_\tau}{y_\tau} r_1 & -\frac{y'_\mu}{y_\mu} r_1 & 1 \end{pmatrix} + \mathcal{O}(r_1^2, \lambda^2), \quad (\text{A-3})"""

LATEX_A4 = r"""m'_\alpha = (y_\alpha + y'_\alpha r_1) \frac{v_d v}{\Lambda} \lambda^{F_\alpha}, \quad (\alpha = e, \mu, \tau), \quad (\text{A-4})"""

LATEX_A6 = r"""\delta M_D^{(1N)} = \frac{v_u u}{\Lambda^2} \begin{pmatrix} y'_1 v' & -y'_2 v'' & y'_3 v \\ y'_1 v' & y'_2 v'' & 0 \\ y'_1 v' & 0 & 0 \end{pmatrix} F \quad \text{and} \quad \delta M_D^{(1I)} = \frac{v_u u}{\Lambda^2} \begin{pmatrix} y'_1 v' & -y'_2 v'' & y'_3 v \\ y'_1 v' & -y'_2 v'' & 0 \\ y'_1 v' & 2y'_2 v'' & 0 \end{pmatrix} F, \quad (\text{A-6})"""

LATEX_A7 = r"""F = \text{diag}(\lambda^{F_1}, \lambda^{F_2}, \lambda^{F_3}). \quad (\text{A-7})"""

LATEX_A9 = r"""\delta M_R^{(1)} \propto \frac{1}{\Lambda} \begin{pmatrix} uu''\lambda^{2F_1} & 0 & uu\lambda^{F_1+F_3} \\ \cdot & u'u''\lambda^{2F_2} & u'u'\lambda^{F_2+F_3} \\ \cdot & \cdot & u''u''\lambda^{2F_3} \end{pmatrix}, \quad (\text{A-9})"""

LATEX_A10 = r"""M'_R = M_R + \delta M_R^{(1)} = F \begin{pmatrix} w_1u & 0 & w'_1ur_1 \\ \cdot & w_2u' & 0 \\ \cdot & \cdot & w_3u'' \end{pmatrix} F. \quad (\text{A-10})"""

LATEX_A11 = r"""V_R \simeq F^{-1} \begin{pmatrix} 1 & 0 & -\frac{w'_1}{w_1}r_1 \\ 0 & 1 & 0 \\ \frac{w'_1}{w_1}r_1 & 0 & 1 \end{pmatrix} F + \mathcal{O}\left(\frac{w_3u''}{w_1u}r_1, r_1^2\right), \quad (\text{A-11})"""

LATEX_A12 = r"""\begin{aligned} M'_1 &= w_1u\lambda^{2F_1} \left(1 + \frac{w_1'^2}{w_1^2}r_1^2\right), \\ M'_2 &= w_2u'\lambda^{2F_2}, \\ M'_3 &= w_3u''\lambda^{2F_3} \left(1 - \frac{w_1'^2}{w_1^2}r_1^2\right). \end{aligned} \quad (\text{A-12})"""

LATEX_A14 = r"""\begin{aligned}
M'_D{}^{(\text{NO})} &= \frac{v_u}{\Lambda} \begin{pmatrix} y_1 v + y'_1 v' r_1 & y_2 v' - y'_2 v'' r_1 & \left(y'_3 v - y_1 v \frac{w'_1}{w_1}\right) r_1 \\ \left(y'_1 v' - y_3 v'' \frac{w'_1}{w_1}\right) r_1 & y_2 v' + y'_2 v'' r_1 & -y_3 v'' \\ \left(y'_1 v' + y_3 v'' \frac{w'_1}{w_1}\right) r_1 & y_2 v' & y_3 v'' \end{pmatrix} F, \\
M'_D{}^{(\text{IO})} &= \frac{v_u}{\Lambda} \begin{pmatrix} y_1 v + \left(y'_1 v' + 2y_3 v'' \frac{w'_1}{w_1}\right) r_1 & y_2 v' - y'_2 v'' r_1 & 2y_3 v'' + \left(y'_3 v - y_1 v \frac{w'_1}{w_1}\right) r_1 \\ \left(y'_1 v' - y_3 v'' \frac{w'_1}{w_1}\right) r_1 & y_2 v' - y'_2 v'' r_1 & -y_3 v'' \\ \left(y'_1 v' - y_3 v'' \frac{w'_1}{w_1}\right) r_1 & y_2 v' + 2y'_2 v'' r_1 & -y_3 v'' \end{pmatrix} F,
\end{aligned} \tag{A-14}"""

LATEX_A15 = r"""U_\nu = \begin{pmatrix} U_{\text{TBM}} & 0_{3 \times 2} \\ 0_{2 \times 3} & 1_{2 \times 2} \end{pmatrix} + \delta U \tag{A-15}"""

LATEX_A16 = r"""\delta U^{(\text{NO})} \simeq \begin{pmatrix} \frac{\rho_2}{\sqrt{6}} & -\frac{\rho_2}{\sqrt{3}} & -\frac{1}{\sqrt{2}}(\chi - \rho_3 + \sigma_+^N \frac{R}{3}) & (1 - \rho_2)\epsilon_1 & (\rho_3 - \chi)\epsilon_2 \\ -\frac{\sigma_-^N}{\sqrt{6}} & -\frac{1}{2\sqrt{3}}(\sigma_-^N + \sigma_+^N R) & -\frac{\sigma_+^N}{3\sqrt{2}}R & (1 + \rho_2)\epsilon_1 & -\epsilon_2 \\ \frac{\sigma_+^N}{\sqrt{6}} & \frac{\sigma_+^N}{2\sqrt{3}}(1 + R) & -\frac{\sigma_+^N}{3\sqrt{2}}R & \epsilon_1 & \epsilon_2 \\ 0 & -\sqrt{3}\epsilon_1 & \frac{\sigma_+^N}{\sqrt{2}}(1 + R)\epsilon_1 & 0 & 0 \\ 0 & -\frac{\sigma_+^N}{\sqrt{3}}R\epsilon_2 & -\sqrt{2}\epsilon_2 & 0 & 0 \end{pmatrix} + \begin{pmatrix} 0 & -\frac{\sqrt{3}}{2}(1 - \rho_2)\epsilon_1^2 & \frac{1}{2\sqrt{2}}[2(\chi - \rho_3)\epsilon_2^2 + \sigma_+^N(1 + R)\epsilon_1^2] & 0 & 0 \\ 0 & -\frac{1}{2\sqrt{3}}[3(1 + \rho_2)\epsilon_1^2 - \sigma_+^N R\epsilon_2^2] & \frac{1}{2\sqrt{2}}[2\epsilon_2^2 + \sigma_+^N(1 + R)\epsilon_1^2] & 0 & 0 \\ 0 & -\frac{1}{2\sqrt{3}}[3\epsilon_1^2 + \sigma_+^N R\epsilon_2^2] & -\frac{1}{2\sqrt{2}}[2\epsilon_2^2 - \sigma_+^N(1 + R)\epsilon_1^2] & 0 & 0 \\ 0 & 0 & 0 & -\frac{3}{2}\epsilon_1^2 & \frac{1}{2}\sigma_+^N\epsilon_1\epsilon_2 \\ 0 & 0 & 0 & \frac{1}{2}\sigma_+^N\epsilon_1\epsilon_2 & -\epsilon_2^2 \end{pmatrix}, \quad (\text{A-16})"""

LATEX_A17 = r"""\begin{aligned} m'_1 &= 0, \\ m'_2 &\simeq m_2^{(0)} \left\{ 1 - 3\epsilon_1^2 - \frac{\rho_2}{3}\sigma_-^I - \frac{1}{2}[9\rho_2^2 - 4\rho_2(\chi - \rho_3) - (\chi - \rho_3)^2]\epsilon_1^2 \right. \\ &\quad \left. - \frac{\sigma_+^N}{3}R[\rho_2(1 - 3\epsilon_1^2) - \sigma_+^N\epsilon_2^2] \right\}, \\ m'_3 &\simeq m_3^{(0)} \left\{ 1 - 2\epsilon_2^2 + (\chi - \rho_3)^2(1 - 3\epsilon_2^2) - \frac{(\sigma_+^N)^2}{2}(1 + 2R)\epsilon_1^2 \right. \\ &\quad \left. + \frac{1}{6}[\rho_2^2 + 4\rho_2(\chi - \rho_3) + 3(\chi - \rho_3)^2]R(1 - 2\epsilon_2^2) \right\} \quad (\text{A-17}) \\ m'_4 &\simeq w_2 u' \lambda^{2F_2} - m_2^{(0)} \left\{ 1 - 3\epsilon_1^2 + \frac{2\rho_2^2}{3}(1 - 6\epsilon_1^2) - \frac{3(\sigma_+^N)^2}{8} \frac{m_3^{(0)}}{m_2^{(0)}} \epsilon_1^2 \right\}, \\ m'_5 &\simeq w_3 u'' \lambda^{2F_3} - m_3^{(0)} \left\{ 1 - 2\epsilon_2^2 + \frac{1}{2}(\chi - \rho_3)^2 - \frac{1}{4}[8(\chi - \rho_3)^2 + (\sigma_+^N)^2 R] \epsilon_2^2 \right\}, \end{aligned}"""

LATEX_A18 = r"""\begin{aligned}
\delta U^{(10)} \simeq & \begin{pmatrix} \frac{1}{3\sqrt{6}} (3\rho_2 + \sigma_+^I G) & -\frac{1}{3\sqrt{3}} (3\rho_2 + \sigma_+^I G) & -\frac{\rho_2}{\sqrt{2}} (1 - \rho_2)\epsilon_1 & (2 - \chi + \rho_3)\epsilon_2 & \\ \frac{1}{3\sqrt{6}} (3\rho_2 + \sigma_+^I G) & -\frac{1}{6\sqrt{3}} (6\rho_2 - \sigma_+^I G) & -\frac{\rho_2}{\sqrt{2}} (1 - \rho_2)\epsilon_1 & -\epsilon_2 & \\ \frac{1}{3\sqrt{6}} (3\rho_2 + \sigma_+^I G) & \frac{1}{6\sqrt{3}} (12\rho_2 + \sigma_+^I G) & -\frac{\rho_2}{\sqrt{2}} (1 + 2\rho_2)\epsilon_1 & -\epsilon_2 & \\ -\frac{\sigma_+^I}{\sqrt{6}} G \epsilon_1 & -\sqrt{3} \epsilon_1 & 0 & 0 & 0 \\ -\sqrt{\frac{2}{3}} (3 - \chi + \rho_3) \epsilon_2 & \frac{\sigma_+^I}{\sqrt{3}} (1 + G) \epsilon_2 & 0 & 0 & 0 \end{pmatrix} \quad (\text{A-18}) \\
+ & \begin{pmatrix} -\frac{1}{2\sqrt{6}} [2(6 - 5(\chi - \rho_3))\epsilon_2^2 + \sigma_+^I G \epsilon_1^2] & -\frac{1}{2\sqrt{3}} [3(1 - \rho_2)\epsilon_1^2 - 2\sigma_+^I (1 + G)\epsilon_2^2] & 0 & 0 & 0 \\ \frac{1}{2\sqrt{6}} [2(3 - \chi + \rho_3)\epsilon_2^2 - \sigma_+^I G \epsilon_1^2] & -\frac{1}{2\sqrt{3}} [3(1 - \rho_2)\epsilon_1^2 + \sigma_+^I (1 + G)\epsilon_2^2] & 0 & 0 & 0 \\ \frac{1}{2\sqrt{6}} [2(3 - \chi + \rho_3)\epsilon_2^2 - \sigma_+^I G \epsilon_1^2] & -\frac{1}{2\sqrt{3}} [3(1 + 2\rho_2)\epsilon_1^2 + \sigma_+^I (1 + G)\epsilon_2^2] & 0 & 0 & 0 \\ 0 & 0 & 0 & -\frac{3}{2}\epsilon_1^2 & \frac{\sigma_+^I \epsilon_1 \epsilon_2}{2} \\ 0 & 0 & 0 & 0 & \frac{\sigma_+^I \epsilon_1 \epsilon_2}{2} - (3 - 2\chi + 2\rho_3) \epsilon_2^2 \end{pmatrix},
\end{aligned}"""

LATEX_A19 = r"""\begin{aligned}
m'_1 & \simeq m_1^{(0)} \left\{ 1 - 6\epsilon_2^2 - \frac{1}{9} (\chi - \rho_3) (6 - \sigma_-^I) + [8(\chi - \rho_3) + 3\rho_2^2 + 4\rho_2(\chi - \rho_3) - 4(\chi - \rho_3)^2] \epsilon_2^2 \right. \\
& \quad \left. + \frac{1}{18} [9\rho_2^2 - (\chi - \rho_3)^2] G + [3\rho_2^2 + 4\rho_2(\chi - \rho_3) + (\chi - \rho_3)^2] G \epsilon_2^2 + \frac{(\sigma_+^I)^2}{18} G^2 (1 - 3\epsilon_1^2) \right\}, \\
m'_2 & \simeq m_2^{(0)} \left\{ 1 - 3(1 + 6\rho_2^2)\epsilon_1^2 + 4\rho_2^2 + \frac{1}{18} [27\rho_2^2 + 12\rho_2(\chi - \rho_3) + (\chi - \rho_3)^2] G(1 - 3\epsilon_1^2) \right. \\
& \quad \left. - \frac{(\sigma_+^I)^2}{18} [6(1 + 2G)\epsilon_2^2 - G^2(1 - 6\epsilon_2^2)] \right\}, \\
m'_3 & = 0, \tag{A-19}
\end{aligned}"""

LATEX_A19_M4 = r"""m'_4 \simeq w_2 u' \lambda^{2F_2} - m_2^{(0)} \left\{ 1 + 2\rho_2^2 - 3(1 + 4\rho_2^2)\epsilon_1^2 - \frac{(\sigma_+^I)^2}{8} \frac{m_1^{(0)}}{m_2^{(0)}} \epsilon_1^2 \right\},"""

LATEX_A19_M5 = r"""\begin{aligned}
m'_5 & \simeq w_3 u'' \lambda^{2F_3} - m_1^{(0)} \left\{ 1 - 6\epsilon_2^2 - \frac{1}{6} [4(\chi - \rho_3) - (\chi - \rho_3)^2] \right. \\
& \quad \left. + \left[8(\chi - \rho_3) - \frac{14}{3}(\chi - \rho_3)^2 \right] \epsilon_2^2 - \frac{(\sigma_+^I)^2}{4} \frac{3m_2^{(0)}}{2m_1^{(0)}} \epsilon_2^2 \right\}.
\end{aligned}"""


# ---------------------------------------------------------------------------
# Readers: each returns a function that parses one reading on first use
# ---------------------------------------------------------------------------
def _read(tex: str, *, with_f: bool = False) -> sp.Expr | sp.Matrix:
    """One formula of the paper (its last right-hand side), read with the seed-001 table.

    ``with_f`` reads ``F`` (and ``F^{-1}``) as the matrix of Eq. (A-7).
    """
    return _mutable(parse_latex(tex, TABLE, matrices=_fn_matrix() if with_f else None))


def _mutable(value: Any) -> Any:
    """A parsed matrix as a mutable ``sympy.Matrix`` (what the audits index and add)."""
    return sp.Matrix(value) if isinstance(value, sp.MatrixBase) else value


@functools.cache
def _fn_matrix() -> dict[str, sp.Matrix]:
    """``F = diag(lambda^F1, lambda^F2, lambda^F3)`` of Eq. (A-7), by its printed name."""
    return {"F": _read(LATEX_A7)}


def _part(tex: str, part: int | None, side: int | None) -> str:
    r"""Equation ``part`` of ``A \quad \text{and} \quad B``; side ``side`` of a chain."""
    if part is not None:
        tex = split_and(tex)[part]
    return tex if side is None else split_relations(tex)[side]


def formula(tex: str, *, part: int | None = None, side: int | None = None,
            with_f: bool = False) -> Reader:
    """One formula (a scalar or a matrix), optionally one equation or one side of ``tex``."""
    return lambda: _read(_part(tex, part, side), with_f=with_f)


def branches(tex: str, *, part: int | None = None) -> Reader:
    r"""The upper and the lower branch of a formula printed with ``\pm``/``\mp``."""
    return lambda: [_read(text) for text in sign_branches(_part(tex, part, None))]


@functools.cache
def _aligned(tex: str, signs: bool, with_f: bool) -> list:
    options = {"matrices": _fn_matrix()} if with_f else {}
    return read_aligned(tex, TABLE, expand_signs=signs, **options)


def aligned(tex: str, *, pick: int | None = None, signs: bool = False,
            with_f: bool = False) -> Reader:
    """The right-hand sides of an ``aligned`` display (``pick``: only that one)."""
    def read() -> Any:
        values = _aligned(tex, signs, with_f)
        return values if pick is None else _mutable(values[pick])
    return read


@functools.cache
def _matrices(tex: str, empty_cells: bool) -> list[sp.Matrix]:
    return read_matrices(tex, TABLE, empty_cells=empty_cells)


def matrix(tex: str, pick: int, *, empty_cells: bool = False) -> Reader:
    """Printed matrix number ``pick`` of a sum of matrices."""
    return lambda: _matrices(tex, empty_cells)[pick]


def matrix_sum(tex: str) -> Reader:
    """The sum of the printed matrices of ``tex`` (read once for the matrices and the sum)."""
    return lambda: functools.reduce(operator.add, _matrices(tex, False))


def definitions(tex: str) -> Reader:
    r"""The defining equalities ``a \equiv ..`` of a display."""
    return lambda: read_definitions(tex, TABLE)


def listed(*readers: Reader) -> Reader:
    """The formulas of several readers in one list (a list read is spliced in)."""
    def read() -> list:
        out: list = []
        for reader in readers:
            value = reader()
            out += value if isinstance(value, list) else [value]
        return out
    return read


def _leading_u() -> sp.Matrix:
    """A-15: the leading summand ``[[U_TBM, 0], [0, 1]]`` (``U_TBM`` of Eq. 12)."""
    (u0,) = read_matrices(LATEX_A15, TABLE, rest=r"\delta U",
                          matrices={"U_TBM": tri_bimaximal()})
    return u0


@functools.cache
def _a4_masses() -> list[sp.Expr]:
    r"""A-4 for each ``\alpha`` of the printed list ``(\alpha = e, \mu, \tau)``."""
    formula_text, flavors = re.split(r",\s*\\quad\s*", strip_wrappers(LATEX_A4))
    template = {name: sp.Dummy(name) for name in (r"y_\alpha", r"y'_\alpha", r"F_\alpha")}
    value = parse_latex(formula_text, TABLE, aliases=template)
    names = [canonical_name(x, latex=True)
             for x in re.fullmatch(r"\(\\alpha = (.*)\)", flavors.strip()).group(1).split(",")]
    return [value.xreplace({template[r"y_\alpha"]: TABLE.get(f"y_{a}"),
                            template[r"y'_\alpha"]: TABLE.get(f"y'_{a}"),
                            template[r"F_\alpha"]: TABLE.get(f"F_{a}")}) for a in names]


def _a4_reading_b() -> list[sp.Expr]:
    """A-4 with ``F_alpha = (3, 1, 0)``, the powers of lambda of Eq. (14)."""
    return [m.xreplace({F_e: 3, F_mu: 1, F_tau: 0}) for m in _a4_masses()]


# ---------------------------------------------------------------------------
# Readings of the garbled or suspected texts (the verbatim text, amended)
# ---------------------------------------------------------------------------
_A3_SUSPECTED = "suspected: (3,2) = -y'tau/ytau r1 (antisymmetric at O(r1); not printed)"
_A3_SUSPECTED_LATEX = amend(
    LATEX_A3, (r"-\frac{y'_\tau}{y_\tau} r_1 & -\frac{y'_\mu}{y_\mu} r_1 & 1",
               r"-\frac{y'_\tau}{y_\tau} r_1 & -\frac{y'_\tau}{y_\tau} r_1 & 1"))

_A17_SUSPECTED = "suspected: sigma_-^N instead of sigma_-^I in m'_2 (not printed)"
_A17_SUSPECTED_LATEX = amend(
    LATEX_A17, (r"\frac{\rho_2}{3}\sigma_-^I", r"\frac{\rho_2}{3}\sigma_-^N"))

#: Rows 1-3 of the first A-18 matrix as extracted: four cells and a trailing '&'.
_A18_ROWS = (
    (r"-\frac{\rho_2}{\sqrt{2}} (1 - \rho_2)\epsilon_1", r"(2 - \chi + \rho_3)\epsilon_2"),
    (r"-\frac{\rho_2}{\sqrt{2}} (1 - \rho_2)\epsilon_1", r"-\epsilon_2"),
    (r"-\frac{\rho_2}{\sqrt{2}} (1 + 2\rho_2)\epsilon_1", r"-\epsilon_2"),
)


def _a18a_latex(layout: str) -> str:
    """The A-18 display with rows 1-3 of its first matrix laid out as reading ``layout``."""
    replacements = []
    for third, fourth in _A18_ROWS:
        merged = re.fullmatch(r"(-\\frac\{\\rho_2\}\{\\sqrt\{2\}\}) (.*)", third)
        split = f"{merged.group(1)} & {merged.group(2)}"
        new = {"A": f"{split} & {fourth} \\\\", "C": f"0 & {third} & {fourth} \\\\"}[layout]
        replacements.append((f"{third} & {fourth} & \\\\", new))
    return amend(LATEX_A18, *replacements)


_A18B_ROW5 = (r"0 & 0 & 0 & 0 & \frac{\sigma_+^I \epsilon_1 \epsilon_2}{2} - (3 - 2\chi "
              r"+ 2\rho_3) \epsilon_2^2")
_A18B_LATEX = amend(LATEX_A18, (_A18B_ROW5, r"0 & 0 & 0 & \frac{\sigma_+^I \epsilon_1 "
                                r"\epsilon_2}{2} & - (3 - 2\chi + 2\rho_3) \epsilon_2^2"))

_A18A_NAMES = {
    "A": "reading A: merged token split, column 3 = -rho2/sqrt2, column 4 = (1-rho2)eps1 etc.",
    "B": "reading B: as literally listed left to right, column 3 = product, column 5 = 0",
    "C": "reading C: product in column 4, column 3 = 0, last token in column 5",
}
_A18A_LATEX = {_A18A_NAMES["A"]: _a18a_latex("A"), _A18A_NAMES["C"]: _a18a_latex("C")}
_A18B_NAMES = {
    "A": "reading A: as literally listed, (5,4) = 0, (5,5) = sigma_+^I eps1 eps2/2 - "
         "(3-2chi+2rho3)eps2^2",
    "B": "reading B: (5,4) = sigma_+^I eps1 eps2/2, (5,5) = -(3-2chi+2rho3)eps2^2",
}


def _a18_sums() -> dict[str, sp.Matrix]:
    """A-18 = A-18a + A-18b, one reading per pair of readings of the two printed matrices."""
    first, second = PRINTED["A-18a"].readings, PRINTED["A-18b"].readings
    return {f"{ka[:9]} of A-18a + {kb[:9]} of A-18b": va + vb
            for ka, va in first.items() for kb, vb in second.items()}


# ---------------------------------------------------------------------------
# Notes: what is garbled or ambiguous, how each reading resolves it
# ---------------------------------------------------------------------------
#: Label -> the notes of that printed object.
NOTES: dict[str, str] = {
    "35-NO": (
        "theta'_e1^(NO), the first of the two equations of the display; extracted text "
        "unambiguous. theta_e1 is the leading-order angle of Eq. (16), kept as the symbol "
        "theta_e1."
    ),
    "35-IO": (
        "theta'_e1^(IO), the second equation of the display; extracted text unambiguous. "
        "Consistent with the (1,1) entry of A-14 (IO) divided by y_1 v."
    ),
    "36-NO": (
        "Printed as one line theta'_{mu,tau 1}(NO) ~ theta_e1 (y'_1 v'/(y_1 v) -+ "
        "y_3 v'' w'_1/(y_1 v w_1)) r_1: mu takes the upper sign (-), tau the lower (+). "
        "Consistent with the signs of the (2,1), (3,1) entries of A-14 (NO)."
    ),
    "36-IO": (
        "Printed as one formula for theta'_{mu,tau 1}(IO) (no sign choice): the same "
        "expression for mu and tau. Consistent with A-14 (IO), whose (2,1) and (3,1) entries "
        "are equal."
    ),
    "37": (
        "NO mixing elements. Six printed lines, seven entries: the line "
        "|U_{e,mu 4}|^2 ~ eps1^2 [1 -+ 2 rho2 -+ 2 r1 (y'mu/ymu +- y'tau/ytau)] is read "
        "as entry [4] = |U_e4|^2 (upper signs: -2rho2, -2r1(y'mu/ymu + y'tau/ytau)) and "
        "entry [5] = |U_mu4|^2 (lower signs: +2rho2, +2r1(y'mu/ymu - y'tau/ytau)). The "
        "first line prints a redundant square bracket around (y'mu/ymu - y'tau/ytau)^2. "
        "Both signs of the mu entries [5], [7] follow from U = V_l^dagger U_nu (Eq. 7) only "
        "if V_l is antisymmetric at O(r1), i.e. with (3,2) = -y'tau/ytau r1, not with the "
        "printed A-3 (3,2) = -y'mu/ymu r1 (see A-3)."
    ),
    "38": (
        "IO mixing elements, same seven entries as Eq. (37). The line "
        "|U_{e,mu 4}|^2 ~ eps1^2 [1 - 2 rho2 -+ 2 r1 (y'mu/ymu +- y'tau/ytau)] has a fixed "
        "-2rho2 (unlike the NO line, which prints -+2rho2): entry [4] |U_e4|^2 takes the upper "
        "signs, entry [5] |U_mu4|^2 the lower signs. |U_mu3|^2 has no eps_i term as printed "
        "(Eq. 28 has no correction in column 3). Entries [1] and [2] match reading A of A-18a "
        "(U_e3 = -rho2/sqrt2 + ..., U_e2 = 1/sqrt3 - (3rho2 + sigma_+^I G)/(3 sqrt3)), not "
        "reading B."
    ),
    "39": (
        "Only the defining equalities (the side after each \\equiv) are kept. "
        "sigma_+-^N = chi +- rho2 - rho3 and sigma_+-^I = chi +- 3rho2 - rho3 are printed "
        "with +- and read as four definitions. Also printed but not kept (approximations, not "
        "definitions): R ~ sqrt(Dm_S^2/Dm_A^2) = O(10^-1) and G ~ 2 Dm_A^2/Dm_S^2 ~ 2/R^2 = "
        "O(10^2) (numbers in PRINTED_NUMBERS). Note R uses the NO leading masses "
        "m_2^(0)/m_3^(0) (Eq. 25) and G the IO ones m_1^(0) (Eq. 30), m_2^(0); 'G ~ 2/R^2' "
        "therefore mixes the two orderings numerically (R^2 ~ Dm_S^2/Dm_A^2), it is not an "
        "identity. A-16 repeats sigma_+-^N = chi +- rho2 - rho3 below the matrix, identically."
    ),
    "40": (
        "Printed as the bound -0.4 <= (y'mu/ymu + y'tau/ytau) <= 0.95 (assuming "
        "y'_2 = y'_3 = w'_1 = 0 and eps_{1,2} ~ 0). The value is the bounded combination; "
        "the bounds, read from the same text, are PRINTED_NUMBERS['40 lower bound'] and "
        "['40 upper bound']."
    ),
    "41": (
        "sin^2 theta13 ~ 2 r1^2 (y'tau/ytau)^2 ~ 0.02, for the 'extreme choice' "
        "y'mu/ymu = -y'tau/ytau, assuming y'tau ~ ytau, in both orderings. The text then "
        "states sin^2 theta23 ~ 0.6 and sin^2 theta12 keeps its TBM value (1/3); all numbers "
        "are in PRINTED_NUMBERS. Internally consistent: Eq. (37)/(38) |U_e3|^2 with no "
        "neutrino-sector correction and y'mu/ymu = -y'tau/ytau gives 2 r1^2 (y'tau/ytau)^2 "
        "= 0.02 at r1 = 0.1, y'tau = ytau; |U_mu3|^2 = (1 + 2 r1)/2 = 0.6 and "
        "|U_e2|^2 = 1/3."
    ),
    "A-2": (
        "delta M_l^(1); three identical rows (y'_e lambda^3, y'_mu lambda, y'_tau); the "
        "prefactor v_d u v'/Lambda^2 is multiplied into the entries. Extracted text "
        "unambiguous. Relative to M_l of Eq. (14) (prefactor v_d v/Lambda) the correction is "
        "r_1 v'/v, not r_1: A-3 and A-4 drop the factor v'/v (the text sets v ~ v', Eqs. "
        "31, 33)."
    ),
    "A-3": (
        "V_l, printed '+ O(r1^2, lambda^2)' (dropped). Extracted text unambiguous. "
        "SUSPECTED MISPRINT: a unitary V_l = 1 + A + O(r1^2) needs A antisymmetric, but the "
        "printed (2,3) = +y'tau/ytau r1 and (3,2) = -y'mu/ymu r1 do not cancel. The (2,3) "
        "mixing angle of M_l M_l^dagger from A-2 is y'tau/ytau r1 (v'/v), and the mu entries "
        "of Eqs. (37), (38) (|U_mu4|^2, |U_mu5|^2) follow from U = V_l^dagger U_nu only with "
        "(3,2) = -y'tau/ytau r1: that is the 'suspected' reading (not a transcription)."
    ),
    "A-4": (
        "m'_alpha = (y_alpha + y'_alpha r1) v_d v/Lambda lambda^{F_alpha}, alpha = e, mu, tau "
        "(entries [1], [2], [3], one per flavour of the printed list). F_alpha is not defined "
        "in the paper; 'as printed' keeps the symbols F_e, F_mu, F_tau, reading B substitutes "
        "(in code, on the parsed formula) the powers of lambda of Eq. (14) and A-2: F_e = 3, "
        "F_mu = 1, F_tau = 0. Like A-3, the formula has y'_alpha r1 where A-2 implies "
        "y'_alpha r1 v'/v."
    ),
    "A-6-NO": (
        "delta M_D^(1N) (normal ordering, the first matrix of the display), 3x3 in the basis "
        "(nu_1^c, nu_2^c, nu_3^c) of the columns; printed as (v_u u/Lambda^2) [matrix] F with "
        "F = diag(lambda^F1, lambda^F2, lambda^F3) (A-7) on the right: the parser multiplies "
        "the product out, so column j carries lambda^{F_j}. Extracted text unambiguous."
    ),
    "A-6-IO": (
        "delta M_D^(1I) (inverted ordering, the second matrix of the display); conventions as "
        "A-6-NO (prefactor and right factor F multiplied out). Extracted text unambiguous."
    ),
    "A-7": (
        "F = diag(lambda^F1, lambda^F2, lambda^F3). Extracted text unambiguous."
    ),
    "A-9": (
        "delta M_R^(1) is printed only with 'proportional to' (\\propto), so this is NOT an "
        "equality and must not be audited as one: only the pattern of entries is printed "
        "(couplings omitted). The lower triangle is printed as dots and is filled by symmetry; "
        "the prefactor 1/Lambda is multiplied in. The (1,1) entry is printed u u'' "
        "lambda^{2F1} (one would expect a product of two singlet VEVs whose Z_3 charges match "
        "nu_1^c nu_1^c; not checked here)."
    ),
    "A-10": (
        "M'_R = M_R + delta M_R^(1) = F [matrix] F; the dots of the lower triangle are filled "
        "by symmetry and both factors F multiplied out (entry (i,j) carries "
        "lambda^{F_i + F_j}). Extracted text otherwise unambiguous."
    ),
    "A-11": (
        "V_R ~ F^-1 [matrix] F + O(w3 u''/(w1 u) r1, r1^2); the O() is dropped and F^-1, F "
        "multiplied out (entry (1,3) carries lambda^{F3-F1}, (3,1) lambda^{F1-F3}). The text "
        "before it says 'expanding in the small ratios r1 ~ w3 u''/(w1 u) ~ 0.1'. Extracted "
        "text unambiguous."
    ),
    "A-12": (
        "M'_1, M'_2, M'_3. 'w_1'^2' in the text is (w'_1)^2. Extracted text unambiguous. "
        "(As printed the r1^2 corrections carry no power of lambda, although M'_R of A-10 "
        "has lambda^{2F1}, lambda^{F1+F3}, lambda^{2F3} in its (1,1), (1,3), (3,3) entries; "
        "not checked further here.)"
    ),
    "A-14-NO": (
        "M'_D^(NO) = (v_u/Lambda) [matrix] F, prefactor and right factor F multiplied out. "
        "The extracted text (seed lines 656-659) is complete: both matrices have 3 rows of 3 "
        "entries with balanced braces and the parser reads them whole, so there is a single "
        "reading. It is consistent with M'_D = (M_D + delta M_D^(1)) V_R^* (Eqs. 20, A-6, "
        "A-11) to first order in r1 with rho_2, rho_3, chi of Eq. (39): entry (1,3) = "
        "(rho3 - chi) y3 v'' (times v_u/Lambda lambda^F3)."
    ),
    "A-14-IO": (
        "M'_D^(IO) = (v_u/Lambda) [matrix] F, prefactor and F multiplied out. Extracted text "
        "complete and unambiguous (see A-14-NO). Consistent with (M_D + delta M_D^(1I)) V_R^* "
        "(Eqs. 27, A-6, A-11) to first order in r1."
    ),
    "A-15": (
        "U_nu = [[U_TBM, 0_3x2], [0_2x3, 1_2x2]] + delta U. Only the first (leading) summand "
        "is a printed matrix (the parser assembles its blocks); U_TBM is Eq. (12) (columns "
        "2/sqrt6 = sqrt(2/3), ...). delta U is A-16 (NO) or A-18 (IO), each the sum of a "
        "first-order and a second-order printed matrix."
    ),
    "A-16a": (
        "First of the two matrices whose sum is delta U^(NO) in A-16 (the terms of first "
        "order in eps_i and the pure rho/chi/sigma terms, first order in R). Extracted text "
        "complete: 5 rows x 5 entries, read whole by the parser. sigma_+-^N are the symbols "
        "of Eq. (39) (restated below A-16). With chi = rho2 = rho3 = 0 it reduces to the "
        "first-order matrix of Eq. (22)."
    ),
    "A-16b": (
        "Second of the two matrices of A-16 (second order in eps_i). Extracted text "
        "complete: 5 rows x 5 entries; (4,5) = (5,4) = sigma_+^N eps1 eps2 / 2. With "
        "chi = rho2 = rho3 = 0 it reduces to the second-order matrix of Eq. (22)."
    ),
    "A-16": (
        "delta U^(NO) = A-16a + A-16b (the sum of the two printed matrices); U_nu^(NO) = "
        "A-15 + this. Audit entries against A-16a / A-16b to locate a slip by order."
    ),
    "A-17": (
        "NO masses m'_1 .. m'_5 (the label (A-17) is printed inside the m'_3 row). Extracted "
        "text unambiguous, but m'_2 contains "
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
        "second-order terms go beyond its stated first order in r1."
    ),
    "A-18a": (
        "First of the two matrices of delta U^(IO) (A-18; the extracted label reads "
        "'delta U^(10)', an OCR slip for (IO)). GARBLED: rows 1-3 show four cells and a "
        "trailing '&' (e.g. row 1: '1/(3sqrt6)(3rho2+sigma_+^I G) & -1/(3sqrt3)(3rho2+"
        "sigma_+^I G) & -rho2/sqrt2 (1-rho2)eps1 & (2-chi+rho3)eps2 &'), rows 4-5 show five "
        "entries. Columns 1, 2 of rows 1-3 and rows 4, 5 are unambiguous. Third cells: "
        "row 1 '-rho2/sqrt2 (1-rho2) eps1', row 2 '-rho2/sqrt2 (1-rho2) eps1', row 3 "
        "'-rho2/sqrt2 (1+2rho2) eps1'; fourth cells (2-chi+rho3)eps2, -eps2, -eps2. "
        "Reading B is the verbatim text read as it stands, the empty fifth cell as 0: "
        "column 3 = the product -rho2/sqrt2 (..) eps1, column 4 = the fourth cell, column 5 = "
        "0. Reading A (LaTeX in Printed.latex: the verbatim text with the third cell of rows "
        "1-3 split in two and the trailing '&' dropped): column 3 = -rho2/sqrt2, column 4 = "
        "(1-rho2)eps1 / (1-rho2)eps1 / (1+2rho2)eps1, column 5 = the fourth cell. Reading C "
        "(likewise amended): the product right-aligned into column 4, column 3 = 0. Only "
        "reading A reduces to the first-order matrix of Eq. (28) for chi = rho2 = rho3 = 0 "
        "(columns 4, 5 of rows 1-3 = eps1, (2, -1, -1) eps2), and only reading A gives the "
        "neutrino-sector parts of Eq. (38) (|U_e3|^2 = rho2^2/2, |U_e4|^2 = eps1^2(1 - 2rho2), "
        "|U_e5|^2 = 4eps2^2(1 - (chi-rho3)), |U_e2|^2 with -(2/3) sigma_+^I G); column 4 of "
        "reading A also mirrors A-16 ((1-rho2)eps1, ...) and the IO delta M_D^(1I) column 2 "
        "pattern (-1, -1, 2) rho2."
    ),
    "A-18b": (
        "Second of the two matrices of A-18 (second order in eps_i). Rows 1-4 unambiguous. "
        "GARBLED row 5: '0 & 0 & 0 & 0 & sigma_+^I eps1 eps2/2 - (3-2chi+2rho3)eps2^2'. "
        "Reading A takes the verbatim text as it stands ((5,4) = 0, (5,5) = the whole "
        "difference). Reading B (LaTeX in Printed.latex) takes the last cell as two merged "
        "entries, (5,4) = sigma_+^I eps1 eps2/2 and (5,5) = -(3-2chi+2rho3)eps2^2, dropping "
        "one '0' as spurious; this makes the (4,5)/(5,4) block symmetric as in A-16b. Both "
        "readings reduce to Eq. (28) for chi = rho2 = rho3 = 0 (sigma_+^I -> 0), so the limit "
        "cannot decide between them."
    ),
    "A-18": (
        "delta U^(IO) = A-18a + A-18b; one reading per pair of readings of the two printed "
        "matrices ('reading A of A-18a + reading A of A-18b' is the reading supported by "
        "Eqs. (28) and (38) for the first matrix and literal for the second). U_nu^(IO) = "
        "A-15 + this."
    ),
    "A-19": (
        "IO masses m'_1 .. m'_5, printed in three displays: m'_1, m'_2 and m'_3 = 0 in the "
        "one labelled (A-19), m'_4 and m'_5 in the two unlabelled displays after it. "
        "Extracted text complete (every row continued with \\left. .. \\right\\} reads "
        "whole) and unambiguous. m'_1 contains sigma_-^I (an IO symbol, consistent here). "
        "m'_5's last term is printed (sigma_+^I)^2/4 * 3 m_2^(0)/(2 m_1^(0)) "
        "eps2^2 and m'_4's (sigma_+^I)^2/8 * m_1^(0)/m_2^(0) eps1^2, kept as ratios of the "
        "m^(0) (not rewritten through G). m'_4 keeps w_2 u' lambda^{2F_2}. In the limit "
        "chi = rho2 = rho3 = 0 all five reduce to Eq. (29)."
    ),
}


# ---------------------------------------------------------------------------
# The table: one row per printed object (label, kind, displays, readings, labels, latex)
# ---------------------------------------------------------------------------
_LABELS_U2 = ("|U_e3|^2", "|U_e2|^2", "|U_mu3|^2", "|U_e4|^2", "|U_mu4|^2",
              "|U_e5|^2", "|U_mu5|^2")
_LABELS_36 = ("theta'_mu1", "theta'_tau1")
_MASS_LABELS = ("m'_1", "m'_2", "m'_3", "m'_4", "m'_5")
_A19 = (LATEX_A19, LATEX_A19_M4, LATEX_A19_M5)

_ROWS: tuple[tuple, ...] = (
    # Sect. III B
    ("35-NO", "scalar", (LATEX_35,), {AS_PRINTED: formula(LATEX_35, part=0)}),
    ("35-IO", "scalar", (LATEX_35,), {AS_PRINTED: formula(LATEX_35, part=1)}),
    ("36-NO", "list", (LATEX_36,), {AS_PRINTED: branches(LATEX_36, part=0)}, _LABELS_36),
    ("36-IO", "list", (LATEX_36,), {AS_PRINTED: listed(*[formula(LATEX_36, part=1)] * 2)}, _LABELS_36),
    ("37", "list", (LATEX_37,), {AS_PRINTED: aligned(LATEX_37, signs=True)}, _LABELS_U2),
    ("38", "list", (LATEX_38,), {AS_PRINTED: aligned(LATEX_38, signs=True)}, _LABELS_U2),
    ("39", "definitions", (LATEX_39,), {AS_PRINTED: definitions(LATEX_39)}),
    ("40", "scalar", (LATEX_40,), {AS_PRINTED: formula(LATEX_40, side=1)}),
    ("41", "scalar", (LATEX_41,), {AS_PRINTED: formula(LATEX_41, side=1)}),
    # Appendix A.1: charged leptons
    ("A-2", "matrix", (LATEX_A2,), {AS_PRINTED: formula(LATEX_A2)}),
    ("A-3", "matrix", (LATEX_A3,), {AS_PRINTED: formula(LATEX_A3),
                                    _A3_SUSPECTED: formula(_A3_SUSPECTED_LATEX)},
     (), {_A3_SUSPECTED: _A3_SUSPECTED_LATEX}),
    ("A-4", "list", (LATEX_A4,), {AS_PRINTED: _a4_masses,
                                  "reading B: F_alpha = (3, 1, 0) read off Eq. (14)": _a4_reading_b},
     ("m'_e", "m'_mu", "m'_tau")),
    # Appendix A.2: neutrino sector
    ("A-6-NO", "matrix", (LATEX_A6, LATEX_A7), {AS_PRINTED: formula(LATEX_A6, part=0, with_f=True)}),
    ("A-6-IO", "matrix", (LATEX_A6, LATEX_A7), {AS_PRINTED: formula(LATEX_A6, part=1, with_f=True)}),
    ("A-7", "matrix", (LATEX_A7,), {AS_PRINTED: formula(LATEX_A7)}),
    ("A-9", "matrix", (LATEX_A9,), {AS_PRINTED: formula(LATEX_A9)}),
    ("A-10", "matrix", (LATEX_A10, LATEX_A7), {AS_PRINTED: formula(LATEX_A10, with_f=True)}),
    ("A-11", "matrix", (LATEX_A11, LATEX_A7), {AS_PRINTED: formula(LATEX_A11, with_f=True)}),
    ("A-12", "list", (LATEX_A12,), {AS_PRINTED: aligned(LATEX_A12)}, ("M'_1", "M'_2", "M'_3")),
    ("A-14-NO", "matrix", (LATEX_A14, LATEX_A7), {AS_PRINTED: aligned(LATEX_A14, pick=0, with_f=True)}),
    ("A-14-IO", "matrix", (LATEX_A14, LATEX_A7), {AS_PRINTED: aligned(LATEX_A14, pick=1, with_f=True)}),
    ("A-15", "matrix", (LATEX_A15,), {AS_PRINTED: _leading_u}),
    ("A-16a", "matrix", (LATEX_A16,), {AS_PRINTED: matrix(LATEX_A16, 0)}),
    ("A-16b", "matrix", (LATEX_A16,), {AS_PRINTED: matrix(LATEX_A16, 1)}),
    ("A-16", "matrix", (LATEX_A16,), {AS_PRINTED: matrix_sum(LATEX_A16)}),
    ("A-17", "list", (LATEX_A17,), {AS_PRINTED: aligned(LATEX_A17),
                                     _A17_SUSPECTED: aligned(_A17_SUSPECTED_LATEX)},
     _MASS_LABELS, {_A17_SUSPECTED: _A17_SUSPECTED_LATEX}),
    ("A-18a", "matrix", (LATEX_A18,), {
        _A18A_NAMES["A"]: matrix(_A18A_LATEX[_A18A_NAMES["A"]], 0),
        _A18A_NAMES["B"]: matrix(LATEX_A18, 0, empty_cells=True),
        _A18A_NAMES["C"]: matrix(_A18A_LATEX[_A18A_NAMES["C"]], 0)}, (), _A18A_LATEX),
    ("A-18b", "matrix", (LATEX_A18,), {
        _A18B_NAMES["A"]: matrix(LATEX_A18, 1, empty_cells=True),
        _A18B_NAMES["B"]: matrix(_A18B_LATEX, 1, empty_cells=True)},
     (), {_A18B_NAMES["B"]: _A18B_LATEX}),
    ("A-18", "matrix", (LATEX_A18,), _a18_sums),
    ("A-19", "list", _A19, {AS_PRINTED: listed(aligned(LATEX_A19), formula(LATEX_A19_M4),
                                               aligned(LATEX_A19_M5))}, _MASS_LABELS),
)


def _printed(equation: str, kind: str, verbatim: tuple[str, ...],
             readers: Mapping[str, Reader] | Callable[[], dict],
             labels: tuple[str, ...] = (), latex: dict[str, str] | None = None) -> Printed:
    """A row of :data:`_ROWS` as a :class:`Printed` (its readings read on first access)."""
    def read() -> dict:
        if callable(readers):
            return readers()
        return {name: reader() for name, reader in readers.items()}

    return Printed(equation, kind, read, NOTES[equation], labels, verbatim, dict(latex or {}))


PRINTED: dict[str, Printed] = {row[0]: _printed(*row) for row in _ROWS}


# ---------------------------------------------------------------------------
class _ReadOnFirstUse(Mapping):
    """A read-only mapping whose values are read the first time one is asked for."""

    def __init__(self, read: Callable[[], dict]):
        self._read = read

    @functools.cached_property
    def _values(self) -> dict:
        return self._read()

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def _printed_numbers() -> dict[str, sp.Rational]:
    q = sp.Rational
    lower, _, upper = split_relations(LATEX_40)
    return {
        "34 r_1 = u/Lambda": q(1, 10),
        "34 r_2 = u'/Lambda = u''/Lambda = v/Lambda = v''/Lambda": q(1, 100),
        "39 R = O(.)": q(1, 10),
        "39 G = O(.)": sp.Integer(100),
        "39 sigma_+^I = O(.) needed in the IO": q(1, 1000),
        "39 text: y'_{2,3}/y_{2,3} and y_1 w'_1/(y_3 w_1) assumed in the IO": q(1, 100),
        "40 lower bound": _read(lower),
        "40 upper bound": _read(upper),
        "41 sin^2 theta_13": formula(LATEX_41, side=2)(),
        "41 sin^2 theta_23": q(6, 10),
        "41 sin^2 theta_12 (TBM value, stated not printed as a number)": q(1, 3),
    }


#: Numbers printed in Sect. III B and Appendix A, exact (those of Eqs. 40, 41 read
#: from the displays on first use, the others from the running text).
PRINTED_NUMBERS: Mapping[str, sp.Rational] = _ReadOnFirstUse(_printed_numbers)
