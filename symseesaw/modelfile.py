"""Model files: a seesaw model in TOML, format ``symseesaw-model/1``.

A physicist writes the mass matrix, the small parameters and the symbols in
a TOML file and runs ``symseesaw derive --model FILE`` (or ``prove``,
``latex``, ``check``) without touching Python.  The format is documented in
``docs/model-format.md``; examples ship in ``docs/models/``.

Formulas are read by :mod:`symseesaw.parsing` (a whitelist, never ``eval``):
sympy syntax such as ``"m_D*conjugate(y)"`` or LaTeX between dollars such as
``"$m_D \\bar{y}$"``.  Every mistake is a :class:`ModelFileError` whose
one-line message names the file, the key and its line.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sympy as sp

from symseesaw.parsing import parse_formula
from symseesaw.texname import check_latex_name

try:  # Python >= 3.11
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "MAX_ORDER",
    "MAX_STATES",
    "ModelFileError",
    "ModelSpec",
    "load_model",
    "parse_model",
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


#: Largest integer (in bits) a constant subexpression of an entry may reach.
MAX_CONSTANT_BITS = 100_000
#: Largest literal exponent.
MAX_EXPONENT = 10_000


class ModelFileError(ValueError):
    """A mistake in a model file; the message is one line naming the key and its line."""


def _constant_bits(node: ast.AST) -> tuple[float, int | None] | None:
    """Size bound (bits) and, when small, the value of a constant integer subexpression.

    ``None`` for a subexpression with a name or call in it.  Raises
    ``ValueError`` when a constant power would exceed the limits; nothing is
    evaluated beyond small integers, so ``2**(9999*9999*9999)`` costs nothing.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
            and not isinstance(node.value, bool):
        value = node.value
        if isinstance(value, float):
            return 64.0, None
        return float(max(1, abs(value).bit_length())), value if abs(value) < 2**64 else None
    if isinstance(node, ast.UnaryOp):
        inner = _constant_bits(node.operand)
        if inner is None:
            return None
        bits, value = inner
        return bits, (-value if isinstance(node.op, ast.USub) and value is not None else value)
    if not isinstance(node, ast.BinOp):
        return None
    left, right = _constant_bits(node.left), _constant_bits(node.right)
    if isinstance(node.op, ast.Pow):
        if right is None:
            return None
        exp_bits, exponent = right
        if exponent is None or exp_bits > 20 or abs(exponent) > MAX_EXPONENT:
            raise ValueError(f"exponent too large (at most {MAX_EXPONENT})")
        if left is None:
            return None
        bits = left[0] * max(1, abs(exponent))
        if bits > MAX_CONSTANT_BITS:
            raise ValueError(f"constant too large (over {MAX_CONSTANT_BITS} bits)")
        small = left[1] is not None and exponent >= 0 and bits < 63
        return bits, (left[1] ** exponent if small else None)
    if left is None or right is None:
        return None
    bits = left[0] + right[0] if isinstance(node.op, (ast.Mult, ast.Div)) else \
        max(left[0], right[0]) + 1
    if bits > MAX_CONSTANT_BITS:
        raise ValueError(f"constant too large (over {MAX_CONSTANT_BITS} bits)")
    value = None
    if left[1] is not None and right[1] is not None and bits < 63:
        if isinstance(node.op, ast.Mult):
            value = left[1] * right[1]
        elif isinstance(node.op, ast.Add):
            value = left[1] + right[1]
        elif isinstance(node.op, ast.Sub):
            value = left[1] - right[1]
    return bits, value


def _check_sympy_text(text: str) -> None:
    """Refuse sympy-syntax text whose constants or exponents exceed the limits (no eval)."""
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return  # the parser reports the syntax error in its own words
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Float" \
                and (len(node.args) > 1 or node.keywords):
            raise ValueError("Float(x, precision) is not accepted; write the number itself")
        if isinstance(node, ast.BinOp):
            _constant_bits(node)


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
        return sp.nsimplify(value, rational=True)
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
        if not is_latex:
            _check_sympy_text(body)
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


def derive_model(spec: ModelSpec, orders: Mapping[str, int] | None = None) -> Any:
    """Expand the model with :func:`symseesaw.api.seesaw_expansion`.

    Parameters
    ----------
    spec : ModelSpec
    orders : mapping, optional
        Small parameter name -> order, overriding the file's ``[small]``.

    Returns
    -------
    symseesaw.result.DerivationResult

    Raises
    ------
    NotImplementedError
        ``mode = "blocks"`` (not available in this version; use ``mode = "full"``).
    ValueError
        The engine refuses the model (e.g. a singular heavy block).
    """
    from symseesaw.api import seesaw_expansion
    from symseesaw.result import DerivationResult

    if spec.mode == "blocks":
        # The one place where blocks mode is wired once the API offers it (issue 9 item 1).
        raise NotImplementedError(
            f"{spec.name}: mode = \"blocks\" is not available in this version of symseesaw; "
            "use mode = \"full\" (give light_basis = [...] for a light block whose basis the "
            "engine cannot find)")
    small = with_orders(spec, orders)
    expansion = seesaw_expansion(spec.mass_matrix, spec.n_light, small, **spec.options)
    source = f"model file {spec.path}" if spec.path else "model text"
    return DerivationResult.from_expansion(expansion, spec.mass_matrix, name=spec.name,
                                           notes=[f"derived from the {source}"])


def default_base_point(spec: ModelSpec) -> dict[sp.Symbol, Any]:
    """Generic numbers for the symbols that are not small (complex ones get a phase)."""
    point: dict[sp.Symbol, Any] = {}
    free = [s for s in spec.symbols.values() if s not in spec.small]
    for k, sym in enumerate(sorted(free, key=lambda s: s.name)):
        value = _BASE_VALUES[k % len(_BASE_VALUES)] * (1 + 0.05 * (k // len(_BASE_VALUES)))
        point[sym] = value if sym.is_real else complex(value, 0.37 * value)
    return point


def prove_model(spec: ModelSpec, result: Any, dps: int = 50) -> Any:
    """Prove the orders of ``result`` (from :func:`derive_model`) at a generic base point.

    The small parameters are scanned together (``s = t``) from 0.1 to 1e-4
    with every other symbol at :func:`default_base_point`.

    Returns
    -------
    symseesaw.result.ProofReport
    """
    from symseesaw.numerics.proof import prove_expansion

    symbols = sorted(set(result.mass_matrix.free_symbols) | set(result.symbols)
                     | set(result.small), key=str)
    base = default_base_point(spec)
    report = prove_expansion(
        result.mass_matrix, result.mixing_matrix, result.masses, symbols=symbols,
        small=result.small, base_point=base, direction={s: 1.0 for s in result.small},
        convention=result.convention, dps=dps,
    )
    result.proof = report
    return report
