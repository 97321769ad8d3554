"""Observables: PDG parametrization for 3, 3+1, 3+2 states, |U|^2, Delta m^2, <m_ee>, J."""

from __future__ import annotations

import math

import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symseesaw.observables import (
    default_order,
    delta_m2,
    dirac_phase_pairs,
    ee_amplitude,
    effective_majorana_mass,
    extract_parameters,
    jarlskog,
    mixing_matrix,
    mixing_strengths,
    sin2_angles,
    truncate,
)
from symseesaw.papers.seed001.model import tri_bimaximal

angle = st.floats(min_value=0.02, max_value=math.pi / 2 - 0.02)
phase = st.floats(min_value=0.0, max_value=2 * math.pi - 1e-6)


def test_rotation_orders_are_the_stated_ones():
    assert default_order(3) == [(2, 3), (1, 3), (1, 2)]
    assert default_order(4) == [(3, 4), (2, 4), (1, 4), (2, 3), (1, 3), (1, 2)]
    assert default_order(5) == [(4, 5), (3, 5), (2, 5), (1, 5), (3, 4), (2, 4), (1, 4),
                                (2, 3), (1, 3), (1, 2)]
    assert dirac_phase_pairs(3) == [(1, 3)]
    assert dirac_phase_pairs(4) == [(2, 4), (1, 4), (1, 3)]
    assert len(dirac_phase_pairs(5)) == 6


def test_three_flavour_matrix_is_the_pdg_one():
    t12, t13, t23, dl = sp.symbols("theta_12 theta_13 theta_23 delta", real=True)
    U = mixing_matrix(3, {(1, 2): t12, (1, 3): t13, (2, 3): t23}, {(1, 3): dl})
    assert sp.expand(U[0, 2] - sp.sin(t13) * sp.exp(-sp.I * dl)) == 0
    assert sp.expand(U[0, 1] - sp.sin(t12) * sp.cos(t13)) == 0
    assert sp.expand(U[1, 2] - sp.sin(t23) * sp.cos(t13)) == 0
    assert sp.expand(U[2, 2] - sp.cos(t23) * sp.cos(t13)) == 0
    mu1 = -sp.sin(t12) * sp.cos(t23) - sp.cos(t12) * sp.sin(t23) * sp.sin(t13) * sp.exp(sp.I * dl)
    assert sp.expand(U[1, 0] - mu1) == 0


def test_jarlskog_sign_convention():
    t12, t13, t23, dl = 0.58, 0.15, 0.8, 1.2
    U = mixing_matrix(3, {(1, 2): t12, (1, 3): t13, (2, 3): t23}, {(1, 3): dl})
    expected = (math.sin(t12) * math.cos(t12) * math.sin(t23) * math.cos(t23)
                * math.cos(t13) ** 2 * math.sin(t13) * math.sin(dl))
    assert float(jarlskog(U)) == pytest.approx(expected, rel=1e-12)
    assert float(jarlskog(U.conjugate())) == pytest.approx(-expected, rel=1e-12)


def _random_parameters(n, data):
    angles = {p: data.draw(angle) for p in default_order(n)}
    dirac = {p: data.draw(phase) for p in dirac_phase_pairs(n)}
    alphas = [data.draw(phase) for _ in range(n - 1)]
    rows = [data.draw(phase) for _ in range(n)]
    return angles, dirac, alphas, rows


@pytest.mark.parametrize("n", [3, 4, 5])
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_round_trip_angles_to_matrix_to_angles(n, data):
    angles, dirac, alphas, rows = _random_parameters(n, data)
    with mpmath.workdps(30):
        U = mixing_matrix(n, angles, dirac, alphas, row_phases=[mpmath.expj(r) for r in rows])
        p = extract_parameters(U)
        for k, v in angles.items():
            assert float(p.angles[k]) == pytest.approx(v, abs=1e-12)
        for k, v in dirac.items():
            diff = (float(p.dirac_phases[k]) - v + math.pi) % (2 * math.pi) - math.pi
            assert abs(diff) < 1e-10
        for got, v in zip(p.majorana_phases, alphas, strict=True):
            diff = (float(got) - v + math.pi) % (2 * math.pi) - math.pi
            assert abs(diff) < 1e-10
            assert 0 <= float(got) < 2 * math.pi
        assert mpmath.mnorm(p.matrix() - U, 1) < 1e-22  # 30 digits, 5x5 products


def test_extraction_accepts_numpy_and_rejects_non_unitary():
    import numpy as np

    U = mixing_matrix(3, {(1, 2): 0.6, (1, 3): 0.15, (2, 3): 0.75}, {(1, 3): 4.0}, [1.0, 2.0])
    A = np.array([[complex(U[i, j]) for j in range(3)] for i in range(3)])
    p = extract_parameters(A)
    assert float(p.sin2(1, 3)) == pytest.approx(math.sin(0.15) ** 2, rel=1e-12)
    with pytest.raises(ValueError, match="not unitary"):
        extract_parameters(2 * A)


def test_tri_bimaximal_angles():
    p = extract_parameters(tri_bimaximal().evalf(30))
    assert float(p.sin2(1, 2)) == pytest.approx(1 / 3, abs=1e-14)
    assert float(p.sin2(2, 3)) == pytest.approx(1 / 2, abs=1e-14)
    assert float(p.angles[(1, 3)]) == pytest.approx(0, abs=1e-14)
    assert p.dirac_phases[(1, 3)] == 0  # undetermined for theta_13 = 0: reported as 0
    s = sin2_angles(tri_bimaximal())
    assert s == {(1, 3): 0, (1, 2): sp.Rational(1, 3), (2, 3): sp.Rational(1, 2)}


def test_negative_mass_adds_pi_to_the_majorana_phase():
    T = tri_bimaximal().evalf(30)
    p = extract_parameters(T, masses=[1, -1, 2])
    assert float(p.majorana_phases[0]) == pytest.approx(math.pi, abs=1e-12)
    assert float(p.majorana_phases[1]) == pytest.approx(0, abs=1e-12)


def test_symbolic_angles_truncate_to_the_order_of_the_input():
    eps = sp.Symbol("epsilon", positive=True)
    c = sp.Symbol("c", real=True)
    s2, s3, s6 = sp.sqrt(2), sp.sqrt(3), sp.sqrt(6)
    U = sp.Matrix([[2 / s6, 1 / s3 - c * eps, eps / s2],
                   [-1 / s6, 1 / s3, -1 / s2 + eps],
                   [-1 / s6, 1 / s3, 1 / s2]])
    s = sin2_angles(U, small={eps: 1})
    assert s[(1, 3)] == 0
    assert sp.expand(s[(1, 2)] - (sp.Rational(1, 3) - 2 * c * eps / s3)) == 0
    assert sp.expand(s[(2, 3)] - (sp.Rational(1, 2) - s2 * eps)) == 0
    s = sin2_angles(U, small={eps: 2})
    assert sp.expand(s[(1, 3)] - eps**2 / 2) == 0
    # |U_e2|^2 / (1 - |U_e3|^2) at eps^2: c^2 + 1/6 from the denominator
    assert sp.expand(s[(1, 2)] - (sp.Rational(1, 3) - 2 * c * eps / s3 + (c**2 + sp.Rational(1, 6)) * eps**2)) == 0


def test_truncate_handles_complex_symbols_and_totals():
    x, y = sp.symbols("x y", real=True)
    z = sp.Symbol("z")
    expr = (1 + z * x) * (1 + sp.conjugate(z) * x) / (1 - x * y)
    out = truncate(expr, {x: 1, y: 1}, total=1)
    assert sp.expand(out - (1 + z * x + sp.conjugate(z) * x)) == 0


def test_mixing_strengths_and_delta_m2():
    z = sp.Symbol("z")
    U = sp.Matrix([[z, 0], [0, 1]])
    assert mixing_strengths(U)[0, 0] == z * sp.conjugate(z)
    m1, m2 = sp.symbols("m_1 m_2", real=True)
    assert delta_m2([m1, m2], 2, 1) == m2**2 - m1**2
    assert float(delta_m2([0.01, 0.05], 2, 1)) == pytest.approx(0.0024)


def test_m_ee_excludes_states_above_the_scale():
    theta = 0.1
    c, s = math.cos(theta), math.sin(theta)
    U = mpmath.matrix([[c, s], [-s, c]])
    masses = [0.05, 2e9]  # eV: the second state is above 100 MeV
    assert float(effective_majorana_mass(U, masses)) == pytest.approx(c**2 * 0.05)
    assert float(effective_majorana_mass(U, masses, scale=1e10)) == pytest.approx(
        abs(c**2 * 0.05 + s**2 * 2e9))
    assert float(effective_majorana_mass(U, [0.05, 2e7])) == pytest.approx(c**2 * 0.05 + s**2 * 2e7)


def test_m_ee_symbolic_needs_an_explicit_state_list():
    m1, M1, t = sp.symbols("m_1 M_1 theta", real=True)
    U = sp.Matrix([[1, t], [-t, 1]])
    with pytest.raises(ValueError, match="include"):
        effective_majorana_mass(U, [m1, M1])
    assert ee_amplitude(U, [m1, M1]) == m1 + t**2 * M1
    assert effective_majorana_mass(U, [m1, M1], include=[0]) == sp.Abs(m1)
