"""``compare.expression_text``: the cached note printer writes what ``sympy.sstr`` writes.

Sums are joined from their terms and rational multiples of symbol powers are written
directly; every other expression is printed by sympy.
"""

import pytest
import sympy as sp

from symseesaw.compare import expression_text

x, y, z = sp.symbols("x y z")
a = sp.Symbol("a", positive=True)

SUMS = [
    x + y,
    -x + y,                                   # a leading minus sign
    -x - 3 * y / 2 + sp.Rational(1, 3),       # rational coefficients, a constant
    x * y / (2 * z) - sp.sqrt(2) * x + sp.I * y ** 2,  # a denominator, a surd, i
    -(x + 1) * y + z ** -2 - 7,               # a product with a sum inside
    x / (1 - a) - a ** 2 * x ** 3 / 5,        # an atom 1/(1 - a)
]


@pytest.mark.parametrize("expr", SUMS, ids=str)
def test_sum_in_argument_order_is_printed_as_sstr_prints_it(expr):
    assert expression_text(expr) == sp.sstr(expr, order="none")


PRODUCTS = [
    -3 * x * y ** 2 / 4, x ** 2 * y, -x, 5 * x * z ** 3, x * y / 7, -x / 9,
    x / y ** 2, 2 * sp.I * x, sp.sqrt(3) * x * y / 2, -sp.sqrt(6) * sp.I * z ** 2 / 5,
    sp.sqrt(2) * x / 3, (x + 1) * y, a ** 2 * x / (1 - a), x ** sp.Rational(3, 2) * y,
]


@pytest.mark.parametrize("expr", PRODUCTS, ids=str)
def test_product_is_printed_as_sstr_prints_it(expr):
    assert expression_text(expr) == sp.sstr(expr, order="none")


@pytest.mark.parametrize("expr", [x, x ** 3, sp.S.Zero, sp.Rational(-5, 2)], ids=str)
def test_non_sum_is_printed_as_sstr_prints_it(expr):
    assert expression_text(expr) == sp.sstr(expr, order="none")


def test_sorted_order_is_sstrs_default_order():
    expr = z ** 3 + x - y ** 2
    assert expression_text(expr, None) == sp.sstr(expr)
    assert expression_text(expr, None) != expression_text(expr)  # the orders differ here


def test_pieces_shared_by_sums_are_printed_once(monkeypatch):
    u, v = sp.symbols("u v")
    printed = []
    sstr = sp.sstr
    monkeypatch.setattr(sp, "sstr", lambda e, **kw: printed.append(e) or sstr(e, **kw))
    expression_text.cache_clear()
    assert expression_text(u ** 2 + 3 * u * v) == "u**2 + 3*u*v"
    first = list(printed)
    assert expression_text(u ** 2 - u * v / 2) == "u**2 - u*v/2"
    assert printed == first  # the second sum reuses the texts of u**2, u and v
    assert len(set(printed)) == len(printed)
