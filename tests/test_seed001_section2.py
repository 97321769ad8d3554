"""Seed 001 Sect. II (Eqs. 2-11): NLO seesaw, active-sterile mixing, exact <m_ee> cancellation."""

from __future__ import annotations

from collections import Counter

import pytest
import sympy as sp

from symseesaw.algebra.convert import to_series
from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.papers.seed001 import section2 as sec2

x = sec2.x
M1, M2, M3 = sec2.MASSES_R
k1, k2, k3 = sec2.KS


@pytest.fixture(scope="module")
def result():
    return sec2.derive()


def pick(result, equation, reading_start=""):
    return [c for c in result.comparisons
            if c.equation == equation and (c.reading or "").startswith(reading_start)]


def test_registry_contract(result):
    assert sec2.NAME == "seed001-sec2"
    assert sec2.EQUATIONS == ["2", "3", "4", "5", "6", "7", "9", "10", "11"]
    assert result.proof is None and result.convention == "Udag_M_Ustar"
    assert result.mass_matrix.shape == result.mixing_matrix.shape == (6, 6)
    assert len(result.masses) == 6


def test_every_verdict_is_pinned(result):
    counts = Counter((c.equation, c.verdict) for c in result.comparisons)
    assert counts == Counter({
        ("2", "agrees"): 36 + 25, ("3", "agrees"): 18, ("4", "agrees"): 15, ("5", "agrees"): 5,
        ("6", "agrees"): 18, ("7", "agrees"): 18, ("9", "agrees"): 1, ("9", "differs"): 1,
        ("10", "agrees"): 9, ("11", "agrees"): 7, ("11", "differs"): 2,
    })


def test_eq2_holds_entry_by_entry_for_general_complex_3p3_and_3p2(result):
    for reading in ("general complex 3+3", "general complex 3+2"):
        cs = pick(result, "2", reading)
        assert cs and all(c.verdict == "agrees" for c in cs)


def test_eq2_B_has_the_cubic_correction_stated_in_the_notes():
    alg, bd = sec2.block_diagonalization(3)
    sysm = sec2.general_system(3)
    MD, MRi = sysm["M_D"], sysm["M_R_inv"]
    B0 = MD * MRi
    closed = B0 - B0 * B0.H * B0 / 2 - MD * MRi * MD.T * B0.conjugate() * MRi
    for i in range(3):
        for j in range(3):
            diff = (bd.B[i, j] - to_series(alg, sp.expand(closed[i, j]))).truncate((3, float("inf")))
            assert diff.is_zero()
    # and the printed leading B alone misses exactly this x^3 term
    assert not (bd.B[0, 0] - to_series(alg, B0[0, 0])).truncate((3, float("inf"))).is_zero()


def test_light_block_is_minus_MD_MRinv_MDT_through_x3(result):
    assert all(c.verdict == "agrees" for c in pick(result, "3"))
    assert all(c.verdict == "agrees" for c in pick(result, "6"))


def test_eq4_puts_V_R_conjugate():
    """With V_R = diag(1, i, 1) the reading [M_D V_R]/M_i (no conjugate) would be wrong."""
    alg, bd = sec2.block_diagonalization(3)
    sysm = sec2.general_system(3)
    theta = bd.B @ SeriesMatrix.from_sympy(alg, sysm["V_R"])
    wrong = sysm["M_D"] * sysm["V_R"] / M2
    diff = (theta[0, 1] - to_series(alg, wrong[0, 1])).truncate((2, float("inf")))
    assert not diff.is_zero()


def test_eq9_is_exact_and_the_M_R_reading_fails_at_x4(result):
    (exact,) = pick(result, "9", "M_i = heavy")
    assert exact.verdict == "agrees"
    (mr,) = pick(result, "9", "M_i = eigenvalues of M_R")
    assert mr.verdict == "differs" and mr.lowest_differing_order == {"x": 4}
    expected = 2 * k1**4 * x**4 / (3 * M1**3) + k2**4 * x**4 / (3 * M2**3)
    assert sp.expand(mr.difference - expected) == 0


@pytest.mark.parametrize("n_heavy", [3, 2])
def test_eq9_numerically_with_exact_takagi(n_heavy):
    out = sec2.check_eq9_numerically(n_heavy, dps=40)
    assert out["m_ee"] < 1e-35 * out["scale"]
    assert out["paper_e4"] < 1e-35 * out["scale"]
    # the same identity with the congruence-convention W fails: M = U diag(m) U^T needs U = W^*
    assert out["congruence_e4"] > 1e-3


def test_eq10_active_sterile_mixing_holds_at_leading_order_with_cubic_correction(result):
    assert all(c.verdict == "agrees" for c in pick(result, "10"))
    U = result.mixing_matrix
    th = x * k1 / M1
    assert sp.expand(U[0, 3] - sp.sqrt(sp.Rational(2, 3)) * (th - sp.Rational(3, 2) * th**3)) == 0


def test_eq11_pairwise_cancellation(result):
    printed = pick(result, "11", "as printed")
    assert [c.verdict for c in printed] == ["agrees"] * 3
    beyond = pick(result, "11", "beyond")
    assert [c.verdict for c in beyond] == ["differs", "differs", "agrees"]  # (V_nu)_e3 = 0
    assert sp.expand(beyond[0].difference - 2 * k1**4 * x**4 / (3 * M1**3)) == 0
    assert sp.expand(beyond[1].difference - k2**4 * x**4 / (3 * M2**3)) == 0
    exact = pick(result, "11", "M_i = exact heavy")
    assert [c.verdict for c in exact] == ["agrees"] * 3


def test_eq11_exact_pairwise_cancellation_for_complex_input():
    assert max(sec2.check_eq11_numerically(dps=40)) < 1e-35


def test_order_proof_passes(result):
    report = sec2.prove(result, dps=40)
    assert report.passed
    assert {s.quantity for s in report.slopes} == {"mixing", "masses"}


def test_derive_refuses_too_low_an_order():
    with pytest.raises(ValueError, match="order"):
        sec2.derive({"x": 2})
