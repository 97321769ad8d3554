"""Tests of the perturbative Takagi diagonalization (spec, regression, property-based)."""

import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from test_blockdiag import textures

from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra
from symseesaw.api import seesaw_expansion
from symseesaw.linalg.perturb import DegenerateSplittingError, diagonalize_block
from symseesaw.numerics import takagi, to_mp

eps1, eps2, M2, M3 = sp.symbols("eps1 eps2 M2 M3", real=True)
eps, a, b = sp.symbols("eps a b", real=True)
t = sp.Symbol("t", real=True)
TBM = sp.Matrix([[2 / sp.sqrt(6), 1 / sp.sqrt(3), 0],
                 [-1 / sp.sqrt(6), 1 / sp.sqrt(3), -1 / sp.sqrt(2)],
                 [-1 / sp.sqrt(6), 1 / sp.sqrt(3), 1 / sp.sqrt(2)]])

# computed by the pre-optimization engine
SEED001_U_SREPR = "MutableDenseMatrix([[Mul(Rational(1, 3), Pow(Integer(6), Rational(1, 2))), Add(Mul(Integer(-1), Rational(1, 2), Pow(Integer(3), Rational(1, 2)), Pow(Symbol('eps1', real=True), Integer(2))), Mul(Rational(1, 3), Pow(Integer(3), Rational(1, 2)))), Integer(0), Symbol('eps1', real=True), Integer(0)], [Mul(Integer(-1), Rational(1, 6), Pow(Integer(6), Rational(1, 2))), Add(Mul(Integer(-1), Rational(1, 2), Pow(Integer(3), Rational(1, 2)), Pow(Symbol('eps1', real=True), Integer(2))), Mul(Rational(1, 3), Pow(Integer(3), Rational(1, 2)))), Add(Mul(Rational(1, 2), Pow(Integer(2), Rational(1, 2)), Pow(Symbol('eps2', real=True), Integer(2))), Mul(Integer(-1), Rational(1, 2), Pow(Integer(2), Rational(1, 2)))), Symbol('eps1', real=True), Mul(Integer(-1), Symbol('eps2', real=True))], [Mul(Integer(-1), Rational(1, 6), Pow(Integer(6), Rational(1, 2))), Add(Mul(Integer(-1), Rational(1, 2), Pow(Integer(3), Rational(1, 2)), Pow(Symbol('eps1', real=True), Integer(2))), Mul(Rational(1, 3), Pow(Integer(3), Rational(1, 2)))), Add(Mul(Integer(-1), Rational(1, 2), Pow(Integer(2), Rational(1, 2)), Pow(Symbol('eps2', real=True), Integer(2))), Mul(Rational(1, 2), Pow(Integer(2), Rational(1, 2)))), Symbol('eps1', real=True), Symbol('eps2', real=True)], [Integer(0), Mul(Integer(-1), Pow(Integer(3), Rational(1, 2)), Symbol('eps1', real=True)), Integer(0), Add(Integer(1), Mul(Integer(-1), Rational(3, 2), Pow(Symbol('eps1', real=True), Integer(2)))), Integer(0)], [Integer(0), Integer(0), Mul(Integer(-1), Pow(Integer(2), Rational(1, 2)), Symbol('eps2', real=True)), Integer(0), Add(Integer(1), Mul(Integer(-1), Pow(Symbol('eps2', real=True), Integer(2))))]])"
SEED001_MASSES_SREPR = "MutableDenseMatrix([[Integer(0)], [Add(Mul(Integer(9), Symbol('M2', real=True), Pow(Symbol('eps1', real=True), Integer(4))), Mul(Integer(-1), Integer(3), Symbol('M2', real=True), Pow(Symbol('eps1', real=True), Integer(2))))], [Add(Mul(Integer(4), Symbol('M3', real=True), Pow(Symbol('eps2', real=True), Integer(4))), Mul(Integer(-1), Integer(2), Symbol('M3', real=True), Pow(Symbol('eps2', real=True), Integer(2))))], [Add(Mul(Integer(3), Symbol('M2', real=True), Pow(Symbol('eps1', real=True), Integer(2))), Symbol('M2', real=True))], [Add(Mul(Integer(2), Symbol('M3', real=True), Pow(Symbol('eps2', real=True), Integer(2))), Symbol('M3', real=True))]])"


def seed001():
    D = sp.Matrix([[eps1 * M2, 0], [eps1 * M2, -eps2 * M3], [eps1 * M2, eps2 * M3]])
    M = sp.BlockMatrix([[sp.zeros(3), D], [D.T, sp.diag(M2, M3)]]).as_explicit()
    return seesaw_expansion(M, 3, {eps1: 2, eps2: 2}, light_basis=TBM)


def test_regression_seed001_normal_ordering():
    r = seed001()
    assert sp.expand(r.mixing_matrix - sp.sympify(SEED001_U_SREPR)).is_zero_matrix
    assert sp.expand(sp.Matrix(r.masses) - sp.sympify(SEED001_MASSES_SREPR)).is_zero_matrix
    s3 = sp.sqrt(3)
    col = r.mixing_matrix[:, 1]
    for i in range(3):
        assert sp.expand(col[i] - (s3 / 3 - s3 * eps1**2 / 2)) == 0
    assert sp.expand(col[3] + s3 * eps1) == 0
    expected = [0, 9 * M2 * eps1**4 - 3 * M2 * eps1**2, 4 * M3 * eps2**4 - 2 * M3 * eps2**2,
                M2 + 3 * M2 * eps1**2, M3 + 2 * M3 * eps2**2]
    assert all(sp.expand(m - e) == 0 for m, e in zip(r.masses, expected))


def _diag(alg, H, V0=None, **kw):
    H = SeriesMatrix.from_sympy(alg, H)
    V0 = None if V0 is None else SeriesMatrix.from_sympy(alg, V0)
    return diagonalize_block(H, V0, **kw)


def test_degenerate_splitting_names_states_when_automatic_groups_are_off():
    alg = Algebra({eps: 2})
    H = sp.Matrix([[a * eps, eps**2, 0], [eps**2, a * eps, 0], [0, 0, b * eps]])
    with pytest.raises(DegenerateSplittingError, match="states nu1 and nu2"):
        _diag(alg, H, state_names=["nu1", "nu2", "nu3"], auto_groups=False)


def test_non_unitary_basis_raises():
    alg = Algebra({eps: 2})
    with pytest.raises(ValueError, match="not unitary"):
        _diag(alg, sp.diag(a, b), sp.Matrix([[1, 1], [0, 1]]))


def test_basis_not_diagonalizing_leading_part_raises():
    alg = Algebra({eps: 2})
    H = sp.Matrix([[a, b], [b, a]])
    with pytest.raises(ValueError, match="does not diagonalize"):
        _diag(alg, H, sp.eye(2))
    # the right basis works
    V0 = sp.Matrix([[1, 1], [1, -1]]) / sp.sqrt(2)
    res = _diag(alg, H + eps * sp.diag(1, 0), V0)
    assert sp.expand(res.masses[0].to_sympy() - (a + b + eps / 2 + eps**2 / (8 * b))) == 0


def test_leading_basis_is_found_when_none_is_given():
    alg = Algebra({eps: 2})
    H = sp.Matrix([[a, b], [b, a]]) + eps * sp.diag(1, 0)
    res = _diag(alg, H)
    masses = {sp.expand(m.to_sympy()) for m in res.masses}
    assert sp.expand(a + b + eps / 2 + eps**2 / (8 * b)) in masses
    assert sp.expand(a - b + eps / 2 - eps**2 / (8 * b)) in masses


def test_quasi_degenerate_group_kept_exact():
    alg = Algebra({eps: 2})
    H = sp.Matrix([[a, eps, eps], [eps, a, 0], [eps, 0, b]])
    res = _diag(alg, H, quasi_degenerate=[[0, 1]])
    # the (0, 1) coupling stays as an exact off-diagonal entry, the third state decouples
    assert res.diagonal[0, 1].to_sympy() == eps
    assert res.diagonal[0, 2].is_zero() and res.diagonal[1, 2].is_zero()
    assert sp.simplify(res.masses[2].to_sympy() - (b + eps**2 / (b - a))) == 0
    V = res.V
    assert (V.H @ V - SeriesMatrix.identity(alg, 3)).is_zero()


# -- property-based: full diagonalization to second order ------------------------------
def numeric(expr_matrix, tval):
    return mpmath.matrix([[to_mp(x.subs(t, tval)) for x in row]
                          for row in expr_matrix.tolist()])


def residuals(M, r, tval):
    Mn = numeric(M, tval)
    U = numeric(r.mixing_matrix, tval)
    C = U.T * Mn * U
    n = Mn.rows
    off = max(abs(C[i, j]) for i in range(n) for j in range(n) if i != j)
    exact = sorted(abs(x) for x in takagi(Mn, real=False, dps=60)[1])
    approx = sorted(abs(to_mp(m.subs(t, tval))) for m in r.masses)
    mass = max(abs(x - y) for x, y in zip(exact, approx))
    return off, mass


@pytest.mark.parametrize("complex_entries", [False, True])
@settings(max_examples=5, deadline=None)
@given(data=st.data())
def test_property_full_diagonalization_order2(complex_entries, data):
    M, V0, nh = data.draw(textures(complex_entries))
    r = seesaw_expansion(M, 3, {t: 2}, light_basis=V0.conjugate())
    t1 = sp.Rational(1, 1000)
    with mpmath.workdps(60):
        off1, mass1 = residuals(M, r, t1)
        off2, mass2 = residuals(M, r, t1 / 2)
    # mixing exact through t**2: off-diagonal residual O(t**3)
    assert off2 < off1 / 2**2.5
    # masses exact to relative t**2: light O(t**5), heavy O(t**3)
    assert mass2 < mass1 / 2**2.5 or mass2 < mpmath.mpf(10) ** -40
