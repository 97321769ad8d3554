"""Leading bases from structure, automatic quasi-degenerate groups, hierarchies inside a block.

Expected values are either hand-derived closed forms (stated in each test) or
independent mpmath diagonalizations of the same matrix; none is engine output.
"""

import mpmath
import pytest
import sympy as sp

from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra
from symseesaw.api import seesaw_expansion
from symseesaw.linalg import groups
from symseesaw.linalg.groups import find_leading_structure, takagi_2x2
from symseesaw.linalg.perturb import diagonalize_block

eps = sp.Symbol("eps", positive=True)
R = sp.Symbol("R", positive=True)
a, b, c, e, M, m3 = sp.symbols("a b c e M m3", real=True)
Mc, mu = sp.symbols("M_c mu", complex=True)
x11, x12, x13, x22, x23, x33 = sp.symbols("x11 x12 x13 x22 x23 x33", real=True)


def diag(alg, H, **kw):
    return diagonalize_block(SeriesMatrix.from_sympy(alg, H), **kw)


def mp_matrix(H, values):
    return mpmath.matrix([[mpmath.mpmathify(sp.N(x.subs(values), 60)) for x in row]
                          for row in H.tolist()])


def singular_values(A):
    """Ascending singular values from the eigenvalues of A^dagger A (independent of the engine)."""
    return sorted(mpmath.sqrt(abs(x)) for x in mpmath.eigh(A.H * A)[0])


# -- bases from structure, bounded refusal ------------------------------------------------------
def test_general_real_3x3_block_is_refused_naming_light_basis_and_blocks_mode():
    alg = Algebra({eps: 2})
    H = eps * sp.Matrix([[x11, x12, x13], [x12, x22, x23], [x13, x23, x33]])
    with pytest.raises(NotImplementedError, match=r"light_basis=.*blocks mode"):
        diag(alg, H, block_name="light")


def test_unresolved_component_can_be_kept_as_an_exact_group_with_a_statement():
    alg = Algebra({eps: 2})
    H = eps * sp.Matrix([[x11, x12, x13], [x12, x22, x23], [x13, x23, x33]])
    res = diag(alg, H, unresolved="group")
    (group,) = res.groups
    assert group.indices == (0, 1, 2)
    assert "not polynomial" in group.note
    assert group.group_masses() is None
    assert sp.expand(group.block() - H) == sp.zeros(3)


def test_a_block_of_two_components_gets_a_permuted_block_diagonal_basis():
    # states 1 and 3 form [[a, b], [b, a]] (basis (1, +-1)/sqrt2), state 2 is alone
    alg = Algebra({eps: 2})
    H = sp.Matrix([[a, 0, b], [0, c, 0], [b, 0, a]]) + eps * sp.diag(1, 0, 0)
    structure = find_leading_structure(SeriesMatrix.from_sympy(alg, H), real=True)
    h = sp.sqrt(2) / 2
    assert structure.basis.to_sympy() == sp.Matrix([[h, 0, h], [0, 1, 0], [h, 0, -h]])
    res = diag(alg, H)
    assert sp.expand(res.masses[1].to_sympy() - c) == 0
    # [[a + eps, b], [b, a]]: a + b + eps/2 + eps^2/(8 b) by hand
    assert sp.expand(res.masses[0].to_sympy() - (a + b + eps / 2 + eps**2 / (8 * b))) == 0


def test_component_with_linear_characteristic_polynomial_gets_its_eigenvectors():
    # leading part a * (ones matrix): eigenvalues 3a, 0, 0 (degenerate pair grouped)
    alg = Algebra({eps: 1})
    H = a * sp.ones(3, 3) + eps * sp.diag(b, -b, 0)
    res = diag(alg, H)
    leads = [sp.expand(x.to_sympy()) for x in res.leading_masses]
    k = leads.index(3 * a)
    column = res.V.truncate((0, 0)).to_sympy()[:, k]
    assert sp.expand(column.T * column - sp.eye(1)) == sp.zeros(1)
    assert sp.expand(column[0] - column[1]) == 0 and sp.expand(column[1] - column[2]) == 0
    V = res.V
    assert (V.H @ V - SeriesMatrix.identity(alg, 3)).is_zero()


def test_given_basis_with_atoms_that_cancel_is_accepted():
    # rational rotation: c = (a^2-b^2)/(a^2+b^2), s = 2ab/(a^2+b^2); the leading
    # check sees a/(a^2+b^2)-type atoms whose combination is zero only after clearing
    alg = Algebra({eps: 2})
    cs = (a**2 - b**2) / (a**2 + b**2)
    sn = 2 * a * b / (a**2 + b**2)
    V0 = sp.Matrix([[cs, -sn], [sn, cs]])
    H = V0 * sp.diag(M, c) * V0.T + eps * sp.Matrix([[0, 1], [1, 0]])
    res = diag(alg, H, V0=SeriesMatrix.from_sympy(alg, V0))
    assert sp.cancel(res.leading_masses[0].to_sympy() - M) == 0
    assert sp.cancel(res.leading_masses[1].to_sympy() - c) == 0


# -- pseudo-Dirac pairs --------------------------------------------------------------------------
def test_real_pseudo_dirac_pair_is_expanded_with_signed_masses():
    # eigenvalues of [[0, M], [M, x]]: x/2 +- sqrt(M^2 + x^2/4) = +-M + x/2 +- x^2/(8M) + O(x^4)
    alg = Algebra({eps: 3})
    res = diag(alg, sp.Matrix([[0, M], [M, eps * a]]))
    assert res.groups == []
    x = eps * a
    expected = [M + x / 2 + x**2 / (8 * M), -M + x / 2 - x**2 / (8 * M)]
    assert all(sp.expand(m.to_sympy() - v) == 0 for m, v in zip(res.masses, expected))


def test_complex_pseudo_dirac_pair_is_grouped_and_its_masses_are_the_singular_values():
    alg = Algebra({eps: 2})
    H = sp.Matrix([[0, Mc], [Mc, eps * mu]])
    res = diag(alg, H)
    (group,) = res.groups
    assert group.indices == (0, 1) and not group.exactly_degenerate
    values = {Mc: sp.Rational(2) - sp.I, mu: sp.Rational(1, 2) + sp.I, eps: sp.Rational(1, 50)}
    with mpmath.workdps(50):
        exact = singular_values(mp_matrix(H, values))
        masses = sorted(mpmath.mpmathify(sp.N(m.subs(values), 50)) for m in group.group_masses())
        assert all(abs(x - y) < mpmath.mpf(10) ** -40 for x, y in zip(masses, exact))
        # the diagonal entries of the block are not the masses (the old wrong answer)
        entries = sorted(abs(mpmath.mpmathify(sp.N(res.masses[i].to_sympy().subs(values), 50)))
                         for i in range(2))
        split_exact = exact[1] - exact[0]
        assert abs((entries[1] - entries[0]) - split_exact) > split_exact / 100


@pytest.mark.parametrize("real", [True, False])
def test_group_vectors_takagi_factorize_the_block(real):
    alg = Algebra({eps: 2})
    if real:
        H = sp.Matrix([[a + eps * b, eps * c], [eps * c, a - eps * e]])
        values = {a: 2, b: sp.Rational(1, 3), c: sp.Rational(1, 5), e: sp.Rational(1, 7),
                  eps: sp.Rational(1, 10)}
    else:
        H = sp.Matrix([[0, Mc], [Mc, eps * mu]])
        values = {Mc: sp.Rational(2) - sp.I, mu: sp.Rational(1, 2) + sp.I, eps: sp.Rational(1, 10)}
    (group,) = diag(alg, H).groups
    masses, vectors, degenerate = takagi_2x2(group.exact_block, real=real)
    assert not degenerate
    with mpmath.workdps(40):
        B = mp_matrix(group.block(), values)
        args = [mpmath.mpmathify(sp.N(v, 40)) for v in values.values()]
        Q = mpmath.matrix(sp.lambdify(list(values), vectors, "mpmath")(*args).tolist())
        D = Q.T * B * Q
        target = [sp.lambdify(list(values), m, "mpmath")(*args) for m in masses]
        tol = mpmath.mpf(10) ** -30
        assert mpmath.mnorm(Q.H * Q - mpmath.eye(2), 1) < tol
        assert abs(D[0, 1]) < tol and abs(D[1, 0]) < tol
        assert abs(D[0, 0] - target[0]) < tol and abs(D[1, 1] - target[1]) < tol


def test_pair_closed_form_is_computed_once_per_precision(monkeypatch):
    alg = Algebra({eps: 2})
    (group,) = diag(alg, sp.Matrix([[0, Mc], [Mc, eps * mu]])).groups
    calls = []

    def counted(block, **kwargs):
        calls.append(kwargs["vectors"])
        return takagi_2x2(block, **kwargs)

    monkeypatch.setattr(groups, "takagi_2x2", counted)
    coarse, fine = (1, float("inf")), (2, float("inf"))
    vectors = group.group_vectors(fine)
    masses = group.group_masses(fine)  # served by the factorization with vectors
    assert calls == [True]
    assert group.group_masses(coarse) is not None and group.group_vectors(fine) == vectors
    assert calls == [True, False]  # another precision is another factorization
    assert masses == takagi_2x2(group.exact_block.truncate(fine), real=False)[0]


# -- degenerate heavy pairs ------------------------------------------------------------------------
def test_exact_degeneracy_surviving_to_the_working_order_is_reported_not_an_error():
    alg = Algebra({eps: 2})
    res = diag(alg, M * sp.eye(2) + eps**3 * sp.diag(a, b))
    (group,) = res.groups
    assert group.exactly_degenerate
    assert "exactly degenerate" in group.note
    assert group.group_masses() == [M, M]


def test_degenerate_pair_split_at_next_order_is_diagonalized_inside_the_group():
    # [[M + eps a, eps^2 c], [eps^2 c, M + eps b]]: eigenvalue M + eps a + eps^3 c^2/(a - b) + ...
    alg = Algebra({eps: 3})
    res = diag(alg, sp.Matrix([[M + eps * a, eps**2 * c], [eps**2 * c, M + eps * b]]))
    assert res.groups == []
    assert sp.cancel(res.masses[0].to_sympy() - (M + eps * a + eps**3 * c**2 / (a - b))) == 0
    assert sp.cancel(res.masses[1].to_sympy() - (M + eps * b - eps**3 * c**2 / (a - b))) == 0


def test_degenerate_pair_without_polynomial_basis_keeps_the_closed_form():
    # M 1 + eps [[a, c], [c, b]]: the splitting sqrt((a-b)^2 + 4c^2) is not polynomial
    alg = Algebra({eps: 2})
    H = M * sp.eye(2) + eps * sp.Matrix([[a, c], [c, b]])
    res = diag(alg, H)
    (group,) = res.groups
    values = {M: 3, a: sp.Rational(1, 3), b: sp.Rational(-1, 4), c: sp.Rational(1, 5),
              eps: sp.Rational(1, 10)}
    with mpmath.workdps(40):
        exact = sorted(mpmath.eigsy(mp_matrix(H, values))[0])
        masses = sorted(mpmath.mpmathify(sp.N(m.subs(values), 40)) for m in group.group_masses())
        assert all(abs(x - y) < mpmath.mpf(10) ** -30 for x, y in zip(masses, exact))


# -- hierarchy inside a block ------------------------------------------------------------------------
def test_light_state_with_leading_mass_R_m3_is_expanded_in_R():
    H = sp.Matrix([[R * a, R * b, R**2 * c], [R * b, R * a, R**2 * e], [R**2 * c, R**2 * e, m3]])
    res = diag(Algebra({R: 3}), H)
    assert res.groups == []
    # leading masses per state: R (a + b), R (a - b), m3
    leads = {sp.expand(x.to_sympy()) for x in res.leading_masses}
    assert leads == {sp.expand(R * (a + b)), sp.expand(R * (a - b)), m3}
    values = {m3: 1, a: sp.Rational(1, 3), b: sp.Rational(1, 7), c: sp.Rational(2, 5),
              e: sp.Rational(-1, 3)}
    errors = []
    with mpmath.workdps(40):
        for r in (sp.Rational(1, 100), sp.Rational(1, 200)):
            point = {**values, R: r}
            exact = sorted(mpmath.eigsy(mp_matrix(H, point))[0])
            approx = sorted(mpmath.mpmathify(sp.N(m.to_sympy().subs(point), 40))
                            for m in res.masses)
            errors.append([abs(x - y) / abs(x) for x, y in zip(exact, approx)])
    # masses exact to relative order R^2 at least: relative error falls like R^3 or faster
    for before, after in zip(*errors):
        assert before / after > 2 ** 2.5


def test_a_declared_three_state_group_with_an_undiagonal_block_is_refused_in_full_mode():
    eps, M = sp.symbols("epsilon M", positive=True)
    a, b, c = sp.symbols("a b c", real=True)
    mass_matrix = sp.Matrix([[0, eps * a, eps * b, eps * c],
                             [eps * a, M, eps, 0],
                             [eps * b, eps, M, eps],
                             [eps * c, 0, eps, M]])
    with pytest.raises(NotImplementedError, match=r"states \[2, 3, 4\].*mode='blocks'"):
        seesaw_expansion(mass_matrix, 1, {eps: 1}, quasi_degenerate_heavy=[[0, 1, 2]])
