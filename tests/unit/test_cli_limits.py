"""Bounded, clear failure: limits checked before work, documented exit codes, no traceback."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest
import sympy as sp
from testkit.records import stored_record

from symseesaw.cli import EXIT_INTERNAL, EXIT_TOOL, EXIT_USAGE, main


def make_module(derive_error: Exception | None = None):
    mod = types.ModuleType("fake")
    mod.NAME, mod.EQUATIONS, mod.SUMMARY = "fake", ["1"], "fake"
    mod.calls = []
    eps = sp.Symbol("epsilon_1", positive=True)

    def derive(orders=None):
        mod.calls.append(orders)
        if derive_error is not None:
            raise derive_error
        return stored_record(
            equations=["1"], symbols=[eps], small={eps: 1},
            mass_matrix=sp.Matrix([[0, eps], [eps, 1]]), mixing=sp.eye(2), masses=[-(eps**2), 1])

    mod.derive = derive
    mod.prove = lambda result, dps=50: mod.calls.append(("prove", dps))
    return mod


@pytest.fixture
def fake(fake_registry):
    return fake_registry({"fake": make_module()})["fake"]


def test_exit_codes_are_distinct_and_documented(capsys):
    assert len({0, 1, EXIT_USAGE, EXIT_INTERNAL, EXIT_TOOL}) == 5
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for line in ("0  success", "1  the answer", "2  usage error", "3  internal error",
                 "4  an external tool"):
        assert line in out


@pytest.mark.parametrize("dps", ["1", "9", "10001", "100000000", "-5"])
def test_prove_refuses_dps_outside_10_to_10000_before_deriving(cli_error, fake, dps):
    last = cli_error(main(["prove", "fake", "--dps", dps]))
    assert "--dps" in last and "10 to 10000" in last
    assert fake.calls == []


def test_huge_order_is_a_one_line_error_before_deriving(cli_error, fake):
    last = cli_error(main(["derive", "fake", "--order",
                                        "epsilon_1=99999999999999999999"]))
    assert last.startswith("symseesaw: error: --order of 'epsilon_1'") and "the limit is 50" in last
    assert fake.calls == []


def test_order_zero_means_leading_order_and_is_passed_through(fake):
    assert main(["derive", "fake", "--order", "epsilon_1=0"]) == 0
    assert fake.calls == [{"epsilon_1": 0}]


def test_internal_error_is_exit_3_without_traceback(cli_error, fake_registry):
    fake_registry({"fake": make_module(ZeroDivisionError("division by zero"))})
    last = cli_error(main(["derive", "fake"]), EXIT_INTERNAL)
    assert last.startswith("symseesaw: internal error: ZeroDivisionError: division by zero")
    assert "--debug" in last


def test_debug_shows_the_traceback(fake_registry, capsys):
    fake_registry({"fake": make_module(ZeroDivisionError("division by zero"))})
    assert main(["derive", "fake", "--debug"]) == EXIT_INTERNAL
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_oversized_claim_file_is_refused_before_reading(cli_error, fake, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(2_000_000)
    last = cli_error(main(["check", str(big), "--against", "fake"]))
    assert "at most 1000000" in last


def test_unknown_complex_name_is_an_error(cli_error, tmp_path):
    matrix = tmp_path / "m.txt"
    matrix.write_text("[[0, eps*m], [eps*m, M]]")
    claims = tmp_path / "c.txt"
    claims.write_text("quantity: m[1]\n-eps**2*m**2/M\n")
    last = cli_error(main(["check", str(claims), "--matrix", str(matrix),
                                        "--light", "1", "--order", "eps=1", "--complex", "yy"]))
    assert "--complex" in last and "unknown symbol 'yy'" in last


def test_quiet_silences_status_lines(fake, capsys):
    assert main(["derive", "fake", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_status_lines_without_a_terminal_have_no_progress_bar(fake, capsys):
    assert main(["derive", "fake"]) == 0
    err = capsys.readouterr().err
    assert err == "[fake] deriving\n"  # no tqdm control characters when not a terminal


def test_check_help_names_the_claim_format(capsys):
    assert main(["check", "--help"]) == 0
    out = capsys.readouterr().out
    assert "claim file format" in out and "quantity:" in out and "your coefficient" in out


def test_python_dash_m_symseesaw_runs_the_cli(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "symseesaw", "--version"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.startswith("symseesaw ")


def test_reproduce_table_fits_100_columns_and_verbose_keeps_details():
    from symseesaw.cli import format_reproduce
    from symseesaw.cli._common import verdict_counts
    from symseesaw.result import ProofReport, SlopeMeasurement

    slopes = [SlopeMeasurement(f"quantity-{k}-with-a-long-name", 2.0, 2.01, [], [])
              for k in range(12)]
    record = {"name": "seed001-appendix", "equations": [f"A-{k}" for k in range(40)],
              "seconds": 41.2, "report": ProofReport({}, {}, 50, slopes),
              "counts": verdict_counts([]), "passed": True}
    table = format_reproduce([record])
    assert max(len(line) for line in table.splitlines()) <= 100
    assert "..." in table
    wide = format_reproduce([record], verbose=True)
    assert "A-39" in wide and "quantity-11-with-a-long-name 2.01/2" in wide


class FakeTerminal:
    def __init__(self):
        self.text = ""

    def isatty(self):
        return True

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_progress_on_a_terminal_shows_a_live_timer_and_a_final_line():
    from symseesaw.cli._common import Progress

    stream = FakeTerminal()
    progress = Progress(stream=stream)
    assert progress.live
    with progress.step("[x] deriving"):
        pass
    assert "[x] deriving" in stream.text and stream.text.rstrip().endswith(" s)")
    assert not Progress(quiet=True, stream=FakeTerminal()).live


def test_precision_error_in_a_proof_is_exit_2_naming_the_fix(cli_error, fake):
    from symseesaw.numerics.takagi import PrecisionError

    def prove(result, dps=50):
        raise PrecisionError(f"dps={dps} is below the 40 digits this hierarchy needs")

    fake.prove = prove
    last = cli_error(main(["prove", "fake", "--dps", "20"]))
    assert "dps=20 is below the 40 digits" in last and "raise --dps" in last
