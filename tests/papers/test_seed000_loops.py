"""Seed 000 one-loop equations (8, 11-14, 18-23): verdicts pinned, M_1 = M_2 limits proven numerically."""

from __future__ import annotations

import pytest

from symseesaw.papers.seed000 import loops as loops_d


@pytest.fixture(scope="module")
def result():
    return loops_d.derive()


def verdicts(result, eq):
    return [(tuple(c.entry), c.reading, c.verdict) for c in result.comparisons if c.equation == eq]


def only(result, eq):
    return {v for _, _, v in verdicts(result, eq)}


def test_registry_contract():
    assert loops_d.NAME == "seed000-loops" and "23" in loops_d.EQUATIONS


def test_eq12_bracket_follows_from_the_triangle(result):
    assert only(result, "12") == {"agrees"}


@pytest.mark.parametrize("eq", ["13", "14", "21", "22"])
def test_equal_mass_forms_and_seesaw_factors_agree_entry_by_entry(result, eq):
    assert only(result, eq) == {"agrees"}
    assert len(verdicts(result, eq)) >= 6


def test_seesaw_factors_have_rank_two_and_nu_tau_stays_massless(result):
    v = {e: verd for e, _, verd in verdicts(result, "14")}
    assert v[(1,)] == "agrees" and v[(2,)] == "agrees"
    assert {e: verd for e, _, verd in verdicts(result, "22")}[(1,)] == "agrees"


def test_eq19_as_extracted_has_a_primed_mass_where_the_triangle_has_m_H(result):
    v = {r: verd for _, r, verd in verdicts(result, "19")}
    assert v["as extracted"] == "differs"
    assert [verd for r, verd in v.items() if (r or "").startswith("second denominator")] == ["agrees"]


def test_eq20_is_the_heavy_mirror_limit_and_eq23_holds_in_general(result):
    assert only(result, "20") == {"agrees"}
    assert only(result, "23") == {"agrees"}


def test_eq8_is_an_order_of_magnitude_statement(result):
    (c,) = [c for c in result.comparisons if c.equation == "8"]
    assert c.verdict == "ambiguous" and "1.58" in c.note


def test_prove_measures_the_approach_to_the_printed_limits(result):
    report = loops_d.prove(result, dps=30)
    assert report.passed
    s = {x.quantity: x.measured for x in report.slopes}
    assert abs(s["Eq. (13): Eq. (11) as M_2 -> M_1"] - 1) < 0.1
    assert abs(s["Eq. (21): Eq. (18)+(20) as M_2 -> M_1"] - 1) < 0.1
    assert 1.75 < s["Eq. (20): derived Eq. (19) as m_H/m'_H -> 0"] < 2.1


def test_eq19_summary_is_ambiguous_between_the_garbled_and_the_unprimed_reading(result):
    rows = [c for c in result.comparisons if c.equation == "19"]
    assert [(c.reading, c.verdict) for c in rows] == [
        ("as extracted", "differs"),
        ("second denominator (M_R^2)_gg - m_H^2 (unprimed)", "agrees"),
        (None, "ambiguous")]
    assert result.errata() == []


def test_json_rechecks_without_symseesaw(result, tmp_path):
    from json_recheck.runner import recheck_files

    from symseesaw.output.json_io import write_json

    (report,), imported = recheck_files([write_json(result, tmp_path / "loops.json")])
    assert imported == [] and report["ok"], report["problems"]
