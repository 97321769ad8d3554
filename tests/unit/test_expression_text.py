"""``compare.expression_text``: the cached note printer writes what ``sympy.sstr`` writes."""

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


@pytest.mark.parametrize("expr", [x, -3 * x * y / 4, sp.S.Zero, sp.Rational(-5, 2)], ids=str)
def test_non_sum_is_printed_as_sstr_prints_it(expr):
    assert expression_text(expr) == sp.sstr(expr, order="none")


def test_sorted_order_is_sstrs_default_order():
    expr = z ** 3 + x - y ** 2
    assert expression_text(expr, None) == sp.sstr(expr)
    assert expression_text(expr, None) != expression_text(expr)  # the orders differ here


def test_terms_shared_by_sums_are_printed_once(monkeypatch):
    u, v = sp.symbols("u v")
    printed = []
    sstr = sp.sstr
    monkeypatch.setattr(sp, "sstr", lambda e, **kw: printed.append(e) or sstr(e, **kw))
    expression_text.cache_clear()
    expression_text(u ** 2 + 3 * u * v)
    expression_text(u ** 2 - v)
    assert sorted(map(str, printed)) == sorted(map(str, [u ** 2, 3 * u * v, -v]))
