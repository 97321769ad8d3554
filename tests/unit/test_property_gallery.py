"""Property-based correctness on the gallery models (issue 13 item 7): zero wrong numbers.

Hypothesis draws random complex couplings (and heavy masses) for each gallery
model -- type I 3+3 with complex ``M_D`` (blocks mode), linear seesaw, type
I + II, a degenerate heavy pair (blocks mode), the 2x2 toy and the 1-generation
inverse seesaw with its pseudo-Dirac pair (full mode) -- and compares the
engine's results at one small scale ``t = 1e-4`` with an oracle that uses
only mpmath at 60 digits, no symseesaw numerics:

* Takagi values of ``M`` = its singular values (``mpmath.svd_c``): the light
  (heavy) block's singular values must match the ``n_light`` smallest
  (``n_heavy`` largest) ones, and full-mode ``|m_k|`` all of them;
* the defining properties of the mixing: ``W^H W = 1`` and ``(W^T M W)`` has no
  light-heavy block; ``U^H U = 1`` and ``U^T M U`` is diagonal outside the
  quasi-degenerate pairs (states with ``|m|`` equal to 1 %).

Every result is kept to order ``N = min(order)``, so each error must be below
``C t**(N+1)`` on the scale of its block (``C = 100``); a wrong coefficient at
order ``N`` or below gives an error ``~ t**N``, 100 times the bound.  Tests at
the end plant such a coefficient and show the same check failing.
"""

from __future__ import annotations

import functools

import mpmath
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symseesaw.api import seesaw_blocks, seesaw_expansion

eps, delta, kappa = sp.symbols("epsilon delta kappa", positive=True)
M = sp.Symbol("M", positive=True)
T = mpmath.mpf("1e-4")
DPS = 60
C = 100
EXAMPLES = settings(max_examples=3, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


# ------------------------------------------------------------------------------ models
def type_one_3p3():
    d = sp.Matrix(3, 3, lambda i, j: sp.Symbol(f"d_{i + 1}{j + 1}"))
    R = sp.diag(*sp.symbols("M_1:4", positive=True))
    return sp.Matrix(sp.BlockMatrix([[sp.zeros(3), eps * d], [eps * d.T, R]])), 3, {eps: 2}


def linear_seesaw():
    y, w = sp.symbols("y w")
    return (sp.Matrix([[0, eps * y, kappa * w], [eps * y, 0, M], [kappa * w, M, 0]]), 1,
            {eps: 2, kappa: 2})


def type_one_plus_two():
    L = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"l_{min(i, j) + 1}{max(i, j) + 1}"))
    d = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"d_{i + 1}{j + 1}"))
    R = sp.diag(*sp.symbols("M_1:3", positive=True))
    return (sp.Matrix(sp.BlockMatrix([[delta * L, eps * d], [eps * d.T, R]])), 2,
            {eps: 2, delta: 1})


def degenerate_heavy_pair():
    """Type I 2+2 with ``M_R = M (1 + delta X)``: the heavy pair is split at order delta."""
    d = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"d_{i + 1}{j + 1}"))
    X = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"x_{min(i, j) + 1}{max(i, j) + 1}", real=True))
    MR = M * (sp.eye(2) + delta * X)
    return (sp.Matrix(sp.BlockMatrix([[sp.zeros(2), eps * d], [eps * d.T, MR]])), 2,
            {eps: 2, delta: 1})


def toy():
    m = sp.Symbol("m")
    return sp.Matrix([[0, eps * m], [eps * m, M]]), 1, {eps: 4}


def inverse_seesaw():
    y, mu = sp.symbols("y mu")
    return (sp.Matrix([[0, eps * y, 0], [eps * y, 0, M], [0, M, delta * mu]]), 1,
            {eps: 2, delta: 1})


BLOCKS = {"type I 3+3": type_one_3p3, "linear seesaw": linear_seesaw,
          "type I+II": type_one_plus_two, "degenerate heavy pair": degenerate_heavy_pair}
FULL = {"2x2 toy": toy, "inverse seesaw 1 gen": inverse_seesaw}


@functools.cache
def derived(name: str):
    """(matrix, n_light, small, engine result, evaluator of the result) -- once per model."""
    matrix, n_light, small = {**BLOCKS, **FULL}[name]()
    if name in BLOCKS:
        result = seesaw_blocks(matrix, n_light, small)
        quantities = [result.light_mass_matrix, result.heavy_mass_matrix, result.W]
    else:
        result = seesaw_expansion(matrix, n_light, small)
        quantities = [result.mixing_matrix, sp.Matrix([result.masses])]
    symbols = sorted(matrix.free_symbols, key=str)
    evaluate = sp.lambdify(symbols, [matrix, *quantities], "mpmath")
    return matrix, n_light, small, symbols, evaluate


# ------------------------------------------------------------------------------ drawing
def part():
    return st.integers(-10, 10).map(lambda k: mpmath.mpf(k) / 10)


@st.composite
def couplings(draw, symbols, small):
    """A point: small parameters at ``T``, complex couplings, heavy masses in [1, 3]."""
    point = {}
    for s in symbols:
        if s in small:
            point[s] = T
        elif s.is_positive:  # heavy masses, well apart
            point[s] = mpmath.mpf(draw(st.integers(10, 30))) / 10
        elif s.is_real:
            point[s] = draw(part())
        else:
            z = mpmath.mpc(draw(part()), draw(part()))
            point[s] = z if abs(z) >= mpmath.mpf("0.2") else mpmath.mpc("0.5", "0.3")
    heavy = sorted(v for s, v in point.items() if s.is_positive and s not in small)
    if any(b - a < mpmath.mpf("0.3") for a, b in zip(heavy, heavy[1:])):
        heavy = [1 + k for k in range(len(heavy))]
        point.update(zip([s for s in symbols if s.is_positive and s not in small], heavy))
    return point


def at_point(name: str, point: dict) -> list:
    _, _, _, symbols, evaluate = derived(name)
    with mpmath.workdps(DPS):
        return [mpmath.matrix(x) for x in evaluate(*[point[s] for s in symbols])]


# ------------------------------------------------------------------------------ the oracle
def singular_values(A: mpmath.matrix) -> list:
    return sorted(mpmath.svd_c(A, compute_uv=False))


def block_errors(Mn, light, heavy, W, n_light: int) -> dict[str, mpmath.mpf]:
    """Errors of a blocks-mode result, each on the scale of its block."""
    n = Mn.rows
    sv = singular_values(Mn)
    light_sv, heavy_sv = singular_values(light), singular_values(heavy)
    D = W.T * Mn * W
    coupling = max(abs(D[i, j]) for i in range(n_light) for j in range(n_light, n))
    unitarity = mpmath.mnorm(W.H * W - mpmath.eye(n), 1)
    return {
        "light singular values": max(abs(a - b) for a, b in zip(light_sv, sv[:n_light]))
        / sv[n_light - 1],
        "heavy singular values": max(abs(a - b) for a, b in zip(heavy_sv, sv[n_light:]))
        / sv[-1],
        "light-heavy block of W^T M W": coupling / sv[-1],
        "unitarity of W": unitarity,
    }


def full_errors(Mn, U, masses) -> dict[str, mpmath.mpf]:
    """Errors of a full-mode result: |m| per mass, and U's defining properties."""
    n = Mn.rows
    sv = singular_values(Mn)
    m = [masses[0, k] for k in range(n)]
    order = sorted(range(n), key=lambda k: abs(m[k]))
    D = U.T * Mn * U
    pairs = {(i, j) for i in range(n) for j in range(n)
             if abs(abs(m[i]) - abs(m[j])) <= mpmath.mpf("0.01") * max(abs(m[i]), abs(m[j]))}
    return {
        "masses": max(abs(abs(m[k]) - s) / s for k, s in zip(order, sv)),
        "U^T M U off the diagonal": max(abs(D[i, j]) for i in range(n) for j in range(n)
                                        if (i, j) not in pairs) / sv[-1],
        "unitarity of U": mpmath.mnorm(U.H * U - mpmath.eye(n), 1),
    }


def bound(small: dict) -> mpmath.mpf:
    return C * T ** (min(small.values()) + 1)


def assert_within(errors: dict, small: dict) -> None:
    with mpmath.workdps(DPS):
        limit = bound(small)
        too_large = {k: mpmath.nstr(v, 3) for k, v in errors.items() if v > limit}
    assert not too_large, f"above {mpmath.nstr(limit, 3)}: {too_large}"


# ------------------------------------------------------------------------------ properties
@pytest.mark.parametrize("name", [*BLOCKS, *FULL])
@EXAMPLES
@given(data=st.data())
def test_gallery_model_agrees_with_the_mpmath_oracle(name, data):
    _, n_light, small, symbols, _ = derived(name)
    values = at_point(name, data.draw(couplings(symbols, small)))
    with mpmath.workdps(DPS):
        errors = block_errors(*values, n_light) if name in BLOCKS else full_errors(*values)
    assert_within(errors, small)


# ------------------------------------------------------------------------------ the check can fail
def fixed_point(symbols, small) -> dict:
    values = iter([mpmath.mpc("0.7", "-0.4"), mpmath.mpc("-0.3", "0.9"), mpmath.mpc("0.5", "0.5"),
                   mpmath.mpc("-0.8", "0.1"), mpmath.mpc("0.2", "-0.6"), mpmath.mpc("0.9", "0.3"),
                   mpmath.mpc("-0.5", "-0.5"), mpmath.mpc("0.4", "0.8"), mpmath.mpc("-0.6", "0.2")])
    heavy = iter([1, 2, 3])
    return {s: T if s in small else mpmath.mpf(next(heavy)) if s.is_positive else next(values)
            for s in symbols}


def test_type_one_light_block_with_a_wrong_fourth_order_coefficient_is_caught():
    matrix, n_light, small, symbols, _ = derived("type I 3+3")
    point = fixed_point(symbols, small)
    Mn, light, heavy, W = at_point("type I 3+3", point)
    result = seesaw_blocks(matrix, n_light, small)
    fourth = result.coefficient("light_mass_matrix", eps**4) * eps**4  # M_D^4/M_R^3 term
    planted = sp.lambdify(symbols, fourth, "mpmath")
    with mpmath.workdps(DPS):
        wrong = light + mpmath.matrix(planted(*[point[s] for s in symbols]))  # doubled
        errors = block_errors(Mn, wrong, heavy, W, n_light)
        assert errors["light singular values"] > 10 * bound(small)
        assert block_errors(Mn, light, heavy, W, n_light)["light singular values"] < bound(small)


def test_inverse_seesaw_pair_with_a_wrong_splitting_is_caught():
    matrix, n_light, small, symbols, _ = derived("inverse seesaw 1 gen")
    point = fixed_point(symbols, small)
    Mn, U, masses = at_point("inverse seesaw 1 gen", point)
    wrong_point = {**point, sp.Symbol("mu"): 2 * point[sp.Symbol("mu")]}  # splitting doubled
    _, _, wrong_masses = at_point("inverse seesaw 1 gen", wrong_point)
    with mpmath.workdps(DPS):
        assert full_errors(Mn, U, wrong_masses)["masses"] > 10 * bound(small)
        assert full_errors(Mn, U, masses)["masses"] < bound(small)
