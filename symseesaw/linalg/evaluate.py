"""Numeric value of series, term by term, from the values of the algebra's generators.

A series is a sum of ``coefficient * product of generator powers``
(generators: small parameters, symbols, conjugates, surds, ``i``, atoms
``1/P``). Evaluating it needs no sympy expression: tabulate its terms once
(:func:`term_tables`), give a number to every generator it uses, and sum
(:func:`evaluate_tables`, mpmath at the current precision). Shared by the
rank guard of the expansion (:func:`symseesaw.light_guard.series_rank`) and
the numeric callables of the numerics layer
(:func:`symseesaw.numerics.lambdify.lambdify_series`), which sit on either
side of the expansion layer.
"""

from __future__ import annotations

from collections.abc import Sequence

import mpmath

from ..algebra.series import Series

__all__ = ["TermRow", "evaluate_tables", "term_tables"]

#: One term: numerator, denominator, ``(position of the generator, exponent)`` pairs.
TermRow = tuple[int, int, tuple[tuple[int, int], ...]]


def term_tables(entries: Sequence[Series]) -> tuple[list[int], list[list[TermRow]]]:
    """The generators the entries use and every entry's terms as rows.

    Parameters
    ----------
    entries : sequence of Series
        Series of one algebra.

    Returns
    -------
    used : list of int
        Indices (in the algebra's registry) of the generators that occur, ascending.
    tables : list of list of TermRow
        Per entry, its terms; a generator is named by its position in ``used``.
    """
    used = sorted({i for s in entries for m in s.terms for i, e in enumerate(m) if e})
    position = {g: k for k, g in enumerate(used)}
    tables = []
    for s in entries:
        rows = []
        for mono, coeff in s.terms.items():
            powers = tuple((position[i], e) for i, e in enumerate(mono) if e)
            rows.append((int(coeff.numerator), int(coeff.denominator), powers))
        tables.append(rows)
    return used, tables


def evaluate_tables(tables: Sequence[Sequence[TermRow]], generators: Sequence) -> list:
    """Value of every tabulated entry (mpmath, current precision).

    ``generators[k]`` is the value of the ``k``-th used generator (see
    :func:`term_tables`).
    """
    out = []
    for rows in tables:
        total = mpmath.mpf(0)
        for num, den, powers in rows:
            term = mpmath.mpf(num) / den
            for k, e in powers:
                term *= generators[k] ** e
            total += term
        out.append(total)
    return out
