"""Errata reports: the verdicts of a derivation on a paper's printed equations.

Three renderings of the same content (see README, "Audit reports"):

* JSON, schema ``"symseesaw-audit/1"`` (:func:`audit_to_json`, read back with
  :func:`read_audit` / :func:`audit_from_json`);
* Markdown (:func:`audit_to_markdown`);
* a LaTeX errata fragment for ``\\input`` (:func:`audit_to_latex`).

Expressions in the JSON are written like in ``symseesaw-derivation/1``: plain
``sympy.sstr`` strings over the identifiers of a ``"symbols"`` table, parsed
back safely by :func:`symseesaw.parsing.parse_expression`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import sympy as sp

from symseesaw.output.atomic import recover_pending, write_atomic_group
from symseesaw.output.json_io import (
    _claimed_order,
    _comparison_to_json,
    _symbols_from_doc,
    _Writer,
)
from symseesaw.parsing import parse_expression
from symseesaw.result import (
    VERDICTS,
    Comparison,
    DerivationResult,
    StoredExpansion,
    headline_comparisons,
    headline_counts,
)

__all__ = [
    "AUDIT_SCHEMA",
    "audit_from_json",
    "audit_to_json",
    "audit_to_latex",
    "audit_to_markdown",
    "read_audit",
    "write_audit",
]

AUDIT_SCHEMA = "symseesaw-audit/1"
_VERDICTS = VERDICTS


def _comparisons_result(name: str, comparisons: Sequence[Comparison]) -> DerivationResult:
    """A minimal result carrying only comparisons (for the symbol table of the writer)."""
    return DerivationResult(
        name=name,
        equations=[],
        symbols=[],
        small={},
        convention="UT_M_U",
        mass_matrix=sp.Matrix(),
        expansion=StoredExpansion(mixing=sp.Matrix(), masses=[]),
        comparisons=list(comparisons),
    )


def _row_counts(comps: Sequence[Comparison]) -> dict[str, int]:
    """Verdict -> number of rows (every reading of every entry)."""
    return {v: sum(1 for c in comps if c.verdict == v) for v in _VERDICTS}


def _check_source(source: Any) -> dict[str, Any] | None:
    if source is None:
        return None
    if not isinstance(source, Mapping) or not isinstance(source.get("file"), str):
        raise ValueError('source must be null or {"file": "...", "citation": "..."}')
    return {"file": source["file"], "citation": str(source.get("citation", ""))}


def audit_to_json(
    result: DerivationResult | None = None,
    *,
    source: Mapping[str, Any] | None = None,
    comparisons: Sequence[Comparison] | None = None,
    derivation: str | None = None,
) -> dict[str, Any]:
    """The ``symseesaw-audit/1`` document (JSON-ready dict).

    Parameters
    ----------
    result : DerivationResult, optional
        Its comparisons are the verdicts (unless ``comparisons`` is given).
    source : mapping or None
        ``{"file": ..., "citation": ...}`` of the audited paper (a derivation
        module's ``SOURCE``); ``None`` if unknown.
    comparisons : sequence of Comparison, optional
        Verdicts (e.g. from :func:`symseesaw.check.check_against`).
    derivation : str, optional
        Name of the derivation (default ``result.name``).
    """
    if result is None and comparisons is None:
        raise ValueError("give a result or comparisons")
    comps = list(comparisons if comparisons is not None else result.comparisons)  # type: ignore[union-attr]
    name = derivation or (result.name if result is not None else "")
    carrier = _comparisons_result(name, comps)
    if result is not None:
        carrier.symbols = list(result.symbols)
    w = _Writer(carrier, None)
    verdicts = [_comparison_to_json(c, w) for c in comps]
    return {
        "schema": AUDIT_SCHEMA,
        "source": _check_source(source),
        "derivation": name,
        "equations": [str(e) for e in (result.equations if result is not None else [])],
        # one verdict per printed entry (summary rows), not one per reading
        "summary": headline_counts(comps, strict=False),
        "rows": _row_counts(comps),
        "causes": list(result.causes) if result is not None else [],
        "symbols": w.symbol_table(),
        "verdicts": verdicts,
    }


def audit_from_json(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Parse an audit document back: ``{"source", "derivation", "equations", "comparisons"}``.

    ``comparisons`` is a list of :class:`Comparison` with the expressions
    re-created (symbols with their original names and assumptions).  Raises
    ``ValueError`` on a wrong schema or malformed/unsafe content.
    """
    if not isinstance(doc, Mapping) or doc.get("schema") != AUDIT_SCHEMA:
        found = doc.get("schema") if isinstance(doc, Mapping) else type(doc).__name__
        raise ValueError(f"not a {AUDIT_SCHEMA} document (schema: {found!r})")
    symbols = _symbols_from_doc(doc)

    def name(key: str) -> str:
        return symbols[key].name if key in symbols else key

    comparisons = []
    for v in doc.get("verdicts") or []:
        if not isinstance(v, Mapping):
            raise ValueError("each verdict must be an object")
        if v.get("verdict") not in _VERDICTS:
            raise ValueError(f"invalid verdict {v.get('verdict')!r}")
        low = v.get("lowest_differing_order")
        comparisons.append(
            Comparison(
                equation=str(v["equation"]),
                entry=[int(i) for i in v["entry"]],
                printed=parse_expression(v["printed"], symbols),
                derived=parse_expression(v["derived"], symbols),
                verdict=v["verdict"],
                lowest_differing_order=None
                if low is None
                else {name(k): int(n) for k, n in low.items()},
                difference=parse_expression(v.get("difference", "0"), symbols),
                reading=v.get("reading"),
                note=str(v.get("note", "")),
                claimed_order=_claimed_order(v.get("claimed_order"), name),
            )
        )
    return {
        "source": _check_source(doc.get("source")),
        "derivation": str(doc.get("derivation", "")),
        "equations": [str(e) for e in doc.get("equations") or []],
        "comparisons": comparisons,
    }


def read_audit(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Load an audit JSON file and parse it with :func:`audit_from_json`.

    A group write that a ``SIGKILL`` interrupted in the file's directory is
    completed or undone first (:func:`symseesaw.output.atomic.recover_pending`),
    so the audit read belongs to a set of files that is all old or all new.
    """
    recover_pending(Path(path).parent)
    with open(path, encoding="utf-8") as handle:
        doc = json.load(handle)
    return audit_from_json(doc)


# ------------------------------------------------------------------------- Markdown
def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _order_text(low: Mapping[str, int] | None) -> str:
    if not low:
        return ""
    parts = [f"{k}^{v}" if v != 1 else str(k) for k, v in low.items() if v]
    return " ".join(parts) or "1 (leading order)"


def _entry_text(entry: Sequence[int]) -> str:
    return "(" + ",".join(str(i) for i in entry) + ")"


def _source_line(source: Mapping[str, Any] | None) -> str:
    if not source:
        return "unknown"
    citation = source.get("citation") or ""
    return f"{source['file']}" + (f" — {citation}" if citation else "")


def _audit_rows(result: DerivationResult | None, comparisons: Sequence[Comparison] | None,
                derivation: str | None) -> tuple[list[Comparison], str, list[Comparison], dict]:
    """Rows, derivation name, one summary row per printed entry and the verdict counts."""
    comps = list(comparisons if comparisons is not None else result.comparisons)  # type: ignore[union-attr]
    name = derivation or (result.name if result is not None else "")
    return (comps, name, headline_comparisons(comps, strict=False),
            headline_counts(comps, strict=False))


def audit_to_markdown(
    result: DerivationResult | None = None,
    *,
    source: Mapping[str, Any] | None = None,
    comparisons: Sequence[Comparison] | None = None,
    derivation: str | None = None,
) -> str:
    """Markdown errata report: summary, a table of every verdict, details of the errata."""
    comps, name, heads, counts = _audit_rows(result, comparisons, derivation)
    lines = [
        f"# Audit of {name}",
        "",
        f"* source: {_md(_source_line(source))}",
    ]
    if result is not None and result.equations:
        lines.append(f"* equations: {', '.join(result.equations)}")
    lines += [
        f"* verdicts (one per printed entry): {counts['agrees']} agrees, "
        f"{counts['differs']} differs, {counts['ambiguous']} ambiguous",
        f"* rows (every reading, plus one summary row per entry read several ways): "
        f"{len(comps)}",
        "",
        "| Eq. | entry | reading | verdict | lowest differing order |",
        "| --- | ----- | ------- | ------- | ---------------------- |",
    ]
    for c in comps:
        lines.append(
            f"| {_md(c.equation)} | {_entry_text(c.entry)} | {_md(c.reading or '')} | "
            f"{c.verdict} | {_md(_order_text(c.lowest_differing_order))} |"
        )
    errata = [c for c in heads if c.verdict != "agrees"]
    causes = list(result.causes) if result is not None else []
    if causes:
        lines += ["", "## Causes of families of differences", ""]
        lines += [f"* {_md(cause)}" for cause in causes]
    lines += ["", "## Errata" if errata else "## Errata: none", ""]
    for c in errata:
        lines += [
            f"### Eq. ({_md(c.equation)}), entry {_entry_text(c.entry)}: {c.verdict}",
            "",
            f"* printed: `{sp.sstr(c.printed)}`",
            f"* derived: `{sp.sstr(c.derived)}`",
        ]
        if c.verdict == "differs":
            lines.append(f"* printed − derived: `{sp.sstr(c.difference)}`")
            lines.append(f"* lowest differing order: {_order_text(c.lowest_differing_order)}")
        if c.reading:
            lines.append(f"* reading: {_md(c.reading)}")
        if c.note:
            lines.append(f"* note: {_md(c.note)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------------------- LaTeX
def audit_to_latex(
    result: DerivationResult | None = None,
    *,
    source: Mapping[str, Any] | None = None,
    comparisons: Sequence[Comparison] | None = None,
    derivation: str | None = None,
    latex_names: Mapping[sp.Symbol, str] | None = None,
) -> str:
    """LaTeX errata fragment (for ``\\input``; needs ``amsmath``).

    A summary sentence, then one item per entry that does not agree, with the
    printed and the derived formula as display equations.
    """
    from symseesaw.output.latex import _comment, _expr, _text

    comps, name, heads, counts = _audit_rows(result, comparisons, derivation)
    parts = [
        f"% symseesaw audit of {_comment(name)}; source: {_comment(_source_line(source))}",
        "% generated by symseesaw; requires \\usepackage{amsmath}",
        f"\\paragraph{{Errata ({_text(name)}).}}",
        f"Source: {_text(_source_line(source))}. "
        f"Of {len(heads)} printed entries, {counts['agrees']} agree, "
        f"{counts['differs']} differ and {counts['ambiguous']} are ambiguous.",
    ]
    errata = [c for c in heads if c.verdict != "agrees"]
    causes = list(result.causes) if result is not None else []
    if causes:
        parts.append("Causes of families of differences:")
        parts.append("\\begin{enumerate}")
        parts += [f"\\item {_text(cause)}" for cause in causes]
        parts.append("\\end{enumerate}")
    if errata:
        parts.append("\\begin{itemize}")
        for c in errata:
            head = f"Eq.~({_text(c.equation)}), entry {_text(_entry_text(c.entry))}: {c.verdict}"
            if c.reading:
                head += f" (reading: {_text(c.reading)})"
            if c.lowest_differing_order:
                head += f"; lowest differing order {_text(_order_text(c.lowest_differing_order))}"
            parts += [
                f"\\item {head}.",
                "\\begin{align*}",
                f"\\text{{printed}} &= {_expr(c.printed, latex_names)} \\\\",
                f"\\text{{derived}} &= {_expr(c.derived, latex_names)}",
                "\\end{align*}",
            ]
            if c.note:
                parts.append(_text(c.note))
        parts.append("\\end{itemize}")
    return "\n".join(parts) + "\n"


def write_audit(
    result: DerivationResult,
    out_dir: str | os.PathLike[str],
    *,
    source: Mapping[str, Any] | None = None,
    latex_names: Mapping[sp.Symbol, str] | None = None,
    stem: str | None = None,
) -> list[Path]:
    """Write ``STEM-audit.md``, ``STEM-audit.tex`` and ``STEM-audit.json`` together.

    The three files are replaced as one group
    (:func:`symseesaw.output.atomic.write_atomic_group`): all or none, and
    after a ``SIGKILL`` all old or all new as seen through symseesaw.
    """
    stem = stem or result.name
    out = Path(out_dir)
    doc = audit_to_json(result, source=source)
    return write_atomic_group({
        out / f"{stem}-audit.md": audit_to_markdown(result, source=source),
        out / f"{stem}-audit.tex": audit_to_latex(result, source=source,
                                                  latex_names=latex_names),
        out / f"{stem}-audit.json": json.dumps(doc, indent=2, ensure_ascii=False,
                                               allow_nan=False) + "\n",
    })
