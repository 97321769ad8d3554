"""Tests of lambdify_matrix (numpy and mpmath backends)."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy as sp

from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra
from symseesaw.facade import lambdify
from symseesaw.light_guard import series_rank
from symseesaw.linalg.evaluate import evaluate_tables, term_tables
from symseesaw.numerics import lambdify_matrix

x, y = sp.symbols("x y")
M = sp.Matrix([[x, 1], [sp.conjugate(y), sp.Rational(1, 3) * sp.sqrt(6)]])


def test_numpy_scalar_and_vectorized_shapes():
    f = lambdify_matrix(M, [x, y])
    assert f(1.0, 2.0).shape == (2, 2)
    assert f(np.arange(3.0), 1.0).shape == (3, 2, 2)
    out = f(np.arange(3.0)[:, None], np.ones(4))
    assert out.shape == (3, 4, 2, 2)
    assert np.all(out[..., 0, 1] == 1.0)  # constant entries are broadcast
    np.testing.assert_allclose(out[2, 1, 0, 0], 2.0)


def test_numpy_conjugate_and_complex():
    f = lambdify_matrix(M, [x, y])
    out = f(np.array([1.0, 2.0]), np.array([1 + 2j, 3 - 1j]))
    assert out.dtype == np.complex128
    np.testing.assert_allclose(out[:, 1, 0], [1 - 2j, 3 + 1j])
    np.testing.assert_allclose(out[0, 1, 1], np.sqrt(6) / 3)


def test_numpy_list_and_scalar_expression():
    assert lambdify_matrix([x * y, 2], [x, y])(np.ones(3), 2.0).shape == (3, 2)
    assert lambdify_matrix(x + 1, [x])(np.ones(5)).shape == (5,)
    assert lambdify_matrix([sp.Integer(2)], [x])(1).dtype == np.float64


def test_mpmath_full_precision_at_dps_50():
    f = lambdify_matrix(
        [sp.Rational(1, 3) * x, sp.sqrt(6) + 0 * x, sp.pi / 7], [x], "mpmath", dps=50
    )
    third, root, pi7 = f(1)
    with mpmath.workdps(50):
        tol = mpmath.mpf(10) ** -49
        assert abs(third - mpmath.mpf(1) / 3) < tol
        assert abs(root - mpmath.sqrt(6)) < tol
        assert abs(pi7 - mpmath.pi / 7) < tol
        # not a Python float in disguise
        assert abs(third - mpmath.mpf(1.0 / 3.0)) > mpmath.mpf(10) ** -20


def test_mpmath_uses_current_precision_without_dps():
    f = lambdify_matrix([sp.sqrt(2) * x], [x], "mpmath")
    with mpmath.workdps(40):
        (val,) = f(1)
        assert abs(val**2 - 2) < mpmath.mpf(10) ** -38


def test_mpmath_matrix_and_conjugate():
    g = lambdify_matrix(M, [x, y], "mpmath", dps=50)
    out = g(sp.Rational(1, 3), mpmath.mpc(1, 2))
    assert isinstance(out, mpmath.matrix) and (out.rows, out.cols) == (2, 2)
    assert out[1, 0] == mpmath.mpc(1, -2)
    with mpmath.workdps(50):
        assert abs(out[0, 0] - mpmath.mpf(1) / 3) < mpmath.mpf(10) ** -49
    scalar = lambdify_matrix(sp.conjugate(x) * sp.I, [x], "mpmath")(mpmath.mpc(0, 1))
    assert scalar == 1


def test_errors():
    with pytest.raises(ValueError, match="not listed in `symbols`: y"):
        lambdify_matrix(M, [x])
    with pytest.raises(ValueError, match="unknown backend"):
        lambdify_matrix(M, [x, y], backend="jax")
    with pytest.raises(ValueError, match="nested lists"):
        lambdify_matrix([[x, y]], [x, y])


# -- long results: chunked compilation and term-by-term series evaluation ----------------

import symseesaw.numerics.lambdify as lambdify_module  # noqa: E402
from symseesaw.api import seesaw_blocks  # noqa: E402


def long_sum(n_terms: int):
    xs = sp.symbols("x0:12")
    terms = [sp.Rational(k + 1, 7) * xs[k % 12] * xs[(k // 12) % 12] ** 2 for k in range(n_terms)]
    return sp.Add(*terms), list(xs)


def test_sums_longer_than_a_chunk_are_compiled_in_chunks(monkeypatch):
    monkeypatch.setattr(lambdify_module, "CHUNK", 16)
    calls = []
    original = lambdify_module.chunked_lambdify
    monkeypatch.setattr(lambdify_module, "chunked_lambdify",
                        lambda *a: calls.append(a) or original(*a))
    expr, xs = long_sum(400)
    f = lambdify_matrix(sp.Matrix([[expr, 2 * expr]]), xs)
    point = {x: sp.Rational(k + 2, 5) for k, x in enumerate(xs)}
    value = f(*[float(point[x]) for x in xs])
    assert len(calls) == 1
    assert value[0, 1] == pytest.approx(float(2 * expr.xreplace(point)), rel=1e-13)


def test_chunked_mpmath_keeps_full_precision(monkeypatch):
    monkeypatch.setattr(lambdify_module, "CHUNK", 16)
    expr, xs = long_sum(300)
    f = lambdify_matrix([expr], xs, "mpmath", dps=40)
    point = {x: sp.Rational(k + 2, 5) for k, x in enumerate(xs)}
    (value,) = f(*[point[x] for x in xs])  # exact rationals, converted at dps 40
    exact = expr.xreplace(point)
    with mpmath.workdps(40):
        assert abs(value - mpmath.mpf(exact.p) / exact.q) < mpmath.mpf(10) ** -35 * abs(value)


def test_series_evaluation_agrees_with_the_sympy_route():
    eps = sp.Symbol("epsilon", positive=True)
    M1, M2 = sp.symbols("M_1 M_2", positive=True)
    y1, y2 = sp.symbols("y_1 y_2")  # complex
    matrix = sp.Matrix([[0, eps * y1, eps * y2], [eps * y1, M1, 0], [eps * y2, 0, M2]])
    blocks = seesaw_blocks(matrix, 1, {eps: 4})
    symbols = [eps, M1, M2, y1, y2]
    args = (0.05, 1.1, 2.3, 0.4 + 0.3j, -0.2 + 0.7j)
    by_series = lambdify(blocks, "W", symbols, method="series")(*args)
    by_cse = lambdify(blocks, "W", symbols, method="cse")(*args)
    assert np.allclose(by_series, by_cse, rtol=1e-13, atol=1e-15)
    vectorized = lambdify(blocks, "light_mass_matrix", symbols, method="series")(
        np.array([0.05, 0.01]), *args[1:])
    assert vectorized.shape == (2, 1, 1)


# -- series evaluated term by term (symseesaw.linalg.evaluate) ---------------------------------
def test_series_terms_sum_to_the_sympy_value_of_the_series():
    eps = sp.Symbol("eps", positive=True)
    z = sp.Symbol("z")
    expr = sp.Rational(1, 3) + eps * z * sp.sqrt(2) - eps**2 * sp.conjugate(z) / 7
    (series,) = SeriesMatrix.from_sympy(Algebra({eps: 2}), sp.Matrix([[expr]])).rows[0]
    point = {eps: sp.Rational(1, 10), z: sp.Rational(3, 2) + sp.I / 5}
    used, tables = term_tables([series])
    generators = series.alg.registry.generators
    with mpmath.workdps(40):
        values = [mpmath.mpmathify(sp.N(generators[i].expr.xreplace(point), 40)) for i in used]
        (value,) = evaluate_tables(tables, values)
        assert abs(value - mpmath.mpmathify(sp.N(expr.xreplace(point), 40))) < 1e-35


def test_series_rank_sees_a_rank_one_series_matrix():
    eps = sp.Symbol("eps", positive=True)
    alg = Algebra({eps: 2})
    rank_one = sp.Matrix([[eps * x, eps**2 * x * y], [y, eps * y**2]])
    full = rank_one + sp.Matrix([[0, 0], [0, eps**2]])
    point = {eps: sp.Rational(1, 9), x: sp.Rational(2, 3), y: sp.Rational(5, 4)}
    assert series_rank(SeriesMatrix.from_sympy(alg, rank_one), point) == 1
    assert series_rank(SeriesMatrix.from_sympy(alg, full), point) == 2
