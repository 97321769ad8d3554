"""Seed 000 tree level (Eqs. 1-7, 9): four exact zero modes, and when nu_i ~ v' nu~_i - v nu~'_i holds."""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp

from symseesaw.papers.seed000 import model, tree
from symseesaw.result import StoredExpansion


@pytest.fixture(scope="module")
def result():
    return tree.derive()


def verdicts(result, eq):
    return {(tuple(c.entry), c.reading): c.verdict for c in result.comparisons if c.equation == eq}


def test_registry_contract():
    assert tree.NAME == "seed000-tree"
    assert "4" in tree.EQUATIONS and tree.SUMMARY
    with pytest.raises(ValueError, match="no small parameters"):
        tree.derive({"t": 1})


def test_dirac_matrices_are_three_by_two_flavors_by_right_handed():
    assert model.dirac_matrix().shape == (3, 2)
    assert model.tree_mass_matrix().shape == (8, 8)
    assert model.tree_mass_matrix().is_symmetric()


def test_eight_by_eight_has_exactly_four_massless_states(result):
    assert tree.generic_rank(result.mass_matrix) == 4
    assert verdicts(result, "7")[((1,), None)] == "agrees"


def test_eq4_and_eq5_are_exact_zero_modes_entry_by_entry(result):
    assert set(verdicts(result, "4").values()) == {"agrees"}
    assert set(verdicts(result, "5").values()) == {"agrees"}
    x = sp.Matrix([*tree.EQ4, 0, 0, 0, 0, 0])
    assert tree.is_zero_vector(result.mass_matrix * x)


def test_mixing_matrix_is_an_exact_basis_of_the_kernel(result):
    K = result.mixing_matrix
    assert K.shape == (8, 4) and result.masses == [0, 0, 0, 0]
    assert tree.is_zero_vector(result.mass_matrix * K)
    assert tree.generic_rank(K) == 4


def test_eq6_triangular_form_exists_and_eq7_has_two_more_zero_modes(result):
    v = verdicts(result, "6")
    assert v[((1,), None)] == "agrees"
    assert verdicts(result, "7")[((2,), None)] == "agrees"


def test_mixed_states_are_massless_only_with_mirror_symmetric_yukawas(result):
    v = verdicts(result, "7")
    mirror = [k for k in v if k[0] == (3,) and (k[1] or "").startswith("mirror-symmetric")]
    generic = [k for k in v if k[0] == (3,) and (k[1] or "").startswith("independent")]
    assert [v[k] for k in mirror] == ["agrees"]
    assert [v[k] for k in generic] == ["differs"]
    assert v[((4,), None)] == "agrees"  # predominantly active
    # the paper states mirror-symmetric Yukawas: the independent reading leaves its regime
    assert v[((3,), None)] == "agrees"
    assert result.errata() == []


def test_generic_mirror_yukawas_leave_v_prime_md_minus_v_mdp_of_rank_two():
    diff = model.vp_wk * model.dirac_matrix() - model.v_wk * model.mirror_dirac_matrix()
    assert tree.generic_rank(diff) == 2
    diff = model.vp_wk * model.dirac_matrix() - model.v_wk * model.mirror_symmetric_dirac()
    assert diff.applyfunc(sp.expand).is_zero_matrix


def test_eq9_is_the_mirror_block_of_the_seesaw_up_to_sign(result):
    assert set(verdicts(result, "9").values()) == {"agrees"}


def test_prove_checks_exact_statements_and_eq9_order(result):
    report = tree.prove(result, dps=30)
    assert report.passed
    slopes = {s.quantity: s.measured for s in report.slopes}
    assert slopes["Eq. (4) zero mode"] == float("inf")
    eq9 = [v for k, v in slopes.items() if k.startswith("Eq. (9)")][0]
    assert 1.75 <= eq9 <= 2.25


def test_prove_fails_for_a_wrong_kernel(result):
    wrong = result.mixing_matrix.copy()
    wrong[0, 0] += 1
    bad = dataclasses.replace(result, expansion=StoredExpansion(wrong, result.masses))
    assert not tree.prove(bad, dps=30).passed
