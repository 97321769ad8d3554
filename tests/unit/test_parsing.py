"""Restricted parsing of user formulas: sympy syntax and LaTeX, hostile input rejected."""

from __future__ import annotations

import pytest
import sympy as sp
from testkit.paper_names import F3, e1, e2, lam, m20, sigN, u1, u2, w3, y1p

from symseesaw.parsing import (
    SymbolTable,
    canonical_name,
    parse_formula,
    parse_latex,
    parse_list,
    parse_matrix,
    parse_sympy,
)

SYMS = [e1, e2, m20, u1, u2, lam, F3, w3, sigN, y1p]


@pytest.mark.parametrize(
    "text, expected",
    [
        (r"\epsilon_1", e1),
        (r"\epsilon_{1}^2", e1**2),
        (r"\varepsilon_1", e1),
        (r"m_2^{(0)} (1 - 3\epsilon_1^2)", m20 * (1 - 3 * e1**2)),
        (r"m^{(0)}_{2}", m20),
        (r"\frac{\sqrt{3}}{2}\epsilon_1^2", sp.sqrt(3) / 2 * e1**2),
        (r"\frac12 \epsilon_1", e1 / 2),
        (r"-\frac{1}{\sqrt6}", -1 / sp.sqrt(6)),
        (r"\sqrt{\frac{3}{2}}\,\epsilon_2^2", sp.sqrt(sp.Rational(3, 2)) * e2**2),
        (r"\sigma_+^N \cdot 2", 2 * sigN),
        (r"(\sigma_+^N)^2", sigN**2),
        (r"w_3 u'' \lambda^{2F_3}", w3 * u2 * lam ** (2 * F3)),
        (r"u'^2 u^{\prime}", u1**3),
        (r"y'_1 \times 3", 3 * y1p),
        (r"\left( 1 + \epsilon_2 \right)^2", (1 + e2) ** 2),
        (r"0.5\epsilon_1 + \mathcal{O}(\epsilon_1^3)", e1 / 2),
        (r"$m_2 = 2 \epsilon_1 \epsilon_2$.", 2 * e1 * e2),
        (r"i \epsilon_1 + e^{2}", sp.I * e1 + sp.E**2),
        (r"\sqrt[3]{8}", 2),
    ],
)
def test_latex_scalars(text, expected):
    assert sp.expand(parse_latex(text, SYMS) - expected) == 0


def test_latex_pmatrix_pasted_from_paper():
    text = r"""
    U_\nu = \begin{pmatrix}
      \frac{2}{\sqrt{6}} & \frac{1}{\sqrt3} & \epsilon_1 \\
      -\frac{1}{\sqrt{6}} & \frac{1}{\sqrt{3}} & -\epsilon_2 \\ % a comment
      0 & -\sqrt{3}\epsilon_1 & 1 - \frac{3}{2}\epsilon_1^2
    \end{pmatrix} ,
    """
    M = parse_latex(text, SYMS)
    assert M.shape == (3, 3)
    assert M[0, 0] == 2 / sp.sqrt(6) and M[1, 2] == -e2 and M[2, 2] == 1 - sp.Rational(3, 2) * e1**2


def test_latex_sum_of_matrices():
    M = parse_matrix(
        r"\begin{pmatrix}1&0\\0&1\end{pmatrix} + \epsilon_1\begin{bmatrix}0&1\\-1&0\end{bmatrix}",
        SYMS,
    )
    assert M == sp.Matrix([[1, e1], [-e1, 1]])


@pytest.mark.parametrize(
    "text, message",
    [
        (r"\input{/etc/passwd}", "unsupported LaTeX command"),
        (r"\write18{rm -rf /}", "unsupported LaTeX command"),
        (r"\epsilon_3", "unknown symbol 'epsilon_3'"),
        (r"\frac{1}{", "unexpected end"),
        (r"1 \pm \epsilon_1", "ambiguous"),
        (r"\begin{pmatrix} 1 & \\ 1 & 2 \end{pmatrix}", "empty matrix cell"),
        (r"\begin{pmatrix} 1 & 2 \\ 1 \end{pmatrix}", "different lengths"),
        (r"\epsilon_1 + \cdots", "cannot be compared"),
        ("{" * 400 + "1" + "}" * 400, "nested too deeply"),
        ("\\epsilon_1 @ 2", "unexpected character"),
    ],
)
def test_latex_errors(text, message):
    with pytest.raises(ValueError, match="LaTeX") as info:
        parse_latex(text, SYMS)
    assert message in str(info.value)


def test_sympy_syntax_with_non_identifier_names():
    assert parse_sympy("m_2^(0)*(1 - 3*epsilon_1^2)", SYMS) == m20 * (1 - 3 * e1**2)
    assert parse_sympy("u''*u' + 0.25", SYMS) == u2 * u1 + sp.Rational(1, 4)
    assert parse_sympy("m_2__0", SYMS) == m20  # the JSON identifier works too
    assert parse_sympy("sigma_+^N*2", SYMS) == 2 * sigN
    assert parse_formula("sqrt(2)*I*epsilon_1", SYMS) == sp.sqrt(2) * sp.I * e1


def test_sympy_matrices_and_lists():
    assert parse_matrix("[[1, epsilon_1], [epsilon_1, u'']]", SYMS) == sp.Matrix([[1, e1], [e1, u2]])
    assert parse_matrix("Matrix([[1, 0], [0, 1]])", SYMS) == sp.eye(2)
    assert parse_list("[0, m_2^(0), 2*epsilon_1]", SYMS) == [0, m20, 2 * e1]
    assert parse_list("m_1 = 0\nm_2 = m_2^(0)", SYMS) == [0, m20]
    assert parse_list("m_1 = 0 \\\\\n m_2 = m_2^{(0)}", SYMS) == [0, m20]
    assert parse_list(r"\begin{pmatrix} 0 & 0 \\ 0 & m_2^{(0)} \end{pmatrix}", SYMS) == [0, m20]
    with pytest.raises(ValueError):
        parse_matrix("[[1, 2], [3]]", SYMS)


@pytest.mark.parametrize(
    "hostile",
    [
        "__import__('os').system('echo pwned')",
        "epsilon_1.__class__.__mro__",
        "(lambda: 1)()",
        "__builtins__",
        "epsilon_1 if 1 else 2",
        "'abc'",
        "[x for x in ()]",
        "exp",
        "9**9**9",
        "getattr(epsilon_1, 'x')",
        "epsilon_1; import os",
        "__import__",
        "Matrix([[1, __import__('os')]])",
    ],
)
def test_hostile_sympy_text_rejected(hostile):
    with pytest.raises(ValueError):
        if hostile.startswith("Matrix"):
            parse_matrix(hostile, SYMS, syntax="sympy")
        else:
            parse_sympy(hostile, SYMS)


def test_hostile_text_never_executes(tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError):
        parse_formula(f"__import__('os').system('touch {marker}')", SYMS)
    assert not marker.exists()


def test_symbol_table_spellings_and_aliases():
    table = SymbolTable(SYMS, aliases={"eps": e1}, latex_names={m20: r"\tilde m_2"})
    assert table.get(canonical_name(r"\epsilon_{1}")) is e1
    assert table.get(canonical_name("m_2^(0)")) is m20
    assert parse_latex(r"\tilde m_2 + \mathrm{eps}", table) == m20 + e1
    assert parse_sympy("eps**2", table) == e1**2
    assert canonical_name(r"u^{\prime\prime}") == "u''"
    assert canonical_name("y'_1") == canonical_name(r"y'_1") == "y_1'"


def test_allow_unknown_creates_symbols():
    M = parse_matrix(r"\begin{pmatrix} 0 & \epsilon M \\ \epsilon M & M \end{pmatrix}", [],
                     allow_unknown=True)
    assert {s.name for s in M.free_symbols} == {"epsilon", "M"}
    M2 = parse_matrix("[[0, eps*M], [eps*M, M]]", [], allow_unknown=True)
    assert {s.name for s in M2.free_symbols} == {"eps", "M"}


def test_parsing_never_calls_parse_expr_eval_or_exec(monkeypatch):
    import builtins

    import sympy.parsing.sympy_parser as sympy_parser

    def forbidden(*args, **kwargs):
        raise AssertionError("user text reached an evaluator")

    monkeypatch.setattr(sympy_parser, "parse_expr", forbidden)
    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    assert parse_sympy("m_2^(0)*(1 - 3*epsilon_1^2) + sqrt(2)*I", SYMS) == \
        m20 * (1 - 3 * e1**2) + sp.sqrt(2) * sp.I
    assert parse_matrix("[[1, epsilon_1], [u'', 0.5]]", SYMS) == \
        sp.Matrix([[1, e1], [u2, sp.Rational(1, 2)]])
    assert parse_latex(r"\frac{\sqrt{3}}{2}\epsilon_1^2", SYMS) == sp.sqrt(3) / 2 * e1**2
    from symseesaw.parsing import parse_expression

    assert parse_expression("2*x**3 + Rational(1, 3)", {"x": e1}) == 2 * e1**3 + sp.Rational(1, 3)


def test_no_parsing_module_holds_an_evaluator():
    import importlib
    import pkgutil

    import symseesaw.parsing as package

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"symseesaw.parsing.{info.name}")
        assert not hasattr(module, "parse_expr"), info.name
        assert not hasattr(module, "sympify"), info.name
