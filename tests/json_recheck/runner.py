"""Run :mod:`recheck` in a fresh interpreter and parse its reports (used by the tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("recheck.py")


def recheck_files(paths: list[Path]) -> tuple[list[dict], list[str]]:
    """Reports of ``recheck.py`` on ``paths`` and the symseesaw modules it imported."""
    done = subprocess.run([sys.executable, str(SCRIPT), *map(str, paths)],
                          capture_output=True, text=True, timeout=600, check=False)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    if not lines or "symseesaw_imported" not in lines[-1]:
        raise RuntimeError(f"recheck.py failed: {done.stderr[-2000:]}")
    return lines[:-1], lines[-1]["symseesaw_imported"]
