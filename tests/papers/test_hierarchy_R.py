"""Seed 001 normal ordering with ``R = m_2/m_3`` a small parameter inside the diagonalization.

The appendix audit keeps ``R`` exact (an atom ``1/(1 - R)``) and expands the
finished result in ``R``. Here the engine gets ``R`` as a genuine small
parameter (first order, as the appendix prints) through the public API
(``light_scales``), so the light state of leading mass ``R m_3^(0)`` is
expanded inside the perturbative diagonalization. Every appendix-NO quantity
must agree with the R-exact-then-expanded one to the printed order, term by
term; the verdicts, computed from either, are then the same.
"""

import pytest
import sympy as sp

from symseesaw.api import seesaw_expansion
from symseesaw.papers.seed001 import _appendix_nu as nu
from symseesaw.papers.seed001 import appendix_sectors as sectors
from symseesaw.papers.seed001 import r_inside


@pytest.fixture(scope="module")
def dirac_prime():
    return sectors.dirac_prime("NO")


@pytest.fixture(scope="module")
def exact_then_expanded(dirac_prime):
    return nu.derive_sector("NO", dirac_prime)


@pytest.fixture(scope="module")
def expansion(dirac_prime):
    return r_inside.expansion_r_inside(dirac_prime)


@pytest.fixture(scope="module")
def inside(dirac_prime, expansion):
    return r_inside.derive_sector_r_inside(dirac_prime, expansion)


def printed_order_parts(sector):
    """Every appendix-NO quantity truncated to its printed order, as sympy."""
    mixing = [sp.expand(x.truncate(sector.mixing_bounds).to_sympy())
              for row in sector.mixing for x in row]
    masses = [sp.expand(m.truncate(b).to_sympy())
              for m, b in zip(sector.masses, sector.mass_bounds)]
    return mixing + masses


def test_light_state_of_mass_R_m3_is_expanded_in_R_inside_the_engine(expansion):
    ex = expansion
    assert nu.R in ex.small and nu.paper.m2_0 not in ex.mass_matrix.free_symbols
    leading = [sp.factor(x.to_sympy()) for x in ex.light.leading_masses]
    # m_1 = 0, m_2^(0) = R m_3^(0), m_3^(0) = -2 e_2^2 M_3 t^2: R is a small parameter
    assert leading == [0, -2 * nu.M3 * nu.R * nu.e2**2 * nu.t**2,
                       -2 * nu.M3 * nu.e2**2 * nu.t**2]
    assert ex.light.groups == []


def test_every_appendix_no_quantity_agrees_with_the_R_exact_result(exact_then_expanded, inside):
    expected = printed_order_parts(exact_then_expanded)
    derived = printed_order_parts(inside)
    assert len(derived) == 30
    assert [sp.expand(a - b) for a, b in zip(expected, derived)] == [0] * 30


def test_the_comparison_sees_the_first_order_in_R(inside, exact_then_expanded):
    # dropping the R^1 terms of the R-inside result breaks the agreement: the
    # entries depend on R at the printed order, so the test above can fail
    k = inside.algebra.small_symbols.index(nu.R)
    without_R = [[x.part(lambda m: inside.algebra.small_exponents(m)[k] < 1) for x in row]
                 for row in inside.mixing]
    changed = [(i, j) for i in range(5) for j in range(5)
               if sp.expand(without_R[i][j].truncate(inside.mixing_bounds).to_sympy()
                            - exact_then_expanded.mixing[i][j]
                            .truncate(exact_then_expanded.mixing_bounds).to_sympy()) != 0]
    assert changed


def test_appendix_no_verdicts_are_unchanged(exact_then_expanded, inside):
    before = nu.compare_sector(exact_then_expanded)
    after = nu.compare_sector(inside)
    assert [(c.equation, c.entry, c.reading, c.verdict) for c in after] == \
        [(c.equation, c.entry, c.reading, c.verdict) for c in before]
    assert {c.verdict for c in before} == {"agrees", "differs"}


def test_light_scales_must_bring_a_small_parameter():
    eps, x = sp.symbols("eps x", positive=True)
    M = sp.Symbol("M", positive=True)
    with pytest.raises(ValueError, match="holds no small parameter"):
        seesaw_expansion(sp.Matrix([[0, eps], [eps, M]]), 1, {eps: 1}, light_scales={M: 2 * x})


def test_light_scales_that_break_the_seesaw_counting_are_refused():
    # M = x^3 M_1 makes M_D/M ~ eps/x^3 a term of negative total order
    eps, x = sp.symbols("eps x", positive=True)
    m, M, M1 = sp.symbols("m M M_1", positive=True)
    with pytest.raises(NotImplementedError, match="negative total order"):
        seesaw_expansion(sp.Matrix([[0, eps * m], [eps * m, M]]), 1, {eps: 1, x: 1},
                         light_scales={M: x**3 * M1})
