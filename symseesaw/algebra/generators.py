"""Generators of the series algebra: small parameters, exact symbols, surds, atoms.

Every series monomial is a tuple of integer exponents, one per generator of a
:class:`GeneratorRegistry`. Generators come in kinds:

* ``small``  -- a declared small parameter (truncated, never inverted);
* ``exact``  -- a symbol kept exact (Laurent exponents allowed);
* ``surd``   -- ``sqrt(p)`` for a prime ``p`` (exponent reduced mod 2);
* ``imag``   -- the imaginary unit (exponent reduced mod 2, ``i**2 = -1``);
* ``atom``   -- ``1/P`` for a polynomial ``P`` in exact generators that is
  not a monomial (exponent always >= 0).

Complex exact symbols have a partner generator for their complex conjugate;
the two are independent variables of the algebra. A complex atom ``1/P`` whose
conjugate ``1/P^*`` is itself a normalized atom is paired with it the same way
(see :meth:`GeneratorRegistry.pair`), so conjugation is a permutation of
generators.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

SMALL, EXACT, SURD, IMAG, ATOM = "small", "exact", "surd", "imag", "atom"


@dataclass
class Generator:
    """One generator of the algebra.

    Attributes
    ----------
    expr : sympy.Expr
        What the generator stands for (``1/P`` for atoms).
    kind : str
        One of ``small``, ``exact``, ``surd``, ``imag``, ``atom``.
    real : bool
        Whether the generator is real (its own conjugate).
    conj_index : int or None
        Index of the conjugate partner (``None`` for real generators and for
        complex atoms whose conjugate is not an atom of its own).
    base : int
        ``p`` for ``sqrt(p)``, ``-1`` for the imaginary unit.
    poly : Any
        For atoms: the :class:`~symseesaw.algebra.series.Series` ``P``.
    """

    expr: sp.Expr
    kind: str
    real: bool = True
    conj_index: int | None = None
    base: int = 0
    poly: Any = None


@dataclass
class GeneratorRegistry:
    """Bijection between sympy atoms and generator indices."""

    generators: list[Generator] = field(default_factory=list)
    index_of: dict[sp.Expr, int] = field(default_factory=dict)
    atom_index: dict[Any, int] = field(default_factory=dict)
    special: dict[int, int] = field(default_factory=dict)  # index -> base (surds, imag)
    #: atom index (or (index, exponent)) -> the complex conjugate of the atom (or of its
    #: power) as a series, computed once (see ``conj_atom`` and ``conj_atom_power``)
    conjugate_atoms: dict[Any, Any] = field(default_factory=dict)
    #: (atom index, number of flint variables) -> the relation ``a P - 1`` of the atom
    #: ``a = 1/P`` as a flint polynomial (or None), computed once
    relations: dict[Any, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.generators)

    def _add(self, gen: Generator) -> int:
        idx = len(self.generators)
        self.generators.append(gen)
        self.index_of[gen.expr] = idx
        if gen.kind in (SURD, IMAG):
            self.special[idx] = gen.base
        return idx

    def small(self, symbol: sp.Symbol) -> int:
        """Register ``symbol`` as a small parameter (must be real)."""
        if symbol in self.index_of:
            idx = self.index_of[symbol]
            if self.generators[idx].kind != SMALL:
                raise ValueError(f"{symbol} is already used as an exact symbol")
            return idx
        if symbol.is_real is not True:
            raise NotImplementedError(
                f"small parameter {symbol} must be declared real "
                f"(Symbol({str(symbol)!r}, real=True)); complex small parameters are not supported"
            )
        return self._add(Generator(symbol, SMALL))

    def symbol(self, expr: sp.Expr) -> int:
        """Index of an exact generator for ``expr`` (a symbol or opaque expression)."""
        if expr in self.index_of:
            return self.index_of[expr]
        if isinstance(expr, sp.conjugate):
            return self.generators[self.symbol(expr.args[0])].conj_index
        if expr.is_real:
            return self._add(Generator(expr, EXACT))
        idx = self._add(Generator(expr, EXACT, real=False))
        cidx = self._add(Generator(sp.conjugate(expr), EXACT, real=False, conj_index=idx))
        self.generators[idx].conj_index = cidx
        return idx

    def surd(self, prime: int) -> int:
        expr = sp.sqrt(prime)
        if expr in self.index_of:
            return self.index_of[expr]
        return self._add(Generator(expr, SURD, base=prime))

    def imag(self) -> int:
        if sp.I in self.index_of:
            return self.index_of[sp.I]
        return self._add(Generator(sp.I, IMAG, real=False, base=-1))

    def atom(self, key: Any, poly: Any, expr: sp.Expr, real: bool) -> int:
        """Index of the atom ``1/poly`` (``key`` identifies the normalized poly)."""
        if key in self.atom_index:
            return self.atom_index[key]
        idx = len(self.generators)
        self.generators.append(Generator(expr, ATOM, real=real, poly=poly))
        self.atom_index[key] = idx
        return idx

    def pair(self, idx: int, cidx: int) -> None:
        """Declare the atoms ``idx`` and ``cidx`` complex conjugates of each other."""
        self.generators[idx].conj_index = cidx
        self.generators[cidx].conj_index = idx

    def small_indices(self) -> list[int]:
        return [i for i, g in enumerate(self.generators) if g.kind == SMALL]
