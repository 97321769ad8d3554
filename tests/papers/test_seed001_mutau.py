"""Seed 001: U_e3 = 0 and |U_mu3| = |U_tau3| to all orders in eps_i (claims after Eqs. 30, 38)."""

from __future__ import annotations

from collections import Counter

import mpmath
import pytest
import sympy as sp

from symseesaw.cli import main
from symseesaw.papers.seed001 import _section3a as section3a
from symseesaw.papers.seed001 import model
from symseesaw.papers.seed001 import mutau as mt
from symseesaw.registry import load_registry

e1, e2, rho2 = mt.e1, mt.e2, mt.rho2
HEAVY_SIGNS = [(1, 1), (1, -1), (-1, 1), (-1, -1)]


@pytest.fixture(scope="module")
def result():
    return mt.derive()


@pytest.fixture(scope="module")
def expansions():
    return {o: mt.expansion(o, {e1: 6, e2: 6}) for o in mt.ORDERINGS}


@pytest.fixture(scope="module")
def checks():
    return mt.exact_checks(dps=50)


def test_registry_contract(result):
    assert mt.NAME == "seed001-mutau"
    assert mt.EQUATIONS == ["19", "20", "21", "27", "after 30", "after 38"]
    assert mt.SOURCE is section3a.SOURCE and mt.SUMMARY
    assert result.proof is None
    assert result.small == {e1: 6, e2: 6}
    assert result.mass_matrix == model.build("NO").mass_matrix
    assert result.mixing_matrix.shape == (5, 5) and len(result.masses) == 5


def test_every_claim_agrees_in_both_orderings_by_symmetry_series_and_numerics(result):
    counts = Counter((c.equation, c.reading.split(":")[0], c.verdict) for c in result.comparisons)
    assert counts == Counter({
        (mt.EQ_UE3, "NO", "agrees"): 3, (mt.EQ_MUTAU, "NO", "agrees"): 3,
        (mt.EQ_38, "NO", "agrees"): 1,
        (mt.EQ_UE3, "IO", "agrees"): 3, (mt.EQ_MUTAU, "IO", "agrees"): 3,
        (mt.EQ_38, "IO", "agrees"): 1,
    })


def test_no_matrix_is_invariant_only_with_mu_tau_exchange_and_nu3c_sign_flip():
    M = model.build("NO").mass_matrix
    invariant = [s for s in HEAVY_SIGNS if mt.is_invariant(M, mt.symmetry_matrix("NO", s))]
    assert invariant == [(1, -1)]
    assert mt.symmetry_matrix("NO") == mt.symmetry_matrix("NO", (1, -1))


def test_io_matrix_is_invariant_under_plain_mu_tau_exchange():
    M = model.build("IO").mass_matrix
    invariant = [s for s in HEAVY_SIGNS if mt.is_invariant(M, mt.symmetry_matrix("IO", s))]
    assert invariant == [(1, 1)]


def test_symmetry_matrix_is_an_involution():
    for ordering in mt.ORDERINGS:
        P = mt.symmetry_matrix(ordering)
        assert P == P.T and P * P == sp.eye(5)


@pytest.mark.parametrize("ordering", mt.ORDERINGS)
def test_rho2_deformation_of_eq_a14_breaks_every_signed_mu_tau_symmetry(ordering):
    Md = mt.deformed_matrix(ordering)
    assert not any(mt.is_invariant(Md, mt.symmetry_matrix(ordering, s)) for s in HEAVY_SIGNS)
    assert mt.deformed_matrix(ordering, 0) == model.build(ordering).mass_matrix


@pytest.mark.parametrize("ordering", mt.ORDERINGS)
def test_symmetry_verdict_differs_for_the_deformed_matrix(ordering):
    comps = mt._symmetry_comparisons(ordering, mt.deformed_matrix(ordering))
    assert [c.verdict for c in comps] == ["differs"] * 3
    assert all(c.derived != 0 for c in comps)


def test_odd_sector_blocks_are_the_exact_nu3_blocks():
    c3 = model.build("NO").mass_matrix[2, 4]  # eps_2 M_3
    M3 = model.build("NO").mass_matrix[4, 4]
    B, block = mt.odd_sector_block("NO")
    assert B[:, 0] == sp.Matrix([0, -1, 1, 0, 0]) / sp.sqrt(2)
    assert (block - sp.Matrix([[0, sp.sqrt(2) * c3], [sp.sqrt(2) * c3, M3]])).is_zero_matrix
    B, block = mt.odd_sector_block("IO")
    assert B.shape == (5, 1) and block == sp.zeros(1, 1)


@pytest.mark.parametrize("ordering", mt.ORDERINGS)
def test_series_u_e3_vanishes_to_sixth_order_but_u_e2_does_not(expansions, ordering):
    U = expansions[ordering].U_series
    assert U[0, 2].prec[:2] == (8, 8)  # exact beyond the requested sixth order
    assert U[0, 2].is_zero()
    assert not U[0, 1].is_zero()
    # non-trivial sixth-order terms exist in the mixing matrix
    assert 6 in expansions[ordering].mixing_by_order


@pytest.mark.parametrize("ordering", mt.ORDERINGS)
def test_series_u_mu3_is_minus_u_tau3_and_nonzero(expansions, ordering):
    U = expansions[ordering].U_series
    assert (U[1, 2] + U[2, 2]).is_zero()
    assert not (U[1, 2] - U[2, 2]).is_zero()


def test_no_series_u_mu3_is_the_taylor_series_of_the_exact_odd_block(expansions):
    derived = expansions["NO"].mixing_matrix[1, 2]
    exact = sp.series(mt.exact_u_mu3("NO"), e2, 0, 7).removeO()
    assert sp.expand(derived - exact) == 0
    assert sp.expand(derived + expansions["NO"].mixing_matrix[2, 2]) == 0
    assert derived.has(e2**6)


def test_io_column3_is_exactly_tbm_nu3_with_zero_mass(expansions):
    ex = expansions["IO"]
    assert ex.mixing_matrix[:, 2] == sp.Matrix([0, -1, 1, 0, 0]) / sp.sqrt(2)
    assert ex.masses[2] == 0


@pytest.mark.parametrize("ordering", mt.ORDERINGS)
def test_series_claims_still_hold_at_tenth_order(ordering):
    U = mt.expansion(ordering, {e1: 10, e2: 10}).U_series
    assert U[0, 2].is_zero() and (U[1, 2] + U[2, 2]).is_zero()


def test_numeric_points_reach_beyond_the_radius_of_convergence():
    eps = [float(p[s]) for p in mt.sample_points() for s in (e1, e2)]
    assert max(eps) > 1 and sum(x > 1 / (2 * 2**0.5) for x in eps) >= 6


@pytest.mark.parametrize("ordering", mt.ORDERINGS)
def test_exact_diagonalization_gives_u_e3_and_mu_tau_defect_below_half_precision(checks, ordering):
    rec = checks[ordering]
    assert rec["passed"]
    assert rec["max_ue3"] < mpmath.mpf(10) ** -25
    assert rec["max_mutau"] < mpmath.mpf(10) ** -25


def test_state3_is_identified_by_a_dominant_overlap_with_tbm_nu3():
    for ordering in mt.ORDERINGS:
        M = model.build(ordering).mass_matrix
        for p in mt.sample_points():
            assert mt.exact_mutau_residuals(M, p, dps=30)["overlap"] > 1 / mpmath.sqrt(2)


@pytest.mark.parametrize("ordering", mt.ORDERINGS)
def test_rho2_control_gives_u_e3_far_above_precision(checks, ordering):
    assert checks[ordering]["control_min_ue3"] > 1e-6


def test_io_control_u_e3_is_rho2_over_sqrt2_from_the_null_vector(checks):
    rec = checks["IO"]
    with mpmath.workdps(50):
        rho = mpmath.mpf(1) / 100
        expected = rho / mpmath.sqrt(2 + 3 * rho**2)  # (3rho, 3+3rho, -3+3rho) normalized
        assert abs(rec["control_min_ue3"] - expected) < mpmath.mpf(10) ** -40
        assert abs(rec["control_max_ue3"] - expected) < mpmath.mpf(10) ** -40


def test_prove_passes_four_order_slopes_and_records_exact_checks_once(result):
    report = mt.prove(result)
    assert report.passed
    assert [s.quantity for s in report.slopes] == ["NO mixing", "NO masses", "IO mixing",
                                                   "IO masses"]
    assert all(s.predicted == 7 for s in report.slopes)
    mt.prove(result)
    proof_notes = [n for n in result.notes if n.startswith(mt.PROOF_NOTE)]
    assert len(proof_notes) == 2 and all(n.endswith("PASS") for n in proof_notes)


def test_prove_raises_when_the_control_does_not_break_the_claim(result, monkeypatch):
    original = mt.exact_checks
    monkeypatch.setattr(mt, "exact_checks", lambda dps=50: original(dps, rho=0))
    with pytest.raises(mt.SymmetryCheckError, match="control"):
        mt.prove(result, dps=30)


def test_derive_accepts_eps_aliases_and_rejects_unknown_parameters():
    assert mt.derive({"eps1": 3, "epsilon_2": 4}).small == {e1: 3, e2: 4}
    with pytest.raises(ValueError, match="unknown small parameter"):
        mt.derive({"eps3": 2})


def test_reproduce_and_audit_work_as_if_registered(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(load_registry(), mt.NAME, mt)
    assert main(["reproduce", mt.NAME, "--json-dir", str(tmp_path)]) == 0
    assert main(["audit", mt.NAME, "--out-dir", str(tmp_path), "--check"]) == 0
    audit = (tmp_path / f"{mt.NAME}-audit.md").read_text()
    assert "14 agrees, 0 differs" in audit and "after 38: U_e3 = 0" in audit
    assert "prove(): NO exact diagonalization" in (tmp_path / f"{mt.NAME}.json").read_text()
