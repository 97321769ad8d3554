"""The seesaw block diagonalization: the formulas of the literature, its defining properties,
and random numeric textures against exact Takagi values."""

import mpmath
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from testkit.strategies import cayley_unitaries

from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra
from symseesaw.linalg.blockdiag import block_diagonalize
from symseesaw.numerics import takagi, to_mp

k1, k2, rho2, rho3, chi, M2, M3 = sp.symbols("k1 k2 rho2 rho3 chi M2 M3", real=True)
t = sp.Symbol("t", real=True)


def bench_matrix():
    D = sp.Matrix([[k1 * (1 - rho2), k2 * (rho3 - chi)], [k1 * (1 + rho2), -k2], [k1, k2]])
    return sp.BlockMatrix([[sp.zeros(3), D], [D.T, sp.diag(M2, M3)]]).as_explicit()


def seesaw(ML, D, R):
    return sp.BlockMatrix([[ML, D], [D.T, R]]).as_explicit()


# -- the blocks are the seesaw formulas of the literature -------------------------------
def leading_mixing(D, R):
    """``B = D^* (R^*)^-1``: the active-heavy mixing to first order in ``D``."""
    return D.conjugate() * R.conjugate().inv()


def light_block_to_fourth_order(D, R):
    """``m0 - (B^* B^T m0 + m0 B B^dagger) / 2`` with ``m0 = -D R^-1 D^T``.

    The next-to-leading-order seesaw formula (see e.g. Hettmansperger, Lindner
    and Rodejohann, arXiv:1102.3432): the leading light mass ``m0`` renormalized
    by the non-unitary light part ``1 - B B^dagger / 2`` of ``W``.
    """
    m0 = -D * R.inv() * D.T
    B = leading_mixing(D, R)
    return m0 - (B.conjugate() * B.T * m0 + m0 * B * B.H) / 2


def assert_series_equal(series_matrix, expected):
    assert sp.expand(series_matrix.to_sympy() - expected) == sp.zeros(*expected.shape)


def test_blocks_and_mixing_of_the_benchmark_at_second_order():
    M = bench_matrix()
    D, R = M[:3, 3:], M[3:, 3:]
    bd = block_diagonalize(SeriesMatrix.from_sympy(Algebra({k1: 2, k2: 2}, total=2), M), 3)
    assert_series_equal(bd.light, -D * R.inv() * D.T)
    assert_series_equal(bd.heavy, R + (R.inv() * D.T * D + D.T * D * R.inv()) / 2)
    assert_series_equal(bd.B, leading_mixing(D, R))


@pytest.fixture(scope="module")
def benchmark_order4():
    """The benchmark's ``D``, ``R`` and its block diagonalization at total order 4."""
    M = bench_matrix()
    bd = block_diagonalize(SeriesMatrix.from_sympy(Algebra({k1: 4, k2: 4}, total=4), M), 3)
    return M[:3, 3:], M[3:, 3:], bd


def test_light_block_of_the_benchmark_at_fourth_order(benchmark_order4):
    D, R, bd = benchmark_order4
    assert_series_equal(bd.light, light_block_to_fourth_order(D, R))
    assert all(x.prec == (4, 4, 4) for row in bd.light.rows for x in row)


def test_a_wrong_fourth_order_coefficient_is_told_apart(benchmark_order4):
    D, R, bd = benchmark_order4
    m0 = -D * R.inv() * D.T
    B = leading_mixing(D, R)
    wrong = m0 - (B.conjugate() * B.T * m0 + m0 * B * B.H)  # 1 instead of 1/2
    assert sp.expand(bd.light.to_sympy() - wrong) != sp.zeros(3, 3)


def test_light_block_of_a_complex_texture_at_fourth_order():
    x = sp.Symbol("x")
    m2, m3 = sp.symbols("M2 M3", positive=True)
    D = t * sp.Matrix([[x, 1], [1, sp.I], [2, sp.Rational(1, 3) + sp.I * sp.Rational(2, 5)]])
    R = sp.diag(m2, m3)
    bd = block_diagonalize(SeriesMatrix.from_sympy(Algebra({t: 4}), seesaw(sp.zeros(3), D, R)), 3)
    assert_series_equal(bd.light, light_block_to_fourth_order(D, R))


# -- specification ---------------------------------------------------------------------
def _symbolic_texture(nh, seed):
    rng = __import__("random").Random(seed)
    d = sp.Matrix(3, nh, lambda i, j: rng.choice([sp.Symbol(f"d{i}{j}", real=True),
                                                  sp.Rational(rng.randint(-3, 3), rng.randint(1, 3))]))
    masses = sp.symbols(f"R1:{nh + 1}", positive=True)
    R = sp.diag(*masses)
    R[0, 1] = R[1, 0] = sp.Rational(rng.randint(1, 3), 7)
    return t * d, R


@pytest.mark.parametrize("nh,seed", [(2, 1), (2, 2), (3, 3), (3, 4)])
def test_light_block_is_seesaw_formula_at_second_order(nh, seed):
    D, R = _symbolic_texture(nh, seed)
    alg = Algebra({t: 2})
    M = SeriesMatrix.from_sympy(alg, seesaw(sp.zeros(3), D, R))
    bd = block_diagonalize(M, 3)
    expected = SeriesMatrix.from_sympy(alg, -D * R.inv() * D.T)
    assert (bd.light - expected).is_zero()
    n = 3 + nh
    W = bd.W
    assert (W.H @ W - SeriesMatrix.identity(alg, n)).is_zero()
    congruent = W.T @ M @ W
    assert congruent.sub(0, 3, 3, n).is_zero()
    assert congruent.sub(3, n, 0, 3).is_zero()


def test_light_block_is_the_fourth_order_formula_for_a_non_diagonal_heavy_block():
    D, R = _symbolic_texture(3, 3)
    alg = Algebra({t: 4})
    bd = block_diagonalize(SeriesMatrix.from_sympy(alg, seesaw(sp.zeros(3), D, R)), 3)
    assert (bd.light - SeriesMatrix.from_sympy(alg, light_block_to_fourth_order(D, R))).is_zero()


def test_errors():
    alg = Algebra({t: 2})
    a = sp.Symbol("a", real=True)
    with pytest.raises(ValueError, match="symmetric"):
        block_diagonalize(SeriesMatrix.from_sympy(alg, sp.Matrix([[0, t, 0], [2 * t, 1, 0], [0, 0, 1]])), 1)
    with pytest.raises(ValueError, match="square"):
        block_diagonalize(SeriesMatrix.from_sympy(alg, sp.Matrix([[0, t, 1], [t, 1, 0]])), 1)
    with pytest.raises(ValueError, match="singular"):
        block_diagonalize(SeriesMatrix.from_sympy(alg, seesaw(sp.zeros(1), sp.Matrix([[t, t]]),
                                                              sp.Matrix([[a, a], [a, a]]))), 1)
    with pytest.raises(ValueError, match="small"):
        block_diagonalize(SeriesMatrix.from_sympy(alg, sp.Matrix([[0, a], [a, 1]])), 1)
    with pytest.raises(ValueError, match="n_light"):
        block_diagonalize(SeriesMatrix.from_sympy(alg, sp.Matrix([[0, t], [t, 1]])), 2)


# -- property-based: numeric textures with a known leading basis ------------------------
@st.composite
def textures(draw, complex_entries):
    """``(M, V0, nh)``: a 3+nh seesaw whose light block has leading basis ``V0``."""
    nh = draw(st.sampled_from([2, 3]))
    small = st.integers(-2, 2)
    V0 = draw(cayley_unitaries(3, complex_entries))
    heavy = [sp.Integer(m) for m in draw(st.lists(st.integers(2, 9), min_size=nh, max_size=nh, unique=True))]
    coup = [sp.Integer(c) for c in draw(st.lists(st.integers(1, 3), min_size=nh, max_size=nh))]
    lead = [c**2 / m for c, m in zip(coup, heavy)]
    assume(len(set(lead)) == nh)
    D = V0[:, :nh] * sp.diag(*coup)
    S = sp.Matrix(3, 3, lambda i, j: 0)
    for i in range(3):
        for j in range(i, 3):
            S[i, j] = S[j, i] = sp.Rational(draw(small), 3)
    if complex_entries:
        S[0, 1] = S[1, 0] = S[0, 1] + sp.I * sp.Rational(draw(small), 4)
    M = seesaw(t**3 * S, t * D, sp.diag(*heavy))
    return M, V0, nh


def numeric(expr_matrix, tval):
    return mpmath.matrix([[to_mp(x.subs(t, tval)) for x in row]
                          for row in expr_matrix.tolist()])


def light_mass_error(M, light, tval, nlight=3):
    exact = sorted(abs(x) for x in takagi(numeric(M, tval), real=False, dps=60)[1])[:nlight]
    approx = sorted(abs(x) for x in takagi(numeric(light, tval), real=False, dps=60)[1])
    return max(abs(a - b) for a, b in zip(exact, approx))


@pytest.mark.parametrize("complex_entries", [False, True])
@settings(max_examples=6, deadline=None)
@given(data=st.data())
def test_property_blockdiag_order6(complex_entries, data):
    M, V0, nh = data.draw(textures(complex_entries))
    alg = Algebra({t: 6})
    bd = block_diagonalize(SeriesMatrix.from_sympy(alg, M), 3)
    light = bd.light.to_sympy()
    # t small enough to be in the asymptotic regime even for couplings ~3/M ~ 1.5
    # (at t = 1/100 the t**8 term can still compete with the t**7 one)
    t1 = sp.Rational(1, 1000)
    with mpmath.workdps(80):
        e1 = light_mass_error(M, light, t1)
        e2 = light_mass_error(M, light, t1 / 8)
        e3 = light_mass_error(M, light, t1 / 64)
    # light block exact through t**6: mass errors are O(t**7). A t**8 term of the
    # other sign can cancel the t**7 one near one scan point, so the slope is
    # measured on either pair: an O(t**6) error (ratio 8**6) fails both.
    assert e1 < 1000 * t1**7
    floor = mpmath.mpf(10) ** -70
    assert e3 < floor or e2 / e3 > 8**6.5 or (e2 > floor and e1 / e2 > 8**6.5)
