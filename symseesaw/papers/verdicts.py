"""Verdict rules shared by the paper reproductions.

*A printed claim is judged at the order it claims* (or, where the paper does
not say, at the order of the terms it keeps):

* :func:`judge` compares at the claimed order and records it on the
  :class:`~symseesaw.result.Comparison` (which refuses a ``differs`` beyond
  it).  What the engine derives beyond the claimed order is reported as an
  *extension* in the note ("agrees; next order derived: ..."), never as an
  erratum.
* :func:`with_summaries` adds one *summary row* (``reading=None``) to every
  entry judged under several readings, with the verdict the evidence supports:
  the common verdict when the readings agree; for *alternative* readings of an
  undecided print, ``ambiguous`` when they disagree; for *cases* of a general
  claim (scenarios, orderings), ``differs`` when any case differs; where the
  paper states its reading (its regime), only that reading votes.  Readings
  named ``"suspected: ..."`` explain a difference (what the authors probably
  meant) and do not vote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import sympy as sp

from symseesaw.api import INF, Series
from symseesaw.compare import compare
from symseesaw.result import Comparison

__all__ = ["ReadingKind", "claimed_order", "judge", "summary_row", "with_summaries"]

#: How the readings of one entry combine into its summary verdict.
ReadingKind = Literal["alternatives", "cases"]

#: Prefix of readings that explain a difference and do not vote.
EXPLANATION_PREFIX = "suspected"


def claimed_order(derived: Series, bounds: Sequence[float]) -> dict[str, int]:
    """``bounds`` (per small parameter, then total) as a ``claimed_order`` dict.

    The total is recorded only when it is finite and the algebra counts every
    small parameter with weight 1 (a weighted total is not a plain degree).
    """
    alg = derived.alg
    out = {str(s): int(b) for s, b in zip(alg.small_symbols, bounds) if b != INF}
    total = bounds[len(alg.small_symbols)] if len(bounds) > len(alg.small_symbols) else INF
    if total != INF and all(w == 1 for w in alg.weight_list):
        out["total"] = int(total)
    return out


def judge(
    equation: str,
    entry: list[int],
    printed: sp.Expr,
    derived: Series,
    claimed: tuple[float, ...],
    *,
    extension: tuple[float, ...] | None = None,
    reading: str | None = None,
    note: str = "",
) -> Comparison:
    """Verdict on a printed formula at the order it claims.

    Parameters
    ----------
    equation, entry, printed, derived, reading, note
        As for :func:`symseesaw.compare.compare`.
    claimed : tuple
        The printed order: maximum exponent per small parameter, then total.
        ``differs`` means the print is wrong at or below it.
    extension : tuple, optional
        A higher order the engine has derived.  When the print agrees at
        ``claimed``, the first terms beyond it (up to ``extension``) are named
        in the note as the next order derived, without changing the verdict.

    Returns
    -------
    Comparison
        With ``claimed_order`` set.
    """
    c = compare(equation, entry, printed, derived, claimed, reading=reading, note=note)
    c.claimed_order = claimed_order(derived, claimed)
    if c.verdict == "agrees" and extension is not None:
        beyond = compare(equation, entry, printed, derived, extension)
        if beyond.verdict == "differs":
            nxt = sp.sstr(beyond.difference * -1, order="none")
            text = (f"agrees at the printed order; next order derived (not printed): "
                    f"{nxt} at {beyond.lowest_differing_order}")
        else:
            text = "agrees at the printed order and also at the next order derived"
        c.note = f"{c.note}; {text}" if c.note else text
    # validates the verdict against the claimed order (raises if beyond it)
    c.__post_init__()
    return c


def summary_row(rows: Sequence[Comparison], kind: ReadingKind = "alternatives",
                explanation: str = "", paper_reading: str | None = None) -> Comparison:
    """The summary row (``reading=None``) of one entry judged under several readings.

    Parameters
    ----------
    rows : sequence of Comparison
        Every row of the entry (same equation and entry).
    kind : {"alternatives", "cases"}
        ``"alternatives"``: readings of a print that does not decide between
        them; disagreeing verdicts give ``ambiguous``.  ``"cases"``: the print
        claims every case (scenario, ordering); any ``differs`` gives
        ``differs``.
    explanation : str
        Why the print does (not) decide, appended to the note.
    paper_reading : str, optional
        Prefix of the reading the paper states (the print decides): only rows
        with that reading vote; the others leave the regime the paper states.
    """
    voting = [r for r in rows if not (r.reading or "").startswith(EXPLANATION_PREFIX)]
    if paper_reading is not None:
        voting = [r for r in voting if (r.reading or "").startswith(paper_reading)]
    if not voting:
        raise ValueError(f"Eq. ({rows[0].equation}) {rows[0].entry}: no reading votes")
    verdicts = [r.verdict for r in voting]
    names = {v: [r.reading or "as printed" for r in voting if r.verdict == v]
             for v in dict.fromkeys(verdicts)}
    silent = len(rows) - len(voting)
    why = ("the paper states this reading; the others leave its regime and do not vote"
           if paper_reading is not None else
           "suspected reading(s) only explain the difference and do not vote")
    if len(names) == 1:
        verdict = verdicts[0]
        text = (f"every reading ({len(voting)}): {verdict}" if silent == 0 else
                f"{'; '.join(names[verdict])}: {verdict} ({silent} other row(s): {why})")
    elif kind == "cases" and "differs" in names:
        verdict = "differs"
        text = f"the print claims every case; it differs in: {'; '.join(names['differs'])}"
    else:
        verdict = "ambiguous"
        text = ("the readings disagree and the print does not decide: "
                + " | ".join(f"{v}: {'; '.join(n)}" for v, n in names.items()))
    lead = next((r for r in voting if r.verdict == verdict), voting[0])
    lows = [r.lowest_differing_order for r in voting if r.verdict == "differs"]
    return Comparison(
        lead.equation, list(lead.entry), lead.printed, lead.derived, verdict,
        lowest_differing_order=lead.lowest_differing_order if verdict == "differs" else None,
        difference=lead.difference if verdict == "differs" else sp.S.Zero,
        reading=None,
        note=f"summary of {len(rows)} readings: {text}" + (
            f" (lowest differing orders: {lows})" if verdict == "differs" and len(lows) > 1 else "")
        + (f". {explanation}" if explanation else ""),
        claimed_order=lead.claimed_order if verdict == "differs" else None,
    )


def with_summaries(
    comparisons: Iterable[Comparison],
    kinds: Mapping[str, ReadingKind] | None = None,
    explanations: Mapping[str, str] | None = None,
    paper_readings: Mapping[str, str] | None = None,
) -> list[Comparison]:
    """``comparisons`` plus one summary row per entry judged under several readings.

    Every summary row follows the last row of its entry.  Entries that already
    carry exactly one row with ``reading=None`` among several rows keep it as
    their summary.

    Parameters
    ----------
    comparisons : iterable of Comparison
    kinds : mapping, optional
        Equation label -> how its readings combine (default ``"alternatives"``).
    explanations : mapping, optional
        Equation label -> text appended to the note of its summary rows.
    paper_readings : mapping, optional
        Equation label -> prefix of the reading the paper states (see
        :func:`summary_row`).

    Raises
    ------
    ValueError
        An entry with several rows has more than one row without a reading.
    """
    rows = list(comparisons)
    kinds = dict(kinds or {})
    explanations = dict(explanations or {})
    paper_readings = dict(paper_readings or {})
    groups: dict[tuple[str, tuple[int, ...]], list[Comparison]] = {}
    for c in rows:
        groups.setdefault((str(c.equation), tuple(c.entry)), []).append(c)
    last = {id(g[-1]): key for key, g in groups.items()}
    out: list[Comparison] = []
    for c in rows:
        out.append(c)
        key = last.get(id(c))
        if key is None:
            continue
        group = groups[key]
        if len(group) < 2:
            continue
        unnamed = [r for r in group if r.reading is None]
        if len(unnamed) > 1:
            raise ValueError(f"Eq. ({key[0]}) {list(key[1])}: {len(unnamed)} rows without a "
                             "reading; name every reading so one summary row can be added")
        if not unnamed:
            out.append(summary_row(group, kinds.get(key[0], "alternatives"),
                                   explanations.get(key[0], ""), paper_readings.get(key[0])))
    return out
