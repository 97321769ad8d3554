"""Exact zero modes in the order proofs: a predicted zero confirmed is a pass, not an error.

A massless state predicted massless is *right*: its singular value (mass) vanishes
identically in the expansion and is numerically zero at every scan point.  That
is a ``"zero mode"`` verdict.  A residual that merely stays below the precision
floor is still a :class:`PrecisionError`, and a wrong coefficient -- including
one that gives a massless state a mass, or a massive one none -- still fails.
"""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw.api import seesaw_blocks, seesaw_expansion
from symseesaw.facade import prove
from symseesaw.numerics import PrecisionError, prove_expansion
from symseesaw.numerics.proof_blocks import prove_block_quantities

eps = sp.Symbol("epsilon", positive=True)
M0, a, b = sp.symbols("M0 a b", positive=True)
# 2 light + 1 heavy with a rank-one Dirac column: one light state is exactly massless.
RANK_ONE = sp.Matrix([[0, 0, eps * a], [0, 0, eps * b], [eps * a, eps * b, M0]])
POINT = {M0: 1.0, a: 1.0, b: 0.5}


@pytest.fixture(scope="module")
def rank_one_blocks():
    return seesaw_blocks(RANK_ONE, 2, {eps: 2})


def by_quantity(report) -> dict:
    return {s.quantity: s for s in report.slopes}


def prove_with(blocks, light=None, mass_matrix=None):
    return prove_block_quantities(
        RANK_ONE if mass_matrix is None else mass_matrix, 2,
        blocks.light_mass_matrix if light is None else light, blocks.heavy_mass_matrix,
        blocks.W, small=blocks.small, base_point=POINT)


def test_blocks_exact_zero_singular_value_predicted_zero_passes_as_zero_mode(rank_one_blocks):
    report = prove(rank_one_blocks, POINT)
    slopes = by_quantity(report)
    assert report.passed
    assert slopes["light singular value 1"].status == "zero mode"
    # the massive light state is measured with the slope of a relative order 2 block
    assert slopes["light singular value 2"].status == "measured"
    assert slopes["light singular value 2"].measured == pytest.approx(4.0, abs=0.1)


def test_blocks_wrong_coefficient_of_the_massive_light_state_still_fails(rank_one_blocks):
    # doubling the eps^4 terms of the light block keeps its rank: the zero mode stays
    light = rank_one_blocks.light_mass_matrix
    leading = light.applyfunc(lambda e: sp.expand(e).coeff(eps, 2) * eps**2)
    wrong = (2 * light - leading).applyfunc(sp.expand)
    slopes = by_quantity(prove_with(rank_one_blocks, light=wrong))
    assert slopes["light singular value 1"].status == "zero mode"
    assert not slopes["light singular value 2"].passed
    assert slopes["light singular value 2"].measured == pytest.approx(2.0, abs=0.1)


def test_blocks_mass_given_to_a_massless_state_fails(rank_one_blocks):
    wrong = rank_one_blocks.light_mass_matrix + sp.diag(0, eps**4 * a**2 / M0**3)
    report = prove_with(rank_one_blocks, light=wrong)
    zero = by_quantity(report)["light singular value 1"]
    assert not report.passed
    assert not zero.passed and zero.status == "measured"
    assert zero.measured == pytest.approx(0.0, abs=1e-6)  # residual 1 at every point


def test_blocks_massless_prediction_of_a_massive_state_fails(rank_one_blocks):
    # the exact matrix gains a tiny Majorana mass for the second flavour: no zero mode
    massive = RANK_ONE + sp.diag(0, eps**3 * M0, 0)
    report = prove_with(rank_one_blocks, mass_matrix=massive)
    zero = by_quantity(report)["light singular value 1"]
    assert zero.status == "measured"
    assert zero.measured == pytest.approx(0.0, abs=1e-6)  # residual 1 at every point
    assert not zero.passed and not report.passed


def test_blocks_residual_below_floor_is_still_a_precision_error(rank_one_blocks):
    """An exact massive value (not a zero) that never rises above the floor is no proof."""
    toy = sp.Matrix([[0, eps * a], [eps * a, M0]])
    exact_light = sp.Matrix([[(M0 - sp.sqrt(M0**2 + 4 * eps**2 * a**2)) / 2]])
    blocks = seesaw_blocks(toy, 1, {eps: 2})
    with pytest.raises(PrecisionError, match="light singular value 1 rises above"):
        prove_block_quantities(toy, 1, exact_light, blocks.heavy_mass_matrix, blocks.W,
                               small=blocks.small, base_point={M0: 1.0, a: 1.0})


# ---------------------------------------------------------------------------- full mode
# 3 light + 1 heavy, Dirac column along the first flavour: two exactly massless states
THREE_PLUS_ONE = sp.Matrix([[0, 0, 0, eps * a], [0, 0, 0, 0], [0, 0, 0, 0],
                            [eps * a, 0, 0, M0]])
FULL_POINT = {M0: 1.0, a: 1.0}


@pytest.fixture(scope="module")
def two_massless():
    return seesaw_expansion(THREE_PLUS_ONE, 3, {eps: 2})


def full_proof(ex, masses=None, mass_matrix=THREE_PLUS_ONE):
    return prove_expansion(mass_matrix, ex.mixing_matrix, ex.masses if masses is None else masses,
                           symbols=[eps, M0, a], small={eps: 2}, base_point=FULL_POINT,
                           direction={eps: 1.0}, groups=[[1, 2]])


def test_full_mode_massless_states_pass_as_zero_modes(two_massless):
    assert two_massless.masses[1] == 0 and two_massless.masses[2] == 0
    report = full_proof(two_massless)
    assert report.passed
    status = {e.entry: e.status for e in report.entries if e.quantity == "masses"}
    assert status == {"m_1": "measured", "m_4": "measured",
                      "group {2,3} mass 1": "zero mode", "group {2,3} mass 2": "zero mode"}


def test_full_mode_wrong_light_mass_beside_zero_modes_fails(two_massless):
    masses = list(two_massless.masses)
    masses[0] = sp.expand(masses[0] + a**4 * eps**4 / M0**3)  # eps^4 coefficient doubled
    report = full_proof(two_massless, masses)
    # the mass fails, and so does the defining property U^T M U = diag(m) on its diagonal
    assert [e.entry for e in report.failed_entries] == ["m_1", "(U^T M U - diag(m))[1,1]"]


def test_full_mode_zero_mode_prediction_of_a_massive_state_fails(two_massless):
    massive = THREE_PLUS_ONE + sp.diag(0, eps**3 * M0, 0, 0)
    report = full_proof(two_massless, mass_matrix=massive)
    failed = {e.entry for e in report.failed_entries if e.quantity == "masses"}
    assert "group {2,3} mass 2" in failed


@pytest.fixture(scope="module")
def light_pair_with_zero_mode():
    """The rank-one 2+1 model with both light states kept as one exact group.

    The group's masses are closed forms ``-s/2 +- sqrt(s**2/4)`` whose massless
    member evaluates to rounding noise, not to 0.
    """
    ex = seesaw_expansion(RANK_ONE, 2, {eps: 2}, quasi_degenerate_light=[[0, 1]])
    return ex, dict(symbols=[eps, M0, a, b], small={eps: 2},
                    base_point={M0: 1.0, a: 0.7, b: 0.3}, direction={eps: 1.0}, groups=[[0, 1]])


def test_full_mode_zero_mode_given_by_a_cancelling_closed_form_passes(light_pair_with_zero_mode):
    ex, kwargs = light_pair_with_zero_mode
    report = prove_expansion(RANK_ONE, ex.mixing_matrix, ex.masses, **kwargs)
    assert report.passed
    status = {e.entry: e.status for e in report.entries if e.quantity == "masses"}
    assert status["group {1,2} mass 2"] == "zero mode"
    assert status["group {1,2} mass 1"] == "measured"


def test_full_mode_small_mass_added_to_the_cancelling_zero_mode_fails(light_pair_with_zero_mode):
    ex, kwargs = light_pair_with_zero_mode
    masses = list(ex.masses)
    masses[0] = masses[0] + eps**4 * a**2 / M0**3  # masses[0] is the massless one
    report = prove_expansion(RANK_ONE, ex.mixing_matrix, masses, **kwargs)
    assert "group {1,2} mass 2" in {e.entry for e in report.failed_entries}


# ------------------------------------------------- seed 000's texture: four massless states
@pytest.fixture(scope="module")
def ordinary_mirror_heavy():
    """3 ordinary + 3 mirror light states, 2 heavy (seed 000, Eq. 7 reordered), complex Dirac.

    The 6x6 light block ``-D M_R^-1 D^T`` has rank 2: four exactly massless states.
    """
    d = sp.Matrix(3, 2, lambda i, j: sp.Symbol(f"d_{i + 1}{j + 1}"))
    dp = sp.Matrix(3, 2, lambda i, j: sp.Symbol(f"dp_{i + 1}{j + 1}"))
    R = sp.diag(*sp.symbols("M_1:3", positive=True))
    Z = sp.zeros(3, 3)
    M = sp.Matrix(sp.BlockMatrix([[Z, Z, eps * d], [Z, Z, eps * dp],
                                  [eps * d.T, eps * dp.T, R]]))
    couplings = sorted(M.free_symbols - {eps} - set(R.diagonal()), key=str)
    point = {s: complex((-1) ** k * (0.3 + 0.07 * k), 0.5 - 0.08 * k)
             for k, s in enumerate(couplings)}
    point.update({R[0, 0]: 1.0, R[1, 1]: 2.3})
    return M, point, seesaw_blocks(M, 6, {eps: 2})


SCAN = dict(dps=30, t_values=[0.04, 0.02, 0.01, 0.005])


def test_four_massless_states_of_seed000_texture_pass_as_zero_modes(ordinary_mirror_heavy):
    _, point, blocks = ordinary_mirror_heavy
    report = prove(blocks, point, **SCAN)
    assert report.passed
    status = [by_quantity(report)[f"light singular value {k}"].status for k in range(1, 7)]
    assert status == ["zero mode"] * 4 + ["measured"] * 2


def test_seed000_texture_with_a_mass_planted_in_a_massless_direction_fails(
        ordinary_mirror_heavy):
    M, point, blocks = ordinary_mirror_heavy
    light = blocks.light_mass_matrix + sp.diag(0, 0, eps**4, 0, 0, 0)  # nu_tau gets a mass
    report = prove_block_quantities(M, 6, light, blocks.heavy_mass_matrix, blocks.W,
                                    small=blocks.small, base_point=point, **SCAN)
    assert not report.passed
    zero_modes = [by_quantity(report)[f"light singular value {k}"] for k in range(1, 5)]
    assert sum(s.status == "zero mode" for s in zero_modes) == 3
    assert any(not s.passed for s in zero_modes)
