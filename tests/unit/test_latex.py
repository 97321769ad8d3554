"""Structure of the LaTeX fragments (no LaTeX engine needed)."""

from __future__ import annotations

import re

import sympy as sp
from testkit.records import rotation_by_order, stored_record

from symseesaw.output.latex import (
    masses_latex,
    matrix_latex,
    result_to_latex,
    split_by_order_latex,
)
from symseesaw.result import Comparison, DerivationResult

EPS = sp.Symbol("epsilon_1", positive=True)
M20 = sp.Symbol("m_2^(0)", real=True)


def balanced(tex: str) -> bool:
    stack = []
    for kind, env in re.findall(r"\\(begin|end)\{(\w+\*?)\}", tex):
        if kind == "begin":
            stack.append(env)
        elif not stack or stack.pop() != env:
            return False
    return not stack and tex.count("{") == tex.count("}")


def make_result(**kw) -> DerivationResult:
    args = dict(
        name="fake_2x2",
        equations=["19", "22"],
        symbols=[EPS, M20],
        small={EPS: 2},
        convention="Udag_M_Ustar",
        mass_matrix=sp.Matrix([[0, EPS * M20], [EPS * M20, M20]]),
        mixing=sum(rotation_by_order(EPS).values(), sp.zeros(2)),
        masses=[-(EPS**2) * M20, M20 * (1 + EPS**2)],
        mixing_by_order=rotation_by_order(EPS),
        comparisons=[Comparison("A_16", [1, 2], EPS, EPS**2, "differs", note="100% & wrong")],
        definitions={EPS: sp.Symbol("y") / sp.Symbol("M")},
        notes=["first\nsecond line"],
    )
    args.update(kw)
    return stored_record(**args)


def test_matrix_latex_is_bare_pmatrix():
    tex = matrix_latex(sp.Matrix([[1, EPS], [EPS, 0]]))
    assert tex.startswith(r"\begin{pmatrix}") and tex.endswith(r"\end{pmatrix}")
    assert r"\left[" not in tex and r"\epsilon_{1}" in tex


def test_matrix_latex_symbol_names():
    tex = matrix_latex(sp.Matrix([[M20]]), latex_names={M20: r"\tilde m_2"})
    assert r"\tilde m_2" in tex and "(0)" not in tex


def test_split_by_order_three_orders():
    tex = split_by_order_latex("U", rotation_by_order(EPS))
    assert tex.startswith(r"\begin{align}") and tex.rstrip().endswith(r"\end{align}")
    first = tex.splitlines()[1]
    assert first == r"U &= U_0 + \delta U^{(1)} + \delta U^{(2)} \\"
    assert tex.count(r"\begin{pmatrix}") == 3
    assert r"\delta U^{(2)} &= \begin{pmatrix}" in tex
    assert r"\frac{\epsilon_{1}^{2}}{2}" in tex
    assert balanced(tex)


def test_split_by_order_wide_falls_back_to_entries():
    big = sp.Add(*[sp.Symbol(f"y_{k}") * EPS for k in range(30)])
    orders = {0: sp.eye(3), 1: sp.Matrix(3, 3, lambda i, j: big if i != j else 0)}
    tex = split_by_order_latex("U", orders)
    assert r"\begin{pmatrix}" not in tex
    assert r"U_{ij} &= U_{ij}^{(0)} + U_{ij}^{(1)}" in tex
    assert r"U_{12}^{(1)} &= " in tex and r"U_{11}^{(0)} &= 1" in tex
    assert r"U_{11}^{(1)}" not in tex  # zero entries omitted
    assert balanced(tex)
    # a generous threshold keeps the pmatrix form
    assert r"\begin{pmatrix}" in split_by_order_latex("U", orders, max_width=10**6)


def test_masses_latex():
    tex = masses_latex([EPS, 2 * EPS], names=[r"m_\nu", r"M_N"])
    assert r"m_\nu &= \epsilon_{1}" in tex and r"M_N &= 2 \epsilon_{1}" in tex
    assert r"m_{1} &=" in masses_latex([EPS])


def test_result_to_latex_fragment():
    tex = result_to_latex(make_result(), latex_names={M20: r"m_2^{(0)}"})
    assert r"\documentclass" not in tex and r"\begin{document}" not in tex
    assert tex.startswith("% symseesaw derivation fake_2x2: Eqs. 19, 22")
    assert r"\begin{pmatrix}" in tex and r"\delta U^{(1)}" in tex
    assert r"m_2^{(0)}" in tex
    # comparisons are align* blocks (a tabular cannot break across pages)
    assert "\\noindent Eq.~A\\_16 (1,2): differs\n\\begin{align*}" in tex
    assert "\\text{printed} &= \\epsilon_{1} \\\\\n\\text{derived} &= \\epsilon_{1}^{2}" in tex
    assert "% note: first second line" in tex  # comments cannot spill onto a new line
    assert balanced(tex)


def test_result_to_latex_without_split_or_comparisons():
    tex = result_to_latex(make_result(mixing_by_order={}, comparisons=[]))
    assert r"U &= \begin{pmatrix}" in tex
    assert "Comparison with the printed equations" not in tex
    assert balanced(tex)


def test_monomial_split_of_an_engine_record_reads_the_expansion_not_the_expanded_matrix(
        monkeypatch):
    from symseesaw import seesaw_expansion
    from symseesaw.output import latex as latex_module

    eps, big_m = sp.symbols("epsilon M", positive=True)
    record = DerivationResult.from_expansion(
        seesaw_expansion(sp.Matrix([[0, eps * big_m], [eps * big_m, big_m]]), 1, {eps: 2}))
    expected = latex_module.split_by_monomial_latex("U", record.mixing_matrix, [eps])

    def no_reexpansion(*args):
        raise AssertionError("the matrix was re-expanded")

    monkeypatch.setattr(latex_module, "_monomial_parts", no_reexpansion)
    assert expected in latex_module.result_to_latex(record, split="monomial")
