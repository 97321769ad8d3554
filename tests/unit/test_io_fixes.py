"""Output, model-file and API defects found by a new-user trial (fix-io brief)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
import sympy as sp

from symseesaw.check.claims import Claim, parse_claims_json
from symseesaw.cli import main
from symseesaw.facade import lambdify, prove
from symseesaw.modelfile import ModelFileError, derive_model, parse_model
from symseesaw.output.atomic import UnsafeOutputError, write_atomic
from symseesaw.output.json_io import read_json, result_from_json, result_to_json, write_json
from symseesaw.parsing import InputError
from symseesaw.registry import load_registry
from symseesaw.result import ProofReport


# ------------------------------------------------------------ 1. special files
def _fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    return fifo


@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_is_never_replaced_by_a_regular_file(tmp_path, force):
    fifo = _fifo(tmp_path)
    with pytest.raises(UnsafeOutputError, match="not a regular file.*choose a regular file"):
        write_atomic(fifo, "data", force=force)
    assert fifo.is_fifo()


def test_cli_json_to_a_fifo_is_exit_2_naming_the_path(tmp_path, capsys):
    fifo = _fifo(tmp_path)
    code = main(["derive", "seed001-no", "--json", str(fifo), "--force"])
    err = capsys.readouterr().err
    assert code == 2
    assert str(fifo) in err and "regular file" in err and len(err.strip().splitlines()) == 1
    assert fifo.is_fifo()


# ------------------------------------------------- 2. complex base-point values
def test_complex_base_point_round_trips_through_json(tmp_path):
    from unit.test_json_io import make_result

    result = make_result()
    result.proof = ProofReport(direction={"epsilon_1": 1.0},
                               base_point={"m_2^(0)": 2.0, "a": complex(0.5, -0.25)}, dps=40)
    write_json(result, tmp_path / "r.json")
    doc = json.loads((tmp_path / "r.json").read_text())
    assert doc["proof"]["base_point"]["a"] == {"re": 0.5, "im": -0.25}
    back = result_from_json(read_json(tmp_path / "r.json"))
    assert back.proof.base_point["a"] == complex(0.5, -0.25)
    assert back.proof.base_point["m_2^(0)"] == 2.0
    assert result_to_json(back)["proof"] == doc["proof"]


# ------------------------------------------------ 4, 6. model-file input errors
def _model(entry: str, symbol_line: str = "M = { positive = true }") -> str:
    return ("format = \"symseesaw-model/1\"\nn_light = 1\n"
            f"matrix = [[\"0\", \"epsilon*M\"], [\"epsilon*M\", {entry}]]\n"
            f"[small]\nepsilon = 2\n[symbols]\n{symbol_line}\n")


@pytest.mark.parametrize("literal", ["nan", "inf", "-inf", "1e400"])
def test_non_finite_matrix_entry_is_an_input_error_naming_key_and_line(literal):
    with pytest.raises(ModelFileError, match=r"^m\.toml:3: matrix\[2\]\[2\]: .*not a finite"):
        parse_model(_model(literal), "m.toml")


def test_finite_float_entry_is_still_read_exactly():
    spec = parse_model(_model("2.5"), "m.toml")
    assert spec.mass_matrix[1, 1] == sp.Rational(5, 2)


def test_positive_and_not_real_is_a_contradiction():
    with pytest.raises(ModelFileError, match=r"m\.toml:7: symbols\.M: positive = true "
                                             "contradicts real = false"):
        parse_model(_model('"M"', "M = { positive = true, real = false }"), "m.toml")


# ------------------------------------------------------ 7. one API for every result
TOY = _model('"M"')
TOY_BLOCKS = TOY.replace("n_light = 1", 'n_light = 1\nmode = "blocks"')
EPS, M = sp.Symbol("epsilon", positive=True), sp.Symbol("M", positive=True)


@pytest.fixture(scope="module")
def toy_blocks():
    return derive_model(parse_model(TOY_BLOCKS))


def test_prove_of_a_model_result_without_base_point_names_prove_model():
    result = derive_model(parse_model(TOY, "toy.toml"))
    with pytest.raises(ValueError, match="needs base_point=.*prove_model"):
        prove(result)


def test_prove_of_a_blocks_model_result_proves_its_blocks_and_stores_the_report(toy_blocks):
    report = prove(toy_blocks, base_point={M: 1.3}, dps=30)
    assert report.passed and toy_blocks.proof is report
    assert report.slopes and all(s.passed for s in report.slopes)


def test_lambdify_of_a_blocks_model_result_evaluates_w_by_keyword(toy_blocks):
    W = lambdify(toy_blocks, "W")
    t, m = 1e-3, 2.0
    by_name = np.asarray(W(epsilon=t, M=m), dtype=complex)
    by_position = np.asarray(W(*[{"epsilon": t, "M": m}[s.name] for s in W.symbols]),
                             dtype=complex)
    assert np.allclose(by_name, by_position)
    mass = np.array([[0, t * m], [t * m, m]])
    block = by_name.T @ mass @ by_name
    assert abs(block[0, 1]) < 10 * t**3 * m  # off-diagonal block left at O(eps^3) only
    assert abs(block[0, 0] + t**2 * m) < 1e-5 * t**2 * m  # light mass -eps^2 M (1 + O(eps^2))


def test_lambdify_of_a_blocks_model_rejects_unknown_keyword(toy_blocks):
    with pytest.raises(TypeError, match="unknown names \\['x'\\]"):
        lambdify(toy_blocks, "W")(epsilon=0.1, M=1.0, x=2.0)


# ------------------------------------- 3. every registered derivation's JSON reads back
#: Derivations whose derive() costs over 1 s of CPU here (seed000-loops ~6 s,
#: seed001-appendix ~4 s) are left to ``symseesaw reproduce``; the others are cheap.
SLOW_DERIVATIONS = {"seed000-loops", "seed001-appendix"}


@pytest.mark.parametrize("name", sorted(set(load_registry()) - SLOW_DERIVATIONS))
def test_registered_derivation_json_round_trips(name, tmp_path):
    result = load_registry()[name].derive()
    write_json(result, tmp_path / "r.json")
    doc = read_json(tmp_path / "r.json")
    back = result_from_json(doc)
    def same(a, b):
        return all(sp.expand(x - y) == 0 for x, y in zip(sp.flatten(a), sp.flatten(b),
                                                          strict=True))

    assert same(back.mass_matrix, result.mass_matrix)
    assert same(back.mixing_matrix, result.mixing_matrix)
    assert same(back.masses, result.masses)
    assert [c.verdict for c in back.comparisons] == [c.verdict for c in result.comparisons]
    for key, value in result.definitions.items():  # matrices as matrices, not 'Matrix([' text
        assert isinstance(back.definitions[key], sp.MatrixBase) == isinstance(
            value, sp.MatrixBase)
        assert same(sp.Matrix([back.definitions[key]]), sp.Matrix([value]))


# ---------------------------------------------- 5. a model's LaTeX names in claims
LATEX_MODEL = """\
format = "symseesaw-model/1"
n_light = 1
matrix = [["0","epsilon*yp*v"],["epsilon*yp*v","M"]]
[small]
epsilon = 2
[symbols]
yp = { positive = true, latex = "y'_1" }
v = { positive = true, latex = "v_u" }
M = { positive = true, latex = "M_{R}" }
"""


@pytest.mark.parametrize(("factor", "verdict"), [("", "agrees"), ("2", "differs")])
def test_claim_in_the_models_latex_names_is_judged(tmp_path, capsys, factor, verdict):
    (tmp_path / "m.toml").write_text(LATEX_MODEL)
    (tmp_path / "c.txt").write_text(
        "quantity: m[1]\n" f"-\\frac{{{factor}\\epsilon^2 y'_1^2 v_u^2}}{{M_{{R}}}}"
        " + \\frac{\\epsilon^4 y'_1^4 v_u^4}{M_R^3}\n")
    code = main(["check", str(tmp_path / "c.txt"), "--model", str(tmp_path / "m.toml")])
    out = capsys.readouterr().out
    assert f"1 {verdict}" in out and code == (0 if verdict == "agrees" else 1)


# --------------------------------------------- 6. inputs that were silently ignored
def _check_error(tmp_path, capsys, claim_text: str, *extra: str) -> str:
    (tmp_path / "m.toml").write_text(TOY)
    (tmp_path / "c.txt").write_text(claim_text)
    code = main(["check", str(tmp_path / "c.txt"), "--model", str(tmp_path / "m.toml"),
                 *extra])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    return err


def test_against_line_with_model_is_refused(tmp_path, capsys):
    err = _check_error(tmp_path, capsys, "against: seed001-no\nquantity: m[1]\n-epsilon**2*M\n")
    assert "against: seed001-no" in err and "--model" in err


@pytest.mark.parametrize("flags", [["--light", "1"], ["--complex", "M"]])
def test_matrix_only_flags_with_model_are_refused(tmp_path, capsys, flags):
    err = _check_error(tmp_path, capsys, "quantity: m[1]\n-epsilon**2*M\n", *flags)
    assert f"{flags[0]} does not apply to --model" in err


@pytest.mark.parametrize(("doc", "key"), [
    ({"claims": [{"quantity": "m[1]", "formula": "m", "colour": 1}]}, "colour"),
    ({"claims": [{"quantity": "m[1]", "formula": "m"}], "oder": {"epsilon": 2}}, "oder"),
])
def test_unknown_key_in_a_json_claim_file_is_refused(doc, key):
    text = json.dumps({"schema": "symseesaw-claims/1", **doc})
    with pytest.raises(InputError, match=f"unknown key '{key}'"):
        parse_claims_json(text)


# ------------------------------------------------------------------------ 8. nits
def test_closed_stdout_pipe_still_writes_the_json_and_exits_0(tmp_path):
    target = tmp_path / "x.json"
    proc = subprocess.Popen([sys.executable, "-m", "symseesaw", "derive", "seed001-no",
                             "--json", str(target)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tmp_path)
    proc.stdout.close()  # the reader is gone before the first line (like `| head -0`)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert read_json(target)["name"] == "seed001-no"
    assert b"proof failed" not in err and b"Traceback" not in err


def test_audit_reports_each_written_file_once_on_stderr(tmp_path, capsys):
    assert main(["audit", "seed001-no", "--out-dir", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "wrote" not in captured.out
    for kind in ("md", "tex", "json"):
        assert captured.err.count(f"seed001-no-audit.{kind}") == 1


def test_control_characters_of_a_model_name_are_escaped_in_the_output(tmp_path, capsys):
    (tmp_path / "m.toml").write_text(TOY.replace("n_light = 1",
                                                 'name = "a\\u001b[31mRED"\nn_light = 1'))
    assert main(["derive", "--model", str(tmp_path / "m.toml")]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err
    assert "a\\x1b[31mRED" in captured.out


def test_a_hanging_pdflatex_is_stopped_with_a_clear_error(tmp_path, monkeypatch):
    from symseesaw.output import latex as latex_output

    fake = tmp_path / "bin" / "pdflatex"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nsleep 1000 &\nwait\n")  # a child that holds the pipes
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(latex_output, "TOOL_TIMEOUT", 0.5)
    with pytest.raises(latex_output.LatexError, match="pdflatex did not finish within 0.5 s"):
        latex_output.compile_pdf("\\documentclass{article}\\begin{document}x\\end{document}")


def test_proof_table_shows_a_zero_mode_by_name_not_as_inf():
    from symseesaw.cli.derive import format_proof
    from symseesaw.result import SlopeMeasurement

    report = ProofReport(direction={}, base_point={}, dps=50, slopes=[
        SlopeMeasurement("light singular value 1", 3.0, float("inf"), [0.0] * 3,
                         [0.1, 0.05, 0.025], status="zero mode"),
        SlopeMeasurement("light singular value 2", 3.0, 4.005, [1e-3] * 3, [0.1, 0.05, 0.025])])
    rows = format_proof(report).splitlines()
    assert "zero mode" in rows[2] and "inf" not in rows[2]
    assert "4.005" in rows[3]


def test_a_mass_claims_order_is_said_to_be_relative_with_its_absolute_reach():
    from symseesaw.check import check_formula

    spec = parse_model(TOY)
    claim = Claim("m[1]", "-epsilon**2*M + 3*epsilon**4*M", {"epsilon": 2}, "sympy")
    [c] = check_formula([claim], spec.mass_matrix, 1, spec.small)
    assert c.verdict == "differs" and c.lowest_differing_order == {"epsilon": 4}
    assert "claimed to epsilon^2 beyond the leading term (up to epsilon^4 absolute)" in c.note
    assert "coefficient 3*M" in c.note and "correct coefficient M" in c.note


def test_progress_escapes_user_text_but_lets_tqdm_move_the_cursor():
    import io

    from symseesaw.cli import _SafeStream
    from symseesaw.cli._common import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    progress = Progress(stream=_SafeStream(terminal))
    with progress.step("model \x1b[31mRED: deriving"):
        counter = progress.bar(2, "steps")
        counter.update(1)
        counter.close()
    shown = terminal.getvalue()
    assert "model \\x1b[31mRED" in shown and "\x1b[31m" not in shown
    assert "\x1b[A" in shown  # tqdm's own cursor-up reaches the terminal unescaped
