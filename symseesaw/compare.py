"""Entry-by-entry comparison of printed (or claimed) formulas with derived series.

Both sides are brought into the same series algebra and their difference is
truncated at the order the derivation is exact to; the verdict is *agrees*
when nothing survives, otherwise *differs* with the lowest-order monomial of
the difference and the two coefficients of that monomial (the paper's
"printed coefficient", or "your coefficient" for a user's claim).

Before the conversion a formula is brought into the polynomial form the
series algebra reads (:func:`claim_series`): moduli ``|y|^2`` become
``y*conjugate(y)``, and closed forms that are not polynomial in the small
parameters (``sqrt(M**2/4 + m**2)``, ``1/(1 + eps)``, ``exp(eps)``) are
Taylor-expanded to the order compared.

A derivation that compares many formulas in one algebra converts them with one
:class:`SeriesConverter`: every distinct sub-expression (a symbol, a repeated
denominator) is converted once, and a substitution into the derivation's own
variables is applied during the conversion, in the series kernel, instead of a
sympy ``subs`` on every formula followed by a conversion of the result.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import sympy as sp
from sympy.printing.precedence import precedence

from .algebra.convert import to_series
from .algebra.series import Algebra, Series
from .parsing import InputError
from .result import Comparison

__all__ = ["SeriesConverter", "claim_series", "coefficient_of", "coefficient_series", "compare",
           "lowest_differing",
           "rewrite_moduli", "truncated_difference"]

#: Highest total order a closed form is Taylor-expanded to.
MAX_TAYLOR_ORDER = 24


@functools.lru_cache(maxsize=1 << 15)
def expression_text(expr: sp.Expr, order: str | None = "none") -> str:
    """``sympy.sstr(expr, order=order)``, each distinct expression printed once.

    Verdict notes print coefficients whose terms repeat across readings, entries
    and orderings; the printer is the costliest step of a note. The text is cached
    (expressions are immutable) and, in argument order (``"none"``), a sum is
    joined from the cached texts of its terms exactly as sympy's ``StrPrinter``
    joins them (a test checks the equality). ``order=None`` is ``sstr``'s default
    (sorted) order.
    """
    if order != "none":
        return sp.sstr(expr, order=order)
    if expr.is_Mul:
        return _monomial_text(expr) or sp.sstr(expr, order=order)
    if not expr.is_Add:
        return sp.sstr(expr, order=order)
    add_precedence = precedence(expr)
    words: list[str] = []
    for term in expr.args:
        text = expression_text(term)
        sign = "+"
        if text.startswith("-") and not term.is_Add:
            sign, text = "-", text[1:]
        if precedence(term) < add_precedence or term.is_Add:
            text = f"({text})"
        words += [sign, text]
    sign = words.pop(0)
    return ("" if sign == "+" else sign) + " ".join(words)


def _monomial_text(term: sp.Mul) -> str | None:
    """``sstr`` of ``c * x**a * y**b ...`` (rational ``c``; symbols ``x, y`` with positive
    integer powers, surds ``sqrt(n)`` and ``I``) as ``StrPrinter._print_Mul`` writes it,
    or ``None`` for any other product (printed by sympy).
    """
    coeff, *factors = term.args if term.args[0].is_Rational else (sp.S.One, *term.args)
    words = []
    for factor in factors:
        if not (factor.is_Symbol or factor is sp.I or (factor.is_Pow and (
                (factor.base.is_Symbol and factor.exp.is_Integer and factor.exp > 1)
                or (factor.base.is_Integer and factor.exp == sp.S.Half)))):
            return None
        words.append(expression_text(factor))
    sign = "-" if coeff < 0 else ""
    numerator, denominator = abs(coeff.p), coeff.q
    if numerator != 1:
        words.insert(0, str(numerator))
    return sign + "*".join(words) + (f"/{denominator}" if denominator != 1 else "")


def coefficient_of(series: Series, small_exps: tuple[int, ...]) -> sp.Expr:
    """Sum of the terms of ``series`` whose small-parameter exponents are ``small_exps``."""
    return coefficient_series(series, small_exps).to_sympy()


def coefficient_series(series: Series, small_exps: tuple[int, ...]) -> Series:
    """:func:`coefficient_of` as a series (the small parameters divided out)."""
    alg = series.alg
    part = series.part(lambda m: alg.small_exponents(m) == small_exps)
    strip = tuple(-e for e in small_exps)
    idx = alg.small_idx
    mono = [0] * (max(idx) + 1)
    for k, i in enumerate(idx):
        mono[i] = strip[k]
    while mono and mono[-1] == 0:
        mono.pop()
    return part.shift(tuple(mono))


def rewrite_moduli(expr: sp.Expr) -> sp.Expr:
    """``|x|**(2k)`` -> ``(x*conjugate(x))**k``; ``|x|`` of a sign-definite ``x`` -> ``±x``.

    Raises
    ------
    InputError
        An odd power of the modulus of a quantity that may be complex or
        change sign (not a polynomial in ``x`` and ``conjugate(x)``).
    """
    if not expr.has(sp.Abs):
        return expr

    def even_power(e: sp.Expr) -> bool:
        return (e.is_Pow and isinstance(e.base, sp.Abs) and e.exp.is_Integer
                and int(e.exp) % 2 == 0)

    def square_out(e: sp.Pow) -> sp.Expr:
        inner = e.base.args[0]
        return (inner * sp.conjugate(inner)) ** (int(e.exp) // 2)

    expr = expr.replace(even_power, square_out)

    def signed(e: sp.Abs) -> sp.Expr:
        inner = e.args[0]
        if inner.is_nonnegative:
            return inner
        if inner.is_nonpositive:
            return -inner
        raise InputError(
            f"|{inner}| with an odd power is not a polynomial in {inner} and its conjugate; "
            f"write |{inner}|^2 or declare the sign of its symbols"
        )

    return expr.replace(lambda e: isinstance(e, sp.Abs), signed)


def _taylor(expr: sp.Expr, small: list[sp.Symbol], total: int) -> sp.Expr:
    """Taylor expansion of ``expr`` in all ``small`` parameters to total degree ``total``."""
    if total > MAX_TAYLOR_ORDER:
        raise InputError(
            f"closed form needs an expansion to total order {total} (limit "
            f"{MAX_TAYLOR_ORDER}); expand it by hand"
        )
    t = sp.Dummy("t", positive=True)
    scaled = expr.xreplace({s: t * s for s in small})
    try:
        expanded = sp.series(scaled, t, 0, total + 1).removeO()
    except (ValueError, NotImplementedError, TypeError) as exc:
        raise InputError(f"cannot expand the closed form {expr} in {small}: {exc}") from None
    if expanded.has(sp.Order) or expanded.has(sp.log(t)):
        raise InputError(f"the closed form {expr} has no power series in {small}")
    return sp.expand(expanded.xreplace({t: sp.Integer(1)}))


def claim_series(alg: Algebra, expr: sp.Expr, bounds: tuple[float, ...]) -> Series:
    """A claimed formula as a series of ``alg`` exact up to ``bounds``.

    Polynomial formulas (with ``conjugate`` and symbolic exponents) convert
    directly.  Moduli are rewritten (:func:`rewrite_moduli`); a formula that is
    not polynomial in the small parameters is Taylor-expanded in them to the
    total order ``sum(bounds)`` (``sqrt(M**2/4 + m**2)`` -> ``M/2 + m**2/M - ...``).
    """
    return SeriesConverter(alg).claim(expr, bounds)


class SeriesConverter:
    """Sympy formulas -> series of one algebra, each sub-expression converted once.

    ``converter(expr)`` equals ``to_series(alg, expr.subs(replace))`` for the
    formulas the series algebra reads: symbols of ``replace`` become the series
    of their replacement (simultaneous substitution), sums, products and integer
    powers are combined in the series kernel, and every distinct sub-expression
    is converted only once per converter (a table of printed formulas repeats
    its symbols and denominators).  :meth:`claim` adds what :func:`claim_series`
    does for claimed formulas (moduli, Taylor expansion of closed forms).

    Parameters
    ----------
    alg : Algebra
        Target algebra of every conversion.
    replace : mapping, optional
        Symbol -> expression, substituted while converting.

    Attributes
    ----------
    conversions : int
        Number of sub-expressions converted so far (memo misses): the cost
        counter the tests pin.
    """

    def __init__(self, alg: Algebra, replace: Mapping[sp.Symbol, sp.Expr] | None = None) -> None:
        self.alg = alg
        self.replace = {sp.sympify(k): sp.sympify(v) for k, v in (replace or {}).items()}
        if any(not k.is_Symbol for k in self.replace):
            raise ValueError("SeriesConverter replaces symbols only")
        self._memo: dict[sp.Expr, Series] = {}
        self.conversions = 0

    def __call__(self, expr) -> Series:
        """``expr`` (after the substitution) as a series of the algebra."""
        expr = sp.sympify(expr)
        out = self._memo.get(expr)
        if out is None:
            self.conversions += 1
            out = self._convert(expr)
            self._memo[expr] = out
        return out

    def _convert(self, expr: sp.Expr) -> Series:
        alg = self.alg
        if expr.is_Symbol:
            value = self.replace.get(expr)
            return to_series(alg, expr) if value is None else _to_series_aligned(alg, value)
        if expr.is_Add:
            out = alg.zero()
            for arg in expr.args:
                out = out + self(arg)
            return out
        if expr.is_Mul:
            out = alg.one()
            for arg in expr.args:
                out = out * self(arg)
            return out
        if expr.is_Pow and expr.exp.is_Integer:
            return self(expr.base) ** int(expr.exp)
        if self.replace and expr.free_symbols & self.replace.keys():
            expr = expr.xreplace(self.replace)
        return _to_series_aligned(alg, expr)

    def claim(self, expr, bounds: tuple[float, ...]) -> Series:
        """A claimed formula as a series exact up to ``bounds`` (see :func:`claim_series`)."""
        expr = rewrite_moduli(sp.sympify(expr))
        try:
            return self(expr)
        except ValueError as exc:
            if "non-polynomially" not in str(exc):
                raise
        if self.replace:
            expr = expr.xreplace(self.replace)
        alg = self.alg
        finite = [int(b) for b in bounds[: len(alg.small_symbols)] if b != float("inf")]
        total = max(0, sum(finite))
        return _to_series_aligned(alg, _taylor(expr, list(alg.small_symbols), total))


def _exp_argument(expr: sp.Expr) -> sp.Expr | None:
    if expr is sp.E:
        return sp.Integer(1)
    if isinstance(expr, sp.exp):
        return expr.args[0]
    return None


def _integer_ratio(a: sp.Expr, b: sp.Expr) -> int | None:
    """``a / b`` when it is an exact integer number (exact arithmetic, no numeric search)."""
    ratio = a / b
    if not ratio.is_number:
        return None
    if not ratio.is_Rational:
        ratio = sp.cancel(sp.expand(a) / sp.expand(b))
    return int(ratio) if ratio.is_Integer else None


def _to_series_aligned(alg: Algebra, expr: sp.Expr) -> Series:
    """:func:`to_series` after writing exponentials as powers of the algebra's own.

    sympy writes ``E**2`` as ``exp(2)``, an opaque generator different from
    ``E``; a claim's ``exp(a)`` is therefore rewritten as ``g**k`` for an
    exponential generator ``g = exp(b)`` of the derived algebra with ``a = k b``
    (``k`` an integer), through a placeholder symbol that the generator
    registry maps to ``g`` while converting.
    """
    registry = alg.registry
    exp_gens = [(g.expr, _exp_argument(g.expr)) for g in registry.generators
                if _exp_argument(g.expr) is not None]
    atoms = [a for a in expr.atoms(sp.exp)] + ([sp.E] if expr.has(sp.E) else [])
    replace: dict[sp.Expr, sp.Expr] = {}
    placeholders: dict[sp.Symbol, int] = {}
    for atom in atoms:
        arg = _exp_argument(atom)
        for gen_expr, gen_arg in sorted(exp_gens, key=lambda item: -abs(complex(item[1]))
                                        if item[1].is_number else 0):
            if atom == gen_expr or arg is None or gen_arg == 0:
                continue
            ratio = _integer_ratio(arg, gen_arg)
            if ratio:
                placeholder = sp.Dummy("exp_generator")
                placeholders[placeholder] = registry.index_of[gen_expr]
                replace[atom] = placeholder ** ratio
                break
    if not replace:
        return to_series(alg, expr)
    # cross-branch: reads/writes GeneratorRegistry.index_of (algebra) only for the
    # placeholders, and removes them again.
    registry.index_of.update(placeholders)
    try:
        return to_series(alg, expr.xreplace(replace))
    finally:
        for placeholder in placeholders:
            registry.index_of.pop(placeholder, None)


def compare(
    equation: str,
    entry: list[int],
    printed: sp.Expr | Series,
    derived: Series,
    bounds: tuple[float, ...],
    *,
    reading: str | None = None,
    note: str = "",
    claim_word: str = "printed",
) -> Comparison:
    """Compare a printed formula with the derived series up to ``bounds``.

    Parameters
    ----------
    equation, entry : str, list[int]
        Printed equation label and 1-based entry.
    printed : sympy.Expr or Series
        The transcription, already written in the derivation's expansion
        variables (see e.g. ``Seed001Model.to_expansion_variables``), or its
        series in the algebra of ``derived`` (from a :class:`SeriesConverter`).
    derived : Series
        The engine's result (exact at least to ``bounds``).
    bounds : tuple
        Maximum exponent per small parameter, then weighted total.
    reading, note : str
        Stored in the comparison.
    claim_word : str
        How the message names the compared formula's coefficient: ``"printed"``
        (a paper) or ``"your"`` (a user's claim).
    """
    alg = derived.alg
    if isinstance(printed, Series):
        if printed.alg is not alg:
            raise ValueError(f"printed series for Eq. ({equation}) {entry} belongs to another "
                             "algebra than the derived one; convert it with a SeriesConverter "
                             "of the derived series' algebra")
        printed_series = printed
    else:
        printed_series = claim_series(alg, printed, bounds)
    difference = truncated_difference(equation, entry, printed_series, derived, bounds)
    derived_t = derived.truncate(bounds).to_sympy()
    # no term left in the difference: the two truncations have the same terms
    printed_t = (derived_t if difference.is_exact_zero()
                 else printed_series.truncate(bounds).to_sympy())
    if difference.is_zero():
        return Comparison(equation, list(entry), printed_t, derived_t, "agrees",
                          reading=reading, note=note)
    exps = lowest_differing(difference)
    order = {str(s): int(e) for s, e in zip(alg.small_symbols, exps)}
    monomial = sp.Mul(*[s**e for s, e in zip(alg.small_symbols, exps)])
    p_coeff = coefficient_of(printed_series, exps)
    d_coeff = coefficient_of(derived, exps)
    detail = (f"at {monomial}: {claim_word} coefficient {expression_text(p_coeff)}, "
              f"correct coefficient {expression_text(d_coeff)}")
    return Comparison(equation, list(entry), printed_t, derived_t, "differs",
                      lowest_differing_order=order, difference=difference.to_sympy(),
                      reading=reading, note=(note + "; " if note else "") + detail)


def truncated_difference(equation: str, entry: list[int], printed: Series, derived: Series,
                         bounds: tuple[float, ...]) -> Series:
    """``printed - derived`` up to ``bounds``; ``derived`` must be exact that far.

    Raises
    ------
    ValueError
        When ``derived`` is not exact to ``bounds`` (a longer derivation is needed).
    """
    if any(p < b for p, b in zip(derived.prec, bounds)):
        raise ValueError(f"derived series for Eq. ({equation}) {entry} is not exact to the "
                         "compared order; derive to a higher order")
    return (printed - derived).truncate(bounds)


def lowest_differing(difference: Series) -> tuple[int, ...]:
    """Small-parameter exponents of the lowest-order monomial of a non-zero difference."""
    alg = difference.alg
    lowest = min(difference.cleared().terms,
                 key=lambda m: (alg.degree(m), alg.small_exponents(m)))
    return alg.small_exponents(lowest)
