"""The README is true: its Python examples run and its CLI examples exit 0.

Fenced ``python`` blocks run as scripts; each ``symseesaw ...`` line of a fenced
``sh`` block runs in a scratch directory beside a copy of ``docs/``. The long
commands of the README's first block (``reproduce``, the appendix ``audit``) are
run by ``.ci/run`` itself, after the tests, so they are not repeated here.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
RUN_BY_CI = ("symseesaw reproduce", "symseesaw audit seed001-appendix")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.S | re.M)


def _cli_lines() -> list[str]:
    lines = []
    for block in _blocks("sh"):
        for line in block.splitlines():
            command = line.split("#", 1)[0].strip()
            for part in (p.strip() for p in command.split("&&")):
                if part.startswith("symseesaw ") and not part.startswith(RUN_BY_CI):
                    lines.append(part)
    return lines


def test_readme_has_python_and_cli_examples():
    assert _blocks("python") and _cli_lines()


@pytest.mark.parametrize("code", _blocks("python"), ids=lambda c: c.splitlines()[0][:40])
def test_readme_python_example_runs(code, tmp_path):
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.parametrize("command", _cli_lines())
def test_readme_cli_example_exits_0(command, tmp_path):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    argv = shlex.split(command)
    executable = shutil.which("symseesaw")
    assert executable, "the symseesaw command is not installed"
    done = subprocess.run([executable, *argv[1:], "--quiet"] if _takes_quiet(argv) else
                          [executable, *argv[1:]], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, (command, done.stdout[-1000:], done.stderr[-1000:])


def _takes_quiet(argv: list[str]) -> bool:
    return len(argv) > 1 and argv[1] in {"derive", "prove", "check", "audit", "latex"}
