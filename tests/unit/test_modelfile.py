"""Model files (format symseesaw-model/1): what they mean, and every mistake named with its line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symseesaw.modelfile import (
    BlocksModelResult,
    ModelFileError,
    derive_model,
    load_model,
    parse_model,
    prove_model,
)
from symseesaw.result import StoredExpansion

MODELS = Path(__file__).resolve().parents[2] / "docs" / "models"

TOY = """\
format = "symseesaw-model/1"
name = "toy"
n_light = 1
matrix = [
  ["0", "epsilon*M"],
  ["epsilon*M", "M"],
]
[small]
epsilon = 2
[symbols]
M = { positive = true }
"""


def error_of(text: str) -> str:
    with pytest.raises(ModelFileError) as info:
        parse_model(text, "m.toml")
    message = str(info.value)
    assert "\n" not in message
    return message


# ------------------------------------------------------------------------ meaning
def test_toy_model_reads_matrix_small_and_assumptions():
    spec = parse_model(TOY, "m.toml")
    eps, M = spec.symbols["epsilon"], spec.symbols["M"]
    assert spec.mass_matrix == sp.Matrix([[0, eps * M], [eps * M, M]])
    assert spec.small == {eps: 2} and eps.is_positive and M.is_positive
    assert spec.n_light == 1 and spec.mode == "full" and spec.convention == "UT_M_U"


def test_latex_entries_and_sympy_entries_give_the_same_matrix():
    latex = TOY.replace('"epsilon*M"', '"$\\\\epsilon M$"')
    assert parse_model(latex).mass_matrix == parse_model(TOY).mass_matrix


def test_complex_symbol_stays_complex_and_latex_name_is_kept():
    text = TOY.replace('"epsilon*M"', '"epsilon*y"').replace(
        "M = { positive = true }", "M = { positive = true }\ny = { complex = true, latex = \"y'_1\" }")
    spec = parse_model(text)
    y = spec.symbols["y"]
    assert y.is_real is None and y.is_complex
    assert spec.latex_names == {y: "y'_1"}
    assert spec.complex_symbols == [y]


def test_toy_expansion_matches_the_closed_form():
    # exact light mass (M - sqrt(M^2 + 4 eps^2 M^2)) / 2, expanded to eps^6 (relative order 4)
    spec = load_model(MODELS / "toy-2x2.toml")
    result = derive_model(spec)
    eps, M = spec.symbols["epsilon"], spec.symbols["M"]
    exact = (M - sp.sqrt(M**2 + 4 * eps**2 * M**2)) / 2
    series = sp.series(exact, eps, 0, 7).removeO()
    assert sp.expand(result.masses[0] - series) == 0


def test_order_zero_is_the_seesaw_formula():
    spec = parse_model(TOY)
    result = derive_model(spec, {"epsilon": 0})
    eps, M = spec.symbols["epsilon"], spec.symbols["M"]
    assert sp.expand(result.masses[0]) == -(eps**2) * M  # order 0: the seesaw formula itself


def test_order_override_applies_by_name():
    spec = parse_model(TOY)
    result = derive_model(spec, {"epsilon": 1})
    eps, M = spec.symbols["epsilon"], spec.symbols["M"]
    assert result.small == {eps: 1}
    assert sp.expand(result.masses[0]) == -(eps**2) * M  # relative order 1: no eps^3 term


def test_order_override_of_an_unknown_parameter_is_an_error():
    with pytest.raises(ModelFileError, match="'x', which is not a small parameter"):
        derive_model(parse_model(TOY), {"x": 1})


def test_blocks_mode_derives_the_seesaw_blocks():
    spec = parse_model(TOY.replace('n_light = 1', 'n_light = 1\nmode = "blocks"'))
    result = derive_model(spec, {"epsilon": 2})
    assert isinstance(result, BlocksModelResult)
    eps, M = spec.symbols["epsilon"], spec.symbols["M"]
    # light block of [[0, eps M], [eps M, M]]: -eps^2 M + eps^4 M (relative order 2)
    assert sp.expand(result.blocks.light_mass_matrix[0, 0]) == -(eps**2) * M + eps**4 * M


def test_full_mode_keys_are_refused_in_blocks_mode():
    text = TOY.replace('n_light = 1', 'n_light = 1\nmode = "blocks"\n'
                       'quasi_degenerate_heavy = [[0, 1]]')
    with pytest.raises(ModelFileError, match='quasi_degenerate_heavy: only a full '
                       'diagonalization uses it'):
        parse_model(text, "m.toml")


def test_full_mode_masses_are_the_exact_eigenvalues_expanded():
    spec = parse_model(TOY)
    eps, M = spec.symbols["epsilon"], spec.symbols["M"]
    root = sp.sqrt(1 + 4 * eps**2)  # eigenvalues M (1 -+ root) / 2 of [[0, eps M], [eps M, M]]
    light = sp.series(M * (1 - root) / 2, eps, 0, 5).removeO()  # relative order 2: eps^2, eps^4
    heavy = sp.series(M * (1 + root) / 2, eps, 0, 3).removeO()  # relative order 2: 1, eps^2
    masses = derive_model(spec).masses
    assert [sp.expand(m - exact) for m, exact in zip(masses, (light, heavy), strict=True)] == [0, 0]


def test_full_mode_keeps_the_engine_expansion_for_the_proof():
    from symseesaw.api import SeesawExpansion

    result = derive_model(parse_model(TOY))
    assert isinstance(result.expansion, SeesawExpansion)


# ------------------------------------------------------------------------ proof
def test_model_proof_passes_for_the_engine_result_and_fails_for_a_planted_error():
    spec = load_model(MODELS / "type1plus2.toml")
    result = derive_model(spec)
    assert prove_model(spec, result, dps=40).passed
    eps, m, M = spec.symbols["epsilon"], spec.symbols["m"], spec.symbols["M"]
    wrong = list(result.masses)
    wrong[0] = wrong[0] + 2 * eps**2 * m**2 / M  # the type-I term with the wrong sign
    planted = dataclasses.replace(result, expansion=StoredExpansion(result.mixing_matrix, wrong))
    report = prove_model(spec, planted, dps=40)
    assert not report.passed
    assert {s.quantity: s.passed for s in report.slopes}["masses"] is False


PSEUDO_DIRAC = """\
format = "symseesaw-model/1"
name = "pseudo-dirac"
n_light = 1
matrix = [
  ["0",         "epsilon*m", "0"],
  ["epsilon*m", "0",         "M"],
  ["0",         "M",         "delta*M"],
]
quasi_degenerate_heavy = [[0, 1]]
[small]
epsilon = 2
delta = 1
[symbols]
M = { positive = true }
m = { positive = true }
"""


def test_model_proof_judges_a_declared_pair_column_by_column():
    # a two-state group carries its exact Takagi vectors: every column is judged
    spec = parse_model(PSEUDO_DIRAC)
    result = derive_model(spec)
    report = prove_model(spec, result, dps=30)
    assert report.passed, report.failed_entries
    names = {e.entry for e in report.entries}
    assert {"U[2,2]", "U[3,3]", "m_2", "m_3"} <= names
    assert not any(name.startswith("P{") for name in names)


def test_model_proof_of_the_pair_diagonal_entries_as_masses_fails():
    spec = parse_model(PSEUDO_DIRAC)
    result = derive_model(spec)
    heavy = result.expansion.heavy.diagonal
    wrong = [result.masses[0]] + [heavy[i, i].to_sympy() for i in range(2)]
    planted = StoredExpansion(result.mixing_matrix, wrong)
    report = prove_model(spec, dataclasses.replace(result, expansion=planted), dps=30)
    assert not report.passed
    assert "m_2" in {e.entry for e in report.failed_entries}


# ------------------------------------------------------------------------ mistakes
#: (text in TOY, its replacement, what the one-line error must say)
MISTAKES = [
    ('name = "toy"', 'name = "toy"\ncolour = "red"',
     "m.toml:3: colour: unknown key"),
    ('["epsilon*M", "M"]', '["epsilon*M*2", "M"]',
     "matrix: not symmetric: entry [1][2] = M*epsilon but [2][1] = 2*M*epsilon"),
    ('"M"]', '"M + x"]',
     "m.toml:6: matrix[2][2]: cannot read 'M + x'"),
    ("epsilon = 2", 'epsilon = "two"',
     "m.toml:9: small.epsilon: must be an integer from 0 to 50, got 'two'"),
    ("epsilon = 2", "epsilon = 99999999999999999999",
     "small.epsilon: must be from 0 to 50"),
    ("epsilon = 2", "epsilon = -1",
     "small.epsilon: must be from 0"),
    ("epsilon = 2", "epsilon = true",
     "small.epsilon: must be an integer"),
    ("n_light = 1", "n_light = 1.5",
     "n_light: must be an integer"),
    ("n_light = 1", "n_light = 2",
     "n_light: must be from 1 to 1"),
    ('"symseesaw-model/1"', '"symseesaw-model/9"',
     "format: must be 'symseesaw-model/1'"),
    ("M = { positive = true }", "M = { positive = true, colour = 1 }",
     "symbols.M: unknown key 'colour'"),
    ('"M"]', '"E"]',
     "'E' is a reserved constant"),
    ("M = { positive", "E = {}\nM = { positive",
     "'E' is reserved"),
    ("[small]\nepsilon = 2", "[small]\nepsilon = 2\nmu = 1",
     "small.mu: small parameter does not occur in the matrix"),
    ("M = { positive = true }", 'M = { positive = true, latex = "\\\\input{x}" }',
     "symbols.M: LaTeX name"),
    ("matrix = [", "matrix = [[\"0\"],",
     "matrix: must be square"),
    ("n_light = 1\n", "",
     "missing required key 'n_light'"),
]


@pytest.mark.parametrize(("old", "new", "expected"), MISTAKES, ids=[m[2] for m in MISTAKES])
def test_each_mistake_is_one_line_naming_key_and_line(old, new, expected):
    assert old in TOY  # the mistake is really made
    assert expected in error_of(TOY.replace(old, new))


def test_text_that_is_not_toml_is_named_so():
    assert "not valid TOML" in error_of("format = \n")


def test_mode_outside_the_choices_names_the_key():
    assert 'mode: must be one of' in error_of(TOY.replace("n_light = 1", 'n_light = 1\nmode = "both"'))


def test_oversized_file_is_refused_before_parsing(tmp_path):
    big = tmp_path / "big.toml"
    big.write_text(TOY + "#" * 1_000_001)
    with pytest.raises(ModelFileError, match="at most 1000000 bytes"):
        load_model(big)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelFileError, match="cannot read model file"):
        load_model(tmp_path / "nope.toml")


def test_utf8_bom_is_accepted():
    assert parse_model("\ufeff" + TOY).n_light == 1


@pytest.mark.parametrize("path", sorted(MODELS.glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_examples_parse(path):
    spec = load_model(path)
    assert spec.name == path.stem and spec.small


# ------------------------------------------------------------------------ hostile input
@pytest.mark.parametrize("entry", [
    "2**(9999*9999*9999)", "a**(2048*2048*1024)", "Float(1, 1000000000)", "(2**64)**(2**10)",
    "1/0", "a" + "+a" * 3000, "-" * 150_000 + "a", "(" * 500 + "a" + ")" * 500,
])
def test_hostile_entries_are_refused_quickly_with_the_key(entry):
    text = TOY.replace('"M"]', f'"{entry}"]').replace("M = { positive", "a = {}\nM = { positive")
    message = error_of(text) if len(entry) < 5000 else None
    if message is None:  # huge entries: refused by the formula length limit
        message = error_of(text)
    assert message.startswith("m.toml:6: matrix[2][2]: ")


_ENTRY_CHARS = "aM0123456789+-*/()^_ ${}\\.,=eEIpi"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ENTRY_CHARS, max_size=40))
def test_random_entries_give_a_model_or_a_clear_error(entry):
    escaped = entry.replace("\\", "\\\\").replace('"', "")
    text = TOY.replace('"M"]', f'"{escaped}"]').replace("M = { positive",
                                                       "a = {}\nM = { positive")
    try:
        spec = parse_model(text, "m.toml")
    except ModelFileError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("m.toml")
    else:
        assert spec.mass_matrix.shape == (2, 2)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(min_codepoint=9, max_codepoint=0x24F), max_size=200))
def test_random_files_give_a_model_or_a_clear_error(text):
    try:
        parse_model(text, "m.toml")
    except ModelFileError as exc:
        assert "\n" not in str(exc)


def test_blocks_latex_braces_a_primed_name_before_its_power():
    from symseesaw.modelfile import blocks_to_latex, derive_model, parse_model

    spec = parse_model(
        'format = "symseesaw-model/1"\nn_light = 1\nmode = "blocks"\n'
        'matrix = [["0", "epsilon*y"], ["epsilon*y", "M"]]\n[small]\nepsilon = 2\n'
        '[symbols]\nM = { positive = true }\ny = { positive = true, latex = "y\'_1" }\n')
    tex = blocks_to_latex(derive_model(spec))
    assert "{y'_1}^{2}" in tex
    assert "y'_1^{" not in tex  # a double superscript TeX rejects
