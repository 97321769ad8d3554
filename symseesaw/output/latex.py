"""LaTeX fragments (for ``\\input``) of derivation results.

All mathematics is printed by :func:`sympy.latex`; custom symbol names go
through its ``symbol_names`` setting.  String handling here only assembles
environments around printer output and escapes plain-text table cells.
The fragments need ``\\usepackage{amsmath}`` (``align``, ``pmatrix``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import sympy as sp

from symseesaw.result import DerivationResult

__all__ = [
    "DEFAULT_MAX_WIDTH",
    "LatexError",
    "compile_pdf",
    "matrix_latex",
    "split_by_order_latex",
    "split_by_monomial_latex",
    "masses_latex",
    "render_png",
    "result_to_latex",
    "standalone_document",
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


def _monomial_parts(
    M: sp.MatrixBase, small: Sequence[sp.Symbol]
) -> dict[tuple[int, ...], sp.Matrix]:
    """``M = sum(monomial(exps) * part[exps])`` over the powers of the small parameters."""
    M = sp.Matrix(M)
    parts: dict[tuple[int, ...], sp.Matrix] = {}
    for idx in range(M.rows * M.cols):
        for term in sp.Add.make_args(sp.expand(M[idx])):
            if term == 0:
                continue
            powers = term.as_powers_dict()
            exps = []
            for s in small:
                e = sp.sympify(powers.get(s, 0))
                exps.append(int(e) if e.is_Integer else 0)
            key = tuple(exps)
            coeff = term / sp.Mul(*[s**e for s, e in zip(small, key, strict=True)])
            parts.setdefault(key, sp.zeros(M.rows, M.cols))
            parts[key][idx] += coeff
    return dict(sorted(parts.items(), key=lambda kv: (sum(kv[0]), [-e for e in kv[0]])))


def split_by_monomial_latex(
    name: str,
    M: sp.MatrixBase,
    small: Sequence[sp.Symbol],
    latex_names: Mapping[sp.Symbol, str] | None = None,
    max_width: int = DEFAULT_MAX_WIDTH,
) -> str:
    r"""``align`` fragment ``U = U_0 + \epsilon_1 U_{\epsilon_1} + \epsilon_1^2 ...``.

    One coefficient matrix per monomial of the small parameters (a matrix
    wider than ``max_width`` is printed entry by entry).
    """
    small = list(small)
    parts = _monomial_parts(M, small)
    if not parts:
        return _align([f"{name} &= 0"])
    labels = []
    for key in parts:
        mono = sp.Mul(*[s**e for s, e in zip(small, key, strict=True)])
        if mono == 1:
            labels.append((f"{_braced(name)}_0", ""))
        else:
            tex = _expr(mono, latex_names)
            labels.append((f"{_braced(name)}_{{{tex}}}", tex))
    head = " + ".join(f"{mono} \\, {sym}" if mono else sym for sym, mono in labels)
    lines = [f"{name} &= {head}"]
    for (sym, _), part in zip(labels, parts.values(), strict=True):
        if _estimated_width(part, latex_names) > max_width:
            lines += [line.replace(f"{_braced(name)}_{{", f"({sym})_{{", 1)
                      for line in _entry_lines(name, None, part, latex_names)]
        else:
            lines.append(f"{sym} &= {matrix_latex(part, latex_names)}")
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
    split: str = "order",
) -> str:
    """LaTeX fragment (no preamble, for ``\\input``) describing ``result``.

    Contents: a comment header (derivation, equations, convention, small
    parameters), the mass matrix, the definitions of derived symbols, the
    mixing matrix split by order (or in full if no split is available), the
    masses and, if present, a table of the comparisons with the printed
    equations.

    ``split`` chooses how the mixing matrix is printed: ``"order"``
    (``U = U_0 + \\delta U^{(1)} + ...``, the default), ``"monomial"`` (one
    matrix per monomial of the small parameters) or ``"none"`` (the whole
    matrix).  Matrices wider than ``max_width`` are printed entry by entry.
    ``latex_names`` maps symbols to their LaTeX (e.g. a derivation's
    ``LATEX_NAMES``: ``{m2_0: "m_2^{(0)}", u1: "u'"}``).
    """
    if split not in ("order", "monomial", "none"):
        raise ValueError(f"split must be 'order', 'monomial' or 'none', got {split!r}")
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
    if split == "monomial":
        parts.append(
            split_by_monomial_latex(
                matrix_name, result.mixing_matrix, list(result.small), latex_names, max_width
            )
        )
    elif split == "order" and result.mixing_by_order:
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


# ------------------------------------------------------------------ compiling, previews
class LatexError(RuntimeError):
    """pdflatex / pdftoppm missing or failed (the message carries the log's error lines)."""


def standalone_document(fragment: str, width: str = "17cm", tight: bool = False) -> str:
    """Wrap a fragment into a complete ``article`` document (``amsmath``).

    With ``tight=True`` the page is cropped to the content (pdfTeX page-size
    primitives, no extra package), as used by :func:`render_png`.
    """
    if not tight:
        return (
            "\\documentclass{article}\n\\usepackage{amsmath}\n"
            f"\\usepackage[paperwidth={width},paperheight=200cm,margin=1cm]{{geometry}}\n"
            "\\allowdisplaybreaks\n\\pagestyle{empty}\n\\begin{document}\n"
            f"{fragment}\n\\end{{document}}\n"
        )
    return (
        "\\documentclass{article}\n\\usepackage{amsmath}\n\\pagestyle{empty}\n"
        "\\hoffset=-1in \\voffset=-1in \\oddsidemargin=10pt \\evensidemargin=10pt\n"
        "\\topmargin=0pt \\headheight=0pt \\headsep=0pt \\topskip=0pt \\footskip=0pt\n"
        f"\\textwidth={width} \\textheight=500cm\n"
        "\\newsavebox{\\symseesawbox}\n\\begin{document}\n"
        f"\\begin{{lrbox}}{{\\symseesawbox}}\\begin{{minipage}}{{{width}}}\n"
        f"{fragment}\n\\end{{minipage}}\\end{{lrbox}}\n"
        "\\pdfpagewidth=\\dimexpr\\wd\\symseesawbox+20pt\\relax\n"
        "\\pdfpageheight=\\dimexpr\\ht\\symseesawbox+\\dp\\symseesawbox+20pt\\relax\n"
        "\\vspace*{-\\baselineskip}\\noindent\\usebox{\\symseesawbox}\n\\end{document}\n"
    )


def _run(cmd: list[str], cwd: str, what: str, log: Path | None = None) -> None:
    if shutil.which(cmd[0]) is None:
        raise LatexError(f"{cmd[0]} not found: install {what} (see docs/tutorial.md)")
    proc = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL
    )
    if proc.returncode != 0:
        text = log.read_text(errors="replace") if log is not None and log.exists() else ""
        text = text or proc.stdout + proc.stderr
        errors = [ln for ln in text.splitlines() if ln.startswith("!")][:3]
        raise LatexError(f"{cmd[0]} failed: {'; '.join(errors) or text[-300:].strip()}")


def compile_pdf(document: str, pdf_path: str | os.PathLike[str] | None = None) -> bytes:
    """Compile a complete LaTeX document with ``pdflatex``; return the PDF bytes.

    Runs in a temporary directory with ``-no-shell-escape`` and
    ``-interaction=nonstopmode``; if ``pdf_path`` is given the PDF is also
    written there (atomically).  Raises :class:`LatexError`.
    """
    from symseesaw.output.atomic import write_atomic

    with tempfile.TemporaryDirectory(prefix="symseesaw-tex-") as tmp:
        Path(tmp, "doc.tex").write_text(document, encoding="utf-8")
        _run(
            ["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error",
             "doc.tex"],
            tmp,
            "a LaTeX engine (Debian: texlive-latex-base texlive-latex-recommended)",
            Path(tmp, "doc.log"),
        )
        data = Path(tmp, "doc.pdf").read_bytes()
    if pdf_path is not None:
        write_atomic(pdf_path, data)
    return data


def render_png(
    fragment: str, png_path: str | os.PathLike[str], dpi: int = 150, width: str = "17cm"
) -> Path:
    """Render a fragment to a PNG preview: ``pdflatex``, then ``pdftoppm -png -r DPI``.

    The page is cropped to the content.  Needs ``pdflatex`` and ``pdftoppm``
    (Debian: ``texlive-latex-base``, ``texlive-latex-recommended``,
    ``poppler-utils``).  The PNG is written atomically.  Raises :class:`LatexError`.
    """
    from symseesaw.output.atomic import write_atomic

    pdf = compile_pdf(standalone_document(fragment, width=width, tight=True))
    with tempfile.TemporaryDirectory(prefix="symseesaw-png-") as tmp:
        Path(tmp, "doc.pdf").write_bytes(pdf)
        _run(
            ["pdftoppm", "-png", "-r", str(int(dpi)), "-singlefile", "doc.pdf", "page"],
            tmp,
            "pdftoppm (Debian: poppler-utils)",
        )
        return write_atomic(png_path, Path(tmp, "page.png").read_bytes())
