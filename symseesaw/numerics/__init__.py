"""Numerics layer: exact Takagi factorization, alignment, lambdify, order proofs."""

from symseesaw.numerics.align import align_to_reference, assignment
from symseesaw.numerics.lambdify import lambdify_matrix
from symseesaw.numerics.proof import (
    MAX_DPS,
    MIN_DPS,
    OrderProofError,
    default_t_values,
    prove_expansion,
    raise_if_failed,
)
from symseesaw.numerics.takagi import PrecisionError, as_mp_matrix, takagi, takagi_residuals, to_mp

__all__ = [
    "MAX_DPS",
    "MIN_DPS",
    "OrderProofError",
    "PrecisionError",
    "align_to_reference",
    "as_mp_matrix",
    "assignment",
    "default_t_values",
    "lambdify_matrix",
    "prove_expansion",
    "raise_if_failed",
    "takagi",
    "takagi_residuals",
    "to_mp",
]
