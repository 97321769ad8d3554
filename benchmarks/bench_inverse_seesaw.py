"""Benchmark: inverse seesaw with a general complex ``M_N``, ``mu`` at leading order.

Run ``python benchmarks/bench_inverse_seesaw.py [--generations 1 2 3] [--timeout 120]``.

Each case runs in a cold subprocess (fresh interpreter, imports included) and
reports wall time and peak resident memory (``ru_maxrss``). The matrix is

    [[0, eps y, 0], [eps y^T, 0, M_N], [0, M_N^T, delta mu]]

with complex ``y`` and ``M_N`` (n x n, general, non-diagonal) and complex
symmetric ``mu``; orders ``{eps: 0, delta: 0}`` relative (working truncation
``eps^2`` absolute, ``delta^1``), i.e. the leading light mass
``eps^2 delta y M_N^-1 mu M_N^-T y^T`` and the leading pseudo-Dirac splittings.
Steps: block diagonalization (``block_diagonalize``), heavy block
(``diagonalize_block``: pseudo-Dirac groups found from structure), light block
(``diagonalize_block(unresolved="group")``: the block itself for n > 1).
For n = 1 the full public API (``seesaw_expansion``) is timed as well.

Target (issue 9 item 8): 3 generations under 10 s and 500 MiB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
start = time.perf_counter()
import sympy as sp
from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra
from symseesaw.linalg.blockdiag import block_diagonalize
from symseesaw.linalg.perturb import diagonalize_block
n = {n}
eps, delta = sp.symbols("eps delta", positive=True)
y = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"y{{i+1}}{{j+1}}", complex=True))
N = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"N{{i+1}}{{j+1}}", complex=True))
u = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"u{{min(i,j)+1}}{{max(i,j)+1}}", complex=True))
Z = sp.zeros(n)
M = sp.Matrix(sp.BlockMatrix([[Z, eps * y, Z], [eps * y.T, Z, N], [Z, N.T, delta * u]]))
times = {{}}
if {api}:
    from symseesaw.api import seesaw_expansion
    t0 = time.perf_counter()
    r = seesaw_expansion(M, n, {{eps: 0, delta: 0}})
    times["seesaw_expansion"] = time.perf_counter() - t0
alg = Algebra({{eps: 0, delta: 0}})
alg.set_truncation({{eps: 2, delta: 1}}, None)
t0 = time.perf_counter()
bd = block_diagonalize(SeriesMatrix.from_sympy(alg, M), n)
times["block_diagonalize"] = time.perf_counter() - t0
t0 = time.perf_counter()
heavy = diagonalize_block(bd.heavy, block_name="heavy")
times["heavy_block"] = time.perf_counter() - t0
t0 = time.perf_counter()
light = diagonalize_block(bd.light, unresolved="group", block_name="light")
times["light_block"] = time.perf_counter() - t0
times["total_with_imports"] = time.perf_counter() - start
print(json.dumps({{"times": times,
                  "heavy_groups": [list(g.indices) for g in heavy.groups],
                  "light_groups": [list(g.indices) for g in light.groups],
                  "terms_light": sum(len(x.terms) for row in bd.light.rows for x in row),
                  "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run_case(n: int, timeout: float) -> dict:
    code = CHILD.format(root=str(ROOT), n=n, api=n == 1)
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"n": n, "status": f"timeout after {timeout:.0f} s"}
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        return {"n": n, "status": "error", "stderr": proc.stderr.strip().splitlines()[-1:]}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out.update(n=n, status="ok", wall_s=round(wall, 2))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generations", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    for n in args.generations:
        result = run_case(n, args.timeout)
        print(json.dumps(result))


if __name__ == "__main__":
    main()
