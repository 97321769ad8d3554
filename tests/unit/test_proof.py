"""Tests of the numerical order proof."""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw.numerics import (
    OrderProofError,
    PrecisionError,
    default_t_values,
    prove_expansion,
    raise_if_failed,
)

eps, M0, a = sp.symbols("epsilon M0 a", positive=True)
M_SEESAW = sp.Matrix([[0, eps * M0], [eps * M0, M0]])
BASE = {M0: 1e12}


def truncated(expr: sp.Expr, order: int) -> sp.Expr:
    """Taylor polynomial of ``expr`` in eps through ``eps**order``."""
    return sp.series(expr, eps, 0, order + 1).removeO()


def seesaw_series() -> tuple[sp.Matrix, list]:
    """Expansion to order 2 derived from the closed form of the 2x2 seesaw."""
    root = sp.sqrt(1 + 4 * eps**2)
    light = M0 * (1 - root) / 2
    heavy = M0 * (1 + root) / 2
    theta = sp.atan(2 * eps) / 2  # U = [[c, s], [-s, c]], U^T M U = diag(light, heavy)
    c, s = truncated(sp.cos(theta), 2), truncated(sp.sin(theta), 2)
    U = sp.Matrix([[c, s], [-s, c]])
    masses = [
        sp.expand(-M0 * eps**2 * truncated(sp.simplify(light / (-M0 * eps**2)), 2)),
        sp.expand(M0 * truncated(heavy / M0, 2)),
    ]
    return U, masses


def prove_seesaw(U: sp.Matrix, masses: list, **options) -> object:
    """The order proof of ``M_SEESAW`` (eps to order 2, M0 = 1e12, direction 1) with ``options``."""
    settings = dict(symbols=[eps, M0], small={eps: 2}, base_point=BASE, direction={eps: 1.0})
    return prove_expansion(M_SEESAW, U, masses, **{**settings, **options})


def test_series_matches_hand_derivation():
    U, masses = seesaw_series()
    assert sp.expand(U - sp.Matrix([[1 - eps**2 / 2, eps], [-eps, 1 - eps**2 / 2]])) == sp.zeros(2)
    assert sp.expand(masses[0] + M0 * eps**2 * (1 - eps**2)) == 0
    assert sp.expand(masses[1] - M0 * (1 + eps**2)) == 0
    # and the closed form really diagonalizes M
    theta = sp.atan(2 * eps) / 2
    O = sp.Matrix([[sp.cos(theta), sp.sin(theta)], [-sp.sin(theta), sp.cos(theta)]])
    D = (O.T * M_SEESAW * O).subs({eps: sp.Rational(1, 10), M0: 1}).evalf(30)
    assert abs(D[0, 1]) < 1e-25


def test_correct_seesaw_expansion_passes():
    U, masses = seesaw_series()
    report = prove_seesaw(U, masses)
    slopes = {s.quantity: s for s in report.slopes}
    assert slopes["mixing"].predicted == 3 and slopes["masses"].predicted == 3
    assert slopes["mixing"].measured > 2.95  # error ~ eps**3
    assert slopes["masses"].measured > 3.9  # relative error ~ eps**4 (light: 2 eps**4)
    assert report.passed
    raise_if_failed(report)
    assert report.dps == 50 and report.direction == {"epsilon": 1.0}
    assert len(slopes["mixing"].residuals) == 8
    assert slopes["mixing"].t_values == pytest.approx(default_t_values({eps: 1.0}))


def test_wrong_coefficient_fails():
    U, _ = seesaw_series()
    wrong = [-M0 * eps**2 * (1 - 2 * eps**2), M0 * (1 + eps**2)]
    report = prove_seesaw(U, wrong)
    masses = next(s for s in report.slopes if s.quantity == "masses")
    assert masses.measured == pytest.approx(2.0, abs=0.1)
    assert not report.passed
    with pytest.raises(OrderProofError, match=r"masses: measured slope 2\.0\d+, predicted 3"):
        raise_if_failed(report)


def test_wrong_mixing_fails():
    _, masses = seesaw_series()
    U = sp.Matrix([[1, eps], [-eps, 1]])  # misses the -eps**2/2
    report = prove_seesaw(U, masses)
    assert report.slopes[0].measured == pytest.approx(2.0, abs=0.1)
    with pytest.raises(OrderProofError, match="mixing"):
        raise_if_failed(report)


def test_not_small_guard():
    U, masses = seesaw_series()
    with pytest.raises(ValueError, match=r"small parameter epsilon = 0\.8 is not small"):
        prove_seesaw(U, masses, direction={eps: 8.0}, t_values=[0.1, 0.05, 0.02, 0.01])


def test_udag_convention_with_complex_entry():
    """M = P M_real P with P = diag(e^{ia}, 1): U^H M U^* = diag(m) for U = P O."""
    U_real, masses = seesaw_series()
    M = sp.Matrix([[0, eps * M0 * sp.exp(sp.I * a)], [eps * M0 * sp.exp(sp.I * a), M0]])
    U = sp.diag(sp.exp(sp.I * a), 1) * U_real
    # sanity: the closed form satisfies the convention exactly at a sample point
    theta = sp.atan(2 * eps) / 2
    O = sp.Matrix([[sp.cos(theta), sp.sin(theta)], [-sp.sin(theta), sp.cos(theta)]])
    Ux = sp.diag(sp.exp(sp.I * a), 1) * O
    D = (Ux.H * M * Ux.conjugate()).subs({eps: sp.Rational(1, 10), M0: 1, a: 1}).evalf(30)
    assert abs(D[0, 1]) < 1e-25 and sp.re(D[0, 0]) < 0
    kwargs = dict(
        symbols=[eps, M0, a], small={eps: 2}, base_point={M0: 1e12, a: 0.7}, direction={eps: 1.0}
    )
    report = prove_expansion(M, U, masses, convention="Udag_M_Ustar", **kwargs)
    assert report.passed, report
    assert report.slopes[0].measured > 2.95
    # the other convention compares with conj(U) and must fail
    assert not prove_expansion(M, U, masses, convention="UT_M_U", **kwargs).passed


def test_exact_expansion_is_a_precision_error_not_a_pass():
    """Nothing above the floor means nothing was measured: an error, never a pass."""
    M = sp.Matrix([[eps * M0, 0], [0, M0]])
    with pytest.raises(PrecisionError, match="no 'mixing' residual rises above"):
        prove_expansion(
            M,
            sp.eye(2),
            [eps * M0, M0],
            symbols=[eps, M0],
            small={eps: 1},
            base_point=BASE,
            direction={eps: 1.0},
        )


def test_precision_floor_raises():
    U, masses = seesaw_series()
    with pytest.raises(PrecisionError, match="raise dps"):
        prove_seesaw(U, masses, dps=20, t_values=[1e-3, 5e-4, 2e-4, 1e-4],
                     quantities=("mixing",))


def test_default_predicted_uses_scanned_parameters_and_string_keys():
    delta = sp.Symbol("delta")
    U, masses = seesaw_series()
    report = prove_expansion(
        M_SEESAW + sp.diag(0, delta * M0),
        U,
        masses,
        symbols=[eps, M0, delta],
        small={"epsilon": 2, delta: 0},
        base_point={"M0": 1e12},
        direction={"epsilon": 1.0, delta: 0},
    )
    assert [s.predicted for s in report.slopes] == [3.0, 3.0]
    assert report.passed


def test_default_t_values():
    ts = default_t_values({eps: 2.0})
    assert len(ts) == 8
    assert ts[0] * 2.0 == pytest.approx(0.1) and ts[-1] * 2.0 == pytest.approx(1e-4)


def test_input_errors():
    U, masses = seesaw_series()
    common = dict(symbols=[eps, M0], small={eps: 2}, direction={eps: 1.0})
    with pytest.raises(ValueError, match="base_point has no value for M0"):
        prove_expansion(M_SEESAW, U, masses, base_point={}, **common)
    with pytest.raises(ValueError, match="unknown convention"):
        prove_expansion(M_SEESAW, U, masses, base_point=BASE, convention="x", **common)
    with pytest.raises(ValueError, match="one mass per column"):
        prove_expansion(M_SEESAW, U, masses[:1], base_point=BASE, **common)
