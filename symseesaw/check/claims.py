r"""The claim file: one format, written as text or as JSON.

A claim file is a document ``{"against", "order", "convention", "syntax",
"claims": [{"quantity", "formula", "order", "label", "syntax"}]}``.  It can be
written as JSON (``"schema": "symseesaw-claims/1"``) or as ``key: value``
text (:func:`parse_claims`); both are turned into that document and checked
by the one validator :func:`claims_from_document` (types, orders through
:func:`symseesaw.parsing.parse_orders` / ``check_order_value``, quantities).
Files are read with the limits of :mod:`symseesaw.parsing.limits` (size,
nesting, NaN/infinity, a UTF-8 BOM is accepted).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from symseesaw.parsing import (
    InputError,
    check_nesting,
    check_order_value,
    check_text,
    parse_orders,
    read_text_file,
)

__all__ = [
    "BLOCK_QUANTITIES",
    "CLAIMS_SCHEMA",
    "MAX_CLAIMS",
    "Claim",
    "ClaimFile",
    "claims_from_document",
    "parse_claims",
    "parse_claims_json",
    "read_claims",
]

#: Schema tag of the JSON form of a claim file.
CLAIMS_SCHEMA = "symseesaw-claims/1"
#: Most claims in one file.
MAX_CLAIMS = 1_000

_KEYS = ("quantity", "order", "syntax", "label", "against", "convention", "formula")
_KEY_LINE = re.compile(r"^\s*(" + "|".join(_KEYS) + r")\s*:\s*(.*?)\s*$", re.IGNORECASE)
#: Matrices of a blocks-mode target (:class:`symseesaw.expansion.SeesawBlocks`).
BLOCK_QUANTITIES = ("light_mass_matrix", "heavy_mass_matrix", "W", "N", "Theta", "eta")
_ENTRY = re.compile(r"^\s*(U|M|m|masses|mass|" + "|".join(BLOCK_QUANTITIES)
                    + r")\s*[\[(]\s*(\d+)\s*(?:,\s*(\d+)\s*)?[\])]\s*$")
_SYNTAXES = ("auto", "latex", "sympy")


@dataclass
class Claim:
    """One claimed quantity.

    Attributes
    ----------
    quantity : str
        ``"U"`` (whole mixing matrix), ``"masses"`` (all masses), ``"U[i,j]"``
        (one entry, 1-based) or ``"m[k]"`` (k-th mass, 1-based); against a
        blocks-mode model one of :data:`BLOCK_QUANTITIES` (whole matrix) or
        its entry ``"W[i,j]"``, ``"light_mass_matrix[1,2]"`` (1-based).
    text : str
        The formula (sympy syntax or LaTeX), or a sympy object.
    order : dict or None
        Small parameter name -> order to which the claim is stated (default:
        the target's own orders).
    syntax : {"auto", "latex", "sympy"}
    label : str
        Printed label used as the comparisons' ``equation`` (default: the quantity).
    """

    quantity: str
    text: Any
    order: dict[str, int] | None = None
    syntax: str = "auto"
    label: str = ""

    @property
    def kind(self) -> tuple[str, tuple[int, ...]]:
        """``("U", ())``, ``("masses", ())``, ``("U", (i, j))``, ``("m", (k,))`` (1-based).

        Block quantities give ``(name, ())`` or ``(name, (i, j))``.
        """
        q = self.quantity.strip()
        if q in ("U", "mixing", "mixing_matrix"):
            return "U", ()
        if q in ("masses", "m", "mass"):
            return "masses", ()
        if q in BLOCK_QUANTITIES:
            return q, ()
        match = _ENTRY.match(q)
        if match:
            name, a, b = match.groups()
            if len(a) > 4 or (b is not None and len(b) > 4):
                raise InputError(f"index too large in {q!r}")
            if name == "U" or name in BLOCK_QUANTITIES:
                if b is None:
                    raise InputError(f"entry {q!r} of {name} needs a row and a column, "
                                     f"e.g. {name}[1,2]")
                return name, (int(a), int(b))
            if b is not None:
                raise InputError(f"a mass takes one index, e.g. m[2], got {q!r}")
            return "m", (int(a),)
        raise InputError(
            f"unknown quantity {q[:40]!r}: use U, masses, U[i,j] (1-based) or m[k] (1-based); "
            f"against a blocks-mode model {', '.join(BLOCK_QUANTITIES)} or their entries [i,j]"
        )


@dataclass
class ClaimFile:
    """Parsed claim file: defaults and claims."""

    claims: list[Claim] = field(default_factory=list)
    against: str | None = None
    order: dict[str, int] | None = None
    convention: str | None = None


def _orders(value: Any, where: str) -> dict[str, int] | None:
    """An ``order`` field: ``"eps=2, r=1"`` (text) or ``{"eps": 2}`` (JSON)."""
    if value is None:
        return None
    if isinstance(value, str):
        return parse_orders(value, f"order of {where}") if value.strip() else None
    if isinstance(value, dict):
        out = {}
        for name, number in value.items():
            if not isinstance(name, str) or not name.strip():
                raise InputError(f"order of {where}: parameter names must be strings")
            out[name] = check_order_value(name, number, f"order of {where}")
        return out
    raise InputError(
        f"order of {where} must be \"NAME=N, ...\" or an object {{\"NAME\": N}}, "
        f"got {type(value).__name__}"
    )


def _string(value: Any, key: str, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{key!r} of {where} must be a string, got {type(value).__name__}")
    return value


def _formula(value: Any, where: str) -> Any:
    """A claim's formula: a string, or (JSON) a list of strings / rows of strings."""
    if isinstance(value, str):
        if not value.strip():
            raise InputError(f"{where} has no formula")
        return value
    if isinstance(value, list):
        return _json_list_text(value, where)
    raise InputError(
        f"{where}: 'formula' must be a string or a list of strings, got {type(value).__name__}"
    )


def _json_list_text(value: list, where: str) -> str:
    """A JSON list of strings / of rows of strings -> sympy-syntax list text."""

    def item(x: Any, depth: int) -> str:
        if isinstance(x, list):
            if depth >= 2:
                raise InputError(f"{where}: a formula list nests at most two levels (rows)")
            return "[" + ", ".join(item(y, depth + 1) for y in x) + "]"
        if isinstance(x, bool) or not isinstance(x, str | int):
            raise InputError(f"{where}: matrix entries must be strings")
        return f"({x})"

    return item(value, 0)


def claims_from_document(doc: Any) -> ClaimFile:
    """Validate a claim document (from JSON or from :func:`parse_claims`) into a ClaimFile.

    Raises
    ------
    InputError
        Wrong types (``"claims": 5``), unknown quantities, malformed or
        negative orders, missing formulas, too many claims.
    """
    if not isinstance(doc, dict):
        raise InputError("a claim file must be an object with a 'claims' list")
    against = _string(doc.get("against"), "against", "the file")
    out = ClaimFile(
        against=against or None,
        convention=_string(doc.get("convention"), "convention", "the file") or None,
        order=_orders(doc.get("order"), "the file"),
    )
    syntax_default = _string(doc.get("syntax"), "syntax", "the file") or "auto"
    items = doc.get("claims")
    if not isinstance(items, list):
        raise InputError(
            f"'claims' must be a list of claims, got {type(items).__name__}"
        )
    if len(items) > MAX_CLAIMS:
        raise InputError(f"{len(items)} claims in one file; the limit is {MAX_CLAIMS}")
    for number, item in enumerate(items, start=1):
        where = f"claim {number}"
        if not isinstance(item, dict):
            raise InputError(f"{where} must be an object with 'quantity' and 'formula'")
        quantity = _string(item.get("quantity", "U"), "quantity", where) or "U"
        where = f"claim {number} ({quantity[:20]})"
        syntax = _string(item.get("syntax"), "syntax", where) or syntax_default
        if syntax not in _SYNTAXES:
            raise InputError(f"{where}: syntax must be one of {', '.join(_SYNTAXES)}")
        order = _orders(item.get("order"), where)
        claim = Claim(
            quantity=quantity,
            text=_formula(item.get("formula"), where),
            order=order if order is not None else out.order,
            syntax=syntax,
            label=_string(item.get("label"), "label", where) or "",
        )
        claim.kind  # validate the quantity early  # noqa: B018
        out.claims.append(claim)
    if not out.claims:
        raise InputError("claim file contains no claims")
    return out


#: A comment: ``#`` (not ``\#``) to the end of the line.
_COMMENT = re.compile(r"(?<!\\)#.*$")


def _looks_like_matrix(text: str) -> bool:
    t = text.strip()
    return "\\begin" in t or t.startswith("[[") or t.startswith("Matrix")


def parse_claims(text: str) -> ClaimFile:
    r"""Parse the text form of a claim file.

    Lines ``key: value`` with keys ``quantity``, ``order``, ``syntax``,
    ``label``, ``against``, ``convention`` (``formula`` marks the start of the
    formula, optionally on the same line).  Keys before the first
    ``quantity:`` are file-wide defaults; each ``quantity:`` line starts a
    claim, whose formula is every following non-key line up to the next
    ``quantity:``.  ``#`` starts a comment that runs to the end of its line,
    on a line of its own or after a key or a formula (``\#`` is a literal
    hash; ``%`` comments are allowed inside LaTeX).  A file without any
    ``quantity:`` whose body is a matrix is one claim on ``U``.  Example::

        against: seed001-no
        order: epsilon_1=2, epsilon_2=2

        quantity: U[1,4]
        \epsilon_1

        quantity: masses
        label: Eq. 24
        0 \\
        m_2^{(0)} (1 - 3\epsilon_1^2) \\
        ...
    """
    text = check_text(text, "claim file", max_length=10**7)
    doc: dict[str, Any] = {"claims": []}
    current: dict[str, Any] | None = None
    body: list[str] = []
    in_body = False
    loose: list[str] = []

    def finish() -> None:
        if current is not None:
            current["formula"] = "\n".join(body).strip()
            doc["claims"].append(current)

    for line in text.splitlines():
        raw = _COMMENT.sub("", line).rstrip()
        if not raw and line.strip():
            continue  # a comment line
        match = _KEY_LINE.match(raw)
        if match and not (in_body and match.group(1).lower() != "quantity"):
            key, value = match.group(1).lower(), match.group(2)
            if key == "quantity":
                finish()
                current, body, in_body = {"quantity": value}, [], False
            elif key == "formula":
                in_body = True
                if value:
                    body.append(value)
            elif current is None:
                doc[key] = value
            else:
                current[key] = value
            continue
        if current is None:
            loose.append(raw)
        else:
            if raw.strip():
                in_body = True
            body.append(raw)
    finish()
    rest = "\n".join(loose).strip()
    if not doc["claims"] and rest:
        if not _looks_like_matrix(rest):
            raise InputError("claim file has no 'quantity:' line (use quantity: U, masses, "
                             "U[i,j] or m[k])")
        doc["claims"].append({"quantity": "U", "formula": rest})
    elif rest:
        raise InputError("text before the first 'quantity:' line is not a 'key: value' line: "
                         f"{next(ln for ln in loose if ln.strip())[:60]!r}")
    for claim in doc["claims"]:
        if not claim["formula"]:
            raise InputError(f"claim {claim['quantity']!r} has no formula")
    return claims_from_document(doc)


def _reject_constant(name: str) -> Any:
    raise InputError(f"{name} is not a valid number in a claim file")


def parse_claims_json(text: str) -> ClaimFile:
    """Parse the JSON form of a claim file (``"schema": "symseesaw-claims/1"``)."""
    text = check_text(text, "claim file", max_length=10**7)
    check_nesting(text, "claim file", max_unary_run=None)
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc}") from None
    except (RecursionError, ValueError) as exc:
        raise InputError(f"invalid JSON: {str(exc)[:80]}") from None
    if not isinstance(doc, dict) or doc.get("schema") != CLAIMS_SCHEMA:
        raise InputError(f"JSON claim files need \"schema\": \"{CLAIMS_SCHEMA}\"")
    _reject_unknown_keys(doc, _JSON_FILE_KEYS, "the file")
    items = doc.get("claims")
    for number, item in enumerate(items if isinstance(items, list) else [], start=1):
        if isinstance(item, dict):
            _reject_unknown_keys(item, _JSON_CLAIM_KEYS, f"claim {number}")
    return claims_from_document(doc)


#: Keys of a JSON claim file and of each of its claims; any other key is refused.
_JSON_FILE_KEYS = ("schema", "against", "convention", "order", "syntax", "claims")
_JSON_CLAIM_KEYS = ("quantity", "formula", "order", "syntax", "label")


def _reject_unknown_keys(obj: dict[str, Any], allowed: Sequence[str], where: str) -> None:
    """A misspelled key would be ignored silently: refuse it, naming the allowed ones."""
    unknown = sorted(str(k) for k in obj if k not in allowed)
    if unknown:
        raise InputError(f"{where}: unknown key {unknown[0][:40]!r} (allowed: "
                         f"{', '.join(allowed)})")


def read_claims(path: str | Path) -> ClaimFile:
    """Read a claim file: the text format of :func:`parse_claims`, or JSON
    (``{"schema": "symseesaw-claims/1", "against": ..., "order": {...},
    "claims": [{"quantity": "U", "formula": "...", "order": {...}, "label": ...}]}``).

    Raises
    ------
    InputError
        Over the size limits, not UTF-8, malformed.
    OSError
        The file cannot be read.
    """
    text = read_text_file(path, "claim file")
    if text.lstrip().startswith("{"):
        return parse_claims_json(text)
    return parse_claims(text)
