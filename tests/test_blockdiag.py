"""Tests of the seesaw block diagonalization (spec, regression, property-based)."""

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
NAMES = {s.name: s for s in (k1, k2, rho2, rho3, chi, M2, M3, t)}


def bench_matrix():
    D = sp.Matrix([[k1 * (1 - rho2), k2 * (rho3 - chi)], [k1 * (1 + rho2), -k2], [k1, k2]])
    return sp.BlockMatrix([[sp.zeros(3), D], [D.T, sp.diag(M2, M3)]]).as_explicit()


def equal_values(matrix, recorded_srepr: str) -> bool:
    """Mathematical equality with a recorded matrix (not equality of printed forms)."""
    return sp.expand(sp.Matrix(matrix) - sp.sympify(recorded_srepr)).is_zero_matrix


def seesaw(ML, D, R):
    return sp.BlockMatrix([[ML, D], [D.T, R]]).as_explicit()


# -- regression against the pre-optimization engine ------------------------------
def test_regression_order2():
    alg = Algebra({k1: 2, k2: 2}, total=2)
    bd = block_diagonalize(SeriesMatrix.from_sympy(alg, bench_matrix()), 3)
    assert equal_values(bd.light.to_sympy(), A2_LIGHT_SREPR)
    assert equal_values(bd.heavy.to_sympy(), A2_HEAVY_SREPR)
    assert equal_values(bd.B.to_sympy(), A2_B_SREPR)


def test_regression_order4():
    alg = Algebra({k1: 4, k2: 4}, total=4)
    bd = block_diagonalize(SeriesMatrix.from_sympy(alg, bench_matrix()), 3)
    ref = sp.sympify(A4_LIGHT_STR, locals=NAMES)
    assert sp.expand(bd.light.to_sympy() - ref) == sp.zeros(3, 3)
    assert all(x.prec == (4, 4, 4) for row in bd.light.rows for x in row)


def test_regression_complex():
    x = sp.Symbol("x")
    m2, m3 = sp.symbols("M2 M3", positive=True)
    D = t * sp.Matrix([[x, 1], [1, sp.I], [2, sp.Rational(1, 3) + sp.I * sp.Rational(2, 5)]])
    alg = Algebra({t: 4})
    bd = block_diagonalize(SeriesMatrix.from_sympy(alg, seesaw(sp.zeros(3), D, sp.diag(m2, m3))), 3)
    ref = sp.sympify(COMPLEX_LIGHT_STR, locals={"t": t, "x": x, "M2": m2, "M3": m3})
    assert sp.expand(bd.light.to_sympy() - ref) == sp.zeros(3, 3)


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


A2_LIGHT_SREPR = "MutableDenseMatrix([[Add(Mul(Integer(-1), Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('chi', real=True), Integer(2)), Pow(Symbol('k2', real=True), Integer(2))), Mul(Integer(2), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('chi', real=True), Pow(Symbol('k2', real=True), Integer(2)), Symbol('rho3', real=True)), Mul(Integer(-1), Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('k2', real=True), Integer(2)), Pow(Symbol('rho3', real=True), Integer(2))), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)), Pow(Symbol('rho2', real=True), Integer(2))), Mul(Integer(2), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)), Symbol('rho2', real=True)), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)))), Add(Mul(Integer(-1), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('chi', real=True), Pow(Symbol('k2', real=True), Integer(2))), Mul(Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('k2', real=True), Integer(2)), Symbol('rho3', real=True)), Mul(Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)), Pow(Symbol('rho2', real=True), Integer(2))), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)))), Add(Mul(Pow(Symbol('M3', real=True), Integer(-1)), Symbol('chi', real=True), Pow(Symbol('k2', real=True), Integer(2))), Mul(Integer(-1), Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('k2', real=True), Integer(2)), Symbol('rho3', real=True)), Mul(Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)), Symbol('rho2', real=True)), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2))))], [Add(Mul(Integer(-1), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('chi', real=True), Pow(Symbol('k2', real=True), Integer(2))), Mul(Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('k2', real=True), Integer(2)), Symbol('rho3', real=True)), Mul(Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)), Pow(Symbol('rho2', real=True), Integer(2))), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)))), Add(Mul(Integer(-1), Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('k2', real=True), Integer(2))), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)), Pow(Symbol('rho2', real=True), Integer(2))), Mul(Integer(-1), Integer(2), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)), Symbol('rho2', real=True)), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)))), Add(Mul(Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('k2', real=True), Integer(2))), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)), Symbol('rho2', real=True)), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2))))], [Add(Mul(Pow(Symbol('M3', real=True), Integer(-1)), Symbol('chi', real=True), Pow(Symbol('k2', real=True), Integer(2))), Mul(Integer(-1), Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('k2', real=True), Integer(2)), Symbol('rho3', real=True)), Mul(Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)), Symbol('rho2', real=True)), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)))), Add(Mul(Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('k2', real=True), Integer(2))), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)), Symbol('rho2', real=True)), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)))), Add(Mul(Integer(-1), Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('k2', real=True), Integer(2))), Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2))))]])"
A2_HEAVY_SREPR = "MutableDenseMatrix([[Add(Symbol('M2', real=True), Mul(Integer(2), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)), Pow(Symbol('rho2', real=True), Integer(2))), Mul(Integer(3), Pow(Symbol('M2', real=True), Integer(-1)), Pow(Symbol('k1', real=True), Integer(2)))), Add(Mul(Rational(1, 2), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('chi', real=True), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho2', real=True)), Mul(Integer(-1), Rational(1, 2), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('chi', real=True), Symbol('k1', real=True), Symbol('k2', real=True)), Mul(Integer(-1), Rational(1, 2), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho2', real=True), Symbol('rho3', real=True)), Mul(Integer(-1), Rational(1, 2), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho2', real=True)), Mul(Rational(1, 2), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho3', real=True)), Mul(Rational(1, 2), Pow(Symbol('M2', real=True), Integer(-1)), Symbol('chi', real=True), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho2', real=True)), Mul(Integer(-1), Rational(1, 2), Pow(Symbol('M2', real=True), Integer(-1)), Symbol('chi', real=True), Symbol('k1', real=True), Symbol('k2', real=True)), Mul(Integer(-1), Rational(1, 2), Pow(Symbol('M2', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho2', real=True), Symbol('rho3', real=True)), Mul(Integer(-1), Rational(1, 2), Pow(Symbol('M2', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho2', real=True)), Mul(Rational(1, 2), Pow(Symbol('M2', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho3', real=True)))], [Add(Mul(Rational(1, 2), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('chi', real=True), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho2', real=True)), Mul(Integer(-1), Rational(1, 2), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('chi', real=True), Symbol('k1', real=True), Symbol('k2', real=True)), Mul(Integer(-1), Rational(1, 2), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho2', real=True), Symbol('rho3', real=True)), Mul(Integer(-1), Rational(1, 2), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho2', real=True)), Mul(Rational(1, 2), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho3', real=True)), Mul(Rational(1, 2), Pow(Symbol('M2', real=True), Integer(-1)), Symbol('chi', real=True), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho2', real=True)), Mul(Integer(-1), Rational(1, 2), Pow(Symbol('M2', real=True), Integer(-1)), Symbol('chi', real=True), Symbol('k1', real=True), Symbol('k2', real=True)), Mul(Integer(-1), Rational(1, 2), Pow(Symbol('M2', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho2', real=True), Symbol('rho3', real=True)), Mul(Integer(-1), Rational(1, 2), Pow(Symbol('M2', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho2', real=True)), Mul(Rational(1, 2), Pow(Symbol('M2', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('k2', real=True), Symbol('rho3', real=True))), Add(Symbol('M3', real=True), Mul(Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('chi', real=True), Integer(2)), Pow(Symbol('k2', real=True), Integer(2))), Mul(Integer(-1), Integer(2), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('chi', real=True), Pow(Symbol('k2', real=True), Integer(2)), Symbol('rho3', real=True)), Mul(Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('k2', real=True), Integer(2)), Pow(Symbol('rho3', real=True), Integer(2))), Mul(Integer(2), Pow(Symbol('M3', real=True), Integer(-1)), Pow(Symbol('k2', real=True), Integer(2))))]])"
A2_B_SREPR = "MutableDenseMatrix([[Add(Mul(Integer(-1), Pow(Symbol('M2', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('rho2', real=True)), Mul(Pow(Symbol('M2', real=True), Integer(-1)), Symbol('k1', real=True))), Add(Mul(Integer(-1), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('chi', real=True), Symbol('k2', real=True)), Mul(Pow(Symbol('M3', real=True), Integer(-1)), Symbol('k2', real=True), Symbol('rho3', real=True)))], [Add(Mul(Pow(Symbol('M2', real=True), Integer(-1)), Symbol('k1', real=True), Symbol('rho2', real=True)), Mul(Pow(Symbol('M2', real=True), Integer(-1)), Symbol('k1', real=True))), Mul(Integer(-1), Pow(Symbol('M3', real=True), Integer(-1)), Symbol('k2', real=True))], [Mul(Pow(Symbol('M2', real=True), Integer(-1)), Symbol('k1', real=True)), Mul(Pow(Symbol('M3', real=True), Integer(-1)), Symbol('k2', real=True))]])"
A4_LIGHT_STR = 'Matrix([[-chi**2*k2**2/M3 + 2*chi*k2**2*rho3/M3 - k2**2*rho3**2/M3 + chi**4*k2**4/M3**3 - 4*chi**3*k2**4*rho3/M3**3 + 6*chi**2*k2**4*rho3**2/M3**3 + 2*chi**2*k2**4/M3**3 - 4*chi*k2**4*rho3**3/M3**3 - 4*chi*k2**4*rho3/M3**3 + k2**4*rho3**4/M3**3 + 2*k2**4*rho3**2/M3**3 - k1**2*rho2**2/M2 + 2*k1**2*rho2/M2 - k1**2/M2 + chi**2*k1**2*k2**2*rho2**2/(M2*M3**2) - 2*chi**2*k1**2*k2**2*rho2/(M2*M3**2) + chi**2*k1**2*k2**2/(M2*M3**2) - 2*chi*k1**2*k2**2*rho2**2*rho3/(M2*M3**2) - chi*k1**2*k2**2*rho2**2/(M2*M3**2) + 4*chi*k1**2*k2**2*rho2*rho3/(M2*M3**2) + chi*k1**2*k2**2*rho2/(M2*M3**2) - 2*chi*k1**2*k2**2*rho3/(M2*M3**2) + k1**2*k2**2*rho2**2*rho3**2/(M2*M3**2) + k1**2*k2**2*rho2**2*rho3/(M2*M3**2) - 2*k1**2*k2**2*rho2*rho3**2/(M2*M3**2) - k1**2*k2**2*rho2*rho3/(M2*M3**2) + k1**2*k2**2*rho3**2/(M2*M3**2) + chi**2*k1**2*k2**2*rho2**2/(M2**2*M3) - 2*chi**2*k1**2*k2**2*rho2/(M2**2*M3) + chi**2*k1**2*k2**2/(M2**2*M3) - 2*chi*k1**2*k2**2*rho2**2*rho3/(M2**2*M3) - chi*k1**2*k2**2*rho2**2/(M2**2*M3) + 4*chi*k1**2*k2**2*rho2*rho3/(M2**2*M3) + chi*k1**2*k2**2*rho2/(M2**2*M3) - 2*chi*k1**2*k2**2*rho3/(M2**2*M3) + k1**2*k2**2*rho2**2*rho3**2/(M2**2*M3) + k1**2*k2**2*rho2**2*rho3/(M2**2*M3) - 2*k1**2*k2**2*rho2*rho3**2/(M2**2*M3) - k1**2*k2**2*rho2*rho3/(M2**2*M3) + k1**2*k2**2*rho3**2/(M2**2*M3) + 2*k1**4*rho2**4/M2**3 - 4*k1**4*rho2**3/M2**3 + 5*k1**4*rho2**2/M2**3 - 6*k1**4*rho2/M2**3 + 3*k1**4/M2**3, -chi*k2**2/M3 + k2**2*rho3/M3 + chi**3*k2**4/M3**3 - 3*chi**2*k2**4*rho3/M3**3 + 3*chi*k2**4*rho3**2/M3**3 + 2*chi*k2**4/M3**3 - k2**4*rho3**3/M3**3 - 2*k2**4*rho3/M3**3 + k1**2*rho2**2/M2 - k1**2/M2 - chi**2*k1**2*k2**2*rho2**2/(2*M2*M3**2) + chi**2*k1**2*k2**2/(2*M2*M3**2) + chi*k1**2*k2**2*rho2**2*rho3/(M2*M3**2) + chi*k1**2*k2**2*rho2**2/(M2*M3**2) - chi*k1**2*k2**2*rho2/(2*M2*M3**2) - chi*k1**2*k2**2*rho3/(M2*M3**2) + chi*k1**2*k2**2/(2*M2*M3**2) - k1**2*k2**2*rho2**2*rho3**2/(2*M2*M3**2) - k1**2*k2**2*rho2**2*rho3/(M2*M3**2) - k1**2*k2**2*rho2**2/(2*M2*M3**2) + k1**2*k2**2*rho2*rho3/(2*M2*M3**2) + k1**2*k2**2*rho2/(2*M2*M3**2) + k1**2*k2**2*rho3**2/(2*M2*M3**2) - k1**2*k2**2*rho3/(2*M2*M3**2) - chi**2*k1**2*k2**2*rho2**2/(2*M2**2*M3) + chi**2*k1**2*k2**2/(2*M2**2*M3) + chi*k1**2*k2**2*rho2**2*rho3/(M2**2*M3) + chi*k1**2*k2**2*rho2**2/(M2**2*M3) - chi*k1**2*k2**2*rho2/(2*M2**2*M3) - chi*k1**2*k2**2*rho3/(M2**2*M3) + chi*k1**2*k2**2/(2*M2**2*M3) - k1**2*k2**2*rho2**2*rho3**2/(2*M2**2*M3) - k1**2*k2**2*rho2**2*rho3/(M2**2*M3) - k1**2*k2**2*rho2**2/(2*M2**2*M3) + k1**2*k2**2*rho2*rho3/(2*M2**2*M3) + k1**2*k2**2*rho2/(2*M2**2*M3) + k1**2*k2**2*rho3**2/(2*M2**2*M3) - k1**2*k2**2*rho3/(2*M2**2*M3) - 2*k1**4*rho2**4/M2**3 - k1**4*rho2**2/M2**3 + 3*k1**4/M2**3, chi*k2**2/M3 - k2**2*rho3/M3 - chi**3*k2**4/M3**3 + 3*chi**2*k2**4*rho3/M3**3 - 3*chi*k2**4*rho3**2/M3**3 - 2*chi*k2**4/M3**3 + k2**4*rho3**3/M3**3 + 2*k2**4*rho3/M3**3 + k1**2*rho2/M2 - k1**2/M2 - chi**2*k1**2*k2**2*rho2/(2*M2*M3**2) + chi**2*k1**2*k2**2/(2*M2*M3**2) - chi*k1**2*k2**2*rho2**2/(2*M2*M3**2) + chi*k1**2*k2**2*rho2*rho3/(M2*M3**2) + 3*chi*k1**2*k2**2*rho2/(2*M2*M3**2) - chi*k1**2*k2**2*rho3/(M2*M3**2) - chi*k1**2*k2**2/(2*M2*M3**2) + k1**2*k2**2*rho2**2*rho3/(2*M2*M3**2) + k1**2*k2**2*rho2**2/(2*M2*M3**2) - k1**2*k2**2*rho2*rho3**2/(2*M2*M3**2) - 3*k1**2*k2**2*rho2*rho3/(2*M2*M3**2) - k1**2*k2**2*rho2/(2*M2*M3**2) + k1**2*k2**2*rho3**2/(2*M2*M3**2) + k1**2*k2**2*rho3/(2*M2*M3**2) - chi**2*k1**2*k2**2*rho2/(2*M2**2*M3) + chi**2*k1**2*k2**2/(2*M2**2*M3) - chi*k1**2*k2**2*rho2**2/(2*M2**2*M3) + chi*k1**2*k2**2*rho2*rho3/(M2**2*M3) + 3*chi*k1**2*k2**2*rho2/(2*M2**2*M3) - chi*k1**2*k2**2*rho3/(M2**2*M3) - chi*k1**2*k2**2/(2*M2**2*M3) + k1**2*k2**2*rho2**2*rho3/(2*M2**2*M3) + k1**2*k2**2*rho2**2/(2*M2**2*M3) - k1**2*k2**2*rho2*rho3**2/(2*M2**2*M3) - 3*k1**2*k2**2*rho2*rho3/(2*M2**2*M3) - k1**2*k2**2*rho2/(2*M2**2*M3) + k1**2*k2**2*rho3**2/(2*M2**2*M3) + k1**2*k2**2*rho3/(2*M2**2*M3) - 2*k1**4*rho2**3/M2**3 + 2*k1**4*rho2**2/M2**3 - 3*k1**4*rho2/M2**3 + 3*k1**4/M2**3], [-chi*k2**2/M3 + k2**2*rho3/M3 + chi**3*k2**4/M3**3 - 3*chi**2*k2**4*rho3/M3**3 + 3*chi*k2**4*rho3**2/M3**3 + 2*chi*k2**4/M3**3 - k2**4*rho3**3/M3**3 - 2*k2**4*rho3/M3**3 + k1**2*rho2**2/M2 - k1**2/M2 - chi**2*k1**2*k2**2*rho2**2/(2*M2*M3**2) + chi**2*k1**2*k2**2/(2*M2*M3**2) + chi*k1**2*k2**2*rho2**2*rho3/(M2*M3**2) + chi*k1**2*k2**2*rho2**2/(M2*M3**2) - chi*k1**2*k2**2*rho2/(2*M2*M3**2) - chi*k1**2*k2**2*rho3/(M2*M3**2) + chi*k1**2*k2**2/(2*M2*M3**2) - k1**2*k2**2*rho2**2*rho3**2/(2*M2*M3**2) - k1**2*k2**2*rho2**2*rho3/(M2*M3**2) - k1**2*k2**2*rho2**2/(2*M2*M3**2) + k1**2*k2**2*rho2*rho3/(2*M2*M3**2) + k1**2*k2**2*rho2/(2*M2*M3**2) + k1**2*k2**2*rho3**2/(2*M2*M3**2) - k1**2*k2**2*rho3/(2*M2*M3**2) - chi**2*k1**2*k2**2*rho2**2/(2*M2**2*M3) + chi**2*k1**2*k2**2/(2*M2**2*M3) + chi*k1**2*k2**2*rho2**2*rho3/(M2**2*M3) + chi*k1**2*k2**2*rho2**2/(M2**2*M3) - chi*k1**2*k2**2*rho2/(2*M2**2*M3) - chi*k1**2*k2**2*rho3/(M2**2*M3) + chi*k1**2*k2**2/(2*M2**2*M3) - k1**2*k2**2*rho2**2*rho3**2/(2*M2**2*M3) - k1**2*k2**2*rho2**2*rho3/(M2**2*M3) - k1**2*k2**2*rho2**2/(2*M2**2*M3) + k1**2*k2**2*rho2*rho3/(2*M2**2*M3) + k1**2*k2**2*rho2/(2*M2**2*M3) + k1**2*k2**2*rho3**2/(2*M2**2*M3) - k1**2*k2**2*rho3/(2*M2**2*M3) - 2*k1**4*rho2**4/M2**3 - k1**4*rho2**2/M2**3 + 3*k1**4/M2**3, -k2**2/M3 + chi**2*k2**4/M3**3 - 2*chi*k2**4*rho3/M3**3 + k2**4*rho3**2/M3**3 + 2*k2**4/M3**3 - k1**2*rho2**2/M2 - 2*k1**2*rho2/M2 - k1**2/M2 - chi*k1**2*k2**2*rho2**2/(M2*M3**2) + chi*k1**2*k2**2/(M2*M3**2) + k1**2*k2**2*rho2**2*rho3/(M2*M3**2) + k1**2*k2**2*rho2**2/(M2*M3**2) + k1**2*k2**2*rho2/(M2*M3**2) - k1**2*k2**2*rho3/(M2*M3**2) - chi*k1**2*k2**2*rho2**2/(M2**2*M3) + chi*k1**2*k2**2/(M2**2*M3) + k1**2*k2**2*rho2**2*rho3/(M2**2*M3) + k1**2*k2**2*rho2**2/(M2**2*M3) + k1**2*k2**2*rho2/(M2**2*M3) - k1**2*k2**2*rho3/(M2**2*M3) + 2*k1**4*rho2**4/M2**3 + 4*k1**4*rho2**3/M2**3 + 5*k1**4*rho2**2/M2**3 + 6*k1**4*rho2/M2**3 + 3*k1**4/M2**3, k2**2/M3 - chi**2*k2**4/M3**3 + 2*chi*k2**4*rho3/M3**3 - k2**4*rho3**2/M3**3 - 2*k2**4/M3**3 - k1**2*rho2/M2 - k1**2/M2 + chi*k1**2*k2**2*rho2**2/(2*M2*M3**2) - chi*k1**2*k2**2*rho2/(2*M2*M3**2) - k1**2*k2**2*rho2**2*rho3/(2*M2*M3**2) - k1**2*k2**2*rho2**2/(2*M2*M3**2) + k1**2*k2**2*rho2*rho3/(2*M2*M3**2) + chi*k1**2*k2**2*rho2**2/(2*M2**2*M3) - chi*k1**2*k2**2*rho2/(2*M2**2*M3) - k1**2*k2**2*rho2**2*rho3/(2*M2**2*M3) - k1**2*k2**2*rho2**2/(2*M2**2*M3) + k1**2*k2**2*rho2*rho3/(2*M2**2*M3) + 2*k1**4*rho2**3/M2**3 + 2*k1**4*rho2**2/M2**3 + 3*k1**4*rho2/M2**3 + 3*k1**4/M2**3], [chi*k2**2/M3 - k2**2*rho3/M3 - chi**3*k2**4/M3**3 + 3*chi**2*k2**4*rho3/M3**3 - 3*chi*k2**4*rho3**2/M3**3 - 2*chi*k2**4/M3**3 + k2**4*rho3**3/M3**3 + 2*k2**4*rho3/M3**3 + k1**2*rho2/M2 - k1**2/M2 - chi**2*k1**2*k2**2*rho2/(2*M2*M3**2) + chi**2*k1**2*k2**2/(2*M2*M3**2) - chi*k1**2*k2**2*rho2**2/(2*M2*M3**2) + chi*k1**2*k2**2*rho2*rho3/(M2*M3**2) + 3*chi*k1**2*k2**2*rho2/(2*M2*M3**2) - chi*k1**2*k2**2*rho3/(M2*M3**2) - chi*k1**2*k2**2/(2*M2*M3**2) + k1**2*k2**2*rho2**2*rho3/(2*M2*M3**2) + k1**2*k2**2*rho2**2/(2*M2*M3**2) - k1**2*k2**2*rho2*rho3**2/(2*M2*M3**2) - 3*k1**2*k2**2*rho2*rho3/(2*M2*M3**2) - k1**2*k2**2*rho2/(2*M2*M3**2) + k1**2*k2**2*rho3**2/(2*M2*M3**2) + k1**2*k2**2*rho3/(2*M2*M3**2) - chi**2*k1**2*k2**2*rho2/(2*M2**2*M3) + chi**2*k1**2*k2**2/(2*M2**2*M3) - chi*k1**2*k2**2*rho2**2/(2*M2**2*M3) + chi*k1**2*k2**2*rho2*rho3/(M2**2*M3) + 3*chi*k1**2*k2**2*rho2/(2*M2**2*M3) - chi*k1**2*k2**2*rho3/(M2**2*M3) - chi*k1**2*k2**2/(2*M2**2*M3) + k1**2*k2**2*rho2**2*rho3/(2*M2**2*M3) + k1**2*k2**2*rho2**2/(2*M2**2*M3) - k1**2*k2**2*rho2*rho3**2/(2*M2**2*M3) - 3*k1**2*k2**2*rho2*rho3/(2*M2**2*M3) - k1**2*k2**2*rho2/(2*M2**2*M3) + k1**2*k2**2*rho3**2/(2*M2**2*M3) + k1**2*k2**2*rho3/(2*M2**2*M3) - 2*k1**4*rho2**3/M2**3 + 2*k1**4*rho2**2/M2**3 - 3*k1**4*rho2/M2**3 + 3*k1**4/M2**3, k2**2/M3 - chi**2*k2**4/M3**3 + 2*chi*k2**4*rho3/M3**3 - k2**4*rho3**2/M3**3 - 2*k2**4/M3**3 - k1**2*rho2/M2 - k1**2/M2 + chi*k1**2*k2**2*rho2**2/(2*M2*M3**2) - chi*k1**2*k2**2*rho2/(2*M2*M3**2) - k1**2*k2**2*rho2**2*rho3/(2*M2*M3**2) - k1**2*k2**2*rho2**2/(2*M2*M3**2) + k1**2*k2**2*rho2*rho3/(2*M2*M3**2) + chi*k1**2*k2**2*rho2**2/(2*M2**2*M3) - chi*k1**2*k2**2*rho2/(2*M2**2*M3) - k1**2*k2**2*rho2**2*rho3/(2*M2**2*M3) - k1**2*k2**2*rho2**2/(2*M2**2*M3) + k1**2*k2**2*rho2*rho3/(2*M2**2*M3) + 2*k1**4*rho2**3/M2**3 + 2*k1**4*rho2**2/M2**3 + 3*k1**4*rho2/M2**3 + 3*k1**4/M2**3, -k2**2/M3 + chi**2*k2**4/M3**3 - 2*chi*k2**4*rho3/M3**3 + k2**4*rho3**2/M3**3 + 2*k2**4/M3**3 - k1**2/M2 + chi*k1**2*k2**2*rho2/(M2*M3**2) - chi*k1**2*k2**2/(M2*M3**2) - k1**2*k2**2*rho2*rho3/(M2*M3**2) - k1**2*k2**2*rho2/(M2*M3**2) + k1**2*k2**2*rho3/(M2*M3**2) + chi*k1**2*k2**2*rho2/(M2**2*M3) - chi*k1**2*k2**2/(M2**2*M3) - k1**2*k2**2*rho2*rho3/(M2**2*M3) - k1**2*k2**2*rho2/(M2**2*M3) + k1**2*k2**2*rho3/(M2**2*M3) + 2*k1**4*rho2**2/M2**3 + 3*k1**4/M2**3]])'
COMPLEX_LIGHT_STR = 'Matrix([[-t**2/M3 + 511*t**4/(225*M3**3) - t**2*x**2/M2 + t**4*x**2/(M2*M3**2) + 2*t**4*x/(3*M2*M3**2) - 9*I*t**4*x/(5*M2*M3**2) + t**4*x*conjugate(x)/(M2**2*M3) + 2*t**4*x/(3*M2**2*M3) + 9*I*t**4*x/(5*M2**2*M3) + t**4*x**3*conjugate(x)/M2**3 + 5*t**4*x**2/M2**3, -I*t**2/M3 + 511*I*t**4/(225*M3**3) - t**2*x/M2 + I*t**4*x**2/(2*M2*M3**2) + 7*t**4*x/(5*M2*M3**2) + I*t**4*x/(3*M2*M3**2) + t**4/(3*M2*M3**2) - 9*I*t**4/(10*M2*M3**2) + I*t**4*x*conjugate(x)/(2*M2**2*M3) - 9*t**4*x/(10*M2**2*M3) + I*t**4*x/(3*M2**2*M3) + t**4*conjugate(x)/(2*M2**2*M3) + t**4/(3*M2**2*M3) + 9*I*t**4/(10*M2**2*M3) + t**4*x**2*conjugate(x)/M2**3 + 5*t**4*x/M2**3, -t**2/(3*M3) - 2*I*t**2/(5*M3) + 511*t**4/(675*M3**3) + 1022*I*t**4/(1125*M3**3) - 2*t**2*x/M2 + t**4*x**2/(6*M2*M3**2) + I*t**4*x**2/(5*M2*M3**2) + 331*t**4*x/(225*M2*M3**2) - I*t**4*x/(6*M2*M3**2) + 2*t**4/(3*M2*M3**2) - 9*I*t**4/(5*M2*M3**2) + t**4*x*conjugate(x)/(6*M2**2*M3) + I*t**4*x*conjugate(x)/(5*M2**2*M3) - 56*t**4*x/(225*M2**2*M3) + 13*I*t**4*x/(30*M2**2*M3) + t**4*conjugate(x)/(M2**2*M3) + 2*t**4/(3*M2**2*M3) + 9*I*t**4/(5*M2**2*M3) + 2*t**4*x**2*conjugate(x)/M2**3 + 10*t**4*x/M2**3], [-I*t**2/M3 + 511*I*t**4/(225*M3**3) - t**2*x/M2 + I*t**4*x**2/(2*M2*M3**2) + 7*t**4*x/(5*M2*M3**2) + I*t**4*x/(3*M2*M3**2) + t**4/(3*M2*M3**2) - 9*I*t**4/(10*M2*M3**2) + I*t**4*x*conjugate(x)/(2*M2**2*M3) - 9*t**4*x/(10*M2**2*M3) + I*t**4*x/(3*M2**2*M3) + t**4*conjugate(x)/(2*M2**2*M3) + t**4/(3*M2**2*M3) + 9*I*t**4/(10*M2**2*M3) + t**4*x**2*conjugate(x)/M2**3 + 5*t**4*x/M2**3, t**2/M3 - 511*t**4/(225*M3**3) - t**2/M2 + I*t**4*x/(M2*M3**2) + 9*t**4/(5*M2*M3**2) + 2*I*t**4/(3*M2*M3**2) + I*t**4*conjugate(x)/(M2**2*M3) - 9*t**4/(5*M2**2*M3) + 2*I*t**4/(3*M2**2*M3) + t**4*x*conjugate(x)/M2**3 + 5*t**4/M2**3, 2*t**2/(5*M3) - I*t**2/(3*M3) - 1022*t**4/(1125*M3**3) + 511*I*t**4/(675*M3**3) - 2*t**2/M2 + t**4*x/(6*M2*M3**2) + 6*I*t**4*x/(5*M2*M3**2) + 511*t**4/(225*M2*M3**2) + I*t**4/(2*M2*M3**2) + t**4*conjugate(x)/(6*M2**2*M3) + 6*I*t**4*conjugate(x)/(5*M2**2*M3) - 461*t**4/(225*M2**2*M3) + 11*I*t**4/(10*M2**2*M3) + 2*t**4*x*conjugate(x)/M2**3 + 10*t**4/M2**3], [-t**2/(3*M3) - 2*I*t**2/(5*M3) + 511*t**4/(675*M3**3) + 1022*I*t**4/(1125*M3**3) - 2*t**2*x/M2 + t**4*x**2/(6*M2*M3**2) + I*t**4*x**2/(5*M2*M3**2) + 331*t**4*x/(225*M2*M3**2) - I*t**4*x/(6*M2*M3**2) + 2*t**4/(3*M2*M3**2) - 9*I*t**4/(5*M2*M3**2) + t**4*x*conjugate(x)/(6*M2**2*M3) + I*t**4*x*conjugate(x)/(5*M2**2*M3) - 56*t**4*x/(225*M2**2*M3) + 13*I*t**4*x/(30*M2**2*M3) + t**4*conjugate(x)/(M2**2*M3) + 2*t**4/(3*M2**2*M3) + 9*I*t**4/(5*M2**2*M3) + 2*t**4*x**2*conjugate(x)/M2**3 + 10*t**4*x/M2**3, 2*t**2/(5*M3) - I*t**2/(3*M3) - 1022*t**4/(1125*M3**3) + 511*I*t**4/(675*M3**3) - 2*t**2/M2 + t**4*x/(6*M2*M3**2) + 6*I*t**4*x/(5*M2*M3**2) + 511*t**4/(225*M2*M3**2) + I*t**4/(2*M2*M3**2) + t**4*conjugate(x)/(6*M2**2*M3) + 6*I*t**4*conjugate(x)/(5*M2**2*M3) - 461*t**4/(225*M2**2*M3) + 11*I*t**4/(10*M2**2*M3) + 2*t**4*x*conjugate(x)/M2**3 + 10*t**4/M2**3, 11*t**2/(225*M3) - 4*I*t**2/(15*M3) - 5621*t**4/(50625*M3**3) + 2044*I*t**4/(3375*M3**3) - 4*t**2/M2 + 2*t**4*x/(3*M2*M3**2) + 4*I*t**4*x/(5*M2*M3**2) + 424*t**4/(225*M2*M3**2) - 2*I*t**4/(3*M2*M3**2) + 2*t**4*conjugate(x)/(3*M2**2*M3) + 4*I*t**4*conjugate(x)/(5*M2**2*M3) - 224*t**4/(225*M2**2*M3) + 26*I*t**4/(15*M2**2*M3) + 4*t**4*x*conjugate(x)/M2**3 + 20*t**4/M2**3]])'
