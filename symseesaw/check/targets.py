"""What a claim is compared with: a registered derivation or an expanded mass matrix.

Both targets give the same :class:`Derived` record (series of ``U`` entries
and masses in one algebra, the small parameters and their orders, and the
rewrite of claim formulas into the expansion variables). An engine expansion
is read from its own series (:func:`expansion_derived`, one path for a model
file, ``--matrix`` and a registered record holding a ``SeesawExpansion``);
only a record holding stored sympy is converted back to series.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import sympy as sp

from symseesaw.algebra.convert import to_series
from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra, Series
from symseesaw.expansion import SeesawExpansion
from symseesaw.parsing import (
    InputError,
    SymbolTable,
    parse_matrix,
    read_text_file,
    resolve_symbol_names,
)
from symseesaw.result import CONVENTIONS, DerivationResult

__all__ = ["BlocksTarget", "Bounded", "Derived", "ExpansionTarget", "RegistryTarget",
           "expansion_derived", "expansion_substitution", "read_matrix"]


def _is_file(text: str) -> bool:
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def read_matrix(
    path_or_text: str | Path,
    *,
    small: Iterable[str] = (),
    complex_symbols: Iterable[str] = (),
    syntax: str = "auto",
    reserved_as_symbols: Iterable[str] = (),
) -> tuple[sp.Matrix, dict[str, sp.Symbol]]:
    """Read a mass matrix (LaTeX ``pmatrix`` or sympy ``[[...]]``) creating its symbols.

    Symbols are created from the names in the text: small parameters (names
    in ``small``) and every other symbol are ``positive=True`` except those
    named in ``complex_symbols`` (no assumption).

    Parameters
    ----------
    path_or_text : str or Path
        A file (read with the size limits) or the matrix text itself.
    small : iterable of str
        Names of the small parameters; each must occur in the matrix.
    complex_symbols : iterable of str
        Names of complex symbols (``--complex``); each must occur in the matrix.
    syntax : {"auto", "latex", "sympy"}
    reserved_as_symbols : iterable of str
        Reserved words (``E``, ``I``, ``pi``, LaTeX ``i``, ``e``) that this
        matrix uses as symbol names; any other use of them is an error.

    Returns
    -------
    (sympy.Matrix, dict)
        The matrix and name -> Symbol for every symbol in it.

    Raises
    ------
    InputError
        Malformed matrix, a reserved word used as a name, or a small or complex
        name that does not occur in the matrix (with suggestions).
    """
    text = str(path_or_text)
    if isinstance(path_or_text, Path) or _is_file(text):
        text = read_text_file(text, "matrix file")
    raw = parse_matrix(text, [], syntax=syntax, allow_unknown=True,
                       reserved_as_symbols=reserved_as_symbols)
    plain = SymbolTable(sorted(raw.free_symbols, key=str))
    complex_syms = set(resolve_symbol_names(complex_symbols, plain, "--complex"))
    table: dict[str, sp.Symbol] = {}
    repl = {}
    for s in sorted(raw.free_symbols, key=str):
        new = sp.Symbol(s.name) if s in complex_syms else sp.Symbol(s.name, positive=True)
        repl[s] = new
        table[s.name] = new
    missing = [name for name in small if name not in table]
    if missing:
        hints = [plain.unknown_message(name) for name in missing]
        raise InputError(
            f"small parameter(s) {', '.join(missing)} do not occur in the matrix: "
            + "; ".join(hints)
        )
    return raw.xreplace(repl), table


# ----------------------------------------------------------------------------- targets
@dataclass
class Derived:
    """Series-level results one comparison needs."""

    alg: Algebra
    U: Callable[[int, int], Series]
    n: int
    masses: list[Series]
    small_names: list[str]
    orders: dict[str, int]
    to_expansion: Callable[[sp.Expr], sp.Expr]
    #: Blocks mode: quantity name -> (series matrix exact to the derived order,
    #: True when its order is relative to the leading part of the whole matrix).
    matrices: dict[str, tuple[SeriesMatrix, bool]] = field(default_factory=dict)


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


def _stored_derived(result: DerivationResult,
                    to_expansion: Callable[[sp.Expr], sp.Expr]) -> Derived:
    """The :class:`Derived` record of a result without series (a ``StoredExpansion``).

    Its sympy mixing matrix and masses are converted to series in a fresh
    algebra; they are exact polynomials, so the box keeps every term they have
    (plus the derived order, for the relative bounds of the masses).
    """
    alg = Algebra(dict(result.small))
    U = sp.Matrix(result.mixing_matrix)
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

    return Derived(
        alg=alg,
        U=entry,
        n=U.rows,
        masses=[to_series(alg, m) for m in result.masses],
        small_names=[str(s) for s in result.small],
        orders={str(s): int(o) for s, o in result.small.items()},
        to_expansion=to_expansion,
    )


def expansion_derived(expansion: SeesawExpansion, convention: str,
                      to_expansion: Callable[[sp.Expr], sp.Expr] = sp.sympify) -> Derived:
    """The :class:`Derived` record of an engine expansion, read from its own series.

    No sympy is converted back: ``U`` is the expansion's ``U_series``
    (``UT_M_U``), complex conjugated when the claims are stated in
    ``"Udag_M_Ustar"``; each mass is its series with the leading exponents of
    its region (:class:`Bounded`), as the engine keeps it.

    Parameters
    ----------
    expansion : SeesawExpansion
        Output of :func:`symseesaw.api.seesaw_expansion`.
    convention : str
        The convention the claimed ``U`` is written in (one of
        :data:`symseesaw.result.CONVENTIONS`). A registered record states its
        own, which rules over the expansion's: ``U_series`` carries no
        convention, so either is exact.
    to_expansion : callable
        Rewrites a claim formula in the expansion's variables.
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}; use one of {', '.join(CONVENTIONS)}")
    U = expansion.U_series.conj() if convention == "Udag_M_Ustar" else expansion.U_series
    requested = tuple(int(o) for o in expansion.small.values())
    masses = []
    for series, region in zip(expansion.mass_series, expansion.mass_regions, strict=True):
        # one leading vector per term of the mass's leading part (its region's boxes)
        leads = [tuple(b - o for b, o in zip(box[:-1], requested, strict=True))
                 for box in region]
        masses.append(Bounded(series, leads))
    return Derived(
        alg=expansion.algebra,
        U=lambda i, j: U[i, j],
        n=expansion.mass_matrix.rows,
        masses=masses,  # type: ignore[arg-type]
        small_names=[str(s) for s in expansion.small],
        orders={str(s): o for s, o in zip(expansion.small, requested, strict=True)},
        to_expansion=to_expansion,
    )


class RegistryTarget:
    """A registered derivation, re-derived at higher orders on demand."""

    def __init__(self, module: ModuleType, name: str, progress: Callable[[str], None] | None):
        self.module = module
        self.name = name
        self.progress = progress or (lambda message: None)
        self.cache: dict[tuple, tuple[DerivationResult, Derived]] = {}
        self.result, _ = self.get(None)

    def get(self, orders: dict[str, int] | None) -> tuple[DerivationResult, Derived]:
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

    def _series(self, result: DerivationResult) -> Derived:
        to_expansion = (getattr(self.module, "to_expansion_variables", None)
                        or expansion_substitution(result))
        if isinstance(result.expansion, SeesawExpansion):
            return expansion_derived(result.expansion, result.convention, to_expansion)
        return _stored_derived(result, to_expansion)

    def symbols(self) -> SymbolTable:
        r = self.result
        syms: list[sp.Symbol] = list(r.symbols) + list(r.small) + list(r.definitions)
        for v in r.definitions.values():
            syms += sorted(sp.sympify(v).free_symbols, key=str)
        syms = [s for s in dict.fromkeys(syms) if isinstance(s, sp.Symbol)]
        return SymbolTable(syms, latex_names=getattr(self.module, "LATEX_NAMES", None))

    def convention(self) -> str:
        return self.result.convention


class ExpansionTarget:
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
        self.cache: dict[tuple, tuple[Any, Derived]] = {}
        self.get(None)

    def get(self, orders: dict[str, int] | None) -> tuple[Any, Derived]:
        """The engine result and its :class:`Derived` record at ``orders`` (cached)."""
        small = {s: int((orders or {}).get(str(s), o)) for s, o in self.small.items()}
        key = tuple(sorted((str(s), o) for s, o in small.items()))
        if key not in self.cache:
            self.cache[key] = self._derive(small)
        return self.cache[key]

    def _derive(self, small: dict[sp.Symbol, int]) -> tuple[Any, Derived]:
        from symseesaw.api import seesaw_expansion

        self.progress(f"expanding to order { {str(s): o for s, o in small.items()} }")
        exp = seesaw_expansion(self.mass_matrix, self.n_light, small, **self.kwargs)
        return exp, expansion_derived(exp, exp.convention)

    def symbols(self) -> SymbolTable:
        return self.table

    def convention(self) -> str:
        return str(self.kwargs.get("convention", "UT_M_U"))


class BlocksTarget(ExpansionTarget):
    """A mass matrix block-diagonalized with :func:`symseesaw.api.seesaw_blocks`.

    Claims compare with ``light_mass_matrix`` and ``heavy_mass_matrix`` (orders
    relative to the leading part of the whole block, as the engine keeps
    them) and ``W``, ``N``, ``Theta``, ``eta`` (absolute orders), each in the
    target's convention.  There is no ``U`` and there are no masses.
    """

    def _derive(self, small: dict[sp.Symbol, int]) -> tuple[Any, Derived]:
        from symseesaw.api import seesaw_blocks

        self.progress(f"block-diagonalizing to order { {str(s): o for s, o in small.items()} }")
        blocks = seesaw_blocks(self.mass_matrix, self.n_light, small, **self.kwargs)
        W = blocks.W_series
        if blocks.convention == "Udag_M_Ustar":
            W = W.conj()
        n, k = self.mass_matrix.rows, self.n_light
        matrices = {
            "light_mass_matrix": (blocks.blockdiag.light, True),
            "heavy_mass_matrix": (blocks.blockdiag.heavy, True),
            "W": (W, False),
            "N": (W.sub(0, k, 0, k), False),
            "Theta": (W.sub(0, k, k, n), False),
            "eta": (blocks.series("eta"), False),
        }
        return blocks, Derived(alg=blocks.algebra, U=_no_mixing, n=n, masses=[],
                               small_names=[str(s) for s in small],
                               orders={str(s): o for s, o in small.items()},
                               to_expansion=lambda e: sp.sympify(e), matrices=matrices)


def _no_mixing(i: int, j: int) -> Series:
    raise InputError('mode = "blocks" computes no mixing matrix U and no masses: claim '
                     "light_mass_matrix, heavy_mass_matrix, W, N, Theta or eta (or their "
                     'entries), or use mode = "full"')


@dataclass
class Bounded:
    """A mass series with the small-parameter exponents of its leading terms.

    A leading part of several terms (``delta m_L - epsilon^2 m^2/M``) has one
    vector per term; a relative order counts from each of them, as the engine
    keeps the mass (the union of the boxes).
    """

    series: Series
    leads: list[tuple[float, ...]]


