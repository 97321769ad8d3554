"""Seed 001, Appendix A.2, normal ordering with ``R = m_2/m_3`` small inside the diagonalization.

The appendix derivation (:mod:`symseesaw.papers.seed001._appendix_nu`) keeps
``M_2`` exact, so the light splitting ``m_3^(0) - m_2^(0)`` is an exact atom,
and expands the finished result in ``R`` by substituting
``M_2 = 2 e_2^2 M_3 R / (3 e_1^2)``. Here the same substitution is given to the
engine (``light_scales``): it is made after the seesaw block diagonalization
and before the light block is diagonalized, so the light state of leading
mass ``R m_3^(0)`` is expanded in ``R`` (first order, as the appendix prints)
inside the perturbative diagonalization. :func:`derive_sector_r_inside` returns
the same :class:`~symseesaw.papers.seed001._appendix_nu.NeutrinoSector` record
as the appendix, so its comparisons (verdicts) can be computed from either.
"""

from __future__ import annotations

import sympy as sp

from symseesaw import reexpress, seesaw_expansion
from symseesaw.api import SeesawExpansion
from symseesaw.papers.seed001 import _appendix_nu as nu
from symseesaw.papers.seed001 import model as paper

#: Orders asked of the engine: relative ``t^4`` (the heavy masses' bracket to
#: epsilon^2 needs it beside ``M_3``), ``r_1^2`` and ``R^1``.
ORDERS = {nu.t: 4, nu.r1: 2, nu.R: 1}
#: The appendix's algebra for the comparisons (``R`` kept to third order).
SECTOR_SMALL = {nu.t: 4, nu.r1: 2, nu.R: 3}


def expansion_r_inside(dirac_prime: sp.Matrix) -> SeesawExpansion:
    """The normal-ordering 5x5 through the public API with ``R`` a small parameter."""
    matrix = nu.five_by_five("NO", dirac_prime)
    return seesaw_expansion(matrix, 3, dict(ORDERS), light_basis=paper.tri_bimaximal(),
                            convention="Udag_M_Ustar",
                            light_scales=nu._m2_elimination("NO"))


def derive_sector_r_inside(dirac_prime: sp.Matrix,
                           expansion: SeesawExpansion | None = None) -> nu.NeutrinoSector:
    """The appendix record of the normal ordering, derived with ``R`` small inside.

    ``expansion``: the result of :func:`expansion_r_inside` if already computed.
    """
    if expansion is None:
        expansion = expansion_r_inside(dirac_prime)
    sector = reexpress(expansion, SECTOR_SMALL, {nu.kappa: nu.chi_h - nu.rho3_h})
    alg = sector.algebra
    mixing_bounds = (*[nu.MIXING_ORDER[s] for s in alg.small_symbols], float("inf"))
    return nu.NeutrinoSector("NO", nu.five_by_five("NO", dirac_prime), alg,
                             [list(row) for row in sector.series("mixing").rows],
                             sector.series("masses"), nu._mass_bounds(alg, "NO"),
                             mixing_bounds, dict(SECTOR_SMALL))


__all__ = ["ORDERS", "expansion_r_inside", "derive_sector_r_inside"]
