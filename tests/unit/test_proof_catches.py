"""The order proof catches every kind of planted wrong coefficient (issue 13, item 1).

Each test starts from an expansion whose correctness the suite shows (closed
forms of small seesaws, or the engine's own result), plants one wrong
coefficient, and asserts that the proof FAILS naming the entry, or refuses
with a :class:`PrecisionError` -- never a PASS.  Bad scan set-ups are refused
with a message naming the cause.
"""

from __future__ import annotations

import math

import mpmath
import pytest
import sympy as sp

from symseesaw.api import seesaw_expansion
from symseesaw.numerics import (
    OrderProofError,
    PrecisionError,
    align_to_reference,
    default_t_values,
    lambdify_matrix,
    prove_expansion,
    raise_if_failed,
    takagi,
)

eps = sp.Symbol("epsilon", positive=True)
M0, m, r = sp.symbols("M0 m r", positive=True)


def taylor(expr: sp.Expr, order: int) -> sp.Expr:
    """Taylor polynomial in eps through ``eps**order``."""
    return sp.expand(sp.series(expr, eps, 0, order + 1).removeO())


def seesaw_2x2(dirac: sp.Expr = eps * M0) -> tuple[sp.Matrix, sp.Matrix, list]:
    """``[[0, D], [D, M0]]`` and its expansion to order 2 from the closed form."""
    x = dirac / M0
    M = sp.Matrix([[0, dirac], [dirac, M0]])
    U = sp.Matrix([[1 - x**2 / 2, x], [-x, 1 - x**2 / 2]])
    masses = [sp.expand(-M0 * x**2 * (1 - x**2)), sp.expand(M0 * (1 + x**2))]
    return M, U, masses


def rank_two_3x3() -> tuple[sp.Matrix, sp.Matrix, list]:
    """3x3 seesaw with a zero mode; the second light row is suppressed by ``r``."""
    k = sp.sqrt(1 + r**2)
    e2 = eps * k
    M = sp.Matrix([[0, 0, eps * M0], [0, 0, eps * M0 * r], [eps * M0, eps * M0 * r, M0]])
    c = sp.Matrix([1, r, 0]) / k
    z = sp.Matrix([r, -1, 0]) / k
    light = c * (1 - e2**2 / 2) - sp.Matrix([0, 0, e2])
    heavy = c * e2 + sp.Matrix([0, 0, 1 - e2**2 / 2])
    U = sp.Matrix.hstack(z, light, heavy).applyfunc(sp.expand)
    masses = [sp.Integer(0), sp.expand(-M0 * e2**2 * (1 - e2**2)), sp.expand(M0 * (1 + e2**2))]
    return M, U, masses


COMMON = dict(symbols=[eps, M0], small={eps: 2}, base_point={M0: 1e12}, direction={eps: 1.0})


def test_correct_closed_form_passes_with_every_entry_measured():
    M, U, masses = seesaw_2x2()
    report = prove_expansion(M, U, masses, **COMMON)
    assert report.passed
    assert {e.entry for e in report.entries} == {
        "U[1,1]", "U[2,1]", "U[1,2]", "U[2,2]", "m_1", "m_2",
        # the defining property U^T M U = diag(m) is judged entry by entry too
        "(U^T M U - diag(m))[1,1]", "(U^T M U - diag(m))[1,2]", "(U^T M U - diag(m))[2,2]"}
    assert all(e.status == "measured" for e in report.entries if e.entry.startswith(("U", "m")))
    # light mass: relative error 2 eps^4 -> slope 4; U[1,2] = eps: absolute error eps^3
    by_name = {e.entry: e for e in report.entries}
    assert by_name["m_1"].measured == pytest.approx(4.0, abs=0.1)
    assert by_name["U[1,2]"].leading_power == 1.0
    assert by_name["U[1,2]"].measured == pytest.approx(3.0, abs=0.1)


def test_rank_two_3x3_with_an_exact_zero_mode_passes():
    M, U, masses = rank_two_3x3()
    kwargs = dict(symbols=[eps, M0, r], small={eps: 2}, base_point={M0: 1e12, r: 0.5},
                  direction={eps: 1.0})
    report = prove_expansion(M, U, masses, **kwargs)
    assert report.passed, report
    assert {e.entry: e.status for e in report.entries}["m_1"] == "zero mode"
    # the same prediction of a zero mass is flagged when the exact mass is not zero
    bad = prove_expansion(M + sp.diag(0, eps**3 * M0, 0), U, masses, quantities=("masses",),
                          **kwargs)
    assert not bad.passed and bad.slopes[0].measured == pytest.approx(0.0, abs=0.1)


def test_light_mass_times_one_plus_eps_squared_fails_and_is_named():
    M, U, masses = seesaw_2x2()
    planted = [sp.expand(masses[0] * (1 + eps**2)), masses[1]]
    report = prove_expansion(M, U, planted, **COMMON)
    assert not report.passed
    # the mass entry fails, and so does the defining property on its diagonal
    assert [e.entry for e in report.failed_entries] == ["m_1", "(U^T M U - diag(m))[1,1]"]
    worst = {s.quantity: s for s in report.slopes}["masses"]
    assert worst.entry == "m_1" and worst.measured == pytest.approx(2.0, abs=0.1)
    with pytest.raises(OrderProofError, match=r"worst entry m_1"):
        raise_if_failed(report)


def test_light_mass_times_one_plus_eps_squared_at_tiny_t_is_refused_not_passed():
    """Below the floor the planted eps^2 is invisible: the proof must refuse, not pass."""
    M, U, masses = seesaw_2x2()
    planted = [sp.expand(masses[0] * (1 + eps**2)), masses[1]]
    tiny = [1e-20, 5e-21, 2e-21, 1e-21, 5e-22]
    with pytest.raises(PrecisionError, match=r"raise dps to at least \d+"):
        prove_expansion(M, U, planted, **{**COMMON, "direction": {eps: 1.0}}, t_values=tiny)


def test_light_mass_wrong_by_half_at_1e14_hierarchy_and_dps15_never_passes():
    """m_light / M ~ 1e-14: 15 digits cannot see the light mass at all."""
    M, U, masses = seesaw_2x2(eps * m)
    planted = [masses[0] * sp.Rational(3, 2), masses[1]]
    kwargs = dict(symbols=[eps, M0, m], small={eps: 2}, base_point={M0: 1, m: 1e-6},
                  direction={eps: 1.0})
    with pytest.raises(PrecisionError, match=r"raise dps to at least"):
        prove_expansion(M, U, planted, dps=15, **kwargs)
    with pytest.raises(PrecisionError, match=r"of m_1: .* raise dps to at least (\d+)") as info:
        prove_expansion(M, U, planted, dps=15, quantities=("masses",), **kwargs)
    needed = int(info.value.args[0].rsplit("at least ", 1)[1].split()[0])
    assert 15 < needed <= 60
    # with the precision the error names, the wrong mass is measured and fails
    report = prove_expansion(M, U, planted, dps=needed, quantities=("masses",), **kwargs)
    assert [e.entry for e in report.failed_entries] == ["m_1"]
    assert report.failed_entries[0].measured == pytest.approx(0.0, abs=0.1)


def test_suppressed_entry_with_second_order_coefficient_times_2000_fails():
    """U[2,2] ~ r = 1e-9: a max-norm over U is dominated by the O(1) entries.

    The planted error 1000 r eps^2 ~ 1e-6 eps^2 stays below the eps^3 errors of
    the large entries over the whole scan, so only a per-entry judgement sees it.
    """
    M, U, masses = rank_two_3x3()
    k = sp.sqrt(1 + r**2)
    planted = U.copy()
    planted[1, 1] = sp.expand(r / k * (1 - 2000 * (eps * k) ** 2 / 2))
    kwargs = dict(symbols=[eps, M0, r], small={eps: 2}, base_point={M0: 1e12, r: 1e-9},
                  direction={eps: 1.0})
    assert prove_expansion(M, U, masses, **kwargs).passed
    report = prove_expansion(M, planted, masses, **kwargs)
    assert [e.entry for e in report.failed_entries] == ["U[2,2]", "(U^T M U - diag(m))[2,2]"]
    assert report.failed_entries[0].measured == pytest.approx(2.0, abs=0.1)
    # the planted error really is invisible in a max-norm over U: that slope still passes
    assert max_norm_slope(M, planted, masses, kwargs) > 2.75


def max_norm_slope(M: sp.Matrix, U: sp.Matrix, masses: list, kwargs: dict) -> float:
    """Slope of ``max_ij |U_exact - U|`` over the default scan (the old, blind measure)."""
    symbols, base = kwargs["symbols"], kwargs["base_point"]
    f_M, f_U = (lambdify_matrix(A, symbols, "mpmath") for A in (M, U))
    f_m = lambdify_matrix(masses, symbols, "mpmath")
    logs = []
    with mpmath.workdps(50):
        for t in default_t_values({eps: 1.0}):
            args = [t if s == eps else base[s] for s in symbols]
            U_ex, m_ex = takagi(f_M(*args), dps=50)
            U_al, _ = align_to_reference(U_ex, m_ex, f_U(*args), f_m(*args), real=True)
            diff = U_al - f_U(*args)
            worst = max(abs(diff[i, j]) for i in range(3) for j in range(3))
            logs.append((math.log(t), float(mpmath.log(worst))))
    xs, ys = zip(*logs, strict=True)
    x0, y0 = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - x0) * (y - y0) for x, y in logs) / sum((x - x0) ** 2 for x in xs)


@pytest.mark.parametrize("dps", [-5, 0, 1, 9])
def test_too_few_digits_are_refused_before_any_work(dps):
    M, U, masses = seesaw_2x2()
    with pytest.raises(ValueError, match=rf"dps={dps} is too low"):
        prove_expansion(M, U, masses, dps=dps, **COMMON)


@pytest.mark.parametrize("dps", [10001, 100000000])
def test_absurd_precision_is_refused_before_any_work(dps):
    M, U, masses = seesaw_2x2()
    with pytest.raises(ValueError, match="exceeds the limit 10000"):
        prove_expansion(M, U, masses, dps=dps, **COMMON)


@pytest.mark.parametrize("dps", [50.0, "50", True])
def test_non_integer_precision_is_refused(dps):
    M, U, masses = seesaw_2x2()
    with pytest.raises(ValueError, match="dps must be an integer"):
        prove_expansion(M, U, masses, dps=dps, **COMMON)


def test_base_point_with_large_dirac_mass_is_not_asymptotic_and_says_so():
    """M_D / M_R = eps * y = 100 at the first point: refused, naming epsilon."""
    y = sp.Symbol("y", positive=True)
    M, U, masses = seesaw_2x2(eps * y * M0)
    kwargs = dict(symbols=[eps, M0, y], small={eps: 2}, direction={eps: 1.0})
    assert prove_expansion(M, U, masses, base_point={M0: 1, y: 2}, **kwargs).passed
    for y_value in (1e3, 1e5):
        with pytest.raises(ValueError, match=r"asymptotic region") as info:
            prove_expansion(M, U, masses, base_point={M0: 1, y: y_value}, **kwargs)
        assert "epsilon = 0.1" in str(info.value)


def test_not_asymptotic_names_the_offending_parameter_among_several(inverse_seesaw):
    """Inverse seesaw with m = 1e4: eps * m / M0 is large, delta is small."""
    M, ex, kwargs = inverse_seesaw
    block = ex.heavy.diagonal.to_sympy()
    with pytest.raises(ValueError, match=r"asymptotic region.*so epsilon = 0\.1 is not small"):
        prove_expansion(M, ex.mixing_matrix, ex.masses, groups=[[1, 2]],
                        group_blocks={0: block}, **{**kwargs, "base_point": {M0: 1, m: 1e4}})


def test_leading_order_expansion_outside_asymptotic_region_names_the_cause():
    """Order 0 has no higher orders to compare: the exact masses' scaling reveals it."""
    y = sp.Symbol("y", positive=True)
    M = sp.Matrix([[0, eps * y * M0], [eps * y * M0, M0]])
    U = sp.Matrix([[1, eps * y], [-eps * y, 1]])
    masses = [-M0 * eps**2 * y**2, M0]
    kwargs = dict(symbols=[eps, M0, y], small={eps: 0}, direction={eps: 1.0},
                  predicted={"mixing": 2, "masses": 1})
    assert prove_expansion(M, U, masses, base_point={M0: 1, y: 1}, **kwargs).passed
    with pytest.raises(ValueError, match=r"m_1 scales like .* outside the asymptotic region"):
        prove_expansion(M, U, masses, base_point={M0: 1, y: 3000}, **kwargs)


def test_negative_value_for_positive_symbol_is_refused():
    M, U, masses = seesaw_2x2()
    with pytest.raises(ValueError, match=r"violates the assumption positive=True of the "
                                         r"symbol M0"):
        prove_expansion(M, U, masses, **{**COMMON, "base_point": {M0: -1e12}})
    with pytest.raises(ValueError, match=r"direction\[epsilon\].*positive=True"):
        prove_expansion(M, U, masses, **{**COMMON, "direction": {eps: -1.0}})


def test_complex_value_for_real_symbol_is_refused():
    x = sp.Symbol("x", real=True)
    M, U, masses = seesaw_2x2(eps * x)
    with pytest.raises(ValueError, match=r"assumption real=True of the symbol x"):
        prove_expansion(M, U, masses, symbols=[eps, M0, x], small={eps: 2},
                        base_point={M0: 1, x: 1 + 2j}, direction={eps: 1.0})


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_nan_and_inf_base_values_are_refused(bad):
    M, U, masses = seesaw_2x2()
    with pytest.raises(ValueError, match="not a finite number"):
        prove_expansion(M, U, masses, **{**COMMON, "base_point": {M0: bad}})


@pytest.mark.parametrize("t_values, message", [
    ([0.1, 0.01], "at least 3 distinct"),
    ([1e-2] * 5, "at least 3 distinct"),
    ([10.0 ** -(1 + k / 40) for k in range(61)], "exceed the limit 60"),
    ([0.1, -0.01, 0.001], "positive, finite"),
])
def test_bad_scan_values_are_refused(t_values, message):
    M, U, masses = seesaw_2x2()
    with pytest.raises(ValueError, match=message):
        prove_expansion(M, U, masses, t_values=t_values, **COMMON)


# ---------------------------------------------------------------------------
# quasi-degenerate groups: judged by projector and Takagi values
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def inverse_seesaw():
    """1-generation inverse seesaw: a pseudo-Dirac heavy pair (states 2, 3) kept exact."""
    delta = sp.Symbol("delta", positive=True)
    M = sp.Matrix([[0, eps * m, 0], [eps * m, 0, M0], [0, M0, delta * M0]])
    ex = seesaw_expansion(M, 1, {eps: 2, delta: 1}, quasi_degenerate_heavy=[[0, 1]])
    kwargs = dict(symbols=[M0, delta, eps, m], small=ex.small, base_point={M0: 1, m: 1},
                  direction={eps: 1.0, delta: 0.5})
    return M, ex, kwargs


def test_group_block_basis_columns_judged_one_by_one_fail(inverse_seesaw):
    # cross-branch (engine-features): the engine's pair columns are now the exact
    # Takagi vectors; the block-basis columns (the old answer) must fail column by column
    M, ex, kwargs = inverse_seesaw
    (group,) = ex.heavy.groups
    Q = group.group_vectors((float("inf"),) * 3)
    U = ex.mixing_matrix
    block_basis = sp.Matrix(U)
    block_basis[:, 1:] = U[:, 1:] * Q.T
    assert prove_expansion(M, U, ex.masses, **kwargs).passed
    report = prove_expansion(M, block_basis, ex.masses, **kwargs)
    assert not report.passed
    assert {"U[2,2]", "U[2,3]"} <= {e.entry for e in report.failed_entries}


def test_group_judged_by_projector_and_block_takagi_values_passes(inverse_seesaw):
    M, ex, kwargs = inverse_seesaw
    block = ex.heavy.diagonal.to_sympy()
    report = prove_expansion(M, ex.mixing_matrix, ex.masses, groups=[[1, 2]],
                             group_blocks={0: block}, **kwargs)
    assert report.passed, report.failed_entries
    names = {e.entry for e in report.entries}
    assert "P{2,3}[2,3]" in names and "group {2,3} mass 1" in names and "U[2,2]" not in names
    assert all(e.status == "measured" for e in report.entries if e.quantity == "masses")


def test_group_masses_that_are_diagonal_entries_fail(inverse_seesaw):
    """The diagonal entries of a pseudo-Dirac block are not its masses."""
    M, ex, kwargs = inverse_seesaw
    block = ex.heavy.diagonal.to_sympy()
    diagonal_entries = [ex.masses[0], block[0, 0], block[1, 1]]
    report = prove_expansion(M, ex.mixing_matrix, diagonal_entries, groups=[[1, 2]], **kwargs)
    failed = {e.entry for e in report.failed_entries}
    # masses that are diagonal entries also contradict U^T M U = diag(m)
    assert failed == {"group {2,3} mass 1", "group {2,3} mass 2", "(U^T M U - diag(m))[1,2]",
                      "(U^T M U - diag(m))[2,2]", "(U^T M U - diag(m))[3,3]"}


def test_engine_group_masses_are_the_block_takagi_values_and_pass(inverse_seesaw):
    M, ex, kwargs = inverse_seesaw
    block = ex.heavy.diagonal.to_sympy()
    assert sp.expand(ex.masses[1] - block[0, 0]) != 0  # not a diagonal entry
    report = prove_expansion(M, ex.mixing_matrix, ex.masses, groups=[[1, 2]], **kwargs)
    assert report.passed, report.failed_entries


def test_group_block_with_wrong_splitting_fails(inverse_seesaw):
    M, ex, kwargs = inverse_seesaw
    block = ex.heavy.diagonal.to_sympy()
    wrong = block.copy()
    wrong[1, 1] = 2 * block[1, 1]  # splitting delta*M0 doubled: wrong at relative order delta
    report = prove_expansion(M, ex.mixing_matrix, ex.masses, groups=[[1, 2]],
                             group_blocks={0: wrong}, **kwargs)
    assert {e.entry for e in report.failed_entries} == {"group {2,3} mass 1", "group {2,3} mass 2"}


def test_group_projector_catches_a_wrong_mixing_into_the_group(inverse_seesaw):
    M, ex, kwargs = inverse_seesaw
    block = ex.heavy.diagonal.to_sympy()
    U = ex.mixing_matrix.copy()
    U[0, 2] = 2 * U[0, 2]  # active-heavy mixing doubled
    report = prove_expansion(M, U, ex.masses, groups=[[1, 2]], group_blocks={0: block},
                             quantities=("mixing",), **kwargs)
    assert any(e.entry.startswith("P{2,3}[1,") for e in report.failed_entries)


def test_bad_groups_are_refused():
    M, U, masses = seesaw_2x2()
    with pytest.raises(ValueError, match="fewer than 2 states"):
        prove_expansion(M, U, masses, groups=[[0]], **COMMON)
    with pytest.raises(ValueError, match="distinct 0-based columns 0..1"):
        prove_expansion(M, U, masses, groups=[[0, 5]], **COMMON)
    with pytest.raises(ValueError, match="must be 2x2"):
        prove_expansion(M, U, masses, groups=[[0, 1]], group_blocks={0: sp.eye(3)}, **COMMON)


# ---------------------------------------------------------------------------
# complex results: masses compared with their phases, in the stated convention
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def complex_3p2():
    """Complex 3+2 texture with a known leading light basis ``conj(V0)``."""
    i = sp.I
    K = sp.Matrix([[i / 2, sp.Rational(1, 2) + i / 3, 0],
                   [-sp.Rational(1, 2) + i / 3, 0, 1 + i / 3],
                   [0, -1 + i / 3, -i / 2]])
    V0 = ((sp.eye(3) - K) * (sp.eye(3) + K).inv()).applyfunc(sp.nsimplify)
    D = V0[:, :2] * sp.diag(1, 2)
    S = (V0 * sp.diag(sp.Rational(1, 3), sp.Rational(2, 3), 1) * V0.T).applyfunc(sp.expand)
    M = sp.BlockMatrix([[eps**2 * S, eps * D], [eps * D.T, sp.diag(3, 5)]]).as_explicit()
    kwargs = dict(symbols=[eps], small={eps: 2}, base_point={}, direction={eps: 1.0}, dps=30)
    return M.applyfunc(sp.expand), V0, kwargs


@pytest.mark.parametrize("convention", ["UT_M_U", "Udag_M_Ustar"])
def test_complex_expansion_passes_in_its_convention_and_fails_in_the_other(complex_3p2,
                                                                           convention):
    M, V0, kwargs = complex_3p2
    ex = seesaw_expansion(M, 3, {eps: 2}, light_basis=V0.conjugate(), convention=convention)
    report = prove_expansion(M, ex.mixing_matrix, ex.masses, convention=convention, **kwargs)
    assert report.passed, report.failed_entries
    other = "Udag_M_Ustar" if convention == "UT_M_U" else "UT_M_U"
    wrong = prove_expansion(M, ex.mixing_matrix, ex.masses, convention=other, **kwargs)
    assert any(e.quantity == "mixing" for e in wrong.failed_entries)


def test_complex_mass_with_right_modulus_but_wrong_phase_fails(complex_3p2):
    M, V0, kwargs = complex_3p2
    ex = seesaw_expansion(M, 3, {eps: 2}, light_basis=V0.conjugate())
    masses = list(ex.masses)
    masses[1] = masses[1] * sp.exp(sp.I * sp.Rational(3, 10))  # |m_2| unchanged
    report = prove_expansion(M, ex.mixing_matrix, masses, quantities=("masses",), **kwargs)
    assert [e.entry for e in report.failed_entries] == ["m_2"]
    assert report.failed_entries[0].measured == pytest.approx(0.0, abs=0.1)
