"""The default order proof tests every kept term a ray can reach (QA pass on the tutorial).

With two small parameters of orders ``(2, 1)`` the equal-weight ray ``s = t``
predicts slope ``min(n_s + 1) = 2``, so a wrong ``eps^2`` coefficient (degree 2)
passes on it.  ``prove`` with no direction also scans the balanced ray
``eps ~ t, r ~ t^1.5`` (prediction 3), where that term has degree 2 and a wrong
``eps r`` term degree 2.5: both fail.  Terms with ``sum_s e_s / (n_s + 1) >= 1``
(box corners) have a degree at or above the prediction on every ray; the
report names them instead of claiming them proven.
"""

from __future__ import annotations

import dataclasses
import itertools
from fractions import Fraction

import pytest
import sympy as sp

from symseesaw import prove
from symseesaw.api import seesaw_blocks, seesaw_expansion
from symseesaw.numerics.proof_blocks import prove_block_quantities
from symseesaw.numerics.proof_checks import predicted_slope
from symseesaw.numerics.proof_rays import (
    TESTED_MARGIN,
    default_rays,
    prove_on_rays,
    untested_terms,
)
from symseesaw.result import DerivationResult, StoredExpansion

eps, r = sp.symbols("epsilon r", positive=True)
a, b, M1, M2 = sp.symbols("a b M_1 M_2", positive=True)
BASE = {M1: 1.0, M2: 3.0, a: 1.0, b: 0.5}
DIAGONAL = {eps: 1.0, r: 1.0}
DPS = 40


@pytest.fixture(scope="module")
def tutorial() -> DerivationResult:
    """The tutorial's 2+2 seesaw to orders ``{eps: 2, r: 1}``."""
    dirac = eps * sp.Matrix([[a * M1, r * a * M2], [0, b * M2]])
    M = sp.Matrix(sp.BlockMatrix([[sp.zeros(2, 2), dirac], [dirac.T, sp.diag(M1, M2)]]))
    expansion = seesaw_expansion(M, n_light=2, small={eps: 2, r: 1})
    return DerivationResult.from_expansion(expansion, name="tutorial-2+2")


def with_mixing_term(result: DerivationResult, i: int, j: int, term: sp.Expr
                     ) -> DerivationResult:
    U = result.mixing_matrix.copy()
    U[i, j] += term
    planted = StoredExpansion(mixing=U, masses=list(result.masses))
    return dataclasses.replace(result, expansion=planted, proof=None)


def with_mass_factor(result: DerivationResult, k: int, relative: sp.Expr) -> DerivationResult:
    """Mass ``k`` times ``1 + relative`` (a wrong term of relative exponents ``relative``)."""
    masses = list(result.masses)
    masses[k] = sp.expand(masses[k] * (1 + relative))
    planted = StoredExpansion(mixing=result.mixing_matrix, masses=masses)
    return dataclasses.replace(result, expansion=planted, proof=None)


def failing(report) -> list[str]:
    return [e.label for e in report.failed_entries]


# ----------------------------------------------------------------- the QA plants


def test_wrong_eps2_mixing_coefficient_fails_by_default_and_passes_on_the_diagonal(tutorial):
    bad = with_mixing_term(tutorial, 0, 0, -a**2 * eps**2)  # U[1,1]: -1/2 -> -3/2

    assert prove(bad, BASE, direction=DIAGONAL, dps=DPS).passed
    report = prove(bad, BASE, dps=DPS)
    assert not report.passed
    assert failing(report) == ["mixing on ray epsilon ~ t, r ~ t^1.5 U[1,1]",
                               "mixing on ray epsilon ~ t, r ~ t^1.5 (U^T M U - diag(m))[1,1]"]
    worst = report.failed_entries[0]
    assert (worst.predicted, round(worst.measured, 1)) == (3.0, 2.0)


def test_wrong_relative_eps2_mass_coefficient_fails_by_default_and_passes_on_the_diagonal(
        tutorial):
    bad = with_mass_factor(tutorial, 0, 5 * a**2 * eps**2)  # m_1's relative eps^2 term x6

    assert prove(bad, BASE, direction=DIAGONAL, dps=DPS).passed
    report = prove(bad, BASE, dps=DPS)
    assert not report.passed
    assert "masses on ray epsilon ~ t, r ~ t^1.5 m_1" in failing(report)


def test_wrong_mixed_term_below_the_box_corner_fails_by_default(tutorial):
    # relative exponents (1, 1): 1/3 + 1/2 < 1, degree 2.5 against 3 on the balanced ray
    bad = with_mass_factor(tutorial, 0, 20 * a * b * eps * r)  # above the O(t^3) truncation

    assert prove(bad, BASE, direction=DIAGONAL, dps=DPS).passed
    report = prove(bad, BASE, dps=DPS)
    mass = {e.label: e for e in report.failed_entries}["masses on ray epsilon ~ t, r ~ t^1.5 m_1"]
    assert mass.measured == pytest.approx(2.5, abs=0.2)


def test_an_explicit_weighted_ray_alone_catches_the_eps2_plant(tutorial):
    bad = with_mixing_term(tutorial, 0, 0, -a**2 * eps**2)

    report = prove(bad, BASE, dps=DPS, weights={eps: 1, r: 1.5})
    assert failing(report) == ["mixing U[1,1]", "mixing (U^T M U - diag(m))[1,1]"]
    assert "ray: epsilon ~ t, r ~ t^1.5" in report.notes


# ----------------------------------------------------------------- correct expansions


def test_correct_expansion_passes_on_every_ray(tutorial):
    report = prove(tutorial, BASE, dps=DPS)

    assert report.passed
    assert [s.quantity for s in report.slopes] == [
        "mixing", "masses",
        "mixing on ray epsilon ~ t, r ~ t^1.5", "masses on ray epsilon ~ t, r ~ t^1.5"]
    assert [s.predicted for s in report.slopes] == [2.0, 2.0, 3.0, 3.0]


def test_engine_expansion_is_proved_on_the_same_rays(tutorial):
    dirac = eps * sp.Matrix([[a * M1, r * a * M2], [0, b * M2]])
    M = sp.Matrix(sp.BlockMatrix([[sp.zeros(2, 2), dirac], [dirac.T, sp.diag(M1, M2)]]))
    report = prove(seesaw_expansion(M, n_light=2, small={eps: 2, r: 1}), BASE, dps=DPS)

    assert report.passed
    assert len(report.entries) == 2 * len([e for e in report.entries
                                           if "on ray" not in e.quantity])


def test_blocks_proof_scans_the_balanced_ray_and_catches_a_wrong_eps2_light_term():
    delta, L, M = sp.symbols("delta L M", positive=True)
    blocks = seesaw_blocks(sp.Matrix([[delta * L, eps * M], [eps * M, M]]), 1,
                           {eps: 2, delta: 1})
    base = {L: 1.0, M: 1.0}

    def proof_of(light):
        return prove_on_rays(lambda w: prove_block_quantities(
            blocks.mass_matrix, 1, light, blocks.heavy_mass_matrix, blocks.W,
            small=blocks.small, base_point=base, weights=w, dps=30), blocks.small)

    correct = prove(blocks, base, dps=30)
    assert correct.passed
    assert "light singular value 1 on ray epsilon ~ t, delta ~ t^1.5" in {
        s.quantity for s in correct.slopes}
    bad = proof_of(blocks.light_mass_matrix * (1 + 3 * eps**2))
    assert [s.quantity for s in bad.slopes if not s.passed] == [
        "light singular value 1 on ray epsilon ~ t, delta ~ t^1.5"]


# ----------------------------------------------------------------- what is not proven


def test_box_corner_is_named_in_the_notes(tutorial):
    report = prove(tutorial, BASE, dps=DPS)

    corner = [n for n in report.notes if n.startswith("not tested by any ray")]
    assert len(corner) == 1 and corner[0].endswith(": epsilon^2*r")


def test_box_corner_plant_passes_and_is_the_named_term(tutorial):
    # relative exponents (2, 1): 2/3 + 1/2 >= 1, degree 3.5 > 3 and 3 > 2: no ray sees it
    report = prove(with_mass_factor(tutorial, 0, 7 * eps**2 * r), BASE, dps=DPS)

    assert report.passed
    assert any(n.endswith(": epsilon^2*r") for n in report.notes)


@pytest.mark.parametrize("orders", [(2, 1), (2, 2), (3, 1), (3, 2), (4, 3), (2, 1, 1)])
def test_default_rays_test_exactly_the_terms_below_the_box_corner(orders):
    names = sp.symbols(f"s0:{len(orders)}")
    small = dict(zip(names, orders, strict=True))
    top = max(orders) + 1
    share = {e: sum(Fraction(k, n + 1) for k, n in zip(e, orders, strict=True))
             for e in itertools.product(*(range(n + 1) for n in orders)) if any(e)}
    # the balanced ray's margin below its prediction is (n_max + 1) (1 - share)
    expected = [e for e, x in share.items() if top * (1 - x) < TESTED_MARGIN]

    assert untested_terms(small, default_rays(small)) == expected


@pytest.mark.parametrize("orders", [(2, 1), (2, 2), (3, 1), (3, 2), (2, 1, 1)])
def test_no_ray_of_a_weight_grid_tests_a_term_the_default_rays_leave_untested(orders):
    """The balanced ray is optimal: a grid of rays (smallest weight 1) catches nothing more."""
    names = sp.symbols(f"s0:{len(orders)}")
    small = dict(zip(names, orders, strict=True))
    directions = dict.fromkeys(names, 1.0)
    grid = [w for w in itertools.product(*[[1 + k / 4 for k in range(13)]] * len(orders))
            if min(w) == 1]
    for e in untested_terms(small, default_rays(small)):
        for w in grid:
            weights = dict(zip(names, w, strict=True))
            degree = sum(k * x for k, x in zip(e, w, strict=True))
            assert predicted_slope(small, directions, None, weights) - degree < TESTED_MARGIN


# ----------------------------------------------------------------- bad weights


@pytest.mark.parametrize(("weights", "message"), [
    ({eps: 0}, r"weights\[epsilon\] = 0 is not a ray exponent"),
    ({eps: -1.5}, r"weights\[epsilon\] = -1.5 is not a ray exponent"),
    ({eps: float("nan")}, r"weights\[epsilon\] = nan is not a ray exponent"),
    ({eps: 11}, r"weights\[epsilon\] = 11 is not a ray exponent.*\(0, 10\]"),
    ({eps: "1"}, r"weights\[epsilon\] = '1' is not a ray exponent"),
    ({eps: True}, r"weights\[epsilon\] = True is not a ray exponent"),
    ({M1: 1}, r"weights has the key M_1 which is not a small parameter"),
    ({"nope": 1}, r"weights has the key 'nope' which is not among `symbols`"),
])
def test_bad_weights_are_refused_in_one_line(tutorial, weights, message):
    with pytest.raises(ValueError, match=message) as info:
        prove(tutorial, BASE, dps=DPS, weights=weights)
    assert "\n" not in str(info.value)


def test_a_total_order_sets_the_prediction_of_the_expansion_proof(tutorial):
    """Kept to total order 1, the truncation error falls like t^2, not t^3 (orders 2, 2)."""
    expansion = seesaw_expansion(tutorial.mass_matrix, 2, {eps: 2, r: 2}, total=1)
    report = prove(expansion, BASE, dps=DPS)
    assert report.passed
    assert {s.quantity: s.predicted for s in report.slopes} == {"mixing": 2.0, "masses": 2.0}
    assert "every kept term is tested by some ray" in report.notes
