r"""Displays pasted from papers: wrappers, equation labels and multi-line environments.

:func:`strip_wrappers` removes ``$``, ``\[ \]``, equation environments,
``\label``/``\tag`` and equation labels such as ``\quad (22)`` or
``(\text{A-16})``; :func:`split_lines` splits ``aligned``/``align``/``cases``
displays into one formula per line, joining continuation lines.  Every scan
is linear in the text (no regex backtracking on long blank runs).
"""

from __future__ import annotations

import re

from .limits import check_text

__all__ = ["split_lines", "strip_wrappers"]

_LABEL = r"\(\s*(?:\\text\s*\{\s*)?[A-Z]?[-.]?\d+[a-z]?(?:\s*\})?\s*\)"
_ENV_WRAPPERS = ("equation", "align", "aligned", "alignat", "eqnarray", "gather", "gathered",
                 "multline", "split", "displaymath")


def strip_wrappers(text: str) -> str:
    r"""Remove ``$``, ``\[ \]``, equation environments, labels and trailing punctuation.

    Labels: ``\tag{..}``, ``\label{..}``, ``(\text{A-16})`` anywhere; ``(22)``
    after ``\quad`` or a comma, or at the very end after a closing brace.
    """
    text = re.sub(r"(?<!\\)%[^\n]*", "", text)
    text = re.sub(r"\\(label|tag|eqref|ref)\*?\s*\{[^{}]*\}", "", text)
    envs = "|".join(_ENV_WRAPPERS)
    text = re.sub(r"\\(begin|end)\s*\{(" + envs + r")\*?\}(\{\d+\})?", " ", text)
    text = _remove_labels(text)
    text = text.replace("$", " ").replace("\\[", " ").replace("\\]", " ")
    return text.strip().rstrip(".,; ")


_LABEL_RE = re.compile(_LABEL)
_LABEL_PREFIX = re.compile(r"(\\q?quad|\\[,;:!])$")


def _remove_labels(text: str) -> str:
    r"""Drop equation labels: ``(\text{A-16})`` anywhere, ``(22)`` after ``\quad`` or a
    comma or at the end of the display (scanned backwards by hand: no regex backtracking)."""
    for match in reversed(list(_LABEL_RE.finditer(text))):
        start, marked = match.start(), "\\text" in match.group(0)
        while True:
            before = text[:start].rstrip()
            prefix = _LABEL_PREFIX.search(before[-7:])
            if prefix is not None:
                start = len(before) - len(prefix.group(0))
                marked = True
            elif before.endswith(","):
                start = len(before) - 1
                marked = True
                break
            else:
                start = len(before)
                break
        at_end = not text[match.end():].strip(" \t\n.,;$")
        if marked or at_end:
            text = text[:start] + " " + text[match.end():]
    return text


_CONTINUATION = re.compile(r"^(\+|-|\\cdot\b|\\times\b|\\left\s*\.|\\right\b|\*|/)")
_SPACE_CMDS = re.compile(r"^(\s|\\q?quad\b|\\[,;:! ]|\\hspace\s*\{[^{}]*\})+")


def _top_level(text: str, token: str) -> list[int]:
    r"""Positions of ``token`` outside environments and braces (``\x`` commands skipped)."""
    found, depth, i = [], 0, 0
    while i < len(text):
        if depth <= 0 and text.startswith(token, i):
            found.append(i)
            i += len(token)
            continue
        if text.startswith("\\begin", i):
            depth += 1
        elif text.startswith("\\end", i):
            depth -= 1
        elif text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
        elif text[i] == "\\":
            i += 2
            continue
        i += 1
    return found


def _split_top(text: str) -> list[str]:
    r"""Split at ``\\`` outside matrix and ``cases`` environments and braces."""
    cuts = _top_level(text, "\\\\")
    starts, ends = [0] + [i + 2 for i in cuts], [*cuts, len(text)]
    return [text[a:b] for a, b in zip(starts, ends, strict=True)]


def _drop_ampersands(line: str) -> str:
    """Alignment ``&`` outside environments and braces become blanks."""
    cuts = set(_top_level(line, "&"))
    return "".join(" " if i in cuts else c for i, c in enumerate(line))


def _cases_lines(text: str) -> list[str] | None:
    match = re.search(r"\\begin\s*\{cases\}(.*)\\end\s*\{cases\}", text, re.S)
    if match is None:
        return None
    lines = []
    for line in _split_top(match.group(1)):
        formula = line.split("&", 1)[0].strip()
        if formula:
            lines.append(formula)
    return lines


def split_lines(text: str) -> list[str]:
    r"""Split a multi-line LaTeX display (``aligned``, ``align``, ``cases``, ``\\`` lines)
    into one formula per line.

    Alignment ``&`` is dropped; a line that starts with an operator (``+ -
    \cdot``) or ``\left.`` continues the previous one, and a ``\right.
    \left.`` pair across the break is removed; in ``cases`` each row's first
    cell is a formula (the condition after ``&`` is dropped).  Matrices are
    never split.
    """
    text = check_text(text)
    cases = _cases_lines(text)
    if cases is not None:
        return cases
    body = strip_wrappers(text)
    lines: list[str] = []
    for raw in _split_top(body):
        line = _drop_ampersands(raw)
        line = _SPACE_CMDS.sub("", line.strip()).strip()
        line = re.sub(r"(?<!\\right)(?<!\\left)[,;.]\s*$", "", line).strip()
        if not line:
            continue
        if lines and _CONTINUATION.match(line):
            joined = lines[-1] + " " + line
            lines[-1] = re.sub(r"\\right\s*\.\s*\\left\s*\.", " ", joined)
        else:
            lines.append(line)
    return lines
