"""Output, model-file and API defects found by a new-user trial (fix-io brief)."""

from __future__ import annotations

import json
import os

import pytest
import sympy as sp

from symseesaw.cli import main
from symseesaw.modelfile import ModelFileError, parse_model
from symseesaw.output.atomic import UnsafeOutputError, write_atomic
from symseesaw.output.json_io import read_json, result_from_json, result_to_json, write_json
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
    from tests.test_json_io import make_result

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
