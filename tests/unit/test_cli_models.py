"""The shipped example model files, run through the CLI: derive, prove, latex, check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sympy as sp

from symseesaw.cli import main
from symseesaw.output.json_io import expressions_from_json

MODELS = Path(__file__).resolve().parents[2] / "docs" / "models"
EXAMPLES = sorted(MODELS.glob("*.toml"))
#: Full-mode examples (blocks-mode examples: tests/unit/test_blocks_cli.py).
FULL_EXAMPLES = [p for p in EXAMPLES if 'mode = "blocks"' not in p.read_text()]


def test_the_four_documented_examples_ship():
    assert {p.stem for p in EXAMPLES} >= {
        "toy-2x2", "type1-3plus2", "inverse-seesaw-1gen", "type1plus2"}


@pytest.mark.parametrize("model", FULL_EXAMPLES, ids=lambda p: p.stem)
def test_prove_model_passes_and_writes_json_and_latex(model, tmp_path, capsys):
    js, tex = tmp_path / "r.json", tmp_path / "r.tex"
    rc = main(["prove", "--model", str(model), "--dps", "30", "--json", str(js),
               "--latex", str(tex)])
    out = capsys.readouterr().out
    assert rc == 0, out
    # two slopes per ray scanned (the balanced ray too when the orders differ)
    assert re.search(r"proof PASSED: (2|4)/\1 slopes at dps=30", out), out
    doc = json.loads(js.read_text())
    assert doc["name"] == model.stem and doc["proof"]["passed"] is True
    assert "\\begin{align}" in tex.read_text()


def test_derive_model_json_round_trips_the_light_mass(tmp_path, capsys):
    js = tmp_path / "toy.json"
    assert main(["derive", "--model", str(MODELS / "toy-2x2.toml"), "--json", str(js)]) == 0
    parsed = expressions_from_json(json.loads(js.read_text()))
    eps, M = sp.symbols("epsilon M", positive=True)
    exact = (M - sp.sqrt(M**2 + 4 * eps**2 * M**2)) / 2
    by_name = {s.name: s for s in parsed["masses"][0].free_symbols}
    light = parsed["masses"][0].subs({by_name["epsilon"]: eps, by_name["M"]: M})
    assert sp.expand(light - sp.series(exact, eps, 0, 7).removeO()) == 0


def test_derive_model_order_override(capsys):
    assert main(["derive", "--model", str(MODELS / "toy-2x2.toml"), "--order", "epsilon=1"]) == 0
    out = capsys.readouterr().out
    assert "m_1 = -M*epsilon**2" in out and "epsilon**4" not in out.split("masses:")[1]


def test_check_against_model_agrees_and_differs_with_your_coefficient(tmp_path, capsys):
    claims = tmp_path / "claims.txt"
    claims.write_text("order: epsilon=2\nquantity: m[1]\n-M*epsilon**2 + M*epsilon**4\n\n"
                      "quantity: m[2]\nM + 2*M*epsilon**2\n")
    rc = main(["check", str(claims), "--model", str(MODELS / "toy-2x2.toml")])
    out = capsys.readouterr().out
    assert rc == 1
    assert "m[1]   (1)    agrees" in out
    assert "your coefficient 2*M, correct coefficient M" in out


def test_check_model_with_latex_claim(tmp_path, capsys):
    claims = tmp_path / "claims.txt"
    claims.write_text("order: epsilon=2\nquantity: m[1]\n"
                      "-\\frac{6 a^2 \\epsilon^2}{M_1} + \\frac{36 a^4 \\epsilon^4}{M_1^3}\n")
    rc = main(["check", str(claims), "--model", str(MODELS / "type1-3plus2.toml")])
    assert rc == 0, capsys.readouterr().out


def test_latex_model_to_stdout(capsys):
    assert main(["latex", "--model", str(MODELS / "type1-3plus2.toml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("% symseesaw derivation type1-3plus2\n")
    assert "M_{2}" in out  # the latex name declared in the file


def test_model_and_name_together_is_a_usage_error(cli_error):
    rc = main(["derive", "seed001-no", "--model", str(MODELS / "toy-2x2.toml")])
    assert "not both" in cli_error(rc)


def test_bad_model_file_is_exit_2_naming_key_and_line(tmp_path, cli_error):
    bad = tmp_path / "bad.toml"
    bad.write_text((MODELS / "toy-2x2.toml").read_text().replace("epsilon = 4", 'epsilon = "4"'))
    err = cli_error(main(["derive", "--model", str(bad)]))
    assert f"{bad}:14: small.epsilon: must be an integer" in err


def test_derive_model_json_records_the_model_files_latex_names(tmp_path, capsys):
    model = tmp_path / "m.toml"
    model.write_text(
        'format = "symseesaw-model/1"\nn_light = 1\n'
        'matrix = [["0", "epsilon*y*M"], ["epsilon*y*M", "M"]]\n'
        "[small]\nepsilon = 1\n"
        '[symbols]\nM = { positive = true }\ny = { complex = true, latex = "y_\\\\nu" }\n')
    js = tmp_path / "m.json"
    assert main(["derive", "--model", str(model), "--json", str(js)]) == 0, capsys.readouterr()
    assert json.loads(js.read_text())["symbols"]["y"]["latex"] == "y_\\nu"
