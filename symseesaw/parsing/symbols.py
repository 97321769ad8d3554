"""Symbol names: canonical keys, the symbol table, identifiers, reserved words.

Symbols are matched **by name**: ``\\epsilon_1``, ``epsilon_1`` and
``\\epsilon_{1}`` all denote the symbol named ``epsilon_1``; ``m_2^{(0)}``,
``m^{(0)}_{2}`` and ``m_2^(0)`` the symbol named ``m_2^(0)``; ``u'`` and
``u^{\\prime}`` the symbol ``u'``.  Primes are part of a name: ``u``, ``u'``
and ``u''`` are three different names, and a name that is not in the table is
an error that suggests the near names (``unknown symbol 'u'; did you mean u'
or u''?``), never an alias.

The constants ``E``, ``I``, ``pi`` (LaTeX ``e^{...}``, ``i``, ``\\pi``) are
reserved words: when symbols are *created* from a text (a matrix file) they
are refused unless the caller declares them as symbol names.
"""

from __future__ import annotations

import difflib
import keyword
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import sympy as sp

from .latex_names import clean_name_part, compose_name, latex_symbol_parts
from .limits import InputError

__all__ = [
    "RESERVED_WORDS",
    "SymbolTable",
    "canonical_name",
    "find_small_parameter",
    "is_plain_identifier",
    "resolve_symbol_names",
    "symbol_identifiers",
]

#: Names of sympy syntax that are not symbols (functions, constants, constructors).
SYNTAX_NAMES = frozenset({
    "Integer", "Rational", "Float", "Symbol", "sqrt", "I", "conjugate", "Abs", "exp", "log",
    "pi", "E", "Function", "null", "Matrix",
})
#: Reserved words and what they mean (sympy syntax and LaTeX spellings).
RESERVED_WORDS: dict[str, str] = {
    "E": "Euler's number e (write exp(1) or e^{1})",
    "I": "the imaginary unit (also LaTeX i)",
    "pi": "the constant pi",
    "i": "the imaginary unit in LaTeX",
    "e": "Euler's number in LaTeX (e^{x})",
}


def is_plain_identifier(name: str) -> bool:
    """True if ``name`` can stand for a symbol in a sympy-syntax string as it is."""
    return (
        name.isascii()
        and name.isidentifier()
        and not keyword.iskeyword(name)
        and not name.startswith("_")
        and name not in SYNTAX_NAMES
    )


def _sanitize(name: str) -> str:
    """Map ``name`` to a plain identifier (``m_2^(0)`` -> ``m_2__0``, ``u'`` -> ``u_prime``).

    Primes are spelled out so that the identifier of ``u'`` is never ``u``.
    """
    ident = re.sub(r"'", "_prime", name)
    ident = re.sub(r"[^0-9A-Za-z_]+", "__", ident).strip("_")
    if not ident or ident[0].isdigit():
        ident = "s_" + ident
    if not is_plain_identifier(ident):
        ident += "_"
    return ident


def symbol_identifiers(symbols: Iterable[sp.Symbol]) -> dict[sp.Symbol, str]:
    """Assign each symbol a unique identifier usable in a parseable expression string.

    Symbols whose name already is a plain identifier keep it (the first one,
    if two symbols share a name with different assumptions); the others get a
    sanitized name (``m_2^(0)`` -> ``m_2__0``, ``u'`` -> ``u_prime``), made
    unique with a numeric suffix.
    """
    ordered = list(dict.fromkeys(symbols))
    idents: dict[sp.Symbol, str] = {}
    used: set[str] = set()
    for sym in ordered:
        if is_plain_identifier(sym.name) and sym.name not in used:
            idents[sym] = sym.name
            used.add(sym.name)
    for sym in ordered:
        if sym in idents:
            continue
        base = _sanitize(sym.name)
        ident, k = base, 1
        while ident in used:
            ident = f"{base}_{k}"
            k += 1
        idents[sym] = ident
        used.add(ident)
    return idents


# ------------------------------------------------------------------------- canonical keys
_GREEK_ALIASES = {"varepsilon": "epsilon", "vartheta": "theta", "varphi": "phi", "varrho": "rho"}


def _split_plain_name(name: str) -> tuple[str, str | None, str | None, int]:
    """``m_2^(0)`` -> ``("m", "2", "(0)", 0)``; ``u''`` -> ``("u", None, None, 2)``."""
    stripped = name.rstrip("'")
    primes = len(name) - len(stripped)
    match = re.match(r"^([^_^]+)((?:[_^][^_^]*)*)$", stripped)
    if not match:
        return stripped, None, None, primes
    base, rest = match.group(1), match.group(2)
    primes += base.count("'")
    base = base.replace("'", "")
    sub = sup = None
    for marker, text in re.findall(r"([_^])([^_^]*)", rest):
        if marker == "_" and sub is None:
            sub = text
        elif marker == "^" and sup is None:
            sup = text
        else:  # a second subscript: keep it literally
            sub = (sub or "") + marker + text
    return base, sub, sup, primes


def canonical_name(text: str, latex: bool | None = None) -> str:
    r"""Canonical key of a symbol name or LaTeX symbol.

    ``epsilon_1``, ``\epsilon_1`` and ``\epsilon_{1}`` -> ``epsilon_1``;
    ``m_2^(0)``, ``m_2^{(0)}``, ``m^{(0)}_{2}`` -> ``m_2^(0)``;
    ``u^{\prime\prime}`` -> ``u''``.

    Parameters
    ----------
    text : str
        A sympy symbol name or the LaTeX form of one symbol.
    latex : bool, optional
        Force LaTeX interpretation (default: LaTeX if ``text`` has a
        backslash or a brace).
    """
    if latex is None:
        latex = "\\" in text or "{" in text
    if not latex:
        return compose_name(*_split_plain_name(text.strip()))
    parts = latex_symbol_parts(text)
    if parts is None:
        return clean_name_part(text)
    return compose_name(*parts)


def _loose(key: str) -> str:
    return re.sub(r"[_\s]", "", key)


def _bare(key: str) -> str:
    """Key without primes, braces and decorations, for suggestions: ``u''`` -> ``u``."""
    return re.sub(r"['{}()\s]", "", key).lower()


class SymbolTable:
    """Lookup of the caller's symbols by any reasonable spelling of their names.

    Parameters
    ----------
    symbols : iterable of Symbol, or mapping name -> Symbol
        The symbols a formula may use.  With a mapping, the keys are extra
        spellings.
    aliases : mapping str -> Symbol, optional
        Extra spellings (sympy names or LaTeX, e.g. ``{"\\varepsilon": eps}``).
    latex_names : mapping Symbol -> str, optional
        LaTeX form of symbols (e.g. a derivation's ``LATEX_NAMES``); these
        spellings are accepted too.
    """

    def __init__(
        self,
        symbols: Iterable[sp.Symbol] | Mapping[str, sp.Symbol],
        aliases: Mapping[str, sp.Symbol] | None = None,
        latex_names: Mapping[sp.Symbol, str] | None = None,
    ) -> None:
        self.keys: dict[str, sp.Symbol] = {}
        self._loose: dict[str, sp.Symbol | None] = {}
        spellings: list[tuple[str, sp.Symbol]] = []
        if isinstance(symbols, Mapping):
            items = list(symbols.items())
            self.symbols = list(dict.fromkeys(v for _, v in items))
            spellings += items
        else:
            self.symbols = list(dict.fromkeys(symbols))
        for sym in self.symbols:
            if not isinstance(sym, sp.Symbol):
                raise TypeError(f"expected sympy Symbols, got {sym!r}")
            spellings.append((sym.name, sym))
            spellings.append((sp.latex(sym), sym))
        for sym, tex in (latex_names or {}).items():
            if sym in self.symbols:
                spellings.append((tex, sym))
        for name, sym in (aliases or {}).items():
            if sym not in self.symbols:
                self.symbols.append(sym)
            spellings.append((name, sym))
        for text, sym in spellings:
            self._add(text, sym)
        self.identifiers = symbol_identifiers(self.symbols)

    def _add(self, text: str, sym: sp.Symbol) -> None:
        keys = {text, canonical_name(text)}
        try:
            keys.add(canonical_name(text, latex=True))
        except ValueError:
            pass
        for key in keys:
            self.keys.setdefault(key, sym)
            loose = _loose(key)
            if loose in self._loose and self._loose[loose] is not sym:
                self._loose[loose] = None  # ambiguous
            else:
                self._loose[loose] = sym

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def get(self, key: str) -> sp.Symbol | None:
        """Symbol for a canonical key (exact, Greek variant, then blanks and ``_`` ignored).

        Primes always count: ``u`` never finds ``u'``.
        """
        for candidate in (key, self._greek(key)):
            if candidate in self.keys:
                return self.keys[candidate]
        return self._loose.get(_loose(key)) or self._loose.get(_loose(self._greek(key)))

    @staticmethod
    def _greek(key: str) -> str:
        for variant, plain in _GREEK_ALIASES.items():
            if key.startswith(variant):
                return plain + key[len(variant) :]
        return key

    def known(self) -> str:
        """Comma-separated names of the known symbols (for error messages)."""
        return ", ".join(sorted(s.name for s in self.symbols)) or "none"

    def suggestions(self, key: str, limit: int = 3) -> list[str]:
        """Names of known symbols a misspelled ``key`` may mean (``u`` -> ``u'``, ``u''``)."""
        names = sorted({s.name for s in self.symbols})
        bare = _bare(self._greek(key))
        same = [n for n in names if _bare(canonical_name(n)) == bare and n != key]
        close = difflib.get_close_matches(key, names, n=limit, cutoff=0.6)
        return list(dict.fromkeys(same + close))[: max(limit, len(same))]

    def unknown_message(self, key: str) -> str:
        """One-line message for an unknown name, with suggestions."""
        hint = self.suggestions(key)
        if hint:
            return f"unknown symbol {key!r}; did you mean {' or '.join(hint)}?"
        return f"unknown symbol {key!r} (known: {self.known()})"


_Small = TypeVar("_Small")


def find_small_parameter(name: str, small: Iterable[_Small], what: str = "the order") -> _Small:
    """The small parameter (a symbol or its name) that an order names as ``name``.

    Besides its own name, ``epsilon_1`` may be written ``eps_1`` or ``eps1``
    (the short spellings of ``--order`` and claim files); ``what`` says where
    the name was read, for the message.

    Raises
    ------
    InputError
        No small parameter answers to ``name`` (the message lists the known ones).
    """
    small = list(small)
    for candidate in small:
        full = str(candidate)
        if name in (full, full.replace("silon", "s"), full.replace("silon_", "s")):
            return candidate
    raise InputError(f"unknown small parameter {name!r} in {what}; known: "
                     f"{', '.join(map(str, small))}")


def as_table(symbols: Any, aliases: Any = None, latex_names: Any = None) -> SymbolTable:
    """A :class:`SymbolTable` from symbols, a mapping, or a table plus extra spellings."""
    if isinstance(symbols, SymbolTable):
        if aliases or latex_names:
            base = {**symbols.keys, **{s.name: s for s in symbols.symbols}}
            return SymbolTable(base, aliases, latex_names)
        return symbols
    return SymbolTable(symbols or [], aliases, latex_names)


def resolve_symbol_names(
    names: Iterable[str], symbols: Any, what: str = "--complex"
) -> list[sp.Symbol]:
    """Resolve user-given symbol names (e.g. ``--complex y1,y2``) against known symbols.

    Parameters
    ----------
    names : iterable of str
        Names as the user wrote them (sympy or LaTeX spelling).
    symbols : iterable of Symbol, mapping or SymbolTable
        The symbols that exist.
    what : str
        Where the names come from, for the message.

    Raises
    ------
    InputError
        A name that is not a known symbol (with suggestions).
    """
    table = as_table(symbols)
    out: list[sp.Symbol] = []
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        sym = table.get(canonical_name(name))
        if sym is None:
            raise InputError(f"{what}: {table.unknown_message(name)}")
        out.append(sym)
    return out
