"""Entry-by-entry comparison of printed formulas with derived series.

Both sides are brought into the same series algebra and their difference is
truncated at the order the derivation is exact to; the verdict is *agrees*
when nothing survives, otherwise *differs* with the lowest-order monomial of
the difference and the printed and correct coefficients of that monomial.
"""

from __future__ import annotations

import sympy as sp

from .algebra.convert import to_series
from .algebra.series import Series
from .result import Comparison


def coefficient_of(series: Series, small_exps: tuple[int, ...]) -> sp.Expr:
    """Sum of the terms of ``series`` whose small-parameter exponents are ``small_exps``."""
    alg = series.alg
    part = series.part(lambda m: alg.small_exponents(m) == small_exps)
    strip = tuple(-e for e in small_exps)
    idx = alg.small_idx
    mono = [0] * (max(idx) + 1)
    for k, i in enumerate(idx):
        mono[i] = strip[k]
    while mono and mono[-1] == 0:
        mono.pop()
    return part.shift(tuple(mono)).to_sympy()


def compare(
    equation: str,
    entry: list[int],
    printed: sp.Expr,
    derived: Series,
    bounds: tuple[float, ...],
    *,
    reading: str | None = None,
    note: str = "",
) -> Comparison:
    """Compare a printed formula with the derived series up to ``bounds``.

    Parameters
    ----------
    equation, entry : str, list[int]
        Printed equation label and 1-based entry.
    printed : sympy.Expr
        The transcription, already written in the derivation's expansion
        variables (see e.g. ``Seed001Model.to_expansion_variables``).
    derived : Series
        The engine's result (exact at least to ``bounds``).
    bounds : tuple
        Maximum exponent per small parameter, then weighted total.
    """
    alg = derived.alg
    if any(p < b for p, b in zip(derived.prec, bounds)):
        raise ValueError(f"derived series for Eq. ({equation}) {entry} is not exact to the "
                         "compared order; derive to a higher order")
    printed_series = to_series(alg, printed)
    difference = (printed_series - derived).truncate(bounds)
    derived_t = derived.truncate(bounds).to_sympy()
    printed_t = printed_series.truncate(bounds).to_sympy()
    if difference.is_zero():
        return Comparison(equation, list(entry), printed_t, derived_t, "agrees",
                          reading=reading, note=note)
    lowest = min(difference.cleared().terms, key=lambda m: (alg.degree(m), alg.small_exponents(m)))
    exps = alg.small_exponents(lowest)
    order = {str(s): int(e) for s, e in zip(alg.small_symbols, exps)}
    monomial = sp.Mul(*[s**e for s, e in zip(alg.small_symbols, exps)])
    p_coeff = coefficient_of(printed_series, exps)
    d_coeff = coefficient_of(derived, exps)
    detail = (f"at {monomial}: printed coefficient {sp.sstr(p_coeff, order='none')}, "
              f"correct coefficient {sp.sstr(d_coeff, order='none')}")
    return Comparison(equation, list(entry), printed_t, derived_t, "differs",
                      lowest_differing_order=order, difference=difference.to_sympy(),
                      reading=reading, note=(note + "; " if note else "") + detail)
