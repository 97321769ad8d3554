"""Inverse seesaw: light masses and pseudo-Dirac splittings against exact mpmath values.

The matrix is ``[[0, eps y, 0], [eps y^T, 0, M_N], [0, M_N^T, delta mu]]`` with
complex couplings. The exact masses are the square roots of the eigenvalues of
``M^dagger M`` (mpmath, 50 digits), computed here without the engine. Errors
are measured at ``eps = delta = t`` and ``t/2``: the slope must reach what the
truncation predicts, and planted wrong results must fail the same check.
"""

import mpmath
import pytest
import sympy as sp

from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra
from symseesaw.api import seesaw_expansion
from symseesaw.linalg.blockdiag import block_diagonalize
from symseesaw.linalg.perturb import diagonalize_block

eps, delta = sp.symbols("eps delta", positive=True)
T0 = sp.Rational(1, 100)
DPS = 50


def exact_masses(M, point):
    A = mpmath.matrix([[mpmath.mpmathify(sp.N(x.subs(point), DPS + 10)) for x in row]
                       for row in M.tolist()])
    return sorted(mpmath.sqrt(abs(x)) for x in mpmath.eigh(A.H * A)[0])


def numeric(expr, point):
    return mpmath.mpmathify(sp.N(sp.sympify(expr).subs(point), DPS + 10))


def slope(err_t, err_half):
    return float(mpmath.log(err_t / err_half, 2))


# -- one generation, full expansion through the public API ---------------------------------------
mD, MN, mu = sp.symbols("m_D M_N mu", complex=True)
ONE_GEN = sp.Matrix([[0, eps * mD, 0], [eps * mD, 0, MN], [0, MN, delta * mu]])
ONE_GEN_POINT = {mD: sp.Rational(3, 2) + sp.I / 3, MN: 2 - sp.I, mu: sp.Rational(1, 2) + sp.I}


@pytest.fixture(scope="module")
def one_generation():
    return seesaw_expansion(ONE_GEN, 1, {eps: 2, delta: 1})


def one_gen_errors(masses, t):
    """Relative errors of the light mass, of each heavy mass and of the splitting."""
    point = {**ONE_GEN_POINT, eps: t, delta: t}
    exact = exact_masses(ONE_GEN, point)
    approx = sorted(abs(numeric(m, point)) for m in masses)
    errors = [abs(a - b) / b for a, b in zip(approx, exact)]
    split = exact[2] - exact[1]
    errors.append(abs((approx[2] - approx[1]) - split) / split)
    return errors


def test_one_generation_pair_is_found_without_a_heavy_basis(one_generation):
    (group,) = one_generation.heavy.groups
    assert group.indices == (0, 1) and not group.exactly_degenerate
    assert "absolute values" in group.reason


def test_one_generation_light_mass_and_splitting_fall_with_the_predicted_slope(one_generation):
    with mpmath.workdps(DPS):
        before = one_gen_errors(one_generation.masses, T0)
        after = one_gen_errors(one_generation.masses, T0 / 2)
    # kept: relative eps^2 and delta^1; first neglected relative terms delta^2 ~ t^2
    # kept: eps^3 absolute (light block to relative eps^1, heavy corrections eps^2) and
    # delta^1; first neglected relative terms eps^2 and delta^2 ~ t^2
    for e1, e2 in zip(before, after):
        assert slope(e1, e2) > 1.7


def test_planted_wrong_light_mass_fails_the_slope_check(one_generation):
    wrong = list(one_generation.masses)
    wrong[0] = wrong[0] * (1 + delta)  # wrong at relative order delta^1 (kept order)
    with mpmath.workdps(DPS):
        e1 = one_gen_errors(wrong, T0)[0]
        e2 = one_gen_errors(wrong, T0 / 2)[0]
    assert slope(e1, e2) < 1.3


def test_diagonal_entries_as_heavy_masses_fail_the_splitting_check(one_generation):
    # the pre-group answer: |diagonal entries| of the exact heavy block as masses
    heavy = one_generation.heavy.diagonal
    wrong = [one_generation.masses[0]] + [heavy[i, i].to_sympy() for i in range(2)]
    with mpmath.workdps(DPS):
        e1 = one_gen_errors(wrong, T0)[-1]
        e2 = one_gen_errors(wrong, T0 / 2)[-1]
    assert e1 > mpmath.mpf("0.5") or slope(e1, e2) < 1.3


def test_real_one_generation_heavy_pair_is_expanded_with_signed_masses():
    m, M = sp.symbols("m M", positive=True)
    u = sp.Symbol("u", positive=True)
    H = sp.Matrix([[0, eps * m, 0], [eps * m, 0, M], [0, M, delta * u]])
    r = seesaw_expansion(H, 1, {eps: 2, delta: 1})
    assert r.heavy.groups == []
    # light mass delta u eps^2 m^2/M^2 (leading inverse-seesaw formula, by hand)
    assert sp.expand(r.masses[0].subs(eps, 0) - 0) == 0
    leading = sp.expand(r.masses[0]).coeff(eps, 2).coeff(delta, 1)
    assert sp.simplify(leading - u * m**2 / M**2) == 0
    # heavy masses +-M + delta u/2 (splitting delta u), signed
    heavy = sorted(r.masses[1:], key=lambda x: sp.sign(x.subs({eps: 0, delta: 0, M: 1})))
    assert sp.expand((heavy[1] - heavy[0]).subs(eps, 0) - 2 * M) == 0
    assert sp.expand((heavy[1] + heavy[0]).subs(eps, 0) - delta * u) == 0


# -- two generations, general complex M_N, through the linear-algebra layer ----------------------
def two_generation_matrix():
    n = 2
    y = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"y{i + 1}{j + 1}", complex=True))
    N = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"N{i + 1}{j + 1}", complex=True))
    u = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"u{min(i, j) + 1}{max(i, j) + 1}", complex=True))
    Z = sp.zeros(n)
    M = sp.Matrix(sp.BlockMatrix([[Z, eps * y, Z], [eps * y.T, Z, N], [Z, N.T, delta * u]]))
    values = {y[0, 0]: sp.Rational(1, 2) + sp.I, y[0, 1]: sp.Rational(1, 3),
              y[1, 0]: -sp.I / 4, y[1, 1]: 1 - sp.I / 2,
              N[0, 0]: 2 + sp.I, N[0, 1]: sp.Rational(1, 2) - sp.I, N[1, 0]: sp.I / 3,
              N[1, 1]: 3 - sp.I, u[0, 0]: sp.Rational(1, 2), u[0, 1]: sp.I / 5,
              u[1, 1]: sp.Rational(2, 3) + sp.I / 2}
    return M, values


@pytest.fixture(scope="module")
def two_generations():
    M, values = two_generation_matrix()
    alg = Algebra({eps: 2, delta: 1})
    alg.set_truncation({eps: 3, delta: 1}, None)
    bd = block_diagonalize(SeriesMatrix.from_sympy(alg, M), 2)
    heavy = diagonalize_block(bd.heavy, block_name="heavy")
    light = diagonalize_block(bd.light, unresolved="group", block_name="light")
    return M, values, bd, heavy, light


def test_two_generation_heavy_block_is_one_pseudo_dirac_group(two_generations):
    _, _, _, heavy, _ = two_generations
    (group,) = heavy.groups
    assert group.indices == (0, 1, 2, 3)
    assert group.reason.startswith("pseudo-Dirac pairs")
    assert "not polynomial" in group.note


def block_masses(block, point):
    """Singular values of a symbolic block at ``point`` (lambdified: subs is slow)."""
    symbols = sorted(block.free_symbols, key=str)
    fn = sp.lambdify(symbols, block, "mpmath")
    A = mpmath.matrix(fn(*[mpmath.mpmathify(sp.N(point[s], DPS + 10)) for s in symbols]).tolist())
    return sorted(mpmath.sqrt(abs(x)) for x in mpmath.eigh(A.H * A)[0])


def two_gen_errors(two_generations, t, plant=None):
    M, values, bd, heavy, light = two_generations
    point = {**values, eps: t, delta: t}
    exact = exact_masses(M, point)
    approx_light = block_masses(light.groups[0].block(), point)
    heavy_block = heavy.groups[0].block()
    if plant is not None:
        heavy_block = plant(heavy_block)
    approx_heavy = block_masses(heavy_block, point)
    errors = [abs(a - b) / b for a, b in zip(approx_light, exact[:2])]
    for k in (0, 2):
        split = exact[2 + k + 1] - exact[2 + k]
        approx_split = approx_heavy[k + 1] - approx_heavy[k]
        errors.append(abs(approx_split - split) / split)
    return errors


def test_two_generation_light_masses_and_splittings_fall_with_the_predicted_slope(
        two_generations):
    with mpmath.workdps(DPS):
        before = two_gen_errors(two_generations, T0)
        after = two_gen_errors(two_generations, T0 / 2)
    # kept: eps^3 absolute (light block to relative eps^1, heavy corrections eps^2) and
    # delta^1; first neglected relative terms eps^2 and delta^2 ~ t^2
    for e1, e2 in zip(before, after):
        assert slope(e1, e2) > 1.7


def test_two_generation_planted_wrong_mu_coefficient_fails_the_splitting_check(two_generations):
    # the delta mu part of the heavy block off by a factor (1 + delta): splittings wrong at
    # relative order delta (kept), so their errors fall like t only
    def planted(block):
        return block + delta**2 * block.applyfunc(lambda x: sp.expand(x).coeff(delta, 1))
    with mpmath.workdps(DPS):
        before = two_gen_errors(two_generations, T0, planted)[2:]
        after = two_gen_errors(two_generations, T0 / 2, planted)[2:]
    assert min(slope(e1, e2) for e1, e2 in zip(before, after)) < 1.3
