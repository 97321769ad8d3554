"""The formula checker: claim files, registered derivations, model-free mode, CLI."""

from __future__ import annotations

import json

import pytest
import sympy as sp

from symseesaw.check import (
    Claim,
    check_against,
    check_formula,
    parse_claims,
    read_claims,
    read_matrix,
)
from symseesaw.cli import main

EPS = sp.Symbol("epsilon", positive=True)
MM = sp.Symbol("M", positive=True)
SEESAW = sp.Matrix([[0, EPS * MM], [EPS * MM, MM]])


def test_parse_claims_format():
    cf = parse_claims(
        "# comment\nagainst: seed001-no\norder: epsilon_1=2, epsilon_2=1\n\n"
        "quantity: U[1,4]\nlabel: Eq. 3\n\\epsilon_1\n\n"
        "quantity: masses\norder: epsilon_1=1\nformula: [0, 1]\n"
    )
    assert cf.against == "seed001-no" and cf.order == {"epsilon_1": 2, "epsilon_2": 1}
    assert [c.quantity for c in cf.claims] == ["U[1,4]", "masses"]
    assert cf.claims[0].label == "Eq. 3" and cf.claims[0].text == "\\epsilon_1"
    assert cf.claims[0].order == {"epsilon_1": 2, "epsilon_2": 1}
    assert cf.claims[1].order == {"epsilon_1": 1} and cf.claims[1].text == "[0, 1]"
    assert cf.claims[0].kind == ("U", (1, 4))
    # a bare matrix is a claim on U
    assert parse_claims("\\begin{pmatrix}1\\end{pmatrix}").claims[0].kind == ("U", ())


def test_trailing_comments_are_dropped_from_keys_and_formulas_as_the_docs_write_them():
    cf = parse_claims(
        "against: seed001-no                  # optional (or --against)\n"
        "order: epsilon_1=2, epsilon_2=2      # default order (optional)\n"
        "syntax: auto                         # auto | latex | sympy\n\n"
        "quantity: m[2]                       # one mass (1-based)\n"
        "label: Eq. 22                        # optional\n"
        "m_2^{(0)} \\\\                            # a LaTeX line break, then a comment\n"
    )
    assert cf.against == "seed001-no" and cf.order == {"epsilon_1": 2, "epsilon_2": 2}
    claim = cf.claims[0]
    assert claim.syntax == "auto"
    assert claim.kind == ("m", (2,)) and claim.label == "Eq. 22"
    assert claim.text == "m_2^{(0)} \\\\"


def test_an_escaped_hash_is_kept_in_a_formula():
    assert parse_claims("quantity: m[1]\n\\#x # note\n").claims[0].text == "\\#x"


@pytest.mark.parametrize(
    "text",
    ["quantity: V\n1", "quantity: U[1]\n1", "order: eps\nquantity: U\n1", "just text", "quantity: U\n"],
)
def test_parse_claims_errors(text):
    with pytest.raises(ValueError):
        parse_claims(text)


def test_json_claims(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({
        "schema": "symseesaw-claims/1",
        "order": {"epsilon": 1},
        "claims": [{"quantity": "U", "formula": [["1", "epsilon"], ["-epsilon", "1"]]},
                   {"quantity": "m[1]", "formula": "-epsilon^2*M"}],
    }))
    cf = read_claims(path)
    cs = check_formula(cf, SEESAW, 1, {EPS: 1})
    assert [c.verdict for c in cs] == ["agrees"] * 5


def test_model_free_agrees_and_differs():
    good = r"\begin{pmatrix} 1 - \frac12\epsilon^2 & \epsilon \\ -\epsilon & 1 - \frac{1}{2}\epsilon^2 \end{pmatrix}"
    assert {c.verdict for c in check_formula(good, SEESAW, 1, {"epsilon": 2})} == {"agrees"}
    bad = check_formula("[-epsilon^2*M, M*(1+epsilon^2)]", SEESAW, 1, {EPS: 2}, quantity="masses")
    assert [c.verdict for c in bad] == ["differs", "agrees"]
    assert bad[0].lowest_differing_order == {"epsilon": 4}
    assert "correct coefficient M" in bad[0].note


def test_model_free_rederives_beyond_order():
    cs = check_formula(r"\epsilon - \frac{3}{2}\epsilon^3", SEESAW, 1, {EPS: 1}, quantity="U[1,2]",
                       )
    assert cs[0].verdict == "agrees"  # compared at order 1 (the claim's default)
    cs = check_formula(Claim("U[1,2]", r"\epsilon - \frac{1}{2}\epsilon^3", {"epsilon": 3}),
                       SEESAW, 1, {EPS: 1})
    assert cs[0].verdict == "differs" and cs[0].lowest_differing_order == {"epsilon": 3}
    cs = check_formula(Claim("U[1,2]", r"\epsilon", {"epsilon": 9}), SEESAW, 1, {EPS: 1},
                       max_order=2)
    assert cs[0].verdict == "ambiguous" and "limit 2" in cs[0].note


def test_against_seed001_with_definitions():
    cs = check_against("seed001-no", r"m_2^{(0)}(1 - 3\epsilon_1^2)", quantity="m[2]")
    assert cs[0].verdict == "agrees"
    cs = check_against("seed001-no", "m_2^(0)*(1 - 2*epsilon_1**2)", quantity="m[2]")
    assert cs[0].verdict == "differs" and cs[0].lowest_differing_order["epsilon_1"] == 4
    # written in the model symbols: y_2 is eliminated through the definition of epsilon_1
    cs = check_against("seed001-no", r"\frac{y_2 v' v_u}{\Lambda} \lambda^{F_2}", quantity="U[1,4]",
                       order={"epsilon_1": 1})
    assert cs[0].verdict == "differs"  # M_D / M_R is epsilon_1; this is epsilon_1 * M_R entry


def test_against_rederives(capsys):
    messages = []
    cs = check_against("seed001-no", r"\epsilon_1 - \frac{9}{2}\epsilon_1^3", quantity="U[1,4]",
                       order={"epsilon_1": 3}, progress=messages.append)
    assert cs[0].verdict == "agrees"
    assert any("order" in m for m in messages)


def test_unknown_small_parameter():
    with pytest.raises(ValueError, match="unknown small parameter"):
        check_against("seed001-no", "epsilon_1", quantity="U[1,4]", order={"zeta": 1})


def test_read_matrix(tmp_path):
    path = tmp_path / "M.tex"
    path.write_text(r"M = \begin{pmatrix} 0 & \epsilon M \\ \epsilon M & M \end{pmatrix}")
    M, table = read_matrix(path, small=["epsilon"])
    assert M == SEESAW and table["epsilon"] == EPS
    with pytest.raises(ValueError, match="do not occur"):
        read_matrix(path, small=["eps"])


# ------------------------------------------------------------------------------ CLI
def test_cli_check_against(tmp_path, capsys):
    claims = tmp_path / "claims.txt"
    claims.write_text(
        "against: seed001-no\norder: epsilon_1=2, epsilon_2=2\n\n"
        "quantity: U[1,4]\n\\epsilon_1\n\n"
        "quantity: m[3]\nm_3^{(0)} (1 - 2\\epsilon_2^2)\n"
    )
    out_json = tmp_path / "v.json"
    assert main(["check", str(claims), "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    assert "2 agrees, 0 differs, 0 ambiguous" in out
    doc = json.loads(out_json.read_text())
    assert doc["schema"] == "symseesaw-audit/1" and doc["derivation"] == "seed001-no"
    claims.write_text("quantity: m[3]\nm_3^{(0)} (1 - 3\\epsilon_2^2)\n")
    assert main(["check", str(claims), "--against", "seed001-no"]) == 1
    assert "differs: m[3] (3)" in capsys.readouterr().out


def test_cli_check_matrix(tmp_path, capsys):
    (tmp_path / "M.txt").write_text("[[0, epsilon*M], [epsilon*M, M]]")
    (tmp_path / "c.txt").write_text("quantity: masses\n[-epsilon^2*M, M]\n")
    argv = ["check", str(tmp_path / "c.txt"), "--matrix", str(tmp_path / "M.txt"), "--light", "1"]
    assert main(argv + ["--order", "epsilon=1"]) == 0
    capsys.readouterr()
    assert main(argv + ["--order", "epsilon=2"]) == 1


@pytest.mark.parametrize(
    "extra, content",
    [
        ([], "quantity: U[1,1]\n1\n"),  # nothing to check against
        (["--against", "nope"], "quantity: U[1,1]\n1\n"),
        (["--against", "seed001-no"], "quantity: U[9,9]\n1\n"),
        (["--against", "seed001-no"], "quantity: U[1,1]\n__import__('os').system('x')\n"),
        (["--against", "seed001-no"], "quantity: U[1,1]\n\\input{x}\n"),
        (["--against", "seed001-no", "--order", "zeta=1"], "quantity: U[1,1]\n1\n"),
        (["--matrix", "missing.txt", "--light", "1", "--order", "e=1"], "quantity: U[1,1]\n1\n"),
    ],
)
def test_cli_check_usage_errors(tmp_path, capsys, extra, content):
    claims = tmp_path / "c.txt"
    claims.write_text(content)
    assert main(["check", str(claims), *extra]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if not line.startswith("[")]  # progress lines
    assert len(errors) == 1 and errors[0].startswith("symseesaw: error: "), err
    assert "Traceback" not in err


def test_cli_check_missing_file(capsys):
    assert main(["check", "/nonexistent/claims.txt", "--against", "seed001-no"]) == 2


TYPE_I_II_SYMBOLS = sp.symbols("delta L", positive=True)
Y_COMPLEX = sp.Symbol("y")  # complex Yukawa


def _type_i_plus_ii_mass_claim(sign: str) -> list:
    delta, big_l = TYPE_I_II_SYMBOLS
    matrix = sp.Matrix([[delta * big_l, EPS * Y_COMPLEX * MM], [EPS * Y_COMPLEX * MM, MM]])
    claim = Claim("m[1]", rf"\delta L - \epsilon^2 y^2 M {sign} \delta L \epsilon^2 |y|^2"
                  r" + \epsilon^4 |y|^2 y^2 M",
                  {"epsilon": 2, "delta": 0})
    return check_formula([claim], matrix, 1, {EPS: 2, delta: 1})


def test_a_modulus_squared_in_a_mass_with_a_mixed_leading_part_is_y_times_its_conjugate():
    # the light mass of [[delta L, eps y M], [eps y M, M]] keeps delta L and the seesaw
    # term at leading order; its delta eps^2 term is -delta L eps^2 |y|^2 (|y|^2 = y conj(y))
    assert [c.verdict for c in _type_i_plus_ii_mass_claim("-")] == ["agrees"]
    wrong = _type_i_plus_ii_mass_claim("+")
    assert [c.verdict for c in wrong] == ["differs"]
    assert "conjugate(y)" in wrong[0].note


def test_an_entry_outside_the_matrix_is_refused_naming_the_1_based_indices():
    with pytest.raises(ValueError, match=r"U\[0,1\] is outside the 2x2 mixing matrix "
                                         r"\(indices are 1-based: 1..2\)"):
        check_formula("epsilon", SEESAW, 1, {EPS: 1}, quantity="U[0,1]")
