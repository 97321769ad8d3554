"""Atoms ``1/P`` of the series algebra (issues 9 item 8, 13 item 5).

A matrix inverse carries one atom ``1/det`` (not the nested atoms of
Gauss-Jordan pivots), a complex atom's conjugate is a generator of its own
(conjugation permutes generators), numbers of ``Q(sqrt p, i)`` are inverted
without atoms, and the zero test reduces modulo the atom relations
``a P - 1``. Each property is checked against an independent computation
(sympy's exact inverse, a product that must be the identity) and with a wrong
value that must be caught.
"""

from __future__ import annotations

import pytest
import sympy as sp
from sympy.external.gmpy import MPQ

from symseesaw.algebra import series
from symseesaw.algebra.convert import to_series
from symseesaw.algebra.generators import ATOM
from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra, invert_exact

eps, delta = sp.symbols("eps delta", positive=True)


def complex_matrix(name: str, n: int) -> sp.Matrix:
    return sp.Matrix(n, n, lambda i, j: sp.Symbol(f"{name}{i + 1}{j + 1}", complex=True))


def atoms(alg: Algebra) -> list[int]:
    return [i for i, g in enumerate(alg.registry.generators) if g.kind == ATOM]


def test_inverse_of_a_general_complex_3x3_carries_one_atom_and_its_conjugate():
    alg = Algebra({eps: 1})
    N = complex_matrix("N", 3)
    inverse = SeriesMatrix.from_sympy(alg, N).inverse()
    found = atoms(alg)
    assert len(found) == 2  # 1/det N and its conjugate 1/det N^*
    det = sp.expand(N.det())
    used = {i for row in inverse.rows for x in row for m in x.terms for i in found
            if i < len(m) and m[i]}
    assert len(used) == 1  # the inverse itself only uses the atom of det N
    (atom,) = used
    assert sp.cancel(det * alg.registry.generators[atom].expr).is_number
    expected = N.adjugate() / det
    for i in range(3):
        for j in range(3):
            assert sp.cancel(inverse[i, j].to_sympy() - expected[i, j]) == 0


def test_inverse_with_a_small_part_is_the_neumann_series_of_the_adjugate_inverse():
    # the inverse seesaw heavy block [[0, N], [N^T, delta u]]: exact inverse to delta^2
    alg = Algebra({delta: 2})
    N = complex_matrix("N", 2)
    u = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"u{min(i, j) + 1}{max(i, j) + 1}", complex=True))
    R = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), N], [N.T, delta * u]]))
    inverse = SeriesMatrix.from_sympy(alg, R).inverse()
    exact = R.inv()
    for i in range(4):
        for j in range(4):
            truncated = sp.series(exact[i, j], delta, 0, 3).removeO()
            assert sp.cancel(inverse[i, j].to_sympy() - truncated) == 0


def test_inverse_with_a_singular_order_zero_part_is_still_exact():
    # [[a, b], [a, b + eps a]]: the part free of eps is singular (hierarchy inside M_R)
    alg = Algebra({eps: 3})
    a, b = sp.symbols("a b", positive=True)
    R = sp.Matrix([[a, b], [a, b + eps * a]])
    inverse = SeriesMatrix.from_sympy(alg, R).inverse()
    assert (inverse.to_sympy() - R.inv()).applyfunc(sp.cancel) == sp.zeros(2, 2)


def test_inverse_times_matrix_is_the_identity_by_the_zero_test():
    alg = Algebra({eps: 1})
    N = SeriesMatrix.from_sympy(alg, complex_matrix("N", 3))
    product = N @ N.inverse()
    assert (product - SeriesMatrix.identity(alg, 3)).is_zero()
    wrong = product - SeriesMatrix.identity(alg, 3).scale(MPQ(2))
    assert not wrong.is_zero()


def test_conjugate_of_a_complex_atom_is_its_partner_generator():
    alg = Algebra({eps: 1})
    a, b = sp.symbols("a b", complex=True)
    inv = to_series(alg, a + b).inverse()
    atom = atoms(alg)[0]
    assert set(inv.terms) == {tuple(1 if k == atom else 0 for k in range(atom + 1))}
    partner = alg.registry.generators[atom].conj_index
    assert partner is not None and alg.registry.generators[partner].conj_index == atom
    conj = inv.conj()
    assert set(conj.terms) == {tuple(1 if k == partner else 0 for k in range(partner + 1))}
    # conj(1/(a + b)) * (a* + b*) = 1, and conj(conj(x)) = x
    check = conj * to_series(alg, sp.conjugate(a) + sp.conjugate(b)) - alg.one()
    assert check.is_zero()
    assert (conj.conj() - inv).is_exact_zero()
    assert not (conj - inv).is_zero()


def test_graded_conjugation_permutes_paired_atoms():
    if series.KERNEL != "flint":
        pytest.skip("graded form only with the flint kernel")
    alg = Algebra({eps: 1})
    a, b = sp.symbols("a b", complex=True)
    inv = to_series(alg, a + b).inverse()
    graded = series._graded_conj(alg, inv.graded())
    assert graded is not None


def test_complex_number_is_inverted_without_an_atom():
    alg = Algebra({eps: 1})
    value = to_series(alg, 3 + 2 * sp.I)
    inverse = invert_exact(value)
    assert atoms(alg) == []
    assert sp.expand(inverse.to_sympy() - (3 - 2 * sp.I) / 13) == 0


def test_number_with_surds_and_i_is_inverted_without_an_atom():
    alg = Algebra({eps: 1})
    number = 1 + sp.sqrt(2) + sp.I * sp.sqrt(3)
    inverse = invert_exact(to_series(alg, number))
    assert atoms(alg) == []
    assert sp.expand(sp.expand(inverse.to_sympy() * number) - 1) == 0


def test_zero_test_reduces_modulo_the_atom_relation():
    alg = Algebra({eps: 1})
    a, b, c = sp.symbols("a b c", complex=True)
    poly = to_series(alg, a * b + c)
    inv = poly.inverse()
    assert (inv * poly - alg.one()).is_zero()
    assert (inv * poly * poly - poly).is_zero()
    assert not (inv * poly - alg.one().scale(MPQ(1, 2))).is_zero()
    assert not (inv - to_series(alg, a)).is_zero()


def test_cleared_multiplies_through_by_the_atom_polynomials():
    alg = Algebra({eps: 1})
    a, b = sp.symbols("a b", positive=True)
    inv = to_series(alg, a + b).inverse()
    value = inv * inv + to_series(alg, a) * inv
    # (a + b)^2 * (1/(a+b)^2 + a/(a+b)) = 1 + a (a + b)
    assert sp.expand(value.cleared().to_sympy() - (1 + a * (a + b))) == 0


# -- issue 13 item 5: complex type I with a given heavy basis -------------------------------
t = sp.Symbol("t", positive=True)


def cayley(K: sp.Matrix) -> sp.Matrix:
    """Unitary ``(1 - K)(1 + K)^-1`` of an anti-Hermitian ``K`` (rational entries)."""
    n = K.rows
    return ((sp.eye(n) - K) * (sp.eye(n) + K).inv()).applyfunc(sp.expand)


def complex_heavy_texture() -> tuple[sp.Matrix, sp.Matrix, sp.Matrix]:
    """3+3 texture with a full complex numeric ``M_R = V_h^* diag(2, 5, 7) V_h^dagger``."""
    half, third = sp.Rational(1, 2), sp.I / 3
    K0 = sp.Matrix([[third, half + third, -half], [-half + third, 0, half * sp.I],
                    [half, half * sp.I, -third]])
    Kh = sp.Matrix([[half * sp.I, half - third, third], [-half - third, 0, -half + third],
                    [third, half + third, sp.I]])
    V0, Vh = cayley(K0), cayley(Kh)
    R = (Vh.conjugate() * sp.diag(2, 5, 7) * Vh.H).applyfunc(sp.expand)
    D = V0 * sp.diag(1, 2, 3) * Vh.H
    S = (V0 * sp.diag(sp.Rational(1, 3), sp.Rational(2, 3), sp.Rational(4, 3)) * V0.T)
    M = sp.BlockMatrix([[t**2 * S, t * D], [t * D.T, R]]).as_explicit().applyfunc(sp.expand)
    return M, V0, Vh


def test_complex_heavy_basis_expansion_is_atom_free_and_proven():
    from symseesaw.api import seesaw_expansion
    from symseesaw.numerics import prove_expansion

    M, V0, Vh = complex_heavy_texture()
    assert all(M[i, j] != 0 for i in range(3, 6) for j in range(3, 6))  # M_R is full
    series.reset_counters()
    ex = seesaw_expansion(M, 3, {t: 2}, light_basis=V0.conjugate(), heavy_basis=Vh)
    # M_R^-1 and the splittings are numbers of Q(i): no atom 1/P anywhere
    assert atoms(ex.algebra) == []
    heavy_leading = sorted(sp.Abs(sp.expand(m.subs(t, 0))) for m in ex.masses[3:])
    assert heavy_leading == [2, 5, 7]
    report = prove_expansion(M, ex.mixing_matrix, ex.masses, symbols=[t], small={t: 2},
                             base_point={}, direction={t: 1.0}, dps=30)
    assert report.passed, [(e.entry, e.measured, e.predicted) for e in report.failed_entries]
    wrong = list(ex.masses)
    wrong[0] = wrong[0] * (1 + t**2)  # wrong at the kept relative order t^2
    assert not prove_expansion(M, ex.mixing_matrix, wrong, symbols=[t], small={t: 2},
                               base_point={}, direction={t: 1.0}, dps=30).passed
