"""CPU cost of the seed 001 Appendix A audit and of ``symseesaw reproduce`` (issue 11).

Run ``python benchmarks/bench_appendix.py [--runs 3] [--no-reproduce] [--only TEXT]`` from the
repository root (the working tree is benchmarked: the repository root is prepended to
``sys.path``).

Every row runs cold, in a fresh Python process, ``--runs`` times; imports and
prerequisites (the ``derive`` a ``prove`` needs) run untimed, then the stage is timed
with cold caches (the module's import fills no derivation cache: its only work is
reading the printed equations).  One row times the import too (symseesaw, numpy,
python-flint, the module with its parse of the printed LaTeX): the figure the
derive rows gave before they imported their module untimed.  Printed: minimum / median of the CPU time (``time.process_time``;
the figure to read on a shared machine) and of the wall time, and the ratio of the CPU
minimum to the smallest time of a fixed sympy workload (:func:`reference_workload`)
measured in the same processes, which makes runs on differently loaded machines comparable.

Rows
----
``seed001_appendix.derive``
    The whole appendix audit (sectors, mu-tau claims, both 5x5 orderings, Eqs. 37, 38,
    41): target < 2 s CPU.  Below it: the same with the imports timed, and its parts
    (not added).
``seed001_appendix.prove``
    Every order proof of the appendix.
``symseesaw reproduce``
    The command itself (all registered derivations with their proofs, import included),
    CPU time of the child process: target < 20 s.
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
sys.path.insert(0, str(ROOT))

DERIVE_TARGET = 2.0
REPRODUCE_TARGET = 20.0


def reference_workload() -> float:
    """CPU seconds of a fixed sympy workload (expansion of a trinomial power, second run)."""
    import sympy as sp

    x, y, z = sp.symbols("x y z")
    sp.expand((x + y + z + 1) ** 8)  # warm up sympy's first-call paths, untimed
    start = time.process_time()
    sp.expand((x + y + z + 2) ** 16)
    return time.process_time() - start


# ---------------------------------------------------------------------------
# stages: name -> (prepare, run); prepare is untimed and returns the argument of run
# ---------------------------------------------------------------------------
def _module(name: str):
    import importlib

    return importlib.import_module(f"symseesaw.papers.seed001.{name}")


def _derive(name: str):
    return (lambda: _module(name)), (lambda module: module.derive())


def _import_and_derive(name: str):
    """The derive with the import of its module (and of symseesaw) inside the timing."""
    return (lambda: None), (lambda _: _module(name).derive())


def _prove(name: str):
    module = _module(name)

    def run(result):
        report = module.prove(result, dps=50)
        assert report.passed, report
        return report
    return module.derive, run


def _nu(ordering: str):
    def run(modules):
        nu, sectors = modules
        return nu.compare_sector(nu.derive_sector(ordering, sectors.dirac_prime(ordering)))
    return (lambda: (_module("_appendix_nu"), _module("appendix_sectors"))), run


STAGES = {
    "seed001_appendix.derive": lambda: _derive("appendix"),
    "  with the import of symseesaw and the module": lambda: _import_and_derive("appendix"),
    "  part: appendix_sectors.derive": lambda: _derive("appendix_sectors"),
    "  part: mutau.derive": lambda: _derive("mutau"),
    "  part: 5x5 NO derive_sector + compare_sector": lambda: _nu("NO"),
    "  part: 5x5 IO derive_sector + compare_sector": lambda: _nu("IO"),
    "seed001_appendix.prove": lambda: _prove("appendix"),
}
TARGETS = {"seed001_appendix.derive": DERIVE_TARGET, "symseesaw reproduce": REPRODUCE_TARGET}


def time_stage(name: str) -> dict:
    """Prepare (untimed) and run (timed) one stage in this process."""
    reference = reference_workload()
    prepare, run = STAGES[name]()
    arg = prepare()
    cpu, wall = time.process_time(), time.perf_counter()
    run(arg)
    return {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall,
            "reference": reference}


def _run_stage_cold(name: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--stage", name], capture_output=True,
                         text=True, cwd=ROOT, check=False)
    if out.returncode:
        raise RuntimeError(f"stage {name!r} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _run_reproduce_cold() -> dict:
    """``python -m symseesaw reproduce -q`` in a child process: its CPU time (user + sys)."""
    reference = _run_stage_cold("seed001_appendix.derive")["reference"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "symseesaw", "reproduce", "-q"],
                         capture_output=True, text=True, cwd=ROOT, check=False)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode:
        raise RuntimeError(f"symseesaw reproduce failed:\n{out.stdout[-3000:]}{out.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu": cpu, "wall": wall, "reference": reference}


def _row(name: str, runs: list[dict]) -> tuple[str, bool]:
    cpu = [r["cpu"] for r in runs]
    wall = [r["wall"] for r in runs]
    ratio = min(cpu) / min(r["reference"] for r in runs)
    target = TARGETS.get(name)
    verdict = "" if target is None else (
        f"< {target:g} s: {'PASS' if min(cpu) < target else 'FAIL'}")
    line = (f"| {name} | {min(cpu):.2f} / {statistics.median(cpu):.2f} | "
            f"{min(wall):.2f} / {statistics.median(wall):.2f} | {ratio:.1f} | {verdict} |")
    return line, target is None or min(cpu) < target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stage", help="time one stage in this process, print JSON (internal)")
    parser.add_argument("--runs", type=int, default=3, help="cold processes per row (default 3)")
    parser.add_argument("--no-reproduce", action="store_true",
                        help="skip the 'symseesaw reproduce' row (the longest)")
    parser.add_argument("--only", metavar="TEXT",
                        help="only the rows whose name contains TEXT")
    args = parser.parse_args()
    if args.stage:
        print(json.dumps({"stage": args.stage, **time_stage(args.stage)}))
        return 0
    print(f"seed 001 appendix and reproduce (python {sys.version.split()[0]}); min / median "
          f"over {args.runs} cold processes; ratio = CPU min / fixed sympy workload "
          "(reference_workload)")
    print("| stage | CPU (s) | wall (s) | ratio | target (CPU min) |")
    print("|---|---|---|---|---|")
    ok = True
    rows = list(STAGES) + ([] if args.no_reproduce else ["symseesaw reproduce"])
    rows = [name for name in rows if args.only is None or args.only in name]
    for name in rows:
        runner = _run_reproduce_cold if name == "symseesaw reproduce" else (
            lambda n=name: _run_stage_cold(n))
        line, passed = _row(name, [runner() for _ in range(args.runs)])
        ok &= passed
        print(line, flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
