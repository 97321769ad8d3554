"""JSON export and safe re-import of a :class:`~symseesaw.result.DerivationResult`.

Schema ``"symseesaw-derivation/1"`` (documented in full in README.md, section
"JSON schema").  Expressions are stored as plain :func:`sympy.sstr` strings in
which every symbol is written under its *identifier*: its name when that is a
plain ASCII Python identifier, otherwise a sanitized one (``m_2^(0)`` ->
``m_2__0``).  The ``"symbols"`` table maps identifiers back to the original
name, the LaTeX form, the assumptions and a ``"complex"`` flag (true unless the
symbol is assumed real).

The document is self-contained: every symbol of ``masses`` and
``mixing_matrix`` is a free symbol of ``mass_matrix`` or is defined in
``"definitions"`` by an expression in free symbols of ``mass_matrix`` (earlier
definitions may be used); other entries of ``DerivationResult.definitions``
(e.g. expansion variables in terms of a paper's model symbols) are written to
``"relations"`` (a matrix-valued entry is written like ``mass_matrix``: a list
of rows of strings).  Each comparison carries ``"claimed_order"``, the order the
print claims (``null`` when the claim is not a truncated series).

Reading never uses :func:`eval` on untrusted text directly: every string goes
through :func:`symseesaw.parsing.parse_expression` (a whitelist of Python AST
nodes, then :func:`sympy.parsing.sympy_parser.parse_expr` with the symbol table
as ``local_dict`` and a small global namespace without builtins).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import sympy as sp
from sympy.printing.str import StrPrinter

from symseesaw.output.atomic import write_atomic
from symseesaw.parsing import is_plain_identifier as _is_plain_identifier
from symseesaw.parsing import parse_expression, symbol_identifiers
from symseesaw.result import (
    Comparison,
    DerivationResult,
    ProofReport,
    SlopeMeasurement,
    StoredExpansion,
)

__all__ = [
    "SCHEMA",
    "CONVENTION_TEXT",
    "proof_to_json",
    "result_to_json",
    "write_json",
    "read_json",
    "expressions_from_json",
    "result_from_json",
    "parse_expression",
    "symbol_identifiers",
]

SCHEMA = "symseesaw-derivation/1"

#: One-line explanation of each supported Majorana convention.
CONVENTION_TEXT = {
    "UT_M_U": (
        "U^T M U = diag(m_1, ..., m_n) with U unitary and its columns ordered like 'masses'; "
        "the papers' convention U^dagger M U^* = diag is obtained by U -> U^*."
    ),
    "Udag_M_Ustar": (
        "U^dagger M U^* = diag(m_1, ..., m_n) with U unitary and its columns ordered like "
        "'masses' (the papers' convention); the U^T M U = diag convention is U -> U^*."
    ),
}

#: Assumptions always recorded (``None`` = not known / not assumed).
_CORE_ASSUMPTIONS = ("real", "positive")


# --------------------------------------------------------------------------- symbols
def _assumptions(sym: sp.Symbol) -> dict[str, bool | None]:
    out: dict[str, bool | None] = {key: getattr(sym, f"is_{key}") for key in _CORE_ASSUMPTIONS}
    # Any other explicitly given assumption (e.g. nonnegative=True) is kept too, so the
    # symbol is re-created equal to the original.
    given = getattr(sym, "_assumptions_orig", None) or {}
    for key, value in sorted(given.items()):
        if key in out or (key == "commutative" and value is True):
            continue
        out[key] = None if value is None else bool(value)
    return out


def _make_symbol(name: str, assumptions: Mapping[str, Any]) -> sp.Symbol:
    kwargs = {}
    for key, value in assumptions.items():
        if value is None:
            continue
        if not isinstance(value, bool):
            raise ValueError(f"assumption {key!r} of symbol {name!r} must be true/false/null")
        kwargs[key] = value
    try:
        return sp.Symbol(name, **kwargs)
    except (ValueError, TypeError, AttributeError) as exc:  # unknown/inconsistent assumptions
        raise ValueError(f"cannot re-create symbol {name!r} with {kwargs}: {exc}") from exc


class _IdentifierPrinter(StrPrinter):
    """:class:`StrPrinter` writing every symbol under its JSON identifier."""

    def __init__(self, idents: Mapping[sp.Symbol, str]):
        super().__init__()
        self._idents = idents

    def _print_Symbol(self, expr: sp.Symbol) -> str:
        try:
            return self._idents[expr]
        except KeyError:
            raise ValueError(f"symbol {expr.name!r} is missing from the symbol table") from None

    _print_Dummy = _print_Symbol


def _free_symbols(obj: Any) -> set[sp.Symbol]:
    if isinstance(obj, sp.Basic | sp.MatrixBase):
        return {s for s in obj.free_symbols if isinstance(s, sp.Symbol)}
    return set()


def _sort_key(sym: sp.Symbol) -> tuple[str, str]:
    return (sym.name, str(sorted(_assumptions(sym).items(), key=str)))


# --------------------------------------------------------------------------- writing
def _number(x: Any) -> float | str | None:
    """JSON-safe float: infinities become ``"inf"``/``"-inf"``, NaN (and None) ``null``."""
    if x is None:
        return None
    value = float(x)
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value if math.isfinite(value) else None


def _float(v: Any) -> float:
    """Inverse of :func:`_number`."""
    return math.nan if v is None else float(v)


def _point_number(x: Any) -> float | str | dict[str, float | str | None] | None:
    """A base-point or direction value: :func:`_number`, complex as ``{"re", "im"}``."""
    value = complex(x)
    if value.imag == 0:
        return _number(value.real)
    return {"re": _number(value.real), "im": _number(value.imag)}


def _point_value(v: Any) -> float | complex:
    """Inverse of :func:`_point_number`."""
    if isinstance(v, dict):
        return complex(_float(v["re"]), _float(v["im"]))
    return _float(v)


class _Writer:
    def __init__(self, result: DerivationResult, latex_names: Mapping[sp.Symbol, str] | None):
        found: set[sp.Symbol] = set()
        things: list[Any] = [result.mass_matrix, result.mixing_matrix, *result.masses]
        things += list(result.mixing_by_order.values())
        things += list(result.definitions.keys()) + list(result.definitions.values())
        things += [k for k in result.small if isinstance(k, sp.Basic)]
        for c in result.comparisons:
            things += [c.printed, c.derived, c.difference]
        for thing in things:
            found |= _free_symbols(
                sp.sympify(thing) if not isinstance(thing, sp.MatrixBase) else thing
            )
        listed = [s for s in result.symbols if isinstance(s, sp.Symbol)]
        extra = sorted(found - set(listed), key=_sort_key)
        self.symbols = list(dict.fromkeys(listed + extra))
        self.idents = symbol_identifiers(self.symbols)
        self.by_name: dict[str, str] = {}
        for sym in self.symbols:
            self.by_name.setdefault(sym.name, self.idents[sym])
        self.printer = _IdentifierPrinter(self.idents)
        self.latex_names = dict(latex_names or {})

    def expr(self, e: Any) -> str:
        return self.printer.doprint(sp.sympify(e))

    def matrix(self, m: sp.MatrixBase) -> list[list[str]]:
        m = sp.Matrix(m)
        return [[self.expr(m[i, j]) for j in range(m.cols)] for i in range(m.rows)]

    def value(self, v: Any) -> str | list[list[str]]:
        """An expression as a string; a matrix as nested lists of strings."""
        return self.matrix(v) if isinstance(v, sp.MatrixBase) else self.expr(v)

    def key(self, k: Any) -> str:
        """Symbol (or symbol name) -> its identifier; other strings unchanged."""
        if isinstance(k, sp.Symbol) and k in self.idents:
            return self.idents[k]
        return self.by_name.get(str(k), str(k))

    def symbol_table(self) -> dict[str, dict[str, Any]]:
        table = {}
        for sym in self.symbols:
            table[self.idents[sym]] = {
                "name": sym.name,
                "latex": sp.latex(sym, symbol_names=self.latex_names),
                "assumptions": _assumptions(sym),
                # complex unless assumed real: re-checkers must give it complex values
                "complex": sym.is_real is not True,
            }
        return table


def _comparison_to_json(c: Comparison, w: _Writer) -> dict[str, Any]:
    low = c.lowest_differing_order
    return {
        "equation": str(c.equation),
        "entry": [int(i) for i in c.entry],
        "reading": c.reading,
        "verdict": c.verdict,
        "printed": w.expr(c.printed),
        "derived": w.expr(c.derived),
        "difference": w.expr(c.difference),
        "lowest_differing_order": None
        if low is None
        else {w.key(k): int(v) for k, v in low.items()},
        "note": c.note,
        "claimed_order": None
        if c.claimed_order is None
        else {w.key(k): int(v) for k, v in c.claimed_order.items()},
    }


def proof_to_json(p: ProofReport, key: Callable[[Any], str] = str) -> dict[str, Any]:
    """The JSON record of an order proof: the one writer of every schema.

    Numbers through :func:`_number` (NaN as ``null``, the JSON-valid form;
    infinities as ``"inf"``/``"-inf"``), a complex point value as
    ``{"re": x, "im": y}``; ``key`` writes a symbol of ``direction`` and
    ``base_point`` (default: its name).
    """
    return {
        "dps": int(p.dps),
        "direction": {key(k): _point_number(v) for k, v in p.direction.items()},
        "base_point": {key(k): _point_number(v) for k, v in p.base_point.items()},
        "passed": bool(p.passed),
        "slopes": [
            {
                "quantity": s.quantity,
                "predicted": _number(s.predicted),
                "measured": _number(s.measured),
                "passed": bool(s.passed),
                "t_values": [_number(t) for t in s.t_values],
                "residuals": [_number(r) for r in s.residuals],
            }
            for s in p.slopes
        ],
    }


def _definitions_to_json(result: DerivationResult, w: _Writer) -> dict[str, dict[str, Any]]:
    """``"definitions"`` (re-checkable) and ``"relations"`` (everything else).

    ``"definitions"`` holds the symbols defined by expressions in free symbols
    of ``mass_matrix`` (definitions may use earlier ones), so that a result
    can be re-evaluated from the document alone; ``"relations"`` keeps the
    remaining entries of ``result.definitions`` (e.g. expansion variables in
    terms of a paper's model symbols), which a re-check does not need.
    """
    known = set(sp.Matrix(result.mass_matrix).free_symbols)
    pending = dict(result.definitions)
    definitions: dict[str, Any] = {}
    progress = True
    while progress:
        progress = False
        for key, value in list(pending.items()):
            if isinstance(key, sp.Symbol) and key not in known \
                    and _free_symbols(sp.sympify(value)) <= known:
                definitions[w.key(key)] = w.value(value)
                known.add(key)
                del pending[key]
                progress = True
    return {"definitions": definitions,
            "relations": {w.key(k): w.value(v) for k, v in pending.items()}}


def result_to_json(
    result: DerivationResult, latex_names: Mapping[sp.Symbol, str] | None = None
) -> dict[str, Any]:
    """Return the ``symseesaw-derivation/1`` document (a JSON-ready dict) of ``result``.

    ``latex_names`` overrides the LaTeX form recorded for individual symbols
    (default: :func:`sympy.latex` of the symbol).
    """
    w = _Writer(result, latex_names)
    return {
        "schema": SCHEMA,
        "name": result.name,
        "equations": [str(e) for e in result.equations],
        "symbols": w.symbol_table(),
        "small": {w.key(k): int(v) for k, v in result.small.items()},
        "convention": result.convention,
        "convention_text": CONVENTION_TEXT.get(result.convention, result.convention),
        "mass_matrix": w.matrix(result.mass_matrix),
        "mixing_matrix": w.matrix(result.mixing_matrix),
        "masses": [w.expr(m) for m in result.masses],
        "mixing_by_order": {
            str(int(k)): w.matrix(v) for k, v in sorted(result.mixing_by_order.items())
        },
        **_definitions_to_json(result, w),
        "comparisons": [_comparison_to_json(c, w) for c in result.comparisons],
        "proof": None if result.proof is None else proof_to_json(result.proof, w.key),
        "notes": [str(n) for n in result.notes],
    }


def write_json(
    result: DerivationResult,
    path: str | os.PathLike[str],
    latex_names: Mapping[sp.Symbol, str] | None = None,
) -> Path:
    """Write :func:`result_to_json` of ``result`` to ``path`` (atomically, UTF-8)."""
    doc = result_to_json(result, latex_names=latex_names)
    text = json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    return write_atomic(path, text)


# --------------------------------------------------------------------------- reading
def read_json(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Load a derivation document and check its schema tag (``ValueError`` if wrong)."""
    with open(path, encoding="utf-8") as handle:
        doc = json.load(handle)
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        found = doc.get("schema") if isinstance(doc, dict) else type(doc).__name__
        raise ValueError(f"{path}: not a {SCHEMA} document (schema: {found!r})")
    return doc


def _symbols_from_doc(doc: Mapping[str, Any]) -> dict[str, sp.Symbol]:
    table = doc.get("symbols")
    if not isinstance(table, dict):
        raise ValueError("document has no 'symbols' table")
    out: dict[str, sp.Symbol] = {}
    for ident, info in table.items():
        if not (isinstance(ident, str) and _is_plain_identifier(ident)):
            raise ValueError(f"invalid symbol identifier {ident!r}")
        if not isinstance(info, dict):
            raise ValueError(f"invalid entry for symbol {ident!r}")
        name = info.get("name", ident)
        if not isinstance(name, str) or not name:
            raise ValueError(f"invalid name for symbol {ident!r}")
        out[ident] = _make_symbol(name, info.get("assumptions") or {})
    return out


def expressions_from_json(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Parse every expression of a document back into sympy objects.

    Returns a dict with keys ``"symbols"`` (identifier -> Symbol, re-created
    with the original name and assumptions, hence equal to the symbols that
    were written), ``"small"`` (Symbol -> int), ``"mass_matrix"``,
    ``"mixing_matrix"`` (Matrix), ``"masses"`` (list), ``"mixing_by_order"``
    (int -> Matrix), ``"definitions"`` (Symbol -> Expr) and ``"comparisons"``
    (the comparison dicts with ``"printed"``, ``"derived"`` and
    ``"difference"`` parsed).  Raises ``ValueError`` on any malformed or
    unsafe content.
    """
    symbols = _symbols_from_doc(doc)

    def expr(text: Any) -> sp.Expr:
        return parse_expression(text, symbols)

    def matrix(rows: Any) -> sp.Matrix:
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise ValueError("a matrix must be a list of rows")
        if len({len(r) for r in rows}) > 1:
            raise ValueError("matrix rows have different lengths")
        return sp.Matrix([[expr(x) for x in r] for r in rows])

    def sym(ident: str) -> sp.Symbol:
        if ident not in symbols:
            raise ValueError(f"{ident!r} is not in the symbol table")
        return symbols[ident]

    comparisons = []
    for c in doc.get("comparisons") or []:
        parsed = dict(c)
        for key in ("printed", "derived", "difference"):
            if key in parsed and parsed[key] is not None:
                parsed[key] = expr(parsed[key])
        comparisons.append(parsed)
    return {
        "symbols": symbols,
        "small": {sym(k): int(v) for k, v in (doc.get("small") or {}).items()},
        "mass_matrix": matrix(doc.get("mass_matrix", [])),
        "mixing_matrix": matrix(doc.get("mixing_matrix", [])),
        "masses": [expr(m) for m in doc.get("masses", [])],
        "mixing_by_order": {
            int(k): matrix(v) for k, v in (doc.get("mixing_by_order") or {}).items()
        },
        "definitions": {sym(k): matrix(v) if isinstance(v, list) else expr(v)
                        for part in ("definitions", "relations")
                        for k, v in (doc.get(part) or {}).items()},
        "comparisons": comparisons,
    }


def _claimed_order(value: Any, name: Any) -> dict[str, int] | None:
    """The ``claimed_order`` of a JSON verdict (``None`` or name -> int)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValueError("claimed_order must be null or an object of integers")
    return {name(k): int(v) for k, v in value.items()}


def result_from_json(doc: Mapping[str, Any]) -> DerivationResult:
    """Rebuild a :class:`DerivationResult` from a document (inverse of :func:`result_to_json`).

    A document holds no series: the result's expansion is a
    :class:`~symseesaw.result.StoredExpansion` of the stored mixing matrix,
    masses and split by order (see docs/architecture.md, "The one object").

    Keys of ``lowest_differing_order``, ``direction`` and ``base_point`` come
    back as the original symbol names.
    """
    parsed = expressions_from_json(doc)
    symbols = parsed["symbols"]

    def name(key: str) -> str:
        return symbols[key].name if key in symbols else key

    comparisons = []
    for c in parsed["comparisons"]:
        low = c.get("lowest_differing_order")
        comparisons.append(
            Comparison(
                equation=c["equation"],
                entry=list(c["entry"]),
                printed=c["printed"],
                derived=c["derived"],
                verdict=c["verdict"],
                lowest_differing_order=None
                if low is None
                else {name(k): v for k, v in low.items()},
                difference=c.get("difference", sp.S.Zero),
                reading=c.get("reading"),
                note=c.get("note", ""),
                claimed_order=_claimed_order(c.get("claimed_order"), name),
            )
        )
    proof = None
    if doc.get("proof") is not None:
        p = doc["proof"]

        def floats(values: Iterable[Any]) -> list[float]:
            return [_float(v) for v in values]

        proof = ProofReport(
            direction={name(k): _point_value(v) for k, v in p.get("direction", {}).items()},
            base_point={name(k): _point_value(v) for k, v in p.get("base_point", {}).items()},
            dps=int(p["dps"]),
            slopes=[
                SlopeMeasurement(
                    quantity=s["quantity"],
                    predicted=_float(s["predicted"]),
                    measured=_float(s["measured"]),
                    residuals=floats(s.get("residuals", [])),
                    t_values=floats(s.get("t_values", [])),
                )
                for s in p.get("slopes", [])
            ],
        )
    return DerivationResult(
        name=doc["name"],
        equations=list(doc.get("equations", [])),
        symbols=list(symbols.values()),
        small=parsed["small"],
        convention=doc["convention"],
        mass_matrix=parsed["mass_matrix"],
        expansion=StoredExpansion(mixing=parsed["mixing_matrix"], masses=parsed["masses"],
                                  mixing_by_order=parsed["mixing_by_order"]),
        comparisons=comparisons,
        proof=proof,
        definitions=parsed["definitions"],
        notes=list(doc.get("notes", [])),
    )
