r"""LaTeX names: a cursor over the tokens and the reader of one symbol name.

``m_2^{(0)}``, ``\sigma_+^N``, ``y'_\tau``, ``u^{\prime\prime}``: a name is
``base[_sub][^sup]['...]``.  :class:`TokenCursor` reads it (and the raw groups
it is made of); :func:`latex_symbol_parts` reads one name alone, and
:func:`compose_name` gives its canonical key.  The symbol table
(:mod:`~symseesaw.parsing.symbols`, canonical keys) and the formula parser
(:mod:`~symseesaw.parsing.latex`, a subclass of the cursor) both build on this
module, which imports neither of them.
"""

from __future__ import annotations

import re

from .latex_tokens import _DECORATIONS, _GREEK, _SPACING, _TEXT_CMDS, _Parts, _Tok, _tokenize
from .limits import InputError

__all__ = ["TokenCursor", "clean_name_part", "compose_name", "latex_symbol_parts"]


def clean_name_part(part: str) -> str:
    r"""Strip braces, blanks and command backslashes: ``{\mu\tau}`` -> ``mutau``."""
    part = re.sub(r"\\(mathrm|text|mathit|rm|operatorname)\b", "", part)
    part = part.replace("\\prime", "'")
    return re.sub(r"[\s{}\\]", "", part)


def compose_name(base: str, sub: str | None, sup: str | None, primes: int) -> str:
    """Canonical key from the parts of a name: ``("m", "2", "(0)", 0)`` -> ``m_2^(0)``."""
    key = clean_name_part(base)
    if sub:
        key += "_" + clean_name_part(sub)
    if sup:
        key += "^" + clean_name_part(sup)
    return key + "'" * primes


_clean = clean_name_part
_compose = compose_name


class TokenCursor:
    """Position in the tokens of a LaTeX text, with the reader of symbol names.

    Subclasses that know a symbol table override :meth:`names_known` and
    :meth:`is_known_name`, so that ``m_2^{(0)}`` is one name when the table
    has it and ``x^2`` stays a power.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokenize(text)
        self.i = 0

    def names_known(self) -> bool:
        """True if :meth:`is_known_name` can decide (a symbol table is present)."""
        return False

    def is_known_name(self, key: str) -> bool:
        """True if the canonical ``key`` names a known symbol."""
        return False

    def peek(self, k: int = 0) -> _Tok:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def next(self) -> _Tok:
        tok = self.peek()
        self.i = min(self.i + 1, len(self.toks) - 1)
        return tok

    def is_(self, kind: str, value: str | None = None, k: int = 0) -> bool:
        tok = self.peek(k)
        return tok.kind == kind and (value is None or tok.value == value)

    def expect(self, kind: str, value: str) -> None:
        tok = self.next()
        if tok.kind != kind or tok.value != value:
            shown = "end of formula" if tok.kind == "eof" else repr(self._tok_text(tok))
            want = ("\\" if kind == "cmd" else "") + value
            raise self.error(f"expected {want!r}, found {shown}", tok)

    def at_end(self) -> bool:
        return self.peek().kind == "eof"

    def error(self, message: str, tok: _Tok | None = None) -> InputError:
        tok = tok or self.peek()
        snippet = self.text[max(0, tok.pos - 20) : tok.pos + 20].replace("\n", " ")
        return InputError(f"LaTeX: {message} at position {tok.pos} (near {snippet!r})")

    @staticmethod
    def _tok_text(tok: _Tok) -> str:
        return "\\" + tok.value if tok.kind == "cmd" else tok.value

    def skip_spacing(self) -> None:
        while self.is_("cmd") and self.peek().value in _SPACING:
            self.next()

    # -- raw groups (for symbol names) --------------------------------------------
    def raw_group(self) -> str:
        """Text of the next group ``{...}`` or single token, unevaluated."""
        self.skip_spacing()
        tok = self.next()
        if tok.kind == "char" and tok.value == "{":
            depth, parts = 1, []
            while True:
                t = self.next()
                if t.kind == "eof":
                    raise self.error("unbalanced '{'", tok)
                if t.kind == "char" and t.value == "{":
                    depth += 1
                elif t.kind == "char" and t.value == "}":
                    depth -= 1
                    if depth == 0:
                        return "{" + "".join(parts) + "}"
                parts.append(self._tok_text(t) + (" " if t.kind == "cmd" else ""))
        if tok.kind == "eof":
            raise self.error("missing argument")
        if tok.kind == "cmd" and tok.value in _TEXT_CMDS | _DECORATIONS:
            return self._tok_text(tok) + self.raw_group()
        return self._tok_text(tok)

    def _peek_raw_group(self) -> tuple[str, int]:
        """Like :meth:`raw_group` but without consuming; returns (text, tokens used)."""
        start = self.i
        try:
            text = self.raw_group()
            used = self.i - start
        finally:
            self.i = start
        return text, used

    # -- symbols ----------------------------------------------------------------
    def symbol_parts(self, name_mode: bool = False) -> _Parts | None:
        """Read ``base[_sub][^sup]['...]`` starting at the current token.

        In ``name_mode`` every superscript is part of the name; otherwise a
        superscript is taken into the name only when the resulting name is in
        the symbol table (``m_2^{(0)}``), else it is left for a power (``x^2``).
        """
        tok = self.peek()
        if tok.kind == "char" and tok.value.isalpha():
            base = self.next().value
        elif tok.kind == "cmd" and (tok.value in _GREEK):
            base = self.next().value
        elif tok.kind == "cmd" and tok.value in _TEXT_CMDS | _DECORATIONS:
            self.next()
            inner = self.raw_group()
            base = _clean(inner) if tok.value in _TEXT_CMDS else f"{tok.value}({_clean(inner)})"
        else:
            return None
        sub: str | None = None
        sup: str | None = None
        primes = 0
        while True:
            if self.is_("char", "{") and self.is_("char", "}", 1) and self.is_("char", "^", 2):
                self.i += 2  # M'_D{}^{(NO)}: an empty group that only carries a superscript
            elif self.is_("char", "'"):
                self.next()
                primes += 1
            elif self.is_("char", "_") and sub is None:
                self.next()
                sub = self.raw_group()
            elif self.is_("char", "^") and sup is None:
                save = self.i
                self.next()
                group = self.raw_group()
                inner = _clean(group)
                if inner and set(inner) == {"'"}:
                    primes += len(inner)
                    continue
                take = name_mode
                if not take and self.names_known():
                    after = self.i
                    extra_sub = None
                    if sub is None and self.is_("char", "_"):
                        self.next()
                        extra_sub = self.raw_group()
                    candidate = _compose(base, sub or extra_sub, group, primes)
                    take = self.is_known_name(candidate)
                    self.i = self.i if take else after
                    if take and extra_sub is not None:
                        sub = extra_sub
                if take:
                    sup = group
                else:
                    self.i = save
                    break
            else:
                break
        return base, sub, sup, primes


def latex_symbol_parts(text: str) -> _Parts | None:
    """Parts ``(base, sub, sup, primes)`` of a LaTeX symbol, or None if ``text`` is not one."""
    cursor = TokenCursor(text)
    parts = cursor.symbol_parts(name_mode=True)
    if parts is None or not cursor.at_end():
        return None
    return parts
