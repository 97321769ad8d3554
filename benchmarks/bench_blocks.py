"""Benchmark of blocks mode: type-I 3+3 with a general complex M_D, relative order 2.

Run ``python benchmarks/bench_blocks.py [--runs 5] [--order 2] [--prove]``. Every run is a
fresh Python process (cold: imports, caches and the engine all start empty),
which derives the light and heavy effective mass matrices, ``W``, ``Theta`` and
``eta`` with :func:`symseesaw.api.seesaw_blocks` and builds the sympy outputs of
the two blocks. Printed per row: CPU and wall seconds of the derivation
(min and median over the runs) and of the whole process (imports included),
next to a fixed sympy workload measured in the same run (expanding
``(sum of 12 symbols)**4``), so that numbers from a loaded machine can be
read as ratios. The target of issue 9 is < 1 s for the derivation.

With ``--prove`` each run also proves the blocks numerically
(:func:`symseesaw.prove`, default scan of 6 points, dps 50, at a fixed complex
base point) and prints the CPU seconds of that proof (``prove_cpu``): the
number to read for the cost of the exact scan of the blocks proof.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
sys.path.insert(0, {root!r})
c0, w0 = time.process_time(), time.perf_counter()
import sympy as sp
from symseesaw.api import seesaw_blocks
eps = sp.Symbol("epsilon", positive=True)
d = sp.Matrix(3, 3, lambda i, j: sp.Symbol(f"d_{{i + 1}}{{j + 1}}"))
R = sp.diag(*sp.symbols("M_1:4", positive=True))
M = sp.Matrix(sp.BlockMatrix([[sp.zeros(3), eps * d], [eps * d.T, R]]))
c1, w1 = time.process_time(), time.perf_counter()
blocks = seesaw_blocks(M, 3, {{eps: {order}}})
light, heavy = blocks.light_mass_matrix, blocks.heavy_mass_matrix
c2, w2 = time.process_time(), time.perf_counter()
terms = sum(len(sp.Add.make_args(x)) for x in light)
xs = sp.symbols("x0:12")
c3, w3 = time.process_time(), time.perf_counter()
sp.expand(sp.Add(*xs) ** 4)
c4, w4 = time.process_time(), time.perf_counter()
row = {{"derive_cpu": c2 - c1, "derive_wall": w2 - w1, "process_cpu": c2 - c0,
        "process_wall": w2 - w0, "sympy_cpu": c4 - c3, "light_terms": terms}}
if {prove}:
    from symseesaw import prove
    point = {{s: complex(1 / (k + 1.5), 0.1 * (k % 4) - 0.15) for k, s in enumerate(d)}}
    point.update({{s: 1.0 + k for k, s in enumerate(R.diagonal())}})
    c5 = time.process_time()
    report = prove(blocks, point)
    row["prove_cpu"] = time.process_time() - c5
    row["proof_passed"] = report.passed
print(json.dumps(row))
"""


def run_once(order: int, prove: bool = False) -> dict:
    code = CHILD.format(root=str(ROOT), order=order, prove=prove)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--order", type=int, default=2)
    parser.add_argument("--prove", action="store_true", help="also time the order proof")
    args = parser.parse_args()
    rows = [run_once(args.order, args.prove) for _ in range(args.runs)]
    print(f"type-I 3+3 complex, blocks mode, relative order {args.order}, "
          f"{args.runs} cold processes; light-block terms: {rows[0]['light_terms']}")
    keys = ("derive_cpu", "derive_wall", "process_cpu", "process_wall", "sympy_cpu")
    for key in keys + (("prove_cpu",) if args.prove else ()):
        values = [r[key] for r in rows]
        print(f"  {key:13s} min {min(values):7.3f} s   median {statistics.median(values):7.3f} s")
    ratio = [r["derive_cpu"] / r["sympy_cpu"] for r in rows]
    print(f"  derive / sympy workload (CPU): min {min(ratio):.2f}, "
          f"median {statistics.median(ratio):.2f}")
    if args.prove:
        print(f"  proofs passed: {[r['proof_passed'] for r in rows]}")


if __name__ == "__main__":
    main()
