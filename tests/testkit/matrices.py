"""Random symmetric matrices with a chosen spectrum, for the Takagi and alignment tests."""

from __future__ import annotations

import random

import mpmath

#: Working precision of the numerics tests (decimal digits).
DPS = 50
#: What "exact" means at :data:`DPS` digits: residuals and differences below this.
TIGHT = mpmath.mpf(10) ** -40


def random_unitary(n: int, complex_: bool, seed: int) -> mpmath.matrix:
    """Random orthogonal (or, with ``complex_``, unitary) matrix from a QR decomposition."""
    rng = random.Random(seed)
    A = mpmath.matrix(n, n)
    for i in range(n):
        for j in range(n):
            A[i, j] = mpmath.mpf(rng.gauss(0, 1))
            if complex_:
                A[i, j] += 1j * mpmath.mpf(rng.gauss(0, 1))
    return mpmath.qr(A)[0]


def symmetric_with_values(d: list, complex_: bool, seed: int) -> mpmath.matrix:
    """``O diag(d) O^T`` with a random orthogonal / unitary ``O``: Takagi values ``|d|``."""
    O = random_unitary(len(d), complex_, seed)
    return O * mpmath.diag([mpmath.mpf(x) for x in d]) * O.T
