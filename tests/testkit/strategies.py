"""Hypothesis strategies for random exact textures."""

from __future__ import annotations

import itertools

import sympy as sp
from hypothesis import strategies as st


@st.composite
def cayley_unitaries(draw: st.DrawFn, n: int, complex_entries: bool) -> sp.Matrix:
    """An exact random unitary (orthogonal when real) ``(1 - K)(1 + K)^-1``.

    ``K`` is anti-Hermitian with small rational entries: real parts ``k/2``
    and imaginary parts ``k/3`` off the diagonal, ``i k/2`` on it
    (``k`` from -2 to 2), so ``1 + K`` is always invertible.
    """
    small = st.integers(-2, 2)
    K = sp.zeros(n, n)
    for i, j in itertools.combinations(range(n), 2):
        real = sp.Rational(draw(small), 2)
        imag = sp.I * sp.Rational(draw(small), 3) if complex_entries else 0
        K[i, j], K[j, i] = real + imag, -real + imag
    if complex_entries:
        for i in range(n):
            K[i, i] = sp.I * sp.Rational(draw(small), 2)
    return ((sp.eye(n) - K) * (sp.eye(n) + K).inv()).applyfunc(sp.expand)
