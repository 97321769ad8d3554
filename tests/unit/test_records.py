"""One record: a DerivationResult reads its quantities from the expansion it holds.

The mixing matrix, the masses and the split by order of a derivation record
are the expansion's own (lazily built, cached) sympy, never copies; a record
without series holds a StoredExpansion; the proof-record writer is one
function for both JSON schemas; blocks-mode LaTeX uses the derivation writer's
matrix layout.
"""

from __future__ import annotations

import json

import pytest
import sympy as sp
from testkit.records import rotation_by_order, stored_record

from symseesaw.api import seesaw_expansion
from symseesaw.modelfile import (
    BlocksModelResult,
    blocks_to_json,
    blocks_to_latex,
    derive_model,
    parse_model,
)
from symseesaw.output.json_io import proof_to_json, result_from_json, result_to_json
from symseesaw.output.latex import matrix_lines
from symseesaw.result import DerivationResult, ProofReport, SlopeMeasurement, StoredExpansion

EPS, M = sp.Symbol("epsilon", positive=True), sp.Symbol("M", positive=True)


@pytest.fixture(scope="module")
def expansion():
    return seesaw_expansion(sp.Matrix([[0, EPS * M], [EPS * M, M]]), 1, {EPS: 2})


@pytest.fixture(scope="module")
def record(expansion):
    return DerivationResult.from_expansion(expansion, name="toy")


def test_record_mixing_matrix_is_the_expansions_cached_matrix(record, expansion):
    assert record.mixing_matrix is expansion.to_sympy("mixing")


def test_record_masses_are_the_expansions_cached_masses(record, expansion):
    assert record.masses is expansion.to_sympy("masses")


def test_record_split_by_order_is_the_expansions_split(record, expansion):
    assert record.mixing_by_order is expansion.by_order("mixing")
    assert sorted(record.mixing_by_order) == [0, 1, 2]


def test_record_takes_mass_matrix_small_and_convention_from_the_expansion(record, expansion):
    assert record.mass_matrix == expansion.mass_matrix
    assert record.small == {EPS: 2} and record.convention == expansion.convention
    assert record.symbols == [M, EPS]


def test_json_writes_what_the_held_expansion_says():
    # a value changed inside the held expansion reaches the JSON: nothing is copied
    result = stored_record(symbols=[EPS], small={EPS: 1}, mixing_by_order=rotation_by_order(EPS, 1),
                           masses=[-EPS**2 * M, M])
    result.expansion.masses[0] = 3 * EPS**2 * M  # a planted coefficient
    assert result_to_json(result)["masses"][0] == "3*M*epsilon**2"


def test_json_of_an_engine_record_writes_the_expansions_split(record, expansion):
    doc = result_to_json(record)
    assert doc["mixing_by_order"]["2"] == [[sp.sstr(x) for x in row]
                                           for row in expansion.by_order("mixing")[2].tolist()]


def test_loaded_record_holds_a_stored_expansion_and_writes_the_same_document(record):
    doc = json.loads(json.dumps(result_to_json(record)))
    back = result_from_json(doc)
    assert isinstance(back.expansion, StoredExpansion)
    assert result_to_json(back) == doc


def test_stored_expansion_names_what_it_does_not_hold():
    stored = StoredExpansion(mixing=sp.eye(2), masses=[M, M])
    with pytest.raises(KeyError, match="holds mixing, masses"):
        stored.to_sympy("W")
    with pytest.raises(KeyError, match="only of 'mixing'"):
        stored.by_order("masses")
    assert stored.by_order("mixing") == {}


# ------------------------------------------------------------------ one proof writer
def _report(measured: float) -> ProofReport:
    slope = SlopeMeasurement("masses", 3.0, measured, [1e-3, 1e-6], [0.1, 0.01])
    return ProofReport(direction={EPS: 1.0}, base_point={M: 1.5}, dps=30, slopes=[slope])


@pytest.mark.parametrize(("measured", "written"), [(float("nan"), None), (float("inf"), "inf"),
                                                   (float("-inf"), "-inf"), (2.5, 2.5)])
def test_proof_writer_writes_nan_as_null_and_infinities_as_text(measured, written):
    assert proof_to_json(_report(measured))["slopes"][0]["measured"] == written


BLOCKS_TOY = ('format = "symseesaw-model/1"\nn_light = 1\nmode = "blocks"\n'
              'matrix = [["0", "epsilon*y"], ["epsilon*y", "M"]]\n[small]\nepsilon = 2\n'
              '[symbols]\nM = { positive = true }\ny = { positive = true }\n')


@pytest.fixture(scope="module")
def blocks() -> BlocksModelResult:
    return derive_model(parse_model(BLOCKS_TOY))


def test_blocks_document_writes_the_proof_with_the_derivation_writer(blocks):
    report = _report(float("nan"))
    blocks.proof = report
    try:
        doc = blocks_to_json(blocks)
    finally:
        blocks.proof = None
    assert doc["proof"] == proof_to_json(report)
    assert doc["proof"]["slopes"][0]["measured"] is None
    json.dumps(doc, allow_nan=False)  # JSON-valid: no NaN token


def test_blocks_latex_lays_out_matrices_with_the_derivation_writer(blocks):
    tex = blocks_to_latex(blocks)
    assert "\n".join(matrix_lines("\\Theta", blocks.blocks.Theta)) in tex
    assert "\n".join(matrix_lines("\\eta", blocks.blocks.eta)) in tex
