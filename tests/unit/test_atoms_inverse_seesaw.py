"""Three-generation inverse seesaw, general complex ``M_N``: right numbers, pinned work.

``M = [[0, eps y, 0], [eps y^T, 0, M_N], [0, M_N^T, delta mu]]`` with complex
3x3 ``y``, ``M_N`` (general, non-diagonal) and symmetric ``mu``, working
truncation ``eps^2``, ``delta^1`` (the benchmark case of
``benchmarks/bench_inverse_seesaw.py``). The light masses (singular values of
the light block) and the three pseudo-Dirac splittings (of the heavy block,
one exact group) are compared with the exact masses of ``M`` (mpmath,
independent of the engine) at ``eps = delta = t`` and ``t/2``: the relative
errors must fall like ``t^2`` (first neglected terms ``eps^4``, ``delta^2``,
relative ``t^2``). A planted wrong coefficient must break the slope. The
blocks are evaluated numerically term by term (no sympy output is built).
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from symseesaw.algebra import series
from symseesaw.algebra.generators import ATOM
from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra
from symseesaw.linalg.blockdiag import block_diagonalize
from symseesaw.linalg.perturb import diagonalize_block

eps, delta = sp.symbols("eps delta", positive=True)
T0 = sp.Rational(1, 100)
DPS = 50
N_GEN = 3


def texture() -> tuple[sp.Matrix, dict]:
    n = N_GEN
    y = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"y{i + 1}{j + 1}", complex=True))
    N = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"N{i + 1}{j + 1}", complex=True))
    u = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"u{min(i, j) + 1}{max(i, j) + 1}",
                                               complex=True))
    Z = sp.zeros(n)
    M = sp.Matrix(sp.BlockMatrix([[Z, eps * y, Z], [eps * y.T, Z, N], [Z, N.T, delta * u]]))
    # M_N: distinct singular values (well separated pairs), all entries non-zero
    n_values = [[3 + sp.I, sp.Rational(1, 2) - sp.I / 3, sp.I / 4],
                [sp.Rational(1, 3), 5 - sp.I / 2, sp.Rational(-1, 2) + sp.I / 5],
                [sp.I / 3, sp.Rational(1, 4), 8 + sp.I]]
    y_values = [[sp.Rational(1, 2) + sp.I, sp.Rational(1, 3), -sp.I / 4],
                [-sp.I / 4, 1 - sp.I / 2, sp.Rational(2, 5)],
                [sp.Rational(1, 5), sp.I / 3, sp.Rational(3, 4) + sp.I / 6]]
    u_values = {(0, 0): sp.Rational(1, 2), (0, 1): sp.I / 5, (0, 2): sp.Rational(1, 7),
                (1, 1): sp.Rational(2, 3) + sp.I / 2, (1, 2): -sp.I / 6,
                (2, 2): sp.Rational(3, 4)}
    values = {}
    for i in range(n):
        for j in range(n):
            values[y[i, j]] = y_values[i][j]
            values[N[i, j]] = n_values[i][j]
            values[u[i, j]] = u_values[(min(i, j), max(i, j))]
    return M, values


class Case(tuple):
    """The fixture's values, with a short repr (a failure report must not print the blocks)."""

    def __repr__(self) -> str:
        return "<three-generation inverse seesaw case>"


@pytest.fixture(scope="module")
def three_generations():
    M, values = texture()
    alg = Algebra({eps: 0, delta: 0})
    alg.set_truncation({eps: 2, delta: 1}, None)
    series.reset_counters()
    bd = block_diagonalize(SeriesMatrix.from_sympy(alg, M), N_GEN)
    counters = dict(series.COUNTERS)
    heavy = diagonalize_block(bd.heavy, block_name="heavy")
    light = diagonalize_block(bd.light, unresolved="group", block_name="light")
    return Case((M, values, alg, bd, heavy, light, counters))


def generator_values(alg: Algebra, point: dict) -> list[complex]:
    """Value of every generator (symbols, conjugates, surds, i, atoms) at ``point``."""
    return [complex(sp.N(g.expr.subs(point), 30)) for g in alg.registry.generators]


def evaluate(block: SeriesMatrix, values: list[complex], keep=None) -> mpmath.matrix:
    """The block at a point, term by term in double precision (ample here: every entry
    is a sum of terms of one size, far from the errors measured); ``keep`` selects terms."""
    out = mpmath.matrix(*block.shape)
    for i, row in enumerate(block.rows):
        for j, x in enumerate(row):
            total = 0j
            for mono, c in x.terms.items():
                if keep is not None and not keep(mono):
                    continue
                term = float(c)
                for k, e in enumerate(mono):
                    if e:
                        term *= values[k] ** e
                total += term
            out[i, j] = mpmath.mpc(total)
    return out


def singular_values(A: mpmath.matrix) -> list:
    return sorted(mpmath.sqrt(abs(v)) for v in mpmath.eigh(A.H * A)[0])


def exact_masses(M: sp.Matrix, point: dict) -> list:
    A = mpmath.matrix([[mpmath.mpmathify(sp.N(x.subs(point), DPS + 10)) for x in row]
                       for row in M.tolist()])
    return singular_values(A)


@pytest.fixture(scope="module")
def numbers(three_generations):
    """Per scan point ``t``: exact masses, light and heavy group blocks, delta^1 part of
    the heavy block (for the planted error)."""
    M, values, alg, bd, heavy, light, _ = three_generations
    delta_index = alg.small_symbols.index(delta)
    out = {}
    with mpmath.workdps(DPS):
        for t in (T0, T0 / 2):
            point = {**values, eps: t, delta: t}
            gens = generator_values(alg, point)
            out[t] = {
                "exact": exact_masses(M, point),
                "light": evaluate(light.groups[0].exact_block, gens),
                "heavy": evaluate(heavy.groups[0].exact_block, gens),
                "heavy_delta": evaluate(
                    heavy.groups[0].exact_block, gens,
                    lambda m: alg.small_exponents(m)[delta_index] == 1),
            }
    return out


def errors(numbers: dict, t, plant_heavy: bool = False, plant_light: bool = False) -> list:
    """Relative errors of the three light masses and of the three pseudo-Dirac splittings."""
    at = numbers[t]
    exact = at["exact"]
    light_block, heavy_block = at["light"], at["heavy"]
    if plant_heavy:  # the delta mu part of the heavy block off by a factor (1 + delta)
        heavy_block = heavy_block + float(t) * at["heavy_delta"]
    if plant_light:  # light block off by a factor (1 + delta): wrong at kept order
        light_block = light_block * (1 + float(t))
    light_masses = singular_values(light_block)
    heavy_masses = singular_values(heavy_block)
    out = [abs(a - b) / b for a, b in zip(light_masses, exact[:N_GEN])]
    for k in range(0, 2 * N_GEN, 2):
        split = exact[N_GEN + k + 1] - exact[N_GEN + k]
        approx = heavy_masses[k + 1] - heavy_masses[k]
        out.append(abs(approx - split) / split)
    return out


def slopes(numbers: dict, **plant) -> list[float]:
    with mpmath.workdps(DPS):
        before = errors(numbers, T0, **plant)
        after = errors(numbers, T0 / 2, **plant)
        return [float(mpmath.log(a / b, 2)) for a, b in zip(before, after)]


def test_heavy_block_is_one_group_of_three_pseudo_dirac_pairs(three_generations):
    *_, heavy, light, _ = three_generations
    (group,) = heavy.groups
    assert group.indices == tuple(range(2 * N_GEN))
    assert group.reason.startswith("pseudo-Dirac pairs")
    assert [g.indices for g in light.groups] == [tuple(range(N_GEN))]


def test_light_masses_and_splittings_fall_with_the_predicted_slope(numbers):
    assert all(s > 1.7 for s in slopes(numbers))


def test_planted_wrong_mu_coefficient_fails_the_splitting_check(numbers):
    assert min(slopes(numbers, plant_heavy=True)[N_GEN:]) < 1.3


def test_planted_wrong_light_block_fails_the_light_mass_check(numbers):
    assert max(slopes(numbers, plant_light=True)[:N_GEN]) < 1.3


def test_inverse_of_m_r_carries_one_atom_pair(three_generations):
    # 1/det M_N and its conjugate; Gauss-Jordan would add the atoms of the 2x2 pivots
    _, _, alg, *_ = three_generations
    assert sum(1 for g in alg.registry.generators if g.kind == ATOM) == 2


# light-block terms per entry, series products per kernel (the python kernel's zero test
# clears the atoms with series products, the flint kernel reduces modulo the atom
# relations), flint block products (recorded once)
PINNED_LIGHT_TERMS = [774, 1179, 1179, 1179, 774, 1179, 1179, 1179, 774]
PINNED_PRODUCTS = {"flint": 1668, "python": 1740}
PINNED_BLOCK_PRODUCTS = 1044


def test_block_diagonalization_does_the_pinned_work(three_generations):
    *_, bd, _, _, counters = three_generations
    assert bd.iterations == 1
    assert [len(x.terms) for row in bd.light.rows for x in row] == PINNED_LIGHT_TERMS
    assert counters["series_products"] == PINNED_PRODUCTS[series.KERNEL]
    if series.KERNEL == "flint":
        assert counters["block_products"] == PINNED_BLOCK_PRODUCTS
