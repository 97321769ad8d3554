"""Seesaw block diagonalization of a complex symmetric mass matrix.

For ``M = [[M_L, M_D], [M_D^T, M_R]]`` (``M_D`` is n_light x n_heavy) we find
the unitary

    W = [[C_1, B^*], [-B^T, C_2]],  C_1 = (1 - B^* B^T)^{1/2},  C_2 = (1 - B^T B^*)^{1/2}

with ``W^T M W`` block diagonal (Grimus-Lavoura, hep-ph/0007011; seed 001
Eq. (2) with the paper's ``B`` equal to our ``B``, since seed 001 writes
``U^dagger M U^* = diag`` and ``U = W^*``). Vanishing of the off-diagonal
block gives the fixed-point equation

    B = [C_1^T M_D + C_1^T M_L B^* C_2^{-1} - B M_D^T B^* C_2^{-1}] M_R^{-1},

whose iteration gains at least one order per step because ``M_D M_R^{-1}``
and ``M_L M_R^{-1}`` are of positive order. The leading term is
``B = M_D M_R^{-1}`` (seed 001 Eq. (2)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy as sp

from ..algebra.matrix import SeriesMatrix

HALF = sp.Rational(1, 2)


@dataclass
class BlockDiagonalization:
    """Result of :func:`block_diagonalize` (congruence convention ``W^T M W``).

    Attributes
    ----------
    W : SeriesMatrix
        Unitary with ``W^T M W = blockdiag(light, heavy)`` to the working order.
    B : SeriesMatrix
        The n_light x n_heavy matrix of the parametrization (``B = M_D M_R^-1 + ...``).
    light, heavy : SeriesMatrix
        Effective light and heavy mass matrices.
    iterations : int
        Fixed-point iterations used.
    """

    W: SeriesMatrix
    B: SeriesMatrix
    light: SeriesMatrix
    heavy: SeriesMatrix
    iterations: int


def check_symmetric(M: SeriesMatrix) -> None:
    """Raise ``ValueError`` unless ``M`` is square and exactly symmetric."""
    n, m = M.shape
    if n != m:
        raise ValueError(f"mass matrix must be square, got {n}x{m}")
    for i in range(n):
        for j in range(i + 1, n):
            if not (M[i, j] - M[j, i]).is_zero():
                raise ValueError(
                    f"Majorana mass matrix must be symmetric: entry ({i + 1},{j + 1}) = "
                    f"{M[i, j].to_sympy()} differs from ({j + 1},{i + 1}) = {M[j, i].to_sympy()}"
                )


def block_diagonalize(M: SeriesMatrix, n_light: int) -> BlockDiagonalization:
    """Block-diagonalize ``M`` to the algebra's working truncation.

    Parameters
    ----------
    M : SeriesMatrix
        Complex symmetric ``(n_light + n_heavy)``-square matrix.
    n_light : int
        Size of the light block (upper left).

    Raises
    ------
    ValueError
        Non-symmetric input, bad block sizes, singular heavy block, or a Dirac
        block that is not small compared with the heavy block.
    """
    check_symmetric(M)
    n = M.shape[0]
    if not 0 < n_light < n:
        raise ValueError(f"n_light must be between 1 and {n - 1} for a {n}x{n} matrix, "
                         f"got {n_light}")
    ML = M.sub(0, n_light, 0, n_light)
    D = M.sub(0, n_light, n_light, n)
    R = M.sub(n_light, n, n_light, n)
    try:
        Rinv = R.inverse()
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"the heavy block M_R is singular ({exc}); a seesaw needs an "
                         "invertible M_R") from exc
    DRinv = D @ Rinv
    ratios = (("M_D M_R^-1", DRinv.min_degree()),
              ("M_L / M_R", ML.min_degree() + Rinv.min_degree()))
    for name, degree in ratios:
        if degree <= 0:
            raise ValueError(
                f"{name} has terms of order zero in the small parameters: the seesaw "
                "expansion needs M_D and M_L small compared with M_R (declare the small "
                "parameters that make them small)"
            )
    alg = M.alg
    B = DRinv
    planned, planned_exact, stale_c_ok = _planned_iterations(alg, DRinv, D, ML, Rinv)
    iterations = 0
    while True:
        iterations += 1
        bounds = None
        if planned is not None and iterations < planned:
            # B_j is exact only below degree lead + (j + 1) gain: compute no further
            bounds = (*alg.box, min(alg.total_max, planned_exact[iterations]))
        Bc = B.conj()
        C1T, C2inv, C2 = _c_factors(B, Bc, bounds)
        rhs = (C1T.matmul(D, bounds)
               + C1T.matmul(ML, bounds).matmul(Bc, bounds).matmul(C2inv, bounds)
               - B.matmul(D.T, bounds).matmul(Bc, bounds).matmul(C2inv, bounds))
        B_new = rhs.matmul(Rinv, bounds)
        if planned is not None and iterations < planned:
            B = B_new
            continue
        if planned is None and not (B_new - B).is_zero():
            B = B_new
            if iterations > MAX_ITERATIONS:
                raise RuntimeError("block diagonalization did not converge")
            continue
        # converged: either B_new == B (then C1, C2 belong to B exactly) or, by the
        # order count, B_new - B (degree >= lead + planned * gain) may be so small
        # that C1(B) = C1(B_new) to the working order (their difference has one
        # more factor B); otherwise C1, C2 are recomputed for B_new
        B = B_new
        W = assemble_w(B, (C1T, C2) if planned is None or stale_c_ok else None)
        congruent = W.T @ M @ W
        off = congruent.sub(0, n_light, n_light, n)
        if off.is_zero():
            break
        if planned is None:
            raise RuntimeError(
                "internal error: W^T M W is not block diagonal to the working order")
        planned = None  # the order count was too optimistic: iterate to a fixed point
    light = congruent.sub(0, n_light, 0, n_light)
    heavy = congruent.sub(n_light, n, n_light, n)
    for matrix in (W, B, light, heavy):
        _restore_total_precision(alg, matrix)
    return BlockDiagonalization(W, B, light, heavy, iterations)


def _restore_total_precision(alg, matrix: SeriesMatrix) -> None:
    """Raise a total precision that the per-parameter precisions already imply.

    A series exact to ``prec_k`` in each small parameter and to total degree
    ``P >= sum(w_k prec_k)`` is exact for every monomial inside its box, so its
    total precision may read as the working one. The truncated early
    iterations leave such finite totals where a full computation reports the
    working total (possibly infinite).
    """
    weights = alg.weight_list
    for row in matrix.rows:
        for entry in row:
            *box, total = entry.prec
            if total < alg.total_max and total >= sum(w * p for w, p in zip(weights, box)):
                entry.prec = (*box, alg.total_max)


MAX_ITERATIONS = 200


def _c_factors(B: SeriesMatrix, Bc: SeriesMatrix, bounds: tuple[float, ...] | None = None,
               with_inverse: bool = True) -> tuple[SeriesMatrix, ...]:
    """``(C_1^T, C_2^{-1}, C_2)`` for ``B``, or ``(C_1^T, C_2)`` without the inverse.

    ``Bc`` is ``B^*`` (conjugated once by the caller); ``C_2`` and ``C_2^{-1}``
    share the powers of ``B^T B^*``.
    """
    (C1T,) = (-B.matmul(Bc.T, bounds)).binomial_powers([HALF], bounds)
    X2 = -B.T.matmul(Bc, bounds)
    if not with_inverse:
        return C1T, X2.binomial_power(HALF)
    C2inv, C2 = X2.binomial_powers([-HALF, HALF], bounds)
    return C1T, C2inv, C2


def _planned_iterations(alg, DRinv: SeriesMatrix, D: SeriesMatrix, ML: SeriesMatrix,
                        Rinv: SeriesMatrix) -> tuple[int | None, dict[int, int], bool]:
    """Fixed-point iterations after which ``B`` is exact to the working order.

    Returns the number of iterations (``None``: iterate to a fixed point);
    per iteration ``j``, the largest degree ``lead + (j + 1) gain - 1`` to which
    its ``B_j`` is exact (earlier iterations are truncated there); and whether
    ``C_1``, ``C_2`` of the last iteration's input already hold for its output
    (``2 lead + k gain > top``).

    ``B_0 = M_D M_R^-1`` has leading degree ``lead``. An error ``dB`` of ``B``
    enters the next iterate only through ``dC_1^T M_D M_R^-1`` (``dC_1 ~ B dB^H``:
    gain ``2 lead``), ``M_L dB^* C_2^-1 M_R^-1`` (gain ``deg M_L + deg M_R^-1``)
    and ``dB M_D^T B^* ...``, ``B M_D^T dB^* ... M_R^-1`` (gain
    ``lead + deg M_D + deg M_R^-1``), so each iteration raises its degree by
    ``gain``, the least of these; the same three terms make the error of
    ``B_0`` of degree at least ``lead + gain``. After ``k`` iterations the error is of
    degree ``>= lead + (k + 1) gain``, beyond the largest degree ``top`` the
    truncation keeps when ``k = floor((top - lead) / gain)``. Returns ``None``
    (iterate to a fixed point) when the truncation has no largest degree.
    """
    lead = DRinv.min_degree()
    if lead == math.inf:
        return 1, {}, True  # M_D = 0: B = 0 after one step
    gain = min(2 * lead, ML.min_degree() + Rinv.min_degree(),
               lead + D.min_degree() + Rinv.min_degree())
    top = min(alg.total_max, sum(w * b for w, b in zip(alg.weight_list, alg.box)))
    if gain <= 0 or top == math.inf:
        return None, {}, True
    planned = max(1, int((top - lead) // gain))
    exact = {j: lead + (j + 1) * gain - 1 for j in range(1, planned)}
    return planned, exact, 2 * lead + planned * gain > top


def assemble_w(B: SeriesMatrix, factors: tuple[SeriesMatrix, SeriesMatrix] | None = None
               ) -> SeriesMatrix:
    """``W = [[C_1, B^*], [-B^T, C_2]]`` for ``B``.

    ``factors`` is ``(C_1^T, C_2)`` when they are known to belong to ``B`` (to
    the working order); otherwise they are computed from ``B``.
    """
    Bc = B.conj()
    C1T, C2 = factors if factors is not None else _c_factors(B, Bc, with_inverse=False)
    return SeriesMatrix.block([[C1T.T, Bc], [-B.T, C2]])
