"""Blocks mode: the seesaw block diagonalization as a public result.

Expected values are closed forms computed here (2x2 rotation, Schur
complements) or exact identities of the parametrization; the order proof is
shown to fail on planted wrong coefficients, and to refuse residuals that
never rise above the precision floor.
"""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw.api import SeesawBlocks, seesaw_blocks, seesaw_expansion
from symseesaw.facade import lambdify, prove
from symseesaw.numerics.proof_blocks import prove_block_quantities
from symseesaw.numerics.takagi import PrecisionError

eps = sp.Symbol("epsilon", positive=True)
t = sp.Symbol("t", positive=True)
M, m = sp.symbols("M m", positive=True)
M1, M2 = sp.symbols("M_1 M_2", positive=True)
TOY = sp.Matrix([[0, eps * m], [eps * m, M]])
TOY_POINT = {M: 1.3, m: 0.7}


def series_in_eps(expr, order):
    return sp.expand(sp.series(expr, eps, 0, order + 1).removeO())


def lowest_eps_power(expr) -> float:
    expr = sp.expand(expr)
    if expr == 0:
        return float("inf")
    return min(sp.degree(term, eps) for term in sp.Add.make_args(expr))


@pytest.fixture(scope="module")
def toy():
    return seesaw_blocks(TOY, 1, {eps: 2})


def complex_two_plus_two():
    d = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"d_{i + 1}{j + 1}"))
    R = sp.diag(M1, M2)
    return sp.Matrix(sp.BlockMatrix([[sp.zeros(2), eps * d], [eps * d.T, R]])), d


def test_seesaw_expansion_mode_blocks_returns_the_blocks_result():
    assert isinstance(seesaw_expansion(TOY, 1, {eps: 1}, mode="blocks"), SeesawBlocks)


def test_toy_blocks_equal_the_closed_form_rotation(toy):
    theta = sp.atan(2 * eps * m / M) / 2
    c, s = sp.cos(theta), sp.sin(theta)
    # W = [[c, s], [-s, c]] block-diagonalizes [[0, x], [x, M]] when tan 2theta = 2x/M
    assert sp.expand(toy.W[0, 0] - series_in_eps(c, 2)) == 0
    assert sp.expand(toy.W[0, 1] - series_in_eps(s, 2)) == 0
    assert sp.expand(toy.W[1, 0] + series_in_eps(s, 2)) == 0
    light = (M - sp.sqrt(M**2 + 4 * eps**2 * m**2)) / 2
    assert sp.expand(toy.light_mass_matrix[0, 0] - series_in_eps(light, 4)) == 0


def test_w_block_diagonalizes_to_the_requested_order():
    d = sp.Matrix(1, 2, sp.symbols("x y", positive=True))
    matrix = sp.Matrix(sp.BlockMatrix([[sp.zeros(1), eps * d], [eps * d.T, sp.diag(M1, M2)]]))
    blocks = seesaw_blocks(matrix, 1, {eps: 3})
    off = (blocks.W.T * matrix * blocks.W)[:1, 1:]
    # W exact through eps^3: the off-diagonal block (natural size eps) vanishes to eps^4
    assert min(lowest_eps_power(x) for x in off) >= 4


def test_eta_is_half_theta_theta_dagger_and_measures_non_unitarity():
    y1, y2 = sp.symbols("y_1 y_2")  # complex
    matrix = sp.Matrix([[0, eps * y1, eps * y2], [eps * y1, M1, 0], [eps * y2, 0, M2]])
    blocks = seesaw_blocks(matrix, 1, {eps: 3})
    N, Theta, eta = blocks.to_sympy("N"), blocks.Theta, blocks.eta
    assert lowest_eps_power((eta - Theta * Theta.H / 2)[0, 0]) > 3
    expected = (y1 * sp.conjugate(y1) / M1**2 + y2 * sp.conjugate(y2) / M2**2) / 2
    assert sp.expand(eta[0, 0] - eps**2 * expected) == 0
    residual = (N * N.H - sp.eye(1) + 2 * eta)[0, 0]
    assert lowest_eps_power(residual) >= 4


def test_paper_convention_conjugates_w_and_keeps_the_blocks():
    matrix, _ = complex_two_plus_two()
    ours = seesaw_blocks(matrix, 2, {eps: 2})
    paper = seesaw_blocks(matrix, 2, {eps: 2}, convention="Udag_M_Ustar")
    assert (paper.W - ours.W.conjugate()).applyfunc(sp.expand) == sp.zeros(4, 4)
    assert (paper.light_mass_matrix - ours.light_mass_matrix).applyfunc(sp.expand) == sp.zeros(2)


def test_by_order_parts_sum_to_the_quantity(toy):
    parts = toy.by_order("W")
    assert sorted(parts) == [0, 1, 2]
    assert (sum(parts.values(), sp.zeros(2, 2)) - toy.W).applyfunc(sp.expand) == sp.zeros(2)


def test_coefficient_reads_one_monomial(toy):
    assert toy.coefficient("light_mass_matrix", eps**4)[0, 0] == m**4 / M**3
    assert toy.coefficient("light_mass_matrix", {eps: 2})[0, 0] == -(m**2) / M
    assert toy.coefficient("light_mass_matrix", (3,))[0, 0] == 0


def test_coefficient_refuses_a_non_monomial(toy):
    with pytest.raises(ValueError, match="not a monomial"):
        toy.coefficient("W", eps + 1)


def test_latex_goes_through_the_sympy_printer(toy):
    text = sp.latex(toy)
    assert text.startswith("\\begin{aligned}") and "\\Theta" in text
    assert toy._repr_latex_() == "$$" + toy.latex() + "$$"


def test_record_marks_complex_symbols_and_holds_the_blocks():
    matrix, d = complex_two_plus_two()
    record = seesaw_blocks(matrix, 2, {eps: 1}).to_record()
    assert {"mass_matrix", "light_mass_matrix", "heavy_mass_matrix", "W", "definitions",
            "symbols"} <= set(record)
    assert record["symbols"]["d_11"]["complex"] is True
    assert record["symbols"]["M_1"]["complex"] is False
    assert record["symbols"]["epsilon"]["small"] is True


def test_lambdify_evaluates_w_like_sympy(toy):
    f = lambdify(toy, "W", [eps, M, m])
    value = f(0.01, 1.3, 0.7)
    expected = toy.W.subs({eps: 0.01, M: 1.3, m: 0.7})
    assert abs(value[0, 1] - float(expected[0, 1])) < 1e-14


def test_complex_block_without_basis_points_to_blocks_mode():
    matrix, _ = complex_two_plus_two()
    with pytest.raises(NotImplementedError, match="mode='blocks'"):
        seesaw_expansion(matrix, 2, {eps: 1})


# -- order proof ---------------------------------------------------------------------------


def test_toy_proof_passes_with_the_predicted_slopes(toy):
    report = prove(toy, TOY_POINT)
    assert report.passed
    assert {s.quantity for s in report.slopes} >= {"light singular value 1", "W[1,2]"}
    w12 = next(s for s in report.slopes if s.quantity == "W[1,2]")
    assert abs(w12.measured - 3) < 0.1


def test_proof_catches_a_wrong_suppressed_coefficient_of_the_light_block(toy):
    wrong = toy.light_mass_matrix + sp.Matrix([[eps**4 * m**4 / M**3]])  # doubles eps^4
    report = prove_block_quantities(TOY, 1, wrong, toy.heavy_mass_matrix, toy.W,
                                    small=toy.small, base_point=TOY_POINT)
    light = next(s for s in report.slopes if s.quantity == "light singular value 1")
    assert not report.passed and abs(light.measured - 2) < 0.1


def test_proof_catches_a_wrong_second_order_entry_of_w(toy):
    W = toy.W.copy()
    W[1, 1] = W[1, 1] - eps**2 * m**2 / (2 * M**2)  # second-order coefficient doubled
    report = prove_block_quantities(TOY, 1, toy.light_mass_matrix, toy.heavy_mass_matrix, W,
                                    small=toy.small, base_point=TOY_POINT)
    failed = [s.quantity for s in report.slopes if not s.passed]
    assert failed == ["W[2,2]"]


def test_proof_catches_a_wrong_heavy_mass_correction(toy):
    heavy = toy.heavy_mass_matrix * (1 + eps**2 * m**2 / M**2)
    report = prove_block_quantities(TOY, 1, toy.light_mass_matrix, heavy, toy.W,
                                    small=toy.small, base_point=TOY_POINT)
    assert [s.quantity for s in report.slopes if not s.passed] == ["heavy singular value 1"]


def test_proof_catches_a_wrong_coefficient_under_a_tiny_hierarchy(toy):
    # a 50 % error in the leading light mass with M_D/M_R ~ 1e-14 at the scan points
    wrong = toy.light_mass_matrix * sp.Rational(3, 2)
    report = prove_block_quantities(TOY, 1, wrong, toy.heavy_mass_matrix, toy.W,
                                    small=toy.small, base_point=TOY_POINT, dps=80,
                                    t_values=[1e-14, 5e-15, 2.5e-15, 1.25e-15])
    assert not report.passed


def test_exact_expression_is_a_precision_error_not_a_pass(toy):
    exact_light = sp.Matrix([[(M - sp.sqrt(M**2 + 4 * eps**2 * m**2)) / 2]])
    with pytest.raises(PrecisionError, match="never|only"):
        prove_block_quantities(TOY, 1, exact_light, toy.heavy_mass_matrix, toy.W,
                               small=toy.small, base_point=TOY_POINT)


def test_base_point_outside_the_seesaw_regime_is_refused(toy):
    with pytest.raises(ValueError, match="not in the seesaw regime"):
        prove(toy, {M: 0.01, m: 5.0})


def test_low_precision_is_refused(toy):
    # cross-branch: one dps range and message for both proofs (tidy-engine, review item 1)
    with pytest.raises(ValueError, match="dps=5 is too low: the order proof needs at least 10"):
        prove(toy, TOY_POINT, dps=5)


def test_missing_base_point_value_is_named(toy):
    with pytest.raises(ValueError, match="no value for m"):
        prove(toy, {M: 1.0})


def test_blocks_mode_refuses_bases_it_would_not_use():
    with pytest.raises(ValueError, match="light_basis only apply to mode='full'"):
        seesaw_expansion(TOY, 1, {eps: 1}, mode="blocks", light_basis=sp.eye(1))
