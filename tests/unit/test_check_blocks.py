"""Checking claims against a blocks-mode model (issue 9 item 5: ``check --model`` in blocks mode).

The claims are written here from the Grimus-Lavoura closed forms (hep-ph/0007011):
with ``M = [[0, D], [D^T, M_R]]`` and ``M_R = M`` a number,

* ``m_light = -D D^T / M + (D D^dagger D D^T + (D D^dagger D D^T)^T) / (2 M^3)``,
* ``Theta = B^* = D^* / M`` at first order, ``eta = Theta Theta^dagger / 2``,

so the expected verdicts do not come from the engine under test.
"""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw.check import Claim, check_formula
from symseesaw.cli import main

eps = sp.Symbol("epsilon", positive=True)
M = sp.Symbol("M", positive=True)
a, b = sp.symbols("a b")  # complex Yukawas
D = eps * sp.Matrix([a, b])
MATRIX = sp.BlockMatrix([[sp.zeros(2), D], [D.T, sp.Matrix([[M]])]]).as_explicit()
DDD = D * D.H * D * D.T
LIGHT_GL = (-D * D.T / M + (DDD + DDD.T) / (2 * M**3)).applyfunc(sp.expand)
THETA = (D.conjugate() / M).applyfunc(sp.expand)
ETA = (THETA * THETA.H / 2).applyfunc(sp.expand)

MODEL = """format = "symseesaw-model/1"
name = "type1-2plus1-complex"
n_light = 2
mode = "blocks"
matrix = [
  ["0", "0", "epsilon*a"],
  ["0", "0", "epsilon*b"],
  ["epsilon*a", "epsilon*b", "M"],
]
[small]
epsilon = 2
[symbols]
M = { positive = true }
a = { complex = true }
b = { complex = true }
"""


def check(quantity: str, formula, order: int = 2):
    return check_formula(Claim(quantity, formula, {"epsilon": order}), MATRIX, 2, {eps: order},
                         mode="blocks")


def verdicts(comparisons) -> list[str]:
    return [c.verdict for c in comparisons]


def test_grimus_lavoura_light_block_to_relative_order_two_agrees():
    assert verdicts(check("light_mass_matrix", LIGHT_GL)) == ["agrees"] * 4


def test_light_block_without_the_one_half_differs_at_eps4_naming_the_coefficient():
    wrong = (-D * D.T / M + (DDD + DDD.T) / M**3).applyfunc(sp.expand)
    (c,) = check("light_mass_matrix[1,2]", wrong[0, 1])
    assert c.verdict == "differs" and c.lowest_differing_order == {"epsilon": 4}
    correct = sp.expand(LIGHT_GL[0, 1].coeff(eps, 4))
    assert sp.expand(sp.sympify(c.derived).coeff(eps, 4) - correct) == 0


def test_seesaw_formula_alone_agrees_at_leading_order_and_differs_at_order_two():
    leading = (-D * D.T / M).applyfunc(sp.expand)
    assert verdicts(check("light_mass_matrix", leading, order=0)) == ["agrees"] * 4
    assert "differs" in verdicts(check("light_mass_matrix", leading, order=2))


def test_theta_eta_and_w_entries_agree_with_closed_forms():
    assert verdicts(check("Theta", THETA, order=1)) == ["agrees"] * 2
    assert verdicts(check("eta", ETA)) == ["agrees"] * 4
    (w13,) = check("W[1,3]", THETA[0, 0], order=1)
    assert w13.verdict == "agrees"


def test_theta_without_the_conjugate_differs():
    (c,) = check("Theta[1,1]", eps * a / M, order=1)
    assert c.verdict == "differs" and c.lowest_differing_order == {"epsilon": 1}


def test_mixing_claim_against_blocks_mode_is_a_clear_error():
    with pytest.raises(ValueError, match='mode = "blocks" computes no mixing matrix U'):
        check("U[1,1]", "1")


def test_block_quantity_against_full_mode_is_a_clear_error():
    with pytest.raises(ValueError, match="light_mass_matrix is a quantity of blocks mode"):
        check_formula(Claim("light_mass_matrix[1,1]", "0"), MATRIX, 2, {eps: 2})


@pytest.mark.parametrize("quantity, formula, message", [
    ("Theta", "[[1, 2]]", "claimed Theta is 1x2, the derived one is 2x1"),
    ("W[4,1]", "1", r"entry W\[4,1\] is outside the 3x3 matrix W"),
    ("W[2]", "1", r"needs a row and a column"),
])
def test_bad_block_claims_are_named(quantity, formula, message):
    with pytest.raises(ValueError, match=message):
        check(quantity, formula)


# ------------------------------------------------------------------------------ the CLI
@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "model.toml"
    path.write_text(MODEL)
    return path


def run(tmp_path, model_file, text: str) -> int:
    claims = tmp_path / "claims.txt"
    claims.write_text(text)
    return main(["check", str(claims), "--model", str(model_file), "--quiet"])


def test_cli_checks_a_blocks_mode_model_exit_0_when_claims_agree(tmp_path, model_file, capsys):
    text = ("order: epsilon=2\nquantity: eta[1,2]\n" + str(ETA[0, 1]) + "\n"
            "quantity: light_mass_matrix[2,2]\n" + str(LIGHT_GL[1, 1]) + "\n")
    assert run(tmp_path, model_file, text) == 0
    assert "2 agrees, 0 differs" in capsys.readouterr().out


def test_cli_blocks_mode_exit_1_when_a_claim_differs(tmp_path, model_file, capsys):
    text = "order: epsilon=2\nquantity: light_mass_matrix[1,1]\n-epsilon**2*a**2/M\n"
    assert run(tmp_path, model_file, text) == 1
    assert "differs" in capsys.readouterr().out


def test_cli_blocks_mode_exit_2_for_a_mixing_claim(tmp_path, model_file, capsys):
    assert run(tmp_path, model_file, "quantity: m[1]\n0\n") == 2
    assert 'mode = "blocks" computes no mixing matrix U' in capsys.readouterr().err
