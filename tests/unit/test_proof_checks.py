"""Both order proofs refuse bad input with one set of checks, and the blocks scan does no
repeated exact work.

The full-mode proof (``prove_expansion``) and the blocks-mode proof
(``prove_block_quantities``) share :mod:`symseesaw.numerics.proof_checks`: the same
input gets the same one-line message from both. The blocks proof's exact work is
pinned as a count of singular value decompositions per scan point, not as a time.
"""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw.api import seesaw_blocks, seesaw_expansion
from symseesaw.numerics import proof_blocks, prove_expansion
from symseesaw.numerics.proof_blocks import prove_block_quantities
from symseesaw.parsing.limits import MIN_DPS

eps = sp.Symbol("epsilon", positive=True)
M, m = sp.symbols("M m", positive=True)
TOY = sp.Matrix([[0, eps * m], [eps * m, M]])
# 2 light + 1 heavy with a rank-one Dirac column: one light state is exactly massless
a, b = sp.symbols("a b", positive=True)
RANK_ONE = sp.Matrix([[0, 0, eps * a], [0, 0, eps * b], [eps * a, eps * b, M]])
SCAN = (0.04, 0.02, 0.01, 0.005)


@pytest.fixture(scope="module")
def toy_blocks():
    return seesaw_blocks(TOY, 1, {eps: 2})


@pytest.fixture(scope="module")
def toy_expansion():
    return seesaw_expansion(TOY, 1, {eps: 2})


def refusal_of_both(toy_blocks, toy_expansion, **kwargs) -> tuple[str, str]:
    """Messages of the ValueError each proof raises for the same bad input."""
    inputs = {"base_point": {M: 1.3, m: 0.7}, "direction": {eps: 1.0}, **kwargs}
    with pytest.raises(ValueError) as full:
        prove_expansion(TOY, toy_expansion.mixing_matrix, toy_expansion.masses,
                        symbols=[eps, M, m], small={eps: 2}, **inputs)
    with pytest.raises(ValueError) as blocks:
        prove_block_quantities(TOY, 1, toy_blocks.light_mass_matrix,
                               toy_blocks.heavy_mass_matrix, toy_blocks.W, small={eps: 2},
                               **inputs)
    return str(full.value), str(blocks.value)


def test_both_proofs_refuse_a_precision_below_the_project_minimum_alike(toy_blocks,
                                                                         toy_expansion):
    full, blocks = refusal_of_both(toy_blocks, toy_expansion, dps=MIN_DPS - 1)
    assert full == blocks
    assert f"at least {MIN_DPS} digits" in blocks


def test_both_proofs_refuse_a_base_value_violating_an_assumption_alike(toy_blocks,
                                                                         toy_expansion):
    full, blocks = refusal_of_both(toy_blocks, toy_expansion, base_point={M: -1.3, m: 0.7})
    assert full == blocks
    assert "assumption positive=True of the symbol M" in blocks


def test_both_proofs_refuse_a_small_parameter_that_is_not_small_alike(toy_blocks,
                                                                        toy_expansion):
    full, blocks = refusal_of_both(toy_blocks, toy_expansion, t_values=(0.9, 0.5, 0.2))
    assert full == blocks
    assert "is not small" in blocks


def count_decompositions(monkeypatch) -> list[int]:
    """Sizes of the matrices whose singular values the blocks proof computes."""
    sizes: list[int] = []
    original = proof_blocks._singular_values

    def counted(A):
        sizes.append(A.rows)
        return original(A)

    monkeypatch.setattr(proof_blocks, "_singular_values", counted)
    return sizes


def test_blocks_proof_decomposes_m_once_per_point_without_a_zero_mode(monkeypatch, toy_blocks):
    sizes = count_decompositions(monkeypatch)
    report = prove_block_quantities(TOY, 1, toy_blocks.light_mass_matrix,
                                    toy_blocks.heavy_mass_matrix, toy_blocks.W,
                                    small={eps: 2}, base_point={M: 1.3, m: 0.7}, t_values=SCAN)
    assert report.passed
    # per point: M, the light block, the heavy block; nothing again at twice the digits
    assert sizes == [2, 1, 1] * len(SCAN)


def test_blocks_proof_judges_a_zero_mode_at_twice_the_digits(monkeypatch):
    blocks = seesaw_blocks(RANK_ONE, 2, {eps: 2})
    sizes = count_decompositions(monkeypatch)
    report = prove_block_quantities(RANK_ONE, 2, blocks.light_mass_matrix,
                                    blocks.heavy_mass_matrix, blocks.W, small={eps: 2},
                                    base_point={M: 1.0, a: 1.0, b: 0.5}, t_values=SCAN)
    assert report.passed
    assert any(s.status == "zero mode" for s in report.slopes)
    # per point: M, light, heavy at dps, then M and light again at 2 dps + 20
    assert sizes == [3, 2, 1, 3, 2] * len(SCAN)
