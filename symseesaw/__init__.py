"""symseesaw: perturbative seesaw expansions, derived symbolically and proved numerically.

The public API, grouped:

* expand: :func:`seesaw_expansion` (mixing matrix and masses), :func:`seesaw_blocks`
  (block diagonalization: effective blocks, ``W``, ``Theta``, ``eta``),
  :func:`diagonalize` (one matrix around its leading basis, no seesaw step);
* several matrices in one series algebra: :func:`series_algebra`, :func:`exact_series`,
  :func:`diagonalize_series`;
* combine and re-read series: :func:`as_series` (sympy -> the series of an
  expansion), :func:`reexpress` (an expansion in other small parameters or orders);
* model files: :func:`load_model`, :func:`derive_model`;
* use a result: :func:`prove`, :func:`lambdify`, :func:`latex`;
* verify a claim: :func:`check_formula`, :func:`check_against`;
* records: :class:`DerivationResult`, :class:`Comparison`, :class:`ProofReport`;
* paper reproductions: :func:`load_registry`, :func:`get_derivation`.
"""

from symseesaw.api import (
    as_series,
    diagonalize,
    diagonalize_series,
    exact_series,
    reexpress,
    seesaw_blocks,
    seesaw_expansion,
    series_algebra,
)
from symseesaw.check import check_against, check_formula
from symseesaw.facade import lambdify, latex, prove
from symseesaw.modelfile import derive_model, load_model
from symseesaw.registry import get_derivation, load_registry
from symseesaw.result import Comparison, DerivationResult, ProofReport

__all__ = [
    "seesaw_expansion",
    "seesaw_blocks",
    "diagonalize",
    "as_series",
    "reexpress",
    "series_algebra",
    "exact_series",
    "diagonalize_series",
    "load_model",
    "derive_model",
    "prove",
    "lambdify",
    "latex",
    "check_formula",
    "check_against",
    "DerivationResult",
    "Comparison",
    "ProofReport",
    "load_registry",
    "get_derivation",
]
