"""Benchmark: complex type-I 3+2 and 3+3 with a given heavy basis (issue 13 item 5).

Run ``python benchmarks/bench_complex_basis.py [--heavy 2 3] [--seeds 1 2] [--runs 3]
[--timeout 300]``.

The texture is numeric and complex (``t`` small, order 2):
``M = [[t^2 S, t D], [t D^T, R]]`` with ``R = V_h^* diag(2, 5, 7) V_h^dagger``
(``V_h`` a complex unitary Cayley transform with rational entries, the given
``heavy_basis``), ``D = V_0[:, :n_h] diag(1, 2, 3) V_h^dagger`` and
``S = V_0 diag(1/3, 2/3, 4/3) V_0^T`` (``conj(V_0)`` the given ``light_basis``).
``R`` is a full complex numeric matrix, so ``M_R^-1`` and the leading splittings
are numbers of ``Q(i)``: before issue 13 was fixed each of them became an atom
``1/P`` (a polynomial in ``i``) and the derivation took minutes.

Each run is a fresh Python process; printed per case: CPU and wall seconds of
``seesaw_expansion`` (min and median over the runs) and the peak resident memory.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from _cold import run_cold

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, random, resource, sys, time
sys.path.insert(0, {root!r})
import sympy as sp
from symseesaw.api import seesaw_expansion

t = sp.Symbol("t", positive=True)


def unitary(seed, n):
    rng = random.Random(seed)
    K = sp.zeros(n, n)
    for i in range(n):
        for j in range(i + 1, n):
            v = sp.Rational(rng.randint(-2, 2), 2)
            w = sp.I * sp.Rational(rng.randint(-2, 2), 3)
            K[i, j], K[j, i] = v + w, -v + w
        K[i, i] = sp.I * sp.Rational(rng.randint(-2, 2), 2)
    return ((sp.eye(n) - K) * (sp.eye(n) + K).inv()).applyfunc(sp.nsimplify).applyfunc(sp.expand)


nh, seed = {nh}, {seed}
V0, Vh = unitary(seed, 3), unitary(seed + 100, nh)
R = (Vh.conjugate() * sp.diag(*[2, 5, 7][:nh]) * Vh.H).applyfunc(sp.expand)
D = V0[:, :nh] * sp.diag(*[1, 2, 3][:nh]) * Vh.H
S = (V0 * sp.diag(*[sp.Rational(x, 3) for x in (1, 2, 4)]) * V0.T).applyfunc(sp.expand)
M = sp.BlockMatrix([[t**2 * S, t * D], [t * D.T, R]]).as_explicit().applyfunc(sp.expand)
c0, w0 = time.process_time(), time.perf_counter()
ex = seesaw_expansion(M, 3, {{t: 2}}, light_basis=V0.conjugate(), heavy_basis=Vh)
c1, w1 = time.process_time(), time.perf_counter()
atoms = sum(1 for g in ex.algebra.registry.generators if g.kind == "atom")
print(json.dumps({{"cpu": c1 - c0, "wall": w1 - w0, "atoms": atoms,
                   "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run_once(nh: int, seed: int, timeout: float) -> dict:
    """One cold process (or a status on timeout / error)."""
    code = CHILD.format(root=str(ROOT), nh=nh, seed=seed)
    return run_cold(code, timeout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heavy", type=int, nargs="+", default=[2, 3])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    start = time.perf_counter()
    for nh in args.heavy:
        for seed in args.seeds:
            rows = [run_once(nh, seed, args.timeout) for _ in range(args.runs)]
            ok = [r for r in rows if r["status"] == "ok"]
            label = f"3+{nh} complex, seed {seed}:"
            if not ok:
                print(label, "; ".join(r["status"] for r in rows))
                continue
            cpu = [r["cpu"] for r in ok]
            wall = [r["wall"] for r in ok]
            print(f"{label} {len(ok)}/{len(rows)} ok, atoms {ok[0]['atoms']}, "
                  f"CPU min {min(cpu):.3f} median {statistics.median(cpu):.3f} s, "
                  f"wall min {min(wall):.3f} median {statistics.median(wall):.3f} s, "
                  f"max RSS {max(r['maxrss_mib'] for r in ok):.0f} MiB")
    print(f"(benchmark wall {time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
