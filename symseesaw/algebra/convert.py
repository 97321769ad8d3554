"""Conversion between sympy expressions and :class:`~symseesaw.algebra.series.Series`.

The conversion walks the expression tree and only understands sums, products,
integer powers, rational numbers, ``sqrt`` of rationals, ``I``, ``conjugate``
and powers with symbolic exponents (``lambda**F_2``, kept as opaque generators
with integer multiples of the symbolic exponent). Anything else (functions,
floats) is either an opaque exact generator or a clear error.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp
from sympy.external.gmpy import MPQ

from .series import Algebra, Series


def _rational(value: sp.Rational) -> MPQ:
    return MPQ(int(value.p), int(value.q))


def _sqrt_rational(alg: Algebra, value: sp.Rational, power: int) -> Series:
    """``sqrt(value)**power`` for a positive or negative rational ``value``."""
    out = alg.one()
    if value < 0:
        out = out * alg.gen(alg.registry.imag(), power)
        value = -value
    for num, sign in ((int(value.p), 1), (int(value.q), -1)):
        for prime, mult in sp.factorint(num).items():
            out = out * alg.const(MPQ(prime) ** ((mult // 2) * power * sign))
            if mult % 2:
                out = out * alg.gen(alg.registry.surd(prime), power * sign)
    return out


def _power_of_symbolic_exponent(alg: Algebra, base: sp.Expr, exponent: sp.Expr) -> Series:
    """``base**exponent`` with ``exponent = c0 + sum(c_k * s_k)`` (integer c_k)."""
    coeff_dict = sp.Add.make_args(sp.expand(exponent))
    out = alg.one()
    for term in coeff_dict:
        c, rest = term.as_coeff_Mul()
        if rest == 1:
            out = out * to_series(alg, base**c)
            continue
        if not c.is_Integer:
            # fractional multiple: keep the whole power opaque
            return alg.gen(alg.registry.symbol(base**exponent))
        out = out * alg.gen(alg.registry.symbol(base**rest), int(c))
    return out


def to_series(alg: Algebra, expr) -> Series:
    """Convert a sympy expression to an exact series of ``alg``.

    Raises
    ------
    ValueError
        For floating-point numbers (not exact) and non-polynomial use of a
        small parameter (e.g. ``exp(eps)``).
    """
    expr = sp.sympify(expr)
    if expr.is_Rational:
        return alg.const(_rational(expr))
    if expr.is_Float:
        raise ValueError(
            f"floating-point number {expr} in a symbolic expression: use exact "
            "rationals (sympy.Rational or sympy.nsimplify)"
        )
    if expr is sp.I:
        return alg.gen(alg.registry.imag())
    if expr.is_Symbol:
        idx = alg.registry.index_of.get(expr)
        if idx is None:
            idx = alg.registry.symbol(expr)
        return alg.gen(idx)
    if expr.is_Add:
        out = alg.zero()
        for arg in expr.args:
            out = out + to_series(alg, arg)
        return out
    if expr.is_Mul:
        out = alg.one()
        for arg in expr.args:
            out = out * to_series(alg, arg)
        return out
    if expr.is_Pow:
        base, exponent = expr.args
        if exponent.is_Integer:
            return to_series(alg, base) ** int(exponent)
        if exponent.is_Rational and exponent.q == 2 and base.is_Rational:
            return _sqrt_rational(alg, base, int(exponent.p))
        if not exponent.is_number:
            return _power_of_symbolic_exponent(alg, base, exponent)
    if isinstance(expr, sp.conjugate):
        return to_series(alg, expr.args[0]).conj()
    small = set(alg.small_symbols)
    if expr.free_symbols & small:
        raise ValueError(
            f"small parameter appears non-polynomially in {expr}: expand it first "
            "or declare a different small parameter"
        )
    return alg.gen(alg.registry.symbol(expr))



def substitute(series: Series, target: Algebra, replace: Mapping[sp.Expr, sp.Expr],
               powers: dict[tuple[int, int], Series] | None = None) -> Series:
    """Re-express ``series`` in the algebra ``target``, replacing some symbols.

    Each generator of the source algebra (small parameter, exact symbol, surd,
    atom ``1/P``) is converted once, after ``replace``, with :func:`to_series`
    into ``target``; every monomial is then a product of cached generator
    powers.  This is how an exact parameter of a derivation (e.g. a mass
    ratio kept exact by an atom ``1/(1 - R)``) is expanded afterwards in a
    small parameter of ``target``.

    The result keeps the source's precision for small parameters that exist in
    both algebras; for the others the precision is that of ``target``.  ``powers``
    (optional) carries the converted generator powers from one call to the next
    for series of the same algebra, target and ``replace``.
    """
    gens = series.alg.registry.generators
    # cross-branch: optional cache shared by many series of one algebra (appendix audit)
    powers = {} if powers is None else powers

    def power(idx: int, exp: int) -> Series:
        key = (idx, exp)
        if key not in powers:
            if exp == 1:
                powers[key] = to_series(target, gens[idx].expr.xreplace(replace))
            elif exp < 0:
                powers[key] = power(idx, -exp).inverse()
            else:
                half = power(idx, exp // 2)
                powers[key] = half * half * (power(idx, 1) if exp % 2 else target.one())
        return powers[key]

    out = target.zero()
    for mono, coeff in series.terms.items():
        term = target.const(coeff)
        for idx, exp in enumerate(mono):
            if exp:
                term = term * power(idx, exp)
        out = out + term
    source_prec = dict(zip(series.alg.small_symbols, series.prec))
    prec = [min(p, source_prec.get(s, p)) for s, p in zip(target.small_symbols, out.prec)]
    return Series(target, out.terms, low=out.low, prec=(*prec, out.prec[-1]))
