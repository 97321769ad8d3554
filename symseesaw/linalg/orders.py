"""Relative orders: the leading part of a quantity and the region kept beyond it.

A mass, or an effective mass block, is kept relative to its *whole leading
part*: the terms whose small-parameter exponent vector is minimal (no other
term has exponents that are all lower or equal). A term is kept if it lies
within the requested orders of *some* leading term (and, with a total order,
within it of its weighted degree). See :mod:`symseesaw.expansion` for the
counting of the whole package; these functions serve the engine (``api``)
and the linear algebra of quasi-degenerate groups alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..algebra.series import INF, Algebra, Series

__all__ = ["Box", "leading_exponents", "relative_region", "enclosing_bounds",
           "truncate_relative"]

Box = tuple[float, ...]


def leading_exponents(alg: Algebra, terms: Iterable[Series]) -> list[tuple[int, ...]]:
    """Minimal small-parameter exponent vectors of the terms of ``terms``.

    Parameters
    ----------
    alg : Algebra
        The algebra of the series.
    terms : iterable of Series
        One series, or all entries of a matrix (the leading part of a block is
        the leading part of all its entries together).

    Returns
    -------
    list of tuple of int
        The exponent vectors (one entry per small parameter) that no other
        term undercuts in every parameter, sorted.
    """
    vectors = {alg.small_exponents(m) for s in terms for m in s.terms}
    if vectors and all(b == INF for b in alg.box):
        # only the total order truncates (expansions along rays s = t * s0, whose
        # terms may hold ratios of small parameters): the lowest total degree leads
        low = min(alg.small_degree(v) for v in vectors)
        return sorted(v for v in vectors if alg.small_degree(v) == low)
    if any(b == INF for b in alg.box):
        # a parameter without box (light_scales: t^4/R beside t^2 R) may have negative
        # powers; such a term is a correction, never the leading part
        vectors = {v for v in vectors if min(v) >= 0} or vectors
    minimal = [v for v in vectors
               if not any(w != v and all(a <= b for a, b in zip(w, v)) for w in vectors)]
    return sorted(minimal)


def relative_region(alg: Algebra, leading: Sequence[tuple[int, ...]], order: Box
                    ) -> list[Box]:
    """Boxes ``lead + order`` (per parameter, then weighted total), one per leading vector."""
    boxes = []
    for lead in leading:
        degree = sum(w * e for w, e in zip(alg.weight_list, lead))
        boxes.append((*[e + o for e, o in zip(lead, order[:-1])], degree + order[-1]))
    return boxes


def enclosing_bounds(boxes: Sequence[Box], n_small: int) -> Box:
    """Smallest single box holding every box of ``boxes`` (zeros when empty)."""
    if not boxes:
        return (0,) * (n_small + 1)
    return tuple(max(b[k] for b in boxes) for k in range(n_small + 1))


def truncate_relative(series: Series, boxes: Sequence[Box]) -> Series:
    """Keep the terms of ``series`` that lie in at least one of ``boxes``."""
    alg = series.alg
    within = alg.within
    if not boxes:
        return series.part(lambda m: False)
    if len(boxes) == 1:
        return series.truncate(boxes[0])
    return series.part(lambda m: any(within(m, b) for b in boxes))
