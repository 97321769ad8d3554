"""The paper records built on the engine hold its expansion: U, masses and split read from it."""

from __future__ import annotations

import pytest

from symseesaw.api import SeesawExpansion
from symseesaw.result import StoredExpansion

ENGINE_DERIVATIONS = ["seed001-sec2", "seed001-sec4", "seed001-no", "seed001-io"]
STORED_DERIVATIONS = ["seed000-tree", "seed000-numerics"]


@pytest.mark.parametrize("name", ENGINE_DERIVATIONS)
def test_engine_paper_record_reads_its_quantities_from_the_engine_expansion(
        derivation_result, name):
    result = derivation_result(name)
    assert isinstance(result.expansion, SeesawExpansion)
    assert result.mixing_matrix is result.expansion.mixing_matrix
    assert result.masses is result.expansion.masses
    assert result.mixing_by_order is result.expansion.mixing_by_order


@pytest.mark.parametrize("name", STORED_DERIVATIONS)
def test_paper_record_without_series_holds_a_stored_expansion_without_a_split(
        derivation_result, name):
    result = derivation_result(name)
    assert isinstance(result.expansion, StoredExpansion)
    assert result.mixing_by_order == {}
