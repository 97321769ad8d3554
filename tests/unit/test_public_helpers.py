"""The public helpers paper reproductions are written with: diagonalize, as_series, reexpress."""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw import as_series, diagonalize, prove, reexpress

eps, r = sp.symbols("epsilon r", positive=True)
a, b, c = sp.symbols("a b c", positive=True)
z = sp.Symbol("z")  # complex
#: A generic exact point for the symbols that are not small.
POINT = {a: sp.Rational(7, 5), b: sp.Rational(-3, 4), c: sp.Rational(19, 7)}


def two_by_two(m11=a):
    return sp.Matrix([[m11, eps * b], [eps * b, c]])


def defining_residual(matrix, mixing, masses, order):
    """Terms up to ``eps**order`` of ``U^T M U - diag(m)`` at :data:`POINT` (none if right)."""
    residual = (mixing.T * matrix * mixing - sp.diag(*masses)).xreplace(POINT)
    return [sp.expand(x).coeff(eps, k) for x in residual for k in range(order + 1)
            if sp.expand(x).coeff(eps, k) != 0]


def test_diagonalize_satisfies_the_defining_property_to_the_kept_order():
    ex = diagonalize(two_by_two(), {eps: 2})
    assert defining_residual(two_by_two(), ex.mixing_matrix, ex.masses, 2) == []


def test_diagonalize_gives_the_second_order_level_shift():
    ex = diagonalize(two_by_two(), {eps: 2})
    # textbook second-order perturbation theory: m_1 = a + eps^2 b^2/(a - c)
    assert sp.cancel(ex.coefficient("masses", eps**2)[0] - b**2 / (a - c)) == 0


def test_the_defining_property_catches_a_planted_wrong_coefficient():
    ex = diagonalize(two_by_two(), {eps: 2})
    wrong = [ex.masses[0] + eps**2 * b**2 / (2 * (a - c)), ex.masses[1]]
    assert defining_residual(two_by_two(), ex.mixing_matrix, wrong, 2) != []


def test_diagonalize_keeps_a_suppressed_mass_to_its_relative_order():
    # m_1 = eps^2 (a - b^2/c) + O(eps^4): relative order 2 is absolute eps^4
    matrix = two_by_two(eps**2 * a)
    ex = diagonalize(matrix, {eps: 2})
    assert ex.mass_bounds[0][0] == 4
    trace, det = matrix.trace(), matrix.det()
    exact = (trace - sp.sqrt(trace**2 - 4 * det)) / 2
    reference = sp.series(exact, eps, 0, 5).removeO()
    assert sp.cancel(ex.masses[0] - reference) == 0


def test_diagonalize_result_passes_the_numerical_order_proof():
    ex = diagonalize(two_by_two(eps**2 * a), {eps: 2})
    report = prove(ex, {a: 0.6, b: 0.8, c: 2.0}, dps=30)
    assert report.passed


def test_diagonalize_in_the_papers_convention_conjugates_the_mixing():
    matrix = sp.Matrix([[a, eps * z], [eps * z, c]])
    congruence = diagonalize(matrix, {eps: 1})
    papers = diagonalize(matrix, {eps: 1}, convention="Udag_M_Ustar")
    assert sp.expand(papers.mixing_matrix - congruence.mixing_matrix.conjugate()) == sp.zeros(2, 2)
    assert sp.expand(papers.mixing_matrix[0, 1]) != sp.expand(congruence.mixing_matrix[0, 1])


def test_diagonalize_around_a_given_basis():
    rotation = sp.Matrix([[1, 1], [1, -1]]) / sp.sqrt(2)
    matrix = rotation * sp.diag(a, c) * rotation.T + eps * sp.Matrix([[0, b], [b, 0]])
    ex = diagonalize(matrix, {eps: 1}, basis=rotation)
    assert sp.expand(ex.by_order("mixing")[0] - rotation) == sp.zeros(2, 2)
    assert [sp.expand(m) for m in ex.masses] == [a + b * eps, c - b * eps]


@pytest.mark.parametrize("matrix, kwargs, message", [
    (sp.Matrix([[a]]), {}, "size 2 or more"),
    (sp.Matrix([[a, eps], [eps, c]]), {"basis": sp.eye(3)}, "basis must be 2x2"),
    (sp.Matrix([[a, eps], [eps, c]]), {"convention": "U_M_U"}, "unknown convention"),
])
def test_diagonalize_refuses_bad_input_naming_the_problem(matrix, kwargs, message):
    with pytest.raises(ValueError, match=message):
        diagonalize(matrix, {eps: 1}, **kwargs)


def test_as_series_converts_expressions_and_matrices_into_the_expansions_algebra():
    ex = diagonalize(two_by_two(), {eps: 2})
    value = a * eps**2 + b / c
    assert sp.expand(as_series(ex, value).to_sympy() - value) == 0
    shift = ex.series("masses")[0] - as_series(ex, a)  # a printed leading mass taken off
    assert sp.cancel(shift.to_sympy() - eps**2 * b**2 / (a - c)) == 0
    assert as_series(ex, sp.Matrix([[1, eps], [eps, 0]])).shape == (2, 2)


def test_as_series_refuses_floating_point_numbers():
    ex = diagonalize(two_by_two(), {eps: 1})
    with pytest.raises(ValueError):
        as_series(ex, 0.5 * eps)


def test_reexpress_expands_an_exact_symbol_in_a_new_small_parameter():
    # c = a r with r small: b^2/(a - c) = (b^2/a)(1 + r + O(r^2))
    ex = diagonalize(two_by_two(), {eps: 2})
    small_c = reexpress(ex, {eps: 2, r: 1}, {c: a * r})
    assert list(small_c.small) == [eps, r]
    assert sp.expand(small_c.to_sympy("masses")[0] - (a + eps**2 * b**2 * (1 + r) / a)) == 0
    assert small_c.mass_matrix == two_by_two().xreplace({c: a * r})
    assert sp.latex(small_c).count("m_{") == 2  # printed like the source: U, then m_1, m_2


def test_reexpress_truncates_at_the_new_orders():
    ex = diagonalize(two_by_two(), {eps: 2})
    first = reexpress(ex, {eps: 1})
    assert set(first.by_order("mixing")) == {0, 1}
    assert sp.expand(first.to_sympy("mixing") - sum(
        (ex.by_order("mixing")[k] for k in (0, 1)), sp.zeros(2, 2))) == sp.zeros(2, 2)


@pytest.mark.parametrize("small, substitutions, message", [
    ({r: 1}, {}, "epsilon missing from small"),
    ({eps: 2}, {eps: r}, "substitute exact symbols only"),
])
def test_reexpress_refuses_bad_requests_naming_the_problem(small, substitutions, message):
    ex = diagonalize(two_by_two(), {eps: 2})
    with pytest.raises(ValueError, match=message):
        reexpress(ex, small, substitutions)
