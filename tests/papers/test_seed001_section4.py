"""Seed 001 Sect. IV: Eqs. (48)-(50), (63), (65), (66) and the numerical example."""

from __future__ import annotations

from collections import Counter

import pytest
import sympy as sp

from symseesaw.papers.seed001 import section4 as sec4
from symseesaw.papers.seed001.model import tri_bimaximal

a, d, m_s = sec4.a, sec4.d, sec4.m_s
x, r_a = sec4.x, sec4.r_a
eta1, eta2, eta3 = sec4.eta1, sec4.eta2, sec4.eta3


@pytest.fixture(scope="module")
def result():
    return sec4.derive()


def pick(result, equation, reading_start=""):
    return [c for c in result.comparisons
            if c.equation == equation and (c.reading or "").startswith(reading_start)]


def test_registry_contract(result):
    assert sec4.NAME == "seed001-sec4"
    assert sec4.EQUATIONS == ["48", "49", "50", "63", "65", "66"]
    assert result.proof is None
    assert result.mass_matrix.shape == result.mixing_matrix.shape == (4, 4)


def test_every_verdict_is_pinned(result):
    counts = Counter((c.equation, c.verdict) for c in result.comparisons)
    assert counts == Counter({
        ("49", "agrees"): 16, ("50", "agrees"): 4,
        ("65", "agrees"): 4 + 1, ("65", "differs"): 2, ("66", "agrees"): 1, ("66", "differs"): 4,
        ("66", "ambiguous"): 1,
        # summary rows of (65): 4 + 1 agrees above; b = d vs b independent disagree:
        ("65", "ambiguous"): 2,
    })


def test_headline_counts_count_each_printed_entry_once(result):
    assert result.headline_counts() == {"agrees": 22, "differs": 4, "ambiguous": 3}
    assert [(c.equation, c.entry) for c in result.errata()] == [
        ("66", [2]), ("66", [3]), ("66", [5]), ("66", [6])]


def test_light_block_of_eq48_has_tbm_eigenvectors_with_eigenvalues_a_plus_d_a_minus_a_plus_d():
    M = sec4.matrix_48(a, d, 0, 0)[:3, :3]
    T = tri_bimaximal()
    assert (T.T * M * T - sp.diag(a + d, a, -a + d)).applyfunc(sp.expand) == sp.zeros(3, 3)


def test_eq49_agrees_when_a_and_d_count_like_e(result):
    assert all(c.verdict == "agrees" for c in pick(result, "49", "a ~ d ~ e"))


def test_eq49_next_order_a_over_ms_factor_is_an_extension_not_an_erratum(result):
    rows = {tuple(c.entry): c for c in pick(result, "49")}
    assert all(c.claimed_order == {"x": 1, "r_a": 1, "r_d": 1, "total": 1} for c in rows.values())
    assert all(c.verdict == "agrees" for c in rows.values())
    a_over_ms = {k for k, c in rows.items() if "{'x': 1, 'r_a': 1, 'r_d': 0}" in c.note}
    assert a_over_ms == {(1, 4), (2, 4), (3, 4), (4, 2)}
    assert "(not printed): r_a*x at" in rows[(1, 4)].note
    assert "(not printed): -r_a*x*sqrt(3) at" in rows[(4, 2)].note
    # normalization of nu_2 and nu_s at x^2
    assert "(not printed): -sqrt(3)*x**2/2 at {'x': 2" in rows[(1, 2)].note
    # exact in r_a: U_alpha4 = x / (1 - r_a) at first order in x
    U = result.mixing_matrix
    assert sp.expand(U[0, 3] - (x + r_a * x + r_a**2 * x)) == 0


def test_eq50_masses_agree_at_second_order_with_the_a_over_ms_terms_as_extension(result):
    rows = pick(result, "50", "a ~ d ~ e")
    assert [c.verdict for c in rows] == ["agrees"] * 4
    assert "next order derived (not printed): -3*r_a*m_s*x**2" in rows[1].note
    assert "next order derived (not printed): 3*r_a*m_s*x**2" in rows[3].note
    assert "next order derived (not printed)" not in rows[0].note


def test_no_reading_leaves_the_keV_regime_of_the_paper(result):
    assert not [c for c in result.comparisons if "all orders" in (c.reading or "")]


def test_eq65_is_right_only_for_b_equal_d(result):
    assert [c.verdict for c in pick(result, "65", "b = d")] == ["agrees"] * 3
    # the middle mass does not contain b: the alternative reading only fails for m_1, m_3
    assert [c.verdict for c in pick(result, "65", "b an independent")] == ["differs", "agrees", "differs"]
    summary = [c for c in result.comparisons if c.equation == "65" and c.reading is None]
    assert [c.verdict for c in summary] == ["ambiguous", "agrees", "ambiguous"]


def test_eq66_theta13_agrees_and_theta12_theta23_have_half_the_correct_coefficient(result):
    t13, t12, t23 = pick(result, "66", "b = d")
    assert t13.verdict == "agrees"
    assert t12.verdict == "differs" and t12.lowest_differing_order == {"eta_1": 0, "eta_2": 0, "eta_3": 1}
    assert sp.expand(t12.derived - sp.Rational(1, 3) * (1 - 4 * eta3 / (3 * d))) == 0
    assert t23.verdict == "differs"
    assert sp.expand(t23.derived - sp.Rational(1, 2) * (1 - (eta1 - eta2) / (2 * a))) == 0


def test_numerical_example(result):
    t13, t23, t12 = pick(result, "66", "numerical")
    assert (t13.verdict, t23.verdict, t12.verdict) == ("ambiguous", "differs", "differs")
    for ratio in (-1.9, -0.5, 0.5):
        v = sec4.numerical_example(ratio)
        assert abs(float(v[(1, 3)]) - 0.005) < 0.0005
        assert abs(float(v[(2, 3)]) - 0.55) < 0.01
        assert abs(float(v[(1, 2)]) - 0.29) < 0.005


def test_order_proofs_pass(result):
    assert sec4.prove(result, dps=40).passed
    assert sec4.prove_nlo(dps=40).passed


def test_printed_eq66_is_read_from_the_latex_of_the_paper():
    from symseesaw.papers.printed import read_aligned

    # the LaTeX text decides: halving the printed coefficient of eta_3 is seen by the reader
    altered = sec4.LATEX_66.replace(r"\frac{2\eta_3}{3b}", r"\frac{\eta_3}{3b}")
    t13, t12, t23 = read_aligned(altered, sec4._PAPER_SYMBOLS)
    assert sp.expand(sec4.EQ66[(1, 2)] - t12) == sp.expand(-eta3 / (9 * sec4.b))
    assert (t13, t23) == (sec4.EQ66[(1, 3)], sec4.EQ66[(2, 3)])
