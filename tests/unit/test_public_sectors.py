"""Several matrices diagonalized in one series algebra: series_algebra, exact_series,
diagonalize_series (what a sector derivation such as the charged leptons' needs)."""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw import diagonalize, diagonalize_series, exact_series, series_algebra
from symseesaw.api import INF, SeriesRebase, SeriesRenamer

eps, lam = sp.symbols("epsilon lambda", positive=True)
a, b, c, d = sp.symbols("a b c d", positive=True)
z = sp.Symbol("z")  # complex
#: A generic exact point for the symbols that are not small.
POINT = {lam: sp.Rational(2, 9), a: sp.Rational(7, 5), b: sp.Rational(-3, 4),
         c: sp.Rational(19, 7), d: sp.Rational(5, 3)}
#: A non-symmetric "charged-lepton" matrix: hierarchical in the exact lambda, eps-corrected.
CHARGED = sp.Matrix([[a * lam**2, eps * b], [eps * d, c]])


def to_sympy(series_matrix, order: int) -> sp.Matrix:
    return series_matrix.truncate((order, INF)).to_sympy()


def residual_terms(matrix: sp.Matrix, order: int) -> list:
    """Non-zero coefficients of ``eps^k`` (k <= order) of ``matrix`` at :data:`POINT`."""
    entries = [sp.expand(x.xreplace(POINT)) for x in matrix]
    return [x.coeff(eps, k) for x in entries for k in range(order + 1) if x.coeff(eps, k) != 0]


def left_rotation(order: int = 2):
    alg = series_algebra({eps: order})
    M = exact_series(alg, CHARGED)
    return alg, M, diagonalize_series(M @ M.T, sp.eye(2), real=True)


def test_left_rotation_diagonalizes_m_m_transpose_exactly_in_lambda():
    _, _, left = left_rotation()
    H = CHARGED * CHARGED.T
    V = to_sympy(left.mixing, 2)
    masses = [m.truncate((2, INF)).to_sympy() for m in left.masses]
    assert residual_terms(V.T * H * V - sp.diag(*masses), 2) == []


def test_the_defining_residual_catches_a_planted_wrong_mixing_coefficient():
    _, _, left = left_rotation()
    H = CHARGED * CHARGED.T
    V = to_sympy(left.mixing, 2)
    masses = [m.truncate((2, INF)).to_sympy() for m in left.masses]
    V[0, 1] += eps * b / (2 * c)
    assert residual_terms(V.T * H * V - sp.diag(*masses), 2) != []


def test_rotations_of_one_algebra_multiply_to_the_signed_singular_values():
    _, M, left = left_rotation()
    right = diagonalize_series(M.T @ M, sp.eye(2), real=True)
    D = to_sympy(left.mixing.T @ M @ right.mixing, 2)
    assert residual_terms(sp.Matrix([D[0, 1], D[1, 0]]), 2) == []
    squares = sp.Matrix([D[k, k] ** 2 - left.masses[k].to_sympy() for k in range(2)])
    assert residual_terms(squares, 2) == []


def test_diagonalize_series_agrees_with_diagonalize_on_one_matrix():
    matrix = sp.Matrix([[a, eps * b], [eps * b, c]])
    alone = diagonalize(matrix, {eps: 2}, basis=sp.eye(2))
    series = diagonalize_series(exact_series(series_algebra({eps: 2}), matrix), sp.eye(2))
    assert [sp.cancel(m.to_sympy() - e) for m, e in zip(series.masses, alone.masses,
                                                        strict=True)] == [0, 0]


def test_rebase_expands_an_exact_symbol_in_a_new_small_parameter():
    # 1/(c - a) with c = a + 1/r kept exact, then expanded: r/(1 + ...) -> r exactly here
    source = exact_series(series_algebra({eps: 2}), eps * b / (c - a) + a)
    target = series_algebra({eps: 2, lam: 3})
    rebased = SeriesRebase(target, {c: a + 1 / lam})(source, (2, INF))
    assert sp.expand(rebased.to_sympy() - (eps * b * lam + a)) == 0


def test_rebase_truncates_the_source_first():
    source = exact_series(series_algebra({eps: 2}), a + eps * b + eps**2 * c)
    rebased = SeriesRebase(series_algebra({eps: 2}), {})(source, (1, INF))
    assert sp.expand(rebased.to_sympy() - (a + eps * b)) == 0


def test_renamer_writes_the_same_expression_as_xreplace():
    renaming = {eps: sp.Integer(1), a: d, b: z}
    series = exact_series(series_algebra({eps: 2}), (a + eps * b) ** 2 / (c - a) + sp.sqrt(2))
    written = SeriesRenamer(lambda expr: expr.xreplace(renaming))(series)
    assert written == series.to_sympy().xreplace(renaming)
    assert written != series.to_sympy().xreplace({**renaming, b: d})


def test_series_algebra_rejects_a_complex_small_parameter():
    with pytest.raises(ValueError, match="real sympy Symbol"):
        series_algebra({z: 1})


def test_series_algebra_rejects_a_negative_order():
    with pytest.raises(ValueError, match="must be >= 0"):
        series_algebra({eps: -1})


def test_series_algebra_applies_the_one_order_limit():
    with pytest.raises(ValueError, match="the limit is 50"):
        series_algebra({eps: 10**6})


def test_series_algebra_needs_a_small_parameter():
    with pytest.raises(ValueError, match="at least one small parameter"):
        series_algebra({})


def test_exact_series_rejects_floating_point_input():
    with pytest.raises(ValueError):
        exact_series(series_algebra({eps: 1}), 0.5 * eps)


def test_diagonalize_series_asks_for_a_series_matrix():
    with pytest.raises(ValueError, match="exact_series"):
        diagonalize_series(CHARGED * CHARGED.T)


def test_diagonalize_series_rejects_a_basis_of_another_shape():
    H = exact_series(series_algebra({eps: 1}), CHARGED * CHARGED.T)
    with pytest.raises(ValueError, match="basis must be 2x2"):
        diagonalize_series(H, sp.eye(3))
