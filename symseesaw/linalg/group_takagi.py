"""Quasi-degenerate two-state groups in full mode: their exact Takagi values and vectors.

A two-state group is kept as an exact 2x2 block by the perturbative
diagonalization (:mod:`symseesaw.linalg.perturb`). Its masses and mixing are
the closed-form Takagi values and vectors of that block
(:func:`symseesaw.linalg.groups.takagi_2x2`). Here they become part of the
series results: each closed form is one exact generator of order 0 (an
opaque expression in the parameters), so that ``U = W V Q`` stays a series
matrix and every view of it (sympy, ``by_order``, LaTeX, JSON, lambdify)
carries the rotation. :func:`group_vector_need` says how precisely the
group's block must be known for the vectors to be right to a given order.
"""

from __future__ import annotations

import sympy as sp
from sympy.external.gmpy import MPQ

from ..algebra.matrix import SeriesMatrix
from ..algebra.series import Algebra, Series
from .groups import QuasiDegenerateGroup
from .orders import enclosing_bounds, leading_exponents, relative_region

__all__ = ["group_vector_need", "opaque", "group_takagi"]


def group_vector_need(alg: Algebra, group: QuasiDegenerateGroup, order) -> tuple[float, ...] | None:
    """Precision the exact block of a two-state group needs for its Takagi vectors to ``order``.

    None for groups without unique vectors (more than two states, exactly degenerate).
    """
    if not group.has_closed_form_vectors:
        return None
    parts, shift = group.splitting_parts()
    lead = leading_exponents(alg, parts)
    if not lead:
        return None
    need = enclosing_bounds(relative_region(alg, lead, order), len(alg.small))
    return tuple(b - s for b, s in zip(need, shift))


def opaque(alg: Algebra, expr: sp.Expr) -> Series:
    """``expr`` (a closed form in the parameters) as a series of order 0: one exact generator."""
    if expr.is_Rational:
        return alg.const(MPQ(int(expr.p), int(expr.q)))
    if expr.could_extract_minus_sign():
        return -alg.gen(alg.registry.symbol(-expr))
    return alg.gen(alg.registry.symbol(expr))


def group_takagi(alg: Algebra, n: int, blocks, mass_bounds, order):
    """Exact Takagi vectors and values of the quasi-degenerate groups, as series.

    Returns the block-diagonal unitary ``Q`` (identity outside the two-state
    groups with unique vectors) that turns the group's columns of ``U`` into
    mass eigenvectors, and ``{state: mass}`` for every two-state group. Their
    closed forms (:func:`symseesaw.linalg.groups.takagi_2x2`) enter the series
    as exact generators of order 0, so that every view of the result (sympy,
    ``by_order``, LaTeX, JSON, lambdify) carries them. The vectors are built
    first: where the masses need the block to the same precision, the same
    closed form gives them (one factorization per pair and precision). An
    automatically found group of more states has no polynomial masses and is
    refused in full mode.
    """
    rows = [[alg.one() if i == j else alg.zero() for j in range(n)] for i in range(n)]
    masses = {}
    for offset, res in blocks:
        for group in res.groups:
            states = [offset + i for i in group.indices]
            need = group_vector_need(alg, group, order)
            vectors = None if need is None else group.group_vectors(need)
            values = group.group_masses(mass_bounds[states[0]])
            if values is None and not group.reason.startswith("declared"):
                raise NotImplementedError(
                    f"states {', '.join(str(k + 1) for k in states)} form a group "
                    f"({group.reason}); {group.note}: give the leading-order basis "
                    "(light_basis=/heavy_basis=) or use blocks mode")
            for k, value in zip(states, values or ()):
                masses[k] = opaque(alg, value)
            if vectors is None:
                continue
            for a, i in enumerate(states):
                for b, j in enumerate(states):
                    rows[i][j] = opaque(alg, vectors[a, b])
    return SeriesMatrix(alg, rows), masses
