"""Seed 001, Sect. III A, normal ordering: U (Eq. 22) and the five masses (Eq. 24) to second order in epsilon_i.

Builds the 5x5 matrix of Eq. (19) from the paper's symbols, eliminates
y_2, y_3 through Eq. (23), derives the expansion with symseesaw and compares it
entry by entry with the printed equations; ``prove`` measures the order.
"""

from __future__ import annotations

from symseesaw.papers.seed001.model import LATEX_NAMES  # noqa: F401  (used by latex/audit)
from symseesaw.result import DerivationResult, ProofReport

from . import _section3a as _impl

NAME = "seed001-no"
EQUATIONS = ["19", "20", "21", "22", "23", "24", "25"]
SOURCE = _impl.SOURCE
SUMMARY = "Seed 001 normal ordering: U (Eq. 22) and the five masses (Eq. 24) to second order in epsilon_i."


def to_expansion_variables(expr):
    """Rewrite a formula in paper symbols (``y_2``, ``m_2^(0)``, ...) in ``epsilon_i``."""
    return _impl.model.build(_impl.ORDERING[NAME]).to_expansion_variables(expr)


def derive(orders: dict[str, int] | None = None) -> DerivationResult:
    """Derive and compare (no proof)."""
    return _impl.derive("NO", NAME, EQUATIONS, orders)


def prove(result: DerivationResult, dps: int = 50) -> ProofReport:
    """Order proof of ``result`` against exact mpmath Takagi diagonalization."""
    return _impl.prove(result, dps=dps)
