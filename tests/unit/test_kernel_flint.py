"""The flint kernel against the pure-Python kernel, and the choice between them.

Both kernels must give identical series (terms, ``low``, ``prec``). The python
kernel is what runs without python-flint (or with ``SYMSEESAW_KERNEL=python``);
``test_python_kernel_passes_the_series_subset`` runs a subset of the suite
that way, so CI exercises both.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp
from sympy.external.gmpy import MPQ

from symseesaw.algebra import series
from symseesaw.algebra.convert import to_series
from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra, Series
from symseesaw.linalg.blockdiag import block_diagonalize

ROOT = Path(__file__).resolve().parents[2]
eps, delta = sp.symbols("epsilon delta", real=True)
a, m = sp.symbols("a m", real=True)
z = sp.Symbol("z")  # complex

needs_flint = pytest.mark.skipif(series.KERNEL != "flint", reason="flint kernel not in use")


def mixed_algebra() -> Algebra:
    return Algebra({eps: 4, delta: 3}, total=5)


def operands(alg: Algebra) -> list[Series]:
    """Series with surds, i, complex symbols, Laurent exponents and an atom."""
    exprs = [
        eps * sp.sqrt(2) * z / m + delta**2 * sp.I * sp.conjugate(z) + 3 * a / m**2,
        (1 + eps * sp.sqrt(3) - delta * sp.sqrt(6) * m) * z**2 + sp.Rational(5, 7) * sp.I,
        eps**2 * a / (1 + a) + delta * sp.sqrt(2) * sp.I / m**3 - eps * delta,
    ]
    return [to_series(alg, e) for e in exprs]


def as_dict_form(s: Series) -> Series:
    """A copy of ``s`` in dict form only (no cached graded form)."""
    return Series(s.alg, dict(s.terms), low=s.low, prec=s.prec)


def as_graded_form(s: Series) -> Series:
    """A copy of ``s`` in graded form only (no dict view yet)."""
    return Series(s.alg, None, graded=as_dict_form(s).graded(), low=s.low, prec=s.prec)


@needs_flint
@pytest.mark.parametrize("i, j", [(0, 1), (1, 2), (2, 0), (1, 1)])
def test_flint_and_python_products_are_identical(i, j):
    alg = mixed_algebra()
    ops = operands(alg)
    x, y = ops[i], ops[j]
    flint_product = series._mul_accumulate_flint(alg, [(x, y), (y, y)], alg.truncation)
    python_product = series._mul_accumulate_python(
        alg, [(as_dict_form(x), as_dict_form(y)), (as_dict_form(y), as_dict_form(y))],
        alg.truncation)
    assert flint_product.terms == python_product.terms
    assert flint_product.low == python_product.low
    assert flint_product.prec == python_product.prec


@needs_flint
def test_a_planted_wrong_coefficient_breaks_the_agreement():
    alg = mixed_algebra()
    x, y, _ = operands(alg)
    flint_terms = dict(series._mul_accumulate_flint(alg, [(x, y)], alg.truncation).terms)
    python_terms = series._mul_accumulate_python(
        alg, [(as_dict_form(x), as_dict_form(y))], alg.truncation).terms
    mono = next(iter(flint_terms))
    flint_terms[mono] += MPQ(1, 1000)
    assert flint_terms != python_terms


@needs_flint
def test_graded_sum_conjugate_and_truncation_match_the_dict_versions():
    alg = mixed_algebra()
    x, y, w = operands(alg)
    xg, yg = as_graded_form(x), as_graded_form(y)
    assert xg._terms is None
    assert (xg - yg).terms == (as_dict_form(x) - as_dict_form(y)).terms
    assert xg.conj().terms == as_dict_form(x).conj().terms
    bounds = (2, 1, 3)
    assert xg.truncate(bounds).terms == as_dict_form(x).truncate(bounds).terms
    assert xg.degree_part(2).terms == as_dict_form(x).degree_part(2).terms
    assert xg.min_degree() == as_dict_form(x).min_degree()


@needs_flint
def test_zero_test_sees_through_atoms_in_graded_form():
    alg = mixed_algebra()
    one_over = to_series(alg, 1 / (1 + a))
    # (1 + a) * 1/(1 + a) - 1 is zero only after clearing the atom
    difference = as_graded_form(to_series(alg, 1 + a) * one_over) - alg.one()
    assert difference._terms is None
    assert not difference.is_exact_zero()
    assert difference.is_zero()
    assert not (difference + to_series(alg, eps * a)).is_zero()


@needs_flint
def test_terms_view_is_computed_once():
    alg = mixed_algebra()
    x, y, _ = operands(alg)
    product = x * y
    assert product.terms is product.terms


def evaluated_sympy(s: Series) -> sp.Expr:
    """The reference construction: ``sympy.Add`` of evaluated ``sympy.Mul`` terms."""
    gens = s.alg.registry.generators
    return sp.Add(*[sp.Mul(sp.Rational(int(c.numerator), int(c.denominator)),
                           *[gens[i].expr ** e for i, e in enumerate(mono) if e])
                    for mono, c in s.terms.items()])


def test_to_sympy_builds_exactly_the_evaluated_expression():
    alg = mixed_algebra()
    F = sp.Symbol("F")
    exprs = [
        3 * a / m**2 - eps * a / (1 + a) + delta**2 * z * sp.conjugate(z) / m + 7,
        eps * a - a**2 * delta / (1 + a) ** 2 + sp.Rational(-2, 3) * z**3,
        a * a**F + eps * a**F,  # shared base a: sympy combines a * a**F = a**(F + 1)
        eps * sp.sqrt(2) * sp.sqrt(3) * a + sp.I * z,  # surds and i combine too
        # one surd or i per term: kept apart from the coefficient, built directly
        sp.sqrt(2) * a / 2 - 3 * sp.sqrt(3) * eps * a**2 + sp.I * z / 5 - sp.sqrt(6) / 4
        + 2 * sp.sqrt(2) - sp.I * eps / (1 + a) + 4 * sp.sqrt(2) * m**2 - 1,
        m,
        sp.Integer(0),
    ]
    for expr in exprs:
        s = to_series(alg, expr)
        built = s.to_sympy()
        reference = evaluated_sympy(s)
        assert built == reference


def test_to_sympy_of_a_unitary_matches_the_evaluated_expression():
    k1, k2, rho, M2, M3 = sp.symbols("k1 k2 rho M2 M3", real=True)
    D = sp.Matrix([[k1 * (1 - rho), -k2], [k1 * (1 + rho), k2], [k1, k2]])
    matrix = sp.BlockMatrix([[sp.zeros(3), D], [D.T, sp.diag(M2, M3)]]).as_explicit()
    alg = Algebra({k1: 3, k2: 3}, total=3)
    bd = block_diagonalize(SeriesMatrix.from_sympy(alg, matrix), 3)
    for row in bd.W.rows:
        for entry in row:
            assert entry.to_sympy() == evaluated_sympy(entry)


def test_kernel_follows_the_environment():
    wanted = os.environ.get(series.KERNEL_ENV, "")
    if wanted == "python":
        assert series.KERNEL == "python"
    else:
        pytest.importorskip("flint")
        assert series.KERNEL == "flint"


def test_unknown_kernel_name_is_a_clear_error():
    env = dict(os.environ, SYMSEESAW_KERNEL="gpu")
    out = subprocess.run([sys.executable, "-c", "import symseesaw.algebra.series"],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    assert out.returncode != 0
    assert "SYMSEESAW_KERNEL='gpu' is not a kernel" in out.stderr


@pytest.mark.skipif(os.environ.get(series.KERNEL_ENV) == "python",
                    reason="already running on the python kernel")
def test_python_kernel_passes_the_series_subset():
    env = dict(os.environ, SYMSEESAW_KERNEL="python")
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/unit/test_series.py", "tests/unit/test_kernel_counts.py",
         "tests/unit/test_kernel_flint.py",
         "-k", "not case_order2 and not too_optimistic and not unknown_kernel"],
        capture_output=True, text=True, env=env, cwd=ROOT)
    assert out.returncode == 0, out.stdout[-2000:]
    assert " passed" in out.stdout
