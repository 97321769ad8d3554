"""``check`` against a registered derivation reads the engine's series, not sympy rebuilt.

A record holding the engine's :class:`~symseesaw.expansion.SeesawExpansion`
is compared with that expansion's own series (``U_series`` in the convention
the record states, the masses with their regions); only a record holding a
:class:`~symseesaw.result.StoredExpansion` is converted from sympy.
"""

from __future__ import annotations

import dataclasses
from types import ModuleType

import pytest
import sympy as sp

from symseesaw.api import seesaw_expansion
from symseesaw.check import Claim, check_against, targets
from symseesaw.check.targets import RegistryTarget, expansion_derived
from symseesaw.result import DerivationResult, StoredExpansion

EPS = sp.Symbol("epsilon", positive=True)
MM = sp.Symbol("M", positive=True)
Y = sp.Symbol("y")  # complex: the two conventions give different U
SEESAW = sp.Matrix([[0, EPS * Y], [EPS * Y, MM]])


def _expansion(convention: str):
    return seesaw_expansion(SEESAW, 1, {EPS: 2}, convention=convention)


def _as_module(record: DerivationResult) -> ModuleType:
    """A registered derivation whose ``derive`` returns ``record`` (at any order)."""
    module = ModuleType("toy_record")
    module.NAME = record.name  # type: ignore[attr-defined]
    module.derive = lambda orders=None: record  # type: ignore[attr-defined]
    return module


def _engine_record(expansion_convention: str = "UT_M_U",
                   stated_convention: str | None = None) -> DerivationResult:
    record = DerivationResult.from_expansion(_expansion(expansion_convention), name="toy")
    return dataclasses.replace(record, convention=stated_convention or expansion_convention)


def _claims_of(U: sp.Matrix, masses: list[sp.Expr]) -> list[Claim]:
    return [Claim("U", sp.sstr(U.tolist()), syntax="sympy"),
            Claim("masses", sp.sstr(list(masses)), syntax="sympy")]


@pytest.fixture
def no_sympy_to_series(monkeypatch):
    """Make any conversion of the record's sympy back to series fail the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("the check target converted sympy back to series")
    monkeypatch.setattr(targets, "to_series", refuse)


def test_an_engine_record_is_compared_with_the_expansion_s_own_series(no_sympy_to_series):
    record = _engine_record()
    _, derived = RegistryTarget(_as_module(record), "toy", None).get(None)
    assert derived.alg is record.expansion.algebra
    assert derived.masses[0].series is record.expansion.mass_series[0]
    verdicts = check_against(_as_module(record), _claims_of(record.mixing_matrix, record.masses))
    assert [c.verdict for c in verdicts] == ["agrees"] * 6


def test_a_planted_wrong_coefficient_against_an_engine_record_still_differs(no_sympy_to_series):
    record = _engine_record()
    U, masses = record.mixing_matrix, record.masses
    wrong_U = check_against(_as_module(record), sp.sstr(U[0, 1] + EPS * Y / MM),
                            quantity="U[1,2]", syntax="sympy")
    assert wrong_U[0].verdict == "differs"
    assert wrong_U[0].lowest_differing_order == {"epsilon": 1}
    # the light mass -y^2 eps^2/M (1 + ...) with a wrong relative eps^2 term
    wrong_m = check_against(_as_module(record), sp.sstr(masses[0] + EPS**4 * Y**4 / MM**3),
                            quantity="m[1]", syntax="sympy")
    assert wrong_m[0].verdict == "differs"
    assert wrong_m[0].lowest_differing_order == {"epsilon": 4}


def test_seed001_no_is_checked_on_the_engine_s_series(no_sympy_to_series):
    right = check_against("seed001-no", r"\epsilon_1", quantity="U[1,4]", order={"epsilon_1": 1})
    wrong = check_against("seed001-no", r"2\epsilon_1", quantity="U[1,4]", order={"epsilon_1": 1})
    assert [right[0].verdict, wrong[0].verdict] == ["agrees", "differs"]


def test_a_stored_expansion_record_is_converted_from_sympy(monkeypatch):
    engine = _engine_record()
    stored = dataclasses.replace(engine, expansion=StoredExpansion(
        mixing=engine.mixing_matrix, masses=list(engine.masses)))
    converted = []
    real = targets.to_series
    monkeypatch.setattr(targets, "to_series", lambda alg, e: converted.append(e) or real(alg, e))
    right = check_against(_as_module(stored), _claims_of(stored.mixing_matrix, stored.masses))
    wrong = check_against(_as_module(stored), sp.sstr(stored.masses[1] + EPS**2 * MM),
                          quantity="m[2]", syntax="sympy")
    assert converted
    assert [c.verdict for c in right] == ["agrees"] * 6
    assert wrong[0].verdict == "differs" and wrong[0].lowest_differing_order == {"epsilon": 2}


@pytest.mark.parametrize("expansion_convention, stated", [("UT_M_U", "Udag_M_Ustar"),
                                                          ("Udag_M_Ustar", "UT_M_U")])
def test_the_claimed_U_is_read_in_the_convention_the_record_states(expansion_convention, stated):
    # U_series carries no convention, so the record's statement decides, as
    # the engine itself computes U in that convention
    truth = _expansion(stated).mixing_matrix
    other = _expansion(expansion_convention).mixing_matrix
    assert sp.expand(truth[0, 1] - other[0, 1]) != 0  # the conventions differ here
    record = _as_module(_engine_record(expansion_convention, stated))
    agrees = check_against(record, sp.sstr(truth[0, 1]), quantity="U[1,2]", syntax="sympy")
    differs = check_against(record, sp.sstr(other[0, 1]), quantity="U[1,2]", syntax="sympy")
    assert [agrees[0].verdict, differs[0].verdict] == ["agrees", "differs"]


def test_an_unknown_convention_is_refused_naming_the_known_ones():
    with pytest.raises(ValueError, match="UT_M_U, Udag_M_Ustar"):
        expansion_derived(_expansion("UT_M_U"), "U_M_U")


def test_a_mass_with_a_mixed_leading_part_counts_its_order_from_each_leading_term():
    # seed001-sec4: m_2 = a - 3 e^2/(m_s - a) + ..., the exact eigenvalue of the
    # nu_2 - nu_s block [[a, sqrt(3) e], [sqrt(3) e, m_s]] (x = e/m_s, r_a = a/m_s).
    # Second relative order counts from r_a and from x^2: the engine keeps x^4.
    exact = "m_s*((1 + r_a)/2 - sqrt((1 - r_a)**2/4 + 3*x**2))"
    first_in_e = "m_s*(r_a - 3*x**2/(1 - r_a))"  # drops 9 e^4/(m_s - a)^3
    right = check_against("seed001-sec4", exact, quantity="m[2]", syntax="sympy")
    wrong = check_against("seed001-sec4", first_in_e, quantity="m[2]", syntax="sympy")
    assert right[0].verdict == "agrees"
    assert wrong[0].verdict == "differs"
    assert wrong[0].lowest_differing_order == {"x": 4, "r_a": 0, "r_d": 0}


def test_a_stored_record_counts_a_mass_order_from_each_term_of_its_leading_part():
    """Leading part delta L - eps^2 M (two terms): at relative order 0 both are claimed."""
    delta, big_l = sp.symbols("delta L", positive=True)
    mass = delta * big_l - EPS**2 * MM + delta * EPS**2 * big_l
    record = DerivationResult(
        name="toy", equations=[], symbols=[delta, big_l, EPS, MM], small={EPS: 2, delta: 1},
        convention="UT_M_U", mass_matrix=sp.Matrix(),
        expansion=StoredExpansion(mixing=sp.eye(1), masses=[mass]))
    module = _as_module(record)
    whole = check_against(module, Claim("m[1]", "delta*L - epsilon**2*M",
                                        {"epsilon": 0, "delta": 0}, syntax="sympy"))
    half = check_against(module, Claim("m[1]", "delta*L", {"epsilon": 0, "delta": 0},
                                       syntax="sympy"))
    assert whole[0].verdict == "agrees"
    assert half[0].verdict == "differs"
