"""A group of files (an audit's .md, .tex, .json) is replaced together or not at all.

Issue 13 item 6.  The group is written under a journal
(:mod:`symseesaw.output.atomic`): an error leaves every old file, a SIGKILL
leaves a journal from which :func:`recover_pending` (run by every later group
write and by ``read_audit``) makes the set all old or all new.  The tests kill
real child processes at chosen and at random moments.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from symseesaw.output import atomic
from symseesaw.output.atomic import recover_pending, write_atomic_group

NAMES = ("x-audit.md", "x-audit.tex", "x-audit.json")


def contents(folder) -> list[str]:
    return [(folder / n).read_text() if (folder / n).exists() else "" for n in NAMES]


def write_generation(folder, n: int) -> None:
    write_atomic_group({folder / name: f"generation {n}\n" for name in NAMES})


def journals(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".journal"))


def child(folder, hook: str) -> subprocess.Popen:
    """A process writing generations 1, 2, 3, ... of the group, with ``hook`` installed."""
    # atomic.py needs only the standard library: load it alone (a fast child start)
    head = (f"import importlib.util, itertools, os, sys, time\n"
            f"spec = importlib.util.spec_from_file_location('atomic', {atomic.__file__!r})\n"
            f"atomic = sys.modules['atomic'] = importlib.util.module_from_spec(spec)\n"
            f"spec.loader.exec_module(atomic)\n"
            f"folder = {str(folder)!r}\nnames = {NAMES!r}\n")
    loop = textwrap.dedent("""
        for n in itertools.count(1):
            atomic.write_atomic_group({os.path.join(folder, m): f"generation {n}\\n"
                                       for m in names})
            sys.stdout.write("w"); sys.stdout.flush()
    """)
    script = head + textwrap.dedent(hook) + loop
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def kill_after_replacing(folder, name: str) -> None:
    """Run a writer of generation 1 and SIGKILL it right after it replaced ``name``."""
    hook = f"""
real_replace = os.replace
def replace_then_stop(src, dst, **kw):
    real_replace(src, dst, **kw)
    if str(dst).endswith({name!r}):
        sys.stdout.write("r"); sys.stdout.flush(); time.sleep(60)
atomic.os.replace = replace_then_stop
"""
    proc = child(folder, hook)
    assert proc.stdout.read(1) == b"r"
    kill(proc)


def test_group_is_written_and_nothing_else_remains(tmp_path):
    write_generation(tmp_path, 0)
    write_generation(tmp_path, 1)
    assert contents(tmp_path) == ["generation 1\n"] * 3
    assert sorted(os.listdir(tmp_path)) == sorted(NAMES)


def test_error_after_the_commit_point_restores_every_old_file(tmp_path, monkeypatch):
    write_generation(tmp_path, 0)
    real_replace = os.replace
    renames = []

    def second_target_fails(src, dst, **kwargs):
        if str(dst).endswith(NAMES[1]):
            renames.append(dst)
            if len(renames) == 1:
                raise OSError(5, "Input/output error")
        return real_replace(src, dst, **kwargs)

    monkeypatch.setattr(atomic.os, "replace", second_target_fails)
    with pytest.raises(OSError, match="Input/output"):
        write_generation(tmp_path, 1)
    # the first target had been replaced: it is restored from its backup
    assert contents(tmp_path) == ["generation 0\n"] * 3
    assert sorted(os.listdir(tmp_path)) == sorted(NAMES)


def test_error_after_the_commit_point_removes_targets_that_did_not_exist(tmp_path, monkeypatch):
    real_replace = os.replace

    def last_target_fails(src, dst, **kwargs):
        if str(dst).endswith(NAMES[2]):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, **kwargs)

    monkeypatch.setattr(atomic.os, "replace", last_target_fails)
    with pytest.raises(OSError, match="No space"):
        write_generation(tmp_path, 1)
    assert os.listdir(tmp_path) == []


def test_sigkill_between_the_renames_is_completed_by_recovery(tmp_path):
    """Killed after the first target was replaced: mixed on disk, flagged, then all new."""
    write_generation(tmp_path, 0)
    kill_after_replacing(tmp_path, "x-audit.md")
    assert contents(tmp_path) == ["generation 1\n", "generation 0\n", "generation 0\n"]
    assert len(journals(tmp_path)) == 1  # the mixed set is flagged
    assert len(recover_pending(tmp_path)) == 1
    assert contents(tmp_path) == ["generation 1\n"] * 3
    assert sorted(os.listdir(tmp_path)) == sorted(NAMES)


def test_sigkill_before_the_commit_point_is_undone_by_recovery(tmp_path):
    write_generation(tmp_path, 0)
    hook = """
real_backup = atomic._backup
def backup_then_stop(target, backup):
    real_backup(target, backup)
    sys.stdout.write("b"); sys.stdout.flush(); time.sleep(60)
atomic._backup = backup_then_stop
"""
    proc = child(tmp_path, hook)
    assert proc.stdout.read(1) == b"b"
    kill(proc)
    assert len(os.listdir(tmp_path)) > 3  # journal, temporaries, a backup
    recover_pending(tmp_path)
    assert contents(tmp_path) == ["generation 0\n"] * 3
    assert sorted(os.listdir(tmp_path)) == sorted(NAMES)


def test_next_group_write_recovers_first(tmp_path):
    write_generation(tmp_path, 0)
    kill_after_replacing(tmp_path, "x-audit.tex")
    write_generation(tmp_path, 7)
    assert contents(tmp_path) == ["generation 7\n"] * 3
    assert sorted(os.listdir(tmp_path)) == sorted(NAMES)


def test_random_sigkills_leave_all_old_or_all_new_after_recovery(tmp_path):
    """8 kills at random moments of a writer whose renames are slowed down."""
    hook = """
real_replace = os.replace
def slow_replace(src, dst, **kw):
    real_replace(src, dst, **kw)
    if "-audit." in str(dst):  # widen the window between the targets' renames
        time.sleep(0.04)
atomic.os.replace = slow_replace
"""
    rng = random.Random(13)
    for _ in range(8):
        proc = child(tmp_path, hook)
        assert proc.stdout.read(1) == b"w"  # at least one whole group written
        time.sleep(rng.uniform(0.0, 0.2))
        kill(proc)
        seen = contents(tmp_path)
        if len(set(seen)) > 1:  # mixed on disk only while a journal says so
            assert journals(tmp_path)
        recover_pending(tmp_path)
        after = contents(tmp_path)
        assert len(set(after)) == 1 and after[0].startswith("generation ")
        assert sorted(os.listdir(tmp_path)) == sorted(NAMES)
