"""Truncated multivariate Laurent series with exact rational coefficients.

A :class:`Series` is a sparse dict ``{monomial: coefficient}``. Monomials are
exponent tuples over the generators of an :class:`Algebra` (small parameters,
exact symbols, surds, the imaginary unit and atoms ``1/P``), stored without
trailing zeros; coefficients are exact rationals (gmpy2 ``mpq`` when available).

Truncation is by a maximum exponent per small parameter and, optionally, by a
maximum weighted total order. Each series also carries

* ``low``  -- a lower bound on the exponents of every (known or unknown) term,
  per small parameter and for the weighted total;
* ``prec`` -- the exponents up to which it is exact.

Products propagate both, so a result computed through factors with negative
exponents reports honestly how far it can be trusted.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sympy as sp
from sympy.external.gmpy import MPQ

from .generators import ATOM, IMAG, SMALL, SURD, GeneratorRegistry

INF = math.inf
Monomial = tuple[int, ...]
_ONE = MPQ(1)


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
    """Sparse truncated Laurent series over an :class:`Algebra`."""

    __slots__ = ("alg", "terms", "low", "prec")

    def __init__(
        self,
        alg: Algebra,
        terms: dict[Monomial, MPQ],
        *,
        low: tuple[float, ...] | None = None,
        prec: tuple[float, ...] | None = None,
        exact: bool = False,
    ) -> None:
        self.alg = alg
        self.terms = terms
        nsmall = len(alg.small_idx)
        if low is None:
            low = self._support_low()
        self.low = low
        if prec is None:
            prec = (INF,) * (nsmall + 1) if exact else alg.truncation
        self.prec = prec

    # -- bookkeeping ------------------------------------------------------------
    def _support_low(self) -> tuple[float, ...]:
        alg = self.alg
        if not self.terms:
            return (INF,) * (len(alg.small_idx) + 1)
        exps = [alg.small_exponents(m) for m in self.terms]
        low = [min(e[k] for e in exps) for k in range(len(alg.small_idx))]
        low.append(min(alg.degree(m) for m in self.terms))
        return tuple(low)

    def _new(self, terms, low, prec) -> Series:
        trunc = self.alg.truncation
        prec = tuple(min(p, t) for p, t in zip(prec, trunc))
        return Series(self.alg, terms, low=low, prec=prec)

    def is_exact_zero(self) -> bool:
        """True when no term survives (to the series' precision)."""
        return not self.terms

    # -- arithmetic -------------------------------------------------------------
    def __add__(self, other) -> Series:
        if not isinstance(other, Series):
            other = self.alg.const(other)
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
        low = tuple(min(a, b) for a, b in zip(self.low, other.low))
        prec = tuple(min(a, b) for a, b in zip(self.prec, other.prec))
        return Series(self.alg, terms, low=low, prec=prec)

    __radd__ = __add__

    def __neg__(self) -> Series:
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
        return any(any(e) for e in map(self.alg.small_exponents, self.terms))

    def part(self, predicate) -> Series:
        """Sub-series of the terms whose monomial satisfies ``predicate``."""
        terms = {m: c for m, c in self.terms.items() if predicate(m)}
        return Series(self.alg, terms, low=self.low, prec=self.prec)

    def degree_part(self, degree: int) -> Series:
        """Terms of weighted total degree ``degree`` in the small parameters."""
        deg = self.alg.degree
        return Series(self.alg, {m: c for m, c in self.terms.items() if deg(m) == degree},
                      exact=True)

    def min_degree(self) -> float:
        if not self.terms:
            return INF
        return min(map(self.alg.degree, self.terms))

    def truncate(self, bounds: tuple[float, ...]) -> Series:
        """Drop terms beyond ``bounds`` (per small parameter, then total)."""
        within = self.alg.within
        terms = {m: c for m, c in self.terms.items() if within(m, bounds)}
        prec = tuple(min(p, b) for p, b in zip(self.prec, bounds))
        return Series(self.alg, terms, low=self.low, prec=prec)

    def shift(self, mono: Monomial, coeff: MPQ = _ONE) -> Series:
        """Multiply by the monomial ``coeff * mono`` (exact; shifts low and prec)."""
        alg = self.alg
        terms: dict[Monomial, MPQ] = {}
        for m, c in self.terms.items():
            mm, f = alg.mono_mul(m, mono)
            terms[mm] = terms.get(mm, MPQ(0)) + c * f * coeff
        terms = {m: c for m, c in terms.items() if c}
        s = (*alg.small_exponents(mono), alg.degree(mono))
        low = tuple(a + b for a, b in zip(self.low, s))
        prec = tuple(a + b for a, b in zip(self.prec, s))
        return Series(alg, terms, low=low, prec=prec)

    # -- conjugation ------------------------------------------------------------
    def conj(self) -> Series:
        """Complex conjugate (conjugate symbols are independent generators)."""
        alg = self.alg
        gens = alg.registry.generators
        if all(g.real for g in gens):
            return self
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
                elif g.kind == ATOM:
                    out = out * conj_atom(alg, i) ** e
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
        if not self.terms:
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
        lead = Series(alg, {}, exact=True)
        for m, c in lead_terms.items():
            mm, f = alg.mono_mul(m, neg_small)
            lead.terms[mm] = lead.terms.get(mm, MPQ(0)) + c * f
        lead.terms = {m: c for m, c in lead.terms.items() if c}
        lead.low = lead._support_low()
        lead_inv = invert_exact(lead)
        rest = (self - Series(alg, dict(lead_terms), exact=True)).shift(neg_small)
        delta = lead_inv * rest
        if delta.terms and delta.min_degree() <= 0:
            raise NotImplementedError(
                "cannot invert: the correction to the leading part is not of positive order"
            )
        total = alg.one()
        power = alg.one()
        while True:
            power = -(power * delta)
            if not power.terms:
                break
            total = total + power
        return (total * lead_inv).shift(neg_small)

    def __truediv__(self, other) -> Series:
        if not isinstance(other, Series):
            return self.scale(1 / MPQ(other))
        return self * other.inverse()

    # -- zero test ----------------------------------------------------------------
    def cleared(self) -> Series:
        """Multiply through by atom denominators: an atom-free series, zero iff self is."""
        alg = self.alg
        gens = alg.registry.generators
        max_exp: dict[int, int] = {}
        for m in self.terms:
            for i, e in enumerate(m):
                if e and gens[i].kind == ATOM:
                    max_exp[i] = max(max_exp.get(i, 0), e)
        if not max_exp:
            return self
        out = alg.zero()
        for m, c in self.terms.items():
            base = list(m)
            factor = alg.one()
            for i, k in max_exp.items():
                e = base[i] if i < len(base) else 0
                if i < len(base):
                    base[i] = 0
                factor = factor * gens[i].poly ** (k - e)
            out = out + factor.shift(_strip(base), c)
        return out.cleared()

    def is_zero(self) -> bool:
        """Exact zero test (atoms cleared) within the series' precision."""
        return not self.cleared().terms

    # -- conversion ---------------------------------------------------------------
    def to_sympy(self) -> sp.Expr:
        gens = self.alg.registry.generators
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


def prepare(alg: Algebra, series: Series) -> _Prepared:
    """Packed form of ``series`` for repeated use in :func:`mul_accumulate`."""
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
        for k in range(nk):
            prec[k] = min(prec[k], sa.prec[k] + sb.low[k], sb.prec[k] + sa.low[k])
            low[k] = min(low[k], sa.low[k] + sb.low[k])
        if not sa.terms or not sb.terms:
            continue
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


def invert_exact(value: Series) -> Series:
    """Inverse of a series free of small parameters (a monomial or an atom)."""
    if not value.terms:
        raise ZeroDivisionError("division by zero")
    if value.has_small():
        raise ValueError("invert_exact needs a series free of small parameters")
    factor = _atom_clearing_factor(value)
    # value * factor == value.cleared(), which is atom-free
    return factor * _inverse_polynomial(value.cleared())


def _atom_clearing_factor(series: Series) -> Series:
    """``prod(P_a**k_a)`` over the atoms ``1/P_a`` of ``series`` (``k_a`` max exponent)."""
    alg = series.alg
    gens = alg.registry.generators
    max_exp: dict[int, int] = {}
    for m in series.terms:
        for i, e in enumerate(m):
            if e and gens[i].kind == ATOM:
                max_exp[i] = max(max_exp.get(i, 0), e)
    factor = alg.one()
    for i, k in max_exp.items():
        factor = factor * gens[i].poly ** k
    return factor


def _inverse_polynomial(poly: Series) -> Series:
    """Inverse of an atom-free series without small parameters."""
    alg = poly.alg
    gens = alg.registry.generators
    if not poly.terms:
        raise ZeroDivisionError("division by an expression that vanishes identically")
    if len(poly.terms) == 1:
        ((m, c),) = poly.terms.items()
        out = alg.const(1 / c)
        for i, e in enumerate(m):
            if e:
                out = out * alg.gen(i, -e)
        return out
    # normalize P = t0 * Phat with t0 its largest monomial term, so equal
    # denominators map to the same atom
    width = max(map(len, poly.terms))
    content = [min(m[i] if i < len(m) else 0 for m in poly.terms) for i in range(width)]
    for i in alg.registry.special:
        if i < width:
            content[i] = 0
    m0 = max(poly.terms)
    content_mono = tuple(content)
    while content_mono and content_mono[-1] == 0:
        content_mono = content_mono[:-1]
    t0_inv = _inverse_polynomial(Series(alg, {content_mono: poly.terms[m0]}, exact=True))
    phat = poly * t0_inv
    phat.prec = (INF,) * len(phat.prec)
    key = frozenset(phat.terms.items())
    real = all(g.real for g in gens) or (phat - phat.conj()).cleared().is_exact_zero()
    idx = alg.registry.atom(key, phat, 1 / phat.to_sympy(), real)
    return alg.gen(idx) * t0_inv


def conj_atom(alg: Algebra, idx: int) -> Series:
    """Conjugate of the atom generator ``idx`` as a series."""
    gen = alg.registry.generators[idx]
    if gen.real:
        return alg.gen(idx)
    return _inverse_polynomial(gen.poly.conj())


__all__ = ["Algebra", "Series", "mul_accumulate", "prepare", "invert_exact", "SMALL", "SURD"]
