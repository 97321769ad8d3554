"""seesaw_expansion: the public entry point, its conventions and its refusals."""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra
from symseesaw.api import seesaw_expansion
from symseesaw.facade import prove
from symseesaw.linalg.blockdiag import block_diagonalize
from symseesaw.numerics.proof import prove_expansion

eps = sp.Symbol("epsilon", positive=True)
M1, M2, a, b = sp.symbols("M_1 M_2 a b", positive=True)


def two_by_two():
    return sp.Matrix([[0, eps * M1], [eps * M1, M1]])


def test_one_flavour_seesaw_matches_closed_form_to_order_four():
    exp = seesaw_expansion(two_by_two(), 1, {eps: 4})
    light_exact = M1 * (1 - sp.sqrt(1 + 4 * eps**2)) / 2
    assert sp.expand(exp.masses[0] - sp.series(light_exact, eps, 0, 7).removeO()) == 0
    heavy_exact = M1 * (1 + sp.sqrt(1 + 4 * eps**2)) / 2
    assert sp.expand(exp.masses[1] - sp.series(heavy_exact, eps, 0, 5).removeO()) == 0


def test_light_block_is_minus_mD_mR_inverse_mD_transpose_at_second_order():
    D = sp.Matrix([[a * eps, 0], [b * eps, a * eps]])
    R = sp.diag(M1, M2)
    M = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), D], [D.T, R]]))
    alg = Algebra({eps: 2})
    light = block_diagonalize(SeriesMatrix.from_sympy(alg, M), 2).light.to_sympy()
    assert (light - (-D * R.inv() * D.T)).applyfunc(sp.expand) == sp.zeros(2)


def test_mixing_is_orthogonal_to_the_kept_order():
    exp = seesaw_expansion(two_by_two(), 1, {eps: 3})
    U = exp.mixing_matrix
    gram = (U.T * U - sp.eye(2)).applyfunc(lambda x: sp.series(x, eps, 0, 4).removeO())
    assert gram == sp.zeros(2)


def test_paper_convention_conjugates_the_mixing_matrix():
    z = sp.Symbol("z")  # complex
    M = sp.Matrix([[0, eps * z], [eps * z, M1]])
    ours = seesaw_expansion(M, 1, {eps: 2}, convention="UT_M_U").mixing_matrix
    paper = seesaw_expansion(M, 1, {eps: 2}, convention="Udag_M_Ustar").mixing_matrix
    assert (paper - ours.conjugate()).applyfunc(sp.expand) == sp.zeros(2)


def test_complex_expansion_passes_its_order_proof():
    z = sp.Symbol("z")
    M = sp.Matrix([[0, eps * z], [eps * z, M1]])
    exp = seesaw_expansion(M, 1, {eps: 2})
    zr = sp.Symbol("z_r", real=True)
    zi = sp.Symbol("z_i", real=True)
    to_real = {z: zr + sp.I * zi, sp.conjugate(z): zr - sp.I * zi}
    report = prove_expansion(
        M.xreplace(to_real), exp.mixing_matrix.xreplace(to_real),
        [m.xreplace(to_real) for m in exp.masses],
        symbols=[eps, M1, zr, zi], small={eps: 2},
        base_point={M1: 1.0, zr: 0.6, zi: 0.5}, direction={eps: 1.0},
    )
    assert report.passed


def test_non_symmetric_matrix_is_rejected_naming_the_entry():
    M = sp.Matrix([[0, eps * M1], [2 * eps * M1, M1]])
    with pytest.raises(ValueError, match=r"symmetric: entry \(1,2\)"):
        seesaw_expansion(M, 1, {eps: 2})


def test_non_square_matrix_is_rejected():
    with pytest.raises(ValueError, match="square"):
        seesaw_expansion(sp.Matrix([[0, eps, 1]]), 1, {eps: 2})


def test_block_size_outside_the_matrix_is_rejected():
    with pytest.raises(ValueError, match="n_light"):
        seesaw_expansion(two_by_two(), 2, {eps: 2})


def test_mismatched_basis_shape_is_rejected():
    with pytest.raises(ValueError, match="light_basis must be 1x1"):
        seesaw_expansion(two_by_two(), 1, {eps: 2}, light_basis=sp.eye(2))


def test_singular_heavy_block_is_rejected():
    D = sp.Matrix([[eps * a, eps * a]])
    R = sp.Matrix([[M1, M1], [M1, M1]])
    M = sp.Matrix(sp.BlockMatrix([[sp.zeros(1), D], [D.T, R]]))
    with pytest.raises(ValueError, match="M_R is singular"):
        seesaw_expansion(M, 1, {eps: 2})


def test_dirac_block_not_small_is_rejected():
    M = sp.Matrix([[0, M1], [M1, M1]])
    with pytest.raises(ValueError, match="M_D M_R\\^-1 has terms of order zero"):
        seesaw_expansion(M, 1, {eps: 2})


def test_vanishing_leading_splitting_groups_the_states_and_says_they_stay_degenerate():
    # behaviour changed (engine-diag): degenerate leading masses are grouped
    # automatically instead of raising DegenerateSplittingError
    D = sp.Matrix([[eps * a, 0], [0, eps * a]])
    R = sp.diag(M1, M1)
    M = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), D], [D.T, R]]))
    exp = seesaw_expansion(M, 2, {eps: 2})
    (group,) = exp.light.groups
    assert group.indices == (0, 1) and group.exactly_degenerate
    expected = -a**2 * eps**2 / M1 * (1 - a**2 * eps**2 / M1**2)
    assert all(sp.expand(m - expected) == 0 for m in exp.masses[:2])


def test_declared_quasi_degenerate_pair_is_kept_as_an_exact_block():
    D = sp.Matrix([[eps * a, 0], [0, eps * a]])
    R = sp.diag(M1, M1)
    M = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), D], [D.T, R]]))
    exp = seesaw_expansion(M, 2, {eps: 2}, quasi_degenerate_light=[(0, 1)],
                           quasi_degenerate_heavy=[(0, 1)])
    assert sp.expand(exp.masses[0] + a**2 * eps**2 / M1 * (1 - a**2 * eps**2 / M1**2)) == 0


def test_non_unitary_leading_basis_is_rejected():
    D = sp.Matrix([[eps * a, 0], [0, eps * b]])
    R = sp.diag(M1, M2)
    M = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), D], [D.T, R]]))
    with pytest.raises(ValueError, match="not unitary"):
        seesaw_expansion(M, 2, {eps: 2}, light_basis=sp.Matrix([[1, 1], [0, 1]]))


def test_basis_that_does_not_diagonalize_the_leading_block_is_rejected_if_given():
    D = sp.Matrix([[eps * a, 0], [0, eps * b]])
    R = sp.diag(M1, M2)
    M = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), D], [D.T, R]]))
    rot = sp.Matrix([[1, 1], [-1, 1]]) / sp.sqrt(2)
    with pytest.raises(ValueError, match="does not diagonalize"):
        seesaw_expansion(M, 2, {eps: 2}, light_basis=rot)


def test_unknown_convention_is_rejected():
    with pytest.raises(ValueError, match="unknown convention"):
        seesaw_expansion(two_by_two(), 1, {eps: 2}, convention="U M U")


def test_floats_are_rejected_as_inexact():
    M = sp.Matrix([[0, 0.1 * eps], [0.1 * eps, 1]])
    with pytest.raises(ValueError, match="floating-point"):
        seesaw_expansion(M, 1, {eps: 2})


def test_numeric_check_refuses_parameters_that_are_not_small():
    exp = seesaw_expansion(two_by_two(), 1, {eps: 2})
    with pytest.raises(ValueError, match="not small"):
        prove_expansion(two_by_two(), exp.mixing_matrix, exp.masses, symbols=[eps, M1],
                        small={eps: 2}, base_point={M1: 1.0}, direction={eps: 1.0},
                        t_values=[0.9, 0.5, 0.2])


def test_engine_finds_the_tri_bimaximal_basis_when_none_is_given():
    from symseesaw.papers.seed001 import model as seed001

    mod = seed001.build("NO")
    small = {seed001.epsilon_1: 2, seed001.epsilon_2: 2}
    found = seesaw_expansion(mod.mass_matrix, 3, small)
    given = seesaw_expansion(mod.mass_matrix, 3, small, light_basis=mod.light_basis)
    # same states up to column order and sign: compare the sets of |columns| and masses
    assert sorted(found.masses, key=sp.default_sort_key) == sorted(given.masses, key=sp.default_sort_key)
    cols = {tuple(sp.expand(x**2) for x in found.mixing_matrix.col(j)) for j in range(5)}
    assert cols == {tuple(sp.expand(x**2) for x in given.mixing_matrix.col(j)) for j in range(5)}


def test_basis_with_symbolic_norms_is_not_guessed():
    D = sp.Matrix([[eps * a, eps * a], [eps * b, 0]])
    R = sp.diag(M1, M2)
    M = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), D], [D.T, R]]))
    with pytest.raises(NotImplementedError, match="give the leading-order basis"):
        seesaw_expansion(M, 2, {eps: 2})


# -- the expansion object ----------------------------------------------------------------

def test_expansion_builds_no_sympy_until_a_quantity_is_read(monkeypatch):
    from symseesaw.algebra.series import Series

    calls = []
    original = Series.to_sympy
    monkeypatch.setattr(Series, "to_sympy", lambda self: calls.append(1) or original(self))
    exp = seesaw_expansion(two_by_two(), 1, {eps: 4})
    assert calls == []
    first = exp.masses
    assert len(calls) == 2
    assert exp.masses is first and len(calls) == 2  # cached


def test_mixing_by_order_sums_to_the_mixing_matrix():
    exp = seesaw_expansion(two_by_two(), 1, {eps: 3})
    parts = exp.mixing_by_order
    assert sorted(parts) == [0, 1, 2, 3]
    assert (sum(parts.values(), sp.zeros(2)) - exp.mixing_matrix).applyfunc(sp.expand) == sp.zeros(2)
    assert parts[1][0, 1] == eps  # theta = eps at first order for M_D = eps M_1


def test_by_monomial_splits_a_mass_by_small_parameter_powers():
    delta = sp.Symbol("delta", positive=True)
    M = sp.Matrix([[delta * a, eps * M1], [eps * M1, M1]])
    exp = seesaw_expansion(M, 1, {eps: 0, delta: 0})
    light = {k: v[0] for k, v in exp.by_monomial("masses").items() if v[0] != 0}
    assert light == {(0, 1): a, (2, 0): -M1}


def test_expansion_prints_through_the_sympy_latex_printer():
    exp = seesaw_expansion(two_by_two(), 1, {eps: 1})
    assert sp.latex(exp).startswith("\\begin{aligned}U &= \\left[\\begin{matrix}")
    assert exp.latex().startswith("\\begin{aligned}U &= \\begin{pmatrix}")
    assert "m_{1} &= - M_{1} \\epsilon^{2}" in exp._repr_latex_()


def test_expansion_prove_method_passes_for_a_correct_expansion():
    exp = seesaw_expansion(two_by_two(), 1, {eps: 2})
    assert prove(exp, {M1: 1.0}).passed


def test_orders_above_the_one_documented_limit_are_refused_before_work():
    from symseesaw.parsing.limits import MAX_ORDER_VALUE

    eps, M, m = sp.symbols("epsilon M m", positive=True)
    toy = sp.Matrix([[0, eps * m], [eps * m, M]])
    with pytest.raises(ValueError, match=f"beyond the supported {MAX_ORDER_VALUE}"):
        seesaw_expansion(toy, 1, {eps: MAX_ORDER_VALUE + 1})


EPS_21, M_21 = sp.symbols("epsilon M", positive=True)


def _two_plus_one(coupling_a: sp.Expr, coupling_b: sp.Expr) -> sp.Matrix:
    eps, big_m = EPS_21, M_21
    return sp.Matrix([[0, 0, eps * coupling_a * big_m], [0, 0, eps * coupling_b * big_m],
                      [eps * coupling_a * big_m, eps * coupling_b * big_m, big_m]])


def test_a_leading_basis_with_a_symbolic_root_is_refused_with_the_way_around():
    a, b = sp.symbols("a b", positive=True)
    norm = sp.sqrt(a**2 + b**2)
    basis = sp.Matrix([[b / norm, a / norm], [-a / norm, b / norm]])
    with pytest.raises(NotImplementedError, match=r"symbolic root .*a = r\*\(1 - s\*\*2\)"):
        seesaw_expansion(_two_plus_one(a, b), 2, {EPS_21: 2}, light_basis=basis)


def test_the_rational_parametrization_the_refusal_suggests_diagonalizes_the_2_plus_1_seesaw():
    r, s = sp.symbols("r s", positive=True)
    matrix = _two_plus_one(r * (1 - s**2), 2 * r * s)
    basis = sp.Matrix([[1 - s**2, -2 * s], [2 * s, 1 - s**2]]) / (1 + s**2)
    expansion = seesaw_expansion(matrix, 2, {EPS_21: 2}, light_basis=basis)
    eps, big_m = EPS_21, M_21
    seesaw_mass = -eps**2 * r**2 * (1 + s**2) ** 2 * big_m  # -m_D^2/M, m_D^2 = (a^2 + b^2) M^2 eps^2
    assert sp.cancel(expansion.masses[0].coeff(eps, 2) * eps**2 - seesaw_mass) == 0
    assert expansion.masses[1] == 0


def test_blocks_mode_accepts_empty_full_mode_options():
    blocks = seesaw_expansion(_two_plus_one(*sp.symbols("a b", positive=True)), 2, {EPS_21: 2},
                              mode="blocks", light_scales={}, quasi_degenerate_light=[])
    assert blocks.light_mass_matrix.shape == (2, 2)
