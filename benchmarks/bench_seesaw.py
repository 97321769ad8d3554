"""Benchmark of the symbolic seesaw engine (optionally against pymablock 2.2.1).

Run ``python benchmarks/bench_seesaw.py``. Cases:

(a) light effective mass matrix of the real symmetric 5x5 seesaw matrix
    ``[[0, D], [D^T, diag(M2, M3)]]`` with ``D`` columns ``k1 (1 - rho2, 1 + rho2, 1)``
    and ``k2 (rho3 - chi, -1, 1)``, block-diagonalized to total order N in
    ``(k1, k2)`` for N = 2, 4, 6, 8: ours versus ``pymablock.block_diagonalize``
    plus ``sympy.expand`` of its light block (same canonical expanded form).
(b) full diagonalization (``seesaw_expansion``) of the same matrix written with
    ``t e1 M2`` and ``t e2 M3`` columns around tri-bimaximal mixing, normal and
    inverted ordering: ours versus a two-stage pymablock route (``pymablock_b``:
    block diagonalization in ``(t, r)``, then full diagonalization of the light
    block in the tri-bimaximal basis and of the heavy block, mixing matrix
    assembled, everything truncated and ``sympy.expand``-ed).

pymablock is an optional extra (``pip install ".[bench]"``); it runs in a
subprocess killed after ``--timeout`` seconds.
"""

from __future__ import annotations

import argparse
import itertools
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


def _pymablock_sum(series, sizes: list[int], orders: list[int],
                   diagonal_only: bool = False) -> sp.Matrix:
    """Sum of the blocks ``series[i, j, *k]`` over ``k <= orders``, assembled.

    pymablock's symbolic blocks already carry their monomials (``t**2 ...``);
    ``pymablock.series.one`` stands for the identity and ``zero`` for zero.
    """
    from pymablock.series import one

    rows = []
    for i, size_i in enumerate(sizes):
        row = []
        for j, size_j in enumerate(sizes):
            block = sp.zeros(size_i, size_j)
            if i == j or not diagonal_only:
                for k in itertools.product(*(range(o + 1) for o in orders)):
                    term = series[(i, j, *k)]
                    if isinstance(term, sp.MatrixBase):
                        block += term
                    elif term is one:
                        block += sp.eye(size_i)
            row.append(block)
        rows.append(row)
    return sp.BlockMatrix(rows).as_explicit()


def _truncate(expr: sp.Expr, bounds: dict[sp.Symbol, int]) -> sp.Expr:
    """``sympy.expand`` then drop the terms above ``bounds`` (symbol -> max power)."""
    terms = sp.Add.make_args(sp.expand(expr))
    return sp.Add(*[term for term in terms
                    if all(term.as_powers_dict().get(x, 0) <= n for x, n in bounds.items())])


def pymablock_b(inverted: bool) -> tuple[float, list[sp.Expr], sp.Matrix]:
    """Time the two-stage pymablock route for case (b) (same orders as ``ours_b``).

    1. ``block_diagonalize`` of ``matrix_b(inverted, r)`` with perturbative
       parameters ``(t, r)`` (H0 = diag(0, 0, 0, M2, M3)), light (0, 0, 0) vs
       heavy (1, 1): light block to t^4 r^1, heavy block and ``U`` to t^2 r^1.
    2. Light block rotated to the TBM basis and divided by t^2, written with
       ``s = t^2``: its (t, r)-free part is diagonal (0, -3 e1^2 M2, -2 e2^2 M3
       normal; -6 e2^2 M3, -3 e1^2 M2, 0 inverted), taken as H0'; the rest
       (orders r, s, s r) is the perturbation. Fully diagonalized (subspace
       indices 0, 1, 2) to s^1 r^1. The heavy block is fully diagonalized in
       (t, r) to t^2 r^1 likewise.
    3. Masses and the mixing matrix ``U1 diag(TBM V_light, V_heavy)`` truncated
       at the same relative orders as ``seesaw_expansion`` and ``sympy.expand``-ed.

    pymablock's ``U^dagger H U`` is our ``U^T M U`` for real symmetric ``M``;
    the results agree with ``seesaw_expansion`` identically (checked by
    ``sympy.simplify`` of the differences).
    """
    import pymablock

    s = sp.Symbol("s", positive=True)  # s = t^2 in stage 2
    t0 = time.perf_counter()
    # stage 1: seesaw block diagonalization
    H_tilde, U, _ = pymablock.block_diagonalize(matrix_b(inverted, r), symbols=[t, r],
                                                subspace_indices=[0, 0, 0, 1, 1])
    light = _pymablock_sum(H_tilde, [3, 2], [4, 1])[:3, :3]
    heavy = _pymablock_sum(H_tilde, [3, 2], [2, 1])[3:, 3:]
    U1 = _pymablock_sum(U, [3, 2], [2, 1])
    # stage 2: light block around TBM, t^2 factored out (s = t^2)
    light = (TBM.T * light * TBM / t**2).applyfunc(lambda x: sp.expand(x).subs(t**2, s))
    H_tilde2, U2, _ = pymablock.block_diagonalize(light, symbols=[s, r],
                                                  subspace_indices=[0, 1, 2])
    light_diag = _pymablock_sum(H_tilde2, [1, 1, 1], [1, 1], diagonal_only=True)
    V_light = TBM * _pymablock_sum(U2, [1, 1, 1], [1, 1]).subs(s, t**2)
    H_tilde3, U3, _ = pymablock.block_diagonalize(heavy, symbols=[t, r],
                                                  subspace_indices=[0, 1])
    heavy_diag = _pymablock_sum(H_tilde3, [1, 1], [2, 1], diagonal_only=True)
    V_heavy = _pymablock_sum(U3, [1, 1], [2, 1])
    # truncated, expanded results
    masses = [_truncate(t**2 * light_diag[k, k].subs(s, t**2), {t: 4, r: 1}) for k in range(3)]
    masses += [_truncate(heavy_diag[k, k], {t: 2, r: 1}) for k in range(2)]
    mixing = (U1 * sp.diag(V_light, V_heavy)).applyfunc(lambda x: _truncate(x, {t: 2, r: 1}))
    return time.perf_counter() - t0, masses, mixing


def run_pymablock(order: int | str, timeout: float, case: str = "a") -> str:
    """pymablock time for case (a) (``order``) or (b) (``order`` = ordering name)
    in a killable subprocess."""
    flag = "--pymablock-worker" if case == "a" else "--pymablock-b-worker"
    try:
        out = subprocess.run([sys.executable, __file__, flag, str(order)],
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
    parser.add_argument("--pymablock-b-worker", choices=["normal", "inverted"], default=None,
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pymablock_worker is not None:
        print(f"{pymablock_a(args.pymablock_worker):.3f}")
        return
    if args.pymablock_b_worker is not None:
        print(f"{pymablock_b(args.pymablock_b_worker == 'inverted')[0]:.3f}")
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
          "order in (rho2, rho3, chi) = r (rho2, rho3, chi); pymablock = two-stage route "
          "(block_diagonalize in (t, r), then full diagonalization of the TBM-rotated light "
          "block and of the heavy block, mixing assembled, truncated, expanded)")
    print(f"{'ordering':>9} {'ours [s]':>10} {'pymablock 2-stage [s]':>22} {'ratio':>8}")
    for name, inverted in (("normal", False), ("inverted", True)):
        ours = ours_b(inverted)
        theirs = run_pymablock(name, args.timeout, case="b") if have_pymablock else "n/a"
        try:
            ratio = f"{float(theirs) / ours:.1f}x"
        except ValueError:
            ratio = "-"
        print(f"{name:>9} {ours:>10.3f} {theirs:>22} {ratio:>8}")
    print("(b') same, but each of rho2, rho3, chi to first order separately (their cross "
          "terms such as rho2*chi kept)")
    for name, inverted in (("normal", False), ("inverted", True)):
        print(f"  {name:>9}: {ours_b(inverted, grouped=False):.3f} s")


if __name__ == "__main__":
    main()
