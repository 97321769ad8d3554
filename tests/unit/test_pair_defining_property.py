"""Complex pseudo-Dirac pairs: U^T M U = diag(m) holds, and the proof judges it.

The expansions are checked against the defining property with mpmath
directly (independent of the proof module); then a column phase error and a
swapped pair are planted and the full-mode proof must fail on the defining
property entries.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from testkit.models import model_text

from symseesaw import derive_model, lambdify, prove
from symseesaw.modelfile import parse_model
from symseesaw.numerics import prove_expansion

ISS = model_text([["0", "m_D*y", "0"], ["m_D*y", "0", "M"], ["0", "M", "mu*z"]],
                 {"m_D": 2, "mu": 1}, ("y", "z"))
LINEAR = model_text([["0", "epsilon*y", "kappa*w"], ["epsilon*y", "0", "M"],
                     ["kappa*w", "M", "0"]], {"epsilon": 1, "kappa": 1}, ("y", "w"))

T_VALUES = (1e-2, 3e-3, 1e-3, 3e-4, 1e-4)
COUPLINGS = {"M": 1, "y": mpmath.mpc(0.7, 0.3), "z": mpmath.mpc(0.5, -0.8),
             "w": mpmath.mpc(0.5, -0.8)}


@pytest.fixture(scope="module")
def iss():
    return derive_model(parse_model(ISS))


@pytest.fixture(scope="module")
def linear():
    return derive_model(parse_model(LINEAR))


def _defining_residual(result, values: dict) -> float:
    """max_ij |U^T M U - diag(m)|_ij / max(|m_i|, |m_j|) at ``values`` (mpmath, 40 digits).

    ``U`` and ``m`` are evaluated as a user does (``lambdify``, mpmath backend),
    ``M`` from the model's matrix; the product is formed here, not by the proof.
    """
    names = {s.name for s in result.mass_matrix.free_symbols}
    values = {k: v for k, v in values.items() if k in names}
    with mpmath.workdps(40):
        U = mpmath.matrix(lambdify(result, "mixing", backend="mpmath")(**values))
        m = list(lambdify(result, "masses", backend="mpmath")(**values))
        M = mpmath.matrix(result.mass_matrix.subs(
            {s: values[s.name] for s in result.mass_matrix.free_symbols}).evalf(45).tolist())
        D = U.T * M * U
        n = len(m)
        return float(max(abs(D[i, j] - (m[i] if i == j else 0)) / max(abs(m[i]), abs(m[j]))
                         for i in range(n) for j in range(n)))


@pytest.mark.parametrize(("fixture", "small"), [("iss", ("m_D", "mu")),
                                                 ("linear", ("epsilon", "kappa"))])
def test_complex_pair_satisfies_the_defining_property_with_the_truncation_slope(
        request, fixture, small):
    result = request.getfixturevalue(fixture)
    at = [_defining_residual(result, {**COUPLINGS, **dict.fromkeys(small, t)})
          for t in (1e-2, 1e-3)]
    assert at[0] < 1e-3
    # order 2 kept in the leading parameter: the residual falls at least like t**2
    assert at[1] < at[0] * 1e-2 * 1.5


def _prove(result, mixing):
    expansion = result.expansion
    symbols = expansion.free_symbols()
    by_name = {s.name: s for s in symbols}
    return prove_expansion(
        expansion.mass_matrix, mixing, expansion.masses, symbols=symbols,
        small=expansion.small, base_point={by_name[k]: COUPLINGS[k] for k in ("M", "y", "z")},
        direction=dict.fromkeys(expansion.small, 1.0), convention=expansion.convention,
        dps=40, groups=expansion.subspace_groups, t_values=T_VALUES)


def _failing_defining_entries(report) -> list[str]:
    return [e.entry for e in report.failed_entries if e.entry.startswith("(U^T M U")]


@pytest.fixture(scope="module")
def iss_point(iss):
    by_name = {s.name: s for s in iss.expansion.free_symbols()}
    return ({by_name[k]: COUPLINGS[k] for k in ("M", "y", "z")},
            {by_name["m_D"]: 1.0, by_name["mu"]: 1.0})


@pytest.fixture(scope="module")
def expansion_report(iss, iss_point):
    base, direction = iss_point
    return prove(iss.expansion, base_point=base, direction=direction, dps=40, t_values=T_VALUES)


def test_proof_passes_the_correct_complex_pair_with_its_defining_property_measured(
        expansion_report):
    assert expansion_report.passed
    assert any(e.entry == "(U^T M U - diag(m))[2,3]" and e.status == "measured"
               for e in expansion_report.entries)


def test_proof_catches_a_pair_column_multiplied_by_i(iss):
    planted = sp.Matrix(iss.expansion.mixing_matrix)
    planted[:, 2] = sp.I * planted[:, 2]
    report = _prove(iss, planted)
    assert not report.passed
    assert "(U^T M U - diag(m))[3,3]" in _failing_defining_entries(report)


def test_proof_catches_the_two_pair_columns_swapped(iss):
    planted = sp.Matrix(iss.expansion.mixing_matrix)
    planted[:, 1], planted[:, 2] = planted[:, 2], planted[:, 1]
    report = _prove(iss, planted)
    assert not report.passed
    assert {"(U^T M U - diag(m))[2,2]", "(U^T M U - diag(m))[3,3]"} <= set(
        _failing_defining_entries(report))


def test_model_result_and_its_expansion_get_one_verdict(iss, iss_point, expansion_report):
    base, direction = iss_point
    of_result = prove(iss, base_point=base, direction=direction, dps=40, t_values=T_VALUES)
    assert of_result.passed
    assert [(s.entry, s.measured) for s in of_result.slopes] == [
        (s.entry, s.measured) for s in expansion_report.slopes]
