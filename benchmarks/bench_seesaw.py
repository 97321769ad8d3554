"""Benchmark of the symbolic seesaw engine (optionally against pymablock 2.2.1).

Run ``python benchmarks/bench_seesaw.py``. Cases:

(a) light effective mass matrix of the real symmetric 5x5 seesaw matrix
    ``[[0, D], [D^T, diag(M2, M3)]]`` with ``D`` columns ``k1 (1 - rho2, 1 + rho2, 1)``
    and ``k2 (rho3 - chi, -1, 1)``, block-diagonalized to total order N in
    ``(k1, k2)`` for N = 2, 4, 6, 8: ours versus ``pymablock.block_diagonalize``
    plus ``sympy.expand`` of its light block (same canonical expanded form).
(b) full diagonalization (``seesaw_expansion``) of the same matrix written with
    ``t e1 M2`` and ``t e2 M3`` columns around tri-bimaximal mixing, normal and
    inverted ordering (ours only).

pymablock is an optional extra (``pip install ".[bench]"``); it runs in a
subprocess killed after ``--timeout`` seconds.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import sympy as sp

# benchmark the working tree, not an installed copy
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

k1, k2, rho2, rho3, chi, M2, M3 = sp.symbols("k1 k2 rho2 rho3 chi M2 M3", real=True)
t, e1, e2, r = sp.symbols("t e1 e2 r", real=True)
TBM = sp.Matrix([[2 / sp.sqrt(6), 1 / sp.sqrt(3), 0],
                 [-1 / sp.sqrt(6), 1 / sp.sqrt(3), -1 / sp.sqrt(2)],
                 [-1 / sp.sqrt(6), 1 / sp.sqrt(3), 1 / sp.sqrt(2)]])


def matrix_a() -> sp.Matrix:
    """Benchmark (a) mass matrix."""
    D = sp.Matrix([[k1 * (1 - rho2), k2 * (rho3 - chi)], [k1 * (1 + rho2), -k2], [k1, k2]])
    return sp.BlockMatrix([[sp.zeros(3), D], [D.T, sp.diag(M2, M3)]]).as_explicit()


def matrix_b(inverted: bool, scale: sp.Expr = sp.S.One) -> sp.Matrix:
    """Benchmark (b) mass matrix (normal or inverted ordering).

    ``scale`` multiplies ``rho2, rho3, chi``: with ``scale = r`` and ``r`` a small
    parameter of order 1, "first order in (rho2, rho3, chi)" is first order in
    their common size ``r`` (as ``r_1`` in seed 001, Eq. 39), cross terms dropped.
    """
    p2, p3, pc = scale * rho2, scale * rho3, scale * chi
    c1 = t * e1 * M2 * sp.Matrix([1 - p2, 1 + p2, 1])
    if inverted:
        c2 = t * e2 * M3 * sp.Matrix([2 + p3 - pc, -1, -1])
    else:
        c2 = t * e2 * M3 * sp.Matrix([p3 - pc, -1, 1])
    D = c1.row_join(c2)
    return sp.BlockMatrix([[sp.zeros(3), D], [D.T, sp.diag(M2, M3)]]).as_explicit()


def ours_a(order: int) -> tuple[float, sp.Matrix]:
    """Time our block diagonalization (including conversion to sympy)."""
    from symseesaw.algebra.matrix import SeriesMatrix
    from symseesaw.algebra.series import Algebra
    from symseesaw.linalg.blockdiag import block_diagonalize

    t0 = time.perf_counter()
    alg = Algebra({k1: order, k2: order}, total=order)
    bd = block_diagonalize(SeriesMatrix.from_sympy(alg, matrix_a()), 3)
    light = bd.light.to_sympy()
    return time.perf_counter() - t0, light


def pymablock_a(order: int) -> float:
    """Time pymablock's light block to total order ``order`` (expanded)."""
    import pymablock

    t0 = time.perf_counter()
    H = matrix_a()
    H_tilde, _, _ = pymablock.block_diagonalize(H, symbols=[k1, k2],
                                                subspace_indices=[0, 0, 0, 1, 1])
    light = sp.zeros(3, 3)
    for i in range(order + 1):
        for j in range(order + 1 - i):
            block = H_tilde[0, 0, i, j]
            if isinstance(block, sp.MatrixBase):
                light += block * k1**i * k2**j
    light = light.applyfunc(sp.expand)
    return time.perf_counter() - t0


def ours_b(inverted: bool, grouped: bool = True) -> float:
    """Time the full diagonalization around tri-bimaximal mixing."""
    from symseesaw.api import seesaw_expansion

    t0 = time.perf_counter()
    if grouped:
        seesaw_expansion(matrix_b(inverted, r), 3, {t: 2, r: 1}, light_basis=TBM)
    else:
        seesaw_expansion(matrix_b(inverted), 3, {t: 2, rho2: 1, rho3: 1, chi: 1},
                         light_basis=TBM)
    return time.perf_counter() - t0


def run_pymablock(order: int, timeout: float) -> str:
    """pymablock time for case (a) in a killable subprocess."""
    try:
        out = subprocess.run([sys.executable, __file__, "--pymablock-worker", str(order)],
                             capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s"
    if out.returncode:
        return "error: " + out.stderr.strip().splitlines()[-1]
    return out.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, nargs="*", default=[2, 4, 6, 8])
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--pymablock-worker", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pymablock_worker is not None:
        print(f"{pymablock_a(args.pymablock_worker):.3f}")
        return
    try:
        import pymablock  # noqa: F401

        have_pymablock = True
    except ImportError:
        have_pymablock = False
        print("pymablock not installed (pip install '.[bench]'): reporting our times only")
    print("(a) light block of the 3+2 seesaw, total order N in (k1, k2)")
    print(f"{'N':>3} {'ours [s]':>10} {'pymablock+expand [s]':>22} {'ratio':>8}")
    for order in args.orders:
        ours, _ = ours_a(order)
        theirs = run_pymablock(order, args.timeout) if have_pymablock else "n/a"
        try:
            ratio = f"{float(theirs) / ours:.1f}x"
        except ValueError:
            ratio = "-"
        print(f"{order:>3} {ours:>10.3f} {theirs:>22} {ratio:>8}")
    print("(b) full diagonalization around TBM to second order in t (eps_i = t e_i) and first "
          "order in (rho2, rho3, chi) = r (rho2, rho3, chi); ours only -- the two-stage "
          "pymablock route is not implemented here (the issue quotes 5.6 s normal, 7.4 s "
          "inverted on this machine)")
    for name, inverted in (("normal", False), ("inverted", True)):
        print(f"  {name:>9}: {ours_b(inverted):.3f} s")
    print("(b') same, but each of rho2, rho3, chi to first order separately (their cross "
          "terms such as rho2*chi kept)")
    for name, inverted in (("normal", False), ("inverted", True)):
        print(f"  {name:>9}: {ours_b(inverted, grouped=False):.3f} s")


if __name__ == "__main__":
    main()
