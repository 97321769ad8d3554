"""Specification of :class:`symseesaw.compare.SeriesConverter`.

A converter turns many formulas into series of one algebra: it must give exactly
what ``to_series(alg, expr.subs(replace))`` gives, convert each distinct
sub-expression once, and hand :func:`symseesaw.compare.compare` a series it accepts
only in the derived series' own algebra.
"""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw.algebra.convert import to_series
from symseesaw.algebra.series import Algebra
from symseesaw.compare import SeriesConverter, claim_series, compare

t = sp.Symbol("t", positive=True)
x, y, a, b = sp.symbols("x y a b", positive=True)
p = sp.Symbol("p", positive=True)  # a "paper" symbol, replaced by t*x


def _algebra() -> Algebra:
    return Algebra({t: 4})


def test_conversion_equals_sympy_substitution_then_conversion():
    alg = _algebra()
    replace = {p: t * x, a: y / (1 + x)}
    expr = 3 * p**2 * a / (x + y) - p * b**2 + sp.sqrt(6) * a * p**3
    converted = SeriesConverter(alg, replace)(expr)
    reference = to_series(alg, expr.subs(replace))
    assert (converted - reference).is_zero()
    assert not converted.is_zero()


def test_each_distinct_subexpression_is_converted_once():
    conv = SeriesConverter(_algebra(), {p: t * x})
    denominator = 1 / (x + y)
    first = p * denominator + p**2
    conv(first)
    after_first = conv.conversions
    conv(first)
    assert conv.conversions == after_first  # a repeated formula costs nothing
    conv(3 * p * denominator)
    # only the new product and the number 3 are new; p and 1/(x + y) are reused
    assert conv.conversions == after_first + 2


def test_only_symbols_can_be_replaced():
    with pytest.raises(ValueError, match="replaces symbols only"):
        SeriesConverter(_algebra(), {x + y: t})


def test_claim_expands_closed_forms_like_claim_series():
    alg = _algebra()
    M, m = sp.symbols("M m", positive=True)
    closed = sp.sqrt(M**2 / 4 + (t * m) ** 2)
    claimed = SeriesConverter(alg).claim(closed, (4, float("inf")))
    assert (claimed - claim_series(alg, closed, (4, float("inf")))).is_zero()
    # the Taylor expansion keeps t^2 m^2/M: M/2 + m^2 t^2/M - m^4 t^4/M^3
    assert (claimed - to_series(alg, M / 2 + m**2 * t**2 / M - m**4 * t**4 / M**3)).is_zero()


def test_claim_aligns_exponentials_by_an_exact_integer_ratio():
    alg = _algebra()
    c = sp.exp(sp.sqrt(2))
    derived = to_series(alg, c**2 * t)  # registers the generator exp(sqrt(2))
    claimed = SeriesConverter(alg).claim(sp.exp(sp.sqrt(8)) * t, (1, float("inf")))
    assert (claimed - derived).is_zero()


def test_compare_reads_a_converted_claim_as_it_reads_the_formula():
    alg = _algebra()
    derived = to_series(alg, x + t * y + t**2 * x * y)
    claim = x + t * y + 2 * t**2 * x * y
    from_series = compare("1", [1], SeriesConverter(alg).claim(claim, (2, float("inf"))),
                          derived, (2, float("inf")))
    from_formula = compare("1", [1], claim, derived, (2, float("inf")))
    assert from_series.verdict == from_formula.verdict == "differs"
    assert from_series.note == from_formula.note
    assert from_series.lowest_differing_order == {"t": 2}


def test_compare_refuses_a_series_of_another_algebra():
    derived = to_series(_algebra(), x)
    other = to_series(_algebra(), x)
    with pytest.raises(ValueError, match="another algebra"):
        compare("1", [1], other, derived, (1, float("inf")))
