"""Sympy syntax (``2*epsilon_1**2*m_2^(0)``, ``[[1, eps], [eps, M]]``) without eval.

The text is parsed by :func:`ast.parse` into a Python syntax tree; the tree
is checked against a whitelist (numbers, names of known symbols, ``+ - * /
**``, calls of ``sqrt``, ``conjugate``, ``Abs``, ``exp``, ``log``,
``Integer``, ``Rational``, ``Float``) and converted to sympy **directly**,
node by node, with every limit of :mod:`symseesaw.parsing.limits` checked
before the arithmetic it guards.  Nothing is evaluated as code.

Symbol names that are not Python identifiers (``m_2^(0)``, ``u'``, ``v''``,
``sigma_+^N``) may be written as they are: they are replaced by private
placeholders before :func:`ast.parse`.  ``^`` means power.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import sympy as sp

from .limits import (
    MAX_DEPTH,
    MAX_LITERAL_DIGITS,
    MAX_NODES,
    InputError,
    bounded_pow,
    check_finite,
    check_nesting,
    check_number,
    check_text,
)
from .symbols import SymbolTable, _sanitize, as_table, canonical_name, is_plain_identifier

__all__ = [
    "SAFE_CONSTANTS",
    "SAFE_FUNCTIONS",
    "check_python_syntax",
    "parse_expression",
    "parse_sympy",
    "parse_sympy_elements",
]

#: Constants a formula may use (unless a symbol of the same name is given).
SAFE_CONSTANTS: dict[str, sp.Expr] = {"I": sp.I, "pi": sp.pi, "E": sp.E}


def _integer_arg(value: sp.Expr, name: str) -> sp.Integer:
    if not isinstance(value, sp.Integer):
        raise InputError(f"{name}() takes integers, got {value}")
    return value


def _rational(*args: sp.Expr) -> sp.Expr:
    if len(args) == 1:
        if not isinstance(args[0], sp.Rational):
            raise InputError(f"Rational() takes numbers, got {args[0]}")
        return args[0]
    p, q = (_integer_arg(a, "Rational") for a in args)
    if q == 0:
        raise InputError("Rational(p, 0) divides by zero")
    return check_number(sp.Rational(p, q))


def _float(value: sp.Expr) -> sp.Expr:
    if not value.is_Number:
        raise InputError(f"Float() takes one number, got {value}")
    return sp.Float(value)


#: Functions a formula may call: name -> (number of arguments, builder).
SAFE_FUNCTIONS: dict[str, tuple[tuple[int, ...], Callable[..., sp.Expr]]] = {
    "sqrt": ((1,), sp.sqrt),
    "conjugate": ((1,), sp.conjugate),
    "Abs": ((1,), sp.Abs),
    "exp": ((1,), sp.exp),
    "log": ((1,), sp.log),
    "Integer": ((1,), lambda x: _integer_arg(x, "Integer")),
    "Rational": ((1, 2), _rational),
    "Float": ((1,), _float),
}

_ADDITIVE = (ast.Add, ast.Sub)
_MULTIPLICATIVE = (ast.Mult, ast.Div)
_FLOAT_TEXT = re.compile(r"^[0-9_]*\.?[0-9_]*(?:[eE]([+-]?[0-9_]+))?[jJ]?$")


class _Converter:
    """Whitelisted Python AST -> sympy, with limits (see the module docstring)."""

    def __init__(self, source: str, names: Mapping[str, Any], original: str):
        self.source = source
        self.byte_lines = [line.encode() for line in source.splitlines(keepends=True)]
        self.names = names
        self.original = original

    def segment(self, node: ast.AST) -> str | None:
        """Source text of a one-line node (``ast.get_source_segment`` is linear per call)."""
        lineno, end = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        if lineno is None or lineno != end or lineno > len(self.byte_lines):
            return None
        line = self.byte_lines[lineno - 1]
        return line[node.col_offset : node.end_col_offset].decode("utf-8", "replace")

    def fail(self, message: str) -> InputError:
        shown = self.original if len(self.original) <= 60 else self.original[:57] + "..."
        return InputError(f"{message} in {shown!r}")

    # -- structure checks (iterative: no recursion on long sums) ----------------
    def check_shape(self, tree: ast.AST) -> None:
        count = 0
        stack: list[tuple[ast.AST, int]] = [(tree, 0)]
        while stack:
            node, depth = stack.pop()
            count += 1
            if count > MAX_NODES:
                raise self.fail(f"formula too large (more than {MAX_NODES} terms and factors)")
            if depth > MAX_DEPTH:
                raise self.fail(f"formula nested too deeply (more than {MAX_DEPTH} levels)")
            for child in ast.iter_child_nodes(node):
                same_chain = (
                    isinstance(node, ast.BinOp)
                    and isinstance(child, ast.BinOp)
                    and child is node.left
                    and _chain_kind(node.op) == _chain_kind(child.op) is not None
                )
                stack.append((child, depth if same_chain else depth + 1))

    # -- conversion -------------------------------------------------------------
    def convert(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Expression):
            return self.convert(node.body)
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return -self.convert(node.operand)
            if isinstance(node.op, ast.UAdd):
                return self.convert(node.operand)
            raise self.fail(f"forbidden operator {type(node.op).__name__}")
        if isinstance(node, ast.BinOp):
            kind = _chain_kind(node.op)
            if kind == "add":
                return self.additive(node)
            if kind == "mul":
                return self.multiplicative(node)
            if isinstance(node.op, ast.Pow):
                return self.power(node)
            raise self.fail(f"forbidden operator {type(node.op).__name__}")
        if isinstance(node, ast.Call):
            return self.call(node)
        raise self.fail(f"forbidden syntax ({type(node).__name__})")

    def _chain(self, node: ast.BinOp, kind: str) -> list[tuple[ast.operator, ast.AST]]:
        """Flatten a left-nested chain ``a + b - c`` into ``[(+, a), (+, b), (-, c)]``."""
        items: list[tuple[ast.operator, ast.AST]] = []
        current: ast.AST = node
        while isinstance(current, ast.BinOp) and _chain_kind(current.op) == kind:
            items.append((current.op, current.right))
            current = current.left
        items.append((ast.Add() if kind == "add" else ast.Mult(), current))
        items.reverse()
        return items

    def additive(self, node: ast.BinOp) -> Any:
        terms = []
        for op, operand in self._chain(node, "add"):
            value = self.convert(operand)
            terms.append(-value if isinstance(op, ast.Sub) else value)
        if any(isinstance(t, sp.MatrixBase) for t in terms):
            raise self.fail("matrices cannot be added inside a formula")
        return check_finite(sp.Add(*terms), "formula")

    def multiplicative(self, node: ast.BinOp) -> Any:
        numerator, denominator = [], []
        for op, operand in self._chain(node, "mul"):
            value = self.convert(operand)
            (denominator if isinstance(op, ast.Div) else numerator).append(value)
        den = sp.Mul(*denominator)
        if den == 0:
            raise self.fail("division by zero")
        value = sp.Mul(*numerator) / den if denominator else sp.Mul(*numerator)
        for atom in (value.atoms(sp.Rational) if isinstance(value, sp.Basic) else ()):
            check_number(atom)
        return check_finite(value, "formula")

    def power(self, node: ast.BinOp) -> Any:
        if any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow)
               for n in ast.walk(node.right)):
            raise self.fail("nested exponents (a**b**c) are not allowed")
        base = self.convert(node.left)
        exponent = self.convert(node.right)
        try:
            return bounded_pow(base, exponent)
        except InputError as exc:
            raise self.fail(str(exc).removeprefix("formula: ")) from None

    def call(self, node: ast.Call) -> Any:
        if not isinstance(node.func, ast.Name) or node.func.id not in SAFE_FUNCTIONS:
            raise self.fail("forbidden call")
        if node.keywords:
            raise self.fail("keyword arguments are not allowed")
        arities, builder = SAFE_FUNCTIONS[node.func.id]
        if len(node.args) not in arities or any(isinstance(a, ast.Starred) for a in node.args):
            raise self.fail(f"{node.func.id}() takes {' or '.join(map(str, arities))} argument(s)")
        args = [self.convert(a) for a in node.args]
        try:
            value = builder(*args)
        except InputError as exc:
            raise self.fail(str(exc)) from None
        return check_finite(value, "formula")

    def constant(self, node: ast.Constant) -> sp.Expr:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"forbidden literal {value!r}")
        text = self.segment(node) or repr(value)
        if isinstance(value, int):
            if len(text) > MAX_LITERAL_DIGITS:
                raise self.fail(f"number literal with more than {MAX_LITERAL_DIGITS} digits")
            return sp.Integer(value)
        if len(text) > MAX_LITERAL_DIGITS:
            raise self.fail(f"number literal with more than {MAX_LITERAL_DIGITS} digits")
        match = _FLOAT_TEXT.match(text)
        if not match:
            raise self.fail(f"malformed number {text[:20]!r}")
        if match.group(1) and abs(int(match.group(1))) > MAX_LITERAL_DIGITS:
            raise self.fail(f"number {text[:20]!r} out of range")
        text = text.replace("_", "")
        return sp.Float(text)

    def name(self, ident: str) -> sp.Expr:
        if ident in self.names:
            return self.names[ident]
        if ident in SAFE_FUNCTIONS:
            raise self.fail(f"function {ident!r} used without a call")
        if ident in SAFE_CONSTANTS:
            return SAFE_CONSTANTS[ident]
        raise self.fail(f"unknown name {ident!r}")


def _chain_kind(op: ast.operator) -> str | None:
    if isinstance(op, _ADDITIVE):
        return "add"
    if isinstance(op, _MULTIPLICATIVE):
        return "mul"
    return None


def _parse_tree(text: str, original: str | None = None) -> ast.Expression:
    original = text if original is None else original
    check_nesting(text)
    if re.search(f"[0-9]{{{MAX_LITERAL_DIGITS + 1}}}", text):
        raise InputError(f"number literal with more than {MAX_LITERAL_DIGITS} digits")
    operators = len(re.findall(r"[-+*/,]", text))
    if operators > MAX_NODES:
        raise InputError(f"formula too large (more than {MAX_NODES} terms and factors)")
    # CPython builds the tree of ``a + b + ...`` recursively: allow one level per operator.
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 2 * operators + 1_000))
    try:
        return ast.parse(text, mode="eval")
    except SyntaxError as exc:
        shown = original if len(original) <= 60 else original[:57] + "..."
        hint = ("; write * between factors in sympy syntax, or give the formula in LaTeX"
                if _JUXTAPOSED.search(original) else "")
        raise InputError(f"not a valid expression: {shown!r} ({exc.msg}{hint})") from None
    except (RecursionError, MemoryError, ValueError):
        raise InputError("formula too complex to read (nesting or size)") from None
    finally:
        sys.setrecursionlimit(old_limit)


#: Two factors side by side (``u w_3``, ``2 x``): a product written as in LaTeX.
_JUXTAPOSED = re.compile(r"[\w)\]]\s+[\w(]")


def _convert(text: str, names: Mapping[str, Any], original: str | None = None) -> Any:
    original = text if original is None else original
    tree = _parse_tree(text, original)
    converter = _Converter(text, names, original)
    converter.check_shape(tree)
    try:
        return converter.convert(tree)
    except RecursionError:  # pragma: no cover - guarded by check_shape
        raise InputError("formula nested too deeply") from None
    except (TypeError, sp.SympifyError) as exc:
        raise converter.fail(f"invalid arithmetic ({exc})") from None


def check_python_syntax(text: str, names: Iterable[str]) -> None:
    """Raise :class:`InputError` unless ``text`` is a plain arithmetic expression.

    Parameters
    ----------
    text : str
        Expression in Python/sympy syntax.
    names : iterable of str
        Identifiers allowed besides ``I``, ``pi``, ``E`` and the safe functions.
    """
    text = check_text(text)
    _convert(text, {name: sp.Symbol(name) for name in names})


def parse_expression(text: str, symbols: Mapping[str, sp.Symbol]) -> sp.Expr:
    """Parse one expression string in sympy syntax safely (identifiers only).

    ``symbols`` maps identifiers to the symbols they stand for; no other name
    (besides ``I``, ``pi``, ``E`` and the functions ``sqrt``, ``conjugate``,
    ``Abs``, ``exp``, ``log``) is accepted.  Anything else — attribute access,
    calls of other functions, strings, lambdas, unknown names — raises
    :class:`InputError`.  Floating-point literals stay sympy ``Float``.
    """
    if not isinstance(text, str):
        raise InputError(f"expected an expression string, got {type(text).__name__}")
    text = check_text(text)
    value = _convert(text, symbols)
    if not isinstance(value, sp.Basic):
        raise InputError(f"{text!r} is not a sympy expression")
    return value


def _float_to_rational(expr: Any) -> Any:
    floats = {f: sp.Rational(str(f)) for f in expr.atoms(sp.Float)}
    return expr.xreplace(floats) if floats else expr


def _protect_names(text: str, table: SymbolTable) -> tuple[str, dict[str, sp.Symbol]]:
    """Replace names that are not identifiers (``m_2^(0)``, ``u'``) by private placeholders.

    Returns the new text and the namespace: the plain-identifier spellings of
    the table, the sanitized identifiers (``m_2__0``, ``u_prime``) and the
    placeholders (``_s0_``; users cannot write names starting with ``_``).
    """
    names: dict[str, sp.Symbol] = {}
    for sym, ident in table.identifiers.items():
        if ident == sym.name or ident == _sanitize(sym.name):
            names.setdefault(ident, sym)
    for key, sym in table.keys.items():
        if is_plain_identifier(key):
            names[key] = sym
    replacements: dict[str, str] = {}
    placeholders: dict[str, sp.Symbol] = {}
    for key, sym in table.keys.items():
        if is_plain_identifier(key) or "\\" in key or "{" in key or not key.strip():
            continue
        placeholder = f"_s{len(placeholders)}_"
        placeholders[placeholder] = sym
        replacements[key] = placeholder
    if re.search(r"(?<![A-Za-z0-9_])_", text):
        raise InputError("names starting with '_' are not allowed")
    for key in sorted(replacements, key=len, reverse=True):
        head = r"(?<![A-Za-z0-9_'])"
        tail = r"(?![A-Za-z0-9_'])" if re.match(r".*[A-Za-z0-9_']$", key) else ""
        text = re.sub(head + re.escape(key) + tail, replacements[key], text)
    names.update(placeholders)
    return text, names


def _unknown_names(text: str, tree: ast.AST, table: SymbolTable, names: Mapping[str, Any],
                   allow_unknown: bool, reserved_as_symbols: Iterable[str]) -> dict[str, Any]:
    """Names of the tree not in ``names``: created (``allow_unknown``) or an error."""
    extra: dict[str, Any] = {}
    declared = set(reserved_as_symbols)
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Name) or node.id in names or id(node) in called:
            continue
        ident = node.id
        if ident in SAFE_CONSTANTS and allow_unknown:
            if ident in declared:
                extra[ident] = sp.Symbol(ident)
                continue
            raise InputError(
                f"{ident!r} is a reserved word ({_reserved_meaning(ident)}); to use a symbol "
                f"named {ident}, declare it (reserved_as_symbols=[{ident!r}])"
            )
        if ident in SAFE_CONSTANTS or ident in SAFE_FUNCTIONS:
            continue
        if allow_unknown and is_plain_identifier(ident):
            extra[ident] = sp.Symbol(ident)
            continue
        raise InputError(table.unknown_message(canonical_name(ident)))
    return extra


def _reserved_meaning(word: str) -> str:
    from .symbols import RESERVED_WORDS

    return RESERVED_WORDS.get(word, "a constant")


def _read(text: str, table: SymbolTable, allow_unknown: bool,
          reserved_as_symbols: Iterable[str]) -> tuple[str, dict, ast.Expression]:
    """Protected source, identifier -> symbol map and the whitelisted syntax tree of ``text``."""
    protected, names = _protect_names(text.strip(), table)
    protected = protected.replace("^", "**")
    tree = _parse_tree(protected, text)
    names = {**names, **_unknown_names(text, tree, table, names, allow_unknown,
                                       reserved_as_symbols)}
    return protected, names, tree


def parse_sympy(
    text: str,
    symbols: Any,
    *,
    aliases: Mapping[str, sp.Symbol] | None = None,
    exact: bool = True,
    allow_unknown: bool = False,
    reserved_as_symbols: Iterable[str] = (),
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
        Create plain symbols for unknown identifiers instead of raising; the
        reserved words ``E``, ``I``, ``pi`` are then refused unless listed in
        ``reserved_as_symbols``.
    reserved_as_symbols : iterable of str
        Reserved words to read as symbol names (with ``allow_unknown``).

    Raises
    ------
    InputError
        Unknown names (with suggestions), forbidden syntax (calls, attributes,
        lambdas, strings, ...), limits exceeded.
    """
    text = check_text(text)
    protected, names, _ = _read(text, as_table(symbols, aliases), allow_unknown,
                                reserved_as_symbols)
    expr = _convert(protected, names, text)
    if not isinstance(expr, sp.Basic):
        raise InputError(f"{text[:60]!r} is not a formula")
    return _float_to_rational(expr) if exact else expr


def parse_sympy_elements(
    text: str,
    symbols: Any,
    *,
    exact: bool = True,
    allow_unknown: bool = False,
    reserved_as_symbols: Iterable[str] = (),
) -> tuple[list[Any], str]:
    """Read ``[[a, b], [c, d]]`` / ``Matrix([...])`` (kind ``"matrix"``) or ``[a, b]``
    (kind ``"list"``) into rows of sympy expressions or a list of them.

    Parameters are those of :func:`parse_sympy`.
    """
    text = check_text(text)
    protected, names, tree = _read(text, as_table(symbols), allow_unknown, reserved_as_symbols)
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
        raise InputError("expected a list [a, b, ...] or a matrix [[a, b], [c, d]]")
    converter = _Converter(protected, names, text)
    converter.check_shape(tree)

    def value(node: ast.AST) -> Any:
        if isinstance(node, ast.List | ast.Tuple):
            raise InputError("a matrix entry cannot be a list (matrices nest only once)")
        try:
            expr = converter.convert(node)
        except (TypeError, sp.SympifyError) as exc:
            raise converter.fail(f"invalid arithmetic ({exc})") from None
        return _float_to_rational(expr) if exact else expr

    if body.elts and all(isinstance(e, ast.List | ast.Tuple) for e in body.elts):
        rows = [[value(x) for x in row.elts] for row in body.elts]  # type: ignore[attr-defined]
        return rows, "matrix"
    if any(isinstance(e, ast.List | ast.Tuple) for e in body.elts):
        raise InputError("mixed rows and elements in a matrix")
    return [value(x) for x in body.elts], "list"
