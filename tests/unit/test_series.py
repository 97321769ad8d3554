"""Specification tests of the truncated series algebra."""

import sympy as sp
from sympy.external.gmpy import MPQ

from symseesaw.algebra.convert import to_series
from symseesaw.algebra.series import INF, Algebra, Series, mul_accumulate

eps, e1, e2 = sp.symbols("eps e1 e2", real=True)
a, b = sp.symbols("a b", real=True)
z = sp.Symbol("z")


def S(alg, expr):
    return to_series(alg, expr)


def test_surd_products_reduce_to_rational_coefficients():
    alg = Algebra({eps: 2})
    s6 = S(alg, sp.sqrt(2)) * S(alg, sp.sqrt(3))
    assert s6.to_sympy() == sp.sqrt(6)
    assert (s6 * s6).to_sympy() == 6
    assert (s6 * S(alg, sp.sqrt(2))).to_sympy() == 2 * sp.sqrt(3)
    assert S(alg, sp.sqrt(sp.Rational(8, 3))).to_sympy() == sp.Rational(2, 3) * sp.sqrt(6)
    assert (S(alg, 1 / sp.sqrt(6)) * S(alg, sp.sqrt(6)) - 1).is_zero()


def test_imaginary_unit_and_conjugation():
    alg = Algebra({eps: 2})
    i = S(alg, sp.I)
    assert (i * i).to_sympy() == -1
    assert i.conj().to_sympy() == -sp.I
    w = S(alg, (1 + 2 * sp.I) * z + sp.sqrt(-3))
    assert sp.expand(w.conj().to_sympy() - ((1 - 2 * sp.I) * sp.conjugate(z) - sp.sqrt(3) * sp.I)) == 0
    assert (w.conj().conj() - w).is_zero()
    assert (w * w.conj()).is_real()
    assert not w.is_real()


def test_atom_exact_zero_test():
    alg = Algebra({eps: 2})
    p = S(alg, a + b)
    inv = S(alg, 1 / (a + b))
    assert (p * inv - 1).is_zero()
    assert not (p * inv - 2).is_zero()
    # the same denominator maps to the same atom
    assert (S(alg, 2 / (2 * a + 2 * b)) - inv).is_zero()
    assert (inv.inverse() - p).is_zero()


def test_inverse_with_monomial_leading_part():
    alg = Algebra({eps: 3})
    s = S(alg, eps * (2 + eps))
    inv = s.inverse()
    assert inv.low[0] == -1
    expected = 1 / (2 * eps) - sp.Rational(1, 4) + eps / 8 - eps**2 / 16
    assert sp.expand(inv.to_sympy() - expected) == 0
    # precision is reported conservatively: the inverse starts at eps**-1, so
    # it cannot be trusted up to the full eps**3
    assert inv.prec[0] < 3
    prod = inv * s
    assert sp.expand(prod.to_sympy() - 1) == 0


def test_truncation_per_parameter_and_weighted_total():
    alg = Algebra({e1: 1, e2: 2})
    p = S(alg, (1 + e1 + e2) ** 3)
    assert sp.expand(p.to_sympy() - (1 + 3 * e1 + 3 * e2 + 6 * e1 * e2 + 3 * e2**2 + 3 * e1 * e2**2)) == 0
    alg = Algebra({e1: 3, e2: 3}, total=2, weights={e2: 2})
    q = S(alg, 1 + e1 + e2) ** 3
    assert sp.expand(q.to_sympy() - (1 + 3 * e1 + 3 * e1**2 + 3 * e2)) == 0
    assert q.prec == (3, 3, 2)


def test_precision_tracking_through_negative_exponents():
    alg = Algebra({eps: 3})
    x = S(alg, 1 + eps) ** 5
    assert x.prec[0] == 3
    inv_eps = S(alg, 1 / eps)
    y = inv_eps * x
    assert y.low[0] == -1
    assert y.prec[0] == 2
    assert sp.expand(y.to_sympy() - (1 / eps + 5 + 10 * eps + 10 * eps**2)) == 0
    # exact factors keep their full precision
    assert alg.one().prec == (INF, INF)


def test_mul_accumulate_matches_sum_of_products():
    alg = Algebra({eps: 4})
    xs = [S(alg, sp.sqrt(2) * eps + sp.I * z), S(alg, 1 - eps**2 * a)]
    ys = [S(alg, sp.sqrt(6) + eps**3 * b), S(alg, sp.I * eps / (a + b))]
    acc = mul_accumulate(alg, zip(xs, ys))
    direct = xs[0] * ys[0] + xs[1] * ys[1]
    assert (acc - direct).is_zero()
    expected = sp.expand((sp.sqrt(2) * eps + sp.I * z) * (sp.sqrt(6) + eps**3 * b)
                         + (1 - eps**2 * a) * sp.I * eps / (a + b))
    assert sp.simplify(acc.to_sympy() - expected) == 0


def test_series_is_sparse_dict_of_rationals():
    alg = Algebra({eps: 2})
    s = S(alg, sp.Rational(3, 7) * eps)
    assert isinstance(s, Series)
    assert list(s.terms.values()) == [MPQ(3, 7)]
