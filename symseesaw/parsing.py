"""Restricted parsing of user formulas: sympy syntax and LaTeX.

Nothing here ever evaluates user text as code.

* **sympy syntax** (``2*epsilon_1**2*m_2^(0)``, ``[[1, eps], [eps, M]]``): the
  text is parsed into a Python AST that must consist only of whitelisted nodes
  (numbers, names of known symbols, ``+ - * / **``, calls of ``sqrt``,
  ``conjugate``, ``Abs``, ``exp``, ``log``); only then it is handed to
  :func:`sympy.parsing.sympy_parser.parse_expr` with a namespace without
  builtins.  Symbol names that are not Python identifiers (``m_2^(0)``, ``u'``,
  ``v''``, ``sigma_+^N``) may be written as they are: they are replaced by
  identifiers before parsing.  ``^`` means power.
* **LaTeX** (``\\frac{\\epsilon_1^2}{2}``, ``m_2^{(0)}(1 - 3\\epsilon_1^2)``, a
  ``pmatrix`` pasted from a paper): a small hand-written recursive-descent
  parser that builds sympy objects directly; unknown commands are errors.

Symbols are matched **by name** against the caller's symbols through a
:class:`SymbolTable`: ``\\epsilon_1``, ``epsilon_1`` and ``\\epsilon_{1}`` all
denote the symbol named ``epsilon_1``; ``m_2^{(0)}``, ``m^{(0)}_{2}`` and
``m_2^(0)`` the symbol named ``m_2^(0)``; ``u'`` and ``u^{\\prime}`` the
symbol ``u'``.  Extra spellings can be added with ``aliases`` (name -> Symbol)
and ``latex_names`` (Symbol -> LaTeX, e.g. a derivation's ``LATEX_NAMES``).
"""

from __future__ import annotations

import ast
import keyword
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.parsing.sympy_parser import parse_expr, standard_transformations

__all__ = [
    "SymbolTable",
    "canonical_name",
    "check_python_syntax",
    "detect_syntax",
    "is_plain_identifier",
    "parse_expression",
    "parse_formula",
    "parse_latex",
    "parse_list",
    "parse_matrix",
    "parse_sympy",
    "symbol_identifiers",
]

#: Longest text accepted from a user (characters).
MAX_LENGTH = 200_000
#: Deepest nesting accepted by the LaTeX parser.
MAX_DEPTH = 200

# ------------------------------------------------------------------ sympy-syntax whitelist
#: Names (besides the symbol table) an expression string may use.  No builtins.
SAFE_GLOBALS: dict[str, Any] = {
    "Integer": sp.Integer,
    "Rational": sp.Rational,
    "Float": sp.Float,
    "Symbol": sp.Symbol,
    "sqrt": sp.sqrt,
    "I": sp.I,
    "conjugate": sp.conjugate,
    "Abs": sp.Abs,
    "exp": sp.exp,
    "log": sp.log,
    "pi": sp.pi,
    # sstr prints exp(1) as "E"; without it such expressions could not be read back.
    "E": sp.E,
}
SAFE_FUNCTIONS = frozenset(
    {"sqrt", "conjugate", "Abs", "exp", "log", "Integer", "Rational", "Float"}
)
SAFE_CONSTANTS = frozenset({"I", "pi", "E"})
_ALLOWED_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Call,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.Pow,
    ast.USub,
    ast.UAdd,
)
#: Largest literal exponent accepted (guards against ``10**10**10``-style input).
MAX_EXPONENT = 10_000


def is_plain_identifier(name: str) -> bool:
    """True if ``name`` can stand for a symbol in a sympy-syntax string as it is."""
    return (
        name.isascii()
        and name.isidentifier()
        and not keyword.iskeyword(name)
        and not name.startswith("_")
        and name not in SAFE_GLOBALS
        and name not in ("Function", "null", "Matrix")
    )


def _sanitize(name: str) -> str:
    """Map ``name`` to a plain identifier (``m_2^(0)`` -> ``m_2__0``)."""
    ident = re.sub(r"[^0-9A-Za-z_]+", "__", name).strip("_")
    if not ident or ident[0].isdigit():
        ident = "s_" + ident
    if not is_plain_identifier(ident):
        ident += "_"
    return ident


def symbol_identifiers(symbols: Iterable[sp.Symbol]) -> dict[sp.Symbol, str]:
    """Assign each symbol a unique identifier usable in a parseable expression string.

    Symbols whose name already is a plain identifier keep it (the first one,
    if two symbols share a name with different assumptions); the others get a
    sanitized name (``m_2^(0)`` -> ``m_2__0``), made unique with a numeric suffix.
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


def check_python_syntax(text: str, names: Iterable[str]) -> None:
    """Raise ``ValueError`` unless ``text`` is a plain arithmetic expression.

    Parameters
    ----------
    text : str
        Expression in Python/sympy syntax.
    names : iterable of str
        Identifiers allowed besides ``I``, ``pi``, ``E`` and the safe functions.
    """
    allowed_names = set(names) | SAFE_CONSTANTS
    if len(text) > MAX_LENGTH:
        raise ValueError(f"expression too long ({len(text)} characters)")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"not a valid expression: {text!r}") from exc
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_NODES):
            raise ValueError(f"forbidden syntax ({type(node).__name__}) in {text!r}")
        if isinstance(node, ast.Constant) and (
            isinstance(node.value, bool) or not isinstance(node.value, int | float)
        ):
            raise ValueError(f"forbidden literal {node.value!r} in {text!r}")
        if isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id in SAFE_FUNCTIONS):
                raise ValueError(f"forbidden call in {text!r}")
            if node.keywords:
                raise ValueError(f"keyword arguments are not allowed in {text!r}")
        elif isinstance(node, ast.Name):
            if node.id not in allowed_names and node.id not in SAFE_FUNCTIONS:
                raise ValueError(f"unknown name {node.id!r} in {text!r}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            exponent = node.right
            if any(
                isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow) for n in ast.walk(exponent)
            ):
                raise ValueError(f"nested exponents are not allowed in {text!r}")
            if any(
                isinstance(n, ast.Constant) and abs(n.value) > MAX_EXPONENT
                for n in ast.walk(exponent)
            ):
                raise ValueError(f"exponent too large in {text!r}")
    # Bare function names (not called) would evaluate to a Python function object.
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in SAFE_FUNCTIONS and id(node) not in called:
            raise ValueError(f"function {node.id!r} used without a call in {text!r}")


def parse_expression(text: str, symbols: Mapping[str, sp.Symbol]) -> sp.Expr:
    """Parse one expression string in sympy syntax safely.

    ``symbols`` maps identifiers to the symbols they stand for; no other name
    (besides ``I``, ``pi``, ``E`` and the functions ``sqrt``, ``conjugate``,
    ``Abs``, ``exp``, ``log``) is accepted.  Anything else — attribute access,
    calls of other functions, strings, lambdas, unknown names — raises
    ``ValueError``.  Floating-point literals stay sympy ``Float``.
    """
    if not isinstance(text, str):
        raise ValueError(f"expected an expression string, got {type(text).__name__}")
    check_python_syntax(text, symbols.keys())
    global_dict = dict(SAFE_GLOBALS)
    global_dict["__builtins__"] = {}
    try:
        expr = parse_expr(
            text,
            local_dict=dict(symbols),
            global_dict=global_dict,
            transformations=standard_transformations,
        )
    except Exception as exc:  # sympy raises many types (TypeError, SympifyError, ...)
        raise ValueError(f"cannot parse {text!r}: {exc}") from exc
    if not isinstance(expr, sp.Basic):
        raise ValueError(f"{text!r} does not evaluate to a sympy expression")
    unknown = expr.free_symbols - set(symbols.values())
    if unknown:
        raise ValueError(f"unknown symbols {sorted(map(str, unknown))} in {text!r}")
    return expr


# ------------------------------------------------------------------------- symbol names
_GREEK_ALIASES = {"varepsilon": "epsilon", "vartheta": "theta", "varphi": "phi", "varrho": "rho"}


def _clean(part: str) -> str:
    r"""Strip braces, blanks and command backslashes: ``{\mu\tau}`` -> ``mutau``."""
    part = re.sub(r"\\(mathrm|text|mathit|rm|operatorname)\b", "", part)
    part = part.replace("\\prime", "'")
    return re.sub(r"[\s{}\\]", "", part)


def _compose(base: str, sub: str | None, sup: str | None, primes: int) -> str:
    key = _clean(base)
    if sub:
        key += "_" + _clean(sub)
    if sup:
        key += "^" + _clean(sup)
    return key + "'" * primes


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
        return _compose(*_split_plain_name(text.strip()))
    parser = _LatexParser(text, None, allow_unknown=True)
    parts = parser.symbol_parts(name_mode=True)
    if parts is None or not parser.at_end():
        return _clean(text)
    return _compose(*parts)


def _loose(key: str) -> str:
    return re.sub(r"[_\s]", "", key)


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
        """Symbol for a canonical key (exact, Greek variant, then loose match)."""
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


def _as_table(symbols: Any, aliases: Any = None, latex_names: Any = None) -> SymbolTable:
    if isinstance(symbols, SymbolTable):
        if aliases or latex_names:
            base = {**symbols.keys, **{s.name: s for s in symbols.symbols}}
            return SymbolTable(base, aliases, latex_names)
        return symbols
    return SymbolTable(symbols or [], aliases, latex_names)


# ------------------------------------------------------------------------ sympy syntax
def _float_to_rational(expr: Any) -> Any:
    floats = {f: sp.Rational(str(f)) for f in expr.atoms(sp.Float)}
    return expr.xreplace(floats) if floats else expr


def _protect_names(text: str, table: SymbolTable) -> tuple[str, dict[str, sp.Symbol]]:
    """Replace non-identifier names (``m_2^(0)``, ``u'``) by identifiers; return the namespace."""
    names: dict[str, sp.Symbol] = {}
    replacements: dict[str, str] = {}
    for sym, ident in table.identifiers.items():
        names[ident] = sym
    for key, sym in table.keys.items():
        if is_plain_identifier(key):
            names.setdefault(key, sym)
        elif "\\" not in key and "{" not in key and not key.isspace():
            replacements[key] = table.identifiers[sym]
    for key in sorted(replacements, key=len, reverse=True):
        head = r"(?<![A-Za-z0-9_'])"
        tail = r"(?![A-Za-z0-9_'])" if re.match(r".*[A-Za-z0-9_']$", key) else ""
        text = re.sub(head + re.escape(key) + tail, replacements[key], text)
    return text, names


def parse_sympy(
    text: str,
    symbols: Any,
    *,
    aliases: Mapping[str, sp.Symbol] | None = None,
    exact: bool = True,
    allow_unknown: bool = False,
) -> sp.Expr:
    """Parse one expression in sympy syntax (``^`` allowed for powers).

    Parameters
    ----------
    text : str
        E.g. ``"m_2^(0)*(1 - 3*epsilon_1**2)"``.
    symbols : iterable of Symbol, mapping or SymbolTable
        The symbols the text may use, matched by name.
    aliases : mapping, optional
        Extra spellings -> Symbol.
    exact : bool
        Turn decimal literals into exact rationals (``0.5`` -> ``1/2``).
    allow_unknown : bool
        Create plain symbols for unknown identifiers instead of raising.

    Raises
    ------
    ValueError
        Unknown names, forbidden syntax (calls, attributes, lambdas, strings, ...).
    """
    table = _as_table(symbols, aliases)
    if not isinstance(text, str):
        raise ValueError(f"expected a string, got {type(text).__name__}")
    protected, names = _protect_names(text.strip(), table)
    protected = protected.replace("^", "**")
    if allow_unknown:
        names = dict(names)
        try:
            tree = ast.parse(protected, mode="eval")
        except SyntaxError as exc:
            raise ValueError(f"not a valid expression: {text!r}") from exc
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Name)
                and node.id not in names
                and is_plain_identifier(node.id)
                and node.id not in SAFE_FUNCTIONS
            ):
                names[node.id] = sp.Symbol(node.id)
    try:
        expr = parse_expression(protected, names)
    except ValueError as exc:
        raise ValueError(f"{exc} (known symbols: {table.known()})") from None
    return _float_to_rational(expr) if exact else expr


def _sympy_elements(text: str, table: SymbolTable) -> tuple[list[Any], str]:
    """Split ``[[a, b], [c, d]]`` / ``Matrix([...])`` / ``[a, b]`` into element sources."""
    protected, _ = _protect_names(text.strip(), table)
    protected = protected.replace("^", "**")
    if len(protected) > MAX_LENGTH:
        raise ValueError(f"text too long ({len(protected)} characters)")
    try:
        tree = ast.parse(protected, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"not a valid matrix or list: {text[:80]!r}") from exc
    body = tree.body
    if (
        isinstance(body, ast.Call)
        and isinstance(body.func, ast.Name)
        and body.func.id == "Matrix"
        and len(body.args) == 1
        and not body.keywords
    ):
        body = body.args[0]
    if not isinstance(body, ast.List | ast.Tuple):
        raise ValueError("expected a list [a, b, ...] or a matrix [[a, b], [c, d]]")

    def src(node: ast.AST) -> str:
        segment = ast.get_source_segment(protected, node)
        if segment is None:
            raise ValueError("cannot read a matrix element")
        return segment

    if body.elts and all(isinstance(e, ast.List | ast.Tuple) for e in body.elts):
        return [[src(x) for x in row.elts] for row in body.elts], "matrix"  # type: ignore[attr-defined]
    if any(isinstance(e, ast.List | ast.Tuple) for e in body.elts):
        raise ValueError("mixed rows and elements in a matrix")
    return [src(x) for x in body.elts], "list"


# ------------------------------------------------------------------------------ LaTeX
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
              ("cmd", "simeq"), ("cmd", "cong"), ("cmd", "doteq")}
_MULT = {("char", "*"), ("cmd", "cdot"), ("cmd", "times")}


def _tokenize(text: str) -> list[_Tok]:
    if len(text) > MAX_LENGTH:
        raise ValueError(f"text too long ({len(text)} characters)")
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
                raise ValueError("LaTeX: dangling backslash at the end of the formula")
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
            raise ValueError(f"LaTeX: unexpected character {ch!r} at position {i}")
        space = False
        i += 1
    toks.append(_Tok("eof", "", n, space))
    return toks


def _strip_wrappers(text: str) -> str:
    r"""Remove ``$``, ``\[ \]``, equation environments, labels and trailing punctuation."""
    text = re.sub(r"(?<!\\)%[^\n]*", "", text)
    text = re.sub(r"\\(label|tag|eqref|ref)\s*\{[^{}]*\}", "", text)
    text = re.sub(r"\\(begin|end)\s*\{(equation|align|eqnarray|gather|multline)\*?\}", "", text)
    text = text.replace("$", " ").replace("\\[", " ").replace("\\]", " ")
    return text.strip().rstrip(".,; ")


class _LatexParser:
    """Recursive-descent parser from LaTeX math to sympy (see :func:`parse_latex`)."""

    def __init__(self, text: str, table: SymbolTable | None, allow_unknown: bool = False):
        self.text = text
        self.toks = _tokenize(text)
        self.i = 0
        self.table = table
        self.allow_unknown = allow_unknown
        self.depth = 0
        self.dropped: list[str] = []

    # -- token helpers --------------------------------------------------------
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

    def error(self, message: str, tok: _Tok | None = None) -> ValueError:
        tok = tok or self.peek()
        snippet = self.text[max(0, tok.pos - 20) : tok.pos + 20].replace("\n", " ")
        return ValueError(f"LaTeX: {message} at position {tok.pos} (near {snippet!r})")

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
            if self.is_("char", "'"):
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
                if not take and self.table is not None:
                    after = self.i
                    extra_sub = None
                    if sub is None and self.is_("char", "_"):
                        self.next()
                        extra_sub = self.raw_group()
                    candidate = _compose(base, sub or extra_sub, group, primes)
                    take = candidate in self.table
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

    def symbol(self) -> sp.Expr:
        start = self.peek()
        parts = self.symbol_parts()
        if parts is None:
            raise self.error("expected a symbol", start)
        key = _compose(*parts)
        assert self.table is not None
        sym = self.table.get(key)
        if sym is not None:
            return sym
        if key == "i":
            return sp.I
        if key == "e" and self.is_("char", "^"):
            return sp.E
        if key == "pi":
            return sp.pi
        if self.allow_unknown:
            return sp.Symbol(key)
        raise self.error(f"unknown symbol {key!r} (known: {self.table.known()})", start)

    # -- grammar ----------------------------------------------------------------
    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error("formula nested too deeply")

    def expr(self) -> Any:
        self.enter()
        self.skip_spacing()
        sign = 1
        if self.is_("char", "+") or self.is_("char", "-"):
            sign = -1 if self.next().value == "-" else 1
        acc = sign * self.term()
        while True:
            self.skip_spacing()
            if self.is_("char", "+"):
                self.next()
                acc = acc + self.term()
            elif self.is_("char", "-"):
                self.next()
                acc = acc - self.term()
            elif self.is_("cmd", "pm") or self.is_("cmd", "mp"):
                raise self.error("'\\pm' is ambiguous: write the two formulas separately")
            else:
                break
        self.depth -= 1
        return acc

    def starts_primary(self) -> bool:
        tok = self.peek()
        if tok.kind == "char":
            return tok.value.isalnum() or tok.value in "({[.|"
        if tok.kind == "cmd":
            return tok.value not in {"right", "end", "\\", "cdot", "times", "pm", "mp", "rangle"} \
                and (tok.kind, tok.value) not in _RELATIONS
        return False

    def term(self) -> Any:
        self.enter()
        acc = self.factor()
        while True:
            self.skip_spacing()
            tok = self.peek()
            if (tok.kind, tok.value) in _MULT:
                self.next()
                acc = acc * self.factor()
            elif tok.kind == "char" and tok.value == "/":
                self.next()
                acc = acc / self.factor()
            elif self.starts_primary() and not (tok.kind == "char" and tok.value == "|"):
                acc = acc * self.factor()
            else:
                break
        self.depth -= 1
        return acc

    def factor(self) -> Any:
        self.enter()
        self.skip_spacing()
        if self.is_("char", "-"):
            self.next()
            self.depth -= 1
            return -self.factor()
        if self.is_("char", "+"):
            self.next()
        base = self.primary()
        while self.is_("char", "^"):
            self.next()
            if self.is_("char", "*") or self.is_("cmd", "ast"):
                self.next()
                base = self._conjugate(base)
                continue
            if self.is_("char", "{") and self.is_("char", "*", 1) and self.is_("char", "}", 2):
                self.i += 3
                base = self._conjugate(base)
                continue
            exponent = self.argument()
            base = self._power(base, exponent)
        self.depth -= 1
        return base

    def _conjugate(self, base: Any) -> Any:
        if isinstance(base, sp.MatrixBase):
            return base.conjugate()
        return sp.conjugate(base)

    def _power(self, base: Any, exponent: Any) -> Any:
        if isinstance(exponent, sp.MatrixBase):
            raise self.error("a matrix cannot be an exponent")
        if exponent.is_Number and abs(exponent) > MAX_EXPONENT:
            raise self.error("exponent too large")
        if isinstance(base, sp.MatrixBase):
            if not (exponent.is_Integer and exponent >= 0):
                raise self.error("only non-negative integer powers of a matrix are supported")
        return base**exponent

    def argument(self) -> Any:
        """Argument of ``^``, ``\\frac``, ``\\sqrt``: a braced group or one token."""
        self.skip_spacing()
        tok = self.peek()
        if tok.kind == "char" and tok.value == "{":
            self.next()
            value = self.expr()
            self.expect("char", "}")
            return value
        if tok.kind == "char" and tok.value.isdigit():
            self.next()
            return sp.Integer(tok.value)
        if tok.kind == "char" and tok.value.isalpha():
            self.next()
            sym = self.table.get(tok.value) if self.table is not None else None
            if sym is None and not self.allow_unknown:
                raise self.error(f"unknown symbol {tok.value!r}", tok)
            return sym if sym is not None else sp.Symbol(tok.value)
        return self.primary()

    def number(self) -> sp.Expr:
        digits = ""
        first = True
        while self.is_("char") and (self.peek().value.isdigit() or self.peek().value == "."):
            if not first and self.peek().space:
                break
            digits += self.next().value
            first = False
        if digits.count(".") > 1 or digits == ".":
            raise self.error(f"malformed number {digits!r}")
        return sp.Rational(digits) if "." in digits else sp.Integer(digits)

    def primary(self) -> Any:
        self.enter()
        self.skip_spacing()
        tok = self.peek()
        try:
            if tok.kind == "eof":
                raise self.error("unexpected end of formula")
            if tok.kind == "char":
                if tok.value.isdigit() or tok.value == ".":
                    return self.number()
                if tok.value.isalpha():
                    return self.symbol()
                if tok.value in "([{":
                    self.next()
                    close = {"(": ")", "[": "]", "{": "}"}[tok.value]
                    value = self.expr()
                    self.expect("char", close)
                    return value
                if tok.value == "|":
                    self.next()
                    value = self.expr()
                    self.expect("char", "|")
                    return sp.Abs(value)
                raise self.error(f"unexpected {tok.value!r}")
            return self.command()
        finally:
            self.depth -= 1

    def command(self) -> Any:
        tok = self.peek()
        name = tok.value
        if name in _GREEK or name in _TEXT_CMDS or name in _DECORATIONS - {"mathcal"}:
            if name in _TEXT_CMDS:
                text, _ = self._peek_raw_group_after(1)
                if _clean(text) in _FUNCTIONS and not self._symbol_known(text):
                    self.next()
                    self.raw_group()
                    return self._function(_FUNCTIONS[_clean(text)])
            return self.symbol()
        if name == "mathcal":
            text, _ = self._peek_raw_group_after(1)
            if _clean(text) == "O":
                self.next()
                self.raw_group()
                return self._drop_order()
            return self.symbol()
        self.next()
        if name in ("frac", "dfrac", "tfrac"):
            num = self.argument()
            den = self.argument()
            return num / den
        if name == "sqrt":
            index = None
            if self.is_("char", "["):
                self.next()
                index = self.expr()
                self.expect("char", "]")
            radicand = self.argument()
            return sp.sqrt(radicand) if index is None else sp.root(radicand, index)
        if name in ("exp", "ln", "log"):
            return self._function(_FUNCTIONS[name])
        if name == "left":
            self.skip_spacing()
            opener = self.next()
            pairs = {"(": ")", "[": "]", "|": "|", "{": "}", ".": None}
            value_open = opener.value
            if opener.kind == "cmd" and opener.value in ("{", "lbrace"):
                value_open = "{"
            if value_open not in pairs:
                raise self.error(f"unsupported delimiter after \\left: {opener.value!r}", opener)
            value = self.expr()
            self.expect("cmd", "right")
            self.next()  # closing delimiter, whatever it is
            return sp.Abs(value) if value_open == "|" else value
        if name == "begin":
            return self.matrix()
        if name == "order":
            return self._drop_order()
        if name in ("infty", "cdots", "ldots", "dots", "vdots", "ddots"):
            raise self.error(f"'\\{name}' cannot be compared (write every entry explicitly)", tok)
        raise self.error(f"unsupported LaTeX command '\\{name}'", tok)

    def _symbol_known(self, text: str) -> bool:
        return self.table is not None and _clean(text) in self.table

    def _peek_raw_group_after(self, k: int) -> tuple[str, int]:
        start = self.i
        self.i += k
        try:
            return self._peek_raw_group()
        finally:
            self.i = start

    def _function(self, func: Any) -> Any:
        self.skip_spacing()
        if self.is_("char", "^"):
            raise self.error("powers of functions (e.g. \\log^2 x) are not supported")
        arg = self.argument() if self.is_("char", "{") else self.factor()
        return func(arg)

    def _drop_order(self) -> sp.Expr:
        self.skip_spacing()
        start = self.peek().pos
        self.primary()  # the argument, e.g. (\epsilon^3): parsed (for errors) and dropped
        self.dropped.append(self.text[start : self.peek().pos].strip())
        return sp.S.Zero

    def matrix(self) -> sp.Matrix:
        env = _clean(self.raw_group())
        if env not in _MATRIX_ENVS:
            raise self.error(f"unsupported environment {env!r} (use pmatrix/bmatrix/matrix)")
        if env == "array":
            self.raw_group()  # column specification
        rows: list[list[Any]] = [[]]
        while True:
            self.skip_spacing()
            if self.is_("cmd", "end"):
                self.next()
                self.raw_group()
                break
            if self.is_("cmd", "\\"):
                self.next()
                rows.append([])
                continue
            if self.is_("char", "&"):
                raise self.error("empty matrix cell (write 0 explicitly)")
            rows[-1].append(self.expr())
            self.skip_spacing()
            if self.is_("char", "&"):
                self.next()
                if self.is_("cmd", "\\") or self.is_("cmd", "end"):
                    raise self.error("empty matrix cell (write 0 explicitly)")
            elif not (self.is_("cmd", "\\") or self.is_("cmd", "end")):
                raise self.error("expected '&', '\\\\' or '\\end' in a matrix")
        rows = [r for r in rows if r]
        if not rows:
            raise self.error("empty matrix")
        if len({len(r) for r in rows}) != 1:
            raise self.error(f"matrix rows have different lengths {[len(r) for r in rows]}")
        if any(isinstance(x, sp.MatrixBase) for r in rows for x in r):
            raise self.error("nested matrices are not supported")
        return sp.Matrix(rows)

    # -- entry point ----------------------------------------------------------------
    def parse(self) -> Any:
        self._skip_to_last_relation()
        if self.at_end():
            raise self.error("empty formula")
        value = self.expr()
        while self.is_("char") and self.peek().value in ",.;":
            self.next()
        if not self.at_end():
            raise self.error(f"unexpected {self._tok_text(self.peek())!r}")
        return value

    def _skip_to_last_relation(self) -> None:
        depth, last = 0, None
        for k, tok in enumerate(self.toks):
            if tok.kind == "char" and tok.value in "({[":
                depth += 1
            elif tok.kind == "char" and tok.value in ")}]":
                depth -= 1
            elif tok.kind == "cmd" and tok.value in ("begin", "left"):
                depth += 1
            elif tok.kind == "cmd" and tok.value in ("end", "right"):
                depth -= 1
            elif depth == 0 and (tok.kind, tok.value) in _RELATIONS:
                last = k
        if last is not None:
            self.i = last + 1


def parse_latex(
    text: str,
    symbols: Any,
    *,
    aliases: Mapping[str, sp.Symbol] | None = None,
    latex_names: Mapping[sp.Symbol, str] | None = None,
    allow_unknown: bool = False,
) -> Any:
    r"""Parse a LaTeX formula or matrix into sympy.

    Supported: numbers (decimals become exact rationals), symbols with
    subscripts, superscript labels and primes (``\epsilon_1``, ``\sigma_+^N``,
    ``m_2^{(0)}``, ``u'``, ``v''``), ``+ - \cdot \times * /``, implicit
    multiplication, ``^`` (``^*`` is complex conjugation), ``\frac``,
    ``\sqrt[n]{}``, ``\exp``, ``\ln``, ``\log``, ``( ) [ ] { }``,
    ``\left( \right)``, ``|x|``, ``pmatrix``/``bmatrix``/``matrix``/``array``
    environments, spacing commands; a leading ``U =`` (any left-hand side of the
    last ``=``, ``\simeq``, ``\approx``), ``$``, ``\[ \]``, equation
    environments, ``\label`` and trailing punctuation are ignored; terms
    ``\mathcal{O}(...)`` are dropped.  Unknown symbols ``i``, ``e`` (before
    ``^``) and ``\pi`` mean the constants.

    Parameters
    ----------
    text : str
        The formula.
    symbols : iterable of Symbol, mapping or SymbolTable
        Symbols matched by name (see :class:`SymbolTable`).
    aliases, latex_names : mapping, optional
        Extra spellings (see :class:`SymbolTable`).
    allow_unknown : bool
        Create plain symbols for unknown names instead of raising.

    Returns
    -------
    sympy.Expr or sympy.Matrix

    Raises
    ------
    ValueError
        Syntax errors, unknown symbols or commands (with the position).
    """
    if not isinstance(text, str):
        raise ValueError(f"expected a string, got {type(text).__name__}")
    table = _as_table(symbols, aliases, latex_names)
    parser = _LatexParser(_strip_wrappers(text), table, allow_unknown=allow_unknown)
    try:
        return parser.parse()
    except RecursionError:
        raise ValueError("LaTeX: formula nested too deeply") from None
    except (TypeError, sp.SympifyError, sp.matrices.exceptions.ShapeError) as exc:
        raise ValueError(f"LaTeX: invalid arithmetic in {text[:60]!r}: {exc}") from None


def detect_syntax(text: str) -> str:
    """``"latex"`` if ``text`` looks like LaTeX (a backslash or ``{``), else ``"sympy"``."""
    return "latex" if ("\\" in text or "{" in text or "$" in text) else "sympy"


def _syntax(text: str, syntax: str) -> str:
    if syntax == "auto":
        return detect_syntax(text)
    if syntax not in ("latex", "sympy"):
        raise ValueError(f"unknown syntax {syntax!r}; choose 'latex', 'sympy' or 'auto'")
    return syntax


def parse_formula(
    text: str,
    symbols: Any,
    *,
    syntax: str = "auto",
    aliases: Mapping[str, sp.Symbol] | None = None,
    latex_names: Mapping[sp.Symbol, str] | None = None,
) -> sp.Expr:
    """Parse one scalar formula in sympy syntax or LaTeX (``syntax="auto"`` guesses)."""
    table = _as_table(symbols, aliases, latex_names)
    if _syntax(text, syntax) == "latex":
        value = parse_latex(text, table)
    else:
        value = parse_sympy(text, table)
    if isinstance(value, sp.MatrixBase):
        raise ValueError("expected a single formula, got a matrix")
    return value


def parse_matrix(
    text: str,
    symbols: Any,
    *,
    syntax: str = "auto",
    aliases: Mapping[str, sp.Symbol] | None = None,
    latex_names: Mapping[sp.Symbol, str] | None = None,
    allow_unknown: bool = False,
) -> sp.Matrix:
    """Parse a matrix: a LaTeX ``pmatrix`` (optionally times scalars, sums of matrices)
    or sympy syntax ``[[a, b], [c, d]]`` / ``Matrix([[a, b], [c, d]])``."""
    table = _as_table(symbols, aliases, latex_names)
    if _syntax(text, syntax) == "latex":
        value = parse_latex(text, table, allow_unknown=allow_unknown)
        if not isinstance(value, sp.MatrixBase):
            raise ValueError("expected a matrix (\\begin{pmatrix} ... \\end{pmatrix})")
        return sp.Matrix(value)
    elements, kind = _sympy_elements(text, table)
    if kind != "matrix":
        raise ValueError("expected a matrix [[a, b], [c, d]], got a flat list")
    if len({len(r) for r in elements}) != 1:
        raise ValueError("matrix rows have different lengths")
    return sp.Matrix(
        [[parse_sympy(x, table, allow_unknown=allow_unknown) for x in row] for row in elements]
    )


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
    a LaTeX line may end in ``\\`` or ``,`` and carry a left-hand side
    ``m_1 =``); a LaTeX matrix with one row or column; a square LaTeX matrix is
    read as ``diag(m_1, ...)`` and must be diagonal.
    """
    table = _as_table(symbols, aliases, latex_names)
    stripped = text.strip()
    if not stripped:
        raise ValueError("empty list")
    if _syntax(stripped, syntax) == "sympy" and stripped.startswith(("[", "(", "Matrix")):
        elements, kind = _sympy_elements(stripped, table)
        if kind != "list":
            raise ValueError("expected a flat list [a, b, ...]")
        return [parse_sympy(x, table) for x in elements]
    if "\\begin" in stripped:
        value = parse_latex(stripped, table)
        if not isinstance(value, sp.MatrixBase):
            raise ValueError("expected a matrix of masses")
        M = sp.Matrix(value)
        if 1 in M.shape:
            return list(M)
        if M.is_square and M.is_diagonal():
            return [M[i, i] for i in range(M.rows)]
        raise ValueError("a matrix of masses must be a row, a column or diagonal")
    kind = _syntax(stripped, syntax)
    out = []
    for line in re.split(r"\n|\\\\", stripped):
        line = line.strip().rstrip(",;").strip()
        if not line:
            continue
        if kind == "sympy" and line.count("=") == 1:
            line = line.split("=", 1)[1]
        out.append(parse_formula(line, table, syntax=kind))
    return out
