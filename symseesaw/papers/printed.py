"""Printed equations kept as the LaTeX text of the paper, read by the LaTeX parser.

A transcription is the display-math text of the seed file, copied verbatim
(between the ``$$``), so it is faithful by construction; this module only
splits what :func:`symseesaw.parsing.parse_latex` reads one formula at a time:

* :func:`read_matrix_sum`: ``U \\simeq \\begin{pmatrix}..\\end{pmatrix} + \\begin{pmatrix}..``
  (a sum of printed matrices, as papers print ``U_0 + dU^(1) + dU^(2)``);
* :func:`read_aligned`: ``\\begin{aligned} m_1 &= .., \\\\ m_2 &= .. \\end{aligned}``
  (one formula per row, the right-hand sides in order).

Equation labels (``, \\quad (22)``, ``\\tag{24}``) and trailing punctuation are
removed first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import sympy as sp

from symseesaw.parsing import parse_latex

__all__ = ["read_aligned", "read_matrix_sum", "strip_label"]

_LABEL = re.compile(r"(?:,?\s*\\quad\s*\(\s*[\w-]+\s*\)|\\tag\{[^}]*\})\s*$")


def strip_label(tex: str) -> str:
    """``tex`` without its trailing equation label and punctuation."""
    out = _LABEL.sub("", tex.strip()).rstrip()
    return out.rstrip(",.;").rstrip()


def read_matrix_sum(tex: str, symbols: Iterable[sp.Symbol]) -> sp.Matrix:
    """The sum of the printed matrices of ``tex`` (left-hand side ignored).

    Raises
    ------
    ValueError
        A block is not a matrix, or the blocks differ in shape.
    """
    body = strip_label(tex)
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


def read_aligned(tex: str, symbols: Iterable[sp.Symbol]) -> list[sp.Expr]:
    """Right-hand sides of the rows ``lhs &= rhs`` of an ``aligned`` block, in order."""
    body = strip_label(tex)
    match = re.search(r"\\begin\{aligned\}(.*)\\end\{aligned\}", body, re.S)
    if match is None:
        raise ValueError("no aligned environment in the printed text")
    out = []
    for row in match.group(1).split(r"\\"):
        if "&=" not in row:
            continue
        rhs = row.split("&=", 1)[1].strip().rstrip(",").strip()
        out.append(parse_latex(rhs, list(symbols)))
    return out
