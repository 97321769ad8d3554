r"""LaTeX formulas as physicists write them, read into sympy without eval.

A small recursive-descent parser over a tokenizer (the grammar is in
:class:`_LatexParser`, one method per rule: ``expr := term (('+'|'-') term)*``,
``term := factor (('*'|'\cdot'|'/'|implicit) factor)*``, ``factor :=
['-'] primary ('^' argument | '^*' | '^\dagger')*``, ``primary := number |
symbol | group | command | environment``).  It builds sympy objects directly;
unknown commands are errors.  A general LaTeX grammar library was not used:
paper LaTeX such as ``m_2^{(0)}`` (a superscript that is part of a name),
``\sigma_+^N``, ``y'_\tau/y_\tau r_1`` needs the symbol table while parsing
(``m_2^{(0)}`` is a name, ``\epsilon_1^{2}`` a power), which sympy's
lark-based LaTeX grammar does not offer.

Read: numbers, symbols with subscripts, superscript labels and primes,
``+ - \cdot \times * /``, implicit multiplication, ``^`` (``^*`` and ``^\dagger``
are conjugation / conjugate transpose), ``\frac``, ``\sqrt[n]{}``, ``\exp``,
``\ln``, ``\log``, brackets, ``\left( \right)``, ``\left\{ \right.``, ``|x|``,
``\bar{x}`` / ``\overline{x}`` (conjugate), matrices (``pmatrix``, ``bmatrix``,
``matrix``, ``array``) with cells ``\cdot`` meaning the symmetric entry and
blocks ``0_{m \times n}``, ``1_{n \times n}``, names of matrices given by the
caller (``F \begin{pmatrix}..\end{pmatrix} F``, ``F^{-1}``), ``\text{diag}(..)``,
spacing, left-hand sides (``=``, ``\simeq``, ``\approx``, ``\equiv``,
``\propto``), equation labels (``\tag{24}``, ``\quad (22)``,
``(\text{A-16})``), ``\label``, ``\mathcal{O}(...)`` remainders (skipped unread
and dropped, so ``\mathcal{O}(r_1^2, \lambda^2)`` is fine).  Empty matrix
cells are errors unless the caller reads them as 0 (a garbled extraction).
Multi-line environments (``aligned``, ``align``, ``cases``) are split into
lines by :func:`split_lines`; :func:`split_relations` gives every side of a
chain ``a \equiv b \simeq c`` or ``a \leq b \leq c``.  Names are read by
:mod:`~symseesaw.parsing.latex_names`.

Size: the module is the LaTeX grammar (one function per rule) and is read as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import sympy as sp

from . import limits
from .displays import split_lines, strip_wrappers
from .latex_names import TokenCursor, clean_name_part, compose_name, latex_symbol_parts
from .latex_tokens import (
    _DECORATIONS,
    _FUNCTIONS,
    _GREEK,
    _INEQUALITIES,
    _MATRIX_ENVS,
    _MULT,
    _RELATIONS,
    _TEXT_CMDS,
    _Parts,
    _Tok,
    _tokenize,
)
from .limits import InputError
from .symbols import RESERVED_WORDS, SymbolTable, as_table, canonical_name

__all__ = ["latex_symbol_parts", "parse_latex", "split_lines", "split_relations",
           "strip_wrappers"]

_clean = clean_name_part
_compose = compose_name
#: Marker of a matrix cell printed as a lone ``\cdot`` (the symmetric entry).
_SYMMETRIC_CELL = object()
#: Largest side of a printed block ``0_{m \times n}``, ``1_{n \times n}`` and of a
#: diagonal matrix ``F^{-1}`` may invert.
MAX_BLOCK_SIZE = 16
#: Largest non-diagonal matrix ``F^{-1}`` may invert (a symbolic inverse grows fast).
MAX_INVERSE_SIZE = 3


class _LatexParser(TokenCursor):
    """Recursive-descent parser from LaTeX math to sympy (see :func:`parse_latex`)."""

    def __init__(self, text: str, table: SymbolTable | None, allow_unknown: bool = False,
                 reserved_as_symbols: Iterable[str] = (), constants: bool = True,
                 matrices: Mapping[str, sp.MatrixBase] | None = None,
                 empty_cells: bool = False):
        super().__init__(text)
        self.matrices = {canonical_name(k): sp.ImmutableMatrix(m)
                         for k, m in (matrices or {}).items()}
        self.empty_cells = empty_cells
        self.table = table
        self.allow_unknown = allow_unknown
        self.reserved_as_symbols = set(reserved_as_symbols)
        self.constants = constants
        self.open_bars = 0  # inside |...|: a '|' closes instead of opening
        self.depth = 0
        self.dropped: list[str] = []

    def names_known(self) -> bool:
        return self.table is not None

    def is_known_name(self, key: str) -> bool:
        return self.table is not None and key in self.table

    def symbol(self) -> sp.Expr:
        start = self.peek()
        parts = self.symbol_parts()
        if parts is None:
            raise self.error("expected a symbol", start)
        key = _compose(*parts)
        if key in self.matrices:
            return self.matrices[key]
        assert self.table is not None
        sym = self.table.get(key)
        if sym is not None:
            return sym
        conjugated = self._decorated_conjugate(parts)
        if conjugated is not None:
            return conjugated
        constant = {"i": sp.I, "pi": sp.pi}.get(key)
        if key == "e" and self.is_("char", "^"):
            constant = sp.E
        if constant is not None:
            if key in self.reserved_as_symbols:
                return sp.Symbol(key)
            if self.constants:
                return constant
            raise self.error(
                f"'{key}' is a reserved word ({RESERVED_WORDS.get(key, 'a constant')}); "
                f"to use it as a symbol name declare it (reserved_as_symbols=[{key!r}])",
                start,
            )
        if self.allow_unknown:
            return sp.Symbol(key)
        raise self.error(self.table.unknown_message(key), start)

    def _decorated_conjugate(self, parts: _Parts) -> sp.Expr | None:
        r"""``\bar{y}``, ``\overline{y}_2`` -> ``conjugate(y)`` when only ``y`` is known."""
        base, sub, sup, primes = parts
        match = re.fullmatch(r"(bar|overline)\((.*)\)", base)
        if match is None or self.table is None:
            return None
        inner = self.table.get(_compose(match.group(2), sub, sup, primes))
        return sp.conjugate(inner) if inner is not None else None

    # -- grammar ----------------------------------------------------------------
    def enter(self) -> None:
        self.depth += 1
        if self.depth > limits.MAX_DEPTH:
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
                acc = _add(acc, self.term())
            elif self.is_("char", "-"):
                self.next()
                acc = _add(acc, -self.term())
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
            elif self.starts_primary() and not (
                tok.kind == "char" and tok.value == "|" and self.open_bars
            ):
                acc = acc * self.factor()
            else:
                break
            if isinstance(acc, sp.Rational):
                limits.check_number(acc, "LaTeX")
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
            if self.is_("cmd", "dagger"):
                self.next()
                base = self._dagger(base)
                continue
            if self.is_("char", "{") and self.is_("cmd", "dagger", 1) and self.is_("char", "}", 2):
                self.i += 3
                base = self._dagger(base)
                continue
            exponent = self.argument()
            base = self._power(base, exponent)
        self.depth -= 1
        return base

    def _conjugate(self, base: Any) -> Any:
        if isinstance(base, sp.MatrixBase):
            return base.conjugate()
        return sp.conjugate(base)

    def _dagger(self, base: Any) -> Any:
        if isinstance(base, sp.MatrixBase):
            return base.conjugate().T
        return sp.conjugate(base)

    def _power(self, base: Any, exponent: Any) -> Any:
        if isinstance(exponent, sp.MatrixBase):
            raise self.error("a matrix cannot be an exponent")
        if isinstance(base, sp.MatrixBase):
            if not (exponent.is_Integer and -1 <= exponent <= 16):
                raise self.error("only integer powers -1..16 of a matrix are supported")
            if exponent == -1:
                return self._inverse(base)
            return base**exponent
        try:
            return limits.bounded_pow(base, exponent, "LaTeX")
        except InputError as exc:
            raise self.error(str(exc).removeprefix("LaTeX: ")) from None

    def _inverse(self, base: sp.MatrixBase) -> sp.MatrixBase:
        if not base.is_square:
            raise self.error("only a square matrix can be inverted")
        if base.rows <= MAX_BLOCK_SIZE and base.is_diagonal():
            if any(x == 0 for x in base.diagonal()):
                raise self.error("the matrix to invert is singular")
            return sp.diag(*[1 / x for x in base.diagonal()])
        if base.rows > MAX_INVERSE_SIZE:
            raise self.error(f"only diagonal matrices or matrices up to {MAX_INVERSE_SIZE}x"
                             f"{MAX_INVERSE_SIZE} can be inverted")
        try:
            return base.inv(method="LU")
        except ValueError:
            raise self.error("the matrix to invert is singular") from None

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
        if len(digits) > limits.MAX_LITERAL_DIGITS:
            raise self.error(f"number with more than {limits.MAX_LITERAL_DIGITS} digits")
        if digits in ("0", "1") and self.is_("char", "_"):
            return self._block_constant(int(digits))
        return limits.check_number(sp.Rational(digits) if "." in digits else sp.Integer(digits))

    def _block_constant(self, digit: int) -> sp.Matrix:
        r"""``0_{m \times n}`` (zero block) or ``1_{n \times n}`` (identity block)."""
        start = self.next()
        shape = re.fullmatch(r"\{?(\d+)\\times(\d+)\}?", re.sub(r"\s", "", self.raw_group()))
        if shape is None:
            raise self.error("a block 0_{m \\times n} or 1_{n \\times n} needs its shape", start)
        rows, cols = int(shape.group(1)), int(shape.group(2))
        if not (0 < rows <= MAX_BLOCK_SIZE and 0 < cols <= MAX_BLOCK_SIZE):
            raise self.error(f"block shapes are 1..{MAX_BLOCK_SIZE}", start)
        if digit == 0:
            return sp.zeros(rows, cols)
        if rows != cols:
            raise self.error("an identity block 1_{m \\times n} must be square", start)
        return sp.eye(rows)

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
                    self.open_bars += 1
                    value = self.expr()
                    self.expect("char", "|")
                    self.open_bars -= 1
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
                if _clean(text) == "diag" and not self._symbol_known(text):
                    self.next()
                    self.raw_group()
                    return self._diag()
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

    def _diag(self) -> sp.Matrix:
        r"""``\text{diag}(a, b, ...)``: the diagonal matrix of the comma-separated entries."""
        self.skip_spacing()
        left = self.is_("cmd", "left")
        if left:
            self.next()
        self.expect("char", "(")
        entries = [self.expr()]
        while self.is_("char", ","):
            self.next()
            entries.append(self.expr())
        if left:
            self.expect("cmd", "right")
        self.expect("char", ")")
        if any(isinstance(x, sp.MatrixBase) for x in entries):
            raise self.error("diag() of matrices is not supported")
        return sp.diag(*entries)

    def _drop_order(self) -> sp.Expr:
        r"""``\mathcal{O}(...)``: the remainder a formula claims, skipped unread and dropped.

        The argument may hold anything balanced (``\mathcal{O}(r_1^2, \lambda^2)``).
        """
        self.skip_spacing()
        start = self.peek()
        if self.is_("cmd", "left"):
            self.next()
            opener, closer = ("cmd", "left"), ("cmd", "right")
        elif self.is_("char", "(") or self.is_("char", "{"):
            char = self.next().value
            opener, closer = ("char", char), ("char", ")" if char == "(" else "}")
        else:
            raise self.error("expected '(' after \\mathcal{O}", start)
        depth = 1
        while depth:
            tok = self.next()
            if tok.kind == "eof":
                raise self.error("unbalanced \\mathcal{O}(...)", start)
            if (tok.kind, tok.value) == opener:
                depth += 1
            elif (tok.kind, tok.value) == closer:
                depth -= 1
        if closer == ("cmd", "right"):
            self.next()  # the closing delimiter
        self.dropped.append(self.text[start.pos : self.peek().pos].strip())
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
                rows[-1].append(self._empty_cell())
            elif self.is_("cmd", "cdot") and self._cell_ends(1):
                self.next()
                rows[-1].append(_SYMMETRIC_CELL)
            else:
                rows[-1].append(self.expr())
            self.skip_spacing()
            if self.is_("char", "&"):
                self.next()
                if self._cell_ends(0) and not self.is_("char", "&"):
                    rows[-1].append(self._empty_cell())
            elif not (self.is_("cmd", "\\") or self.is_("cmd", "end")):
                raise self.error("expected '&', '\\\\' or '\\end' in a matrix")
        rows = [r for r in rows if r]
        if not rows:
            raise self.error("empty matrix")
        if len({len(r) for r in rows}) != 1:
            raise self.error(f"matrix rows have different lengths {[len(r) for r in rows]}")
        if any(isinstance(x, sp.MatrixBase) for r in rows for x in r):
            return self._blocks(rows)
        return sp.Matrix(self._fill_symmetric(rows))

    def _blocks(self, rows: list[list[Any]]) -> sp.Matrix:
        """A matrix printed as blocks (``U_TBM & 0_{3 x 2} \\\\ 0_{2 x 3} & 1_{2 x 2}``)."""
        if not all(isinstance(x, sp.MatrixBase) for r in rows for x in r):
            raise self.error("a block matrix needs a matrix in every cell")
        heights = [{x.rows for x in r} for r in rows]
        widths = [{r[j].cols for r in rows} for j in range(len(rows[0]))]
        if any(len(h) != 1 for h in heights) or any(len(w) != 1 for w in widths):
            raise self.error("the blocks of a block matrix do not fit together")
        return sp.Matrix(sp.BlockMatrix([[sp.Matrix(x) for x in r] for r in rows]))

    def _cell_ends(self, k: int) -> bool:
        """True if the token ``k`` ahead ends a matrix cell (``&``, ``\\\\``, ``\\end``)."""
        return self.is_("char", "&", k) or self.is_("cmd", "\\", k) or self.is_("cmd", "end", k)

    def _empty_cell(self) -> sp.Expr:
        if not self.empty_cells:
            raise self.error("empty matrix cell (write 0 explicitly)")
        return sp.S.Zero

    def _fill_symmetric(self, rows: list[list[Any]]) -> list[list[Any]]:
        r"""Cells printed as a lone ``\cdot`` are the symmetric entry (``[j][i]``)."""
        if not any(x is _SYMMETRIC_CELL for r in rows for x in r):
            return rows
        if len(rows) != len(rows[0]):
            raise self.error("'\\cdot' cells (symmetric entries) need a square matrix")
        filled = [list(r) for r in rows]
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                if cell is _SYMMETRIC_CELL:
                    if rows[j][i] is _SYMMETRIC_CELL:
                        raise self.error(f"'\\cdot' cell ({i + 1},{j + 1}) and its mirror "
                                         "are both dots")
                    filled[i][j] = rows[j][i]
        return filled

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
        last = None
        for k in _top_level(self.toks, _RELATIONS):
            last = k
        if last is not None:
            self.i = last + 1


def _add(acc: Any, term: Any) -> Any:
    r"""``acc + term``; a scalar 0 (a dropped ``\mathcal{O}(..)``) leaves a matrix as it is."""
    if term is sp.S.Zero and isinstance(acc, sp.MatrixBase):
        return acc
    if acc is sp.S.Zero and isinstance(term, sp.MatrixBase):
        return term
    return acc + term


def _top_level(toks: list[_Tok], kinds: set[tuple[str, str]]) -> Iterable[int]:
    """Indices of the tokens of ``kinds`` outside brackets, groups and environments."""
    depth = 0
    for k, tok in enumerate(toks):
        if tok.kind == "char" and tok.value in "({[":
            depth += 1
        elif tok.kind == "char" and tok.value in ")}]":
            depth -= 1
        elif tok.kind == "cmd" and tok.value in ("begin", "left"):
            depth += 1
        elif tok.kind == "cmd" and tok.value in ("end", "right"):
            depth -= 1
        elif depth == 0 and (tok.kind, tok.value) in kinds:
            yield k


def split_relations(text: str) -> list[str]:
    r"""The sides of a printed chain of relations, left to right.

    ``R \equiv \frac{a}{b} \simeq c = \mathcal{O}(10^{-1})`` gives four sides,
    ``-0.4 \leq x \leq 0.95`` three; relations inside brackets, groups and
    environments do not split.  Wrappers and labels are removed first.
    """
    text = strip_wrappers(limits.check_text(text, "LaTeX formula"))
    toks = _tokenize(text)
    cuts = list(_top_level(toks, _RELATIONS | _INEQUALITIES))
    sides, start = [], 0
    for k in cuts:
        sides.append(text[start : toks[k].pos].strip())
        start = toks[k + 1].pos
    sides.append(text[start:].strip())
    return sides


def parse_latex(
    text: str,
    symbols: Any,
    *,
    aliases: Mapping[str, sp.Symbol] | None = None,
    latex_names: Mapping[sp.Symbol, str] | None = None,
    allow_unknown: bool = False,
    reserved_as_symbols: Iterable[str] = (),
    constants: bool | None = None,
    matrices: Mapping[str, sp.MatrixBase] | None = None,
    empty_cells: bool = False,
) -> Any:
    r"""Parse a LaTeX formula or matrix into sympy.

    See the module docstring for what is read.  Unknown symbols are errors
    that suggest near names (``u`` -> ``u'``, ``u''``); ``i``, ``e`` (before
    ``^``) and ``\pi`` mean the constants unless a known symbol has that name.

    Parameters
    ----------
    text : str
        The formula (one line; see :func:`split_lines` for multi-line displays).
    symbols : iterable of Symbol, mapping or SymbolTable
        Symbols matched by name (see :class:`SymbolTable`).
    aliases, latex_names : mapping, optional
        Extra spellings (see :class:`SymbolTable`).
    allow_unknown : bool
        Create plain symbols for unknown names instead of raising (reading a
        matrix file); the reserved words ``i``, ``e^{}``, ``\pi`` are then
        refused unless listed in ``reserved_as_symbols`` or ``constants=True``.
    reserved_as_symbols : iterable of str
        Reserved words to read as symbols.
    constants : bool, optional
        Read reserved words as constants (default: yes unless ``allow_unknown``).
    matrices : mapping str -> Matrix, optional
        Names that stand for matrices (``{"F": diag(..)}`` reads ``F^{-1} A F``).
    empty_cells : bool
        Read an empty matrix cell as 0 (default: an error, as a cell lost in an
        extraction must not pass silently).

    Returns
    -------
    sympy.Expr or sympy.Matrix

    Raises
    ------
    InputError
        Syntax errors, unknown symbols or commands (with the position), limits.
    """
    text = limits.check_text(text, "LaTeX formula")
    limits.check_nesting(text, "LaTeX: formula")
    table = as_table(symbols, aliases, latex_names)
    parser = _LatexParser(strip_wrappers(text), table, allow_unknown=allow_unknown,
                          reserved_as_symbols=reserved_as_symbols,
                          constants=(not allow_unknown) if constants is None else constants,
                          matrices=matrices, empty_cells=empty_cells)
    try:
        return limits.check_finite(parser.parse(), "LaTeX formula")
    except RecursionError:
        raise InputError("LaTeX: formula nested too deeply") from None
    except (TypeError, sp.SympifyError, sp.matrices.exceptions.ShapeError) as exc:
        raise InputError(f"LaTeX: invalid arithmetic in {text[:60]!r}: {exc}") from None
