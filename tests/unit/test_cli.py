"""CLI tests against a fake derivation registry (``symseesaw.registry._loaded`` patched)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import mpmath
import pytest
import sympy as sp
from testkit.records import rotation_by_order, stored_record

import symseesaw.cli as cli
import symseesaw.registry
from symseesaw.cli import main, parse_orders
from symseesaw.output.json_io import read_json
from symseesaw.result import Comparison, DerivationResult, ProofReport, SlopeMeasurement

EPS = sp.Symbol("epsilon_1", positive=True)
M = sp.Symbol("M", positive=True)


def make_result(name: str) -> DerivationResult:
    return stored_record(
        name=name,
        equations=["19", "22"],
        symbols=[EPS, M],
        small={EPS: 1},
        mass_matrix=sp.Matrix([[0, EPS * M], [EPS * M, M]]),
        mixing_by_order=rotation_by_order(EPS, 1),
        masses=[-(EPS**2) * M, M],
        comparisons=[
            Comparison("19", [1, 1], sp.S.One, sp.S.One, "agrees"),
            Comparison(
                "22",
                [1, 2],
                -EPS,
                EPS,
                "differs",
                {"epsilon_1": 1},
                -2 * EPS,
                note="sign of the off-diagonal entry",
            ),
        ],
    )


def make_module(name, equations, passed=True, prove_takes_dps=False, fail_derive=False):
    mod = types.ModuleType(f"derivations.{name}")
    mod.NAME = name
    mod.EQUATIONS = equations
    mod.SUMMARY = f"summary of {name}"
    mod.calls = []

    def derive(orders=None):
        mod.calls.append(orders)
        if fail_derive:
            raise RuntimeError("engine bug")
        if orders and "bad" in orders:
            raise ValueError("unknown small parameter 'bad'")
        return make_result(name)

    def report(dps):
        measured = 2.02 if passed else 0.9
        slope = SlopeMeasurement("U", 2.0, measured, [1e-4, 1e-6], [0.1, 0.01])
        return ProofReport({"epsilon_1": 1.0}, {"M": 3.0}, dps, [slope])

    if prove_takes_dps:

        def prove(result, dps=30):
            mod.calls.append(("prove", dps))
            return report(dps)
    else:

        def prove(result):
            mod.calls.append(("prove", mpmath.mp.dps))
            return report(mpmath.mp.dps)

    mod.derive = derive
    mod.prove = prove
    return mod


@pytest.fixture
def registry(fake_registry):
    return fake_registry({
        "fake-ok": make_module("fake-ok", ["19", "22"], prove_takes_dps=True),
        "fake-failing": make_module("fake-failing", ["A-16"], passed=False),
    })


# ------------------------------------------------------------------------------ list
def test_list(registry, capsys):
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["fake-ok       Eqs. 19, 22", "fake-failing  Eq. A-16"]


def test_list_verbose(registry, capsys):
    assert main(["list", "-v"]) == 0
    assert "summary of fake-ok" in capsys.readouterr().out


# ---------------------------------------------------------------------------- derive
def test_derive_summary(registry, capsys):
    assert main(["derive", "fake-ok"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("fake-ok  Eqs. 19, 22")
    assert "mixing matrix U:" in out and "masses:" in out
    assert "m_1 = -M*epsilon_1**2" in out
    assert "comparisons: 1 agrees, 1 differs, 0 ambiguous" in out
    assert "differs: Eq. 22 entry (1,2)" in out and "sign of the off-diagonal" in out
    assert registry["fake-ok"].calls == [None]


def test_derive_check_exit_code(registry):
    assert main(["derive", "fake-ok", "--check"]) == 1


def test_derive_order_passed_through(registry):
    assert main(["derive", "fake-ok", "--order", "eps1=2,r1=1", "--order", "x=0"]) == 0
    assert registry["fake-ok"].calls == [{"eps1": 2, "r1": 1, "x": 0}]


@pytest.mark.parametrize(
    "order", ["eps1", "eps1=x", "eps1=-1", "=2", "eps1=2,eps1=3", "eps1=2,", "eps1 2"]
)
def test_derive_malformed_order(cli_error, registry, order):
    cli_error(main(["derive", "fake-ok", "--order", order]))
    assert registry["fake-ok"].calls == []


def test_derive_order_rejected_by_derivation(cli_error, registry):
    err = cli_error(main(["derive", "fake-ok", "--order", "bad=1"]))
    assert "bad" in err


def test_unknown_derivation(cli_error, registry):
    err = cli_error(main(["derive", "nope"]))
    assert "nope" in err and "fake-ok" in err
    cli_error(main(["prove", "nope"]))
    cli_error(main(["reproduce", "nope"]))


def test_derive_writes_json_and_latex(registry, tmp_path):
    (tmp_path / "out").mkdir()
    js, tex = tmp_path / "out" / "r.json", tmp_path / "out" / "r.tex"
    assert main(["derive", "fake-ok", "--json", str(js), "--latex", str(tex)]) == 0
    doc = read_json(js)
    assert doc["name"] == "fake-ok" and doc["proof"] is None
    assert doc["mixing_matrix"] == [["1", "epsilon_1"], ["-epsilon_1", "1"]]
    text = tex.read_text()
    assert r"\begin{pmatrix}" in text and r"\documentclass" not in text
    assert sorted(os.listdir(tmp_path / "out")) == ["r.json", "r.tex"]


def test_unwritable_output_path(cli_error, registry, tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a directory")
    cli_error(main(["derive", "fake-ok", "--json", str(blocker / "x.json")]))
    cli_error(main(["derive", "fake-ok", "--latex", str(tmp_path)]))
    cli_error(main(["reproduce", "--json-dir", str(blocker)]))
    assert registry["fake-ok"].calls == []  # failed before the (slow) derivation


def test_write_failure_is_usage_error(cli_error, registry, tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("symseesaw.output.atomic.write_atomic_group", boom)
    err = cli_error(main(["derive", "fake-ok", "--json", str(tmp_path / "r.json")])
    )
    assert "Permission denied" in err


# ----------------------------------------------------------------------------- prove
def test_prove_pass(registry, capsys, tmp_path):
    js = tmp_path / "p.json"
    assert main(["prove", "fake-ok", "--dps", "50", "--json", str(js)]) == 0
    out, err = capsys.readouterr()
    assert "quantity" in out and "predicted" in out and "measured" in out
    row = next(line for line in out.splitlines() if line.startswith("U "))
    assert row.split() == ["U", "2.000", "2.020", "PASS"]
    assert "proof PASSED: 1/1 slopes at dps=50" in out
    assert "[fake-ok] deriving" in err and "proving" in err
    assert registry["fake-ok"].calls[-1] == ("prove", 50)
    doc = read_json(js)
    assert doc["proof"]["passed"] is True and doc["proof"]["dps"] == 50


def test_prove_fail_exit_code(registry, capsys):
    assert main(["prove", "fake-failing"]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "proof FAILED" in out


def test_prove_dps_without_dps_parameter(registry):
    # prove() has no dps argument: the CLI runs it under mpmath.workdps(dps)
    main(["prove", "fake-failing", "--dps", "37"])
    assert registry["fake-failing"].calls[-1] == ("prove", 37)
    assert mpmath.mp.dps == 15


@pytest.mark.parametrize("dps", ["0", "-3", "many"])
def test_prove_bad_dps(cli_error, registry, dps):
    cli_error(main(["prove", "fake-ok", "--dps", dps]))


# ------------------------------------------------------------------------- reproduce
def test_reproduce_all(registry, capsys, tmp_path):
    (tmp_path / "json").mkdir()
    rc = main(["reproduce", "--json-dir", str(tmp_path / "json")])
    out, err = capsys.readouterr()
    assert rc == 1  # fake-failing fails its proof
    lines = out.splitlines()
    assert lines[0].split() == [
        "derivation", "time", "agrees", "differs", "ambiguous", "proof", "slopes"]
    ok = next(line for line in lines if line.startswith("fake-ok"))
    assert ok.split()[2:] == ["1", "1", "0", "PASS", "U", "2.02/2"]
    assert "U 2.02/2" in ok  # measured/predicted slope, not a count of passed slopes
    bad = next(line for line in lines if line.startswith("fake-failing"))
    assert bad.split()[5] == "FAIL" and "U 0.90/2!" in bad
    assert "1/2 derivations proved" in out
    assert "[1/2] fake-ok: deriving" in err and "[2/2] fake-failing: proving" in err
    assert sorted(os.listdir(tmp_path / "json")) == ["fake-failing.json", "fake-ok.json"]
    assert json.loads((tmp_path / "json" / "fake-ok.json").read_text())["proof"]["passed"]


def test_reproduce_selected_and_check(registry):
    assert main(["reproduce", "fake-ok"]) == 0
    assert main(["reproduce", "fake-ok", "--check"]) == 1


def test_reproduce_engine_error_continues(registry, capsys):
    registry["fake-broken"] = make_module("fake-broken", ["7"], fail_derive=True)
    rc = main(["reproduce", "fake-broken", "fake-ok"])
    out, err = capsys.readouterr()
    assert rc == 1
    assert "RuntimeError: engine bug" in err
    assert (
        next(line for line in out.splitlines() if line.startswith("fake-broken")).split()[5]
        == "ERROR"
    )
    assert "fake-ok" in out


# ----------------------------------------------------------------------- usage / help
@pytest.mark.parametrize("argv", [[], ["bogus"], ["derive"], ["list", "--nope"]])
def test_argparse_errors_are_one_line(cli_error, argv):
    cli_error(main(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["list", "--help"],
        ["derive", "--help"],
        ["prove", "--help"],
        ["reproduce", "--help"],
        ["check", "--help"],
        ["audit", "--help"],
        ["latex", "--help"],
    ],
)
def test_help_documents_exit_codes(capsys, argv):
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "exit codes:" in out and "2  usage error" in out


def test_broken_plugin_is_a_usage_error_naming_it(cli_error, monkeypatch):
    class BrokenEntryPoint:
        name, value = "broken", "nowhere.module"

        def load(self):
            raise ImportError("No module named 'nowhere'")

    monkeypatch.setattr(symseesaw.registry, "_loaded", None)
    monkeypatch.setattr(symseesaw.registry, "entry_points", lambda group: [BrokenEntryPoint()])
    err = cli_error(main(["list"]))
    assert "'broken'" in err and "nowhere" in err


def test_parse_orders():
    assert parse_orders(None) is None
    assert parse_orders([" a = 1 , b=0"]) == {"a": 1, "b": 0}


def test_module_entry_point_help(tmp_path):
    src = Path(cli.__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(src))
    proc = subprocess.run(
        [sys.executable, "-m", "symseesaw.cli", "--help"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "usage: symseesaw" in proc.stdout


def test_format_slopes():
    slope = SlopeMeasurement("mixing", 3.0, 2.996, [], [])
    masses = SlopeMeasurement("masses", 3.0, 3.997, [], [])
    report = ProofReport({}, {}, 50, [slope, masses])
    assert cli.format_slopes(report) == "mixing 3.00/3, masses 4.00/3"
    assert cli.format_slopes(ProofReport({}, {}, 50, [])) == "none"


def test_latex_command_stdout(registry, capsys):
    assert main(["latex", "fake-ok", "--split", "monomial"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("% symseesaw derivation fake-ok")
    assert r"U_{\epsilon_{1}}" in out


def test_latex_command_missing_tool(registry, capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    # exit 4: an external tool is missing (3 is reserved for internal errors)
    assert main(["latex", "fake-ok", "--png", str(tmp_path / "x.png")]) == 4
    err = capsys.readouterr().err
    assert "symseesaw: error: pdflatex not found" in err
    assert not (tmp_path / "x.png").exists()
