"""LaTeX fragments (for ``\\input``) of derivation results.

All mathematics is printed by :func:`sympy.latex`; custom symbol names go
through its ``symbol_names`` setting.  String handling here only assembles
environments around printer output and escapes plain-text table cells.
The fragments need ``\\usepackage{amsmath}`` (``align``, ``pmatrix``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp

from symseesaw.result import DerivationResult

__all__ = [
    "DEFAULT_MAX_WIDTH",
    "matrix_latex",
    "split_by_order_latex",
    "masses_latex",
    "result_to_latex",
]

#: Estimated width (characters of LaTeX source: longest entry x columns) above
#: which matrices are printed entry by entry instead of as a ``pmatrix``.
DEFAULT_MAX_WIDTH = 180

_CONVENTION_LATEX = {
    "UT_M_U": r"U^{T} M U = \operatorname{diag}(m_i)",
    "Udag_M_Ustar": r"U^{\dagger} M U^{*} = \operatorname{diag}(m_i)",
}
_TEXT_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _expr(e: object, latex_names: Mapping[sp.Symbol, str] | None) -> str:
    return sp.latex(sp.sympify(e), symbol_names=dict(latex_names or {}))


def _text(s: object) -> str:
    """Escape plain text for a LaTeX text cell or heading."""
    return "".join(_TEXT_ESCAPES.get(ch, ch) for ch in str(s))


def _comment(s: object) -> str:
    return " ".join(str(s).split())


def matrix_latex(M: sp.MatrixBase, latex_names: Mapping[sp.Symbol, str] | None = None) -> str:
    """``\\begin{pmatrix} ... \\end{pmatrix}`` of ``M`` (sympy's printer)."""
    return sp.latex(
        sp.Matrix(M), mat_str="pmatrix", mat_delim="", symbol_names=dict(latex_names or {})
    )


def _estimated_width(M: sp.MatrixBase, latex_names: Mapping[sp.Symbol, str] | None) -> int:
    M = sp.Matrix(M)
    if M.rows == 0 or M.cols == 0:
        return 0
    longest = max(len(_expr(x, latex_names)) for x in M)
    return longest * M.cols


def _braced(name: str) -> str:
    """Wrap a LaTeX name in braces when it already carries sub/superscripts."""
    return "{" + name + "}" if ("_" in name or "^" in name) else name


def _index(i: int, j: int, n: int) -> str:
    return f"{i}{j}" if n < 10 else f"{i},{j}"


def _entry_lines(
    name: str, order: int | None, M: sp.MatrixBase, latex_names: Mapping[sp.Symbol, str] | None
) -> list[str]:
    """``name_{ij}^{(k)} &= ...`` lines for the non-zero entries of ``M``."""
    M = sp.Matrix(M)
    sup = "" if order is None else f"^{{({order})}}"
    n = max(M.rows, M.cols)
    lines = []
    for i in range(M.rows):
        for j in range(M.cols):
            if M[i, j] != 0:
                lines.append(
                    f"{_braced(name)}_{{{_index(i + 1, j + 1, n)}}}{sup} &= "
                    f"{_expr(M[i, j], latex_names)}"
                )
    if not lines:
        lines.append(f"{_braced(name)}{sup} &= 0")
    return lines


def _align(lines: Sequence[str]) -> str:
    return "\\begin{align}\n" + " \\\\\n".join(lines) + "\n\\end{align}"


def _term_name(name: str, order: int) -> str:
    return f"{_braced(name)}_0" if order == 0 else f"\\delta {_braced(name)}^{{({order})}}"


def split_by_order_latex(
    name: str,
    by_order: Mapping[int, sp.MatrixBase],
    latex_names: Mapping[sp.Symbol, str] | None = None,
    max_width: int = DEFAULT_MAX_WIDTH,
) -> str:
    """``align`` fragment ``U = U_0 + \\delta U^{(1)} + ...`` followed by each term.

    ``name`` is the LaTeX name of the matrix (e.g. ``"U"``).  Each term is
    printed as a ``pmatrix``; if any term is wider than ``max_width``
    (estimated as longest entry's LaTeX length times the number of columns),
    the whole split is printed entry by entry instead, as
    ``U_{ij}^{(k)} = ...`` (zero entries omitted).
    """
    orders = sorted(by_order)
    if not orders:
        return _align([f"{name} &= 0"])
    wide = any(_estimated_width(by_order[k], latex_names) > max_width for k in orders)
    if not wide:
        lines = [f"{name} &= " + " + ".join(_term_name(name, k) for k in orders)]
        lines += [
            f"{_term_name(name, k)} &= {matrix_latex(by_order[k], latex_names)}" for k in orders
        ]
        return _align(lines)
    n = max(max(sp.Matrix(m).shape) for m in by_order.values())
    idx = "ij" if n < 10 else "i,j"
    lines = [
        f"{_braced(name)}_{{{idx}}} &= "
        + " + ".join(f"{_braced(name)}_{{{idx}}}^{{({k})}}" for k in orders)
    ]
    for k in orders:
        lines += _entry_lines(name, k, by_order[k], latex_names)
    return _align(lines)


def _matrix_equation(
    name: str, M: sp.MatrixBase, latex_names: Mapping[sp.Symbol, str] | None, max_width: int
) -> str:
    if _estimated_width(M, latex_names) > max_width:
        return _align(_entry_lines(name, None, M, latex_names))
    return _align([f"{name} &= {matrix_latex(M, latex_names)}"])


def masses_latex(
    masses: Sequence[object],
    names: Sequence[str] | None = None,
    latex_names: Mapping[sp.Symbol, str] | None = None,
) -> str:
    """``align`` fragment ``m_{1} &= ...`` for each mass (``names``: LaTeX labels)."""
    if names is None:
        names = [f"m_{{{i}}}" for i in range(1, len(masses) + 1)]
    if len(names) != len(masses):
        raise ValueError(f"{len(names)} names for {len(masses)} masses")
    if not masses:
        return "% (no masses)"
    return _align([f"{n} &= {_expr(m, latex_names)}" for n, m in zip(names, masses, strict=True)])


def _comparison_table(result: DerivationResult, latex_names: Mapping[sp.Symbol, str] | None) -> str:
    rows = []
    for c in result.comparisons:
        entry = ",".join(str(i) for i in c.entry)
        rows.append(
            f"{_text(c.equation)} & ({_text(entry)}) & {_text(c.verdict)} & "
            f"${_expr(c.printed, latex_names)}$ & ${_expr(c.derived, latex_names)}$ \\\\"
        )
    return "\n".join(
        [
            "\\begin{tabular}{lllll}",
            "\\hline",
            "Eq. & entry & verdict & printed & derived \\\\",
            "\\hline",
            *rows,
            "\\hline",
            "\\end{tabular}",
        ]
    )


def result_to_latex(
    result: DerivationResult,
    latex_names: Mapping[sp.Symbol, str] | None = None,
    mass_names: Sequence[str] | None = None,
    max_width: int = DEFAULT_MAX_WIDTH,
    matrix_name: str = "U",
    mass_matrix_name: str = "M",
) -> str:
    """LaTeX fragment (no preamble, for ``\\input``) describing ``result``.

    Contents: a comment header (derivation, equations, convention, small
    parameters), the mass matrix, the definitions of derived symbols, the
    mixing matrix split by order (or in full if no split is available), the
    masses and, if present, a table of the comparisons with the printed
    equations.
    """
    eqs = ", ".join(result.equations)
    small = ", ".join(f"{k}<={v}" for k, v in result.small.items())
    parts = [
        f"% symseesaw derivation {_comment(result.name)}: Eqs. {_comment(eqs)}",
        f"% convention: {_comment(result.convention)}"
        + (
            f" (${_CONVENTION_LATEX[result.convention]}$)"
            if result.convention in _CONVENTION_LATEX
            else ""
        ),
        f"% small parameters (max order): {_comment(small) or 'none'}",
        "% generated by symseesaw; requires \\usepackage{amsmath}",
    ]
    parts += [f"% note: {_comment(n)}" for n in result.notes]
    parts += [
        "",
        "% mass matrix",
        _matrix_equation(mass_matrix_name, result.mass_matrix, latex_names, max_width),
    ]
    if result.definitions:
        defs = [
            f"{_expr(k, latex_names)} &\\equiv {_expr(v, latex_names)}"
            for k, v in result.definitions.items()
        ]
        parts += ["", "% definitions", _align(defs)]
    parts += ["", "% mixing matrix"]
    if result.mixing_by_order:
        parts.append(
            split_by_order_latex(matrix_name, result.mixing_by_order, latex_names, max_width)
        )
    else:
        parts.append(_matrix_equation(matrix_name, result.mixing_matrix, latex_names, max_width))
    parts += [
        "",
        "% masses (in the order of the columns of the mixing matrix)",
        masses_latex(result.masses, mass_names, latex_names),
    ]
    if result.comparisons:
        parts += [
            "",
            "% comparison with the printed equations",
            _comparison_table(result, latex_names),
        ]
    return "\n".join(parts) + "\n"
