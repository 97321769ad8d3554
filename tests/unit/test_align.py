"""Tests of column alignment and the assignment solver."""

from __future__ import annotations

import random

import mpmath
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from testkit.matrices import DPS, TIGHT, random_unitary, symmetric_with_values

from symseesaw.numerics import align_to_reference, assignment, takagi, takagi_residuals
from symseesaw.numerics.align import _brute_force_assignment


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 7).flatmap(
        lambda n: st.lists(
            st.lists(st.floats(-10, 10, allow_nan=False), min_size=n, max_size=n),
            min_size=n,
            max_size=n,
        )
    )
)
def test_assignment_is_optimal(cost):
    n = len(cost)
    perm = assignment(cost)
    assert sorted(perm) == list(range(n))
    best = _brute_force_assignment(cost)
    total = sum(cost[r][perm[r]] for r in range(n))
    assert total <= sum(cost[r][best[r]] for r in range(n)) + 1e-9


def transformed_copy(U, m, complex_, seed):
    """A valid re-factorization: group rotations, phases/signs and a permutation."""
    rng = random.Random(seed)
    n = U.rows
    V, mv = U.copy(), list(m)
    groups = {}
    for i, x in enumerate(m):
        groups.setdefault(mpmath.nstr(x, 25), []).append(i)
    for key, cols in groups.items():
        if len(cols) < 2:
            continue
        zero = mpmath.mpf(key) == 0
        W = random_unitary(len(cols), complex_ and zero, rng.randint(0, 10**6))
        block = [[U[r, c] for c in cols] for r in range(n)]
        for r in range(n):
            for a, c in enumerate(cols):
                V[r, c] = sum(block[r][b] * W[b, a] for b in range(len(cols)))
    for c in range(n):
        phase = mpmath.expjpi(rng.uniform(0, 2)) if complex_ else rng.choice([-1, 1])
        for r in range(n):
            V[r, c] *= phase
        mv[c] *= phase**2
    perm = list(range(n))
    rng.shuffle(perm)
    P = mpmath.matrix(n, n)
    for a, p in enumerate(perm):
        for r in range(n):
            P[r, a] = V[r, p]
    return P, [mv[p] for p in perm]


@pytest.mark.parametrize("complex_", [False, True])
@pytest.mark.parametrize("d", [[0.5, 1, 2, 3], [1, 1, 2], [0, 0, 3, 3, 3], [-2, 2, 0.1]])
def test_transformed_copy_aligns_back_exactly(d, complex_):
    with mpmath.workdps(DPS):
        M = symmetric_with_values(d, complex_, seed=11)
        U, m = takagi(M)
        ref, m_ref = transformed_copy(U, m, complex_, seed=5)
        Ua, ma = align_to_reference(U, m, ref, m_ref, real=not complex_)
        assert mpmath.mnorm(Ua - ref, 1) < TIGHT
        assert max(abs(a - b) for a, b in zip(ma, m_ref, strict=True)) < TIGHT
        recon, unit = takagi_residuals(M, Ua, ma)
        assert recon < TIGHT and unit < TIGHT


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 6), st.booleans(), st.integers(0, 10**6))
def test_alignment_to_perturbed_reference(n, complex_, seed):
    """A slightly perturbed reference still selects the right columns."""
    rng = random.Random(seed)
    d = [rng.uniform(0.5, 5) * rng.choice([-1, 1]) for _ in range(n)]
    with mpmath.workdps(DPS):
        M = symmetric_with_values(d, complex_, seed)
        U, m = takagi(M)
        ref, m_ref = transformed_copy(U, m, complex_, seed + 1)
        noisy = ref + mpmath.mpf("1e-3") * random_unitary(n, complex_, seed + 2)
        Ua, ma = align_to_reference(U, m, noisy, real=not complex_)
        assert mpmath.mnorm(Ua - ref, 1) < 1e-2
        recon, unit = takagi_residuals(M, Ua, ma)
        assert recon < TIGHT and unit < TIGHT


def test_real_case_only_flips_signs_and_returns_mpmath():
    with mpmath.workdps(DPS):
        U = mpmath.matrix([[0, 1], [1, 0]])
        ref = mpmath.matrix([[-1, 0], [0, 1]])
        Ua, ma = align_to_reference(U, [1, 2], ref, real=True)
        assert Ua == mpmath.matrix([[-1, 0], [0, 1]])
        assert ma == [2, 1]
        assert isinstance(Ua, mpmath.matrix) and all(isinstance(x, mpmath.mpf) for x in ma)


def test_complex_phase_moves_into_mass():
    with mpmath.workdps(DPS):
        ref = mpmath.matrix([[1j, 0], [0, 1]])
        Ua, ma = align_to_reference(mpmath.eye(2), [3, 4], ref, real=False)
        assert mpmath.mnorm(Ua - ref, 1) < TIGHT
        assert abs(ma[0] + 3) < TIGHT and abs(ma[1] - 4) < TIGHT


def test_shape_mismatch_rejected():
    with pytest.raises(ValueError, match="shapes do not match"):
        align_to_reference(mpmath.eye(2), [1, 2], mpmath.eye(3), real=True)


def test_reference_group_gets_the_exact_columns_spanning_its_subspace():
    """Quasi-degenerate reference columns rotated inside their span: matched as a subspace."""
    with mpmath.workdps(DPS):
        M = symmetric_with_values([1, 2, 2.001, 5], complex_=False, seed=3)
        U, m = takagi(M, dps=DPS)
        c, s = mpmath.cos(0.7), mpmath.sin(0.7)
        R = U.copy()
        for i in range(4):  # rotate columns 1, 2 (masses 2, 2.001) by 0.7 rad
            R[i, 1], R[i, 2] = c * U[i, 1] - s * U[i, 2], s * U[i, 1] + c * U[i, 2]
        order = [3, 2, 1, 0]  # reference columns reversed: the group sits at {1, 2} again
        Rp = mpmath.matrix(4, 4)
        for new, old in enumerate(order):
            for i in range(4):
                Rp[i, new] = R[i, old]
        Ual, mal = align_to_reference(U, m, Rp, real=True, ref_groups=[[1, 2]])
        assert float(mal[0]) == pytest.approx(5.0) and float(mal[3]) == pytest.approx(1.0)
        assert sorted(float(x) for x in mal[1:3]) == pytest.approx([2.0, 2.001])
        # the group's exact columns span the reference subspace exactly
        P_ex = Ual[:, 1] * Ual[:, 1].T + Ual[:, 2] * Ual[:, 2].T
        P_ref = Rp[:, 1] * Rp[:, 1].T + Rp[:, 2] * Rp[:, 2].T
        assert mpmath.mnorm(P_ex - P_ref, 1) < TIGHT
        assert takagi_residuals(M, Ual, mal)[0] < TIGHT


def test_reference_group_out_of_range_is_refused():
    U, m = takagi(symmetric_with_values([1, 2], complex_=False, seed=1), dps=DPS)
    with pytest.raises(ValueError, match="ref_groups member out of range"):
        align_to_reference(U, m, U, real=True, ref_groups=[[0, 2]])
