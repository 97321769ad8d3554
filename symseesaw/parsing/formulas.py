"""Entry points: one formula, a matrix or a list, in sympy syntax or LaTeX."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import sympy as sp

from .latex import parse_latex, split_lines
from .limits import InputError, check_nesting, check_text
from .python_syntax import parse_sympy, parse_sympy_elements
from .symbols import as_table

__all__ = ["detect_syntax", "parse_formula", "parse_list", "parse_matrix"]


def detect_syntax(text: str) -> str:
    """``"latex"`` if ``text`` looks like LaTeX (a backslash, ``{`` or ``$``), else ``"sympy"``."""
    return "latex" if ("\\" in text or "{" in text or "$" in text) else "sympy"


def _syntax(text: str, syntax: str) -> str:
    if syntax == "auto":
        return detect_syntax(text)
    if syntax not in ("latex", "sympy"):
        raise InputError(f"unknown syntax {syntax!r}; choose 'latex', 'sympy' or 'auto'")
    return syntax


def _one_latex_formula(text: str) -> str:
    lines = split_lines(text)
    if not lines:
        raise InputError("empty formula")
    if len(lines) > 1:
        raise InputError(
            f"expected one formula, got {len(lines)} lines (give each line its own claim, "
            "or use quantity: masses for a list)"
        )
    return lines[0]


def parse_formula(
    text: str,
    symbols: Any,
    *,
    syntax: str = "auto",
    aliases: Mapping[str, sp.Symbol] | None = None,
    latex_names: Mapping[sp.Symbol, str] | None = None,
) -> sp.Expr:
    """Parse one scalar formula in sympy syntax or LaTeX (``syntax="auto"`` guesses).

    A LaTeX display over several lines (``aligned``, ``\\\\``) is accepted when
    its lines continue one formula (a line starting with ``+``/``-``).
    """
    text = check_text(text)
    check_nesting(text)
    table = as_table(symbols, aliases, latex_names)
    if _syntax(text, syntax) == "latex":
        value = parse_latex(_one_latex_formula(text), table)
    else:
        value = parse_sympy(text, table)
    if isinstance(value, sp.MatrixBase):
        raise InputError("expected a single formula, got a matrix")
    return value


def parse_matrix(
    text: str,
    symbols: Any,
    *,
    syntax: str = "auto",
    aliases: Mapping[str, sp.Symbol] | None = None,
    latex_names: Mapping[sp.Symbol, str] | None = None,
    allow_unknown: bool = False,
    reserved_as_symbols: Iterable[str] = (),
) -> sp.Matrix:
    """Parse a matrix: a LaTeX ``pmatrix`` (optionally times scalars, sums of matrices,
    over several ``aligned`` lines) or sympy syntax ``[[a, b], [c, d]]`` /
    ``Matrix([[a, b], [c, d]])``.

    With ``allow_unknown`` (reading a matrix file) symbols are created for
    unknown names and the reserved words (``E``, ``I``, ``pi``; LaTeX ``i``,
    ``e^{}``, ``\\pi``) are refused unless listed in ``reserved_as_symbols``.
    """
    text = check_text(text)
    check_nesting(text)
    table = as_table(symbols, aliases, latex_names)
    if _syntax(text, syntax) == "latex":
        value = parse_latex(_one_latex_formula(text), table, allow_unknown=allow_unknown,
                            reserved_as_symbols=reserved_as_symbols)
        if not isinstance(value, sp.MatrixBase):
            raise InputError("expected a matrix (\\begin{pmatrix} ... \\end{pmatrix})")
        return sp.Matrix(value)
    rows, kind = parse_sympy_elements(text, table, allow_unknown=allow_unknown,
                                      reserved_as_symbols=reserved_as_symbols)
    if kind != "matrix":
        raise InputError("expected a matrix [[a, b], [c, d]], got a flat list")
    if len({len(r) for r in rows}) != 1:
        raise InputError("matrix rows have different lengths")
    return sp.Matrix(rows)


def parse_list(
    text: str,
    symbols: Any,
    *,
    syntax: str = "auto",
    aliases: Mapping[str, sp.Symbol] | None = None,
    latex_names: Mapping[sp.Symbol, str] | None = None,
) -> list[sp.Expr]:
    r"""Parse a list of formulas (e.g. the masses).

    Accepted: sympy syntax ``[a, b, c]``; one formula per line (either syntax;
    LaTeX lines may end in ``\\`` or ``,``, carry a left-hand side ``m_1 =``
    and sit in ``aligned``/``align``/``cases``); a LaTeX matrix with one row
    or column; a square LaTeX matrix is read as ``diag(m_1, ...)`` and must be
    diagonal.
    """
    text = check_text(text)
    check_nesting(text)
    table = as_table(symbols, aliases, latex_names)
    stripped = text.strip()
    if not stripped:
        raise InputError("empty list")
    kind = _syntax(stripped, syntax)
    if kind == "sympy" and stripped.startswith(("[", "(", "Matrix")):
        values, shape = parse_sympy_elements(stripped, table)
        if shape != "list":
            raise InputError("expected a flat list [a, b, ...]")
        return values
    if kind == "latex":
        lines = split_lines(stripped)
        if len(lines) == 1 and "\\begin" in lines[0]:
            value = parse_latex(lines[0], table)
            if not isinstance(value, sp.MatrixBase):
                raise InputError("expected a matrix of masses")
            M = sp.Matrix(value)
            if 1 in M.shape:
                return list(M)
            if M.is_square and M.is_diagonal():
                return [M[i, i] for i in range(M.rows)]
            raise InputError("a matrix of masses must be a row, a column or diagonal")
        return [parse_formula(line, table, syntax="latex") for line in lines]
    out = []
    for line in re.split(r"\n|\\\\", stripped):
        line = line.strip().rstrip(",;").strip()
        if not line:
            continue
        if line.count("=") == 1:
            line = line.split("=", 1)[1]
        out.append(parse_formula(line, table, syntax="sympy"))
    return out
