"""Check a user's hand-derived formulas against the engine, entry by entry.

Two targets:

* a **registered derivation** (:func:`check_against`, ``symseesaw check FILE
  --against NAME``): the claim is compared with the derivation's result; if it
  is stated to a higher order than the derivation keeps, the derivation is
  re-run with ``module.derive(orders=...)`` up to ``max_order``;
* a **mass matrix** (:func:`check_formula`, ``symseesaw check FILE --matrix
  MATRIXFILE --light N --order eps=2``): the matrix is expanded with
  :func:`symseesaw.api.seesaw_expansion` and the claim compared with it.

Every comparison is done by :func:`symseesaw.compare.compare` on exact series:
the verdict is ``"agrees"`` when ``claim - derived`` vanishes up to the
compared order, ``"differs"`` (with the claimed and the correct coefficient of
the lowest differing monomial) otherwise, and ``"ambiguous"`` when the claim is
stated beyond the order that could be derived (it is then compared up to the
highest order reached, and the note says so).

Orders: for the mixing matrix ``U`` an order is the maximum power of each small
parameter kept; for masses it is *relative* to each mass's leading term (as in
:func:`~symseesaw.api.seesaw_expansion` and the papers:
``m_2 = m_2^(0) (1 - 3 epsilon_1^2)`` is "second order").

The claim file format is documented in ``docs/checking.md`` and in
:func:`parse_claims`.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import sympy as sp

from symseesaw.algebra.convert import to_series
from symseesaw.algebra.series import INF, Algebra, Series
from symseesaw.compare import compare
from symseesaw.parsing import SymbolTable, parse_formula, parse_list, parse_matrix
from symseesaw.result import Comparison, DerivationResult

__all__ = [
    "CLAIMS_SCHEMA",
    "MAX_ORDER",
    "Claim",
    "ClaimFile",
    "check_against",
    "check_claims",
    "check_formula",
    "expansion_substitution",
    "parse_claims",
    "read_claims",
    "read_matrix",
]

#: Schema tag of the JSON form of a claim file.
CLAIMS_SCHEMA = "symseesaw-claims/1"
#: Highest order to which a registered derivation is re-derived automatically.
MAX_ORDER = 6

_KEYS = ("quantity", "order", "syntax", "label", "against", "convention", "formula")
_KEY_LINE = re.compile(r"^\s*(" + "|".join(_KEYS) + r")\s*:\s*(.*?)\s*$", re.IGNORECASE)
_ORDER_ITEM = re.compile(r"^\s*([^\s=,]+)\s*=\s*([0-9]+)\s*$")
_ENTRY = re.compile(r"^\s*(U|M|m|masses|mass)\s*[\[(]\s*(\d+)\s*(?:,\s*(\d+)\s*)?[\])]\s*$")


@dataclass
class Claim:
    """One claimed quantity.

    Attributes
    ----------
    quantity : str
        ``"U"`` (whole mixing matrix), ``"masses"`` (all masses), ``"U[i,j]"``
        (one entry, 1-based) or ``"m[k]"`` (k-th mass, 1-based).
    text : str
        The formula (sympy syntax or LaTeX), or a sympy object.
    order : dict or None
        Small parameter name -> order to which the claim is stated (default:
        the target's own orders).
    syntax : {"auto", "latex", "sympy"}
    label : str
        Printed label used as the comparisons' ``equation`` (default: the quantity).
    """

    quantity: str
    text: Any
    order: dict[str, int] | None = None
    syntax: str = "auto"
    label: str = ""

    @property
    def kind(self) -> tuple[str, tuple[int, ...]]:
        """``("U", ())``, ``("masses", ())``, ``("U", (i, j))`` or ``("m", (k,))`` (1-based)."""
        q = self.quantity.strip()
        if q in ("U", "mixing", "mixing_matrix"):
            return "U", ()
        if q in ("masses", "m", "mass"):
            return "masses", ()
        match = _ENTRY.match(q)
        if match:
            name, a, b = match.groups()
            if name == "U":
                if b is None:
                    raise ValueError(f"entry {q!r} of U needs a row and a column, e.g. U[1,4]")
                return "U", (int(a), int(b))
            if b is not None:
                raise ValueError(f"a mass takes one index, e.g. m[2], got {q!r}")
            return "m", (int(a),)
        raise ValueError(
            f"unknown quantity {q!r}: use U, masses, U[i,j] (1-based) or m[k] (1-based)"
        )


@dataclass
class ClaimFile:
    """Parsed claim file: defaults and claims."""

    claims: list[Claim] = field(default_factory=list)
    against: str | None = None
    order: dict[str, int] | None = None
    convention: str | None = None


def parse_order_text(text: str) -> dict[str, int]:
    """``"epsilon_1=2, epsilon_2=2"`` -> ``{"epsilon_1": 2, "epsilon_2": 2}`` (``ValueError``)."""
    orders: dict[str, int] = {}
    for item in text.split(","):
        match = _ORDER_ITEM.match(item)
        if not match:
            raise ValueError(
                f"malformed order item {item.strip()!r}: expected NAME=N[, NAME=N...] "
                "with N a non-negative integer"
            )
        name, value = match.group(1), int(match.group(2))
        if name in orders:
            raise ValueError(f"order of {name!r} given twice")
        orders[name] = value
    return orders


def _looks_like_matrix(text: str) -> bool:
    t = text.strip()
    return "\\begin" in t or t.startswith("[[") or t.startswith("Matrix")


def parse_claims(text: str) -> ClaimFile:
    r"""Parse the text claim format.

    Lines ``key: value`` with keys ``quantity``, ``order``, ``syntax``,
    ``label``, ``against``, ``convention`` (``formula`` marks the start of the
    formula, optionally on the same line).  Keys before the first
    ``quantity:`` are file-wide defaults; each ``quantity:`` line starts a
    claim, whose formula is every following non-key line up to the next
    ``quantity:``.  Lines starting with ``#`` are comments (``%`` comments are
    allowed inside LaTeX).  A file without any ``quantity:`` whose body is a
    matrix is one claim on ``U``.  Example::

        against: seed001-no
        order: epsilon_1=2, epsilon_2=2

        quantity: U[1,4]
        \epsilon_1

        quantity: masses
        label: Eq. 24
        0 \\
        m_2^{(0)} (1 - 3\epsilon_1^2) \\
        ...
    """
    out = ClaimFile()
    current: dict[str, Any] | None = None
    body: list[str] = []
    in_body = False
    pending: list[dict[str, Any]] = []
    defaults: dict[str, str] = {}
    loose: list[str] = []

    def finish() -> None:
        if current is not None:
            current["text"] = "\n".join(body).strip()
            pending.append(current)

    for raw in text.splitlines():
        if raw.lstrip().startswith("#"):
            continue
        match = _KEY_LINE.match(raw)
        if match and not (in_body and match.group(1).lower() != "quantity"):
            key, value = match.group(1).lower(), match.group(2)
            if key == "quantity":
                finish()
                current, body, in_body = {"quantity": value}, [], False
            elif key == "formula":
                in_body = True
                if value:
                    body.append(value)
            elif current is None:
                defaults[key] = value
            else:
                current[key] = value
            continue
        if current is None:
            loose.append(raw)
        else:
            if raw.strip():
                in_body = True
            body.append(raw)
    finish()
    if not pending and "\n".join(loose).strip():
        rest = "\n".join(loose).strip()
        if not _looks_like_matrix(rest):
            raise ValueError("claim file has no 'quantity:' line (use quantity: U, masses, "
                             "U[i,j] or m[k])")
        pending.append({"quantity": "U", "text": rest})
    elif "\n".join(loose).strip():
        raise ValueError("text before the first 'quantity:' line is not a 'key: value' line: "
                         f"{next(ln for ln in loose if ln.strip())[:60]!r}")
    if "against" in defaults:
        out.against = defaults["against"] or None
    if "order" in defaults:
        out.order = parse_order_text(defaults["order"])
    out.convention = defaults.get("convention") or None
    syntax_default = defaults.get("syntax", "auto")
    for c in pending:
        if not c["text"]:
            raise ValueError(f"claim {c['quantity']!r} has no formula")
        claim = Claim(
            quantity=c["quantity"],
            text=c["text"],
            order=parse_order_text(c["order"]) if c.get("order") else out.order,
            syntax=c.get("syntax", syntax_default),
            label=c.get("label", ""),
        )
        claim.kind  # validate the quantity early  # noqa: B018
        out.claims.append(claim)
    if not out.claims:
        raise ValueError("claim file contains no claims")
    return out


def _claims_from_json(doc: Any) -> ClaimFile:
    if not isinstance(doc, dict) or doc.get("schema") != CLAIMS_SCHEMA:
        raise ValueError(f"JSON claim files need \"schema\": \"{CLAIMS_SCHEMA}\"")
    out = ClaimFile(against=doc.get("against"), convention=doc.get("convention"))
    order = doc.get("order")
    out.order = {str(k): int(v) for k, v in order.items()} if isinstance(order, dict) else None
    for item in doc.get("claims") or []:
        if not isinstance(item, dict) or not isinstance(item.get("formula"), str | list):
            raise ValueError("each claim needs a 'quantity' and a 'formula' string")
        formula = item["formula"]
        if isinstance(formula, list):  # list of rows / list of masses as strings
            formula = json.dumps(formula)
        o = item.get("order")
        claim = Claim(
            quantity=str(item.get("quantity", "U")),
            text=formula if isinstance(item["formula"], str) else _json_list_text(item["formula"]),
            order={str(k): int(v) for k, v in o.items()} if isinstance(o, dict) else out.order,
            syntax=str(item.get("syntax", "auto")),
            label=str(item.get("label", "")),
        )
        claim.kind  # noqa: B018
        out.claims.append(claim)
    if not out.claims:
        raise ValueError("claim file contains no claims")
    return out


def _json_list_text(value: list) -> str:
    """A JSON list of strings / of rows of strings -> sympy-syntax list text."""
    def item(x: Any) -> str:
        if isinstance(x, list):
            return "[" + ", ".join(item(y) for y in x) + "]"
        if not isinstance(x, str | int):
            raise ValueError("matrix entries must be strings")
        return f"({x})"

    return item(value)


def read_claims(path: str | Path) -> ClaimFile:
    """Read a claim file: the text format of :func:`parse_claims`, or JSON
    (``{"schema": "symseesaw-claims/1", "against": ..., "order": {...},
    "claims": [{"quantity": "U", "formula": "...", "order": {...}, "label": ...}]}``)."""
    text = Path(path).read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: invalid JSON: {exc}") from None
        return _claims_from_json(doc)
    return parse_claims(text)


def read_matrix(
    path_or_text: str | Path,
    *,
    small: Iterable[str] = (),
    complex_symbols: Iterable[str] = (),
    syntax: str = "auto",
) -> tuple[sp.Matrix, dict[str, sp.Symbol]]:
    """Read a mass matrix (LaTeX ``pmatrix`` or sympy ``[[...]]``) creating its symbols.

    Symbols are created from the names in the text: small parameters (names
    in ``small``) and every other symbol are ``positive=True`` except those
    named in ``complex_symbols`` (no assumption).

    Returns
    -------
    (sympy.Matrix, dict)
        The matrix and name -> Symbol for every symbol in it.
    """
    text = str(path_or_text)
    if isinstance(path_or_text, Path) or ("\n" not in text and Path(text).is_file()):
        text = Path(text).read_text(encoding="utf-8")
    raw = parse_matrix(text, [], syntax=syntax, allow_unknown=True)
    complex_names = set(complex_symbols)
    table: dict[str, sp.Symbol] = {}
    repl = {}
    for s in sorted(raw.free_symbols, key=str):
        new = sp.Symbol(s.name) if s.name in complex_names else sp.Symbol(s.name, positive=True)
        repl[s] = new
        table[s.name] = new
    missing = [name for name in small if name not in table]
    if missing:
        raise ValueError(
            f"small parameter(s) {', '.join(missing)} do not occur in the matrix "
            f"(its symbols: {', '.join(sorted(table)) or 'none'})"
        )
    return raw.xreplace(repl), table


# ----------------------------------------------------------------------------- targets
@dataclass
class _Derived:
    """Series-level results one comparison needs."""

    alg: Algebra
    U: Callable[[int, int], Series]
    n: int
    masses: list[Series]
    small_names: list[str]
    orders: dict[str, int]
    to_expansion: Callable[[sp.Expr], sp.Expr]


def _lead_exponents(alg: Algebra, series: Series) -> tuple[int, ...] | None:
    if not series.terms:
        return None
    mono = min(series.terms, key=lambda m: (alg.degree(m), alg.small_exponents(m)))
    return alg.small_exponents(mono)


def expansion_substitution(result: DerivationResult) -> Callable[[sp.Expr], sp.Expr]:
    """Rewrite formulas in a derivation's expansion variables using ``result.definitions``.

    Derived symbols (e.g. ``m_2^(0)``) are replaced by their definitions.  If a
    definition uses model symbols absent from the result (seed 001:
    ``m_2^(0) = -3 y_2^2 v'^2 v_u^2 / (w_2 u' Lambda^2)``), the definitions of
    the small parameters are solved for as many of those model symbols (a
    monomial system, :func:`symseesaw.models.reparametrize.solve_definitions`)
    as makes every definition expressible in the result's symbols; definitions
    that stay inexpressible are left alone.
    """
    from symseesaw.models.reparametrize import solve_definitions

    known = set(result.symbols) | set(result.small)
    defs = dict(result.definitions)
    extra = set().union(*(sp.sympify(v).free_symbols for v in defs.values())) - known if defs \
        else set()
    small_defs = {
        k: v for k, v in defs.items() if k in result.small and sp.sympify(v).free_symbols & extra
    }
    substitution: dict[sp.Symbol, sp.Expr] = {}
    if small_defs and len(extra) >= len(small_defs):
        candidates = sorted(extra, key=str)
        for unknowns in itertools.combinations(candidates, len(small_defs)):
            try:
                sol = solve_definitions(small_defs, list(unknowns))
            except (ValueError, NotImplementedError, ZeroDivisionError):
                continue
            ok = all(
                _simplify_powers(sp.sympify(v).xreplace(sol)).free_symbols <= known
                for k, v in defs.items()
                if k not in result.small
            )
            if ok:
                substitution = sol
                break
    derived = {}
    for k, v in defs.items():
        if k in result.small:
            continue
        value = _simplify_powers(sp.sympify(v).xreplace(substitution))
        if value.free_symbols <= known:
            derived[k] = value

    def to_expansion(expr: sp.Expr) -> sp.Expr:
        expr = sp.sympify(expr).xreplace(derived)
        if substitution:
            expr = expr.xreplace(substitution)
        return _simplify_powers(expr)

    return to_expansion


def _simplify_powers(expr: sp.Expr) -> sp.Expr:
    return sp.powsimp(sp.expand(expr), force=False)


class _RegistryTarget:
    """A registered derivation, re-derived at higher orders on demand."""

    def __init__(self, module: ModuleType, name: str, progress: Callable[[str], None] | None):
        self.module = module
        self.name = name
        self.progress = progress or (lambda message: None)
        self.cache: dict[tuple, tuple[DerivationResult, _Derived]] = {}
        self.result, _ = self.get(None)

    def get(self, orders: dict[str, int] | None) -> tuple[DerivationResult, _Derived]:
        key = tuple(sorted((orders or {}).items()))
        if key not in self.cache:
            if orders:
                self.progress(f"[{self.name}] deriving at order {orders}")
                result = self.module.derive(orders=dict(orders))
            else:
                self.progress(f"[{self.name}] deriving")
                result = self.module.derive()
            self.cache[key] = (result, self._series(result))
        return self.cache[key]

    def _series(self, result: DerivationResult) -> _Derived:
        alg = Algebra(dict(result.small))
        U = sp.Matrix(result.mixing_matrix)
        # The derived expressions are exact polynomials: keep every term they have
        # (plus the derived order, for the relative bounds of the masses).
        box = {}
        for s, o in result.small.items():
            top = 0
            for e in [*U, *result.masses]:
                poly_terms = sp.Add.make_args(sp.expand(e))
                top = max([top] + [int(t.as_powers_dict().get(s, 0)) for t in poly_terms])
            box[s] = top + int(o) + 1
        alg.set_truncation(box, None)
        cache: dict[tuple[int, int], Series] = {}

        def entry(i: int, j: int) -> Series:
            if (i, j) not in cache:
                cache[(i, j)] = to_series(alg, U[i, j])
            return cache[(i, j)]

        return _Derived(
            alg=alg,
            U=entry,
            n=U.rows,
            masses=[to_series(alg, m) for m in result.masses],
            small_names=[str(s) for s in result.small],
            orders={str(s): int(o) for s, o in result.small.items()},
            to_expansion=getattr(self.module, "to_expansion_variables", None)
            or expansion_substitution(result),
        )

    def symbols(self) -> SymbolTable:
        r = self.result
        syms: list[sp.Symbol] = list(r.symbols) + list(r.small) + list(r.definitions)
        for v in r.definitions.values():
            syms += sorted(sp.sympify(v).free_symbols, key=str)
        syms = [s for s in dict.fromkeys(syms) if isinstance(s, sp.Symbol)]
        return SymbolTable(syms, latex_names=getattr(self.module, "LATEX_NAMES", None))

    def convention(self) -> str:
        return self.result.convention


class _ExpansionTarget:
    """A mass matrix expanded with :func:`symseesaw.api.seesaw_expansion`."""

    def __init__(
        self,
        mass_matrix: sp.Matrix,
        n_light: int,
        small: Mapping[sp.Symbol, int],
        table: SymbolTable,
        kwargs: Mapping[str, Any],
        progress: Callable[[str], None] | None,
    ):
        self.mass_matrix = sp.Matrix(mass_matrix)
        self.n_light = n_light
        self.small = dict(small)
        self.table = table
        self.kwargs = dict(kwargs)
        self.progress = progress or (lambda message: None)
        self.cache: dict[tuple, tuple[Any, _Derived]] = {}
        self.get(None)

    def get(self, orders: dict[str, int] | None) -> tuple[Any, _Derived]:
        from symseesaw.api import seesaw_expansion

        small = {s: int((orders or {}).get(str(s), o)) for s, o in self.small.items()}
        key = tuple(sorted((str(s), o) for s, o in small.items()))
        if key not in self.cache:
            self.progress(f"expanding to order {dict(key)}")
            exp = seesaw_expansion(self.mass_matrix, self.n_light, small, **self.kwargs)
            U = exp.U_series
            if exp.convention == "Udag_M_Ustar":
                U = U.conj()
            requested = tuple(small.values())
            masses = []
            for series, bounds in zip(exp.mass_series, exp.mass_bounds, strict=True):
                lead = tuple(b - o for b, o in zip(bounds[:-1], requested, strict=True))
                masses.append(_Bounded(series, lead))
            derived = _Derived(
                alg=exp.algebra,
                U=lambda i, j, U=U: U[i, j],
                n=self.mass_matrix.rows,
                masses=masses,  # type: ignore[arg-type]
                small_names=[str(s) for s in small],
                orders={str(s): o for s, o in small.items()},
                to_expansion=lambda e: sp.sympify(e),
            )
            self.cache[key] = (exp, derived)
        return self.cache[key]

    def symbols(self) -> SymbolTable:
        return self.table

    def convention(self) -> str:
        return str(self.kwargs.get("convention", "UT_M_U"))


@dataclass
class _Bounded:
    """A mass series with the small-parameter exponents of its leading term."""

    series: Series
    lead: tuple[float, ...]


# ------------------------------------------------------------------------ comparisons
def _claimed_orders(claim: Claim, base: Mapping[str, int], override: Mapping[str, int] | None,
                    small_names: Sequence[str]) -> dict[str, int]:
    orders = dict(base)
    for source in (claim.order, override):
        for name, value in (source or {}).items():
            match = [s for s in small_names if s == name or s.replace("silon", "s") == name]
            if not match:
                raise ValueError(
                    f"unknown small parameter {name!r} in the order; known: "
                    f"{', '.join(small_names)}"
                )
            orders[match[0]] = int(value)
    return orders


def _mass_bounds(alg: Algebra, mass: Any, orders: Sequence[int]) -> tuple[Series, tuple]:
    """Series of a mass and its comparison bounds: leading exponents + relative orders."""
    if isinstance(mass, _Bounded):
        lead: Sequence[float] = mass.lead
        series = mass.series
    else:
        series = mass
        exps = _lead_exponents(alg, series)
        lead = exps if exps is not None else (0,) * len(orders)
    return series, (*[le + o for le, o in zip(lead, orders, strict=True)], INF)


def _parse_claim(claim: Claim, table: SymbolTable, n: int) -> list[tuple[list[int], sp.Expr]]:
    """(1-based entry, formula) pairs of one claim."""
    kind, index = claim.kind
    text = claim.text
    if isinstance(text, sp.MatrixBase | sp.Basic | list | tuple):
        value = text
    elif kind == "U" and not index:
        value = parse_matrix(text, table, syntax=claim.syntax)
    elif kind == "masses":
        value = parse_list(text, table, syntax=claim.syntax)
    else:
        value = parse_formula(text, table, syntax=claim.syntax)
    if kind == "U" and not index:
        M = sp.Matrix(value)
        if M.shape != (n, n):
            raise ValueError(f"claimed U is {M.rows}x{M.cols}, the derived one is {n}x{n}")
        return [([i + 1, j + 1], M[i, j]) for i in range(n) for j in range(n)]
    if kind == "masses":
        values = list(value)
        if len(values) != n:
            raise ValueError(f"{len(values)} masses claimed, the derivation has {n}")
        return [([k + 1], sp.sympify(v)) for k, v in enumerate(values)]
    if kind == "U":
        i, j = index
        if not (1 <= i <= n and 1 <= j <= n):
            raise ValueError(f"entry U[{i},{j}] is outside the {n}x{n} mixing matrix")
        return [([i, j], sp.sympify(value))]
    (k,) = index
    if not 1 <= k <= n:
        raise ValueError(f"mass m[{k}] does not exist (there are {n})")
    return [([k], sp.sympify(value))]


def check_claims(
    claims: Sequence[Claim],
    target: Any,
    *,
    order: Mapping[str, int] | None = None,
    max_order: int = MAX_ORDER,
) -> list[Comparison]:
    """Compare claims with a target (see :func:`check_against`, :func:`check_formula`)."""
    table = target.symbols()
    _, base = target.get(None)
    comparisons: list[Comparison] = []
    for claim in claims:
        wanted = _claimed_orders(claim, base.orders, order, base.small_names)
        reach = {k: min(v, max(max_order, base.orders[k])) for k, v in wanted.items()}
        need = {k: max(v, base.orders[k]) for k, v in reach.items()}
        _, derived = target.get(None if need == base.orders else need)
        beyond = {k: v for k, v in wanted.items() if v > reach[k]}
        orders = [reach[k] for k in derived.small_names]
        kind, _ = claim.kind
        label = claim.label or (claim.quantity if claim.quantity not in ("mass", "m") else "masses")
        for entry, formula in _parse_claim(claim, table, derived.n):
            printed = derived.to_expansion(formula)
            if kind == "U":
                series = derived.U(entry[0] - 1, entry[1] - 1)
                bounds: tuple = (*orders, INF)
            else:
                series, bounds = _mass_bounds(derived.alg, derived.masses[entry[0] - 1], orders)
            text = "claimed to " + ", ".join(f"{k}^{v}" for k, v in wanted.items())
            try:
                c = compare(label, entry, printed, series, bounds, note=text)
            except ValueError as exc:
                raise ValueError(f"{label} {entry}: {exc}") from None
            if beyond:
                reached = ", ".join(f"{k}^{reach[k]}" for k in beyond)
                c.note += (f"; the claim goes beyond the order derived (limit {max_order}): "
                           f"checked only up to {reached}")
                if c.verdict == "agrees":
                    c.verdict = "ambiguous"
            comparisons.append(c)
    return comparisons


def _as_claims(claims: Any, quantity: str, order: Mapping[str, int] | None,
               syntax: str) -> list[Claim]:
    if isinstance(claims, Claim):
        return [claims]
    if isinstance(claims, ClaimFile):
        return list(claims.claims)
    if isinstance(claims, Sequence) and not isinstance(claims, str) and claims and all(
        isinstance(c, Claim) for c in claims
    ):
        return list(claims)
    return [Claim(quantity, claims, dict(order) if order else None, syntax)]


def check_against(
    name: str | ModuleType,
    claims: Any,
    *,
    quantity: str = "U",
    order: Mapping[str, int] | None = None,
    syntax: str = "auto",
    max_order: int = MAX_ORDER,
    registry: Mapping[str, ModuleType] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Comparison]:
    r"""Check claims against a registered derivation.

    Parameters
    ----------
    name : str or module
        Registry name (``"seed001-no"``) or a derivation module.
    claims : str, sympy object, Claim, list of Claim or ClaimFile
        A formula (sympy syntax or LaTeX; a matrix for ``quantity="U"``, a list
        for ``"masses"``), or parsed claims (:func:`read_claims`).
    quantity : str
        For a bare formula: ``"U"``, ``"masses"``, ``"U[i,j]"`` or ``"m[k]"``.
    order : dict, optional
        Small parameter name -> order the claim is stated to (overrides the
        claims' own); default the derivation's orders.
    syntax : {"auto", "latex", "sympy"}
    max_order : int
        Re-derive automatically up to this order when a claim goes beyond the
        derivation's orders.
    registry : mapping, optional
        Default: the registered derivations (:func:`symseesaw.registry.load_registry`).
    progress : callable, optional
        Called with progress messages.

    Returns
    -------
    list of Comparison
        One per compared entry.

    Examples
    --------
    >>> cs = check_against("seed001-no", r"\epsilon_1", quantity="U[1,4]")  # doctest: +SKIP
    >>> cs[0].verdict  # doctest: +SKIP
    'agrees'
    """
    if isinstance(name, str):
        if registry is None:
            from symseesaw.registry import load_registry

            registry = load_registry()
        if name not in registry:
            raise KeyError(f"unknown derivation {name!r} (known: {', '.join(registry)})")
        module, label = registry[name], name
    else:
        module, label = name, getattr(name, "NAME", name.__name__)
    target = _RegistryTarget(module, label, progress)
    return check_claims(_as_claims(claims, quantity, order, syntax), target, order=order,
                        max_order=max_order)


def check_formula(
    claims: Any,
    mass_matrix: sp.MatrixBase,
    n_light: int,
    small: Mapping[sp.Symbol | str, int],
    *,
    quantity: str = "U",
    syntax: str = "auto",
    symbols: Iterable[sp.Symbol] | None = None,
    max_order: int = MAX_ORDER,
    progress: Callable[[str], None] | None = None,
    **expansion_options: Any,
) -> list[Comparison]:
    r"""Check claims against the seesaw expansion of a mass matrix (no registry).

    Parameters
    ----------
    claims : str, sympy object, Claim, list of Claim or ClaimFile
        See :func:`check_against`.
    mass_matrix : sympy.Matrix
        The full ``(n_light + n_heavy)``-square Majorana mass matrix.
    n_light : int
    small : mapping
        Small parameter (Symbol or name of a symbol of the matrix) -> order.
    quantity, syntax, max_order, progress
        As in :func:`check_against`.
    symbols : iterable of Symbol, optional
        Symbols the claims may use (default: those of the matrix).
    **expansion_options
        Passed to :func:`symseesaw.api.seesaw_expansion` (``light_basis``,
        ``convention``, ``quasi_degenerate_light``, ...).

    Returns
    -------
    list of Comparison
    """
    mass_matrix = sp.Matrix(mass_matrix)
    pool = {s.name: s for s in mass_matrix.free_symbols if isinstance(s, sp.Symbol)}
    for s in symbols or ():
        pool.setdefault(s.name, s)
    small_syms: dict[sp.Symbol, int] = {}
    for key, value in small.items():
        if isinstance(key, sp.Symbol):
            small_syms[key] = int(value)
        elif key in pool:
            small_syms[pool[key]] = int(value)
        else:
            raise ValueError(f"small parameter {key!r} does not occur in the mass matrix "
                             f"(symbols: {', '.join(sorted(pool)) or 'none'})")
    table = SymbolTable(list(pool.values()) + list(small_syms))
    target = _ExpansionTarget(mass_matrix, n_light, small_syms, table, expansion_options,
                              progress)
    return check_claims(_as_claims(claims, quantity, None, syntax), target, max_order=max_order)
