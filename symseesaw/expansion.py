"""The expansion object: series results of the engine, sympy built lazily.

What :func:`symseesaw.api.seesaw_expansion` (:class:`SeesawExpansion`) and
:func:`symseesaw.api.seesaw_blocks` (:class:`SeesawBlocks`) return; both are
:class:`Expansion` objects. The object keeps the truncated series
(:class:`~symseesaw.algebra.series.Series` and
:class:`~symseesaw.algebra.matrix.SeriesMatrix`) and builds sympy
expressions only when a quantity is read (then caches them). Every quantity is
reachable by name (``"mixing"``, ``"masses"``, ``"light_mass_matrix"``, ``"W"``,
...) through the same services:

* :meth:`Expansion.to_sympy` -- the whole quantity;
* :meth:`Expansion.by_order` -- split by weighted total order of the small
  parameters (one pass over the terms, linear in their number);
* :meth:`Expansion.by_monomial` -- split by monomial of the small parameters;
* :meth:`Expansion.coefficient` -- the coefficient of one such monomial;
* LaTeX through sympy's printer protocol (``_latex``, ``_repr_latex_``).

Orders (relative orders, the counting of the whole package)
-----------------------------------------------------------
A quantity whose leading part is ``1`` (mixing matrices ``U``, ``W``) is kept
up to the requested order in each small parameter. A mass, or an effective
mass block, is kept relative to its *whole leading part*: the terms whose
small-parameter exponent vector is minimal (no other term of the quantity has
exponents that are all lower or equal). A term is kept if it lies within the
requested orders of *some* leading term (and, with ``total``, within ``total``
of its weighted degree). Order 0 is therefore the leading order itself: the
seesaw formula ``-M_D M_R^-1 M_D^T``, a type-II term ``M_L``, ``mu`` of the
inverse seesaw, all at once when they are of comparable size.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter

from .algebra.matrix import SeriesMatrix
from .algebra.series import Algebra, Series
from .linalg.blockdiag import BlockDiagonalization
from .linalg.orders import enclosing_bounds, leading_exponents, relative_region, truncate_relative
from .linalg.perturb import BlockDiagonalizationResult

__all__ = [
    "Expansion",
    "SeesawBlocks",
    "SeesawExpansion",
    "leading_exponents",
    "relative_region",
    "truncate_relative",
    "enclosing_bounds",
]

#: Above this many terms, ``Expansion.lambdify`` evaluates the series term by term.
SERIES_LAMBDIFY_TERMS = 20_000


# ---------------------------------------------------------------------------
# lazy sympy construction
# ---------------------------------------------------------------------------


def _coefficient_expr(alg: Algebra, mono: tuple[int, ...], coeff, skip_small: bool) -> sp.Expr:
    gens = alg.registry.generators
    small = set(alg.small_idx) if skip_small else set()
    factors = [sp.Rational(int(coeff.numerator), int(coeff.denominator))]
    for i, e in enumerate(mono):
        if e and i not in small:
            factors.append(gens[i].expr ** e)
    return sp.Mul(*factors)


def _split(alg: Algebra, entries: Sequence[Series], key: Callable, skip_small: bool
           ) -> dict[Any, list[sp.Expr]]:
    """One pass over all terms: ``key(mono) -> [entry sums]`` (sympy ``Add`` built once)."""
    groups: dict[Any, list[list[sp.Expr]]] = {}
    n = len(entries)
    for idx, series in enumerate(entries):
        for mono, coeff in series.terms.items():
            k = key(mono)
            slot = groups.get(k)
            if slot is None:
                slot = groups[k] = [[] for _ in range(n)]
            slot[idx].append(_coefficient_expr(alg, mono, coeff, skip_small))
    return {k: [sp.Add(*args) for args in slot] for k, slot in groups.items()}


def _view(name: str, doc: str) -> property:
    """Read-only attribute: quantity ``name`` in sympy (:meth:`Expansion.to_sympy`)."""
    return property(lambda self: self.to_sympy(name), doc=doc)


class Expansion:
    """Named series quantities of one expansion, with lazy sympy views.

    Parameters
    ----------
    algebra : Algebra
        The series algebra of the computation.
    small : dict
        Small parameter -> relative order kept.
    total : int or None
        Weighted total relative order kept, if any.
    convention : str
        ``"UT_M_U"`` or ``"Udag_M_Ustar"`` (see :data:`symseesaw.result.CONVENTIONS`).
    mass_matrix : sympy.Matrix
        The input matrix.
    n_light : int
        Size of the light block.
    """

    #: Quantities shown by ``_repr_latex_`` / ``latex()``, with their LaTeX names.
    display: tuple[tuple[str, str], ...] = ()

    def __init__(self, algebra: Algebra, small: Mapping[sp.Symbol, int], total: int | None,
                 convention: str, mass_matrix: sp.Matrix, n_light: int) -> None:
        self.algebra = algebra
        self.small = dict(small)
        self.total = total
        self.convention = convention
        self.mass_matrix = sp.Matrix(mass_matrix)
        self.n_light = n_light
        self._series: dict[str, SeriesMatrix | list[Series]] = {}
        self.notes: list[str] = []
        self._cache: dict[tuple, Any] = {}

    # -- registration -----------------------------------------------------------------
    def _store(self, name: str, value: SeriesMatrix | list[Series]) -> None:
        self._series[name] = value
        for key in [k for k in self._cache if k[1] == name]:
            del self._cache[key]

    @property
    def quantities(self) -> list[str]:
        """Names of the quantities this expansion holds."""
        return list(self._series)

    def series(self, name: str) -> SeriesMatrix | list[Series]:
        """The truncated series of quantity ``name`` (``SeriesMatrix`` or list of ``Series``)."""
        if name not in self._series:
            raise KeyError(f"unknown quantity {name!r}; this expansion holds "
                           f"{', '.join(self._series)}")
        return self._series[name]

    def _entries(self, name: str) -> tuple[list[Series], tuple[int, ...] | None]:
        value = self.series(name)
        if isinstance(value, SeriesMatrix):
            return [x for row in value.rows for x in row], value.shape
        return list(value), None

    def _shape(self, flat: list[sp.Expr], shape: tuple[int, ...] | None):
        if shape is None:
            return list(flat)
        return sp.Matrix(shape[0], shape[1], flat)

    def _cached(self, key: tuple, build: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    # -- sympy views -------------------------------------------------------------------
    def to_sympy(self, name: str):
        """Quantity ``name`` as a sympy Matrix (matrices) or list of expressions (masses)."""
        def build():
            entries, shape = self._entries(name)
            return self._shape([x.to_sympy() for x in entries], shape)
        return self._cached(("sympy", name), build)

    def by_order(self, name: str) -> dict[int, Any]:
        """``{weighted total order: part}`` of quantity ``name`` (linear in the terms).

        The parts sum to :meth:`to_sympy`; orders are absolute (a light mass of
        order ``eps**2`` starts at key 2).
        """
        def build():
            entries, shape = self._entries(name)
            parts = _split(self.algebra, entries, self.algebra.degree, False)
            return {k: self._shape(v, shape) for k, v in sorted(parts.items())}
        return self._cached(("order", name), build)

    def by_monomial(self, name: str) -> dict[tuple[int, ...], Any]:
        """``{small-parameter exponents: coefficient}`` of quantity ``name``.

        Keys are exponent tuples in the order of :attr:`small`; values are the
        coefficients without the small-parameter powers, so that
        ``sum(prod(s**e) * c)`` over the items gives :meth:`to_sympy`.
        """
        def build():
            entries, shape = self._entries(name)
            parts = _split(self.algebra, entries, self.algebra.small_exponents, True)
            return {k: self._shape(v, shape) for k, v in sorted(parts.items())}
        return self._cached(("monomial", name), build)

    def coefficient(self, name: str, monomial) -> Any:
        """Coefficient of one small-parameter monomial in quantity ``name``.

        Parameters
        ----------
        name : str
            A quantity (see :attr:`quantities`).
        monomial : sympy.Expr or dict or tuple
            ``eps**2 * delta``, ``{eps: 2, delta: 1}`` or the exponent tuple.

        Returns
        -------
        sympy.Matrix or list
            Zero entries where the monomial does not occur.
        """
        symbols = list(self.small)
        if isinstance(monomial, tuple):
            key = tuple(int(e) for e in monomial)
        elif isinstance(monomial, Mapping):
            unknown = set(monomial) - set(symbols)
            if unknown:
                raise ValueError(f"{sorted(map(str, unknown))} are not small parameters of "
                                 f"this expansion ({', '.join(map(str, symbols))})")
            key = tuple(int(monomial.get(s, 0)) for s in symbols)
        else:
            powers = sp.Mul.make_args(sp.sympify(monomial))
            exps = dict.fromkeys(symbols, 0)
            for p in powers:
                base, exp = p.as_base_exp()
                if base not in exps or not exp.is_Integer:
                    raise ValueError(f"{monomial} is not a monomial in the small parameters "
                                     f"{', '.join(map(str, symbols))}")
                exps[base] += int(exp)
            key = tuple(exps[s] for s in symbols)
        if len(key) != len(symbols):
            raise ValueError(f"monomial needs {len(symbols)} exponents, got {key}")
        parts = self.by_monomial(name)
        if key in parts:
            return parts[key]
        entries, shape = self._entries(name)
        return self._shape([sp.S.Zero] * len(entries), shape)

    def free_symbols(self) -> list[sp.Symbol]:
        """Symbols of the input matrix and of every quantity, sorted by name."""
        found = set(self.mass_matrix.free_symbols) | set(self.small)
        for gen in self.algebra.registry.generators:
            found |= sp.sympify(gen.expr).free_symbols
        return sorted((s for s in found if isinstance(s, sp.Symbol)), key=str)

    # -- printing (sympy printer protocol) ---------------------------------------------
    def _latex(self, printer: LatexPrinter) -> str:
        rows = []
        for name, label in self.display:
            value = self.to_sympy(name)
            if isinstance(value, list):
                for i, v in enumerate(value, 1):
                    rows.append(f"{label}_{{{i}}} &= {printer.doprint(v)}")
            else:
                rows.append(f"{label} &= {printer.doprint(value)}")
        return "\\begin{aligned}" + " \\\\\n".join(rows) + "\\end{aligned}"

    def latex(self, **settings: Any) -> str:
        """LaTeX of the displayed quantities (``aligned``; sympy ``latex`` settings apply)."""
        settings.setdefault("mat_str", "pmatrix")
        settings.setdefault("mat_delim", "")
        return sp.latex(self, **settings)

    def _repr_latex_(self) -> str:
        return "$$" + self.latex() + "$$"


class SeesawExpansion(Expansion):
    """Mixing matrix and masses of a block mass matrix, order by order.

    Quantities (see :class:`symseesaw.expansion.Expansion` for the services):
    ``"mixing"`` (``U`` in :attr:`convention`: ``U^T M U = diag(masses)`` for
    ``"UT_M_U"``, ``U^dagger M U^* = diag(masses)`` for ``"Udag_M_Ustar"``),
    ``"masses"`` (light then heavy, in the order of ``U``'s columns),
    ``"light_mass_matrix"`` and ``"heavy_mass_matrix"`` (blocks of ``W^T M W``).

    Quasi-degenerate groups (:attr:`light` / :attr:`heavy` ``.groups``). For a
    two-state group the masses are the exact Takagi values of the group's
    block and its columns of ``U`` the exact Takagi vectors (closed forms in
    the parameters, never the block's diagonal entries or its basis); the
    closed forms are exact generators of order 0 of the series, so
    :meth:`by_order` puts a group mass wholly at order 0 and multiplies every
    order of the group's columns by the closed-form rotation. For a group of
    more states, and for an exactly degenerate pair, ``U`` is block diagonal
    only up to a unitary inside the group: its columns span the group's
    subspace (listed in :attr:`subspace_groups`; proofs compare the projector
    onto it). A group of more than two states is returned only when its block
    is diagonal to the kept order (its masses are then the diagonal entries);
    otherwise its masses are not polynomial and full mode refuses with
    ``NotImplementedError`` naming blocks mode and the basis arguments.

    Attributes kept from the earlier record (lazy, cached): ``mixing_matrix``,
    ``masses``, ``light_mass_matrix``, ``heavy_mass_matrix``, ``mixing_by_order``,
    ``U_series`` (untruncated ``U`` in the ``"UT_M_U"`` convention),
    ``mass_series`` (untruncated masses), ``mass_bounds`` (the box enclosing
    each mass's relative region), ``mixing_bounds``, ``blockdiag``, ``light``,
    ``heavy``, ``small``, ``total``, ``convention``, ``algebra``.
    """

    display = (("mixing", "U"), ("masses", "m"))

    U_series: SeriesMatrix
    mass_series: list[Series]
    mass_bounds: list[tuple[float, ...]]
    mass_regions: list[list[tuple[float, ...]]]
    mixing_bounds: tuple[float, ...]
    blockdiag: BlockDiagonalization
    light: BlockDiagonalizationResult
    heavy: BlockDiagonalizationResult
    margins: tuple[int, ...]

    mixing_matrix = _view("mixing", "``U`` (truncated, in :attr:`convention`).")
    #: State -> exact Takagi value (closed form) for the states of two-state groups.
    group_masses: dict[int, sp.Expr] = {}  # replaced per instance, never mutated
    #: Groups (0-based states, light then heavy) whose columns of ``U`` span the
    #: group's subspace but are not individual mass eigenvectors.
    subspace_groups: list[list[int]] = []  # replaced per instance, never mutated
    #: Statements on how to read the result (e.g. an expansion along rays).
    notes: list[str]

    masses = _view("masses", "Masses (light then heavy), each to its relative order.")
    light_mass_matrix = _view("light_mass_matrix",
                              "Effective light block of ``W^T M W`` (relative order kept).")
    heavy_mass_matrix = _view("heavy_mass_matrix",
                              "Effective heavy block of ``W^T M W`` (relative order kept).")

    @property
    def mixing_by_order(self) -> dict[int, sp.Matrix]:
        """``U`` split by weighted total order (``U = U_0 + dU^(1) + ...``)."""
        return self.by_order("mixing")


class SeesawBlocks(Expansion):
    """Seesaw block diagonalization: effective blocks, ``W``, ``Theta``, ``eta``.

    Conventions (``"UT_M_U"``; for ``"Udag_M_Ustar"`` every mixing quantity is
    complex conjugated, the blocks are the same):

    * ``W^T M W = diag(light_mass_matrix, heavy_mass_matrix)``, ``W`` unitary,
      ``W = [[N, Theta], [-Theta^dagger, C_2]]``, the Grimus-Lavoura
      parametrization ``W = [[C_1, B^*], [-B^T, C_2]]``;
    * ``N = C_1`` (active-light block), ``Theta = B^*`` (active-heavy mixing,
      ``n_light x n_heavy``);
    * non-unitarity: ``N N^dagger = 1 - 2 eta`` with the Hermitian
      ``eta = Theta Theta^dagger / 2`` -- exact in this parametrization, since
      ``C_1 C_1^dagger = 1 - B^* B^T``.

    Quantities: ``"light_mass_matrix"``, ``"heavy_mass_matrix"`` (to the
    requested order relative to the leading part of the whole block, so the
    heavy block is ``M_R + O(M_D^2/M_R)`` at order 2), ``"W"``, ``"N"``,
    ``"Theta"``, ``"eta"`` (absolute orders, their leading part being ``1`` or
    first order).
    """

    display = (("light_mass_matrix", "m_{\\mathrm{light}}"),
               ("heavy_mass_matrix", "M_{\\mathrm{heavy}}"),
               ("Theta", "\\Theta"))

    blockdiag: BlockDiagonalization
    margins: tuple[int, ...]
    W_series: SeriesMatrix

    light_mass_matrix = _view("light_mass_matrix", "Effective light mass matrix.")
    heavy_mass_matrix = _view("heavy_mass_matrix", "Effective heavy mass matrix.")
    W = _view("W", "The unitary ``W`` (truncated, in :attr:`convention`).")
    Theta = _view("Theta", "Active-heavy mixing ``Theta`` (upper right block of ``W``).")
    eta = _view("eta", "Non-unitarity ``eta = Theta Theta^dagger / 2`` "
                "(``N N^dagger = 1 - 2 eta``).")

    def to_record(self) -> dict:
        """Plain record for JSON writers: sympy objects, no series.

        Keys: ``"mode"``, ``"n_light"``, ``"convention"``, ``"small"`` (name ->
        order), ``"total"``, ``"mass_matrix"``, ``"light_mass_matrix"``,
        ``"heavy_mass_matrix"``, ``"W"``, ``"Theta"``, ``"eta"``,
        ``"definitions"`` (symbol name -> expression; empty: every symbol of a
        result is a free symbol of ``mass_matrix``), ``"symbols"`` (name ->
        ``{"complex": bool, "small": bool}``) and ``"conventions"`` (text).
        """
        symbols = {}
        for s in self.free_symbols():
            symbols[s.name] = {"complex": not bool(s.is_real), "small": s in self.small}
        return {
            "mode": "blocks",
            "n_light": self.n_light,
            "convention": self.convention,
            "small": {s.name: o for s, o in self.small.items()},
            "total": self.total,
            "mass_matrix": self.mass_matrix,
            "light_mass_matrix": self.light_mass_matrix,
            "heavy_mass_matrix": self.heavy_mass_matrix,
            "W": self.W,
            "Theta": self.Theta,
            "eta": self.eta,
            "definitions": {},
            "symbols": symbols,
            "conventions": ("W^T M W = diag(light, heavy) for UT_M_U (W^dagger M W^* for "
                            "Udag_M_Ustar); Theta = upper right block of W; "
                            "N N^dagger = 1 - 2 eta with eta = Theta Theta^dagger / 2"),
        }
