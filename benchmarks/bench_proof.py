"""Cost of the per-entry order proof, as a ratio to its own exact Takagi scan.

Run ``python benchmarks/bench_proof.py`` from the repository root.  For each
case the proof (:func:`symseesaw.numerics.prove_expansion`, default scan, 8
points) is timed against the bare exact scan it contains (8 Takagi
factorizations of the same matrices at the same dps), in the same process, so
the ratio says what the per-entry bookkeeping, the leading-term estimates and
the checks before the scan add.  Times are wall-clock minima over ``--repeat``
runs; read the ratios, not the absolutes, on a loaded machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mpmath  # noqa: E402
import sympy as sp  # noqa: E402

from symseesaw.api import seesaw_expansion  # noqa: E402
from symseesaw.numerics import default_t_values, lambdify_matrix, prove_expansion, takagi  # noqa: E402


def cases() -> list[tuple[str, dict]]:
    """Named proof inputs: a 2x2 seesaw, an inverse seesaw with a group, seed 001 NO."""
    eps, delta = sp.symbols("epsilon delta", positive=True)
    M0, m = sp.symbols("M0 m", positive=True)
    out = []
    M = sp.Matrix([[0, eps * M0], [eps * M0, M0]])
    ex = seesaw_expansion(M, 1, {eps: 2})
    out.append(("2x2 seesaw, order 2", dict(
        mass_matrix=M, mixing_matrix=ex.mixing_matrix, masses=ex.masses, symbols=[eps, M0],
        small={eps: 2}, base_point={M0: 1}, direction={eps: 1.0})))
    M = sp.Matrix([[0, eps * m, 0], [eps * m, 0, M0], [0, M0, delta * M0]])
    ex = seesaw_expansion(M, 1, {eps: 2, delta: 1}, quasi_degenerate_heavy=[[0, 1]])
    out.append(("inverse seesaw 1+2, group", dict(
        mass_matrix=M, mixing_matrix=ex.mixing_matrix, masses=ex.masses,
        symbols=[M0, delta, eps, m], small=ex.small, base_point={M0: 1, m: 1},
        direction={eps: 1.0, delta: 0.5}, groups=[[1, 2]],
        group_blocks={0: ex.heavy.diagonal.to_sympy()})))
    try:
        import symseesaw.papers.seed001.no as no
        from symseesaw.papers.seed001._section3a import BASE_POINT

        res = no.derive()
        e1 = next(s for s in res.small if s.name == "epsilon_1")
        e2 = next(s for s in res.small if s.name == "epsilon_2")
        out.append(("seed001-no 5x5", dict(
            mass_matrix=res.mass_matrix, mixing_matrix=res.mixing_matrix, masses=res.masses,
            symbols=sorted(res.mass_matrix.free_symbols | set(res.small), key=str),
            small=res.small, base_point=BASE_POINT, direction={e1: 0.7, e2: 1.0},
            convention=res.convention)))
    except (ImportError, StopIteration) as exc:  # the registry may move (issue 10)
        print(f"seed001-no skipped: {exc}")
    return out


def bare_scan(inputs: dict, dps: int) -> None:
    """The exact Takagi factorizations the proof needs, and nothing else."""
    symbols = inputs["symbols"]
    names = {str(s): s for s in symbols}
    f = lambdify_matrix(inputs["mass_matrix"], symbols, "mpmath")
    direction = {names.get(str(k), k): v for k, v in inputs["direction"].items()}
    base = {names.get(str(k), k): v for k, v in inputs["base_point"].items()}
    with mpmath.workdps(dps):
        for t in default_t_values(direction):
            args = [t * direction[s] if s in direction else base[s] for s in symbols]
            takagi(f(*args), dps=dps)


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dps", type=int, default=50)
    args = parser.parse_args()
    print(f"{'case':32s} {'entries':>7s} {'proof (s)':>10s} {'scan (s)':>9s} {'ratio':>6s}")
    for name, inputs in cases():
        report = prove_expansion(**inputs, dps=args.dps)
        t_proof = best(lambda inputs=inputs: prove_expansion(**inputs, dps=args.dps), args.repeat)
        t_scan = best(lambda inputs=inputs: bare_scan(inputs, args.dps), args.repeat)
        print(f"{name:32s} {len(report.entries):7d} {t_proof:10.3f} {t_scan:9.3f} "
              f"{t_proof / t_scan:6.1f}   passed={report.passed}")


if __name__ == "__main__":
    main()
