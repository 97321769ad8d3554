r"""LaTeX notation of printed papers read by the parser and the printed-equation readers.

Matrix names (``F``, ``F^{-1}``), ``\text{diag}``, ``\cdot`` cells of a
symmetric matrix, blocks ``0_{m \times n}``/``1_{n \times n}``, ``\propto``,
``\mathcal{O}(a, b)``, empty cells (refused unless asked), chains of relations,
``\pm``/``\mp`` branches, definitions and two equations joined by ``\text{and}``.
"""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw.papers.printed import (
    read_aligned,
    read_definitions,
    read_matrices,
    sign_branches,
    split_and,
)
from symseesaw.parsing import InputError, parse_latex, split_relations

a, b, c, lam = sp.symbols("a b c lambda", positive=True)
SYMS = [a, b, c, lam]
F = sp.diag(lam, lam**2)


def test_a_matrix_name_is_multiplied_on_both_sides_and_inverted():
    value = parse_latex(r"V \simeq F^{-1} \begin{pmatrix} 1 & a \\ b & 1 \end{pmatrix} F",
                        SYMS, matrices={"F": F})
    assert value == sp.Matrix([[1, a * lam], [b / lam, 1]])


def test_only_powers_minus_one_to_16_of_a_matrix_name_are_read():
    with pytest.raises(InputError, match="powers -1..16"):
        parse_latex(r"F^{-2}", SYMS, matrices={"F": F})


def test_a_singular_matrix_is_not_inverted():
    with pytest.raises(InputError, match="singular"):
        parse_latex(r"F^{-1}", SYMS, matrices={"F": sp.diag(a, 0)})
    with pytest.raises(InputError, match="singular"):
        parse_latex(r"F^{-1}", SYMS, matrices={"F": sp.Matrix([[a, b], [a, b]])})


def test_a_large_full_matrix_is_refused_before_inverting():
    full = sp.Matrix(4, 4, lambda i, j: a**i + b**j)
    with pytest.raises(InputError, match="up to 3x3"):
        parse_latex(r"F^{-1}", SYMS, matrices={"F": full})
    assert parse_latex(r"F^{-1}", SYMS, matrices={"F": sp.Matrix([[1, a], [0, 1]])}) \
        == sp.Matrix([[1, -a], [0, 1]])


def test_diag_reads_its_comma_separated_entries():
    assert parse_latex(r"F = \text{diag}(\lambda^{a}, \lambda^{b}, 2)", SYMS) \
        == sp.diag(lam**a, lam**b, 2)


def test_cdot_cells_are_the_mirrored_entries():
    value = parse_latex(r"\begin{pmatrix} a & b \\ \cdot & c \end{pmatrix}", SYMS)
    assert value == sp.Matrix([[a, b], [b, c]])


def test_cdot_cells_need_a_mirror_that_is_printed():
    with pytest.raises(InputError, match="both dots"):
        parse_latex(r"\begin{pmatrix} a & \cdot \\ \cdot & c \end{pmatrix}", SYMS)
    with pytest.raises(InputError, match="square"):
        parse_latex(r"\begin{pmatrix} a & b & c \\ \cdot & c & a \end{pmatrix}", SYMS)


def test_cdot_between_factors_is_still_a_product():
    assert parse_latex(r"\begin{pmatrix} a \cdot b \end{pmatrix}", SYMS) == sp.Matrix([[a * b]])


def test_blocks_zero_and_identity_assemble_a_block_matrix():
    value = parse_latex(r"U = \begin{pmatrix} T & 0_{1 \times 2} \\ 0_{2 \times 1} & "
                        r"1_{2 \times 2} \end{pmatrix}", SYMS, matrices={"T": sp.Matrix([[a]])})
    assert value == sp.diag(a, 1, 1)


def test_blocks_that_do_not_fit_are_refused_before_any_work():
    with pytest.raises(InputError, match="do not fit"):
        parse_latex(r"\begin{pmatrix} 0_{1 \times 2} & 0_{2 \times 2} \\ 0_{1 \times 2} & "
                    r"1_{1 \times 1} \end{pmatrix}", SYMS)
    with pytest.raises(InputError, match="block shapes are 1..16"):
        parse_latex(r"\begin{pmatrix} 0_{99999 \times 99999} \end{pmatrix}", SYMS)
    with pytest.raises(InputError, match="must be square"):
        parse_latex(r"1_{2 \times 3}", SYMS)


def test_propto_is_a_relation_and_its_right_hand_side_is_read():
    assert parse_latex(r"M \propto \frac{1}{a} b", SYMS) == b / a


def test_an_order_remainder_with_several_arguments_is_dropped():
    value = parse_latex(r"\begin{pmatrix} a \end{pmatrix} + \mathcal{O}\left(\frac{a}{b} c, "
                        r"c^2\right)", SYMS)
    assert value == sp.Matrix([[a]])
    assert parse_latex(r"a + \mathcal{O}(b^2, c)", SYMS) == a
    with pytest.raises(InputError, match="unbalanced"):
        parse_latex(r"a + \mathcal{O}(b^2, c", SYMS)


def test_empty_cells_are_refused_unless_read_as_zero():
    tex = r"\begin{pmatrix} a & b & \\ a & b & c \end{pmatrix}"
    with pytest.raises(InputError, match="empty matrix cell"):
        parse_latex(tex, SYMS)
    assert parse_latex(tex, SYMS, empty_cells=True) == sp.Matrix([[a, b, 0], [a, b, c]])


def test_split_relations_gives_every_side_of_a_chain():
    assert split_relations(r"-0.4 \leq \left(a + b\right) \leq 0.95, \quad (40)") \
        == ["-0.4", r"\left(a + b\right)", "0.95"]
    assert split_relations(r"R \equiv \frac{a}{b} \simeq \sqrt{c} = \mathcal{O}(10^{-1})") \
        == ["R", r"\frac{a}{b}", r"\sqrt{c}", r"\mathcal{O}(10^{-1})"]
    assert split_relations(r"f(x = 1) = a") == ["f(x = 1)", "a"]


def test_sign_branches_take_the_upper_then_the_lower_sign():
    upper, lower = sign_branches(r"\sigma_\pm^N = a \pm b \mp c")
    assert (upper, lower) == (r"\sigma_+^N = a + b - c", r"\sigma_-^N = a - b + c")
    with pytest.raises(ValueError, match="no \\\\pm"):
        sign_branches("a + b")


def test_aligned_rows_with_signs_give_two_formulas_only_when_asked():
    tex = "\\begin{aligned} x &= a \\mp b, \\\\ y &= c \\end{aligned}"
    assert read_aligned(tex, SYMS, expand_signs=True) == [a - b, a + b, c]
    with pytest.raises(InputError, match="ambiguous"):
        read_aligned(tex, SYMS)


def test_definitions_keep_only_the_defining_equality():
    R, s_p, s_m = sp.symbols("R sigma_+ sigma_-")
    tex = ("\\begin{aligned} \\sigma_\\pm &\\equiv a \\pm b, \\quad c \\equiv 2a, \\\\ "
           "R &\\equiv \\frac{a}{b} \\simeq \\sqrt{c} = \\mathcal{O}(10^{-1}) \\end{aligned}")
    assert read_definitions(tex, [*SYMS, R, s_p, s_m]) == {
        s_p: a + b, s_m: a - b, c: 2 * a, R: a / b}
    with pytest.raises(ValueError, match="not one new symbol"):
        read_definitions(r"a \equiv b, \quad a \equiv c", SYMS)


def test_two_equations_joined_by_and_are_split():
    assert split_and(r"x = a \quad \text{and} \quad y = b, \quad (35)") == ["x = a", "y = b"]


def test_matrices_summed_in_print_are_read_separately():
    first, second = read_matrices(r"U \simeq & \begin{pmatrix} a \end{pmatrix} \quad (\text{A-1})"
                                  r" \\ + & \begin{pmatrix} b \end{pmatrix} + \delta U", SYMS,
                                  rest=r"\delta U")
    assert (first, second) == (sp.Matrix([[a]]), sp.Matrix([[b]]))
    with pytest.raises(ValueError, match="joined by"):
        read_matrices(r"\begin{pmatrix} a \end{pmatrix} - \begin{pmatrix} b \end{pmatrix}", SYMS)


def test_an_empty_group_before_a_superscript_belongs_to_the_name():
    md_no = sp.Symbol("M_D^(NO)'")
    assert parse_latex(r"2 M'_D{}^{(\text{NO})}", [md_no]) == 2 * md_no
    assert parse_latex(r"w_1'^2", [sp.Symbol("w_1'")]) == sp.Symbol("w_1'") ** 2


def test_matrices_with_a_prefactor_or_factor_are_not_read_as_a_plain_sum():
    with pytest.raises(ValueError, match="not a relation"):
        read_matrices(r"U = \frac{1}{a} \begin{pmatrix} a \end{pmatrix}", SYMS)
    with pytest.raises(ValueError, match="a factor"):
        read_matrices(r"U = \begin{pmatrix} a \end{pmatrix} F", SYMS)
    with pytest.raises(ValueError, match="a further term"):
        read_matrices(r"U = \begin{pmatrix} a \end{pmatrix} + \delta U", SYMS)
