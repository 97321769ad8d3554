"""The seed 001 appendix audit (``seed001-appendix``): verdicts of Eqs. (37), (38), (41),
the ambiguity rows of the garbled A-18, the causes, and the audit files."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import sympy as sp

from symseesaw.output.audit import write_audit
from symseesaw.papers.seed001 import appendix
from symseesaw.papers.seed001 import model as paper
from symseesaw.registry import load_registry


@pytest.fixture(scope="module")
def result():
    return appendix.derive()


def _verdicts(result, equation: str, reading_prefix: str | None = "") -> Counter:
    return Counter(c.verdict for c in result.comparisons if c.equation == equation
                   and (reading_prefix is None or (c.reading or "").startswith(reading_prefix)))


def test_appendix_is_registered():
    assert load_registry()["seed001-appendix"] is appendix


def test_eq37_only_ue3_squared_differs(result):
    rows = [c for c in result.comparisons if c.equation == "37"]
    assert [c.verdict for c in rows] == ["differs"] + ["agrees"] * 6


def test_eq37_ue3_squared_lacks_the_r1_squared_R_term(result):
    (row,) = [c for c in result.comparisons if c.equation == "37" and c.entry == [1]]
    assert row.lowest_differing_order == {"epsilon": 0, "r_1": 2, "R": 1}
    assert "printed 0" in row.note


def test_eq38_agrees_entry_by_entry(result):
    assert _verdicts(result, "38") == Counter({"agrees": 7})


def test_eq41_symbolic_in_both_orderings(result):
    rows = [c for c in result.comparisons if c.equation == "41" and c.entry == [1]]
    # both orderings, then the summary row (reading None) of the entry
    assert [c.reading for c in rows] == ["NO", "IO", None]
    assert all(c.verdict == "agrees" for c in rows)


def test_eq41_numbers_match_exact_diagonalization():
    exact = appendix.exact_angles_eq41(dps=30)
    assert abs(float(exact["sin2_theta13"]) - 0.0196) < 5e-4
    assert abs(float(exact["sin2_theta23"]) - 0.585) < 5e-3
    assert abs(float(exact["sin2_theta12"]) - 1 / 3) < 1e-3


def test_square_comparison_catches_a_wrong_coefficient():
    amplitude = appendix.mixing_elements("NO")[0]
    wrong = 3 * paper.r1**2 * (paper.y_taup / paper.y_tau) ** 2
    c = appendix._square_comparison("NO", 0, amplitude, wrong, "NO", appendix._eq41_conditions())
    assert c.verdict == "differs"
    assert c.lowest_differing_order["r_1"] == 2


def test_a18a_reading_a_resolves_every_ambiguous_entry(result):
    assert _verdicts(result, "A-18a", "reading A") == Counter({"agrees": 25})
    ambiguous = [c for c in result.comparisons if c.equation == "A-18a"
                 and c.verdict == "ambiguous"]
    assert len(ambiguous) == 9
    assert all("reading A" in c.note for c in ambiguous)


def test_a16a_first_order_matrix_agrees(result):
    assert _verdicts(result, "A-16a") == Counter({"agrees": 25})


def test_verdict_totals(result):
    counts = Counter(c.verdict for c in result.comparisons)
    # every reading's row plus one summary row per entry judged under several readings
    assert counts == Counter({"agrees": 286 + 49, "differs": 102 + 27, "ambiguous": 3 + 13})


def test_headline_counts_count_each_printed_entry_once(result):
    assert result.headline_counts() == {"agrees": 163, "differs": 39, "ambiguous": 13}


def test_suspected_readings_do_not_vote_in_the_summary(result):
    (a3,) = [c for c in result.comparisons
             if c.equation == "A-3" and c.entry == [1, 2] and c.reading is None]
    assert a3.verdict == "differs" and "do not vote" in a3.note


def test_scenarios_are_cases_of_one_claim_so_one_failing_scenario_is_an_erratum(result):
    rows = [c for c in result.comparisons if c.equation == "A-11" and c.entry == [1, 3]]
    assert {c.verdict for c in rows if c.reading == "as printed"} == {"agrees"}
    (summary,) = [c for c in rows if c.reading is None]
    assert summary.verdict == "differs" and "scenario IIA" in summary.note


def test_causes_are_named(result):
    assert len(result.causes) == len(appendix.CAUSES) >= 5
    assert any("v'/v" in cause for cause in result.causes)


def test_audit_files_carry_schema_source_and_causes(result, tmp_path):
    write_audit(result, tmp_path, source=appendix.SOURCE)
    doc = json.loads((tmp_path / "seed001-appendix-audit.json").read_text())
    assert doc["schema"] == "symseesaw-audit/1"
    assert doc["source"]["file"] == "001_6200b3fc7d1f06f2.txt"
    assert doc["causes"] == result.causes
    entry = next(v for v in doc["verdicts"] if v["equation"] == "37" and v["entry"] == [1])
    assert entry["verdict"] == "differs"
    md = (tmp_path / "seed001-appendix-audit.md").read_text()
    assert "## Causes of families of differences" in md


def test_proofs_pass_for_every_derived_formula(result):
    report = appendix.prove(result, dps=50)
    assert report.passed
    names = [s.quantity for s in report.slopes]
    assert any(n.startswith("A-16/A-17 NO") for n in names)
    assert any(n.startswith("A-18/A-19 IO") for n in names)
    assert any(n.startswith("U_e3 claim") for n in names)
    assert sp.Integer(len(names)) >= 30


def test_json_is_self_contained_and_rechecks_without_symseesaw(result, tmp_path):
    from json_recheck.runner import recheck_files

    from symseesaw.output.json_io import result_to_json, write_json

    doc = result_to_json(result)
    assert {"kappa", "M_2"} <= set(doc["definitions"])
    (report,), imported = recheck_files([write_json(result, tmp_path / "appendix.json")])
    assert imported == [] and report["ok"], report["problems"]
    # five masses, each converging at least like the truncation predicts
    assert len(report["slopes"]) == 5 and min(report["slopes"]) > 2.5
