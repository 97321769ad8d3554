"""Orders that mean what they say: order 0 is the leading order, relative orders
count against the whole leading part, margins grow only where needed, and no
light mass is ever dropped.

Every expected value is computed here independently of the engine: from the
closed-form eigenvalues of 2x2 matrices (sympy series), from exact Schur
complements, or from a diagonal (decoupled) texture.
"""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw.api import seesaw_blocks, seesaw_expansion

eps = sp.Symbol("epsilon", positive=True)
delta = sp.Symbol("delta", positive=True)
t = sp.Symbol("t", positive=True)
M, M1, M2, m, l, a, b = sp.symbols("M M_1 M_2 m l a b", positive=True)
mD, mu = sp.symbols("m_D mu", positive=True)


def light_root_2x2(A, B, C):
    """Smaller-magnitude eigenvalue of [[A, B], [B, C]] for |A| << C (closed form)."""
    return ((A + C) - sp.sqrt((C - A) ** 2 + 4 * B**2)) / 2


def expand_in(expr, scaling: dict, order: int) -> sp.Expr:
    """Series of ``expr`` with each small parameter s -> t**k * s, to t**order."""
    scaled = expr.xreplace({s: t**k * s for s, k in scaling.items()})
    return sp.expand(sp.series(scaled, t, 0, order + 1).removeO().subs(t, 1))


def terms_in_region(poly: sp.Expr, symbols, leads, orders) -> sp.Expr:
    """Terms of ``poly`` within ``orders`` of at least one leading exponent vector."""
    out = []
    for term in sp.Add.make_args(sp.expand(poly)):
        exps = [sp.degree(term, s) for s in symbols]
        if any(all(e <= lo + o for e, lo, o in zip(exps, lead, orders)) for lead in leads):
            out.append(term)
    return sp.Add(*out)


def test_order_zero_returns_the_seesaw_mass_not_zero():
    ex = seesaw_expansion(sp.Matrix([[0, eps * m], [eps * m, M]]), 1, {eps: 0})
    expected = expand_in(light_root_2x2(0, eps * m, M), {eps: 1}, 2)
    assert expected == -(eps**2) * m**2 / M
    assert sp.expand(ex.masses[0] - expected) == 0
    assert ex.masses[1] == M


def test_inverse_seesaw_mu_at_order_zero_gives_the_light_mass():
    matrix = sp.Matrix([[0, mD, 0], [mD, 0, M], [0, M, mu]])
    schur = -(matrix[:1, 1:] * matrix[1:, 1:].inv() * matrix[1:, :1])[0, 0]
    ex = seesaw_expansion(matrix, 1, {mD: 0, mu: 0}, quasi_degenerate_heavy=[[0, 1]])
    assert sp.simplify(schur - mD**2 * mu / M**2) == 0
    assert sp.expand(ex.masses[0] - schur) == 0


def test_margins_grow_only_for_the_parameter_that_fell_short():
    matrix = sp.Matrix([[0, mD, 0], [mD, 0, M], [0, M, mu]])
    ex = seesaw_expansion(matrix, 1, {mD: 0, mu: 0}, quasi_degenerate_heavy=[[0, 1]])
    # m_D: planned from the Dirac block (2 = second order in M_D); mu: raised by
    # exactly its shortfall (the light mass is linear in mu), not by a blanket 2
    assert ex.margins[:2] == (2, 1)


def test_type_one_plus_two_keeps_the_type_two_term_at_order_zero():
    matrix = sp.Matrix([[delta * l, eps * m], [eps * m, M]])
    ex = seesaw_expansion(matrix, 1, {eps: 0, delta: 0})
    assert sp.expand(ex.masses[0] - (delta * l - eps**2 * m**2 / M)) == 0


def test_relative_order_counts_against_every_leading_term():
    matrix = sp.Matrix([[delta * l, eps * m], [eps * m, M]])
    ex = seesaw_expansion(matrix, 1, {eps: 2, delta: 1})
    exact = expand_in(light_root_2x2(delta * l, eps * m, M), {eps: 1, delta: 2}, 8)
    expected = terms_in_region(exact, [eps, delta], [(2, 0), (0, 1)], (2, 1))
    assert sp.expand(ex.masses[0] - expected) == 0
    # the physical counting keeps eps^4 m^4/M^3 (relative eps^2 to the seesaw term)
    assert sp.expand(ex.masses[0]).coeff(eps, 4).subs(delta, 0) == m**4 / M**3


def test_hierarchical_dirac_block_keeps_both_light_masses_at_order_zero():
    D = sp.diag(eps * a, eps**2 * b)
    matrix = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), D], [D.T, sp.diag(M1, M2)]]))
    ex = seesaw_expansion(matrix, 2, {eps: 0})
    # decoupled: each light state is its own 2x2 seesaw
    first = expand_in(light_root_2x2(0, eps * a, M1), {eps: 1}, 2)
    second = expand_in(light_root_2x2(0, eps**2 * b, M2), {eps: 1}, 4)
    assert [sp.expand(x) for x in ex.masses[:2]] == [first, second]
    assert second == -(eps**4) * b**2 / M2


def test_each_mass_keeps_its_relative_order_from_its_own_leading_term():
    D = sp.diag(eps * a, eps**2 * b)
    matrix = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), D], [D.T, sp.diag(M1, M2)]]))
    ex = seesaw_expansion(matrix, 2, {eps: 4})
    second = expand_in(light_root_2x2(0, eps**2 * b, M2), {eps: 1}, 12)
    assert sp.expand(ex.masses[1]) == terms_in_region(second, [eps], [(4,)], (4,))
    # relative eps^4 of the eps^4 mass: eps^8, not the eps^6 of the first state's scale
    assert sp.expand(ex.masses[1]).coeff(eps, 8) == b**4 / M2**3


def test_blocks_mode_refuses_to_drop_a_light_mass_beyond_the_order():
    # rank-1 Dirac block at first order: the second light mass starts at eps^4,
    # two orders beyond the leading eps^2 of every light-block entry
    D = sp.Matrix([[eps * a, eps * a], [eps * a, eps * a + eps**2 * b]])
    matrix = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), D], [D.T, sp.diag(M1, M2)]]))
    with pytest.raises(ValueError, match=r"starts beyond the requested order.*epsilon: 2"):
        seesaw_blocks(matrix, 2, {eps: 0})


def test_blocks_mode_refuses_a_full_rank_block_with_a_wrong_light_mass():
    # at order 1 the eps^3 cross terms give the light block full rank, but its
    # determinant (the product of the light masses) is -a^2 b^2 eps^6 / M_2^2
    # instead of the exact a^2 b^2 eps^6 / (M_1 M_2): the second mass is wrong
    D = sp.Matrix([[eps * a, eps * a], [eps * a, eps * a + eps**2 * b]])
    matrix = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), D], [D.T, sp.diag(M1, M2)]]))
    exact_det = sp.factor((D * sp.diag(M1, M2).inv() * D.T).det())
    assert exact_det == a**2 * b**2 * eps**6 / (M1 * M2)
    with pytest.raises(ValueError, match="2x2 minors"):
        seesaw_blocks(matrix, 2, {eps: 1})
    light = seesaw_blocks(matrix, 2, {eps: 2}).light_mass_matrix
    assert sp.expand(light.det()).coeff(eps, 6) == exact_det.coeff(eps, 6)


@pytest.mark.parametrize(
    ("small", "message"),
    [
        ({eps: -1}, "non-negative"),
        ({eps: 1.5}, "must be an integer"),
        ({sp.Symbol("z"): 1}, "must be a real symbol"),
        ({}, "no small parameter declared"),
    ],
)
def test_bad_orders_are_refused_before_any_work(small, message):
    with pytest.raises(ValueError, match=message):
        seesaw_expansion(sp.Matrix([[0, eps * m], [eps * m, M]]), 1, small)


def test_fractional_number_of_light_states_is_refused():
    with pytest.raises(ValueError, match="n_light must be an integer"):
        seesaw_expansion(sp.Matrix([[0, eps * m], [eps * m, M]]), 1.5, {eps: 1})


def test_dirac_entry_of_second_order_keeps_its_light_mass_at_order_one():
    ex = seesaw_expansion(sp.Matrix([[0, eps**2 * m], [eps**2 * m, M]]), 1, {eps: 1})
    expected = expand_in(light_root_2x2(0, eps**2 * m, M), {eps: 1}, 5)
    assert expected == -(eps**4) * m**2 / M
    assert sp.expand(ex.masses[0] - expected) == 0


def test_a_genuine_zero_mode_is_returned_as_zero():
    D = sp.Matrix([[eps * a], [0]])
    matrix = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), D], [D.T, sp.Matrix([[M]])]]))
    ex = seesaw_expansion(matrix, 2, {eps: 1})
    assert ex.masses[1] == 0 and sp.expand(ex.masses[0] + eps**2 * a**2 / M) == 0


def test_inverse_seesaw_scaled_mu_at_order_zero_gives_the_light_mass():
    """A small parameter that only occurs in M_R (delta of delta*u) still gets its margin."""
    eps, delta = sp.symbols("eps delta", positive=True)
    y, N, u = sp.symbols("y N u", complex=True)
    matrix = sp.Matrix([[0, eps * y, 0], [eps * y, 0, N], [0, N, delta * u]])
    dirac, heavy = matrix[:1, 1:], matrix[1:, 1:]
    schur = sp.cancel(-(dirac * heavy.inv() * dirac.T)[0, 0])
    ex = seesaw_expansion(matrix, 1, {eps: 0, delta: 0})
    assert sp.expand(ex.masses[0] - schur) == 0
    assert schur != 0


def test_linear_seesaw_order_zero_keeps_the_product_of_two_small_parameters():
    """The leading light mass -2 eps eta m n / M mixes two small parameters."""
    eta, n = sp.symbols("eta n", positive=True)
    matrix = sp.Matrix([[0, eps * m, eta * n], [eps * m, 0, M], [eta * n, M, 0]])
    dirac, heavy = matrix[:1, 1:], matrix[1:, 1:]
    schur = sp.expand(-(dirac * heavy.inv() * dirac.T)[0, 0])
    ex = seesaw_expansion(matrix, 1, {eps: 0, eta: 0})
    assert schur == -2 * eps * eta * m * n / M
    assert sp.expand(ex.masses[0] - schur) == 0
    # each parameter's margin is what the Dirac block needs (2), not more
    assert ex.margins[:2] == (2, 2)


def test_complex_inverse_seesaw_with_a_found_pair_keeps_mu_at_order_zero():
    """No declared group: the pseudo-Dirac pair is found, mu still gets its one margin."""
    y, N, u = sp.symbols("y N u", complex=True)
    matrix = sp.Matrix([[0, eps * y, 0], [eps * y, 0, N], [0, N, mu * u]])
    dirac, heavy = matrix[:1, 1:], matrix[1:, 1:]
    schur = sp.expand(-(dirac * heavy.inv() * dirac.T)[0, 0])
    ex = seesaw_expansion(matrix, 1, {eps: 0, mu: 0})
    assert [g.indices for g in ex.heavy.groups] == [(0, 1)]
    assert sp.expand(ex.masses[0] - schur) == 0 and schur != 0
    assert ex.margins[:2] == (2, 1)


def test_light_scales_with_a_total_order_is_refused():
    x = sp.Symbol("x", positive=True)
    with pytest.raises(NotImplementedError, match="light_scales with total="):
        seesaw_expansion(sp.Matrix([[0, eps * m], [eps * m, M]]), 1, {eps: 1, x: 1}, total=2,
                         light_scales={M: M1 / x})


@pytest.mark.parametrize("model", ["toy-2x2.toml", "type1plus2.toml", "inverse-seesaw-1gen.toml",
                                   "type1-3plus2.toml"])
def test_every_entry_of_u_is_known_to_the_order_it_is_reported_at(model):
    from pathlib import Path

    from symseesaw.modelfile import derive_model, load_model

    models = Path(__file__).resolve().parents[2] / "docs" / "models"
    ex = derive_model(load_model(models / model)).expansion
    for row in ex.U_series.rows:
        for x in row:
            assert all(p >= b for p, b in zip(x.prec, ex.mixing_bounds, strict=True))
