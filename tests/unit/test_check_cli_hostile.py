"""Through the CLI, hostile and mistaken input to ``check`` ends in exit code 2 and one line."""

from __future__ import annotations

import json

import pytest

from symseesaw.cli import main

MATRIX = "[[0, epsilon*y*M], [epsilon*y*M, M]]"


def _one_error_line(err: str) -> str:
    errors = [line for line in err.splitlines() if line.startswith("symseesaw: error: ")]
    assert len(errors) == 1, err
    assert "Traceback" not in err
    return errors[0]


@pytest.mark.parametrize(
    "claims, extra, message",
    [
        ("quantity: m[1]\nM**(2048*2048*1024)\n", [], "too large"),
        ("quantity: m[1]\nM 2^{10000}^{10000}^{10000}\n", [], "too large"),
        ("quantity: m[1]\n" + "-" * 150_000 + "M\n", [], "signs in a row"),
        ("quantity: m[1]\n" + "+".join(["M"] * 30_000) + "\n", [], "too large"),
        ("quantity: m[1]\n-epsilon^2*M\n", ["--complex", "yy"], "did you mean y"),
        ("quantity: m[1]\n-epsilon^2*M\n", ["--order", "epsilon=99999999999999999999"],
         "the limit is 50"),
        ("order: epsilon=-1\nquantity: m[1]\n-epsilon^2*M\n", [], ">= 0"),
        (json.dumps({"schema": "symseesaw-claims/1", "claims": 5}), [], "must be a list"),
        (json.dumps({"schema": "symseesaw-claims/1", "order": {"epsilon": -3},
                     "claims": [{"quantity": "m[1]", "formula": "0"}]}), [], ">= 0"),
    ],
)
def test_check_matrix_hostile_input_exits_2_with_one_line(tmp_path, capsys, claims, extra,
                                                          message):
    (tmp_path / "M.txt").write_text(MATRIX)
    (tmp_path / "c.txt").write_text(claims)
    argv = ["check", str(tmp_path / "c.txt"), "--matrix", str(tmp_path / "M.txt"),
            "--light", "1"]
    if "--order" not in extra:
        argv += ["--order", "epsilon=1"] if "order:" not in claims else []
    assert main(argv + extra) == 2
    assert message in _one_error_line(capsys.readouterr().err)


def test_hostile_claim_is_refused_before_the_expansion_starts(tmp_path, capsys):
    (tmp_path / "M.txt").write_text(MATRIX)
    (tmp_path / "c.txt").write_text("quantity: m[1]\nM**(2048*2048*1024)\n")
    argv = ["check", str(tmp_path / "c.txt"), "--matrix", str(tmp_path / "M.txt"),
            "--light", "1", "--order", "epsilon=1"]
    assert main(argv) == 2
    assert "expanding" not in capsys.readouterr().err


def test_check_complex_modulus_agrees_through_the_cli(tmp_path, capsys):
    (tmp_path / "M.txt").write_text(MATRIX)
    (tmp_path / "c.txt").write_text(
        "quantity: m[1]\n-\\epsilon^2 y^2 M + \\epsilon^4 M y^2 |y|^2\n"
    )
    argv = ["check", str(tmp_path / "c.txt"), "--matrix", str(tmp_path / "M.txt"),
            "--light", "1", "--order", "epsilon=2", "--complex", "y"]
    assert main(argv) == 0
    assert "1 agrees, 0 differs" in capsys.readouterr().out


def test_check_reserved_word_in_matrix_file_exits_2(tmp_path, capsys):
    (tmp_path / "M.txt").write_text("[[0, epsilon*E], [epsilon*E, M]]")
    (tmp_path / "c.txt").write_text("quantity: m[1]\n-epsilon^2*M\n")
    argv = ["check", str(tmp_path / "c.txt"), "--matrix", str(tmp_path / "M.txt"),
            "--light", "1", "--order", "epsilon=1"]
    assert main(argv) == 2
    assert "reserved word" in _one_error_line(capsys.readouterr().err)


def test_claim_file_with_bom_is_read(tmp_path, capsys):
    (tmp_path / "M.txt").write_text("[[0, epsilon*M], [epsilon*M, M]]")
    (tmp_path / "c.txt").write_bytes("\ufeffquantity: m[1]\n-epsilon^2*M\n".encode())
    argv = ["check", str(tmp_path / "c.txt"), "--matrix", str(tmp_path / "M.txt"),
            "--light", "1", "--order", "epsilon=1"]
    assert main(argv) == 0
