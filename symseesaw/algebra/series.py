"""Truncated multivariate Laurent series with exact rational coefficients.

A :class:`Series` is a sparse dict ``{monomial: coefficient}``. Monomials are
exponent tuples over the generators of an :class:`Algebra` (small parameters,
exact symbols, surds, the imaginary unit and atoms ``1/P``), stored without
trailing zeros; coefficients are exact rationals (sympy's ``MPQ``).

Truncation is by a maximum exponent per small parameter and, optionally, by a
maximum weighted total order. Each series also carries

* ``low``  -- a lower bound on the exponents of every (known or unknown) term,
  per small parameter and for the weighted total;
* ``prec`` -- the exponents up to which it is exact.

Products propagate both, so a result computed through factors with negative
exponents reports honestly how far it can be trusted.

Two kernels compute the products (see :data:`KERNEL`):

* ``flint`` (default when python-flint is installed, which ``pip install .``
  does): a series is also held in *graded* form, a map from (small-parameter
  exponents, mask of the surds and ``i`` present) to a python-flint
  ``fmpq_mpoly`` in all other generators, with one Laurent shift per series
  kept apart so the polynomial exponents stay non-negative. Products,
  sums, truncation and conjugation work on this form; ``Series.terms`` is a
  view computed from it on first access and cached.
* ``python``: the pure-Python dict kernel (packed integer keys), used when
  python-flint is missing or when the environment variable
  ``SYMSEESAW_KERNEL=python`` is set (the test suite runs a subset this way).

Both give identical series.

Size: this module is long because one ``Series`` class carries both kernels (the
graded python-flint form and the pure-Python fallback) behind one interface, and their
precision bookkeeping (``low``, ``prec``, truncation) must stay identical; moving each
kernel into a module of its own is the next step of the split.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import add, le, sub
from typing import Any

import sympy as sp
from sympy.external.gmpy import MPQ

from .generators import ATOM, IMAG, SMALL, SURD, GeneratorRegistry

INF = math.inf
Monomial = tuple[int, ...]
_ONE = MPQ(1)

KERNEL_ENV = "SYMSEESAW_KERNEL"


def _choose_kernel() -> str:
    """``"flint"`` or ``"python"`` from the environment and the installed packages."""
    wanted = os.environ.get(KERNEL_ENV, "").strip().lower()
    if wanted not in ("", "flint", "python"):
        raise ImportError(f"{KERNEL_ENV}={wanted!r} is not a kernel: set it to 'flint' or "
                          "'python', or unset it")
    if wanted == "python":
        return "python"
    try:
        import flint

        usable = hasattr(flint, "fmpq_mpoly_ctx") and hasattr(flint.fmpq_mpoly,
                                                               "project_to_context")
    except ImportError:
        usable = False
    if not usable:
        if wanted == "flint":
            raise ImportError(f"{KERNEL_ENV}=flint but python-flint (>= 0.7, with fmpq_mpoly) "
                              "is not installed: pip install -U python-flint")
        return "python"
    return "flint"


#: The product kernel in use: ``"flint"`` or ``"python"``.
KERNEL = _choose_kernel()
if KERNEL == "flint":
    import flint as _flint


def _strip(mono: list[int]) -> Monomial:
    while mono and mono[-1] == 0:
        mono.pop()
    return tuple(mono)


@dataclass
class Algebra:
    """Context shared by all series of one computation.

    Parameters
    ----------
    small : dict
        Small parameter (real sympy Symbol) -> maximum exponent kept.
    total : int or None
        Optional maximum weighted total order.
    weights : dict, optional
        Small parameter -> positive integer weight for the total order (default 1).
    """

    small: dict[sp.Symbol, int]
    total: int | None = None
    weights: dict[sp.Symbol, int] = field(default_factory=dict)
    registry: GeneratorRegistry = field(default_factory=GeneratorRegistry)

    def __post_init__(self) -> None:
        self.small_symbols = list(self.small)
        self.small_idx = [self.registry.small(s) for s in self.small_symbols]
        self.weight_list = [int(self.weights.get(s, 1)) for s in self.small_symbols]
        if any(w <= 0 for w in self.weight_list):
            raise ValueError("weights of small parameters must be positive integers")
        self.unit_weights = all(w == 1 for w in self.weight_list)
        self.set_truncation(self.small, self.total)

    # -- truncation -------------------------------------------------------------
    def set_truncation(self, box: Mapping[sp.Symbol, int | None], total: int | None) -> None:
        """Set the working truncation (maximum exponent per small parameter)."""
        self.box = tuple(
            INF if box.get(s) is None else int(box[s]) for s in self.small_symbols
        )
        self.total_max = INF if total is None else total

    @property
    def truncation(self) -> tuple[float, ...]:
        return (*self.box, self.total_max)

    def small_exponents(self, mono: Monomial) -> tuple[int, ...]:
        n = len(mono)
        return tuple(mono[i] if i < n else 0 for i in self.small_idx)

    def degree(self, mono: Monomial) -> int:
        n = len(mono)
        return sum(w * mono[i] for w, i in zip(self.weight_list, self.small_idx) if i < n)

    def small_degree(self, small_exps: tuple[int, ...]) -> int:
        """Weighted total degree of a vector of small-parameter exponents."""
        if self.unit_weights:
            return sum(small_exps)
        return sum(w * e for w, e in zip(self.weight_list, small_exps))

    def small_within(self, small_exps: tuple[int, ...],
                     bounds: tuple[float, ...] | None = None) -> bool:
        """Whether small-parameter exponents lie within ``bounds`` (box, then total)."""
        bounds = self.truncation if bounds is None else bounds
        if any(e > b for e, b in zip(small_exps, bounds)):
            return False
        return self.small_degree(small_exps) <= bounds[-1]

    def within(self, mono: Monomial, bounds: tuple[float, ...] | None = None) -> bool:
        bounds = self.truncation if bounds is None else bounds
        n = len(mono)
        deg = 0
        for k, i in enumerate(self.small_idx):
            if i < n:
                e = mono[i]
                if e > bounds[k]:
                    return False
                deg += self.weight_list[k] * e
        return deg <= bounds[-1]

    # -- monomial arithmetic ----------------------------------------------------
    def mono_mul(self, a: Monomial, b: Monomial) -> tuple[Monomial, MPQ]:
        """Product of two monomials with surd/imaginary reduction."""
        if len(a) < len(b):
            a, b = b, a
        m = list(a)
        for i, e in enumerate(b):
            m[i] += e
        factor = MPQ(1)
        for i, base in self.registry.special.items():
            if i < len(m):
                e = m[i]
                if e > 1 or e < 0:
                    q, r = divmod(e, 2)
                    m[i] = r
                    factor *= MPQ(base) ** q
        return _strip(m), factor

    # -- constructors -----------------------------------------------------------
    def zero(self) -> Series:
        return Series(self, {}, exact=True)

    def one(self) -> Series:
        return Series(self, {(): MPQ(1)}, exact=True)

    def const(self, value) -> Series:
        value = MPQ(value)
        return Series(self, {(): value} if value else {}, exact=True)

    def gen(self, idx: int, power: int = 1) -> Series:
        mono = [0] * (idx + 1)
        mono[idx] = power
        m, f = self.mono_mul(_strip(mono), ())
        return Series(self, {m: f}, exact=True)


class Series:
    """Sparse truncated Laurent series over an :class:`Algebra`.

    ``terms`` (a dict monomial -> coefficient) is always available; with the
    flint kernel it may be a cached view of the graded form (``_graded``).
    Series are treated as immutable: assign a new dict to ``terms`` rather
    than editing the one it returns.
    """

    __slots__ = ("alg", "_terms", "_graded", "low", "prec")

    def __init__(
        self,
        alg: Algebra,
        terms: dict[Monomial, MPQ] | None = None,
        *,
        low: tuple[float, ...] | None = None,
        prec: tuple[float, ...] | None = None,
        exact: bool = False,
        graded: _Graded | None = None,
    ) -> None:
        self.alg = alg
        if terms is None and graded is None:
            terms = {}
        self._terms = terms
        self._graded = graded
        nsmall = len(alg.small_idx)
        if low is None:
            low = self._support_low()
        self.low = low
        if prec is None:
            prec = (INF,) * (nsmall + 1) if exact else alg.truncation
        self.prec = prec

    # -- representations ----------------------------------------------------------
    @property
    def terms(self) -> dict[Monomial, MPQ]:
        """The terms as a dict ``{monomial: coefficient}`` (computed once, then cached)."""
        if self._terms is None:
            self._terms = _terms_from_graded(self.alg, self._graded)
        return self._terms

    @terms.setter
    def terms(self, value: dict[Monomial, MPQ]) -> None:
        self._terms = value
        self._graded = None

    def graded(self) -> _Graded:
        """The graded flint form (computed once from ``terms``, then cached)."""
        if self._graded is None:
            self._graded = _graded_from_terms(self.alg, self._terms)
        return self._graded

    def _fast(self, other: Series | None = None) -> bool:
        """Whether to work on the graded form (flint kernel and a graded operand)."""
        if KERNEL != "flint":
            return False
        if self._graded is not None:
            return True
        return other is not None and other._graded is not None

    # -- bookkeeping ------------------------------------------------------------
    def _support_low(self) -> tuple[float, ...]:
        alg = self.alg
        nsmall = len(alg.small_idx)
        if self._terms is None:
            exponents = [sx for sx, _ in self._graded.blocks]
            if not exponents:
                return (INF,) * (nsmall + 1)
            low = exponents[0] if len(exponents) == 1 else tuple(map(min, *exponents))
            return (*low, min(map(alg.small_degree, exponents)))
        if not self._terms:
            return (INF,) * (nsmall + 1)
        exps = [alg.small_exponents(m) for m in self._terms]
        low = exps[0] if len(exps) == 1 else tuple(map(min, *exps))
        return (*low, min(map(alg.small_degree, exps)))

    def _new(self, terms, low, prec) -> Series:
        trunc = self.alg.truncation
        prec = tuple(min(p, t) for p, t in zip(prec, trunc))
        return Series(self.alg, terms, low=low, prec=prec)

    def is_exact_zero(self) -> bool:
        """True when no term survives (to the series' precision)."""
        if self._terms is None:
            return not self._graded.blocks
        return not self._terms

    # -- arithmetic -------------------------------------------------------------
    def __add__(self, other) -> Series:
        if not isinstance(other, Series):
            other = self.alg.const(other)
        low = tuple(map(min, self.low, other.low))
        prec = tuple(map(min, self.prec, other.prec))
        if self._fast(other):
            graded = _graded_add(self.alg, self.graded(), other.graded())
            return Series(self.alg, None, low=low, prec=prec, graded=graded)
        terms = dict(self.terms)
        for m, c in other.terms.items():
            v = terms.get(m)
            if v is None:
                terms[m] = c
            else:
                v += c
                if v:
                    terms[m] = v
                else:
                    del terms[m]
        return Series(self.alg, terms, low=low, prec=prec)

    __radd__ = __add__

    def __neg__(self) -> Series:
        if self._fast():
            return Series(self.alg, None, low=self.low, prec=self.prec,
                          graded=self._graded.map(lambda p: -p))
        return Series(self.alg, {m: -c for m, c in self.terms.items()}, low=self.low,
                      prec=self.prec)

    def __sub__(self, other) -> Series:
        if not isinstance(other, Series):
            other = self.alg.const(other)
        return self + (-other)

    def __rsub__(self, other) -> Series:
        return (-self) + other

    def scale(self, factor) -> Series:
        factor = MPQ(factor)
        if not factor:
            return Series(self.alg, {}, low=(INF,) * len(self.low), prec=self.prec)
        if self._fast():
            f = _to_fmpq(factor)
            return Series(self.alg, None, low=self.low, prec=self.prec,
                          graded=self._graded.map(lambda p: p * f))
        return Series(self.alg, {m: c * factor for m, c in self.terms.items()}, low=self.low,
                      prec=self.prec)

    def __mul__(self, other) -> Series:
        if not isinstance(other, Series):
            return self.scale(other)
        return mul_accumulate(self.alg, [(self, other)])

    __rmul__ = __mul__

    def __pow__(self, n: int) -> Series:
        if n < 0:
            return self.inverse() ** (-n)
        result = self.alg.one()
        base = self
        while n:
            if n & 1:
                result = result * base
            n >>= 1
            if n:
                base = base * base
        return result

    # -- structure --------------------------------------------------------------
    def has_small(self) -> bool:
        if self._terms is None:
            return any(any(sx) for sx, _ in self._graded.blocks)
        return any(any(e) for e in map(self.alg.small_exponents, self._terms))

    def part(self, predicate) -> Series:
        """Sub-series of the terms whose monomial satisfies ``predicate``."""
        terms = {m: c for m, c in self.terms.items() if predicate(m)}
        return Series(self.alg, terms, low=self.low, prec=self.prec)

    def degree_part(self, degree: int) -> Series:
        """Terms of weighted total degree ``degree`` in the small parameters."""
        alg = self.alg
        if self._fast():
            graded = self._graded.select(lambda sx: alg.small_degree(sx) == degree)
            return Series(alg, None, graded=graded, exact=True)
        deg = alg.degree
        return Series(alg, {m: c for m, c in self.terms.items() if deg(m) == degree},
                      exact=True)

    def min_degree(self) -> float:
        if self._terms is None:
            return min((self.alg.small_degree(sx) for sx, _ in self._graded.blocks),
                       default=INF)
        if not self._terms:
            return INF
        return min(map(self.alg.degree, self._terms))

    def truncate(self, bounds: tuple[float, ...]) -> Series:
        """Drop terms beyond ``bounds`` (per small parameter, then total)."""
        prec = tuple(min(p, b) for p, b in zip(self.prec, bounds))
        alg = self.alg
        if self._fast():
            graded = self._graded.select(lambda sx: alg.small_within(sx, bounds))
            return Series(alg, None, low=self.low, prec=prec, graded=graded)
        within = alg.within
        terms = {m: c for m, c in self.terms.items() if within(m, bounds)}
        return Series(alg, terms, low=self.low, prec=prec)

    def shift(self, mono: Monomial, coeff: MPQ = _ONE) -> Series:
        """Multiply by the monomial ``coeff * mono`` (exact; shifts low and prec)."""
        alg = self.alg
        s = (*alg.small_exponents(mono), alg.degree(mono))
        low = tuple(a + b for a, b in zip(self.low, s))
        prec = tuple(a + b for a, b in zip(self.prec, s))
        special = alg.registry.special
        if self._fast() and not any(i < len(mono) and mono[i] for i in special):
            graded = _graded_shift(alg, self._graded, mono, coeff)
            return Series(alg, None, low=low, prec=prec, graded=graded)
        terms: dict[Monomial, MPQ] = {}
        for m, c in self.terms.items():
            mm, f = alg.mono_mul(m, mono)
            terms[mm] = terms.get(mm, MPQ(0)) + c * f * coeff
        terms = {m: c for m, c in terms.items() if c}
        return Series(alg, terms, low=low, prec=prec)

    # -- conjugation ------------------------------------------------------------
    def conj(self) -> Series:
        """Complex conjugate (conjugate symbols are independent generators)."""
        alg = self.alg
        gens = alg.registry.generators
        if all(g.real for g in gens):
            return self
        if self._fast():
            graded = _graded_conj(alg, self._graded)
            if graded is not None:
                return Series(alg, None, low=self.low, prec=self.prec, graded=graded)
        terms: dict[Monomial, MPQ] = {}
        for m, c in self.terms.items():
            out = alg.one()
            sign = 1
            plain = [0] * len(gens)
            for i, e in enumerate(m):
                if not e:
                    continue
                g = gens[i]
                if g.real:
                    plain[i] += e
                elif g.kind == IMAG:
                    plain[i] += e
                    sign *= (-1) ** e
                elif g.kind == ATOM and g.conj_index is None:
                    out = out * conj_atom_power(alg, i, e)
                else:
                    plain[g.conj_index if g.conj_index is not None else i] += e
            base = _strip(plain)
            for mm, cc in out.terms.items():
                mono, f = alg.mono_mul(base, mm)
                terms[mono] = terms.get(mono, MPQ(0)) + c * cc * f * sign
        terms = {m: c for m, c in terms.items() if c}
        return Series(alg, terms, low=self.low, prec=self.prec)

    def is_real(self) -> bool:
        return (self - self.conj()).is_zero()

    # -- inversion --------------------------------------------------------------
    def inverse(self) -> Series:
        """Multiplicative inverse, if the leading part is a single invertible factor.

        The series must read ``c * s**a * (1 + delta)`` with ``s**a`` a monomial
        in the small parameters below every other term, ``c`` free of small
        parameters, and ``delta`` of positive order.
        """
        alg = self.alg
        if self.is_exact_zero():
            raise ZeroDivisionError("division by a series that vanishes to the working order")
        exps = {m: alg.small_exponents(m) for m in self.terms}
        lowest = tuple(min(e[k] for e in exps.values()) for k in range(len(alg.small_idx)))
        lead_terms = {m: c for m, c in self.terms.items() if exps[m] == lowest}
        if not lead_terms:
            raise NotImplementedError(
                "cannot invert a series whose leading part is not a single monomial in the "
                f"small parameters: {self.to_sympy()}; declare the leading masses as exact "
                "symbols (a light-scale parametrization) or use a single small parameter"
            )
        small_mono = [0] * (max(alg.small_idx) + 1)
        for k, i in enumerate(alg.small_idx):
            small_mono[i] = lowest[k]
        small_mono = _strip(small_mono)
        neg_small = tuple(-e for e in small_mono)
        lead_dict: dict[Monomial, MPQ] = {}
        for m, c in lead_terms.items():
            mm, f = alg.mono_mul(m, neg_small)
            lead_dict[mm] = lead_dict.get(mm, MPQ(0)) + c * f
        lead = Series(alg, {m: c for m, c in lead_dict.items() if c}, exact=True)
        lead_inv = invert_exact(lead)
        rest = (self - Series(alg, dict(lead_terms), exact=True)).shift(neg_small)
        delta = lead_inv * rest
        if not delta.is_exact_zero() and delta.min_degree() <= 0:
            raise NotImplementedError(
                "cannot invert: the correction to the leading part is not of positive order"
            )
        total = alg.one()
        power = alg.one()
        while True:
            power = -(power * delta)
            if power.is_exact_zero():
                break
            total = total + power
        return (total * lead_inv).shift(neg_small)

    def __truediv__(self, other) -> Series:
        if not isinstance(other, Series):
            return self.scale(1 / MPQ(other))
        return self * other.inverse()

    # -- zero test ----------------------------------------------------------------
    def cleared(self) -> Series:
        """Multiply through by atom denominators: an atom-free series, zero iff self is.

        The terms are grouped by their atom exponents ``e``; each group is
        multiplied once by ``prod(P_a**(k_a - e_a))`` (``k_a`` the largest exponent of
        the atom ``1/P_a``).
        """
        alg = self.alg
        max_exp = _atom_exponents(self)
        if not max_exp:
            return self
        atoms = sorted(max_exp)
        groups: dict[tuple[int, ...], dict[Monomial, MPQ]] = {}
        for m, c in self.terms.items():
            base = list(m)
            key = []
            for i in atoms:
                key.append(base[i] if i < len(base) else 0)
                if i < len(base):
                    base[i] = 0
            groups.setdefault(tuple(key), {})[_strip(base)] = c
        gens = alg.registry.generators
        powers: dict[tuple[int, int], Series] = {}
        out = alg.zero()
        for key, terms in groups.items():
            factor = alg.one()
            for i, e in zip(atoms, key):
                k = max_exp[i] - e
                if k and (i, k) not in powers:
                    powers[(i, k)] = gens[i].poly ** k
                if k:
                    factor = factor * powers[(i, k)]
            out = out + factor * Series(alg, terms, exact=True)
        return out

    def is_zero(self) -> bool:
        """Exact zero test (atoms cleared) within the series' precision.

        With the flint kernel, a series with atoms is first reduced modulo the
        relations ``a P_a - 1`` of its atoms (:func:`_graded_zero_modulo_atoms`);
        only when that cannot decide are the atoms cleared.
        """
        if self.is_exact_zero():
            return True
        if self._fast():
            gens = self.alg.registry.generators
            atoms = sorted(i for i in self._graded.used_variables()
                           if i < len(gens) and gens[i].kind == ATOM)
            if not atoms:
                # the generators are algebraically independent and the surd masks
                # linearly independent: a non-empty atom-free series is not zero
                return False
            verdict = _graded_zero_modulo_atoms(self.alg, self._graded, atoms)
            if verdict is not None:
                return verdict
        return not self.cleared().terms

    # -- conversion ---------------------------------------------------------------
    def to_sympy(self) -> sp.Expr:
        """The series as a canonical expanded sympy expression.

        Terms whose factors are plain symbols (or other opaque generators and
        atoms) and at most one surd or ``i`` are assembled directly in sympy's
        canonical argument order (:func:`_canonical_sum`); a series with a term of
        two of them goes through ``sympy.Mul``/``sympy.Add``, which combine them
        (``sqrt(2) sqrt(3) = sqrt(6)``).
        """
        gens = self.alg.registry.generators
        special = self.alg.registry.special
        if all(sum(1 for i in special if i < len(m) and m[i]) <= 1 for m in self.terms):
            return _canonical_sum(gens, self.terms, special)
        out = []
        for m, c in self.terms.items():
            factors = [sp.Rational(int(c.numerator), int(c.denominator))]
            for i, e in enumerate(m):
                if e:
                    factors.append(gens[i].expr ** e)
            out.append(sp.Mul(*factors))
        return sp.Add(*out)

    def __repr__(self) -> str:
        return f"Series({self.to_sympy()})"


def _canonical_sum(gens: list, terms: dict[Monomial, MPQ],
                   special: Mapping[int, int] | None = None) -> sp.Expr:
    """``sympy.Add`` of the terms, built as sympy's own flattening would build it.

    For distinct monomials in independent, non-numeric generators, ``Mul``
    flattening only sorts the factors (``Basic.compare``) behind the rational
    coefficient, and ``Add`` flattening only sorts the terms the same way behind
    the constant; both are done here directly, which skips the flattening
    machinery. A surd or ``i`` (a generator of ``special``, power 1, at most one
    per term: the caller checks it) is a factor like any other: alone in a term,
    ``Mul`` keeps it apart from the rational coefficient. ``tests/unit/test_kernel_flint.py``
    checks the result equals the evaluated construction.
    """
    from sympy.core.basic import _args_sortkey

    special = special or {}
    powers: dict[tuple[int, int], sp.Expr] = {}
    for mono in terms:
        for i, e in enumerate(mono):
            if e and (i, e) not in powers:
                powers[(i, e)] = gens[i].expr ** e
    plain = {i for i, _ in powers if i not in special}
    bases = {gens[i].expr.as_base_exp()[0] for i in plain}
    if (len(bases) < len(plain) or any(b.is_Number for b in bases)
            or any(e != 1 for i, e in powers if i in special)
            or any(not (p.is_commutative and (p.is_Symbol or p.is_Pow or p.is_Function))
                   or p.is_Number for (i, _), p in powers.items() if i not in special)):
        # shared or numeric bases combine under Mul (x * x**F = x**(F + 1)): evaluate
        return sp.Add(*[sp.Mul(sp.Rational(int(c.numerator), int(c.denominator)),
                               *[gens[i].expr ** e for i, e in enumerate(m) if e])
                        for m, c in terms.items()])
    rank = {key: r for r, key in enumerate(
        sorted(powers, key=lambda key: _args_sortkey(powers[key])))}
    constant = sp.S.Zero
    args = []
    from_args = sp.Mul._from_args
    for mono, c in terms.items():
        coeff = sp.Rational(int(c.numerator), int(c.denominator))
        keys = sorted(((i, e) for i, e in enumerate(mono) if e), key=rank.__getitem__)
        factors = [powers[key] for key in keys]
        if not factors:
            constant = coeff
        elif coeff is sp.S.One:
            args.append(factors[0] if len(factors) == 1 else from_args(factors, True))
        else:
            args.append(from_args([coeff, *factors], True))
    args.sort(key=_args_sortkey)
    if constant is not sp.S.Zero:
        args.insert(0, constant)
    if not args:
        return sp.S.Zero
    if len(args) == 1:
        return args[0]
    return sp.Add._from_args(args, True)


# -- graded flint form -----------------------------------------------------------------

_CONTEXT_STEP = 8


_CONTEXTS: dict[int, Any] = {}


def _context(nvars: int) -> Any:
    """The flint context with at least ``nvars`` variables ``g0, g1, ...`` (shared)."""
    n = max(_CONTEXT_STEP, -(-nvars // _CONTEXT_STEP) * _CONTEXT_STEP)
    ctx = _CONTEXTS.get(n)
    if ctx is None:
        ctx = _CONTEXTS[n] = _flint.fmpq_mpoly_ctx.get(("g", n))
    return ctx


def _to_fmpq(value: MPQ) -> Any:
    return _flint.fmpq(int(value.numerator), int(value.denominator))


class _Graded:
    """A series as ``{(small_exponents, special_mask): fmpq_mpoly}`` with a Laurent shift.

    Variable ``g_k`` of the flint context is generator ``k`` of the registry;
    the small parameters and the special generators (surds, ``i``) never
    appear in the polynomials (they are in the key). The exponent of ``g_k`` in
    a term is its polynomial exponent plus ``shift[k]``. Polynomials are never
    zero and never mutated once stored.
    """

    __slots__ = ("ctx", "shift", "blocks", "_sorted", "_reach")

    def __init__(self, ctx: Any, shift: tuple[int, ...], blocks: dict) -> None:
        self.ctx = ctx
        self.shift = shift
        self.blocks = blocks
        self._sorted: list | None = None
        self._reach: tuple[int, ...] | None = None

    def sorted_blocks(self, alg: Algebra) -> list:
        """``[(degree, small_exponents, mask, poly)]`` sorted by weighted degree."""
        if self._sorted is None:
            rows = [(alg.small_degree(sx), sx, mask, poly)
                    for (sx, mask), poly in self.blocks.items()]
            rows.sort(key=lambda row: row[0])
            self._sorted = rows
        return self._sorted

    def reach(self) -> tuple[int, ...]:
        """The largest exponent of each small parameter over the (non-empty) blocks."""
        if self._reach is None:
            exponents = [sx for sx, _ in self.blocks]
            self._reach = (tuple(map(max, *exponents)) if len(exponents) > 1
                           else exponents[0])
        return self._reach

    def map(self, fn) -> _Graded:
        return _Graded(self.ctx, self.shift, {k: fn(p) for k, p in self.blocks.items()})

    def select(self, keep) -> _Graded:
        """The blocks whose small-parameter exponents satisfy ``keep``."""
        return _Graded(self.ctx, self.shift,
                       {k: p for k, p in self.blocks.items() if keep(k[0])})

    def project(self, ctx: Any) -> _Graded:
        """The same series in a context with at least as many variables."""
        if ctx is self.ctx:
            return self
        extra = ctx.nvars() - self.ctx.nvars()
        return _Graded(ctx, self.shift + (0,) * extra,
                       {k: p.project_to_context(ctx) for k, p in self.blocks.items()})

    def used_variables(self) -> set[int]:
        """Indices of the variables that occur in some term."""
        used = {k for k, s in enumerate(self.shift) if s}
        for poly in self.blocks.values():
            used.update(k for k, d in enumerate(poly.degrees()) if d)
        return used


def _split_monomial(mono: Monomial, small_pos: dict[int, int], special: dict[int, int],
                    nvars: int) -> tuple[tuple[int, ...], list[int], int, MPQ]:
    """A monomial in the graded form's parts.

    Returns the small-parameter exponents (in the algebra's order; ``small_pos`` maps a
    generator index to its position), the exponents of the other generators (length
    ``nvars``), the mask of the surds and ``i`` of odd power, and the rational factor
    ``base**(e // 2)`` of their even powers.
    """
    vec = [0] * nvars
    sexp = [0] * len(small_pos)
    mask = 0
    factor = _ONE
    for i, e in enumerate(mono):
        if not e:
            continue
        k = small_pos.get(i)
        if k is not None:
            sexp[k] = e
        elif i in special:
            q, r = divmod(e, 2)
            if q:
                factor = factor * MPQ(special[i]) ** q
            if r:
                mask |= 1 << i
        else:
            vec[i] = e
    return tuple(sexp), vec, mask, factor


def _graded_from_terms(alg: Algebra, terms: dict[Monomial, MPQ]) -> _Graded:
    registry = alg.registry
    ctx = _context(len(registry.generators))
    nvars = ctx.nvars()
    small_pos = {i: k for k, i in enumerate(alg.small_idx)}
    special = registry.special
    by_key: dict[tuple, dict[tuple[int, ...], MPQ]] = {}
    for mono, coeff in terms.items():
        sexp, vec, mask, factor = _split_monomial(mono, small_pos, special, nvars)
        if factor != 1:
            coeff = coeff * factor
        group = by_key.setdefault((sexp, mask), {})
        key = tuple(vec)
        group[key] = group.get(key, MPQ(0)) + coeff
    shift = [0] * nvars
    first = True
    for group in by_key.values():
        for vec in group:
            if first:
                shift = list(vec)
                first = False
            else:
                shift = [min(a, b) for a, b in zip(shift, vec)]
    blocks = {}
    for key, group in by_key.items():
        data = {tuple(e - s for e, s in zip(vec, shift)): _to_fmpq(c)
                for vec, c in group.items() if c}
        if data:
            blocks[key] = ctx.from_dict(data)
    return _Graded(ctx, tuple(shift), blocks)


def _terms_from_graded(alg: Algebra, graded: _Graded) -> dict[Monomial, MPQ]:
    small_idx = alg.small_idx
    special = alg.registry.special
    out: dict[Monomial, MPQ] = {}
    for _, sexp, mask, poly in graded.sorted_blocks(alg):
        base = list(graded.shift)
        for k, i in enumerate(small_idx):
            base[i] += sexp[k]
        for i in special:
            if mask >> i & 1:
                base[i] += 1
        for exps, c in poly.terms():
            mono = [b + int(e) for b, e in zip(base, exps)]
            out[_strip(mono)] = MPQ(int(c.p), int(c.q))
    return out


def _common_context(parts: Iterable[_Graded]) -> Any:
    ctx = None
    for g in parts:
        if ctx is None or g.ctx.nvars() > ctx.nvars():
            ctx = g.ctx
    return ctx


_MONOMIALS: dict[tuple[Any, tuple[int, ...]], Any] = {}
_MONOMIAL_CACHE_SIZE = 1 << 14


def _monomial(ctx: Any, offset: tuple[int, ...]) -> Any:
    """The monomial ``prod g_k**offset[k]`` or ``None`` for the trivial one.

    Built once per context and exponent vector (``ctx.term`` costs several flint
    products; products and sums re-align the same Laurent shifts over and over).
    The monomials are only read (multiplied), never updated in place.
    """
    if not any(offset):
        return None
    key = (ctx, offset)
    mono = _MONOMIALS.get(key)
    if mono is None:
        if len(_MONOMIALS) >= _MONOMIAL_CACHE_SIZE:
            _MONOMIALS.clear()
        mono = _MONOMIALS[key] = ctx.term(exp_vec=offset)
        COUNTERS["shift_monomials"] += 1
    return mono


def _graded_add(alg: Algebra, a: _Graded, b: _Graded) -> _Graded:
    ctx = _common_context((a, b))
    a = a.project(ctx)
    b = b.project(ctx)
    if not a.blocks:
        return b
    if not b.blocks:
        return a
    if a.shift == b.shift:
        shift = a.shift
        ma = mb = None
    else:
        shift = tuple(map(min, a.shift, b.shift))
        ma = _monomial(ctx, tuple(map(sub, a.shift, shift)))
        mb = _monomial(ctx, tuple(map(sub, b.shift, shift)))
    blocks: dict = {}
    _add_blocks(blocks, a.blocks, ma)
    _add_blocks(blocks, b.blocks, mb)
    return _Graded(ctx, shift, {k: p for k, p in blocks.items() if not p.is_zero()})


def _add_blocks(blocks: dict, extra: dict, mono: Any) -> None:
    """Add ``mono * p`` (``p`` if ``mono`` is None) for each block ``p`` of ``extra`` into
    ``blocks``; sums are new polynomials (no stored polynomial is updated in place)."""
    for key, p in extra.items():
        if mono is not None:
            p = p * mono
        cur = blocks.get(key)
        blocks[key] = p if cur is None else cur + p


def _graded_shift(alg: Algebra, g: _Graded, mono: Monomial, coeff: MPQ) -> _Graded:
    """``coeff * mono * g`` for a monomial free of surds and ``i``."""
    ctx = _context(max(len(mono), g.ctx.nvars()))
    g = g.project(ctx)
    small_pos = {i: k for k, i in enumerate(alg.small_idx)}
    dsmall, dshift, _, _ = _split_monomial(mono, small_pos, {}, ctx.nvars())
    shift = list(map(add, g.shift, dshift))
    f = _to_fmpq(coeff)
    blocks = {}
    for (sx, mask), p in g.blocks.items():
        key = (tuple(x + d for x, d in zip(sx, dsmall)), mask)
        blocks[key] = p * f if coeff != 1 else p
    return _Graded(ctx, tuple(shift), blocks)


def _graded_conj(alg: Algebra, g: _Graded) -> _Graded | None:
    """Conjugate of ``g`` by a permutation of variables, or ``None`` if an atom is complex."""
    gens = alg.registry.generators
    ctx = _context(len(gens))
    if ctx.nvars() < g.ctx.nvars():
        ctx = g.ctx
    g = g.project(ctx)
    nvars = ctx.nvars()
    perm = list(range(nvars))
    for i in g.used_variables():
        gen = gens[i]
        if gen.real:
            continue
        if gen.conj_index is None:
            if gen.kind == ATOM:
                return None
            continue
        perm[i] = gen.conj_index
    ctx_gens = ctx.gens()
    images = [ctx_gens[j] for j in perm]
    identity = perm == list(range(nvars))
    shift = [0] * nvars
    for i, s in enumerate(g.shift):
        shift[perm[i]] += s
    imag = [i for i, base in alg.registry.special.items() if gens[i].kind == IMAG]
    imag_mask = 0
    for i in imag:
        imag_mask |= 1 << i
    blocks = {}
    for (sx, mask), p in g.blocks.items():
        q = p if identity else p.compose(*images)
        if bin(mask & imag_mask).count("1") % 2:
            q = -q
        blocks[(sx, mask)] = q
    return _Graded(ctx, tuple(shift), blocks)


def _mul_accumulate_graded(alg: Algebra, pairs: list[tuple[_Graded, _Graded]],
                           trunc: tuple[float, ...]) -> _Graded:
    """Sum of the graded products of ``pairs`` (non-empty factors), truncated at ``trunc``.

    Blocks are visited by increasing weighted degree (a pair beyond the total
    bound ends the row); the box test per pair of blocks is skipped for a row
    whose room ``box - sx`` holds every block of the other factor (its
    :meth:`_Graded.reach`).
    """
    ctx = _common_context(g for pair in pairs for g in pair)
    work = []
    for a, b in pairs:
        a = a.project(ctx)
        b = b.project(ctx)
        work.append((a, b, tuple(map(add, a.shift, b.shift))))
    shift = tuple(map(min, *(s for _, _, s in work))) if len(work) > 1 else work[0][2]
    box = trunc[:-1]
    tot = trunc[-1]
    special = alg.registry.special
    by_offset: dict[tuple[int, ...], dict] = {}
    products = box_tests = 0
    for a, b, s in work:
        offset = tuple(map(sub, s, shift))
        acc = by_offset.setdefault(offset, {})
        rows_b = b.sorted_blocks(alg)
        reach_b = b.reach()
        for da, sxa, mka, pa in a.sorted_blocks(alg):
            lim = tot - da
            room = tuple(map(sub, box, sxa))
            free = all(map(le, reach_b, room))
            for db, sxb, mkb, pb in rows_b:
                if db > lim:
                    break
                if not free:
                    box_tests += 1
                    if not all(map(le, sxb, room)):
                        continue
                prod = pa * pb
                products += 1
                common = mka & mkb
                if common:
                    factor = 1
                    for i, base in special.items():
                        if common >> i & 1:
                            factor *= base
                    prod = prod * factor
                key = (tuple(map(add, sxa, sxb)), mka ^ mkb)
                cur = acc.get(key)
                if cur is None:
                    acc[key] = prod
                else:
                    cur.iadd(prod)  # cur is a product made here, owned by acc
    COUNTERS["block_products"] += products
    COUNTERS["box_tests"] += box_tests
    blocks: dict = {}
    for offset, acc in by_offset.items():
        _add_blocks(blocks, acc, _monomial(ctx, offset))
    return _Graded(ctx, shift, {k: p for k, p in blocks.items() if not p.is_zero()})


_KEY_BITS = 32
_KEY_BASE = 1 << _KEY_BITS
_KEY_HALF = 1 << (_KEY_BITS - 1)


def _encode(mono: Monomial) -> int:
    """Pack an exponent tuple into one integer (balanced base ``2**32`` digits).

    The packing is linear, so the key of a product of monomials is the sum of
    their keys (as long as every exponent stays below ``2**31`` in size).
    """
    key = 0
    for e in reversed(mono):
        key = (key << _KEY_BITS) + e
    return key


def _decode(key: int) -> Monomial:
    """Inverse of :func:`_encode` (stripped exponent tuple)."""
    out = []
    while key:
        r = key & (_KEY_BASE - 1)
        if r >= _KEY_HALF:
            r -= _KEY_BASE
        out.append(r)
        key = (key - r) >> _KEY_BITS
    return tuple(out)


class _Prepared:
    """A series' terms in the packed form used by the product kernel.

    ``groups`` holds ``(degree, small_exponents, rows)`` sorted by weighted
    degree, one group per distinct vector of small-parameter exponents, with
    ``rows`` a list of ``(key, coeff, special_mask, index)``; ``index`` is the
    term's position in ``series.terms`` (to reproduce the insertion order of
    the naive product).
    """

    __slots__ = ("groups", "plain", "series")

    def __init__(self, alg: Algebra, series: Series) -> None:
        small_idx = alg.small_idx
        weights = alg.weight_list
        special = alg.registry.special
        by_small: dict[tuple[int, ...], list] = {}
        plain = True
        for pos, (m, c) in enumerate(series.terms.items()):
            n = len(m)
            sexp = tuple(m[i] if i < n else 0 for i in small_idx)
            mask = 0
            for i in special:
                if i < n and m[i]:
                    if m[i] != 1:
                        plain = False
                    mask |= 1 << i
            row = (_encode(m), c, mask, pos)
            group = by_small.get(sexp)
            if group is None:
                by_small[sexp] = [row]
            else:
                group.append(row)
        groups = [(sum(w * e for w, e in zip(weights, sexp)), sexp, rows)
                  for sexp, rows in by_small.items()]
        groups.sort(key=lambda g: g[0])
        self.groups = groups
        self.plain = plain
        self.series = series


def prepare(alg: Algebra, series: Series) -> _Prepared | Series:
    """Form of ``series`` for repeated use in :func:`mul_accumulate`.

    With the flint kernel this is the series itself (its graded form is
    computed once and cached on it); with the python kernel a packed copy.
    """
    if KERNEL == "flint":
        series.graded()
        return series
    return _Prepared(alg, series)


def mul_accumulate(alg: Algebra, pairs: Iterable[tuple[Series, Series]],
                   bounds: tuple[float, ...] | None = None) -> Series:
    """``sum(a * b for a, b in pairs)``, truncated, in one accumulation pass.

    Parameters
    ----------
    alg : Algebra
        The algebra of the factors.
    pairs : iterable of (Series or prepared, Series or prepared)
        Factor pairs; factors may be given in the packed form of :func:`prepare`.
    bounds : tuple, optional
        Truncation (per small parameter, then total); default: the algebra's.

    Returns
    -------
    Series
        The truncated sum of products, with propagated ``low`` and ``prec``.
    """
    trunc = alg.truncation if bounds is None else bounds
    pairs = list(pairs)
    if len(pairs) == 1:
        a, b = pairs[0]
        if (type(a) is Series and type(b) is Series and a._terms is not None
                and b._terms is not None and len(a._terms) * len(b._terms) <= TINY_TERM_PAIRS):
            return _mul_tiny(alg, a, b, trunc)
    if KERNEL == "flint" and not _small_dict_work(pairs):
        return _mul_accumulate_flint(alg, pairs, trunc)
    return _mul_accumulate_python(alg, pairs, trunc)


#: Products of at most this many term pairs (e.g. a constant or a generator times
#: a short series, as in :func:`~symseesaw.algebra.convert.to_series`) skip both
#: kernels' set-up and multiply monomial by monomial.
TINY_TERM_PAIRS = 8


def _mul_tiny(alg: Algebra, a: Series, b: Series, trunc: tuple[float, ...]) -> Series:
    """``a * b`` term by term (the naive product, for very short factors)."""
    low = tuple(x + y for x, y in zip(a.low, b.low))
    prec = tuple(min(t, pa + lb, pb + la)
                 for t, pa, pb, la, lb in zip(trunc, a.prec, b.prec, a.low, b.low))
    if not a._terms or not b._terms:
        return Series(alg, {}, low=low, prec=prec)
    COUNTERS["series_products"] += 1
    mono_mul = alg.mono_mul
    within = alg.within
    terms: dict[Monomial, MPQ] = {}
    for ma, ca in a._terms.items():
        for mb, cb in b._terms.items():
            mono, factor = mono_mul(ma, mb)
            if not within(mono, trunc):
                continue
            c = ca * cb * factor
            v = terms.get(mono)
            terms[mono] = c if v is None else v + c
    return Series(alg, {m: c for m, c in terms.items() if c}, low=low, prec=prec)


#: Work counters of the product kernel (for regression tests, not timings):
#: ``series_products`` counts pairs of non-empty series multiplied (the same in
#: both kernels); in the flint kernel, ``block_products`` the polynomial products of
#: graded blocks, ``box_tests`` the pairs of blocks tested against the truncation box
#: one by one (a row whose room holds the other factor's reach is not tested), and
#: ``shift_monomials`` the Laurent-shift monomials built (each once, then cached).
COUNTERS = {"series_products": 0, "block_products": 0, "box_tests": 0, "shift_monomials": 0}


def reset_counters() -> dict[str, int]:
    """Set the kernel work counters to zero and return their previous values.

    The cache of shift monomials is emptied too, so that counts do not depend on
    what ran before.
    """
    previous = dict(COUNTERS)
    for key in COUNTERS:
        COUNTERS[key] = 0
    _MONOMIALS.clear()
    return previous


#: Below this many term pairs, a product of two dict-form series stays in the
#: python kernel (the flint conversion would cost more than it saves).
FLINT_MIN_TERM_PAIRS = 64


def _small_dict_work(pairs: list) -> bool:
    """Whether every factor is in dict form and the product is small.

    Only asked with the flint kernel, whose :func:`prepare` hands back the series
    itself: every factor is a :class:`Series`.
    """
    work = 0
    for a, b in pairs:
        if a._graded is not None or b._graded is not None:
            return False
        work += len(a._terms) * len(b._terms)
        if work > FLINT_MIN_TERM_PAIRS:
            return False
    return True


def _mul_accumulate_python(alg: Algebra, pairs: Iterable[tuple[Series, Series]],
                           trunc: tuple[float, ...]) -> Series:
    """:func:`mul_accumulate` in the pure-Python kernel (packed integer keys)."""
    nk = len(trunc)
    nsmall = nk - 1
    box = trunc[:-1]
    tot = trunc[-1]
    special = alg.registry.special
    terms: dict[int, MPQ] = {}
    first: dict[int, tuple[int, int, int]] = {}
    low = [INF] * nk
    prec = list(trunc)
    for p, (a, b) in enumerate(pairs):
        pa = a if isinstance(a, _Prepared) else None
        pb = b if isinstance(b, _Prepared) else None
        sa = a.series if pa is not None else a
        sb = b.series if pb is not None else b
        _bound_precision(prec, low, sa, sb)
        if not sa.terms or not sb.terms:
            continue
        COUNTERS["series_products"] += 1
        if pa is None:
            pa = _Prepared(alg, sa)
        if pb is None:
            pb = _Prepared(alg, sb)
        if not (pa.plain and pb.plain):
            mono_mul = alg.mono_mul
            for _, _, rows_a in pa.groups:
                for ka, ca, _, ia in rows_a:
                    ma = _decode(ka)
                    for _, _, rows_b in pb.groups:
                        for kb, cb, _, ib in rows_b:
                            m, f = mono_mul(ma, _decode(kb))
                            if not alg.within(m, trunc):
                                continue
                            key = _encode(m)
                            c = ca * cb * f
                            v = terms.get(key)
                            if v is None:
                                terms[key] = c
                                first[key] = (p, ia, ib)
                            else:
                                terms[key] = v + c
            continue
        groups_b = pb.groups
        for da, sxa, rows_a in pa.groups:
            lim = tot - da
            for db, sxb, rows_b in groups_b:
                if db > lim:
                    break
                ok = True
                for k in range(nsmall):
                    if sxa[k] + sxb[k] > box[k]:
                        ok = False
                        break
                if not ok:
                    continue
                for ka, ca, maska, ia in rows_a:
                    for kb, cb, maskb, ib in rows_b:
                        key = ka + kb
                        c = ca * cb
                        common = maska & maskb
                        if common:
                            for i, base in special.items():
                                if common >> i & 1:
                                    key -= 2 << (_KEY_BITS * i)
                                    c = c * base
                        v = terms.get(key)
                        if v is None:
                            terms[key] = c
                            first[key] = (p, ia, ib)
                        else:
                            terms[key] = v + c
    out = {_decode(key): terms[key]
           for key in sorted(terms, key=first.__getitem__) if terms[key]}
    return Series(alg, out, low=tuple(low), prec=tuple(prec))


def _bound_precision(prec: list[float], low: list[float], a: Series, b: Series) -> None:
    """Lower ``prec`` and ``low`` (in place) to the precision and support of ``a * b``.

    Comparisons instead of ``min`` calls: this runs for every factor pair of every
    product, zero factors included.
    """
    for k, (pa, la, pb, lb) in enumerate(zip(a.prec, a.low, b.prec, b.low)):
        bound = pa + lb
        if bound < prec[k]:
            prec[k] = bound
        bound = pb + la
        if bound < prec[k]:
            prec[k] = bound
        bound = la + lb
        if bound < low[k]:
            low[k] = bound


def _mul_accumulate_flint(alg: Algebra, pairs: Iterable[tuple[Series, Series]],
                          trunc: tuple[float, ...]) -> Series:
    """:func:`mul_accumulate` on the graded flint forms of the factors (all :class:`Series`:
    the flint kernel's :func:`prepare` caches the graded form on the series itself)."""
    low = [INF] * len(trunc)
    prec = list(trunc)
    work = []
    for sa, sb in pairs:
        _bound_precision(prec, low, sa, sb)
        if sa.is_exact_zero() or sb.is_exact_zero():
            continue
        work.append((sa.graded(), sb.graded()))
    COUNTERS["series_products"] += len(work)
    if work:
        graded = _mul_accumulate_graded(alg, work, trunc)
    else:
        ctx = _context(len(alg.registry.generators))
        graded = _Graded(ctx, (0,) * ctx.nvars(), {})
    return Series(alg, None, low=tuple(low), prec=tuple(prec), graded=graded)


def invert_exact(value: Series) -> Series:
    """Inverse of a series free of small parameters (a monomial or an atom)."""
    if not value.terms:
        raise ZeroDivisionError("division by zero")
    if value.has_small():
        raise ValueError("invert_exact needs a series free of small parameters")
    factor = _atom_clearing_factor(value)
    # value * factor == value.cleared(), which is atom-free
    return factor * _inverse_polynomial(value.cleared())


def _atom_exponents(series: Series) -> dict[int, int]:
    """Atom generator -> its largest exponent in ``series``."""
    gens = series.alg.registry.generators
    max_exp: dict[int, int] = {}
    for m in series.terms:
        for i, e in enumerate(m):
            if e and gens[i].kind == ATOM:
                max_exp[i] = max(max_exp.get(i, 0), e)
    return max_exp


def _atom_clearing_factor(series: Series) -> Series:
    """``prod(P_a**k_a)`` over the atoms ``1/P_a`` of ``series`` (``k_a`` max exponent)."""
    gens = series.alg.registry.generators
    factor = series.alg.one()
    for i, k in _atom_exponents(series).items():
        factor = factor * gens[i].poly ** k
    return factor


def _atom_relation(alg: Algebra, idx: int, ctx: Any) -> Any:
    """``a P - 1`` for the atom ``a = 1/P`` as a polynomial of ``ctx`` (cached), or None.

    None when ``P`` involves surds or ``i`` (it is then not one polynomial of
    the graded form).
    """
    cache = alg.registry.relations
    key = (idx, ctx.nvars())
    if key not in cache:
        graded = alg.registry.generators[idx].poly.graded().project(ctx)
        zero_key = ((0,) * len(alg.small_idx), 0)
        if set(graded.blocks) != {zero_key} or any(graded.shift):
            cache[key] = None
        else:
            cache[key] = ctx.gens()[idx] * graded.blocks[zero_key] - 1
    return cache[key]


def _graded_zero_modulo_atoms(alg: Algebra, graded: _Graded, atoms: list[int]) -> bool | None:
    """Whether a graded series with the given atoms is zero, or None if undecided.

    A polynomial ``p(x, a)`` in the generators and the atoms ``a_k = 1/P_k``
    vanishes iff it lies in the ideal of the relations ``a_k P_k - 1`` (the
    kernel of the map to rational functions). Reduction modulo the relations
    (flint's multivariate division, repeated until no relation divides) ending in zero
    proves that; a non-zero remainder disproves it when the leading monomials
    of the relations are pairwise coprime (then the relations are a Groebner
    basis, Buchberger's first criterion, and the remainder is the unique normal
    form). Otherwise: None. The Laurent shift of the graded form is a unit and
    does not matter.
    """
    ctx = _context(max(graded.ctx.nvars(), len(alg.registry.generators)))
    graded = graded.project(ctx)
    relations = [_atom_relation(alg, i, ctx) for i in atoms]
    if any(r is None for r in relations):
        return None
    for poly in graded.blocks.values():
        remainder = poly
        reduced = True
        while reduced:
            reduced = False
            for relation in relations:
                quotient, rest = divmod(remainder, relation)
                if not quotient.is_zero():
                    remainder, reduced = rest, True
        if not remainder.is_zero():
            leads = [r.monoms()[0] for r in relations]
            coprime = all(not any(x and y for x, y in zip(leads[p], leads[q]))
                          for p in range(len(leads)) for q in range(p))
            return False if coprime else None
    return True


def _inverse_polynomial(poly: Series) -> Series:
    """Inverse of an atom-free series without small parameters.

    A monomial is inverted directly, a number of ``Q(sqrt p, i)`` (surds and
    ``i`` only) by its Galois conjugates (:func:`_inverse_number`), and any
    other polynomial ``P = t0 * Phat`` (``t0`` its content times the
    coefficient of its largest monomial) becomes ``t0^-1`` times the atom ``1/Phat``
    (one atom per normalized ``Phat``; a complex atom is paired with the atom
    of ``Phat^*`` so that conjugation permutes them).
    """
    alg = poly.alg
    if not poly.terms:
        raise ZeroDivisionError("division by an expression that vanishes identically")
    if len(poly.terms) == 1:
        ((m, c),) = poly.terms.items()
        out = alg.const(1 / c)
        for i, e in enumerate(m):
            if e:
                out = out * alg.gen(i, -e)
        return out
    special = alg.registry.special
    if all(i in special for m in poly.terms for i, e in enumerate(m) if e):
        return _inverse_number(poly)
    content_mono, lead = _normalization(poly)
    t0_inv = _inverse_polynomial(Series(alg, {content_mono: lead}, exact=True))
    phat = poly * t0_inv
    phat.prec = (INF,) * len(phat.prec)
    key = frozenset(phat.terms.items())
    idx = alg.registry.atom_index.get(key)
    if idx is None:
        idx = _register_atom(alg, phat, key)
    return alg.gen(idx) * t0_inv


def _normalization(poly: Series) -> tuple[Monomial, MPQ]:
    """Content monomial of ``poly`` (surds and ``i`` excluded) and its leading coefficient.

    The leading coefficient is that of the largest monomial (exponent tuples
    compared lexicographically).
    """
    width = max(map(len, poly.terms))
    content = [min(m[i] if i < len(m) else 0 for m in poly.terms) for i in range(width)]
    for i in poly.alg.registry.special:
        if i < width:
            content[i] = 0
    return _strip(content), poly.terms[max(poly.terms)]


def _register_atom(alg: Algebra, phat: Series, key: Any) -> int:
    """Register the atom ``1/phat`` (and pair it with the atom of ``phat^*`` if complex)."""
    registry = alg.registry
    conj = phat.conj()
    real = conj is phat or (phat - conj).is_exact_zero()
    idx = registry.atom(key, phat, 1 / phat.to_sympy(), real)
    if real or _normalization(conj) != ((), _ONE):
        return idx
    conj = Series(alg, dict(conj.terms), exact=True)
    conj_key = frozenset(conj.terms.items())
    cidx = registry.atom_index.get(conj_key)
    if cidx is None:
        cidx = registry.atom(conj_key, conj, 1 / conj.to_sympy(), False)
    if registry.generators[cidx].conj_index is None:
        registry.pair(idx, cidx)
    return idx


def _inverse_number(value: Series) -> Series:
    """Exact inverse of a non-zero number of ``Q(sqrt p1, ..., i)`` (no atom).

    Multiplying ``x`` by its image under the sign flip of one surd (or of
    ``i``) gives a number free of that generator; after all flips ``x * F``
    is rational, so ``1/x = F / (x F)``.
    """
    alg = value.alg
    factor = alg.one()
    norm = value
    for i in sorted(alg.registry.special):
        flipped = Series(alg, {m: (-c if i < len(m) and m[i] % 2 else c)
                               for m, c in norm.terms.items()}, exact=True)
        if flipped.terms == norm.terms:
            continue
        factor = factor * flipped
        norm = norm * flipped
    ((mono, rational),) = norm.terms.items()
    if mono:
        raise ArithmeticError(f"internal error: norm {norm.to_sympy()} is not rational")
    return factor.scale(1 / rational)


def conj_atom_power(alg: Algebra, idx: int, exponent: int) -> Series:
    """``conj_atom(alg, idx) ** exponent``, computed once per atom and exponent."""
    cache = alg.registry.conjugate_atoms
    key = (idx, exponent)
    if key not in cache:
        cache[key] = conj_atom(alg, idx) ** exponent
    return cache[key]


def conj_atom(alg: Algebra, idx: int) -> Series:
    """Conjugate of the atom generator ``idx`` as a series (computed once per atom)."""
    gen = alg.registry.generators[idx]
    if gen.real:
        return alg.gen(idx)
    if gen.conj_index is not None:
        return alg.gen(gen.conj_index)
    cache = alg.registry.conjugate_atoms
    if idx not in cache:
        cache[idx] = _inverse_polynomial(gen.poly.conj())
    return cache[idx]


__all__ = ["Algebra", "Series", "mul_accumulate", "prepare", "invert_exact", "KERNEL",
           "COUNTERS", "reset_counters", "SMALL", "SURD"]
