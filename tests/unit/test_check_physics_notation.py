"""The checker reads what physicists write (issue 12 item 2), and the seed 001 displays
pasted verbatim from the paper are read and checked entry by entry."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import sympy as sp

from symseesaw.check import Claim, check_against, check_formula
from symseesaw.papers.seed001 import model as seed001
from symseesaw.parsing import InputError, SymbolTable, parse_latex, parse_list, parse_matrix

EPS = sp.Symbol("epsilon", positive=True)
MM = sp.Symbol("M", positive=True)
Y = sp.Symbol("y")  # complex (--complex y)
COMPLEX_SEESAW = sp.Matrix([[0, EPS * Y * MM], [EPS * Y * MM, MM]])
#: Light mass to relative order 2, i.e. through epsilon^4: -eps^2 y^2 M + eps^4 M y^2 |y|^2.
MODULUS_CLAIMS = [
    "-epsilon**2*y**2*M + epsilon**4*M*y**2*Abs(y)**2",
    r"-\epsilon^2 y^2 M + \epsilon^4 M y^2 |y|^2",
    r"-\epsilon^2 y^2 M + \epsilon^4 M y^2 \left|y\right|^2",
    r"-\epsilon^2 y^2 M + \epsilon^4 M y^3 \bar{y}",
    r"-\epsilon^2 y^2 M + \epsilon^4 M y^3 \overline{y}",
    r"-\epsilon^2 y^2 M + \epsilon^4 M y^3 y^*",
    r"-\epsilon^2 y^2 M + \epsilon^4 M y^3 y^\dagger",
]


@pytest.mark.parametrize("claim", MODULUS_CLAIMS)
def test_modulus_squared_of_a_complex_symbol_is_y_times_its_conjugate(claim):
    (c,) = check_formula(claim, COMPLEX_SEESAW, 1, {EPS: 2}, quantity="m[1]")
    assert c.verdict == "agrees", c.note


def test_modulus_claim_with_a_wrong_coefficient_differs():
    (c,) = check_formula(r"-\epsilon^2 y^2 M + 2\epsilon^4 M y^2 |y|^2", COMPLEX_SEESAW, 1,
                         {EPS: 2}, quantity="m[1]")
    assert c.verdict == "differs"
    assert c.lowest_differing_order == {"epsilon": 4}
    assert "your coefficient 2*M*y**3*conjugate(y)" in c.note
    assert "correct coefficient M*y**3*conjugate(y)" in c.note


def test_odd_power_of_a_complex_modulus_is_a_clear_error():
    with pytest.raises(InputError, match=r"\|y\| with an odd power"):
        check_formula(r"-\epsilon^2 |y| y M", COMPLEX_SEESAW, 1, {EPS: 1}, quantity="m[1]")


def test_dagger_of_a_matrix_is_its_conjugate_transpose():
    y1, y2 = sp.Symbol("y_1"), sp.Symbol("y_2")
    value = parse_latex(r"\begin{pmatrix} y_1 & y_2 \end{pmatrix}^\dagger", [y1, y2])
    assert value == sp.Matrix([[sp.conjugate(y1)], [sp.conjugate(y2)]])


M_SMALL = sp.Symbol("m", positive=True)
TWO_BY_TWO = sp.Matrix([[0, M_SMALL], [M_SMALL, MM]])


@pytest.mark.parametrize("claim", ["M/2 - sqrt(M**2/4 + m**2)",
                                   r"\frac{M}{2} - \sqrt{\frac{M^2}{4} + m^2}"])
def test_closed_form_is_expanded_to_the_claimed_order(claim):
    (c,) = check_formula(claim, TWO_BY_TWO, 1, {M_SMALL: 4}, quantity="m[1]")
    assert c.verdict == "agrees", c.note


def test_wrong_closed_form_differs_at_the_right_order():
    (c,) = check_formula("M/2 - sqrt(M**2/4 + 2*m**2)", TWO_BY_TWO, 1, {M_SMALL: 4},
                         quantity="m[1]")
    assert c.verdict == "differs"
    assert c.lowest_differing_order == {"m": 2}
    assert "your coefficient -2/M" in c.note and "correct coefficient -1/M" in c.note


@pytest.mark.parametrize(
    "text",
    [
        r"m_1 \simeq -\frac{m^2}{M} + \mathcal{O}(m^4) \tag{7}",
        r"m_1 = -\frac{m^2}{M}, \quad (7)",
        r"$$m_1 \simeq -\left( \frac{m^2}{M} \right) \quad (\text{A-7})$$",
        r"\begin{aligned} m_1 &\simeq -\frac{m^2}{M} \end{aligned}",
        r"\begin{align} m_1 &= -\frac{m}{M} \\ &\quad \cdot m \end{align}",
    ],
)
def test_labels_relations_and_environments_are_read(text):
    (c,) = check_formula(text, TWO_BY_TWO, 1, {M_SMALL: 1}, quantity="m[1]")
    assert c.verdict == "agrees", c.note


def test_cases_rows_are_a_list_of_formulas():
    values = parse_list(r"m_i = \begin{cases} 0 & i = 1 \\ \frac{m^2}{M} & i = 2 \end{cases}",
                        [M_SMALL, MM])
    assert values == [0, M_SMALL**2 / MM]


def test_label_after_a_matrix_is_not_read_as_a_factor():
    text = r"U = \begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}, \quad (22)"
    assert parse_matrix(text, []) == sp.eye(2)


# ------------------------------------------------------------- seed 001 pasted verbatim
DATA = Path(__file__).parent / "data" / "seed001_pasted_equations.tex"
BLOCKS = dict(re.findall(r"^%% EQ (\S+)\n(.*?)(?=^%% EQ |\Z)", DATA.read_text(), re.S | re.M))
SEED001_TABLE = SymbolTable(
    [v for v in vars(seed001).values() if isinstance(v, sp.Symbol)],
    latex_names=seed001.LATEX_NAMES,
)


def test_every_pasted_display_is_present():
    assert sorted(BLOCKS) == ["22", "24", "28", "29", "A-16", "A-17"]


@pytest.mark.parametrize("label", ["22", "28", "A-16"])
def test_pasted_matrices_are_read_as_5x5(label):
    U = parse_matrix(BLOCKS[label], SEED001_TABLE)
    assert U.shape == (5, 5)


def test_pasted_a16_entries_are_read_as_printed():
    U = parse_matrix(BLOCKS["A-16"], SEED001_TABLE)
    e1, e2, rho2 = seed001.epsilon_1, seed001.epsilon_2, seed001.rho2
    assert sp.expand(U[0, 3] - (1 - rho2) * e1) == 0
    assert sp.expand(U[4, 4] - (-e2**2)) == 0
    assert sp.expand(U[3, 4] - seed001.sigma_pN * e1 * e2 / 2) == 0


@pytest.mark.parametrize("label", ["24", "29", "A-17"])
def test_pasted_mass_lists_are_read_as_five_masses(label):
    masses = parse_list(BLOCKS[label], SEED001_TABLE)
    assert len(masses) == 5


def test_pasted_a17_multiline_mass_keeps_both_lines():
    masses = parse_list(BLOCKS["A-17"], SEED001_TABLE)
    sigma_pN, R = seed001.sigma_pN, seed001.R_ratio
    # the second line of m'_2 carries the -sigma_+^N R rho_2 / 3 term
    coefficient = sp.expand(masses[1] / seed001.m2_0).coeff(R).coeff(sigma_pN)
    assert sp.expand(coefficient.subs({seed001.epsilon_1: 0, seed001.epsilon_2: 0})) == \
        -seed001.rho2 / 3


@pytest.mark.parametrize("name, label, quantity", [("seed001-no", "22", "U"),
                                                   ("seed001-io", "28", "U"),
                                                   ("seed001-io", "29", "masses")])
def test_pasted_displays_agree_with_the_derivation(name, label, quantity):
    cs = check_against(name, [Claim(quantity, BLOCKS[label], label=label)])
    assert Counter(c.verdict for c in cs) == {"agrees": 25 if quantity == "U" else 5}


def test_pasted_eq24_differs_only_in_the_u_prime_of_m5():
    cs = check_against("seed001-no", [Claim("masses", BLOCKS["24"], label="24")])
    differing = [c for c in cs if c.verdict != "agrees"]
    assert [c.entry for c in differing] == [[5]]
    assert "your coefficient u'*w_3" in differing[0].note
    assert "correct coefficient u''*w_3" in differing[0].note
