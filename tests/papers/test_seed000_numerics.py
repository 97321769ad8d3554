"""Seed 000 numerical examples (27), (30), (33) against Tables I, II and the text of Sect. V."""

from __future__ import annotations

import mpmath
import pytest

from symseesaw.papers.seed000 import model
from symseesaw.papers.seed000 import numerics as num


@pytest.fixture(scope="module")
def result():
    return num.derive()


def by_reading(result, eq, prefix):
    return [c for c in result.comparisons
            if c.equation == eq and (c.reading or "").startswith(prefix)]


def verdict(result, eq, prefix):
    (c,) = by_reading(result, eq, prefix)
    return c.verdict


def test_tables_are_shipped_with_source_and_captions():
    t = num.load_tables()
    assert "000_0a3c8dd3bbe2272c" in t["source"]
    assert t["table_I"]["caption"].startswith("TABLE I")
    assert num.table_range(t, "dm2_41", "NH") == (1.62, 0.72, 2.53)
    assert num.table_range(t, "abs_dm2_31", "IH") == (2.43, 2.21, 2.64)


def test_angle_extraction_inverts_the_3p1_parametrization():
    with mpmath.workdps(30):
        angles = [mpmath.mpf(x) for x in ("0.6", "0.15", "0.8", "0.18", "0.1", "0.09")]
        got = model.angles_3p1(model.mixing_3p1(*angles))
        assert max(abs(a - b) for a, b in zip(angles, got.__dict__.values(), strict=True)) < 1e-25


@pytest.mark.parametrize("eq, ordering", [("27", "NH"), ("30", "IH"), ("33", "QD")])
def test_orderings_claimed_by_the_paper_hold(result, eq, ordering):
    (c,) = by_reading(result, eq, "mass ordering")
    assert str(c.derived) == ordering and c.verdict == "agrees"


@pytest.mark.parametrize("eq", ["27", "30", "33"])
def test_dm2_41_is_m4_squared_about_2_6_outside_the_3_sigma_range(result, eq):
    (c,) = by_reading(result, eq, "Table II: dm2_41")
    assert c.verdict == "differs"
    assert 2.6 < float(c.derived) < 2.62


@pytest.mark.parametrize("eq", ["27", "30", "33"])
def test_mee_is_between_0_05_and_0_1_and_mixing_is_of_order_ten_percent(result, eq):
    assert verdict(result, eq, "<m_ee>") == "agrees"
    assert verdict(result, eq, "active-sterile") == "agrees"


def test_model_I_reproduces_table_I_and_the_sterile_angles(result):
    for reading in ("Table I: dm2_21", "Table I: |dm2_31|", "Table I: theta12", "Table I: theta13",
                    "Table I: theta23", "Table II: theta14", "Table II: theta24",
                    "Table II: theta34"):
        assert verdict(result, "27", reading) == "agrees", reading


@pytest.mark.parametrize("eq", ["30", "33"])
def test_solar_splitting_of_models_II_III_is_above_range_but_within_rounding(result, eq):
    assert verdict(result, eq, "Table I: dm2_21") == "ambiguous"


def test_model_III_lightest_mass_is_m4_sin2_theta14(result):
    assert verdict(result, "33", "m1 ~ m4 sin^2 theta14") == "agrees"


@pytest.mark.parametrize("eq", ["27", "30", "33"])
def test_column_4_is_rebuilt_from_eq24_with_M_1e8_GeV(result, eq):
    cs = by_reading(result, eq, "rebuilt: Eq. (24)")
    assert [c.verdict for c in cs] == ["agrees"] * 3


def test_active_block_rebuild_needs_unprinted_inputs(result):
    rebuilt = {eq: {c.verdict for c in by_reading(result, eq, "rebuilt: Eq. (13)")}
               for eq in ("27", "30", "33")}
    assert rebuilt == {"27": {"agrees"}, "30": {"differs"}, "33": {"differs"}}
    for eq in ("27", "30", "33"):
        assert {c.verdict for c in by_reading(result, eq, "fitted")} == {"agrees"}
    assert verdict(result, "27", "Eq. (15)") == "ambiguous"


def summary_rows(result, eq):
    return {tuple(c.entry): c for c in result.comparisons if c.equation == eq and c.reading is None}


@pytest.mark.parametrize("eq", ["30", "33"])
def test_active_block_of_models_II_III_is_ambiguous_needing_an_undisclosed_correction(result, eq):
    rows = summary_rows(result, eq)
    assert set(rows) == {(1, 1), (1, 2), (1, 3), (2, 2), (2, 3), (3, 3)}
    assert {c.verdict for c in rows.values()} == {"ambiguous"}
    assert all("undisclosed size" in c.note for c in rows.values())


def test_active_block_of_model_I_agrees_under_both_readings(result):
    assert {c.verdict for c in summary_rows(result, "27").values()} == {"agrees"}


def test_headline_errata_are_only_the_dm2_41_entries(result):
    assert [(c.equation, c.entry) for c in result.errata()] == [
        ("27", [8]), ("30", [8]), ("33", [8])]
    assert result.headline_counts() == {"agrees": 49, "differs": 3, "ambiguous": 17}


def test_main_system_is_matrix_27_with_its_exact_takagi_factorization(result):
    assert result.mass_matrix.shape == (4, 4) and len(result.masses) == 4
    report = num.prove(result)
    assert report.passed and all(s.measured == float("inf") for s in report.slopes)
