"""Fake derivation records for the output, audit and CLI tests.

Every test that needs a :class:`~symseesaw.result.DerivationResult` without
running the engine builds it here, so the record is built one way: its
mixing matrix, masses and split by order live in a
:class:`~symseesaw.result.StoredExpansion`, as in a result read back from JSON.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from symseesaw.result import DerivationResult, StoredExpansion


def rotation_by_order(eps: sp.Symbol, order: int = 2) -> dict[int, sp.Matrix]:
    """``U = U_0 + dU^(1) + dU^(2)`` of a 2x2 rotation by ``eps``, cut at ``order``."""
    parts = {0: sp.eye(2), 1: sp.Matrix([[0, eps], [-eps, 0]]),
             2: sp.Matrix([[-(eps**2) / 2, 0], [0, -(eps**2) / 2]])}
    return {k: v for k, v in parts.items() if k <= order}


def stored_record(
    mixing: sp.MatrixBase | None = None,
    masses: Sequence[Any] = (),
    mixing_by_order: Mapping[int, sp.MatrixBase] | None = None,
    **fields: Any,
) -> DerivationResult:
    """A record holding the given values.

    Parameters
    ----------
    mixing : sympy.Matrix, optional
        Default: the sum of ``mixing_by_order`` (an empty matrix without it).
    masses : sequence
    mixing_by_order : mapping, optional
        The stored split by order (none by default).
    **fields
        Other :class:`DerivationResult` fields; ``name`` ``"fake"``,
        ``equations`` ``[]``, ``symbols`` ``[]``, ``small`` ``{}``,
        ``convention`` ``"UT_M_U"`` and ``mass_matrix`` (empty) by default.
    """
    by_order = dict(mixing_by_order or {})
    if mixing is None:
        mixing = sum(by_order.values(), sp.zeros(*next(iter(by_order.values())).shape)) \
            if by_order else sp.Matrix()
    defaults: dict[str, Any] = {"name": "fake", "equations": [], "symbols": [], "small": {},
                                "convention": "UT_M_U", "mass_matrix": sp.Matrix()}
    return DerivationResult(
        expansion=StoredExpansion(mixing=sp.Matrix(mixing), masses=list(masses),
                                  mixing_by_order=by_order),
        **{**defaults, **fields})
