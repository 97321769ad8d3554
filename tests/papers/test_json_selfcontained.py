"""Every derivation JSON can be re-checked without symseesaw (issue 9 item 6).

``tests/json_recheck/recheck.py`` (sympy + mpmath, run in a fresh interpreter
that never imports symseesaw) reads a ``symseesaw-derivation/1`` file, checks
that every symbol of the results is a free symbol of ``mass_matrix`` or is
defined in ``"definitions"`` by free symbols, evaluates the matrix at a point,
diagonalizes it exactly and compares the masses within the truncation error.
The two expensive derivations are re-checked in their own test modules, on
the result those modules derive anyway (``test_seed000_loops.py``,
``test_seed001_appendix.py``).
"""

from __future__ import annotations

import json

import pytest
from json_recheck.runner import recheck_files

from symseesaw.output.json_io import write_json
from symseesaw.registry import load_registry

HERE = [
    "seed000-numerics", "seed000-tree", "seed001-io", "seed001-no", "seed001-sec2", "seed001-sec4",
]
ELSEWHERE = {"seed000-loops": "test_seed000_loops.py", "seed001-appendix": "test_seed001_appendix.py"}


@pytest.fixture(scope="module")
def documents(tmp_path_factory, derivation_result):
    out = tmp_path_factory.mktemp("json")
    return {name: write_json(derivation_result(name), out / f"{name}.json") for name in HERE}


@pytest.fixture(scope="module")
def reports(documents):
    found, imported = recheck_files(list(documents.values()))
    assert imported == []
    return {name: r for name, r in zip(documents, found, strict=True)}


def test_every_registered_derivation_is_rechecked():
    assert set(load_registry()) == set(HERE) | set(ELSEWHERE)


@pytest.mark.parametrize("name", HERE)
def test_json_rechecks_without_symseesaw(reports, name):
    assert reports[name]["ok"], reports[name]["problems"]


def test_series_masses_are_checked_at_their_truncation_order(reports):
    # x^4 masses of the Eq. (10) system: relative residual ~ t^6 (predicted >= t^5)
    assert all(s > 4.5 for s in reports["seed001-sec2"]["slopes"])


def _planted(documents, tmp_path, name, change):
    doc = json.loads(documents[name].read_text())
    change(doc)
    path = tmp_path / f"planted-{name}.json"
    path.write_text(json.dumps(doc))
    (report,), imported = recheck_files([path])
    assert imported == []
    return report


def test_a_wrong_mass_coefficient_is_caught(documents, tmp_path):
    def wrong(doc):  # light mass -x^2 k_1^2/M_1 + ...: one wrong x^4 coefficient
        doc["masses"][0] += " + x**4*k_1**4/M_1**3"
    report = _planted(documents, tmp_path, "seed001-sec2", wrong)
    assert not report["ok"] and "mass 1: relative residual falls like t^2" in report["problems"][0]


def test_a_symbol_neither_free_nor_defined_is_caught(documents, tmp_path):
    def undefined(doc):  # m_2^(0) is only a relation to the paper's symbols
        doc["masses"][1] = "m_2__0"
    report = _planted(documents, tmp_path, "seed001-no", undefined)
    assert not report["ok"]
    assert report["problems"] == ["symbol m_2__0 of the results is neither a free symbol of "
                                  "mass_matrix nor defined in 'definitions'"]


def test_a_symbol_without_its_complex_flag_is_caught(documents, tmp_path):
    def unflagged(doc):
        del doc["symbols"]["x"]["complex"]
    report = _planted(documents, tmp_path, "seed001-sec4", unflagged)
    assert report["problems"] == ["symbol x does not say whether it is complex"]


def test_relations_to_paper_symbols_are_kept_apart_from_definitions(documents):
    doc = json.loads(documents["seed001-sec4"].read_text())
    assert doc["definitions"] == {}
    assert doc["relations"] == {"x": "e/m_s", "r_a": "a/m_s", "r_d": "d/m_s"}
