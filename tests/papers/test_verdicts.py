"""Verdict semantics: a printed claim is judged at the order it claims.

``differs`` means the print is wrong at or below that order; what the engine
derives beyond it is an extension of ``agrees``; an entry judged under several
readings gets one summary row (``reading=None``), and headline counts count
summary rows only.
"""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw.algebra.convert import to_series
from symseesaw.algebra.series import INF, Algebra
from symseesaw.papers.verdicts import claimed_order, judge, summary_row, with_summaries
from symseesaw.result import Comparison, headline_comparisons, headline_counts

x = sp.Symbol("x", positive=True)
M = sp.Symbol("M", positive=True)

#: sqrt(M^2/4 + x^2) - M/2 expanded: x^2/M - x^4/M^3 + 2 x^6/M^5
EXACT = x**2 / M - x**4 / M**3 + 2 * x**6 / M**5


@pytest.fixture(scope="module")
def derived():
    alg = Algebra({x: 6})
    return to_series(alg, EXACT)


def row(verdict, reading=None, equation="1", entry=(1,), **kw):
    return Comparison(equation, list(entry), sp.S.Zero, sp.S.Zero, verdict, reading=reading, **kw)


# ---------------------------------------------------------------------------- judge
def test_print_right_at_its_order_agrees_and_names_the_next_order(derived):
    c = judge("1", [1], x**2 / M, derived, (3, INF), extension=(5, INF))
    assert c.verdict == "agrees"
    assert c.claimed_order == {"x": 3}
    assert "next order derived (not printed): -x**4/M**3 at {'x': 4}" in c.note


def test_print_wrong_below_its_order_differs(derived):
    c = judge("1", [1], x**2 / M + x**4 / M**3, derived, (4, INF))
    assert c.verdict == "differs" and c.lowest_differing_order == {"x": 4}
    assert sp.expand(c.difference - 2 * x**4 / M**3) == 0
    assert "correct coefficient -1/M**3" in c.note


def test_the_same_wrong_term_beyond_the_claimed_order_is_no_erratum(derived):
    c = judge("1", [1], x**2 / M + x**4 / M**3, derived, (3, INF), extension=(4, INF))
    assert c.verdict == "agrees"
    assert "next order derived (not printed): -2*x**4/M**3" in c.note


def test_print_right_also_beyond_its_order_says_so(derived):
    c = judge("1", [1], EXACT, derived, (3, INF), extension=(6, INF))
    assert c.verdict == "agrees" and "also at the next order derived" in c.note


def test_claimed_order_records_an_unweighted_total():
    alg = Algebra({x: 2, M: 2}, total=2)
    s = to_series(alg, x * M)
    assert claimed_order(s, (2, 2, 2)) == {"x": 2, "M": 2, "total": 2}


# ------------------------------------------------------------- Comparison enforces it
def test_a_differs_beyond_the_claimed_order_is_refused():
    with pytest.raises(ValueError, match="beyond the claimed order"):
        row("differs", lowest_differing_order={"x": 4}, claimed_order={"x": 3})


def test_a_differs_beyond_the_claimed_total_order_is_refused():
    with pytest.raises(ValueError, match="total degree 3 > 2"):
        row("differs", lowest_differing_order={"x": 2, "y": 1}, claimed_order={"total": 2})


def test_a_differs_at_the_claimed_order_is_accepted():
    c = row("differs", lowest_differing_order={"x": 3}, claimed_order={"x": 3})
    assert c.beyond_claimed_order() == ""


def test_an_unknown_verdict_is_refused():
    with pytest.raises(ValueError, match="unknown verdict 'wrong'"):
        row("wrong")


# ----------------------------------------------------------------------- summaries
def test_alternative_readings_that_disagree_are_ambiguous():
    s = summary_row([row("agrees", "b = d"), row("differs", "b independent")])
    assert s.verdict == "ambiguous" and s.reading is None
    assert "agrees: b = d | differs: b independent" in s.note


def test_alternative_readings_that_agree_give_their_common_verdict():
    assert summary_row([row("differs", "A"), row("differs", "B")]).verdict == "differs"
    assert summary_row([row("agrees", "A"), row("agrees", "B")]).verdict == "agrees"


def test_cases_of_one_claim_differ_when_any_case_differs():
    s = summary_row([row("agrees", "scenario I"), row("differs", "scenario II")], kind="cases")
    assert s.verdict == "differs" and "scenario II" in s.note


def test_suspected_readings_explain_and_do_not_vote():
    s = summary_row([row("differs", "as printed"), row("agrees", "suspected: typo")])
    assert s.verdict == "differs" and "do not vote" in s.note


def test_with_summaries_adds_one_row_after_each_multi_reading_entry():
    rows = [row("agrees", "A", entry=(1,)), row("differs", "B", entry=(1,)),
            row("agrees", None, entry=(2,))]
    out = with_summaries(rows)
    assert [(c.entry, c.reading, c.verdict) for c in out] == [
        ([1], "A", "agrees"), ([1], "B", "differs"), ([1], None, "ambiguous"),
        ([2], None, "agrees")]


def test_with_summaries_refuses_two_unnamed_rows_of_one_entry():
    with pytest.raises(ValueError, match="2 rows without a reading"):
        with_summaries([row("agrees"), row("differs"), row("agrees", "A")])


# ------------------------------------------------------------------ headline counts
def test_headline_counts_count_summary_rows_not_readings():
    rows = with_summaries([row("differs", "A"), row("differs", "B"), row("differs", "C"),
                           row("agrees", None, entry=(2,))])
    assert headline_counts(rows) == {"agrees": 1, "differs": 1, "ambiguous": 0}
    assert [c.reading for c in headline_comparisons(rows)] == [None, None]


def test_headline_needs_a_summary_row_for_several_readings():
    with pytest.raises(ValueError, match="give it exactly one summary row"):
        headline_comparisons([row("agrees", "A"), row("agrees", "B")])
    lenient = headline_comparisons([row("agrees", "A"), row("agrees", "B")], strict=False)
    assert len(lenient) == 2


def test_where_the_paper_states_its_reading_only_that_reading_votes():
    s = summary_row([row("agrees", "mirror-symmetric Yukawas"), row("differs", "independent")],
                    paper_reading="mirror-symmetric")
    assert s.verdict == "agrees" and "leave its regime" in s.note
