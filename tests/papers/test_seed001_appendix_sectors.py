"""Seed 001 Appendix A sectors: A-2..A-4, A-10..A-12, A-14, Eqs. (35), (36).

Every verdict of ``symseesaw.papers.seed001.appendix_sectors`` is pinned here; the
expected coefficients of the ``differs`` entries are typed from the analysis
in the module docstring and checked against the engine's derived series.
"""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw.numerics.proof import prove_expansion
from symseesaw.papers.seed001 import appendix_sectors as app
from symseesaw.papers.seed001 import model_nlo as model
from symseesaw.papers.seed001._appendix_printed import PRINTED

# ruff: noqa: F405  (the names below come from the one seed-001 symbol table)
from symseesaw.papers.seed001.symbols import *  # noqa: F403

q_R = app.q_R
AS_PRINTED = "as printed"
SUSPECTED_A3 = next(k for k in PRINTED["A-3"].readings if k.startswith("suspected"))
READING_B_A4 = next(k for k in PRINTED["A-4"].readings if k.startswith("reading B"))
SCENARIOS = ("I", "IIA", "IIB", "III")


@pytest.fixture(scope="module")
def result():
    return app.derive()


@pytest.fixture(scope="module")
def by_key(result):
    table = {}
    for c in result.comparisons:
        key = (c.equation, tuple(c.entry), c.reading)
        assert key not in table, f"duplicate comparison {key}"
        table[key] = c
    return table


def scen(s: str) -> str:
    """Reading name of the per-scenario (unitary V_R) comparisons."""
    return f"as printed, F = {model.SCENARIOS[s]}; physical unitary V_R, scenario {s}"


def coefficient(c, order: dict) -> sp.Expr:
    """Coefficient of the monomial ``order`` in the compared derived expression."""
    syms = {str(s): s for s in (r1, lam, q_R)}
    mono = sp.Mul(*[syms[k] ** e for k, e in order.items()])
    expr = sp.expand(c.derived / mono)
    small = {syms[k] for k in order}
    return sp.Add(*[t for t in sp.Add.make_args(expr) if not (t.free_symbols & small)])


# ---------------------------------------------------------------------------
# expected differences: key -> (lowest differing order, correct coefficient)
# ---------------------------------------------------------------------------
k_ = v1 / v  # the missing factor v'/v of A-3, A-4
A3_DERIVED = {
    (1, 2): k_ * y_mup / y_mu, (1, 3): k_ * y_taup / y_tau, (2, 1): -k_ * y_mup / y_mu,
    (2, 3): k_ * y_taup / y_tau, (3, 1): -k_ * y_taup / y_tau, (3, 2): -k_ * y_taup / y_tau,
}
EXPECTED_DIFFERS: dict[tuple, tuple[dict, sp.Expr]] = {}
for _entry, _coeff in A3_DERIVED.items():
    for _reading in (AS_PRINTED, SUSPECTED_A3):
        EXPECTED_DIFFERS[("A-3", _entry, _reading)] = ({"r_1": 1, "lambda": 0}, _coeff)
for _k, (_yp, _f) in enumerate(((y_ep, 3), (y_mup, 1), (y_taup, 0)), start=1):
    EXPECTED_DIFFERS[("A-4", (_k,), READING_B_A4)] = (
        {"r_1": 1}, _yp * v1 * v_d / Lambda * lam**_f)
EXPECTED_DIFFERS[("A-12", (3,), AS_PRINTED)] = (
    {"r_1": 2, "q_R": 0}, -lam ** (2 * model.F3) * u * w1p**2 / w1)

_HEAVY3 = u * w1p / (u2 * w3)           # (w'_1/w_1)/q_R: mixing when M_3 > M_1
for _s, _d in (("I", 1), ("IIB", 1)):
    EXPECTED_DIFFERS[("A-11", (3, 1), scen(_s))] = ({"r_1": 1, "lambda": -_d}, sp.S.Zero)
    EXPECTED_DIFFERS[("A-12", (1,), scen(_s))] = ({"r_1": 2, "lambda": 18}, sp.S.Zero)
    EXPECTED_DIFFERS[("A-12", (3,), scen(_s))] = (
        {"r_1": 2, "lambda": 20}, -u * w1p**2 / w1)
for _s, _d, _m3 in (("IIA", 9, 0), ("III", 4, 10)):
    EXPECTED_DIFFERS[("A-11", (1, 3), scen(_s))] = ({"r_1": 1, "lambda": -_d}, sp.S.Zero)
    EXPECTED_DIFFERS[("A-11", (3, 1), scen(_s))] = ({"r_1": 1, "lambda": _d}, -_HEAVY3)
    EXPECTED_DIFFERS[("A-12", (1,), scen(_s))] = (
        {"r_1": 2, "lambda": 18}, -u**2 * w1p**2 / (u2 * w3))
    EXPECTED_DIFFERS[("A-12", (3,), scen(_s))] = ({"r_1": 2, "lambda": _m3}, sp.S.Zero)

_Y1 = v1 * v_u * y1p / (Lambda * u * w1)                # y'_1 v' term of theta'/lambda^-9
_W = v2 * v_u * w1p * y3 / (Lambda * u2 * w1 * w3)      # enhanced w'_1 term (M_3 > M_1)
for _s in SCENARIOS:
    heavy3 = _s in ("IIA", "III")
    order = {"r_1": 1, "lambda": -9}
    EXPECTED_DIFFERS[("36-NO", (1,), scen(_s))] = (order, _Y1 + (_W if heavy3 else 0))
    EXPECTED_DIFFERS[("36-NO", (2,), scen(_s))] = (order, _Y1 - (_W if heavy3 else 0))
    EXPECTED_DIFFERS[("35-IO", (1,), scen(_s))] = (order, _Y1 - (2 * _W if heavy3 else 0))
    for _k in (1, 2):
        EXPECTED_DIFFERS[("36-IO", (_k,), scen(_s))] = (order, _Y1 + (_W if heavy3 else 0))

EXPECTED_AMBIGUOUS = {("A-4", (k,), AS_PRINTED) for k in (1, 2, 3)}


# ---------------------------------------------------------------------------
# registry contract and coverage
# ---------------------------------------------------------------------------


def test_registry_contract(result):
    assert app.NAME == "seed001-appendix-sectors"
    assert set(app.EQUATIONS) >= {"A-3", "A-4", "A-11", "A-12", "A-14", "35", "36"}
    assert result.name == app.NAME and result.proof is None
    assert result.mass_matrix.shape == result.mixing_matrix.shape == (3, 3)
    assert len(result.masses) == 3


def test_every_non_suspected_reading_is_compared(by_key):
    for eq in ("A-2", "A-3", "A-4", "A-6-NO", "A-6-IO", "A-10", "A-11", "A-12", "A-14-NO",
               "A-14-IO", "35-NO", "35-IO", "36-NO", "36-IO"):
        for reading in PRINTED[eq].readings:
            if not reading.startswith("suspected"):
                assert any(k[0] == eq and k[2] == reading for k in by_key), (eq, reading)


def test_number_of_comparisons(result):
    # 4 inputs x 9, A-3 2x9, A-4 2x3, A-11 9 + A-12 3 (inner), 4 scenarios x 12,
    # A-14 2x9, (35)+(36) 2x3 congruence + 8 scenario-orderings x 3
    assert len(result.comparisons) == 36 + 18 + 6 + 12 + 48 + 18 + 6 + 24


# ---------------------------------------------------------------------------
# verdicts
# ---------------------------------------------------------------------------


def test_expected_differences_are_found(by_key):
    for key in EXPECTED_DIFFERS:
        assert key in by_key, key
        assert by_key[key].verdict == "differs", key


def test_lowest_differing_orders(by_key):
    for key, (order, _) in EXPECTED_DIFFERS.items():
        assert by_key[key].lowest_differing_order == order, key


def test_derived_coefficients_at_lowest_differing_order(by_key):
    for key, (order, coeff) in EXPECTED_DIFFERS.items():
        got = coefficient(by_key[key], order)
        assert sp.expand(got - coeff) == 0, (key, got, coeff)


def test_a4_as_printed_is_ambiguous_because_f_alpha_is_undefined(by_key):
    for key in EXPECTED_AMBIGUOUS:
        c = by_key[key]
        assert c.verdict == "ambiguous"
        assert "F_alpha is not defined" in c.note and "(3, 1, 0)" in c.note


def test_everything_else_agrees(result):
    for c in result.comparisons:
        key = (c.equation, tuple(c.entry), c.reading)
        if key in EXPECTED_DIFFERS or key in EXPECTED_AMBIGUOUS:
            continue
        assert c.verdict == "agrees", (key, c.note)


def test_model_inputs_agree_with_print(by_key):
    for eq in ("A-2", "A-6-NO", "A-6-IO", "A-10"):
        assert all(by_key[(eq, (i, j), AS_PRINTED)].verdict == "agrees"
                   for i in (1, 2, 3) for j in (1, 2, 3))


def test_charged_lepton_differences_vanish_at_v_prime_equal_v(by_key):
    for entry in A3_DERIVED:
        note = by_key[("A-3", entry, AS_PRINTED)].note
        expected = "differs" if entry == (3, 2) else "agrees"
        assert f"at v' = v the entry {expected}" in note, entry
    for k in (1, 2, 3):
        assert "at v' = v it agrees" in by_key[("A-4", (k,), READING_B_A4)].note


def test_a3_entry_32_printed_mu_where_tau_belongs(by_key):
    c = by_key[("A-3", (3, 2), AS_PRINTED)]
    assert "printed coefficient -y'_mu/y_mu" in c.note
    assert "correct coefficient -y'_tau/y_tau" in c.note  # the v' = v comparison


def test_a12_m3_note_names_the_o_r1_correction(by_key):
    assert "O(r_1) when r_1 ~ q_R" in by_key[("A-12", (3,), AS_PRINTED)].note


def test_paper_congruence_reproduces_a14_and_eqs_35_36(by_key):
    for ordering in ("NO", "IO"):
        assert all(by_key[(f"A-14-{ordering}", (i, j), AS_PRINTED)].verdict == "agrees"
                   for i in (1, 2, 3) for j in (1, 2, 3))
        assert by_key[(f"35-{ordering}", (1,), AS_PRINTED)].verdict == "agrees"
        assert all(by_key[(f"36-{ordering}", (k,), AS_PRINTED)].verdict == "agrees"
                   for k in (1, 2))


# ---------------------------------------------------------------------------
# derived objects
# ---------------------------------------------------------------------------


def test_dirac_prime_is_3x3_first_order_with_exact_ratio():
    Mp = app.dirac_prime("NO")
    assert Mp.shape == (3, 3)
    # (1,3): (y'_3 v - y_1 v w'_1/w_1 /(1 - q_R)) r_1 v_u/Lambda lambda^F3 -- q_R kept exact
    col3_q0 = sp.expand(Mp[0, 2].xreplace(app.Q_SUBS).subs(q_R, 0))
    printed = PRINTED["A-14-NO"].default[0, 2]
    assert sp.expand(col3_q0 - printed) == 0
    assert sp.Poly(sp.expand(Mp[1, 2]), r1).degree() == 0  # -y_3 v'' exact at O(r_1)


def test_dirac_prime_columns_2_3_give_the_5x5_input_of_a15():
    Mp = app.dirac_prime("IO")
    printed = PRINTED["A-14-IO"].default
    for i in range(3):
        assert sp.expand(Mp[i, 1] - printed[i, 1]) == 0


def test_physical_v13_orders_per_scenario():
    f = app.scenario_findings()
    assert sp.simplify(f["I"]["V13_leading"] + lam * r1 * w1p / w1) == 0
    assert sp.simplify(f["IIA"]["V13_leading"] - lam**9 * r1 * u * w1p / (u2 * w3)) == 0
    assert sp.simplify(f["III"]["V13_leading"] - lam**4 * r1 * u * w1p / (u2 * w3)) == 0
    for s in SCENARIOS:
        assert f[s]["V13_exact"] == pytest.approx(f[s]["V13_formula"], rel=0.02)


def test_lighter_state_of_the_13_pair_gets_order_r1_mass_correction():
    f = app.scenario_findings()
    # benchmark r_1 = q_R = lambda = 0.1: -(w'_1/w_1)^2 r_1^2/q_R = -0.1
    assert f["I"]["dM3_exact"] == pytest.approx(-0.1, rel=0.01)
    assert f["IIA"]["dM1_exact"] == pytest.approx(-0.1, rel=0.01)
    assert f["III"]["dM1_exact"] == pytest.approx(-0.1, rel=0.01)
    assert f["I"]["dM1_exact"] == pytest.approx(1e-4, rel=0.01)   # r_1^2 lambda^2


def test_wdm_mass_stays_in_kev_range():
    for s, f in app.scenario_findings().items():
        assert 0.5 < f["M1_GeV"] * 1e6 < 2.0, s


def test_scenario_findings_are_in_the_audited_a12_notes(by_key):
    for s in SCENARIOS:
        assert f"Scenario {s} F = {model.SCENARIOS[s]}" in by_key[("A-12", (1,), scen(s))].note


def test_result_notes_name_the_causes(result):
    text = " ".join(result.notes)
    assert "v'/v" in text and "congruence" in text
    assert all(f"Scenario {s} F" in text for s in SCENARIOS)


def test_eq39_definitions_are_consistent():
    d = model.definitions_39("NO")
    assert sp.expand(d[sigma_pN] - (d[chi] + d[rho2] - d[rho3])) == 0
    assert sp.expand(model.definitions_39("IO")[sigma_mI] - (d[chi] - 3 * d[rho2] - d[rho3])) == 0
    assert model.r1_definition() == u / Lambda


# ---------------------------------------------------------------------------
# proofs
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def proof(result):
    return app.prove(result, dps=50)


def test_all_order_proofs_pass(proof):
    failed = [(s.quantity, s.measured, s.predicted) for s in proof.slopes if not s.passed]
    assert proof.passed, failed


def test_proof_covers_every_sub_derivation(proof):
    names = " ".join(s.quantity for s in proof.slopes)
    for part in ("V_l", "inner X", "A-14", "(35),(36)"):
        assert part in names
    assert all(f"scenario {s}" in names for s in SCENARIOS)
    assert len(proof.slopes) == 24


def test_printed_v_l_fails_the_order_proof_when_v_prime_differs_from_v():
    cl = app.charged_leptons()
    printed = PRINTED["A-3"].readings[SUSPECTED_A3]
    syms = sorted(cl["H"].free_symbols | {r1}, key=str)
    rep = prove_expansion(cl["H"], printed, cl["H_masses"], symbols=syms, small={r1: 1},
                          base_point=app.BASE_CL, direction={r1: 1.0}, dps=50,
                          quantities=("mixing",))
    assert not rep.passed and rep.slopes[0].measured < 1.3
