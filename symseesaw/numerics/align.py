"""Align an exact Takagi factorization with a reference (perturbative) one.

A Takagi factorization is unique only up to

* a permutation of the columns (with the masses),
* a sign flip per column (real orthogonal case) or a phase per column
  ``u_k -> e^{i phi} u_k``, ``m_k -> e^{2 i phi} m_k`` (unitary case),
* a rotation inside a group of exactly degenerate masses: a real orthogonal
  one for equal non-zero masses, a unitary (complex case) or orthogonal
  (real case) one for exact zero modes.

:func:`align_to_reference` uses this freedom to bring the exact columns as
close as possible to the reference columns, so that ``U_exact - U_ref``
measures the truncation error of the expansion only.  Every transformation
applied keeps ``U^T M U = diag(m)`` intact.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import mpmath

from symseesaw.numerics.takagi import as_mp_matrix, to_mp

__all__ = ["align_to_reference", "assignment"]


# ---------------------------------------------------------------------------
# assignment problem
# ---------------------------------------------------------------------------


def assignment(cost: Sequence[Sequence[float]]) -> list[int]:
    """Solve the square linear assignment problem (minimal total cost).

    Hungarian algorithm with potentials, ``O(n^3)``; no scipy needed.

    Parameters
    ----------
    cost : sequence of sequences of float
        ``cost[r][c]`` of assigning row ``r`` to column ``c`` (``n x n``).

    Returns
    -------
    list of int
        ``perm`` with row ``r`` assigned to column ``perm[r]``.
    """
    n = len(cost)
    if any(len(row) != n for row in cost):
        raise ValueError("assignment needs a square cost matrix")
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    owner, way = [0] * (n + 1), [0] * (n + 1)  # owner[c]: row (1-based) holding column c
    for row in range(1, n + 1):
        owner[0], col0 = row, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[col0] = True
            r0, delta, col1 = owner[col0], inf, 0
            for c in range(1, n + 1):
                if used[c]:
                    continue
                cur = cost[r0 - 1][c - 1] - u[r0] - v[c]
                if cur < minv[c]:
                    minv[c], way[c] = cur, col0
                if minv[c] < delta:
                    delta, col1 = minv[c], c
            for c in range(n + 1):
                if used[c]:
                    u[owner[c]] += delta
                    v[c] -= delta
                else:
                    minv[c] -= delta
            col0 = col1
            if owner[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            owner[col0] = owner[col1]
            col0 = col1
    perm = [0] * n
    for c in range(1, n + 1):
        perm[owner[c] - 1] = c - 1
    return perm


def _brute_force_assignment(cost: Sequence[Sequence[float]]) -> list[int]:
    """Reference solver by enumeration (tests only; ``n <= 8``)."""
    n = len(cost)
    best = min(itertools.permutations(range(n)), key=lambda p: sum(cost[r][p[r]] for r in range(n)))
    return list(best)


# ---------------------------------------------------------------------------
# degenerate groups
# ---------------------------------------------------------------------------


def _degenerate_groups(m: Sequence, tol: mpmath.mpf) -> tuple[list[int], list[list[int]]]:
    """Split indices into the zero-mode group and groups of equal masses.

    Returns
    -------
    zero : list of int
        Indices with ``|m| <= tol``.
    groups : list of list of int
        Transitive closure of ``|m_i - m_j| <= tol`` among the others; only
        groups with at least two members are returned.
    """
    zero = [i for i, x in enumerate(m) if abs(x) <= tol]
    rest = [i for i in range(len(m)) if i not in zero]
    label = {i: i for i in rest}
    for a, b in itertools.combinations(rest, 2):
        if abs(m[a] - m[b]) <= tol:
            old, new = label[b], label[a]
            for key, value in label.items():
                if value == old:
                    label[key] = new
    groups: dict[int, list[int]] = {}
    for i in rest:
        groups.setdefault(label[i], []).append(i)
    return zero, [g for g in groups.values() if len(g) > 1]


def _default_tol(m: Sequence) -> mpmath.mpf:
    """Degeneracy tolerance ``10**(-0.8*dps) * max|m|``."""
    scale = max((abs(x) for x in m), default=mpmath.mpf(0))
    return scale * mpmath.mpf(10) ** (-0.8 * mpmath.mp.dps)


# ---------------------------------------------------------------------------
# small linear-algebra helpers
# ---------------------------------------------------------------------------


def _sub(U: mpmath.matrix, cols: Sequence[int]) -> mpmath.matrix:
    """Columns ``cols`` of ``U`` as a new matrix."""
    out = mpmath.matrix(U.rows, len(cols))
    for new, old in enumerate(cols):
        for i in range(U.rows):
            out[i, new] = U[i, old]
    return out


def _put(U: mpmath.matrix, cols: Sequence[int], block: mpmath.matrix) -> None:
    """Write ``block`` into the columns ``cols`` of ``U`` (in place)."""
    for new, old in enumerate(cols):
        for i in range(U.rows):
            U[i, old] = block[i, new]


def _overlap(R: mpmath.matrix, U: mpmath.matrix, k: int, j: int) -> mpmath.mpc:
    """``<R_k, U_j> = sum_i conj(R_ik) U_ij``."""
    return mpmath.fsum(mpmath.conj(R[i, k]) * U[i, j] for i in range(U.rows))


def _procrustes(B: mpmath.matrix, real: bool) -> mpmath.matrix:
    """``W`` maximizing ``Re tr(B W)`` over unitary (or real orthogonal) ``W``."""
    if real:
        Br = mpmath.matrix(B.rows, B.cols)
        for i in range(B.rows):
            for j in range(B.cols):
                Br[i, j] = mpmath.re(B[i, j])
        P, _, V = mpmath.svd_r(Br)
        return V.T * P.T
    P, _, V = mpmath.svd_c(B)
    return V.H * P.H


# ---------------------------------------------------------------------------
# public entry point
# ---------------------------------------------------------------------------


def _scores(
    U: mpmath.matrix, R: mpmath.matrix, m: list, m_ref: list | None, groups: list[list[int]]
) -> list[list[float]]:
    """Cost matrix ``cost[k][j]`` of assigning exact column ``j`` to reference ``k``.

    The cost is ``-|<R_k, U_j>|^2``; for members of a degenerate group the
    overlap with the whole group subspace is used instead, because the
    columns inside the group are rotated afterwards.  Reference masses, when
    given, break ties with a weight ``1e-6``.
    """
    n = U.rows
    raw = [[abs(_overlap(R, U, k, j)) ** 2 for j in range(n)] for k in range(n)]
    for group in groups:
        for k in range(n):
            total = mpmath.fsum(raw[k][j] for j in group)
            for j in group:
                raw[k][j] = total
    cost = [[-float(raw[k][j]) for j in range(n)] for k in range(n)]
    if m_ref is not None:
        for k in range(n):
            for j in range(n):
                a, b = abs(m[j]), abs(m_ref[k])
                gap = abs(a - b) / max(a, b) if max(a, b) else 0
                cost[k][j] += 1e-6 * float(gap)
    return cost


def _group_reference_costs(
    cost: list[list[float]], U: mpmath.matrix, R: mpmath.matrix, ref_groups: Sequence[Sequence[int]]
) -> None:
    """Cost of a reference-group member: overlap with the span of the whole group (in place)."""
    for group in ref_groups:
        members = [int(k) for k in group]
        if any(k < 0 or k >= U.cols for k in members):
            raise ValueError(
                f"ref_groups member out of range in {list(group)}: columns are 0..{U.cols - 1}"
            )
        for j in range(U.cols):
            span = -float(mpmath.fsum(abs(_overlap(R, U, k, j)) ** 2 for k in members))
            for k in members:
                cost[k][j] = span


def _phase_adjusted_reference(
    R: mpmath.matrix, cols: Sequence[int], m: list, m_ref: list | None
) -> mpmath.matrix:
    """Reference columns with the mass phases divided out (complex case).

    Inside a group of equal masses ``mu`` only ``U_G O D`` (``O`` real
    orthogonal, ``D`` diagonal phases) keeps ``U^T M U`` diagonal.  A
    reference column with mass ``m_ref_k ~ mu e^{2 i phi_k}`` is, up to the
    expansion error, ``e^{i phi_k}`` times a real combination of the exact
    columns; dividing by ``e^{i phi_k}`` leaves a pure orthogonal fit.
    """
    RG = _sub(R, cols)
    if m_ref is None:
        return RG
    for new, old in enumerate(cols):
        ratio = m_ref[old] / m[old] if m[old] != 0 else 0
        if ratio == 0:
            continue
        half = mpmath.sqrt(abs(ratio) / ratio)  # e^{-i phi_k}, sign absorbed by O
        for i in range(RG.rows):
            RG[i, new] *= half
    return RG


def _rotate_groups(
    U: mpmath.matrix,
    R: mpmath.matrix,
    masses: tuple[list, list | None],
    groups: tuple[list[int], list[list[int]]],
    real: bool,
) -> None:
    """Procrustes-rotate each degenerate group onto the reference (in place)."""
    m, m_ref = masses
    zero, nonzero = groups
    if len(zero) > 1:
        UG = _sub(U, zero)
        _put(U, zero, UG * _procrustes(_sub(R, zero).H * UG, real))
    for cols in nonzero:  # equal non-zero masses: real orthogonal rotations only
        UG = _sub(U, cols)
        RG = _sub(R, cols) if real else _phase_adjusted_reference(R, cols, m, m_ref)
        _put(U, cols, UG * _procrustes(RG.H * UG, True))


def _rephase(U: mpmath.matrix, R: mpmath.matrix, m: list, real: bool) -> None:
    """Make every overlap ``<R_k, U_k>`` real non-negative (in place)."""
    for k in range(U.cols):
        z = _overlap(R, U, k, k)
        if real:
            factor, mass_factor = (-1, 1) if mpmath.re(z) < 0 else (1, 1)
        elif z == 0:
            continue
        else:
            factor = abs(z) / z  # e^{i phi} with phi = -arg z
            mass_factor = factor**2
        for i in range(U.rows):
            U[i, k] *= factor
        m[k] *= mass_factor


def align_to_reference(
    U_exact: object,
    m_exact: Sequence,
    U_ref: object,
    m_ref: Sequence | None = None,
    *,
    real: bool | None = None,
    tol: object = None,
    ref_groups: Sequence[Sequence[int]] = (),
) -> tuple[mpmath.matrix, list]:
    """Permute, rephase and rotate exact Takagi columns onto reference columns.

    Parameters
    ----------
    U_exact : mpmath.matrix or convertible
        Exact ``U`` with ``U^T M U = diag(m_exact)`` (e.g. from
        :func:`~symseesaw.numerics.takagi.takagi`).
    m_exact : sequence
        Masses belonging to the columns of ``U_exact``.
    U_ref : mpmath.matrix or convertible
        Reference (e.g. perturbative) ``n x n`` matrix in the same
        ``U^T M U`` convention.
    m_ref : sequence, optional
        Reference masses (same order as ``U_ref``).  Used to break ties
        between columns with the same overlap and, in the complex case, to
        divide the mass phases out of the reference columns before rotating
        inside a group of equal non-zero masses.
    real : bool or None, optional
        ``True``: only sign flips / orthogonal rotations are applied and the
        masses keep their signs.  ``False``: column phases ``e^{i phi}`` are
        chosen so that ``<ref_k, exact_k>`` is real positive and ``m_k`` is
        multiplied by ``e^{2 i phi}``.  ``None`` (default): ``True`` iff
        ``U_exact`` and ``m_exact`` are real.
    tol : number, optional
        Masses closer than ``tol`` count as exactly degenerate, ``|m| <= tol``
        as zero modes.  Default ``10**(-0.8*mp.dps) * max|m|``.
    ref_groups : sequence of sequences of int, optional
        Groups of reference columns (quasi-degenerate states) whose individual
        columns are not meaningful, only their span.  An exact column is
        assigned to a member of such a group by its overlap with the span of
        the whole group, so the exact columns of a group are the ones that
        best span the reference subspace (in some order inside the group).

    Returns
    -------
    U : mpmath.matrix
        Aligned columns; ``U^T M U = diag(m)`` still holds.
    m : list
        Masses in the new column order (with phases in the complex case).

    Notes
    -----
    Columns are matched by maximizing ``sum_k |<ref_k, exact_perm(k)>|^2``
    (Hungarian algorithm).  Degenerate groups are then rotated by a
    Procrustes fit: unitary for zero modes in the complex case, real
    orthogonal for zero modes in the real case and for equal non-zero masses
    (the only rotations that keep ``U^T M U`` diagonal).  In the complex
    case the rotation of an equal non-zero-mass group is optimal only when
    ``m_ref`` is given (the phases ``e^{2 i phi_k}`` of the reference masses
    fix the diagonal phase part of the group freedom ``O D``); without it the
    orthogonal fit uses ``Re <ref, exact>`` and may be suboptimal.
    """
    U = as_mp_matrix(U_exact)
    R = as_mp_matrix(U_ref)
    m = [to_mp(x) for x in m_exact]
    n = U.rows
    if U.cols != n or (R.rows, R.cols) != (n, n) or len(m) != n:
        raise ValueError(
            f"shapes do not match: U_exact {U.rows}x{U.cols}, U_ref {R.rows}x{R.cols}, "
            f"{len(m)} masses; all must describe the same n x n problem"
        )
    ref_masses = None if m_ref is None else [to_mp(x) for x in m_ref]
    if real is None:
        real = all(mpmath.im(x) == 0 for x in m) and all(
            mpmath.im(U[i, j]) == 0 for i in range(n) for j in range(n)
        )
    zero, groups = _degenerate_groups(m, _default_tol(m) if tol is None else to_mp(tol))
    cost = _scores(U, R, m, ref_masses, ([zero] if zero else []) + groups)
    _group_reference_costs(cost, U, R, ref_groups)
    perm = assignment(cost)
    U, m = _sub(U, perm), [m[j] for j in perm]
    zero, groups = _degenerate_groups(m, _default_tol(m) if tol is None else to_mp(tol))
    _rotate_groups(U, R, (m, ref_masses), (zero, groups), real)
    _rephase(U, R, m, real)
    return U, m
