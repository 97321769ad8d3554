"""Identifiers name exactly one symbol (issue 13 item 3): primes count, reserved words are
refused as names unless declared, misspelled names are errors with suggestions."""

from __future__ import annotations

import pytest
import sympy as sp
from testkit.paper_names import e1, e2, m20, u, u1, u2

from symseesaw.check import check_against, check_formula, read_matrix
from symseesaw.parsing import (
    InputError,
    SymbolTable,
    find_small_parameter,
    parse_latex,
    parse_matrix,
    parse_sympy,
    resolve_symbol_names,
    symbol_identifiers,
)


def test_u_u_prime_and_u_double_prime_are_three_identifiers():
    table = SymbolTable([u, u1, u2])
    assert parse_sympy("u", table) == u
    assert parse_sympy("u'", table) == u1
    assert parse_sympy("u''", table) == u2
    assert parse_latex(r"u^{\prime\prime} u' u", table) == u * u1 * u2


def test_forgotten_prime_is_an_error_that_suggests_the_primed_names():
    table = SymbolTable([u1, u2])
    with pytest.raises(InputError, match=r"unknown symbol 'u'; did you mean u' or u''\?"):
        parse_sympy("2*u", table)
    with pytest.raises(InputError, match=r"did you mean u' or u''\?"):
        parse_latex(r"2 u", table)


def test_json_identifiers_of_primed_names_are_not_the_unprimed_name():
    idents = symbol_identifiers([u1, u2, m20])
    assert idents == {u1: "u_prime", u2: "u_prime_prime", m20: "m_2__0"}
    # and they read back as the same symbols
    assert parse_sympy("u_prime*m_2__0", [u1, u2, m20]) == u1 * m20


def test_seed001_claim_without_prime_is_refused_not_aliased():
    with pytest.raises(InputError, match="did you mean u' or u''"):
        check_against("seed001-no", "w_2*u*lambda**(2*F_2)", quantity="m[4]")


def test_seed001_claim_with_the_wrong_prime_differs():
    cs = check_against("seed001-no", "w_2*u''*lambda**(2*F_2)", quantity="m[4]")
    assert cs[0].verdict == "differs"
    assert "your coefficient" in cs[0].note and "u'*w_2" in cs[0].note


@pytest.mark.parametrize("text", ["[[0, E*a], [E*a, M]]", "[[0, I*a], [I*a, M]]",
                                  "[[0, pi*a], [pi*a, M]]"])
def test_reserved_words_in_a_matrix_file_are_refused(text):
    with pytest.raises(InputError, match="reserved word"):
        parse_matrix(text, [], allow_unknown=True)


@pytest.mark.parametrize("text", [r"\begin{pmatrix} 0 & i a \\ i a & M \end{pmatrix}",
                                  r"\begin{pmatrix} 0 & e^{a} \\ e^{a} & M \end{pmatrix}",
                                  r"\begin{pmatrix} 0 & \pi a \\ \pi a & M \end{pmatrix}"])
def test_reserved_latex_constants_in_a_matrix_file_are_refused(text):
    with pytest.raises(InputError, match="reserved word"):
        parse_matrix(text, [], allow_unknown=True)


def test_declared_reserved_word_is_a_symbol():
    M = parse_matrix("[[0, E*a], [E*a, M]]", [], allow_unknown=True, reserved_as_symbols=["E"])
    assert {s.name for s in M.free_symbols} == {"E", "a", "M"}
    assert not M.has(sp.E)
    matrix, table = read_matrix("[[0, E*a], [E*a, M]]", reserved_as_symbols=["E"])
    assert table["E"].is_positive


def test_constants_in_claims_are_constants():
    a = sp.Symbol("a")
    assert parse_sympy("E**2 + I*pi", [a]) == sp.exp(2) + sp.I * sp.pi
    assert parse_latex(r"e^{2} + i\pi", [a]) == sp.exp(2) + sp.I * sp.pi


def test_misspelled_complex_name_is_an_error():
    with pytest.raises(InputError, match=r"--complex: unknown symbol 'yy'.*did you mean y"):
        read_matrix("[[0, eps*y*M], [eps*y*M, M]]", small=["eps"], complex_symbols=["yy"])
    _, table = read_matrix("[[0, eps*y*M], [eps*y*M, M]]", small=["eps"], complex_symbols=["y"])
    assert table["y"].is_positive is None and table["M"].is_positive


def test_resolve_symbol_names_for_the_cli():
    y1, y2 = sp.Symbol("y_1"), sp.Symbol("y_2")
    assert resolve_symbol_names(["y_1", r"y_{2}"], [y1, y2]) == [y1, y2]
    with pytest.raises(InputError, match="y_3"):
        resolve_symbol_names(["y_3"], [y1, y2])


@pytest.mark.parametrize(
    "constant, right, wrong",
    [
        (sp.E, ["-epsilon**2*exp(2)*M", "-epsilon^2*E**2*M", r"-\epsilon^2 e^{2} M"],
         "-epsilon**2*exp(3)*M"),
        (sp.exp(sp.Rational(1, 2)), ["-E*epsilon**2*M"], "-exp(1/2)*epsilon**2*M"),
        (sp.pi, ["-pi**2*epsilon**2*M", r"-\pi^2 \epsilon^2 M"], "-pi*epsilon**2*M"),
        (sp.sqrt(3), ["-3*epsilon**2*M", "-sqrt(3)**2*epsilon**2*M",
                      r"-\sqrt{3}\sqrt{3}\epsilon^2 M"], "-2*epsilon**2*M"),
    ],
)
def test_claims_with_constants_compare_correctly(constant, right, wrong):
    eps, M = sp.Symbol("epsilon", positive=True), sp.Symbol("M", positive=True)
    matrix = sp.Matrix([[0, eps * constant * M], [eps * constant * M, M]])
    for claim in right:
        assert check_formula(claim, matrix, 1, {eps: 1}, quantity="m[1]")[0].verdict == "agrees"
    c = check_formula(wrong, matrix, 1, {eps: 1}, quantity="m[1]")[0]
    assert c.verdict == "differs" and "your coefficient" in c.note


def test_an_order_names_a_small_parameter_by_its_name_or_its_short_spelling():
    assert find_small_parameter("epsilon_2", [e1, e2]) is e2
    assert find_small_parameter("eps_2", [e1, e2]) is e2
    assert find_small_parameter("eps1", ["epsilon_1", "epsilon_2"]) == "epsilon_1"


def test_an_unknown_small_parameter_is_refused_naming_the_known_ones():
    with pytest.raises(InputError, match=r"unknown small parameter 'eta' in the order; "
                                         r"known: epsilon_1, epsilon_2"):
        find_small_parameter("eta", [e1, e2])
