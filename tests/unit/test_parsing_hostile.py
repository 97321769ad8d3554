"""Hostile and accidental input: each ends in one clear InputError, before any heavy work.

Issue 13 item 4: limits on size, terms, nesting, exponents (checked before any
arithmetic, products of constants included), numbers, orders and precision.
"""

from __future__ import annotations

import json

import pytest
import sympy as sp

from symseesaw.check import parse_claims, read_claims, read_matrix
from symseesaw.parsing import (
    MAX_ORDER_VALUE,
    InputError,
    check_dps,
    parse_formula,
    parse_latex,
    parse_matrix,
    parse_orders,
    parse_sympy,
)

A = sp.Symbol("a", positive=True)
E1 = sp.Symbol("epsilon_1", positive=True)
SYMS = [A, E1]


@pytest.mark.parametrize(
    "text, message",
    [
        ("a**(2048*2048*1024)", "exponent 4294967296 too large"),
        ("2**(9999*9999*9999)", "too large"),
        ("(1+epsilon_1)**10000", "too large"),
        ("(1+epsilon_1)**100", "power 100 of a sum too large"),
        ("Float(1, 1000000000)", "Float() takes 1 argument"),
        ("9**9**9", "nested exponents"),
        ("2**999*2**999*2**999" + "*2**999" * 30, "number too large"),
        ("1e999*a", "NaN or infinity"),
        ("1/0", "division by zero"),
        ("0**-1", "divides by zero"),
        ("Rational(1, 0)", "divides by zero"),
        ("1" * 2000, "more than 1000 digits"),
        ("1e99999999", "out of range"),
        ("-" * 150_000 + "a", "signs in a row"),
        ("(" * 500 + "a" + ")" * 500, "nested too deeply"),
        ("a" + "*a" * 30_000, "too large"),
        ("nan*a", "unknown symbol 'nan'"),
        ("oo", "unknown symbol 'oo'"),
        ("\x00a", "NUL"),
        ("a epsilon_1", "write * between factors in sympy syntax, or give the formula in LaTeX"),
    ],
)
def test_hostile_sympy_syntax_is_one_input_error(text, message):
    with pytest.raises(InputError, match="^[^\n]*$") as info:
        parse_formula(text, SYMS, syntax="sympy")
    assert message in str(info.value)


@pytest.mark.parametrize(
    "text, message",
    [
        ("2^{10000}^{10000}^{10000}", "exponent 10000 too large"),
        ("a^{2048}^{2048}^{1024}", "exponent 2048 too large"),
        ("2^{999} 2^{999} 2^{999}" + " 2^{999}" * 30, "number too large"),
        (r"\frac{1}{0}", "divides by zero"),
        ("{" * 500 + "a" + "}" * 500, "nested too deeply"),
        ("-" * 150_000 + "a", "signs in a row"),
        ("9" * 1500, "more than 1000 digits"),
    ],
)
def test_hostile_latex_is_one_input_error(text, message):
    with pytest.raises(InputError) as info:
        parse_latex(text, SYMS)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_sum_of_3000_terms_is_read_without_recursion_error():
    assert parse_sympy("+".join(["a"] * 3000), SYMS) == 3000 * A
    product = parse_sympy("*".join(["epsilon_1"] * 900), SYMS)
    assert product == E1**900


def test_exponent_limit_counts_the_product_not_the_factors():
    # each factor is small; the product is checked before the power is formed
    assert parse_sympy("a**(10*10*10)", SYMS) == A**1000
    with pytest.raises(InputError, match="exponent 1001"):
        parse_sympy("a**(7*11*13)", SYMS)


def test_utf8_bom_is_accepted():
    assert parse_sympy("\ufeffa + 1", SYMS) == A + 1
    assert parse_claims("\ufeffquantity: m[1]\na\n").claims[0].text == "a"


def test_decimal_literals_become_exact_rationals():
    assert parse_sympy("1.5e-3*a", SYMS) == sp.Rational(3, 2000) * A


# -------------------------------------------------------------------------- orders, dps
@pytest.mark.parametrize(
    "text, message",
    [
        ("epsilon_1=99999999999999999999", "a 20-digit number; the limit is 50"),
        ("epsilon_1=-1", "must be >= 0"),
        (f"epsilon_1={MAX_ORDER_VALUE + 1}", "limit"),
        ("epsilon_1=1.5", "non-negative integer"),
        ("epsilon_1=2, epsilon_1=3", "twice"),
        ("epsilon_1", "malformed"),
    ],
)
def test_bad_orders_are_input_errors(text, message):
    with pytest.raises(InputError, match=message):
        parse_orders(text)


def test_orders_parse_to_a_dict_and_zero_is_leading_order():
    assert parse_orders("epsilon_1=2, r_1=0") == {"epsilon_1": 2, "r_1": 0}
    assert parse_orders(["eps=1", "r=2"]) == {"eps": 1, "r": 2}


@pytest.mark.parametrize("dps", [1, -5, 100_000_000, 15.5, True])
def test_bad_precision_is_an_input_error(dps):
    with pytest.raises(InputError, match="--dps"):
        check_dps(dps)


# ------------------------------------------------------------------------- claim files
def _claims_json(tmp_path, doc) -> str:
    path = tmp_path / "claims.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return str(path)


@pytest.mark.parametrize(
    "doc, message",
    [
        ({"schema": "symseesaw-claims/1", "claims": 5}, "'claims' must be a list"),
        ({"schema": "symseesaw-claims/1", "claims": [5]}, "claim 1 must be an object"),
        ({"schema": "symseesaw-claims/1", "order": {"epsilon": -1},
          "claims": [{"quantity": "U[1,2]", "formula": "epsilon"}]}, "must be >= 0"),
        ({"schema": "symseesaw-claims/1",
          "claims": [{"quantity": "U[1,2]", "formula": "e", "order": {"e": 2.5}}]},
         "non-negative integer"),
        ({"schema": "symseesaw-claims/1", "claims": [{"quantity": "U[1,2]", "formula": 3.0}]},
         "must be a string"),
        ({"schema": "symseesaw-claims/1", "claims": []}, "no claims"),
        ('{"schema": "symseesaw-claims/1", "claims": [{"formula": NaN}]}', "NaN"),
        ('{"a": ' * 5000 + "1" + "}" * 5000, "nested too deeply"),
    ],
)
def test_malformed_json_claim_files_are_input_errors(tmp_path, doc, message):
    with pytest.raises(InputError, match=message):
        read_claims(_claims_json(tmp_path, doc))


def test_negative_order_in_text_claim_file_is_refused():
    with pytest.raises(InputError, match=">= 0|non-negative"):
        parse_claims("order: epsilon=-2\nquantity: m[1]\nepsilon\n")


def test_huge_claim_file_stops_after_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:  # a sparse 50 MB file: cheap to create
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="larger than"):
        read_claims(path)


def test_dev_zero_is_refused_without_reading_it_all():
    with pytest.raises(InputError, match="larger than"):
        read_claims("/dev/zero")


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "bin.txt"
    path.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(InputError, match="not UTF-8"):
        read_claims(path)


def test_matrix_file_limits_apply(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text("[[0, a**(2048*2048*1024)], [a**(2048*2048*1024), M]]")
    with pytest.raises(InputError, match="too large"):
        read_matrix(path)
    with pytest.raises(InputError, match="nested too deeply"):
        parse_matrix("[" * 300 + "]" * 300, [], allow_unknown=True)
