"""Tokens of LaTeX math for :mod:`symseesaw.parsing.latex`: commands, characters, spacing.

The tokenizer accepts only the characters of formulas (ASCII letters, digits,
operators, brackets, and the Unicode minus, prime and dot); anything else is
an :class:`~symseesaw.parsing.limits.InputError` naming the character.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .limits import InputError

_Parts = tuple[str, str | None, str | None, int]


@dataclass
class _Tok:
    kind: str  # "cmd", "char", "eof"
    value: str
    pos: int
    space: bool  # whitespace before the token


_SPACING = {",", ";", "!", ":", " ", "quad", "qquad", "displaystyle", "textstyle", "nonumber",
            "notag", "limits", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
            "biggl", "biggr", "Biggl", "Biggr"}
_GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
    "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho",
    "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
    "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    "ell", "hbar",
}
_TEXT_CMDS = {"mathrm", "text", "mathit", "textrm", "mathsf", "mathbf", "rm", "operatorname"}
_DECORATIONS = {"hat", "tilde", "bar", "overline", "widetilde", "widehat", "check", "breve",
                "vec", "dot", "ddot", "mathcal", "mathbb", "mathfrak", "mathscr", "boldsymbol"}
_FUNCTIONS = {"exp": sp.exp, "ln": sp.log, "log": sp.log, "sqrt": sp.sqrt}
_MATRIX_ENVS = {"pmatrix", "bmatrix", "Bmatrix", "matrix", "smallmatrix", "array"}
_RELATIONS = {("char", "="), ("cmd", "approx"), ("cmd", "simeq"), ("cmd", "equiv"),
              ("cmd", "cong"), ("cmd", "doteq"), ("cmd", "propto")}
#: Inequalities: they separate the sides of a printed bound (``a \leq x \leq b``).
_INEQUALITIES = {("char", "<"), ("char", ">"), ("cmd", "leq"), ("cmd", "geq"), ("cmd", "le"),
                 ("cmd", "ge"), ("cmd", "lesssim"), ("cmd", "gtrsim")}
_MULT = {("char", "*"), ("cmd", "cdot"), ("cmd", "times")}


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n, space = 0, len(text), False
    while i < n:
        ch = text[i]
        if ch.isspace() or ch == "~":
            space = True
            i += 1
            continue
        if ch == "%":  # comment to end of line
            while i < n and text[i] != "\n":
                i += 1
            continue
        if ch == "\\":
            j = i + 1
            if j < n and text[j].isalpha():
                while j < n and text[j].isalpha():
                    j += 1
                toks.append(_Tok("cmd", text[i + 1 : j], i, space))
                i = j
            elif j < n:
                toks.append(_Tok("cmd", text[j], i, space))
                i = j + 1
            else:
                raise InputError("LaTeX: dangling backslash at the end of the formula")
            space = False
            continue
        if ch.isascii() and (ch.isalnum() or ch in "+-*/^_'(){}[]&=,.;|!<>"):
            toks.append(_Tok("char", ch, i, space))
        elif ch in "′":
            toks.append(_Tok("char", "'", i, space))
        elif ch in "−–":
            toks.append(_Tok("char", "-", i, space))
        elif ch in "·×":
            toks.append(_Tok("cmd", "cdot", i, space))
        else:
            raise InputError(f"LaTeX: unexpected character {ch!r} at position {i}")
        space = False
        i += 1
    toks.append(_Tok("eof", "", n, space))
    return toks
