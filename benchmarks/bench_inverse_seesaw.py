"""Benchmark: inverse seesaw with a general complex ``M_N``, ``mu`` at leading order.

Run ``python benchmarks/bench_inverse_seesaw.py [--generations 1 2 3] [--runs 3]
[--timeout 120]``.

Each run is a fresh Python process (cold: imports, caches and the engine all
start empty). Printed per case: CPU and wall seconds (min and median over the
runs) of each step, of the whole case (the three steps) and of the whole
process (imports included), and the peak resident memory (``ru_maxrss``). The
matrix is

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
import statistics
from pathlib import Path

from _cold import run_cold

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
c_start, w_start = time.process_time(), time.perf_counter()
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
out = {{}}
clock = [time.process_time(), time.perf_counter()]


def lap(name):
    c, w = time.process_time(), time.perf_counter()
    out[name + "_cpu"], out[name + "_wall"] = c - clock[0], w - clock[1]
    clock[:] = [c, w]


if {api}:
    from symseesaw.api import seesaw_expansion
    seesaw_expansion(M, n, {{eps: 0, delta: 0}})
    lap("seesaw_expansion")
c_case, w_case = clock
alg = Algebra({{eps: 0, delta: 0}})
alg.set_truncation({{eps: 2, delta: 1}}, None)
bd = block_diagonalize(SeriesMatrix.from_sympy(alg, M), n)
lap("block_diagonalize")
heavy = diagonalize_block(bd.heavy, block_name="heavy")
lap("heavy_block")
light = diagonalize_block(bd.light, unresolved="group", block_name="light")
lap("light_block")
out["case_cpu"], out["case_wall"] = clock[0] - c_case, clock[1] - w_case
out["process_cpu"], out["process_wall"] = clock[0] - c_start, clock[1] - w_start
out.update(heavy_groups=[list(g.indices) for g in heavy.groups],
           light_groups=[list(g.indices) for g in light.groups],
           light_terms=sum(len(x.terms) for row in bd.light.rows for x in row),
           maxrss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
"""

STEPS = ("seesaw_expansion", "block_diagonalize", "heavy_block", "light_block", "case",
         "process")


def run_once(n: int, timeout: float) -> dict:
    """One cold process for ``n`` generations (or a status on timeout / error)."""
    code = CHILD.format(root=str(ROOT), n=n, api=n == 1)
    return run_cold(code, timeout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generations", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    for n in args.generations:
        rows = [run_once(n, args.timeout) for _ in range(args.runs)]
        ok = [r for r in rows if r["status"] == "ok"]
        print(f"{n} generation(s): {len(ok)}/{len(rows)} runs ok"
              + "".join(f"; {r['status']}" for r in rows if r["status"] != "ok"))
        if not ok:
            continue
        print(f"  heavy groups {ok[0]['heavy_groups']}, light groups {ok[0]['light_groups']}, "
              f"light-block terms {ok[0]['light_terms']}, "
              f"max RSS {max(r['maxrss_mib'] for r in ok):.0f} MiB")
        for step in STEPS:
            if step + "_cpu" not in ok[0]:
                continue
            cpu = [r[step + "_cpu"] for r in ok]
            wall = [r[step + "_wall"] for r in ok]
            print(f"  {step:18s} CPU min {min(cpu):7.3f} median {statistics.median(cpu):7.3f}"
                  f"   wall min {min(wall):7.3f} median {statistics.median(wall):7.3f}")


if __name__ == "__main__":
    main()
