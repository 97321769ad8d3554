"""Tests of the exact mpmath Takagi factorization."""

from __future__ import annotations

import random

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from testkit.matrices import DPS, TIGHT, symmetric_with_values

from symseesaw.numerics import PrecisionError, takagi, takagi_residuals, to_mp
from symseesaw.numerics.takagi import _verify


def assert_good(M: mpmath.matrix, U: mpmath.matrix, m: list) -> None:
    recon, unit = takagi_residuals(M, U, m)
    assert recon < TIGHT
    assert unit < TIGHT


def expected_values(d: list, real: bool) -> list:
    """Signed eigenvalues (real) or singular values (complex), sorted."""
    return sorted(d, key=lambda x: (abs(x), x)) if real else sorted(abs(x) for x in d)


spectra = st.integers(2, 6).flatmap(
    lambda n: st.tuples(
        st.lists(
            st.one_of(
                st.floats(-5, 5, allow_nan=False).filter(lambda x: abs(x) > 0.05),
                st.just(0.0),
                st.just(1.0),
            ),
            min_size=n,
            max_size=n,
        ),
        st.booleans(),
        st.integers(0, 10**6),
    )
)


@settings(max_examples=40, deadline=None)
@given(spectra)
def test_random_symmetric(case):
    """Random spectra incl. zero modes and exact degeneracies (repeated 0 / 1)."""
    d, complex_, seed = case
    with mpmath.workdps(DPS):
        M = symmetric_with_values(d, complex_, seed)
        U, m = takagi(M)
        assert_good(M, U, m)
        for got, want in zip(m, expected_values(d, not complex_), strict=True):
            assert abs(got - want) < TIGHT
        if not complex_:
            assert all(mpmath.im(U[i, j]) == 0 for i in range(U.rows) for j in range(U.cols))


@pytest.mark.parametrize("complex_", [False, True])
@pytest.mark.parametrize(
    "d",
    [
        [1, 1, 2],
        [0, 0, 0, 3],
        [0, 0, 2, 2, 2, 5],
        [1, 1 + 1e-20, 2],  # near-degenerate
        [1e-30, 2e-30, 1],  # far below the zero-cluster tolerance of the embedding
        [-1, 1, 2],  # equal |m|, opposite signs
    ],
)
def test_degenerate_and_zero_modes(d, complex_):
    with mpmath.workdps(DPS):
        M = symmetric_with_values(d, complex_, seed=7)
        U, m = takagi(M)
        assert_good(M, U, m)
        assert (
            max(abs(a - b) for a, b in zip(m, expected_values(d, not complex_), strict=True))
            < TIGHT
        )


def test_exact_zero_modes_are_exact_zeros():
    M = mpmath.matrix([[0, 0, 1], [0, 0, 2], [1, 2, 3]])
    with mpmath.workdps(DPS):
        U, m = takagi(M)
        assert m[0] == 0
        U, m = takagi(M, real=False)
        assert m[0] == 0 and all(x >= 0 for x in m)
        assert_good(M, U, m)


def test_zero_matrix():
    U, m = takagi(mpmath.zeros(3, 3), real=False)
    assert m == [0, 0, 0]
    assert mpmath.mnorm(U - mpmath.eye(3), 1) == 0


def seesaw_5x5(complex_: bool) -> mpmath.matrix:
    """3 light (one massless) + 2 heavy states: m_D ~ 1e5, M_R ~ 1e12 (eV)."""
    rng = random.Random(3)

    def entry(scale):
        z = mpmath.mpf(rng.uniform(0.5, 1.5)) * scale
        return z * mpmath.expjpi(rng.uniform(0, 2)) if complex_ else z

    mD = mpmath.matrix([[entry(1e5) for _ in range(2)] for _ in range(3)])
    MR = mpmath.matrix([[entry(1e12), entry(1e11)], [0, entry(3e12)]])
    MR[1, 0] = MR[0, 1]
    M = mpmath.zeros(5, 5)
    for i in range(3):
        for j in range(2):
            M[i, 3 + j] = M[3 + j, i] = mD[i, j]
    for i in range(2):
        for j in range(2):
            M[3 + i, 3 + j] = MR[i, j]
    return M, mD, MR


@pytest.mark.parametrize("complex_", [False, True])
def test_seesaw_hierarchy(complex_):
    with mpmath.workdps(DPS):
        M, mD, MR = seesaw_5x5(complex_)
        U, m = takagi(M)
        assert_good(M, U, m)
        assert m[0] == 0  # rank-deficient Dirac matrix -> exactly massless state
        assert 1e-3 < abs(m[1]) < abs(m[2]) < 1e-1
        assert 1e11 < abs(m[3]) < abs(m[4]) < 1e13
        # light masses agree with the seesaw formula m_nu = -m_D M_R^-1 m_D^T
        # up to relative corrections ~ (m_D / M_R)^2 ~ 1e-14
        light = takagi(-mD * mpmath.inverse(MR) * mD.T)[1]
        for got, want in zip(m[1:3], light[1:3], strict=True):
            assert abs(got - want) / abs(want) < 1e-12
        if not complex_:
            assert m[1] * m[2] > 0 and m[1] < 0  # signed eigenvalues: -m_D M^-1 m_D^T
            assert m[3] > 0 and m[4] > 0


def test_signed_eigenvalues_real_case():
    with mpmath.workdps(DPS):
        U, m = takagi(mpmath.matrix([[0, 1], [1, 0]]))
        assert m[0] == -1 or abs(m[0] + 1) < TIGHT
        assert abs(m[1] - 1) < TIGHT
        assert all(isinstance(U[i, j], mpmath.mpf) for i in range(2) for j in range(2))
        U, m = takagi(mpmath.matrix([[0, 1], [1, 0]]), real=False)
        assert all(abs(x - 1) < TIGHT for x in m)
        assert_good(mpmath.matrix([[0, 1], [1, 0]]), U, m)


def test_input_types_and_dps():
    x = sp.Matrix([[sp.Rational(1, 3), sp.sqrt(6)], [sp.sqrt(6), 2]])
    U, m = takagi(x, dps=50)
    with mpmath.workdps(50):
        exact = (sp.Rational(7, 3) - sp.sqrt(sp.Rational(25, 9) + 24)) / 2
        assert abs(m[0] - to_mp(exact)) < mpmath.mpf(10) ** -45
    U, m = takagi(np.array([[1.0, 2.0], [2.0, 1.0]]), dps=15)
    assert abs(m[0] + 1) < 1e-12 and abs(m[1] - 3) < 1e-12
    U, m = takagi([[1, 2j], [2j, 1]], dps=30)
    with mpmath.workdps(30):
        recon, unit = takagi_residuals(mpmath.matrix([[1, 2j], [2j, 1]]), U, m)
        assert recon < 1e-25 and unit < 1e-25


def test_non_symmetric_rejected():
    M = mpmath.matrix([[1, 2, 0], [2, 1, 5], [0, 4, 1]])
    with pytest.raises(ValueError, match=r"not symmetric.*M\[1,2\]"):
        takagi(M)


def test_non_square_and_complex_with_real_true_rejected():
    with pytest.raises(ValueError, match="square"):
        takagi(mpmath.matrix([[1, 2, 3], [2, 1, 4]]))
    with pytest.raises(ValueError, match="real=False"):
        takagi(mpmath.matrix([[1, 1j], [1j, 1]]), real=True)


def test_precision_error_names_residual():
    M = mpmath.matrix([[1, 0], [0, 2]])
    with pytest.raises(PrecisionError, match=r"reconstruction residual.*raise mpmath.mp.dps"):
        _verify(M, mpmath.eye(2), [1, 2.001], 50)
    assert issubclass(PrecisionError, ValueError)


@pytest.mark.parametrize("bad", [mpmath.nan, mpmath.inf, -mpmath.inf])
def test_nan_or_infinite_entry_is_refused_naming_it(bad):
    M = mpmath.matrix([[1, 2], [2, bad]])
    with pytest.raises(ValueError, match=r"entry \[1,1\] is .*needs finite numbers"):
        takagi(M)


@pytest.mark.parametrize("dps", [0, -5, 4, 10001, 2.5, True])
def test_precision_outside_bounds_is_refused(dps):
    with pytest.raises(ValueError, match="dps"):
        takagi(mpmath.matrix([[1, 2], [2, 1]]), dps=dps)
