"""symseesaw tutorial, end to end (mirrors docs/tutorial.md; run: python docs/tutorial.py).

A 2+2 seesaw that the seeds do not contain: two heavy neutrinos N_1, N_2 with
masses M_1, M_2, a Dirac matrix suppressed by ``epsilon`` and a small
off-diagonal Yukawa ``r``.  Two small parameters, expanded to different orders.
"""

# --- 1. the model ---------------------------------------------------------
import numpy as np
import sympy as sp

from symseesaw import lambdify, latex, prove
from symseesaw.api import seesaw_expansion
from symseesaw.check import check_formula
from symseesaw.parsing import parse_latex
from symseesaw.result import DerivationResult

eps, r = sp.symbols("epsilon r", positive=True)  # the small parameters
a, b, M1, M2 = sp.symbols("a b M_1 M_2", positive=True)

M_D = eps * sp.Matrix([[a * M1, r * a * M2], [0, b * M2]])  # n_light x n_heavy
M_R = sp.diag(M1, M2)
M = sp.Matrix(sp.BlockMatrix([[sp.zeros(2, 2), M_D], [M_D.T, M_R]]))

# --- 2. expand: second order in epsilon, first order in r -----------------
expansion = seesaw_expansion(M, n_light=2, small={eps: 2, r: 1})
m_light_1 = expansion.masses[0]
assert sp.expand(m_light_1 - (-a**2 * M1 * eps**2 + a**4 * M1 * eps**4)) == 0

result = DerivationResult.from_expansion(expansion, name="tutorial-2+2")
U, masses = result.to_sympy()
assert U[0, 2] == a * eps  # light-heavy mixing U_13 = a epsilon
print("m_1 =", m_light_1)
print("U_13 =", U[0, 2])

# --- 3. check hand-derived formulas (LaTeX pasted from notes) -------------
claims = r"""
quantity: masses
m_1 = -a^2 \epsilon^2 M_1 (1 - a^2\epsilon^2) \\
m_2 = -b^2 \epsilon^2 M_2 \\
m_3 = M_1 (1 + a^2 \epsilon^2) \\
m_4 = M_2 (1 + b^2 \epsilon^2)

quantity: U[1,3]
order: epsilon=3, r=0
a \epsilon - \frac{1}{2} a^3 \epsilon^3
"""
from symseesaw.check import parse_claims  # noqa: E402

comparisons = check_formula(parse_claims(claims), M, 2, {eps: 2, r: 1})
verdicts = [(c.equation, c.entry, c.verdict) for c in comparisons]
assert verdicts[0][2] == "agrees" and verdicts[1][2] == "differs"  # m_2 misses b^4 eps^4
assert comparisons[1].lowest_differing_order == {"epsilon": 4, "r": 0}
# U[1,3] claimed to epsilon^3: re-expanded automatically at order 3 -> differs there
assert comparisons[-1].verdict == "differs"
for equation, entry, verdict in verdicts:
    print(f"claim {equation} {entry}: {verdict}")

# a single formula, parsed from LaTeX with the model's symbols
expr = parse_latex(r"\frac{a b\, r M_2}{M_1 a^2 - M_2 b^2}", [a, b, r, M1, M2])
assert expr == a * b * r * M2 / (M1 * a**2 - M2 * b**2)

# --- 4. paper-ready LaTeX ---------------------------------------------------
names = {eps: r"\varepsilon", M1: "M_1", M2: "M_2"}
fragment = latex(result, latex_names=names, split="order")  # U = U_0 + dU^(1) + dU^(2)
per_monomial = latex(result, latex_names=names, split="monomial")
assert r"U_{ij}^{(1)}" in fragment  # too wide for a pmatrix: printed entry by entry
assert r"U_{\varepsilon} &= \begin{pmatrix}" in per_monomial

# --- 5. numbers: vectorized evaluation --------------------------------------
f = lambdify(result, "masses")  # arguments: f.symbols (keywords by name work too)
values = f(M_1=1.0, M_2=3.0, a=1.0, b=0.5, epsilon=np.array([1e-3, 1e-2]), r=0.1)
assert values.shape == (2, 4)

# --- 6. proof: residual against exact mpmath diagonalization ----------------
report = prove(
    result,
    dps=40,
    base_point={M1: 1.0, M2: 3.0, a: 1.0, b: 0.5},
)  # cross-branch (proof-rays): no direction, so the default rays are scanned
assert report.passed, [(s.quantity, s.measured, s.predicted) for s in report.slopes]
slopes = ", ".join(f"{s.quantity} {s.measured:.2f}/{s.predicted:g}" for s in report.slopes)
print("proof:", slopes, "PASSED" if report.passed else "FAILED")
