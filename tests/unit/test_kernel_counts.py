"""Work pins of the series kernel: products and output terms per order (not timings).

The counts are the engine's own, recorded once; a change of algorithm that does
more (or different) work fails here even when every result stays right.
``series_products`` (pairs of non-empty series multiplied) is the same in both
kernels; ``block_products`` (flint products of graded blocks) only exists in
the flint kernel.
"""

import pytest
import sympy as sp
from sympy.external.gmpy import MPQ

from symseesaw.algebra import series
from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra
from symseesaw.linalg import blockdiag
from symseesaw.linalg.blockdiag import block_diagonalize
from symseesaw.papers.seed001.section2 import general_system, x

k1, k2, rho2, rho3, chi, M2, M3 = sp.symbols("k1 k2 rho2 rho3 chi M2 M3", real=True)


def bench_a_matrix() -> sp.Matrix:
    """Benchmark (a) of benchmarks/bench_seesaw.py (real 3+2, total order in k1, k2)."""
    D = sp.Matrix([[k1 * (1 - rho2), k2 * (rho3 - chi)], [k1 * (1 + rho2), -k2], [k1, k2]])
    return sp.BlockMatrix([[sp.zeros(3), D], [D.T, sp.diag(M2, M3)]]).as_explicit()


def run_counted(case: str, order: int):
    if case == "a":
        alg = Algebra({k1: order, k2: order}, total=order)
        M = SeriesMatrix.from_sympy(alg, bench_a_matrix())
    else:  # complex 3+3 of seed 001 Sect. II, order in x
        alg = Algebra({x: order})
        M = SeriesMatrix.from_sympy(alg, general_system(3)["M"])
    series.reset_counters()
    bd = block_diagonalize(M, 3)
    return bd, dict(series.COUNTERS)


# case, order -> (iterations, series products, flint block products, light-block terms)
PINS = {
    ("a", 2): (1, 315, 194, [6, 4, 4, 4, 4, 3, 4, 3, 2]),
    ("a", 4): (1, 505, 1220, [45, 41, 42, 41, 25, 21, 42, 21, 18]),
    ("a", 6): (2, 760, 4767, [250, 255, 255, 255, 167, 152, 255, 152, 146]),
    ("c33", 2): (1, 522, 294, [3] * 9),
    ("c33", 4): (1, 837, 1068, [30, 48, 48, 48, 30, 48, 48, 48, 30]),
}


@pytest.mark.parametrize("case_order", sorted(PINS))
def test_block_diagonalization_does_the_pinned_number_of_products(case_order):
    iterations, products, block_products, light_terms = PINS[case_order]
    bd, counters = run_counted(*case_order)
    assert bd.iterations == iterations
    assert counters["series_products"] == products
    if series.KERNEL == "flint":
        assert counters["block_products"] == block_products
    else:
        assert counters["block_products"] == 0
    assert [len(e.terms) for row in bd.light.rows for e in row] == light_terms


def test_planned_iterations_skip_the_confirming_round(monkeypatch):
    planned, planned_counters = run_counted("a", 4)
    monkeypatch.setattr(blockdiag, "_planned_iterations", lambda *args: (None, {}, True))
    fixed_point, fixed_counters = run_counted("a", 4)
    assert fixed_point.iterations == planned.iterations + 1
    assert planned_counters["series_products"] < fixed_counters["series_products"]
    assert planned.light.to_sympy() == fixed_point.light.to_sympy()
    assert planned.W.to_sympy() == fixed_point.W.to_sympy()


def test_too_optimistic_plan_falls_back_to_the_fixed_point(monkeypatch):
    reference, _ = run_counted("a", 5)
    assert reference.iterations == 2
    # one iteration is not enough at order 5: the off-block check must notice
    monkeypatch.setattr(blockdiag, "_planned_iterations", lambda *args: (1, {}, False))
    recovered, _ = run_counted("a", 5)
    assert recovered.iterations > 1
    assert recovered.light.to_sympy() == reference.light.to_sympy()


def test_off_block_check_catches_a_planted_wrong_coefficient_in_b():
    bd, _ = run_counted("a", 4)
    alg = bd.B.alg
    wrong = [row[:] for row in bd.B.rows]
    wrong[0][1] = wrong[0][1] + alg.gen(alg.registry.index_of[k1], 3).scale(MPQ(1, 7))
    W = blockdiag.assemble_w(SeriesMatrix(alg, wrong))
    M = SeriesMatrix.from_sympy(alg, bench_a_matrix())
    congruent = W.T @ M @ W
    assert not congruent.sub(0, 3, 3, 5).is_zero()
    good = (bd.W.T @ M @ bd.W).sub(0, 3, 3, 5)
    assert good.is_zero()


def _box_bound_run():
    """Benchmark (a) in a box without a total bound (k1^4, k2^2): the box test binds."""
    alg = Algebra({k1: 4, k2: 2})
    M = SeriesMatrix.from_sympy(alg, bench_a_matrix())
    series.reset_counters()
    bd = block_diagonalize(M, 3)
    return bd, dict(series.COUNTERS)


@pytest.mark.skipif(series.KERNEL != "flint", reason="graded blocks: flint kernel only")
def test_rows_whose_room_holds_the_other_factor_skip_the_box_test(monkeypatch):
    skipping, counted = _box_bound_run()
    # a reach beyond every box: every pair within the total bound is tested one by one
    monkeypatch.setattr(series._Graded, "reach", lambda self: (float("inf"),) * 2)
    testing, all_tested = _box_bound_run()
    assert counted["block_products"] == all_tested["block_products"]
    assert 0 < counted["box_tests"] < all_tested["box_tests"]
    assert skipping.light.to_sympy() == testing.light.to_sympy()


@pytest.mark.skipif(series.KERNEL != "flint", reason="graded blocks: flint kernel only")
def test_each_laurent_shift_monomial_is_built_once():
    _, first = _box_bound_run()
    assert first["shift_monomials"] > 0
    alg = Algebra({k1: 4, k2: 2})
    M = SeriesMatrix.from_sympy(alg, bench_a_matrix())
    series.COUNTERS["shift_monomials"] = 0  # the cache stays filled
    block_diagonalize(M, 3)
    assert series.COUNTERS["shift_monomials"] == 0


def test_importing_the_appendix_loads_neither_numpy_nor_importlib_metadata():
    """Lazy imports: numpy is loaded by the numpy backend, importlib.metadata by the registry."""
    import subprocess
    import sys

    code = ("import sys; import symseesaw.papers.seed001.appendix; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'numpy' "
            "or m.startswith('importlib.metadata')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"
