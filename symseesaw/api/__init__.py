"""High-level API: seesaw expansions of a symbolic Majorana mass matrix.

Two modes share the pipeline sympy input -> series algebra -> seesaw block
diagonalization (-> perturbative diagonalization of each block):

* :func:`seesaw_expansion` (``mode="full"``): mixing matrix ``U`` and masses;
* :func:`seesaw_blocks` (``mode="blocks"``): the block diagonalization alone --
  light and heavy effective mass matrices, the unitary ``W``, the active-heavy
  mixing ``Theta`` and the non-unitarity ``eta`` -- for any real or complex
  texture (no leading basis needed).

:func:`diagonalize` applies the second step alone to one matrix (no seesaw);
:func:`as_series` and :func:`reexpress` let a script combine a result's series
with sympy input or re-read it in other small parameters; :mod:`symseesaw.api.sectors`
(:func:`series_algebra`, :func:`exact_series`, :func:`diagonalize_series`) lets it
diagonalize several matrices in one algebra and multiply the results.

Orders are *relative* and order 0 is the leading order (see
:mod:`symseesaw.expansion`): with ``small={eps: 2}`` the mixing matrices keep
terms up to ``eps**2`` and every mass (every effective block entry) keeps
corrections up to ``eps**2`` relative to its whole leading part.

Working orders. The engine computes in an algebra truncated beyond the
requested orders by a *margin* per small parameter, planned before any
truncation from the exact blocks (light masses are of second order in
``M_D M_R^-1`` and of first order in ``M_L``). If a quantity then turns out to
need more (a light mass suppressed by a small entry of ``M_R``, as ``mu`` in
the inverse seesaw, or by cancellations), only the parameters that fell short
are raised, by their shortfall, and the expansion is repeated. A light mass
that vanishes at every working order although the exact matrix has no
corresponding zero mode is an error, never a silent ``0``.

Cost guard. Before the arithmetic of each working round, the work is estimated
from the truncation alone (:func:`~symseesaw.api._planning.work_estimate`: the
matrix size cubed times the pairs of small-parameter monomials a product can
combine); above :data:`~symseesaw.parsing.limits.MAX_WORK_ESTIMATE` the request
is refused at once with a one-line :class:`~symseesaw.parsing.limits.InputError`
unless ``allow_slow=True`` (or inside :func:`slow_allowed`).

The package, one module per concern: :mod:`symseesaw.api._planning` (input
checks and working orders, shared), :mod:`symseesaw.api.full`,
:mod:`symseesaw.api.blocks`, :mod:`symseesaw.api.single` and
:mod:`symseesaw.api.sectors` (series-level helpers for paper reproductions).
"""

from ..expansion import SeesawBlocks, SeesawExpansion
from ._planning import MAX_MARGIN, slow_allowed, work_estimate
from .blocks import seesaw_blocks
from .full import seesaw_expansion
from .sectors import (
    INF,
    Algebra,
    Series,
    SeriesDiagonalization,
    SeriesMatrix,
    SeriesRebase,
    SeriesRenamer,
    diagonalize_series,
    exact_series,
    series_algebra,
)
from .single import as_series, diagonalize, reexpress

__all__ = ["SeesawBlocks", "SeesawExpansion", "seesaw_blocks", "seesaw_expansion",
           "MAX_MARGIN", "as_series", "diagonalize", "reexpress", "slow_allowed",
           "work_estimate", "INF", "Algebra", "Series", "SeriesMatrix", "SeriesDiagonalization",
           "SeriesRebase", "SeriesRenamer", "diagonalize_series", "exact_series",
           "series_algebra"]
