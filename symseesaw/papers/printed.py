"""Printed equations kept as the LaTeX text of the paper, read by the LaTeX parser.

A transcription is the display-math text of the seed file, copied verbatim
(between the ``$$``), so it is faithful by construction; this module only
splits what :func:`symseesaw.parsing.parse_latex` reads one formula at a time:

* :func:`read_matrix_sum`: ``U \\simeq \\begin{pmatrix}..\\end{pmatrix} + \\begin{pmatrix}..``
  (a sum of printed matrices, as papers print ``U_0 + dU^(1) + dU^(2)``);
* :func:`read_aligned`: ``\\begin{aligned} m_1 &= .., \\\\ m_2 &= .. \\end{aligned}``
  (one formula per row, the right-hand sides in order; ``&\\simeq`` too);
* :func:`read_list`: ``m_1 = .., \\quad m_2 = ..`` on one line.

Equation labels (``, \\quad (22)``, ``\\tag{24}``) and trailing punctuation are
removed first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import sympy as sp

from symseesaw.parsing import parse_latex

__all__ = ["read_aligned", "read_list", "read_matrix_sum", "strip_label"]

_LABEL = re.compile(r"(?:,?\s*\\quad\s*\(\s*[\w-]+\s*\)|\\tag\{[^}]*\})\s*$")


def strip_label(tex: str) -> str:
    """``tex`` without its trailing equation label and punctuation."""
    out = _LABEL.sub("", tex.strip()).rstrip()
    return out.rstrip(",.;").rstrip()


def read_matrix_sum(tex: str, symbols: Iterable[sp.Symbol]) -> sp.Matrix:
    """The sum of the printed matrices of ``tex`` (left-hand side ignored).

    A trailing remainder ``+ \\mathcal{O}(..)`` is dropped (it states the
    order the print claims; the caller judges at that order).

    Raises
    ------
    ValueError
        A block is not a matrix, or the blocks differ in shape.
    """
    body = re.sub(r"\+\s*\\mathcal\{O\}.*$", "", strip_label(tex), flags=re.S).rstrip()
    head, sep, rest = body.partition(r"\begin{pmatrix}")
    if not sep:
        raise ValueError("no pmatrix in the printed text")
    blocks = re.split(r"\\end\{pmatrix\}\s*\+\s*\\begin\{pmatrix\}", sep + rest)
    total = None
    for k, block in enumerate(blocks):
        text = block if k == 0 else r"\begin{pmatrix}" + block
        if k < len(blocks) - 1:
            text += r"\end{pmatrix}"
        value = parse_latex(text, list(symbols))
        if not isinstance(value, sp.MatrixBase):
            raise ValueError(f"block {k + 1} of the printed sum is not a matrix")
        total = sp.Matrix(value) if total is None else total + sp.Matrix(value)
    return total


#: A relation between a left- and a right-hand side, as printed.
_RELATION = re.compile(r"&?\s*(?:=|\\simeq|\\approx)")


def _rhs(row: str) -> str:
    parts = _RELATION.split(row, maxsplit=1)
    if len(parts) != 2:
        raise ValueError(f"no '=', '\\simeq' or '\\approx' in the printed row {row.strip()!r}")
    return parts[1].strip().rstrip(",.;").strip()


def read_aligned(tex: str, symbols: Iterable[sp.Symbol]) -> list[sp.Expr]:
    """Right-hand sides of the rows ``lhs &= rhs`` (or ``&\\simeq``) of ``aligned``, in order."""
    body = strip_label(tex)
    match = re.search(r"\\begin\{aligned\}(.*)\\end\{aligned\}", body, re.S)
    if match is None:
        raise ValueError("no aligned environment in the printed text")
    rows = [row for row in match.group(1).split(r"\\") if row.strip()]
    return [parse_latex(_rhs(row), list(symbols)) for row in rows]


def read_list(tex: str, symbols: Iterable[sp.Symbol]) -> list[sp.Expr]:
    """Right-hand sides of ``m_1 = .., \\quad m_2 = ..`` printed on one line, in order."""
    body = strip_label(tex)
    rows = [row for row in re.split(r",?\s*\\quad\s*", body) if row.strip()]
    return [parse_latex(_rhs(row), list(symbols)) for row in rows]
