"""Run one benchmark case in a fresh Python process (shared by the cold benchmarks)."""

from __future__ import annotations

import json
import subprocess
import sys


def run_cold(code: str, timeout: float) -> dict:
    """Run ``code`` in a new interpreter; its last stdout line is a JSON object.

    Returns that object with ``status: "ok"``, or only a ``status`` saying
    ``timeout after ... s wall`` or ``error: <last stderr line>``.
    """
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": f"timeout after {timeout:.0f} s wall"}
    if proc.returncode != 0:
        return {"status": "error: " + " ".join(proc.stderr.strip().splitlines()[-1:])}
    return {**json.loads(proc.stdout.strip().splitlines()[-1]), "status": "ok"}
