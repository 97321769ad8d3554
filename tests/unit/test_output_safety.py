"""Output safety (issue 13 item 6): atomic, grouped, never over what the user did not mean."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import types

import pytest
import sympy as sp
from testkit.records import stored_record

import symseesaw.registry
from symseesaw.cli import main
from symseesaw.output import atomic
from symseesaw.output.atomic import (
    UnsafeOutputError,
    check_output_path,
    write_atomic,
    write_atomic_group,
)
from symseesaw.result import Comparison, DerivationResult


# ------------------------------------------------------------------------ library
def test_write_atomic_replaces_content_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "out.txt"
    write_atomic(target, "first\n")
    write_atomic(target, "second\n")
    assert target.read_text() == "second\n"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_missing_directory_is_an_error_and_is_not_created(tmp_path):
    with pytest.raises(UnsafeOutputError, match="does not exist .*never creates directories"):
        write_atomic(tmp_path / "missing" / "x.txt", "x")
    assert os.listdir(tmp_path) == []


def test_read_only_file_needs_force(tmp_path):
    target = tmp_path / "ro.txt"
    target.write_text("old")
    target.chmod(0o444)
    with pytest.raises(UnsafeOutputError, match="read-only.*--force"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"


def test_symlink_is_not_replaced_and_its_target_never_written(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("precious")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(UnsafeOutputError, match="symlink"):
        write_atomic(link, "new")
    write_atomic(link, "new", force=True)  # replaces the link itself
    assert real.read_text() == "precious"
    assert not link.is_symlink() and link.read_text() == "new"


def test_input_file_is_not_overwritten_without_force(tmp_path):
    claims = tmp_path / "claims.txt"
    claims.write_text("U = 1")
    with pytest.raises(UnsafeOutputError, match="input file"):
        write_atomic(claims, "{}", inputs=[claims])
    assert claims.read_text() == "U = 1"


def test_group_write_failure_leaves_every_old_file_and_no_temporary(tmp_path, monkeypatch):
    a, b = tmp_path / "a.md", tmp_path / "b.tex"
    a.write_text("old a")
    b.write_text("old b")
    real_fsync = os.fsync
    calls = []

    def fsync_fails_second_time(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync_fails_second_time)
    with pytest.raises(OSError, match="No space"):
        write_atomic_group({a: "new a", b: "new b"})
    assert (a.read_text(), b.read_text()) == ("old a", "old b")
    assert sorted(os.listdir(tmp_path)) == ["a.md", "b.tex"]


def test_group_is_checked_before_anything_is_written(tmp_path):
    ok, ro = tmp_path / "ok.json", tmp_path / "ro.json"
    ro.write_text("old")
    ro.chmod(0o444)
    with pytest.raises(UnsafeOutputError, match="read-only"):
        write_atomic_group({ok: "new", ro: "new"})
    assert not ok.exists() and ro.read_text() == "old"


def test_keyboard_interrupt_while_writing_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert os.listdir(tmp_path) == ["out.txt"] and target.read_text() == "old"


def test_sigkill_while_writing_leaves_no_temporary(tmp_path):
    # A child writes a large file and is killed mid-write: no hidden temp may remain.
    script = textwrap.dedent(f"""
        import os, sys
        from symseesaw.output import atomic
        real_write = os.write
        def slow_write(fd, data):
            n = real_write(fd, data[:1024])
            sys.stdout.write("x"); sys.stdout.flush()
            import time; time.sleep(60)
            return n
        atomic.os.write = slow_write
        atomic.write_atomic({str(tmp_path / 'out.txt')!r}, "y" * 100000)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert proc.stdout.read(1) == b"x"  # the child is inside the write
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert os.listdir(tmp_path) == []


def test_check_output_path_refuses_a_directory(tmp_path):
    with pytest.raises(IsADirectoryError):
        check_output_path(tmp_path)


# ------------------------------------------------------------------------ CLI
def fake_result() -> DerivationResult:
    eps, M = sp.Symbol("epsilon", positive=True), sp.Symbol("M", positive=True)
    return stored_record(
        equations=["1"], symbols=[eps, M], small={eps: 1},
        mass_matrix=sp.Matrix([[0, eps * M], [eps * M, M]]),
        mixing=sp.Matrix([[1, eps], [-eps, 1]]), masses=[-(eps**2) * M, M],
        comparisons=[Comparison("1", [1, 1], sp.S.One, sp.S.One, "agrees")],
    )


@pytest.fixture
def registry(monkeypatch):
    mod = types.ModuleType("fake")
    mod.NAME, mod.EQUATIONS, mod.SUMMARY = "fake", ["1"], "fake"
    mod.calls = []
    mod.derive = lambda orders=None: mod.calls.append(orders) or fake_result()
    mod.prove = lambda result, dps=50: None
    monkeypatch.setattr(symseesaw.registry, "_loaded", {"fake": mod})
    return mod


def usage_error(capsys, rc) -> str:
    err = capsys.readouterr().err
    assert rc == 2, err
    assert err.strip().splitlines()[-1].startswith("symseesaw: error: ")
    assert "Traceback" not in err
    return err


def test_cli_missing_output_directory_is_exit_2_before_deriving(registry, capsys, tmp_path):
    err = usage_error(capsys, main(["derive", "fake", "--json", str(tmp_path / "no" / "x.json")]))
    assert "does not exist" in err and registry.calls == []
    assert not (tmp_path / "no").exists()


def test_cli_refuses_to_overwrite_the_claim_file(registry, capsys, tmp_path):
    claims = tmp_path / "claims.txt"
    claims.write_text("against: fake\nquantity: U\n[[1, epsilon], [-epsilon, 1]]\n")
    err = usage_error(capsys, main(["check", str(claims), "--json", str(claims)]))
    assert "input file" in err
    assert claims.read_text().startswith("against: fake")


def test_cli_audit_writes_three_files_together_into_out_dir(registry, capsys, tmp_path):
    assert main(["audit", "fake", "--out-dir", str(tmp_path)]) == 0
    assert sorted(os.listdir(tmp_path)) == ["fake-audit.json", "fake-audit.md", "fake-audit.tex"]


def test_cli_audit_with_one_read_only_file_replaces_none(registry, capsys, tmp_path):
    for ext in ("md", "tex", "json"):
        (tmp_path / f"fake-audit.{ext}").write_text("old")
    (tmp_path / "fake-audit.tex").chmod(0o444)
    usage_error(capsys, main(["audit", "fake", "--out-dir", str(tmp_path)]))
    assert {p.read_text() for p in tmp_path.iterdir()} == {"old"}
    assert registry.calls == []  # refused before deriving
    assert main(["audit", "fake", "--out-dir", str(tmp_path), "--force"]) == 0
    assert "old" not in (tmp_path / "fake-audit.md").read_text()


def test_cli_audit_missing_out_dir_is_exit_2(registry, capsys, tmp_path):
    err = usage_error(capsys, main(["audit", "fake", "--out-dir", str(tmp_path / "nope")]))
    assert "not an existing directory" in err


def test_cli_png_must_end_in_png(registry, capsys, tmp_path):
    err = usage_error(capsys, main(["latex", "fake", "--png", str(tmp_path / "x.jpg")]))
    assert "must end in .png" in err and not (tmp_path / "x.jpg").exists()


@pytest.mark.parametrize("tex", [r"\input{/etc/passwd}", r"x\def\a{b}", r"\catcode`\@=11",
                                 "a}b{", "x$y", r"\immediate\write18{ls}"])
def test_cli_latex_name_injection_is_refused(registry, capsys, tex):
    err = usage_error(capsys, main(["latex", "fake", "--name", f"M={tex}"]))
    assert "--name M" in err


def test_cli_latex_name_accepts_physics_names(registry, capsys):
    assert main(["latex", "fake", "--name", r"M=M_{R}^{\prime}", "--name",
                 r"epsilon=\tilde{\varepsilon}_1"]) == 0
    out = capsys.readouterr().out
    assert r"\tilde{\varepsilon}_1" in out and r"M_{R}^{\prime}" in out
