"""Blocks mode through model files and the CLI: derive, JSON, LaTeX, prove, and a planted error.

The example ``docs/models/type1-3plus3-complex-blocks.toml`` is type-I 3+3 with
a general complex Dirac matrix ``M_D = epsilon y`` and ``M_R = diag(M_1, M_2,
M_3)``. The JSON is re-checked with mpmath alone (no symseesaw): its blocks
against the seesaw formula and ``W`` against unitarity and block
diagonalization at a numeric point.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import io
import json
import shutil
import subprocess
from pathlib import Path

import mpmath
import pytest
import sympy as sp

from symseesaw.cli import main
from symseesaw.modelfile import derive_model, load_model, prove_model

MODELS = Path(__file__).resolve().parents[2] / "docs" / "models"
BLOCKS = MODELS / "type1-3plus3-complex-blocks.toml"


@pytest.fixture(scope="module")
def derive_run(tmp_path_factory):
    """One ``symseesaw derive --model BLOCKS --json --latex`` run: (exit code, stdout, dir)."""
    out_dir = tmp_path_factory.mktemp("blocks")
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        rc = main(["derive", "--model", str(BLOCKS), "--json", str(out_dir / "blocks.json"),
                   "--latex", str(out_dir / "blocks.tex"), "--quiet"])
    return rc, stdout.getvalue(), out_dir


@pytest.fixture(scope="module")
def derived():
    spec = load_model(BLOCKS)
    return spec, derive_model(spec)


def test_the_blocks_example_ships_in_blocks_mode():
    spec = load_model(BLOCKS)
    assert spec.mode == "blocks" and spec.n_light == 3
    assert len(spec.complex_symbols) == 9


def test_light_block_is_the_seesaw_formula_plus_the_fourth_order_correction(derived):
    spec, result = derived
    M = spec.mass_matrix
    m_D, M_R = M[:3, 3:], M[3:, 3:]
    R_inv = M_R.inv()
    leading = -m_D * R_inv * m_D.T
    # Grimus-Lavoura, in the engine's W^T M W convention: the O(M_D^4/M_R^3) term is the
    # symmetric part of A = M_D M_R^-1 (M_R^-1)^* M_D^dagger M_D M_R^-1 M_D^T (for one flavour
    # the Takagi value of [[0, m], [m, M]] is -m^2/M + m^2 |m|^2/M^3).
    A = m_D * R_inv * R_inv.conjugate() * m_D.H * m_D * R_inv * m_D.T
    correction = (A + A.T) / 2
    engine = result.blocks.light_mass_matrix
    assert sp.expand(engine - leading - correction) == sp.zeros(3, 3)


def test_order_zero_override_keeps_exactly_the_seesaw_formula():
    spec = load_model(BLOCKS)
    M = spec.mass_matrix
    m_D, M_R = M[:3, 3:], M[3:, 3:]
    result = derive_model(spec, {"epsilon": 0})
    assert result.small == {spec.symbols["epsilon"]: 0}
    assert sp.expand(result.blocks.light_mass_matrix + m_D * M_R.inv() * m_D.T) == \
        sp.zeros(3, 3)


def test_derive_prints_blocks_W_theta_and_eta_convention(derive_run):
    rc, out, _ = derive_run
    assert rc == 0
    for label in ("light effective mass matrix m_light:", "heavy effective mass matrix M_heavy:",
                  "W (unitary, block-diagonalizes M):", "Theta (active-heavy mixing",
                  "N N^dagger = 1 - 2 eta"):
        assert label in out
    assert out.index("Theta (active") < out.index("eta = Theta Theta^dagger / 2 (N N^dagger")


def _mp_matrix(rows: list[list[str]], names: list[str]):
    """A JSON matrix (rows of sympy-syntax strings) as an mpmath function of ``names``."""
    table = {name: sp.Symbol(name) for name in names}
    matrix = sp.Matrix([[sp.sympify(e, locals=table) for e in row] for row in rows])
    return sp.lambdify([table[n] for n in names], matrix, modules="mpmath")


def test_json_is_self_contained_and_block_diagonalizes_M(derive_run):
    rc, _, out_dir = derive_run
    assert rc == 0
    doc = json.loads((out_dir / "blocks.json").read_text())
    assert doc["schema"] == "symseesaw-blocks/1" and doc["definitions"] == {}
    assert doc["symbols"]["y_11"]["complex"] is True
    # leading mixing in the W^T M W convention: Theta = M_D^* M_R^-1
    assert doc["Theta"][0][0] == "epsilon*conjugate(y_11)/M_1"
    assert doc["symbols"]["epsilon"] == {"latex": "\\epsilon", "complex": False, "real": True,
                                         "positive": True, "small": True}
    # A reader without symseesaw: give each symbol a value (complex where marked) and check
    # W^T M W = diag(light, heavy) and W^dagger W = 1 up to O(epsilon^3).
    names = sorted(doc["symbols"])
    funcs = {key: _mp_matrix(doc[key], names)
             for key in ("mass_matrix", "W", "light_mass_matrix", "heavy_mass_matrix")}
    values = {}
    for k, name in enumerate(names):
        x = 1 + 0.13 * k
        values[name] = mpmath.mpc(x, 0.4 * x) if doc["symbols"][name]["complex"] else x
    residuals = []
    for eps in (1e-2, 1e-3):
        values["epsilon"] = mpmath.mpf(eps)
        with mpmath.workdps(30):
            get = {key: mpmath.matrix(f(*(values[n] for n in names)))
                   for key, f in funcs.items()}
            W, M = get["W"], get["mass_matrix"]
            target = mpmath.zeros(6, 6)
            for i in range(3):
                for j in range(3):
                    target[i, j] = get["light_mass_matrix"][i, j]
                    target[3 + i, 3 + j] = get["heavy_mass_matrix"][i, j]
            block = W.T * M * W - target
            unitary = W.H * W - mpmath.eye(6)
            residuals.append(max(mpmath.mnorm(block, 1), mpmath.mnorm(unitary, 1)))
    slope = mpmath.log10(residuals[0] / residuals[1])
    assert slope > 2.8  # O(epsilon^3): a wrong coefficient of W or of a leading block: <= 2


def test_latex_compiles_with_pdflatex(derive_run, tmp_path):
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed")
    rc, _, out_dir = derive_run
    assert rc == 0
    text = (out_dir / "blocks.tex").read_text()
    (tmp_path / "blocks.tex").write_text(text)
    assert "{m_{\\mathrm{light}}}_{11} &=" in text and "\\eta_{11} &=" in text
    assert "\\overline{y_{11}}" in text and "\\allowdisplaybreaks" in text
    doc = tmp_path / "doc.tex"
    doc.write_text("\\documentclass{article}\\usepackage{amsmath}\\begin{document}"
                   "\\input{blocks.tex}\\end{document}\n")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / "doc.pdf").stat().st_size > 0


def test_latex_command_prints_the_blocks(capsys):
    assert main(["latex", "--model", str(BLOCKS)]) == 0
    assert "\\Theta &=" in capsys.readouterr().out


def test_prove_passes_with_every_slope_and_writes_the_proof(tmp_path, capsys):
    js = tmp_path / "proof.json"
    assert main(["prove", "--model", str(BLOCKS), "--dps", "30", "--json", str(js)]) == 0
    out = capsys.readouterr().out
    assert "proof PASSED: 42/42 slopes at dps=30" in out  # 3 + 3 singular values, 36 W entries
    proof = json.loads(js.read_text())["proof"]
    assert proof["passed"] is True and len(proof["slopes"]) == 42
    assert isinstance(proof["base_point"]["y_11"], dict)  # complex base value: {"re", "im"}


def test_planted_wrong_light_block_fails_the_proof(derived):
    spec, result = derived
    blocks = result.blocks
    eps, M_1 = spec.symbols["epsilon"], spec.symbols["M_1"]
    y_11 = spec.symbols["y_11"]
    wrong = sp.Matrix(blocks.light_mass_matrix)
    wrong[0, 0] += 2 * eps**4 * y_11**3 * sp.conjugate(y_11) / M_1**3  # wrong O(eps^4) coefficient

    planted = copy.copy(blocks)  # the engine result with its sympy view of one block replaced
    planted._cache = {**blocks._cache, ("sympy", "light_mass_matrix"): wrong}
    assert planted.light_mass_matrix == wrong and blocks.light_mass_matrix != wrong
    report = prove_model(spec, dataclasses.replace(result, blocks=planted), dps=30)
    assert not report.passed
    failed = {s.quantity for s in report.slopes if not s.passed}
    assert "light singular value 1" in failed or "light singular value 3" in failed
    assert not any(name.startswith(("W[", "heavy")) for name in failed)


def test_check_refuses_a_blocks_model_naming_the_way_around(tmp_path, capsys):
    claims = tmp_path / "claims.txt"
    claims.write_text("order: epsilon=2\nquantity: m[1]\n0\n")
    assert main(["check", str(claims), "--model", str(BLOCKS)]) == 2
    err = capsys.readouterr().err
    # cross-branch: check now works on blocks models; a mass claim is still exit 2, naming
    # the block quantities to claim instead (tests/test_check_blocks.py)
    assert 'mode = "blocks" computes no mixing matrix U' in err and "\n" not in err.strip()


def test_singular_heavy_block_is_exit_2_naming_the_problem(tmp_path, capsys):
    singular = tmp_path / "singular.toml"
    singular.write_text(BLOCKS.read_text().replace('"M_1",  ', '"0",  '))
    assert main(["derive", "--model", str(singular)]) == 2
    errors = [line for line in capsys.readouterr().err.splitlines()
              if line.startswith("symseesaw: error: ")]
    assert len(errors) == 1
    assert "M_R is singular" in errors[0] and "needs an invertible M_R" in errors[0]
