"""The blocks-mode gallery (docs/gallery.md), each model with its order proof.

Closed forms are derived in docs/gallery.md and typed here by hand from that
derivation (Grimus-Lavoura's O(M_D^4/M_R^3) light-mass correction, the type
I+II and linear-seesaw leading masses, the 2x2 rotation); the engine must
reproduce them exactly, and the numeric proof must show the predicted slopes.
"""

from __future__ import annotations

import random

import pytest
import sympy as sp

from symseesaw.api import seesaw_blocks
from symseesaw.facade import prove

eps = sp.Symbol("epsilon", positive=True)
delta = sp.Symbol("delta", positive=True)
kappa = sp.Symbol("kappa", positive=True)
M, m = sp.symbols("M m", positive=True)
FAST_SCAN = [0.04, 0.02, 0.01, 0.005]


def zero(matrix) -> bool:
    return sp.Matrix(matrix).applyfunc(sp.expand) == sp.zeros(*sp.Matrix(matrix).shape)


def random_point(symbols, seed):
    """Reproducible point (symbols sorted by name: set order varies between processes)."""
    rng = random.Random(seed)
    return {s: complex(rng.uniform(-1, 1), rng.uniform(-1, 1)) if not s.is_real
            else rng.uniform(0.5, 1.5) for s in sorted(symbols, key=str)}


# -- type I, 3+3, general complex M_D: Grimus-Lavoura to relative order 2 ----------------

def type_one_three_plus_three():
    d = sp.Matrix(3, 3, lambda i, j: sp.Symbol(f"d_{i + 1}{j + 1}"))  # complex
    R = sp.diag(*sp.symbols("M_1:4", positive=True))
    matrix = sp.Matrix(sp.BlockMatrix([[sp.zeros(3), eps * d], [eps * d.T, R]]))
    return matrix, eps * d, R


@pytest.fixture(scope="module")
def type_one():
    matrix, D, R = type_one_three_plus_three()
    return matrix, D, R, seesaw_blocks(matrix, 3, {eps: 2})


def test_type_one_light_block_is_grimus_lavoura_to_fourth_order(type_one):
    _, D, R, blocks = type_one
    B = D * R.inv()
    A = D * R.inv() * D.T
    closed = -A + (B * B.H * A + A * B.conjugate() * B.T) / 2
    assert zero(blocks.light_mass_matrix - closed)


def test_type_one_heavy_block_to_relative_second_order(type_one):
    _, D, R, blocks = type_one
    B = D * R.inv()
    closed = (R + B.H * D + D.T * B.conjugate()
              - (R * B.T * B.conjugate() + B.H * B * R) / 2)
    assert zero(blocks.heavy_mass_matrix - closed)


def test_type_one_proof_passes(type_one):
    matrix, _, R, blocks = type_one
    point = random_point(matrix.free_symbols - {eps}, seed=3)
    point.update({R[0, 0]: 1.0, R[1, 1]: 2.2, R[2, 2]: 3.5})
    report = prove(blocks, point, t_values=FAST_SCAN, dps=40)
    assert report.passed and len(report.slopes) == 6 + 36


# -- type I + II with a small non-zero M_L -------------------------------------------

def type_one_plus_two():
    L = sp.Matrix([[sp.Symbol("l_11"), sp.Symbol("l_12")], [sp.Symbol("l_12"), sp.Symbol("l_22")]])
    d = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"d_{i + 1}{j + 1}", real=True))
    R = sp.diag(*sp.symbols("M_1:3", positive=True))
    matrix = sp.Matrix(sp.BlockMatrix([[delta * L, eps * d], [eps * d.T, R]]))
    return matrix, delta * L, eps * d, R


def test_type_one_plus_two_leading_block_keeps_both_terms():
    matrix, ML, D, R = type_one_plus_two()
    blocks = seesaw_blocks(matrix, 2, {eps: 0, delta: 0})
    assert zero(blocks.light_mass_matrix - (ML - D * R.inv() * D.T))


def test_type_one_plus_two_proof_passes():
    matrix, _, _, R = type_one_plus_two()
    blocks = seesaw_blocks(matrix, 2, {eps: 2, delta: 1})
    point = random_point(matrix.free_symbols - {eps, delta}, seed=5)
    point.update({R[0, 0]: 1.0, R[1, 1]: 2.0})
    report = prove(blocks, point, t_values=[0.02, 0.01, 0.005, 0.0025], dps=40)
    assert report.passed


# -- linear seesaw ---------------------------------------------------------------------

def linear_seesaw():
    y, w = sp.symbols("y w")  # complex couplings
    return sp.Matrix([[0, eps * y, kappa * w], [eps * y, 0, M], [kappa * w, M, 0]]), y, w


def test_linear_seesaw_leading_mass_is_linear_in_each_coupling():
    matrix, y, w = linear_seesaw()
    blocks = seesaw_blocks(matrix, 1, {eps: 0, kappa: 0})
    assert sp.expand(blocks.light_mass_matrix[0, 0] + 2 * eps * kappa * y * w / M) == 0


def test_linear_seesaw_proof_passes():
    matrix, _, _ = linear_seesaw()
    blocks = seesaw_blocks(matrix, 1, {eps: 2, kappa: 2})
    point = random_point(matrix.free_symbols - {eps, kappa}, seed=7)
    point[M] = 1.0
    report = prove(blocks, point, t_values=FAST_SCAN, dps=40)
    assert report.passed


# -- the 2x2 toy to order 10 -----------------------------------------------------------

@pytest.fixture(scope="module")
def toy_ten():
    matrix = sp.Matrix([[0, eps * m], [eps * m, M]])
    return matrix, seesaw_blocks(matrix, 1, {eps: 10})


def test_toy_to_order_ten_matches_the_closed_form(toy_ten):
    _, blocks = toy_ten
    light = (M - sp.sqrt(M**2 + 4 * eps**2 * m**2)) / 2
    heavy = (M + sp.sqrt(M**2 + 4 * eps**2 * m**2)) / 2
    theta = sp.atan(2 * eps * m / M) / 2
    assert sp.expand(blocks.light_mass_matrix[0, 0]
                     - sp.series(light, eps, 0, 13).removeO()) == 0
    assert sp.expand(blocks.heavy_mass_matrix[0, 0]
                     - sp.series(heavy, eps, 0, 11).removeO()) == 0
    assert sp.expand(blocks.W[0, 1] - sp.series(sp.sin(theta), eps, 0, 11).removeO()) == 0


def test_toy_to_order_ten_proof_passes(toy_ten):
    _, blocks = toy_ten
    report = prove(blocks, {M: 1.0, m: 0.8}, dps=80, t_values=[0.05, 0.025, 0.0125, 0.00625])
    assert report.passed
    assert all(s.predicted == 11 for s in report.slopes)
