"""Tests of lambdify_matrix (numpy and mpmath backends)."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy as sp

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
