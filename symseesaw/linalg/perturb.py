"""Perturbative Takagi diagonalization of a symmetric block around a leading basis.

Given a complex symmetric series matrix ``H`` and a unitary leading-order basis
``V0`` that diagonalizes its lowest-order part, we build ``V = V0 (1 + X)``
order by order in the weighted total degree of the small parameters, with

* unitarity: ``X_n + X_n^dagger = -sum_{k<n} X_k^dagger X_{n-k}`` (Hermitian
  part fixed by lower orders);
* congruence: ``(1 + X)^T (V0^T H V0) (1 + X) = diag`` at each order.

The anti-Hermitian part ``K`` of ``X_n`` solves ``d_i K_ij - d_j K_ij^* = r_ij``:
``K_ij = r_ij / (d_i - d_j)`` for real matrices (orthogonal ``V``, signed
masses) and ``K_ij = (r_ij d_i^* + d_j r_ij^*) / (|d_i|^2 - |d_j|^2)`` in general.
Diagonal entries of ``K`` are set to zero, so complex masses keep their phases.

States declared quasi-degenerate are only decoupled from the other states;
inside such a group the effective block is returned exactly (not expanded).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.external.gmpy import MPQ

from ..algebra.matrix import SeriesMatrix
from ..algebra.series import INF, Series


class DegenerateSplittingError(ValueError):
    """A leading-order splitting vanishes and no quasi-degenerate group was declared."""


@dataclass
class BlockDiagonalizationResult:
    """Result of :func:`diagonalize_block`.

    Attributes
    ----------
    V : SeriesMatrix
        Unitary with ``V^T H V = diag(masses)`` (up to the exact group blocks).
    masses : list[Series]
        Diagonal of ``V^T H V``.
    diagonal : SeriesMatrix
        ``V^T H V`` itself (exact effective blocks of quasi-degenerate groups
        remain as off-diagonal entries).
    leading_degree : int
        Weighted total degree of the leading part.
    leading_masses : list[Series]
        Leading-order diagonal ``d_i``.
    valid : tuple
        Per small parameter (and total) relative order up to which ``V`` is exact.
    """

    V: SeriesMatrix
    masses: list[Series]
    diagonal: SeriesMatrix
    leading_degree: int
    leading_masses: list[Series]
    valid: tuple[float, ...]


def _group_of(n: int, groups: Sequence[Sequence[int]]) -> list[int]:
    label = list(range(n))
    for g, members in enumerate(groups):
        for i in members:
            if not 0 <= i < n:
                raise ValueError(f"quasi-degenerate state {i + 1} outside the block of size {n}")
            label[i] = n + g
    return label


def _check_unitary(V0: SeriesMatrix) -> None:
    n = V0.shape[0]
    if V0.shape != (n, n):
        raise ValueError(f"leading basis must be square, got {V0.shape}")
    gram = V0.H @ V0 - SeriesMatrix.identity(V0.alg, n)
    if not gram.is_zero():
        raise ValueError("leading basis is not unitary: V0^dagger V0 != 1 (normalize the columns)")


MAX_AUTOMATIC_BASIS = 4


def find_leading_basis(H: SeriesMatrix, quasi_degenerate: Sequence[Sequence[int]] = ()
                       ) -> SeriesMatrix:
    """Orthonormal leading-order eigenvectors of ``H`` when they are easy to find.

    Returns the identity when the leading part is already diagonal (outside the
    declared groups). Otherwise, for real blocks up to 4x4, the eigenvectors of
    the leading part are computed with ``sympy.Matrix.eigenvects`` and
    normalized; the columns follow sympy's order of the eigenvalues.

    Raises
    ------
    NotImplementedError
        When no exactly normalizable basis is found: give the basis explicitly.
    """
    alg = H.alg
    n = H.shape[0]
    identity = SeriesMatrix.identity(alg, n)
    d0 = H.min_degree()
    if d0 == INF:
        return identity
    lead = H.degree_part(d0)
    label = _group_of(n, quasi_degenerate)
    if all(not lead[i, j].terms for i in range(n) for j in range(n)
           if i != j and label[i] != label[j]):
        return identity
    hint = "give the leading-order basis explicitly (light_basis=... / heavy_basis=...)"
    if n > MAX_AUTOMATIC_BASIS or not all(g.real for g in alg.registry.generators):
        raise NotImplementedError(
            "the leading-order block is not diagonal and the engine only finds bases of real "
            f"blocks up to {MAX_AUTOMATIC_BASIS}x{MAX_AUTOMATIC_BASIS}; " + hint)
    columns = []
    for _, _, vectors in lead.to_sympy().eigenvects(simplify=False):
        for v in sp.GramSchmidt(list(vectors)):
            columns.append(v / sp.sqrt(sp.expand(v.dot(v))))
    try:
        basis = SeriesMatrix.from_sympy(alg, sp.Matrix.hstack(*columns))
        _check_unitary(basis)
    except (ValueError, ZeroDivisionError) as exc:
        raise NotImplementedError(f"no exactly normalized leading basis found ({exc}); "
                                  + hint) from exc
    return basis


def diagonalize_block(
    H: SeriesMatrix,
    V0: SeriesMatrix | None = None,
    *,
    quasi_degenerate: Sequence[Sequence[int]] = (),
    real: bool | None = None,
    state_names: Sequence[str] | None = None,
) -> BlockDiagonalizationResult:
    """Diagonalize the symmetric block ``H`` by congruence around ``V0``.

    Parameters
    ----------
    H : SeriesMatrix
        Complex symmetric matrix of series.
    V0 : SeriesMatrix, optional
        Unitary leading-order basis (columns = leading eigenvectors). Default:
        found by :func:`find_leading_basis` (identity for a diagonal leading part).
    quasi_degenerate : sequence of sequences of int
        0-based state indices kept together as exact sub-blocks.
    real : bool, optional
        Force the real (orthogonal, signed masses) or complex formula; default:
        real when every generator of the algebra is real.
    state_names : sequence of str, optional
        Names used in error messages (default ``"1", "2", ...``).

    Raises
    ------
    ValueError
        Non-unitary basis, or a basis that does not diagonalize the leading part.
    DegenerateSplittingError
        Two states with identical leading masses outside a declared group.
    NotImplementedError
        A splitting that is not invertible as a power series (e.g. a sum of
        terms of different orders in the small parameters).
    """
    alg = H.alg
    n = H.shape[0]
    names = list(state_names) if state_names else [str(i + 1) for i in range(n)]
    if V0 is None:
        V0 = find_leading_basis(H, quasi_degenerate)
    _check_unitary(V0)
    if real is None:
        real = all(g.real for g in alg.registry.generators)
    label = _group_of(n, quasi_degenerate)
    L = V0.T @ H @ V0
    d0 = L.min_degree()
    if d0 == INF:
        zero = [alg.zero() for _ in range(n)]
        return BlockDiagonalizationResult(V0, zero, L, 0, zero, alg.truncation)
    D0 = L.degree_part(d0)
    for i in range(n):
        for j in range(n):
            if i != j and label[i] != label[j] and D0[i, j].terms:
                raise ValueError(
                    f"the leading basis does not diagonalize the leading-order block: entry "
                    f"({names[i]},{names[j]}) = {D0[i, j].to_sympy()}; give the correct "
                    "leading-order eigenvectors"
                )
    d = [D0[i, i] for i in range(n)]
    d_conj = [x.conj() for x in d] if not real else d
    denominators: dict[tuple[int, int], Series | None] = {}
    for i in range(n):
        for j in range(i + 1, n):
            if label[i] == label[j]:
                continue
            split = (d[i] - d[j]) if real else (d[i] * d_conj[i] - d[j] * d_conj[j])
            if split.is_zero():
                raise DegenerateSplittingError(
                    f"states {names[i]} and {names[j]} are degenerate at leading order "
                    f"(both {d[i].to_sympy()}): non-degenerate perturbation theory would "
                    "divide by zero; declare them quasi-degenerate (kept as an exact block) "
                    "or choose a leading basis that splits them"
                )
            denominators[(i, j)] = split
    inverses: dict[tuple[int, int], Series] = {}

    def inverse_split(i: int, j: int) -> Series:
        if (i, j) not in inverses:
            try:
                inverses[(i, j)] = denominators[(i, j)].inverse()
            except NotImplementedError as exc:
                raise NotImplementedError(
                    f"the leading splitting of states {names[i]} and {names[j]}, "
                    f"{denominators[(i, j)].to_sympy()}, mixes different orders of the small "
                    "parameters and has no power-series inverse; write the leading masses as "
                    "exact symbols (light-scale parametrization)"
                ) from exc
        return inverses[(i, j)]

    one = SeriesMatrix.identity(alg, n)
    X = SeriesMatrix.zeros(alg, n)
    trunc = alg.truncation
    max_steps = int(trunc[-1] - d0) if trunc[-1] != INF else int(
        sum(b for b in trunc[:-1]) - d0)
    # Graded pieces: Y_k = degree-k part of 1 + X (Y_0 = 1, Y_k = X_k), L_j =
    # degree-(d0 + j) part of L, P_m = sum_{i+j=m} Y_i^T L_j. The degree-(d0 + s)
    # part of (1 + X)^T L (1 + X) with X_s still zero is then
    # sum_{m=1}^{s-1} P_m Y_{s-m} + P_s (P_s without its Y_s^T L_0 term). Truncation
    # is a per-monomial filter, so these pieces equal the degree parts of the
    # full truncated products.
    L_parts = [L.degree_part(d0 + j) for j in range(max_steps + 1)]
    X_parts: list[SeriesMatrix] = [one]
    X_H_parts: list[SeriesMatrix] = [one]
    P_parts: list[SeriesMatrix] = [L_parts[0]]
    for step in range(1, max_steps + 1):
        P_step = SeriesMatrix.zeros(alg, n)
        for i in range(step):
            P_step = P_step + X_parts[i].T @ L_parts[step - i]
        T = P_step
        for m in range(1, step):
            T = T + P_parts[m] @ X_parts[step - m]
        Q = T.degree_part(d0 + step)
        N = SeriesMatrix.zeros(alg, n)
        for i in range(1, step):
            N = N + X_H_parts[i] @ X_parts[step - i]
        N = N.degree_part(step)
        Hn = N.scale(MPQ(-1, 2))
        Xn = [row[:] for row in Hn.rows]
        for i in range(n):
            for j in range(i + 1, n):
                if label[i] == label[j]:
                    continue
                r = -(Q[i, j] + Hn[j, i] * d[j] + d[i] * Hn[i, j])
                if not r.terms:
                    continue
                if real:
                    k = r * inverse_split(i, j)
                else:
                    k = (r * d_conj[i] + d[j] * r.conj()) * inverse_split(i, j)
                Xn[i][j] = Xn[i][j] + k
                Xn[j][i] = Xn[j][i] - k.conj()
        Xn_matrix = SeriesMatrix(alg, Xn)
        X = X + Xn_matrix
        X_parts.append(Xn_matrix)
        X_H_parts.append(Xn_matrix.H)
        P_parts.append(P_step + Xn_matrix.T @ L_parts[0])
    V = V0 @ (one + X)
    final = (one + X).T @ L @ (one + X)
    masses = [final[i, i] for i in range(n)]
    lead_exps = [alg.small_exponents(next(iter(x.terms))) if x.terms else None for x in d]
    valid = _valid_region(L, lead_exps, d0)
    return BlockDiagonalizationResult(V, masses, final, int(d0), d, valid)


def _valid_region(L: SeriesMatrix, lead_exps, d0) -> tuple[float, ...]:
    """Relative orders up to which ``V`` is exact, from the precision of ``L``."""
    prec = [min(x.prec[k] for row in L.rows for x in row) for k in range(len(L.alg.truncation))]
    shifts = [max((e[k] for e in lead_exps if e is not None), default=0)
              for k in range(len(prec) - 1)]
    return (*[p - s for p, s in zip(prec[:-1], shifts)], prec[-1] - d0)
