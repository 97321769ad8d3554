"""Model files: a seesaw model in TOML, format ``symseesaw-model/1``.

A physicist writes the mass matrix, the small parameters and the symbols in
a TOML file and runs ``symseesaw derive --model FILE`` (or ``prove``,
``latex``, ``check``) without touching Python.  The format is documented in
``docs/model-format.md``; examples ship in ``docs/models/``.

Formulas are read by :mod:`symseesaw.parsing` (a whitelist, never ``eval``):
sympy syntax such as ``"m_D*conjugate(y)"`` or LaTeX between dollars such as
``"$m_D \\bar{y}$"``.  Every mistake is a :class:`ModelFileError` whose
one-line message names the file, the key and its line.

Size: one module holds the whole ``symseesaw-model/1`` format (reading with line
numbers, validation of every key, both modes) so that the format and its error
messages are defined in one place, beside docs/model-format.md.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sympy as sp

from symseesaw.output.json_io import proof_to_json
from symseesaw.output.latex import latex_expr, matrix_lines
from symseesaw.parsing import parse_formula
from symseesaw.texname import check_latex_name

try:  # Python >= 3.11
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

__all__ = [
    "BLOCKS_SCHEMA",
    "BlocksModelResult",
    "FORMAT",
    "MAX_FILE_BYTES",
    "MAX_ORDER",
    "MAX_STATES",
    "ModelFileError",
    "ModelSpec",
    "load_model",
    "blocks_to_json",
    "blocks_to_latex",
    "derive_model",
    "parse_model",
    "prove_model",
]

#: The format string a model file must declare (``format = "symseesaw-model/1"``).
FORMAT = "symseesaw-model/1"
#: Largest model file accepted (bytes); checked before the file is parsed.
MAX_FILE_BYTES = 1_000_000
#: Largest order accepted for a small parameter or ``total``.
MAX_ORDER = 50
#: Largest number of states (rows of the mass matrix).
MAX_STATES = 24
#: Longest formula accepted in one matrix entry (characters).
MAX_FORMULA = 5_000

_TOP_KEYS = {
    "format", "name", "n_light", "mode", "convention", "matrix", "small", "symbols",
    "total", "weights", "light_basis", "heavy_basis", "quasi_degenerate_light",
    "quasi_degenerate_heavy",
}
_REQUIRED = ("format", "n_light", "matrix", "small")
_SYMBOL_KEYS = {"positive", "real", "complex", "latex"}
_MODES = ("full", "blocks")
_CONVENTIONS = ("UT_M_U", "Udag_M_Ustar")
_RESERVED = {"E": "Euler's number", "I": "the imaginary unit", "pi": "pi"}
_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_']*$")


class ModelFileError(ValueError):
    """A mistake in a model file; the message is one line naming the key and its line."""


@dataclass
class ModelSpec:
    """A model read from a file, ready for :func:`symseesaw.api.seesaw_expansion`.

    Attributes
    ----------
    name : str
    path : pathlib.Path or None
    n_light : int
    mode : {"full", "blocks"}
    convention : {"UT_M_U", "Udag_M_Ustar"}
    mass_matrix : sympy.Matrix
    small : dict[sympy.Symbol, int]
        Small parameter -> order kept (``positive=True`` symbols).
    symbols : dict[str, sympy.Symbol]
        Every declared symbol by its name (small parameters included).
    latex_names : dict[sympy.Symbol, str]
        LaTeX names given by ``latex = "..."``.
    options : dict
        Further keyword arguments of ``seesaw_expansion`` (``total``,
        ``weights``, ``light_basis``, ``heavy_basis``,
        ``quasi_degenerate_light``, ``quasi_degenerate_heavy``, ``convention``).
    """

    name: str
    path: Path | None
    n_light: int
    mode: str
    convention: str
    mass_matrix: sp.Matrix
    small: dict[sp.Symbol, int]
    symbols: dict[str, sp.Symbol]
    latex_names: dict[sp.Symbol, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def complex_symbols(self) -> list[sp.Symbol]:
        """The symbols declared ``complex = true``."""
        return [s for s in self.symbols.values() if not s.is_real]


class _Lines:
    """Line numbers of keys in the TOML text (tomllib does not report them)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.sections: dict[str, int] = {}
        current = ""
        self.keys: dict[tuple[str, str], int] = {}
        for number, line in enumerate(self.lines, 1):
            stripped = line.strip()
            header = re.match(r"^\[\s*([^\]]+?)\s*\]", stripped)
            if header and not stripped.startswith("[["):
                current = header.group(1).strip().strip('"')
                self.sections[current] = number
                continue
            key = re.match(r"""^("[^"]*"|'[^']*'|[A-Za-z0-9_.'-]+)\s*=""", stripped)
            if key:
                name = key.group(1).strip("\"'")
                self.keys.setdefault((current, name), number)

    def of(self, key: str, section: str = "") -> int | None:
        return self.keys.get((section, key), self.sections.get(key) if not section else None)

    def text_at(self, line: int | None) -> str:
        return self.lines[line - 1] if line and 0 < line <= len(self.lines) else ""

    def of_literal(self, literal: str, start: int | None) -> int | None:
        """First line at or after ``start`` that contains the string ``literal``."""
        begin = (start or 1) - 1
        for number in range(begin, len(self.lines)):
            if literal in self.lines[number]:
                return number + 1
        return start


class _Reader:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.lines = _Lines(text)

    def fail(self, key: str, message: str, line: int | None = None, section: str = "") -> None:
        line = line if line is not None else self.lines.of(key, section)
        where = f"{self.source}:{line}" if line else self.source
        label = f"{section}.{key}" if section else key
        raise ModelFileError(f"{where}: {label}: {message}")

    def integer(self, value: Any, key: str, low: int, high: int, section: str = "") -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"must be an integer from {low} to {high}, got {value!r}",
                      section=section)
        if not low <= value <= high:
            self.fail(key, f"must be from {low} to {high}, got {value}", section=section)
        return int(value)


def _formula(reader: _Reader, value: Any, key: str, line: int | None,
             table: Mapping[str, sp.Symbol], latex_names: Mapping[sp.Symbol, str]) -> sp.Expr:
    """One entry: a number, a sympy-syntax string or LaTeX between dollars."""
    if isinstance(value, bool):
        reader.fail(key, f"expected a formula (string or number), got {value!r}", line)
    if isinstance(value, int):
        return sp.Integer(value)
    if isinstance(value, float):
        if not math.isfinite(value):  # TOML nan, inf, or a literal beyond ~1.8e308
            reader.fail(key, f"{value!r} is not a finite number (TOML nan/inf, or a literal "
                        "beyond 1.8e308); write a finite value or a formula such as "
                        '"10**400"', line)
        return sp.Rational(repr(value))  # the decimal as written: 0.1 -> 1/10, no search
    if not isinstance(value, str):
        reader.fail(key, f"expected a formula (string or number), got {type(value).__name__}",
                    line)
    text = value.strip()
    if len(text) > MAX_FORMULA:
        reader.fail(key, f"formula longer than {MAX_FORMULA} characters", line)
    if not text:
        reader.fail(key, 'empty formula (write "0" for a zero entry)', line)
    is_latex = len(text) >= 2 and text.startswith("$") and text.endswith("$")
    body = text[1:-1].strip() if is_latex else text
    if not is_latex:
        for word, meaning in _RESERVED.items():
            if re.search(rf"(?<![A-Za-z0-9_']){word}(?![A-Za-z0-9_'(])", body):
                reader.fail(key, f"{word!r} is a reserved constant ({meaning}), not a symbol; "
                            f"rename your symbol (e.g. {word}_1) or, for the constant, write "
                            "exp(1), sqrt(-1) or the LaTeX \\pi", line)
    try:
        # Constants, exponents, nesting and calls are bounded by symseesaw.parsing
        # (limits.py, python_syntax.py) before anything is built: one implementation.
        expr = parse_formula(body, table, syntax="latex" if is_latex else "sympy",
                             latex_names=latex_names)
    except (ValueError, TypeError, KeyError, RecursionError, OverflowError,
            MemoryError) as exc:
        reason = " ".join(str(exc).split())
        hint = ""
        if "unknown" in reason.lower():
            hint = " (declare every symbol in [small] or [symbols])"
        reader.fail(key, f"cannot read {text[:60]!r}: {reason}{hint}", line)
    expr = sp.sympify(expr)
    if expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        reader.fail(key, f"{text[:60]!r} is infinite or undefined (a division by zero?)", line)
    return expr


def _matrix(reader: _Reader, value: Any, key: str, table: Mapping[str, sp.Symbol],
            latex_names: Mapping[sp.Symbol, str], size: int | None = None) -> sp.Matrix:
    start = reader.lines.of(key)
    if not isinstance(value, list) or not value or not all(isinstance(r, list) for r in value):
        reader.fail(key, 'expected a list of rows, e.g. [["0", "m_D"], ["m_D", "M"]]')
    n = len(value)
    if n > MAX_STATES:
        reader.fail(key, f"{n} rows: at most {MAX_STATES} states are supported")
    if any(len(row) != n for row in value):
        reader.fail(key, f"must be square: {n} rows of lengths {[len(r) for r in value]}")
    if size is not None and n != size:
        reader.fail(key, f"must be {size}x{size}, got {n}x{n}")
    entries = []
    cursor = start  # entries appear in file order: search each from the previous one
    for i, row in enumerate(value):
        out_row = []
        for j, item in enumerate(row):
            if isinstance(item, str):
                found = reader.lines.of_literal(json.dumps(item), cursor)
                if found == cursor and json.dumps(item) not in reader.lines.text_at(cursor):
                    found = reader.lines.of_literal(item, cursor)
                cursor = line = found
            else:
                line = cursor
            out_row.append(_formula(reader, item, f"{key}[{i + 1}][{j + 1}]", line, table,
                                    latex_names))
        entries.append(out_row)
    return sp.Matrix(entries)


def _symbols(reader: _Reader, doc: Mapping[str, Any]) -> tuple[
        dict[str, sp.Symbol], dict[sp.Symbol, str], dict[sp.Symbol, int]]:
    small_doc = doc["small"]
    if not isinstance(small_doc, dict) or not small_doc:
        reader.fail("small", "must be a table [small] with at least one 'name = order' line")
    declared = doc.get("symbols", {})
    if not isinstance(declared, dict):
        reader.fail("symbols", "must be a table [symbols] of 'name = { ... }' lines")
    for name in list(small_doc) + list(declared):
        section = "small" if name in small_doc else "symbols"
        if name in _RESERVED:
            reader.fail(name, f"{name!r} is reserved for {_RESERVED[name]}; choose another "
                        "symbol name", section=section)
        if not _IDENT.match(name):
            reader.fail(name, "a symbol name is letters, digits, '_' and primes, starting "
                        "with a letter", section=section)
    table: dict[str, sp.Symbol] = {}
    latex_names: dict[sp.Symbol, str] = {}
    small: dict[sp.Symbol, int] = {}
    for name, spec in declared.items():
        if not isinstance(spec, dict):
            reader.fail(name, "expected a table such as { positive = true } or "
                        '{ complex = true, latex = "y\'_1" }', section="symbols")
        unknown = sorted(set(spec) - _SYMBOL_KEYS)
        if unknown:
            reader.fail(name, f"unknown key {unknown[0]!r} (allowed: "
                        f"{', '.join(sorted(_SYMBOL_KEYS))})", section="symbols")
        for flag in ("positive", "real", "complex"):
            if flag in spec and not isinstance(spec[flag], bool):
                reader.fail(name, f"{flag} must be true or false, got {spec[flag]!r}",
                            section="symbols")
        if spec.get("complex") and (spec.get("positive") or spec.get("real")):
            reader.fail(name, "complex = true contradicts positive/real = true",
                        section="symbols")
        if spec.get("positive") and spec.get("real") is False:
            reader.fail(name, "positive = true contradicts real = false (a positive symbol "
                        "is real); drop one of them", section="symbols")
        if name in small_doc and (spec.get("positive") is False or spec.get("real") is False):
            reader.fail(name, "a small parameter is real and positive; drop positive/real = "
                        "false", section="symbols")
        if name in small_doc and spec.get("complex"):
            reader.fail(name, "a small parameter is real and positive; it cannot be complex",
                        section="symbols")
        if name in small_doc or spec.get("positive"):
            sym = sp.Symbol(name, positive=True)
        elif spec.get("complex"):
            sym = sp.Symbol(name, complex=True)
        else:
            sym = sp.Symbol(name, real=True)
        table[name] = sym
        if "latex" in spec:
            tex = spec["latex"]
            if not isinstance(tex, str) or not tex.strip():
                reader.fail(name, f"latex must be a non-empty string, got {tex!r}",
                            section="symbols")
            try:
                latex_names[sym] = check_latex_name(tex)
            except ValueError as exc:
                reader.fail(name, str(exc), section="symbols")
    for name, order in small_doc.items():
        value = reader.integer(order, name, 0, MAX_ORDER, section="small")
        sym = table.setdefault(name, sp.Symbol(name, positive=True))
        small[sym] = value
    return table, latex_names, small


def _groups(reader: _Reader, value: Any, key: str, size: int) -> list[list[int]]:
    if not isinstance(value, list) or not all(isinstance(g, list) for g in value):
        reader.fail(key, "expected a list of index groups, e.g. [[0, 1]] (0-based within "
                    "the block)")
    groups = []
    for g in value:
        idx = [reader.integer(i, key, 0, size - 1) for i in g]
        if len(idx) < 2 or len(set(idx)) != len(idx):
            reader.fail(key, f"a group needs at least two different states, got {g}")
        groups.append(idx)
    return groups


def parse_model(text: str, source: str = "<model>") -> ModelSpec:
    """Read a model from TOML text.

    Parameters
    ----------
    text : str
        The file's contents.
    source : str
        File name used in error messages.

    Returns
    -------
    ModelSpec

    Raises
    ------
    ModelFileError
        One line: ``FILE:LINE: KEY: problem (fix)``.
    """
    reader = _Reader(text, source)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelFileError(f"{source}: not valid TOML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise ModelFileError(f"{source}: not valid TOML: nested too deeply") from None
    unknown = sorted(set(doc) - _TOP_KEYS)
    if unknown:
        reader.fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(_TOP_KEYS))})")
    missing = [k for k in _REQUIRED if k not in doc]
    if missing:
        raise ModelFileError(f"{source}: missing required key {missing[0]!r} "
                             f"(see docs/model-format.md)")
    if doc["format"] != FORMAT:
        reader.fail("format", f"must be {FORMAT!r}, got {doc['format']!r}")
    name = doc.get("name", Path(source).stem)
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        reader.fail("name", f"must be a non-empty string of at most 100 characters, got {name!r}")
    mode = doc.get("mode", "full")
    if mode not in _MODES:
        reader.fail("mode", f"must be one of {', '.join(map(repr, _MODES))}, got {mode!r}")
    convention = doc.get("convention", "UT_M_U")
    if convention not in _CONVENTIONS:
        reader.fail("convention", f"must be one of {', '.join(map(repr, _CONVENTIONS))}, "
                    f"got {convention!r}")
    table, latex_names, small = _symbols(reader, doc)
    matrix = _matrix(reader, doc["matrix"], "matrix", table, latex_names)
    n = matrix.rows
    n_light = reader.integer(doc["n_light"], "n_light", 1, max(1, n - 1))
    for i in range(n):
        for j in range(i + 1, n):
            if sp.expand(matrix[i, j] - matrix[j, i]) != 0:
                reader.fail("matrix", f"not symmetric: entry [{i + 1}][{j + 1}] = "
                            f"{sp.sstr(matrix[i, j])} but [{j + 1}][{i + 1}] = "
                            f"{sp.sstr(matrix[j, i])} (a Majorana mass matrix is symmetric)")
    used = {s.name for s in matrix.free_symbols}
    for sym in small:
        if sym.name not in used:
            reader.fail(sym.name, "small parameter does not occur in the matrix", section="small")
    options: dict[str, Any] = {"convention": convention}
    if "total" in doc:
        options["total"] = reader.integer(doc["total"], "total", 0, MAX_ORDER)
    if "weights" in doc:
        weights = doc["weights"]
        if not isinstance(weights, dict):
            reader.fail("weights", "must be a table of small parameter -> positive integer")
        options["weights"] = {}
        for key, w in weights.items():
            if key not in table or table[key] not in small:
                reader.fail(key, "is not a small parameter", section="weights")
            options["weights"][table[key]] = reader.integer(w, key, 1, MAX_ORDER, "weights")
    for key, size in (("light_basis", n_light), ("heavy_basis", n - n_light)):
        if key in doc:
            options[key] = _matrix(reader, doc[key], key, table, latex_names, size)
    if mode == "blocks":
        for key in _FULL_ONLY:
            if key in doc:
                reader.fail(key, 'only a full diagonalization uses it; remove it or set '
                            'mode = "full"')
    for key, size in (("quasi_degenerate_light", n_light),
                      ("quasi_degenerate_heavy", n - n_light)):
        if key in doc:
            options[key] = _groups(reader, doc[key], key, size)
    return ModelSpec(name=name.strip(), path=None, n_light=n_light, mode=mode,
                     convention=convention, mass_matrix=matrix, small=small, symbols=table,
                     latex_names=latex_names, options=options)


def load_model(path: str | Path) -> ModelSpec:
    """Read a model file (see :func:`parse_model`), checking its size first.

    Raises
    ------
    ModelFileError
        Missing, unreadable, too large or malformed file.
    """
    target = Path(path)
    try:
        size = target.stat().st_size
        if not target.is_file():
            raise ModelFileError(f"{target}: not a regular file")
        if size > MAX_FILE_BYTES:
            raise ModelFileError(f"{target}: {size} bytes; a model file may have at most "
                                 f"{MAX_FILE_BYTES} bytes")
        text = target.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ModelFileError(f"cannot read model file {str(target)!r}: "
                             f"{exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ModelFileError(f"{target}: not UTF-8 text") from None
    spec = parse_model(text, str(target))
    spec.path = target
    return spec


def expansion_options(spec: ModelSpec) -> dict[str, Any]:
    """Keyword arguments of :func:`symseesaw.api.seesaw_expansion` for ``spec``."""
    return dict(spec.options)


# ------------------------------------------------------------------ using a model
#: Generic values of the free symbols at the proof's base point (no special ratios).
_BASE_VALUES = (1.37, 0.83, 1.91, 1.13, 0.71, 1.59, 1.23, 0.97, 1.71, 1.07, 0.89, 1.47)


def with_orders(spec: ModelSpec, orders: Mapping[str, int] | None) -> dict[sp.Symbol, int]:
    """The model's small parameters with the orders of ``orders`` (name -> order) applied.

    Raises
    ------
    ModelFileError
        ``orders`` names a symbol that is not a small parameter of the model.
    """
    small = dict(spec.small)
    by_name = {s.name: s for s in small}
    for name, order in (orders or {}).items():
        if name not in by_name:
            raise ModelFileError(f"--order names {name!r}, which is not a small parameter of "
                                 f"{spec.name} (small: {', '.join(by_name)})")
        small[by_name[name]] = int(order)
    return small


#: Schema of the JSON document of a blocks-mode model (see :func:`blocks_to_json`).
BLOCKS_SCHEMA = "symseesaw-blocks/1"
#: The conventions of a blocks-mode result, in words (also in its JSON).
BLOCKS_CONVENTION_TEXT = {
    "UT_M_U": ("W^T M W = diag(light_mass_matrix, heavy_mass_matrix) with W unitary, "
               "W = [[N, Theta], [-Theta^dagger, C_2]]; N N^dagger = 1 - 2 eta with the "
               "Hermitian eta = Theta Theta^dagger / 2."),
    "Udag_M_Ustar": ("W^dagger M W^* = diag(light_mass_matrix, heavy_mass_matrix) with W "
                     "unitary, W = [[N, Theta], [-Theta^dagger, C_2]]; N N^dagger = 1 - 2 eta "
                     "with the Hermitian eta = Theta Theta^dagger / 2."),
}
#: Keys of a model file that only a full diagonalization uses.
_FULL_ONLY = ("light_basis", "heavy_basis", "quasi_degenerate_light", "quasi_degenerate_heavy")


@dataclass
class BlocksModelResult:
    """A model derived in ``mode = "blocks"``: the engine's :class:`~symseesaw.api.SeesawBlocks`.

    Attributes
    ----------
    name : str
        The model's name.
    blocks : symseesaw.api.SeesawBlocks
        The engine result (light and heavy blocks, ``W``, ``Theta``, ``eta``).
    latex_names : dict[sympy.Symbol, str]
        LaTeX names declared in the model file.
    notes : list[str]
    proof : ProofReport or None
        Set by :func:`prove_model`.
    """

    name: str
    blocks: Any
    latex_names: dict[sp.Symbol, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    proof: Any = None

    @property
    def small(self) -> dict[sp.Symbol, int]:
        """Small parameter -> order kept."""
        return dict(self.blocks.small)

    @property
    def convention(self) -> str:
        """``"UT_M_U"`` or ``"Udag_M_Ustar"``."""
        return str(self.blocks.convention)

    @property
    def mass_matrix(self) -> sp.Matrix:
        """The model's mass matrix."""
        return sp.Matrix(self.blocks.mass_matrix)

    @property
    def symbols(self) -> list[sp.Symbol]:
        """Every symbol of the mass matrix (the results use no others)."""
        return sorted(self.mass_matrix.free_symbols, key=lambda s: s.name)

    @property
    def definitions(self) -> dict[sp.Symbol, sp.Expr]:
        """Derived symbols: none (every result is written in the matrix's symbols)."""
        return {}


def derive_model(spec: ModelSpec, orders: Mapping[str, int] | None = None) -> Any:
    """Derive the model: a full expansion, or the block diagonalization in blocks mode.

    Parameters
    ----------
    spec : ModelSpec
    orders : mapping, optional
        Small parameter name -> order, overriding the file's ``[small]``.

    Returns
    -------
    symseesaw.result.DerivationResult or BlocksModelResult
        ``mode = "full"``: a derivation record holding the expansion of
        :func:`symseesaw.api.seesaw_expansion` (its ``expansion``; the proof
        uses its quasi-degenerate groups). ``mode = "blocks"``: the result of
        :func:`symseesaw.api.seesaw_blocks`.

    Raises
    ------
    ModelFileError
        ``orders`` names a symbol that is not a small parameter.
    ValueError, NotImplementedError
        The engine refuses the model (e.g. a singular heavy block), with the way around.
    """
    from symseesaw.api import seesaw_blocks, seesaw_expansion
    from symseesaw.result import DerivationResult

    small = with_orders(spec, orders)
    source = f"model file {spec.path}" if spec.path else "model text"
    if spec.mode == "blocks":
        options = {k: v for k, v in spec.options.items() if k not in _FULL_ONLY}
        blocks = seesaw_blocks(spec.mass_matrix, spec.n_light, small, **options)
        return BlocksModelResult(name=spec.name, blocks=blocks,
                                 latex_names=dict(spec.latex_names),
                                 notes=[f"derived from the {source} (blocks mode)"])
    expansion = seesaw_expansion(spec.mass_matrix, spec.n_light, small, **spec.options)
    return DerivationResult.from_expansion(expansion, name=spec.name,
                                           notes=[f"derived from the {source}"])


def default_base_point(spec: ModelSpec) -> dict[sp.Symbol, Any]:
    """Generic numbers for the symbols that are not small (complex ones get a phase).

    Values 1.37, 0.83, 1.91, ... in alphabetical order of the names; a complex
    symbol ``z`` gets ``x (1 + 0.37 i)`` for its value ``x``. Only symbols of
    the mass matrix are given a value.
    """
    point: dict[sp.Symbol, Any] = {}
    used = spec.mass_matrix.free_symbols
    free = [s for s in spec.symbols.values() if s not in spec.small]
    for k, sym in enumerate(sorted(free, key=lambda s: s.name)):
        value = _BASE_VALUES[k % len(_BASE_VALUES)] * (1 + 0.05 * (k // len(_BASE_VALUES)))
        if sym in used:
            point[sym] = value if sym.is_real else complex(value, 0.37 * value)
    return point


def prove_model(spec: ModelSpec, result: Any, dps: int = 50) -> Any:
    """Prove the orders of ``result`` (from :func:`derive_model`) at a generic base point.

    Everything goes through :func:`symseesaw.facade.prove`, with every symbol
    that is not small at :func:`default_base_point`.

    * Full mode: the small parameters are scanned together (``s = t``) from
      0.1 to 1e-4 against an exact Takagi factorization, and, when their
      orders differ, also along the balanced ray
      (:func:`symseesaw.numerics.proof_rays.prove_on_rays`). A record holding
      the engine's expansion is proved as that expansion (its quasi-degenerate
      groups are judged as groups); a record holding other values (a
      :class:`~symseesaw.result.StoredExpansion`) is proved as it stands.
    * Blocks mode: singular values of the light and heavy blocks and every
      entry of ``W`` against an exact block diagonalization
      (:func:`symseesaw.numerics.proof_blocks.prove_blocks`, scan ``t`` from
      0.05 down by factors of 2).

    Returns
    -------
    symseesaw.result.ProofReport
        Also stored in ``result.proof``.
    """
    from symseesaw.facade import prove

    return prove(result, base_point=default_base_point(spec), dps=dps)


# ------------------------------------------------------------------ blocks-mode output
def blocks_to_json(result: BlocksModelResult) -> dict[str, Any]:
    """The self-contained ``symseesaw-blocks/1`` document of a blocks-mode result.

    Built from :meth:`symseesaw.api.SeesawBlocks.to_record`. Every expression
    is a string in sympy syntax (``conjugate(y)`` for the complex conjugate)
    written in the symbols of ``mass_matrix`` only (``"definitions"`` is
    empty), so a reader re-evaluates it without symseesaw. ``"symbols"``
    marks each symbol ``complex`` (give it complex values), ``small`` and its
    assumptions.

    Returns
    -------
    dict
        Keys ``schema``, ``name``, ``mode``, ``n_light``, ``convention``,
        ``convention_text``, ``small``, ``total``, ``symbols``,
        ``mass_matrix``, ``light_mass_matrix``, ``heavy_mass_matrix``, ``W``,
        ``Theta``, ``eta``, ``definitions``, ``proof``, ``notes``.
    """
    record = result.blocks.to_record()
    known = set(result.mass_matrix.free_symbols)
    symbols: dict[str, dict[str, Any]] = {}
    for sym in sorted(known, key=lambda s: s.name):
        symbols[sym.name] = {
            "latex": latex_expr(sym, result.latex_names),
            "complex": sym.is_real is not True,
            "real": bool(sym.is_real),
            "positive": bool(sym.is_positive),
            "small": sym in result.small,
        }

    def matrix(value: Any, key: str) -> list[list[str]]:
        value = sp.Matrix(value)
        stray = value.free_symbols - known
        if stray:  # an engine bug, never a silent non-self-contained document
            raise ValueError(f"{key} uses {sorted(map(str, stray))}, which are not symbols of "
                             "the mass matrix")
        return [[sp.sstr(value[i, j]) for j in range(value.cols)] for i in range(value.rows)]

    convention = str(record["convention"])
    return {
        "schema": BLOCKS_SCHEMA,
        "name": result.name,
        "mode": "blocks",
        "n_light": int(record["n_light"]),
        "convention": convention,
        "convention_text": BLOCKS_CONVENTION_TEXT[convention],
        "small": {str(k): int(v) for k, v in record["small"].items()},
        "total": record["total"],
        "symbols": symbols,
        **{key: matrix(record[key], key) for key in
           ("mass_matrix", "light_mass_matrix", "heavy_mass_matrix", "W", "Theta", "eta")},
        "definitions": {str(k): sp.sstr(v) for k, v in record["definitions"].items()},
        "proof": None if result.proof is None else proof_to_json(result.proof),
        "notes": list(result.notes),
    }


def blocks_to_latex(result: BlocksModelResult,
                    latex_names: Mapping[sp.Symbol, str] | None = None) -> str:
    """LaTeX fragment (for ``\\input``; needs ``amsmath``) of a blocks-mode result.

    The light and heavy effective mass matrices, ``Theta`` and ``eta`` in one
    ``align*`` (page breaks allowed); a matrix whose entries are long is
    written entry by entry (the upper triangle of the symmetric blocks; entries
    not shown vanish), long entries over several lines. ``W`` is in the JSON.
    """
    names = dict(result.latex_names)
    names.update(latex_names or {})
    blocks = result.blocks
    convention = "W^T M W" if result.convention == "UT_M_U" else "W^\\dagger M W^*"
    lines: list[str] = []
    for symbol, value, symmetric in (
            ("m_{\\mathrm{light}}", blocks.light_mass_matrix, True),
            ("M_{\\mathrm{heavy}}", blocks.heavy_mass_matrix, True),
            ("\\Theta", blocks.Theta, False),
            ("\\eta", blocks.eta, False)):
        lines += matrix_lines(symbol, value, names, symmetric=symmetric)
    return "\n".join([
        f"% symseesaw {BLOCKS_SCHEMA} result {result.name}",
        f"% {BLOCKS_CONVENTION_TEXT[result.convention]}",
        "% small parameters (order kept): "
        + ", ".join(f"{s} {o}" for s, o in result.small.items()),
        f"% {convention} = diag(m_light, M_heavy); N N^dagger = 1 - 2 eta",
        "{\\allowdisplaybreaks",
        "\\begin{align*}",
        " \\\\\n".join(lines),
        "\\end{align*}}",
        "",
    ])
