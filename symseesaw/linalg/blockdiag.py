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
    B = DRinv
    iterations = 0
    while True:
        iterations += 1
        C1T = (-(B @ B.H)).binomial_power(HALF)
        C2inv = (-(B.T @ B.conj())).binomial_power(-HALF)
        Bc = B.conj()
        rhs = C1T @ D + C1T @ ML @ Bc @ C2inv - B @ D.T @ Bc @ C2inv
        B_new = rhs @ Rinv
        done = (B_new - B).is_zero()
        B = B_new
        if done:
            break
        if iterations > 200:
            raise RuntimeError("block diagonalization did not converge")
    W = assemble_w(B)
    congruent = W.T @ M @ W
    light = congruent.sub(0, n_light, 0, n_light)
    heavy = congruent.sub(n_light, n, n_light, n)
    off = congruent.sub(0, n_light, n_light, n)
    if not off.is_zero():
        raise RuntimeError("internal error: W^T M W is not block diagonal to the working order")
    return BlockDiagonalization(W, B, light, heavy, iterations)


def assemble_w(B: SeriesMatrix) -> SeriesMatrix:
    """``W = [[C_1, B^*], [-B^T, C_2]]`` for the given ``B``."""
    C1 = (-(B.conj() @ B.T)).binomial_power(HALF)
    C2 = (-(B.T @ B.conj())).binomial_power(HALF)
    return SeriesMatrix.block([[C1, B.conj()], [-B.T, C2]])

