"""Estimated typeset width of a LaTeX math string (points, 10 pt Computer Modern).

The LaTeX writer breaks long sums and prints wide matrices entry by entry
where the *typeset* line would not fit the text width of a standard
``article`` page (:data:`LINE_WIDTH_PT`).  The length of the LaTeX source is
a poor proxy (``m_{s} r_{a}^{3}`` is 15 characters and 4 glyphs), so the width
is estimated glyph by glyph: letters and digits at their average advance,
``+ - =`` with their spacing, scripts at 70 % (50 % at the second level),
``\\frac`` as its wider part, ``\\sqrt`` with its radical sign.  The
estimate errs on the wide side; it is a layout heuristic, not TeX.
"""

from __future__ import annotations

import re

__all__ = ["LINE_WIDTH_PT", "MATRIX_WIDTH_PT", "typeset_width"]

#: Width available to one ``align`` line: the ``article`` text width (345 pt for
#: A4 and letter at 10 pt) less the left-hand side and the equation number.
LINE_WIDTH_PT = 240.0
#: Widest ``pmatrix`` printed whole (same budget as a line).
MATRIX_WIDTH_PT = LINE_WIDTH_PT

_TOKEN = re.compile(r"\\[a-zA-Z]+|\\.|[{}^_]|[^{}^_\\]")
#: Advance widths (pt at 10 pt) of characters and control sequences.
_BINARY = 12.0  # "+", "-", "=" with the medium/thick spaces around them
_LETTER = 5.6
_WIDTHS = {"+": _BINARY, "-": _BINARY, "=": _BINARY, "(": 3.9, ")": 3.9, "[": 2.8,
           "]": 2.8, ",": 4.4, ".": 2.8, "|": 2.8, "'": 2.8, " ": 0.0,
           "\\quad": 10.0, "\\qquad": 20.0, "\\,": 1.7, "\\;": 2.8, "\\:": 2.2, "\\!": -1.7,
           "\\cdot": _BINARY - 5.0, "\\left": 0.0, "\\right": 0.0, "\\prime": 2.8,
           "\\dagger": 4.4, "\\operatorname": 0.0, "\\mathrm": 0.0, "\\text": 0.0,
           "\\mathit": 0.0, "\\mathbf": 0.0, "\\overline": 0.0, "\\tilde": 0.0,
           "\\hat": 0.0, "\\bar": 0.0, "\\nonumber": 0.0, "\\\\": 0.0,
           # operator names: their letters upright, plus the thin space after them
           "\\log": 14.4, "\\ln": 9.4, "\\exp": 16.1, "\\sin": 12.8, "\\cos": 14.4,
           "\\tan": 14.4, "\\arctan": 29.4, "\\sqrt": 8.3, "\\Big": 0.0, "\\big": 0.0}
_SCRIPT = (1.0, 0.7, 0.5)


def _group(tokens: list[str], pos: int) -> tuple[list[str], int]:
    """The tokens of the group (or single token) starting at ``pos``; the next position."""
    if pos >= len(tokens):
        return [], pos
    if tokens[pos] != "{":
        return [tokens[pos]], pos + 1
    depth, start = 0, pos
    while pos < len(tokens):
        depth += {"{": 1, "}": -1}.get(tokens[pos], 0)
        pos += 1
        if depth == 0:
            break
    return tokens[start + 1:pos - 1], pos


def _width(tokens: list[str], level: int) -> float:
    scale = _SCRIPT[min(level, 2)]
    total, pos = 0.0, 0
    while pos < len(tokens):
        tok = tokens[pos]
        pos += 1
        if tok in ("^", "_"):
            script, pos = _group(tokens, pos)
            total += _width(script, level + 1)
        elif tok == "{":
            inner, pos = _group(tokens, pos - 1)
            total += _width(inner, level)
        elif tok == "}":
            continue
        elif tok in ("\\frac", "\\dfrac", "\\tfrac"):
            num, pos = _group(tokens, pos)
            den, pos = _group(tokens, pos)
            total += max(_width(num, level), _width(den, level)) + 2.0 * scale
        elif tok == "\\sqrt":
            if pos < len(tokens) and tokens[pos] == "[":
                end = tokens.index("]", pos) if "]" in tokens[pos:] else pos
                pos = end + 1
            body, pos = _group(tokens, pos)
            total += _width(body, level) + 8.3 * scale
        else:
            total += _WIDTHS.get(tok, _LETTER) * scale
    return total


def typeset_width(tex: str) -> float:
    """Estimated width in points of ``tex`` typeset as display math at 10 pt.

    Parameters
    ----------
    tex : str
        A LaTeX math string (printer output, no environments).

    Returns
    -------
    float
    """
    return _width(_TOKEN.findall(tex), 0)
