"""Result containers shared by the engine, the derivations and the output layer.

Everything here holds plain sympy objects so that printing, JSON export and
lambdification never need to know about the internal series algebra.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import sympy as sp

Verdict = Literal["agrees", "differs", "ambiguous"]

#: Names of the two supported Majorana conventions.
#: ``"UT_M_U"``: ``U^T M U = diag(m_i)``;
#: ``"Udag_M_Ustar"``: ``U^dagger M U^* = diag(m_i)`` (seed 001, below Eq. 21).
CONVENTIONS = ("UT_M_U", "Udag_M_Ustar")


@dataclass
class Comparison:
    """Verdict on one printed entry against the engine's derivation.

    Attributes
    ----------
    equation : str
        Printed equation label, e.g. ``"24"`` or ``"A-16"``.
    entry : list[int]
        1-based ``[row, column]`` of a printed matrix, or ``[k]`` for the k-th
        printed formula of the equation.
    printed, derived : sympy.Expr
        The transcription (as printed) and the engine's result, both written in
        the derivation's symbols and truncated to ``order``.
    verdict : {"agrees", "differs", "ambiguous"}
    lowest_differing_order : dict or None
        Exponents (small parameter name -> power) of the lowest-order monomial
        in which printed and derived differ, or ``None`` when they agree.
    difference : sympy.Expr
        ``printed - derived`` within the compared order (zero when they agree).
    reading : str or None
        Which reading of a garbled transcription was compared.
    note : str
        Human-readable explanation (cause of a difference, ambiguity, ...).
    """

    equation: str
    entry: list[int]
    printed: sp.Expr
    derived: sp.Expr
    verdict: Verdict
    lowest_differing_order: dict[str, int] | None = None
    difference: sp.Expr = sp.S.Zero
    reading: str | None = None
    note: str = ""


@dataclass
class SlopeMeasurement:
    """One fitted convergence slope of an order proof."""

    quantity: str
    predicted: float
    measured: float
    residuals: list[float]
    t_values: list[float]

    @property
    def passed(self) -> bool:
        """True when the measured slope reaches the predicted one (0.25 slack)."""
        return self.measured >= self.predicted - 0.25


@dataclass
class ProofReport:
    """Numeric order proof: residuals against exact mpmath diagonalization.

    Attributes
    ----------
    direction : dict[str, float]
        Point ``p(t) = base + t * direction`` scanned as ``t -> 0`` (small
        parameters scale with ``t``; other symbols are held at ``base``).
    dps : int
        mpmath working precision (decimal digits).
    slopes : list[SlopeMeasurement]
    """

    direction: dict[str, float]
    base_point: dict[str, float]
    dps: int
    slopes: list[SlopeMeasurement] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.slopes) and all(s.passed for s in self.slopes)


@dataclass
class DerivationResult:
    """Everything one derivation produces.

    Attributes
    ----------
    name : str
        Registry name, e.g. ``"seed001-no"``.
    equations : list[str]
        Printed equations the derivation reproduces.
    symbols : list[sympy.Symbol]
        Every symbol occurring in the results (small parameters included).
    small : dict[sympy.Symbol, int]
        Small parameter -> maximum (relative) order kept.
    convention : str
        One of :data:`CONVENTIONS`.
    mass_matrix : sympy.Matrix
        The input matrix written in ``symbols``.
    mixing_matrix : sympy.Matrix
        ``U`` in ``convention``; columns ordered like ``masses``.
    masses : list[sympy.Expr]
    mixing_by_order : dict[int, sympy.Matrix]
        ``U = sum(mixing_by_order.values())`` split by total order in the small
        parameters, as papers print ``U = U_0 + dU^(1) + dU^(2)``.
    comparisons : list[Comparison]
    proof : ProofReport or None
    definitions : dict[sympy.Symbol, sympy.Expr]
        Derived symbols (e.g. ``epsilon_1``, ``m_2^(0)``) in terms of the
        paper's model symbols.
    notes : list[str]
    """

    name: str
    equations: list[str]
    symbols: list[sp.Symbol]
    small: dict[sp.Symbol, int]
    convention: str
    mass_matrix: sp.Matrix
    mixing_matrix: sp.Matrix
    masses: list[sp.Expr]
    mixing_by_order: dict[int, sp.Matrix] = field(default_factory=dict)
    comparisons: list[Comparison] = field(default_factory=list)
    proof: ProofReport | None = None
    definitions: dict[sp.Symbol, sp.Expr] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
