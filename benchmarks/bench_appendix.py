"""Timing of the seed 001 Appendix A audit: derivations and order proofs.

Run ``python benchmarks/bench_appendix.py`` from the repository root (the working
tree is benchmarked: the repository root is prepended to ``sys.path``).

Stages
------
derive (target: total < 5 s)
    ``seed001_appendix_sectors.derive()``, ``seed001_mutau.derive()``,
    ``_seed001_appendix_nu.derive_sector`` (including ``dirac_prime``) plus
    ``compare_sector`` for NO and for IO, and, if the module exists,
    ``seed001_appendix.derive()`` (which runs all the others itself; it is listed
    but not added to the total).
prove (target: total < 60 s)
    ``seed001_appendix_sectors.prove``, ``seed001_mutau.prove``,
    ``prove_expansion(**proof_inputs(sector), dps=50)`` for NO and IO, and
    ``seed001_appendix.prove`` if it exists (again listed, not added: it re-runs
    the others, including ``sectors.derive()`` and ``mutau.derive()``).

Cold start matters (module-level ``lru_cache``s: ``dirac_prime`` shares the
right-handed diagonalization with ``sectors.derive``; ``seed001_appendix`` caches
the neutrino sectors), so every stage is timed in a *fresh* Python process:
imports and prerequisites (the ``derive`` a ``prove`` needs) run untimed, then the
stage itself is timed with cold caches (minimum over ``--repeat`` processes,
default 3, against noise from other jobs). The targets are checked on these cold
times, for the sum of the component stages and for the aggregate module alone. For comparison the same stages are also timed sequentially in one process
(``--no-cold`` prints only that column).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DERIVE_TARGET = 5.0
PROVE_TARGET = 60.0
HAS_APPENDIX = importlib.util.find_spec("symseesaw.papers.seed001.appendix") is not None


# ---------------------------------------------------------------------------
# stages: (prepare, run); prepare is untimed and returns the argument of run
# ---------------------------------------------------------------------------


def _nu_derive(ordering: str):
    from symseesaw.papers.seed001 import _appendix_nu as nu
    from symseesaw.papers.seed001 import appendix_sectors as sectors

    def run(_):
        sec = nu.derive_sector(ordering, sectors.dirac_prime(ordering))
        return nu.compare_sector(sec)
    return (lambda: None), run


def _nu_prove(ordering: str):
    from symseesaw.numerics.proof import prove_expansion
    from symseesaw.papers.seed001 import _appendix_nu as nu
    from symseesaw.papers.seed001 import appendix_sectors as sectors

    def prepare():
        return nu.derive_sector(ordering, sectors.dirac_prime(ordering))

    def run(sec):
        report = prove_expansion(**nu.proof_inputs(sec), dps=50)
        assert report.passed, report
        return report
    return prepare, run


def _module_derive(name: str):
    module = importlib.import_module(f"symseesaw.papers.seed001.{name}")
    return (lambda: None), (lambda _: module.derive())


def _module_prove(name: str):
    module = importlib.import_module(f"symseesaw.papers.seed001.{name}")

    def run(result):
        report = module.prove(result, dps=50)
        assert report.passed, report
        return report
    return module.derive, run


STAGES = {
    "derive": {
        "seed001_appendix_sectors.derive": lambda: _module_derive("appendix_sectors"),
        "seed001_mutau.derive": lambda: _module_derive("mutau"),
        "nu NO derive_sector+compare": lambda: _nu_derive("NO"),
        "nu IO derive_sector+compare": lambda: _nu_derive("IO"),
    },
    "prove": {
        "seed001_appendix_sectors.prove": lambda: _module_prove("appendix_sectors"),
        "seed001_mutau.prove": lambda: _module_prove("mutau"),
        "nu NO prove_expansion": lambda: _nu_prove("NO"),
        "nu IO prove_expansion": lambda: _nu_prove("IO"),
    },
}
#: Aggregates: listed, not added to the totals (they re-run the stages above).
AGGREGATES = {"derive": {}, "prove": {}}
if HAS_APPENDIX:
    AGGREGATES["derive"]["seed001_appendix.derive (all of the above)"] = \
        lambda: _module_derive("appendix")
    AGGREGATES["prove"]["seed001_appendix.prove (all of the above)"] = \
        lambda: _module_prove("appendix")


def _all_stages() -> dict:
    return {name: make for group in (STAGES, AGGREGATES) for table in group.values()
            for name, make in table.items()}


def time_stage(name: str) -> float:
    """Prepare (untimed) and run (timed) one stage in this process."""
    prepare, run = _all_stages()[name]()
    arg = prepare()
    start = time.perf_counter()
    run(arg)
    return time.perf_counter() - start


def time_cold(name: str, repeat: int = 1) -> float:
    """Time one stage in ``repeat`` fresh Python processes (cold caches); the minimum."""
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, __file__, "--stage", name], capture_output=True,
                             text=True, cwd=ROOT, check=False)
        if out.returncode:
            raise RuntimeError(f"stage {name!r} failed:\n{out.stderr[-3000:]}")
        times.append(json.loads(out.stdout.strip().splitlines()[-1])["seconds"])
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stage", help="time one stage in this process, print JSON (internal)")
    parser.add_argument("--no-cold", action="store_true",
                        help="skip the fresh-process timings (targets then use the warm column)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="fresh processes per stage, the minimum is reported (default 3)")
    args = parser.parse_args()
    if args.stage:
        print(json.dumps({"stage": args.stage, "seconds": time_stage(args.stage)}))
        return 0

    ok = True
    print(f"seed001 Appendix A benchmark (python {sys.version.split()[0]}); "
          f"seed001_appendix module: {'present' if HAS_APPENDIX else 'absent'}; "
          f"cold = min over {args.repeat} fresh processes, warm = one sequential run")
    for group, target in (("derive", DERIVE_TARGET), ("prove", PROVE_TARGET)):
        print(f"\n{group}: | stage | cold, fresh process (s) | warm, one process (s) |")
        rows = {**{n: False for n in STAGES[group]}, **{n: True for n in AGGREGATES[group]}}
        totals = {"cold": 0.0, "warm": 0.0}
        checked = {}
        key = "warm" if args.no_cold else "cold"
        for name, aggregate in rows.items():
            warm = time_stage(name)
            cold = None if args.no_cold else time_cold(name, args.repeat)
            if aggregate:
                checked[name] = warm if args.no_cold else cold
            else:
                totals["warm"] += warm
                totals["cold"] += cold or 0.0
            shown = "-" if cold is None else f"{cold:.2f}"
            print(f"  | {name} | {shown} | {warm:.2f} |")
        print(f"  | total (sum of the non-aggregate rows) | "
              f"{'-' if args.no_cold else format(totals['cold'], '.2f')} | {totals['warm']:.2f} |")
        checked = {f"{group} total": totals[key], **checked}
        for name, value in checked.items():
            passed = value < target
            ok &= passed
            print(f"  target ({key}): {name} < {target:g} s: {value:.2f} s "
                  f"{'PASS' if passed else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
