"""Cold-start benchmark of the series kernel: light blocks against a sympy floor and pymablock.

Run ``python benchmarks/bench_kernel.py [--runs 3] [--markdown]``. Every
measurement runs in a fresh Python process (imports untimed, caches cold), for
every side, ``--runs`` times; the table gives the minimum and the median of
CPU and wall time and the peak resident memory (``ru_maxrss``) of the process.

Cases (light block of a seesaw block diagonalization):

``a``    benchmark (a) of ``bench_seesaw.py``: the real 3+2 matrix
         ``[[0, D], [D^T, diag(M2, M3)]]``, ``Algebra({k1: N, k2: N}, total=N)``;
``c33``  the general complex 3+3 system of seed 001 Sect. II
         (``symseesaw.papers.seed001.section2.general_system(3)``: ``D = x d_ij`` with
         independent complex ``d_ij``, ``M_R = V_R diag(M_i) V_R^T``),
         ``Algebra({x: N})``.

Sides:

``kernel``  ``block_diagonalize`` up to the light block as a ``SeriesMatrix``;
``ours``    the same plus ``to_sympy()`` of the light block (canonical expanded
            sympy expressions);
``floor``   the fixed sympy workload the output costs anyway: building the same
            canonical expressions from their integers and symbols
            (``Add(*[Mul(Rational(p, q), *[s**e ...]) ...])``), sympy cache cleared,
            the data prepared untimed; ``ratio = ours / floor`` (CPU minima);
``pymablock``  ``pymablock.block_diagonalize`` (2.2.1) plus ``sympy.expand`` of its
            light block to the same order, case ``a`` only (pymablock treats
            Hermitian matrices; the complex symmetric 3+3 is a Takagi problem it
            does not solve). Optional: ``pip install ".[bench]"``.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# benchmark the working tree, not an installed copy
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TARGETS = {("a", 8): 1.0, ("a", 10): 3.0, ("a", 12): 10.0, ("c33", 6): 1.5}


def _system(case: str, order: int):
    """(Algebra, sympy mass matrix) of a case."""
    from symseesaw.algebra.series import Algebra

    if case == "a":
        from bench_seesaw import k1, k2, matrix_a

        return Algebra({k1: order, k2: order}, total=order), matrix_a()
    if case == "c33":
        from symseesaw.papers.seed001.section2 import general_system, x

        return Algebra({x: order}), general_system(3)["M"]
    raise SystemExit(f"unknown case {case!r}: use 'a' or 'c33'")


def _times() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def worker_ours(case: str, order: int) -> dict:
    from symseesaw.algebra import series
    from symseesaw.algebra.matrix import SeriesMatrix
    from symseesaw.linalg.blockdiag import block_diagonalize

    alg, matrix = _system(case, order)
    cpu0, wall0 = _times()
    bd = block_diagonalize(SeriesMatrix.from_sympy(alg, matrix), 3)
    cpu1, wall1 = _times()
    light = bd.light.to_sympy()
    cpu2, wall2 = _times()
    terms = sum(len(entry.terms) for row in bd.light.rows for entry in row)
    assert light.shape == (3, 3)
    return {"kernel_cpu": cpu1 - cpu0, "kernel_wall": wall1 - wall0,
            "cpu": cpu2 - cpu0, "wall": wall2 - wall0, "terms": terms,
            "iterations": bd.iterations, "kernel": series.KERNEL}


def worker_floor(case: str, order: int) -> dict:
    import sympy as sp
    from sympy.core.cache import clear_cache

    from symseesaw.algebra.matrix import SeriesMatrix
    from symseesaw.linalg.blockdiag import block_diagonalize

    alg, matrix = _system(case, order)
    bd = block_diagonalize(SeriesMatrix.from_sympy(alg, matrix), 3)
    gens = [g.expr for g in alg.registry.generators]
    # plain Python data: (p, q, [(generator index, exponent)]) per term, per entry
    data = [[(int(c.numerator), int(c.denominator), [(i, e) for i, e in enumerate(m) if e])
             for m, c in entry.terms.items()] for row in bd.light.rows for entry in row]
    clear_cache()
    cpu0, wall0 = _times()
    built = [sp.Add(*[sp.Mul(sp.Rational(p, q), *[gens[i] ** e for i, e in factors])
                      for p, q, factors in entry]) for entry in data]
    cpu1, wall1 = _times()
    assert len(built) == 9
    return {"cpu": cpu1 - cpu0, "wall": wall1 - wall0}


def worker_pymablock(case: str, order: int) -> dict:
    if case != "a":
        raise SystemExit("pymablock runs case 'a' only")
    import pymablock  # noqa: F401  (import untimed)
    from bench_seesaw import pymablock_a

    cpu0, wall0 = _times()
    pymablock_a(order)
    cpu1, wall1 = _times()
    return {"cpu": cpu1 - cpu0, "wall": wall1 - wall0}


WORKERS = {"ours": worker_ours, "floor": worker_floor, "pymablock": worker_pymablock}


def run_cold(side: str, case: str, order: int, timeout: float) -> dict | str:
    """One measurement in a fresh process; a dict, or a string saying why not."""
    cmd = [sys.executable, __file__, "--worker", side, case, str(order)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s"
    if out.returncode:
        lines = out.stderr.strip().splitlines() or ["no output"]
        return "error: " + lines[-1]
    return json.loads(out.stdout.strip().splitlines()[-1])


def summarize(results: list[dict | str], key: str) -> tuple[float, float] | str:
    values = [r[key] for r in results if isinstance(r, dict)]
    if not values:
        return next((r for r in results if isinstance(r, str)), "n/a")
    return min(values), statistics.median(values)


def fmt(stat) -> str:
    if isinstance(stat, str):
        return stat
    return f"{stat[0]:.2f} / {stat[1]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold runs per side (default 3)")
    parser.add_argument("--orders-a", type=int, nargs="*", default=[6, 8, 10, 12])
    parser.add_argument("--orders-c33", type=int, nargs="*", default=[6, 8])
    parser.add_argument("--pymablock-orders", type=int, nargs="*", default=[6, 8])
    parser.add_argument("--pymablock-runs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120.0, help="per run, seconds")
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument("--worker", nargs=3, metavar=("SIDE", "CASE", "ORDER"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        side, case, order = args.worker
        result = WORKERS[side](case, int(order))
        result["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    try:
        import pymablock  # noqa: F401

        have_pymablock = True
    except ImportError:
        have_pymablock = False
    rows = [("a", n) for n in args.orders_a] + [("c33", n) for n in args.orders_c33]
    header = ["case", "N", "terms", "iter", "kernel CPU", "ours CPU", "ours wall", "floor CPU",
              "ours/floor", "pymablock CPU", "target (ours CPU)", "max RSS MiB"]
    print("min / median over cold runs, seconds; " + f"{args.runs} runs (pymablock "
          f"{args.pymablock_runs}); timeout {args.timeout:.0f} s per run")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
    else:
        print("  ".join(header))
    for case, order in rows:
        ours = [run_cold("ours", case, order, args.timeout) for _ in range(args.runs)]
        floor = [run_cold("floor", case, order, args.timeout) for _ in range(args.runs)]
        if have_pymablock and case == "a" and order in args.pymablock_orders:
            theirs = [run_cold("pymablock", case, order, args.timeout)
                      for _ in range(args.pymablock_runs)]
            theirs_stat = fmt(summarize(theirs, "cpu"))
        else:
            theirs_stat = "not run" if case == "a" else "n/a (Takagi)"
        good = [r for r in ours if isinstance(r, dict)]
        ours_cpu = summarize(ours, "cpu")
        floor_cpu = summarize(floor, "cpu")
        if isinstance(ours_cpu, tuple) and isinstance(floor_cpu, tuple) and floor_cpu[0] > 0:
            ratio = f"{ours_cpu[0] / floor_cpu[0]:.2f}"
        else:
            ratio = "-"
        target = TARGETS.get((case, order))
        if target is None:
            verdict = "measured"
        elif isinstance(ours_cpu, tuple):
            verdict = f"< {target:g} s: {'PASS' if ours_cpu[0] < target else 'FAIL'}"
        else:
            verdict = f"< {target:g} s: FAIL"
        rss = max((r["maxrss_mib"] for r in ours + floor if isinstance(r, dict)), default=0)
        cells = [case, str(order), str(good[0]["terms"]) if good else "-",
                 str(good[0]["iterations"]) if good else "-",
                 fmt(summarize(ours, "kernel_cpu")), fmt(ours_cpu), fmt(summarize(ours, "wall")),
                 fmt(floor_cpu), ratio, theirs_stat, verdict, f"{rss:.0f}"]
        if args.markdown:
            print("| " + " | ".join(cells) + " |", flush=True)
        else:
            print("  ".join(cells), flush=True)


if __name__ == "__main__":
    main()
