"""Symbols named as the seed papers print them, for the parsing tests.

Primes, superscript labels and signs are part of a name: ``u``, ``u'`` and
``u''`` are three symbols, ``m_2^(0)`` one.
"""

import sympy as sp

e1 = sp.Symbol("epsilon_1", positive=True)
e2 = sp.Symbol("epsilon_2", positive=True)
u = sp.Symbol("u", positive=True)
u1 = sp.Symbol("u'", positive=True)
u2 = sp.Symbol("u''", positive=True)
m20 = sp.Symbol("m_2^(0)", real=True)
lam = sp.Symbol("lambda", positive=True)
F3 = sp.Symbol("F_3", positive=True)
w3 = sp.Symbol("w_3", positive=True)
sigN = sp.Symbol("sigma_+^N", real=True)
y1p = sp.Symbol("y'_1", real=True)
