r"""Printed equations kept as the LaTeX text of the paper, read by the LaTeX parser.

A transcription is the display-math text of the seed file, copied verbatim
(between the ``$$``), so it is faithful by construction; this module only
splits what :func:`symseesaw.parsing.parse_latex` reads one formula at a time:

* :func:`read_matrices`, :func:`read_matrix_sum`: ``U \simeq \begin{pmatrix}..
  \end{pmatrix} + \begin{pmatrix}..`` (papers print ``U_0 + dU^(1) + dU^(2)``);
* :func:`read_aligned`: ``\begin{aligned} m_1 &= .., \\ m_2 &= .. \end{aligned}``
  (one formula per row, the right-hand sides in order; ``&\simeq`` too; rows
  continued with ``\left\{ .. \right.`` are joined);
* :func:`read_list`: ``m_1 = .., \quad m_2 = ..`` on one line;
* :func:`read_definitions`: ``a \equiv .., \quad b \equiv ..`` rows, the
  defining equality of each (a further ``\simeq ..`` is not a definition);
* :func:`split_and`: ``A \quad \text{and} \quad B`` (two equations on one line);
* :func:`sign_branches`: a formula printed with ``\pm``/``\mp`` as its upper
  and lower branch.

Equation labels (``, \quad (22)``, ``\tag{24}``, ``(\text{A-16})``) and
trailing punctuation are removed first.  :func:`amend` writes a *reading* of a
garbled text as the verbatim text with named replacements, each of which must
occur exactly once, so a reading says precisely what it changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import sympy as sp

from symseesaw.parsing import parse_latex, split_lines, split_relations, strip_wrappers
from symseesaw.parsing.symbols import as_table

__all__ = ["amend", "read_aligned", "read_definitions", "read_list", "read_matrices",
           "read_matrix_sum", "sign_branches", "split_and"]


def _pmatrix_spans(body: str) -> list[tuple[int, int]]:
    """Spans of the top-level ``pmatrix`` environments (matrices nested in one are inside)."""
    spans, depth, start = [], 0, 0
    for match in re.finditer(r"\\(begin|end)\{pmatrix\}", body):
        if match.group(1) == "begin":
            if depth == 0:
                start = match.start()
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                spans.append((start, match.end()))
    return spans


def read_matrices(tex: str, symbols: Iterable[sp.Symbol], *, rest: str | None = None,
                  **options: Any) -> list[sp.Matrix]:
    """The printed matrices of ``tex`` that are summed, each one separately, in order.

    Text before the first matrix must be a left-hand side (ending with
    ``=``, ``\\simeq``, ``\\approx``, ``\\equiv``) and is not read; text after the
    last may only be a remainder ``+ \\mathcal{O}(..)`` or the named term
    ``+ rest`` the caller states (``rest=r"\\delta U"``), which is not read
    either; between two matrices only ``+`` may stand.  A prefactor or a factor such as ``F`` is
    refused: read such a display whole with
    :func:`~symseesaw.parsing.parse_latex`.  ``options`` go to
    :func:`~symseesaw.parsing.parse_latex` (e.g. ``matrices``, ``empty_cells``).

    Raises
    ------
    ValueError
        No ``pmatrix``; a factor or term before or after the matrices that is
        not stated; something other than ``+`` between two matrices.
    """
    body = strip_wrappers(tex)
    spans = _pmatrix_spans(body)
    if not spans:
        raise ValueError("no pmatrix in the printed text")
    head = re.sub(r"&|\s", "", body[: spans[0][0]])
    if head and not re.search(r"(=|\\simeq|\\approx|\\equiv)$", head):
        raise ValueError(f"the printed matrices follow {head[-20:]!r}, not a relation: "
                         "a prefactor? read the display with parse_latex")
    tail = re.sub(r"\s", "", body[spans[-1][1] :])
    allowed = ("", "+" + re.sub(r"\s", "", rest or ""))
    if tail not in allowed and not tail.startswith(r"+\mathcal{O}"):
        raise ValueError(f"the printed matrices are followed by {tail[:20]!r}: a factor or "
                         "a further term? read the display with parse_latex")
    for (_, end), (start, _) in zip(spans, spans[1:]):
        between = re.sub(r"\\\\|&|\s", "", body[end:start])
        if between != "+":
            raise ValueError(f"the printed matrices are joined by {between!r}, not '+'")
    table = as_table(symbols)
    return [sp.Matrix(parse_latex(body[a:b], table, **options)) for a, b in spans]


def read_matrix_sum(tex: str, symbols: Iterable[sp.Symbol], **options: Any) -> sp.Matrix:
    """The sum of the printed matrices of ``tex`` (see :func:`read_matrices`)."""
    blocks = read_matrices(tex, symbols, **options)
    if len({m.shape for m in blocks}) != 1:
        raise ValueError("the printed matrices differ in shape")
    total = blocks[0]
    for block in blocks[1:]:
        total = total + block
    return total


#: ``\pm`` and ``\mp`` (not ``\pmod``).
_SIGNS = re.compile(r"\\(pm|mp)(?![a-zA-Z])")


def _rhs(row: str) -> str:
    """The last side of a printed relation (:func:`~symseesaw.parsing.split_relations`)."""
    sides = split_relations(row)
    if len(sides) < 2:
        raise ValueError(f"no '=', '\\simeq' or '\\approx' in the printed row {row.strip()!r}")
    return sides[-1]


def read_aligned(tex: str, symbols: Iterable[sp.Symbol], *, expand_signs: bool = False,
                 **options: Any) -> list[Any]:
    """Right-hand sides of the rows ``lhs &= rhs`` (or ``&\\simeq``) of ``aligned``, in order.

    Rows are split as :func:`~symseesaw.parsing.split_lines` splits them
    (matrices are never split; a row continued on the next line, as in
    ``\\left\\{ .. \\right. \\\\ \\left. .. \\right\\}``, is one row).  With
    ``expand_signs`` a row printed with ``\\pm``/``\\mp`` gives two formulas, its
    upper then its lower branch (:func:`sign_branches`); without, it is an error.
    ``options`` go to :func:`~symseesaw.parsing.parse_latex`.
    """
    if not re.search(r"\\begin\{aligned\}", tex):
        raise ValueError("no aligned environment in the printed text")
    table = as_table(symbols)
    out = []
    for row in split_lines(tex):
        branches = sign_branches(row) if expand_signs and _SIGNS.search(row) else (row,)
        out += [parse_latex(_rhs(text), table, **options) for text in branches]
    return out


def read_list(tex: str, symbols: Iterable[sp.Symbol]) -> list[sp.Expr]:
    """Right-hand sides of ``m_1 = .., \\quad m_2 = ..`` printed on one line, in order."""
    body = strip_wrappers(tex)
    rows = [row for row in re.split(r",?\s*\\quad\s*", body) if row.strip()]
    table = as_table(symbols)
    return [parse_latex(_rhs(row), table) for row in rows]


def split_and(tex: str) -> list[str]:
    r"""The equations of ``A \quad \text{and} \quad B`` (label removed), in order."""
    body = strip_wrappers(tex)
    return [part.strip() for part in re.split(r"\\quad\s*\\text\{\s*and\s*\}\s*\\quad", body)]


def sign_branches(tex: str) -> tuple[str, str]:
    r"""Upper and lower branch of a formula printed with ``\pm``/``\mp``.

    Upper: ``\pm`` -> ``+``, ``\mp`` -> ``-``; lower: the opposite.  Names
    such as ``\sigma_\pm^N`` become ``\sigma_+^N`` and ``\sigma_-^N``.
    """
    if not _SIGNS.search(tex):
        raise ValueError("no \\pm or \\mp in the printed text")

    def branch(pm: str, mp: str) -> str:
        return _SIGNS.sub(lambda m: pm if m.group(1) == "pm" else mp, tex)

    return branch("+", "-"), branch("-", "+")


def read_definitions(tex: str, symbols: Iterable[sp.Symbol]) -> dict[sp.Symbol, sp.Expr]:
    r"""Definitions ``a \equiv expr`` of a display, one or several per row (``, \quad``).

    Only the defining equality is read: ``R \equiv \frac{m_2}{m_3} \simeq
    \sqrt{..} = \mathcal{O}(..)`` defines ``R = m_2/m_3``.  A definition printed
    with ``\pm`` (``\sigma_\pm^N \equiv \chi \pm \rho_2``) gives two.

    Raises
    ------
    ValueError
        A left-hand side that is not one known symbol, or a symbol defined twice.
    """
    table = as_table(symbols)
    out: dict[sp.Symbol, sp.Expr] = {}
    for row in split_lines(tex):
        for item in re.split(r",?\s*\\quad\s*", row):
            if not item.strip():
                continue
            branches = sign_branches(item) if _SIGNS.search(item) else (item,)
            for text in branches:
                sides = split_relations(text)
                lhs = parse_latex(sides[0], table)
                if not isinstance(lhs, sp.Symbol) or lhs in out:
                    raise ValueError(f"{sides[0]!r} is not one new symbol to define")
                out[lhs] = parse_latex(sides[1], table)
    return out


def amend(text: str, *replacements: tuple[str, str]) -> str:
    """``text`` with each ``(old, new)`` replaced; every ``old`` must occur exactly once.

    Raises
    ------
    ValueError
        An ``old`` that does not occur exactly once (the reading would not say
        what it changes).
    """
    for old, new in replacements:
        count = text.count(old)
        if count != 1:
            raise ValueError(f"{old!r} occurs {count} times in the text, not once")
        text = text.replace(old, new)
    return text
