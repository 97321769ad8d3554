"""``check_formula`` (``check --model`` and ``--matrix``) never derives beyond ``max_order``."""

from __future__ import annotations

import sympy as sp

from symseesaw import check
from symseesaw.check.claims import parse_claims

M = sp.Symbol("M", positive=True)
eps, a = sp.symbols("epsilon a", positive=True)
TYPE_ONE = sp.Matrix([[0, eps * a], [eps * a, M]])


def test_claim_orders_above_max_order_are_derived_only_to_max_order():
    claims = parse_claims("quantity: m[1]\nsyntax: sympy\norder: epsilon=30\n"
                          "-epsilon**2*a**2/M + epsilon**4*a**4/M**3\n")
    [comparison] = check.check_formula(claims, TYPE_ONE, 1, {"epsilon": 30}, max_order=2)
    assert "beyond the order derived (limit 2)" in comparison.note
    assert "checked only up to epsilon^2" in comparison.note
