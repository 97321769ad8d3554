"""LaTeX fragments (for ``\\input``) of derivation results.

All mathematics is printed by :func:`sympy.latex`; custom symbol names go
through its ``symbol_names`` setting.  String handling here only assembles
environments around printer output and escapes plain-text table cells.
The fragments need ``\\usepackage{amsmath}`` (``align``, ``pmatrix``).

Size: about 610 lines, kept whole on purpose: one page-width layout
(:func:`matrix_lines`, the splits by order and monomial, long sums broken
within the page) serves every writer, derivation records and blocks-mode
models alike, beside the small compile and preview helpers that check it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import sympy as sp
from sympy.printing.latex import LatexPrinter

from symseesaw.output.texwidth import LINE_WIDTH_PT, MATRIX_WIDTH_PT, typeset_width
from symseesaw.result import DerivationResult

__all__ = [
    "DEFAULT_MAX_WIDTH",
    "LatexError",
    "compile_pdf",
    "matrix_latex",
    "matrix_lines",
    "split_by_order_latex",
    "split_by_monomial_latex",
    "masses_latex",
    "render_png",
    "render_png_bytes",
    "latex_expr",
    "SymseesawLatexPrinter",
    "result_to_latex",
    "standalone_document",
]

#: Estimated width (characters of LaTeX source: longest entry x columns) above
#: which matrices are printed entry by entry instead of as a ``pmatrix`` (and
#: sums are broken).  The estimated typeset width is bounded too, by
#: ``LINE_WIDTH_PT * max_width / DEFAULT_MAX_WIDTH`` (:mod:`symseesaw.output.texwidth`):
#: at the default, the text width of an ``article`` page; a larger ``max_width``
#: (a wider page) scales it.
DEFAULT_MAX_WIDTH = 180
#: ``\quad`` before a continued line; ``\arraycolsep`` twice; ``\left( \right)``.
_CONTINUATION_PT = 10.0
_COLUMN_SEP_PT = 10.0
_PARENS_PT = 10.0

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


class SymseesawLatexPrinter(LatexPrinter):
    """sympy's LaTeX printer with symbol names that survive powers.

    A symbol printed with a prime and a subscript, such as ``w'_{1}``, already
    carries a superscript (the prime); raised to a power, sympy would print
    ``w'_{1}^{2}`` (TeX: ``! Double superscript``).  Such names are braced,
    ``{w'_{1}}^{2}``, which compiles and reads the same.
    """

    printmethod = "_latex"

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        text = super()._print_Symbol(expr, style=style)
        return _brace_scripted(text)


def _brace_scripted(text: str) -> str:
    """``w'_{1}`` -> ``{w'_{1}}``; names without a prime and a script stay as they are."""
    if "'" in text and ("_" in text or "^" in text) and not text.startswith("{"):
        return "{" + text + "}"
    return text


def latex_expr(e: object, latex_names: Mapping[sp.Symbol, str] | None = None,
               **settings: object) -> str:
    """LaTeX of a sympy object through :class:`SymseesawLatexPrinter`.

    Parameters
    ----------
    e : sympy object (or anything :func:`sympy.sympify` accepts)
    latex_names : mapping, optional
        Symbol -> LaTeX name (sympy's ``symbol_names`` setting).
    **settings
        Further sympy LaTeX printer settings (``mat_str``, ``mat_delim``, ...).
    """
    settings = {"symbol_names": dict(latex_names or {}), **settings}
    return SymseesawLatexPrinter(settings).doprint(sp.sympify(e))


def _expr(e: object, latex_names: Mapping[sp.Symbol, str] | None) -> str:
    return latex_expr(e, latex_names)


def _rhs(e: object, latex_names: Mapping[sp.Symbol, str] | None, max_width: int) -> str:
    """Right-hand side of an ``align`` line; a long sum continues on further lines.

    A sum whose LaTeX is longer than ``max_width`` characters, or whose
    estimated typeset width exceeds :data:`~symseesaw.output.texwidth.LINE_WIDTH_PT`
    (the text width of an ``article`` page; scaled by ``max_width /
    DEFAULT_MAX_WIDTH``), is broken between its top-level terms into lines
    within both limits (``\\nonumber \\\\ &\\quad + ...``), so that wide
    results stay on the page.  A product or fraction with a sum in its
    numerator is printed ``prefactor \\Big( sum \\Big)`` and the sum broken
    the same way.  A single term wider than a line stays whole.
    """
    expr = sp.sympify(e)
    whole = _expr(expr, latex_names)
    budget = _page_budget(LINE_WIDTH_PT, max_width)
    if len(whole) <= max_width and typeset_width(whole) <= budget:
        return whole
    printer = SymseesawLatexPrinter({"symbol_names": dict(latex_names or {})})
    if isinstance(expr, sp.Add):
        return _broken_sum(printer, expr, "", "", max_width, budget)
    numerator, denominator = sp.fraction(expr)
    sums = [f for f in sp.Mul.make_args(numerator) if isinstance(f, sp.Add)]
    if not sums:
        return whole
    widest = max(sums, key=lambda f: len(printer._print(f)))
    prefactor = sp.Mul(*[f for f in sp.Mul.make_args(numerator) if f is not widest]) / denominator
    head = {1: "", -1: "-"}.get(prefactor, printer._print(prefactor))  # type: ignore[call-overload]
    return _broken_sum(printer, widest, f"{head} \\Big(".lstrip(), " \\Big)", max_width, budget)


def _broken_sum(printer: LatexPrinter, expr: sp.Add, opening: str, closing: str,
                max_width: int, budget: float) -> str:
    """The terms of ``expr`` between ``opening`` and ``closing``, in lines within the limits."""
    lines: list[str] = []
    current = opening
    for k, term in enumerate(printer._as_ordered_terms(expr, order=None)):
        tex = printer._print(term)
        if k == 0:
            piece = f" {tex}" if opening else tex
        elif tex.startswith("-"):
            piece = f" - {tex[1:].lstrip()}"
        else:
            piece = f" + {tex}"
        indent = _CONTINUATION_PT if lines else 0.0
        too_wide = (len(current) + len(piece) > max_width
                    or indent + typeset_width(current + piece) > budget)
        if current.strip() and too_wide:
            lines.append(current)
            current = piece.lstrip()
        else:
            current += piece
    lines.append(current + closing)
    return " \\nonumber \\\\\n&\\quad ".join(
        line if k == 0 else (line if line.startswith(("+", "-")) else "+ " + line)
        for k, line in enumerate(lines)
    )


def _text(s: object) -> str:
    """Escape plain text for a LaTeX text cell or heading."""
    return "".join(_TEXT_ESCAPES.get(ch, ch) for ch in str(s))


def _comment(s: object) -> str:
    return " ".join(str(s).split())


def matrix_latex(M: sp.MatrixBase, latex_names: Mapping[sp.Symbol, str] | None = None) -> str:
    """``\\begin{pmatrix} ... \\end{pmatrix}`` of ``M`` (sympy's printer)."""
    return latex_expr(sp.Matrix(M), latex_names, mat_str="pmatrix", mat_delim="")


def _too_wide(M: sp.MatrixBase, latex_names: Mapping[sp.Symbol, str] | None,
              max_width: int) -> bool:
    """Print ``M`` entry by entry rather than as a ``pmatrix``?

    Yes when its longest entry's LaTeX times the number of columns exceeds
    ``max_width`` characters, or when its estimated typeset width (widest
    entry of each column, column separation, parentheses) exceeds
    :data:`~symseesaw.output.texwidth.MATRIX_WIDTH_PT` (scaled like ``max_width``).
    """
    M = sp.Matrix(M)
    if M.rows == 0 or M.cols == 0:
        return False
    tex = [[_expr(M[i, j], latex_names) for j in range(M.cols)] for i in range(M.rows)]
    longest = max(len(x) for row in tex for x in row)
    columns = [max(typeset_width(row[j]) for row in tex) for j in range(M.cols)]
    typeset = sum(columns) + _COLUMN_SEP_PT * (M.cols - 1) + _PARENS_PT
    return longest * M.cols > max_width or typeset > _page_budget(MATRIX_WIDTH_PT, max_width)


def _page_budget(width_pt: float, max_width: int) -> float:
    """Typeset width allowed for ``max_width`` (the default fits an ``article`` page)."""
    return width_pt * max_width / DEFAULT_MAX_WIDTH


def _braced(name: str) -> str:
    """Wrap a LaTeX name in braces when it already carries sub/superscripts."""
    return "{" + name + "}" if ("_" in name or "^" in name) else name


def _index(i: int, j: int, n: int) -> str:
    return f"{i}{j}" if n < 10 else f"{i},{j}"


def _entry_lines(
    name: str,
    order: int | None,
    M: sp.MatrixBase,
    latex_names: Mapping[sp.Symbol, str] | None,
    max_width: int = DEFAULT_MAX_WIDTH,
    symmetric: bool = False,
) -> list[str]:
    """``name_{ij}^{(k)} &= ...`` lines for the non-zero entries of ``M`` (upper triangle
    only when ``symmetric``)."""
    M = sp.Matrix(M)
    sup = "" if order is None else f"^{{({order})}}"
    n = max(M.rows, M.cols)
    lines = []
    for i in range(M.rows):
        for j in range(i if symmetric else 0, M.cols):
            if M[i, j] != 0:
                lines.append(
                    f"{_braced(name)}_{{{_index(i + 1, j + 1, n)}}}{sup} &= "
                    f"{_rhs(M[i, j], latex_names, max_width)}"
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
    wide = any(_too_wide(by_order[k], latex_names, max_width) for k in orders)
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
        lines += _entry_lines(name, k, by_order[k], latex_names, max_width)
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
    return _ordered_parts(parts)


def _ordered_parts(parts: Mapping[tuple[int, ...], sp.MatrixBase]) -> dict:
    """Non-zero parts by total degree, then the first parameter's power first."""
    return dict(sorted(((k, sp.Matrix(v)) for k, v in parts.items() if any(v)),
                       key=lambda kv: (sum(kv[0]), [-e for e in kv[0]])))


def split_by_monomial_latex(
    name: str,
    M: sp.MatrixBase,
    small: Sequence[sp.Symbol],
    latex_names: Mapping[sp.Symbol, str] | None = None,
    max_width: int = DEFAULT_MAX_WIDTH,
    parts: Mapping[tuple[int, ...], sp.MatrixBase] | None = None,
) -> str:
    r"""``align`` fragment ``U = U_0 + \epsilon_1 U_{\epsilon_1} + \epsilon_1^2 ...``.

    One coefficient matrix per monomial of the small parameters (a matrix
    wider than ``max_width`` is printed entry by entry). ``parts`` (exponent
    tuple in the order of ``small`` -> coefficient matrix, e.g. an
    expansion's ``by_monomial("mixing")``) is used as given; without it the
    monomials are read off the expanded entries of ``M``.
    """
    small = list(small)
    parts = _monomial_parts(M, small) if parts is None else _ordered_parts(parts)
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
        if _too_wide(part, latex_names, max_width):
            lines += [line.replace(f"{_braced(name)}_{{", f"({sym})_{{", 1)
                      for line in _entry_lines(name, None, part, latex_names, max_width)]
        else:
            lines.append(f"{sym} &= {matrix_latex(part, latex_names)}")
    return _align(lines)


def matrix_lines(
    name: str,
    M: sp.MatrixBase,
    latex_names: Mapping[sp.Symbol, str] | None = None,
    max_width: int = DEFAULT_MAX_WIDTH,
    symmetric: bool = False,
) -> list[str]:
    """Lines of an ``align`` environment stating ``name = M``.

    One ``pmatrix`` line, or, for a matrix wider than ``max_width`` (see
    :func:`split_by_order_latex`), one line per non-zero entry (the upper
    triangle only when ``symmetric``), long entries continued on further lines.
    """
    if _too_wide(M, latex_names, max_width):
        return _entry_lines(name, None, M, latex_names, max_width, symmetric)
    return [f"{name} &= {matrix_latex(M, latex_names)}"]


def masses_latex(
    masses: Sequence[object],
    names: Sequence[str] | None = None,
    latex_names: Mapping[sp.Symbol, str] | None = None,
    max_width: int = DEFAULT_MAX_WIDTH,
) -> str:
    """``align`` fragment ``m_{1} &= ...`` for each mass (``names``: LaTeX labels).

    A mass longer than ``max_width`` characters of LaTeX continues on further lines.
    """
    if names is None:
        names = [f"m_{{{i}}}" for i in range(1, len(masses) + 1)]
    if len(names) != len(masses):
        raise ValueError(f"{len(names)} names for {len(masses)} masses")
    if not masses:
        return "% (no masses)"
    return _align([f"{n} &= {_rhs(m, latex_names, max_width)}"
                   for n, m in zip(names, masses, strict=True)])


def _comparison_table(
    result: DerivationResult,
    latex_names: Mapping[sp.Symbol, str] | None,
    max_width: int = DEFAULT_MAX_WIDTH,
) -> str:
    """One short text line per comparison, then its printed and derived formulas.

    Not a ``tabular``: a table cannot break across pages and long formulas in
    its cells overflow; ``align*`` blocks break across pages and lines.
    """
    blocks = ["\\paragraph{Comparison with the printed equations}"]
    for c in result.comparisons:
        entry = ",".join(str(i) for i in c.entry)
        head = f"Eq.~{_text(c.equation)} ({_text(entry)}): {_text(c.verdict)}"
        if c.reading:
            head += f" [reading: {_text(c.reading)}]"
        blocks.append(
            f"\\noindent {head}\n\\begin{{align*}}\n"
            f"\\text{{printed}} &= {_rhs(c.printed, latex_names, max_width)} \\\\\n"
            f"\\text{{derived}} &= {_rhs(c.derived, latex_names, max_width)}\n\\end{{align*}}"
        )
    return "\n".join(blocks)


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
        f"% symseesaw derivation {_comment(result.name)}"
        + (f": Eqs. {_comment(eqs)}" if eqs else ""),
        f"% convention: {_comment(result.convention)}"
        + (
            f" (${_CONVENTION_LATEX[result.convention]}$)"
            if result.convention in _CONVENTION_LATEX
            else ""
        ),
        f"% small parameters (max order): {_comment(small) or 'none'}",
        "% generated by symseesaw; requires \\usepackage{amsmath}",
        "% long results break across pages (\\allowdisplaybreaks, local to this group)",
        "\\begingroup\\allowdisplaybreaks",
    ]
    parts += [f"% note: {_comment(n)}" for n in result.notes]
    parts += [
        "",
        "% mass matrix",
        _align(matrix_lines(mass_matrix_name, result.mass_matrix, latex_names, max_width)),
    ]
    if result.definitions:
        defs = [
            f"{_expr(k, latex_names)} &\\equiv {_rhs(v, latex_names, max_width)}"
            for k, v in result.definitions.items()
        ]
        parts += ["", "% definitions", _align(defs)]
    parts += ["", "% mixing matrix"]
    if split == "monomial":
        # the engine's own split when the record holds its expansion (no re-expansion)
        by_monomial = getattr(result.expansion, "by_monomial", None)
        small = list(result.expansion.small) if by_monomial else list(result.small)
        parts.append(
            split_by_monomial_latex(
                matrix_name, result.mixing_matrix, small, latex_names, max_width,
                parts=by_monomial("mixing") if by_monomial else None,
            )
        )
    elif split == "order" and result.mixing_by_order:
        parts.append(
            split_by_order_latex(matrix_name, result.mixing_by_order, latex_names, max_width)
        )
    else:
        parts.append(_align(matrix_lines(matrix_name, result.mixing_matrix, latex_names,
                                         max_width)))
    parts += [
        "",
        "% masses (in the order of the columns of the mixing matrix)",
        masses_latex(result.masses, mass_names, latex_names, max_width),
    ]
    if result.comparisons:
        parts += [
            "",
            "% comparison with the printed equations",
            _comparison_table(result, latex_names, max_width),
        ]
    parts.append("\\endgroup")
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


#: Seconds a pdflatex or pdftoppm run may take before it is killed (a LatexError).
TOOL_TIMEOUT = 120.0


def _run(cmd: list[str], cwd: str, what: str, log: Path | None = None) -> None:
    if shutil.which(cmd[0]) is None:
        raise LatexError(f"{cmd[0]} not found: install {what} (see docs/tutorial.md)")
    # Own process group: on a timeout the tool and every child it started are killed
    # (a child left holding the output pipe would otherwise block us forever).
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=TOOL_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise LatexError(f"{cmd[0]} did not finish within {TOOL_TIMEOUT:g} s and was stopped "
                         f"(check that {cmd[0]} runs on its own; it may be waiting for "
                         "input)") from None
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    if proc.returncode != 0:
        text = log.read_text(errors="replace") if log is not None and log.exists() else ""
        text = text or stdout + stderr
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


def render_png_bytes(fragment: str, dpi: int = 150, width: str = "17cm") -> bytes:
    """PNG preview of a fragment: ``pdflatex``, then ``pdftoppm -png -r DPI``; the PNG bytes.

    The page is cropped to the content.  Needs ``pdflatex`` and ``pdftoppm``
    (Debian: ``texlive-latex-base``, ``texlive-latex-recommended``,
    ``poppler-utils``).  Raises :class:`LatexError`.
    """
    pdf = compile_pdf(standalone_document(fragment, width=width, tight=True))
    with tempfile.TemporaryDirectory(prefix="symseesaw-png-") as tmp:
        Path(tmp, "doc.pdf").write_bytes(pdf)
        _run(
            ["pdftoppm", "-png", "-r", str(int(dpi)), "-singlefile", "doc.pdf", "page"],
            tmp,
            "pdftoppm (Debian: poppler-utils)",
        )
        return Path(tmp, "page.png").read_bytes()


def render_png(
    fragment: str, png_path: str | os.PathLike[str], dpi: int = 150, width: str = "17cm"
) -> Path:
    """Render a fragment to a PNG file (see :func:`render_png_bytes`), written atomically.

    Raises :class:`LatexError`; ``png_path`` must end in ``.png``.
    """
    from symseesaw.output.atomic import write_atomic

    if Path(png_path).suffix.lower() != ".png":
        raise ValueError(f"{str(png_path)!r}: a PNG preview must be written to a .png file")
    return write_atomic(png_path, render_png_bytes(fragment, dpi=dpi, width=width))
