"""Transcriptions of seed 001 Sect. III B and Appendix A (symseesaw.papers.seed001._appendix_printed).

Specification tests: they pin what the extracted text says, entry by entry, and
what the printed equations imply when combined (limits, cross-checks). A
failing physical relation is a finding about the print and is pinned as such.
"""

from __future__ import annotations

import pytest
import sympy as sp

from symseesaw.papers.seed001 import _appendix_printed as P
from symseesaw.papers.seed001._section3a import EQ22, EQ24, EQ28, EQ29

# ruff: noqa: F405  (the names below come from the one seed-001 symbol table)
from symseesaw.papers.seed001.symbols import *  # noqa: F403

e1, e2 = epsilon_1, epsilon_2
s2, s3, s6 = sp.sqrt(2), sp.sqrt(3), sp.sqrt(6)
SIGMAS = {k: v for k, v in P.PRINTED["39"].default.items() if k in (sigma_pN, sigma_mN, sigma_pI, sigma_mI)}
#: the limit (chi, rho2, rho3) -> 0 of the text, sigma's through Eq. (39)
NO_HIGHER_ORDER = {chi: 0, rho2: 0, rho3: 0}


def limit(expr):
    return sp.sympify(expr).xreplace(SIGMAS).xreplace(NO_HIGHER_ORDER)


def mlimit(M):
    return M.applyfunc(limit)


def zero(expr) -> bool:
    return sp.expand(sp.sympify(expr)) == 0


def mzero(M) -> bool:
    return all(zero(x) for x in M)


def reading(obj, prefix):
    (value,) = [v for k, v in obj.readings.items() if k.startswith(prefix)]
    return value


# --------------------------------------------------------------------------- structure
def test_every_printed_object_is_well_formed():
    assert len(P.PRINTED) == 30
    for label, obj in P.PRINTED.items():
        assert obj.equation == label
        assert obj.kind in P.KINDS
        assert obj.notes.strip(), label
        assert obj.readings, label
        assert not next(iter(obj.readings)).startswith("suspected"), label
        assert obj.verbatim and set(obj.latex) <= set(obj.readings), label
        for name, value in obj.readings.items():
            assert name.startswith(("as printed", "reading ", "suspected: ")), (label, name)
            if obj.kind == "matrix":
                assert isinstance(value, sp.MatrixBase)
                assert value.shape == obj.default.shape, (label, name)
            elif obj.kind == "list":
                assert len(value) == len(obj.labels), (label, name)


def test_no_floats_anywhere():
    def exprs(value):
        if isinstance(value, sp.MatrixBase):
            return list(value)
        if isinstance(value, dict):
            return list(value.values())
        if isinstance(value, list):
            return value
        return [value]

    for label, obj in P.PRINTED.items():
        for value in obj.readings.values():
            for x in exprs(value):
                assert not sp.sympify(x).atoms(sp.Float), label
    assert all(isinstance(x, sp.Rational) for x in P.PRINTED_NUMBERS.values())


def test_shapes():
    for label in ("A-15", "A-16a", "A-16b", "A-16", "A-18a", "A-18b", "A-18"):
        for value in P.PRINTED[label].readings.values():
            assert value.shape == (5, 5), label
    for label in ("A-2", "A-3", "A-6-NO", "A-6-IO", "A-7", "A-9", "A-10", "A-11",
                  "A-14-NO", "A-14-IO"):
        assert P.PRINTED[label].default.shape == (3, 3), label
    for label in ("A-17", "A-19"):
        assert P.PRINTED[label].labels == ("m'_1", "m'_2", "m'_3", "m'_4", "m'_5")
    assert len(P.PRINTED["37"].default) == len(P.PRINTED["38"].default) == 7
    assert len(P.PRINTED["A-18a"].readings) == 3 and len(P.PRINTED["A-18b"].readings) == 2
    assert len(P.PRINTED["A-18"].readings) == 6


def test_a16_is_the_sum_of_its_two_printed_matrices():
    assert mzero(P.PRINTED["A-16"].default - P.PRINTED["A-16a"].default - P.PRINTED["A-16b"].default)
    for name, value in P.PRINTED["A-18"].readings.items():
        ka, kb = name.split(" of A-18a + ")
        first = reading(P.PRINTED["A-18a"], ka)
        second = reading(P.PRINTED["A-18b"], kb.removesuffix(" of A-18b"))
        assert mzero(value - first - second), name


# --------------------------------------------------------------------------- spot checks
def test_a16_spot_checks_against_the_literal_text():
    A, B = P.PRINTED["A-16a"].default, P.PRINTED["A-16b"].default
    assert zero(A[1, 1] + (sigma_mN + sigma_pN * R_ratio) / (2 * s3))       # [2,2]
    assert zero(A[0, 2] + (chi - rho3 + sigma_pN * R_ratio / 3) / s2)       # [1,3]
    assert zero(A[0, 4] - (rho3 - chi) * e2)                                # [1,5]
    assert zero(A[3, 2] - sigma_pN / s2 * (1 + R_ratio) * e1)               # [4,3]
    assert zero(A[4, 1] + sigma_pN / s3 * R_ratio * e2)                     # [5,2]
    assert zero(B[0, 1] + s3 / 2 * (1 - rho2) * e1**2)                      # [1,2]
    assert zero(B[2, 2] + (2 * e2**2 - sigma_pN * (1 + R_ratio) * e1**2) / (2 * s2))
    assert zero(B[3, 4] - sigma_pN * e1 * e2 / 2) and zero(B[4, 3] - B[3, 4])


def test_a18_first_matrix_readings_place_the_merged_token_differently():
    A = reading(P.PRINTED["A-18a"], "reading A")
    B = reading(P.PRINTED["A-18a"], "reading B")
    C = reading(P.PRINTED["A-18a"], "reading C")
    assert zero(A[0, 2] + rho2 / s2)
    assert zero(A[0, 3] - (1 - rho2) * e1)
    assert zero(A[2, 3] - (1 + 2 * rho2) * e1)
    assert zero(A[0, 4] - (2 - chi + rho3) * e2)
    assert zero(B[0, 2] + rho2 / s2 * (1 - rho2) * e1)
    assert zero(B[0, 3] - (2 - chi + rho3) * e2) and B[0, 4] == 0
    assert C[0, 2] == 0 and zero(C[0, 3] - B[0, 2]) and zero(C[0, 4] - A[0, 4])
    # rows 4, 5 and columns 1, 2 are unambiguous: identical in every reading
    for M in (B, C):
        assert mzero(M[3:, :] - A[3:, :]) and mzero(M[:, :2] - A[:, :2])
    assert zero(A[1, 1] + (6 * rho2 - sigma_pI * G_ratio) / (6 * s3))
    assert zero(A[4, 0] + sp.sqrt(sp.Rational(2, 3)) * (3 - chi + rho3) * e2)


def test_a18_second_matrix_readings_of_row_5():
    A = reading(P.PRINTED["A-18b"], "reading A")
    B = reading(P.PRINTED["A-18b"], "reading B")
    assert A[4, 3] == 0
    assert zero(A[4, 4] - (sigma_pI * e1 * e2 / 2 - (3 - 2 * chi + 2 * rho3) * e2**2))
    assert zero(B[4, 3] - sigma_pI * e1 * e2 / 2)
    assert zero(B[4, 4] + (3 - 2 * chi + 2 * rho3) * e2**2)
    assert mzero(A[:4, :] - B[:4, :])


def test_eq37_plus_minus_line_expands_into_two_entries():
    k4, k5 = P.PRINTED["37"].labels.index("|U_e4|^2"), P.PRINTED["37"].labels.index("|U_mu4|^2")
    assert (k4, k5) == (3, 4)
    rmu, rtau = y_mup / y_mu, y_taup / y_tau
    no, io = P.PRINTED["37"].default, P.PRINTED["38"].default
    assert zero(no[k4] - e1**2 * (1 - 2 * rho2 - 2 * r1 * (rmu + rtau)))
    assert zero(no[k5] - e1**2 * (1 + 2 * rho2 + 2 * r1 * (rmu - rtau)))
    assert zero(io[k4] - e1**2 * (1 - 2 * rho2 - 2 * r1 * (rmu + rtau)))
    assert zero(io[k5] - e1**2 * (1 - 2 * rho2 + 2 * r1 * (rmu - rtau)))


def test_eq36_no_sign_pattern_and_a14_agree():
    mu, tau = P.PRINTED["36-NO"].default
    assert not zero(mu - tau)
    mu_io, tau_io = P.PRINTED["36-IO"].default
    assert zero(mu_io - tau_io) and zero(mu_io - mu)


def test_a17_m2_carries_the_io_symbol_sigma_minus_I_as_printed():
    printed = P.PRINTED["A-17"].default[1]
    assert sigma_mI in printed.free_symbols and sigma_mN not in printed.free_symbols
    suspected = reading(P.PRINTED["A-17"], "suspected")[1]
    assert sigma_mN in suspected.free_symbols and sigma_mI not in suspected.free_symbols
    assert all(zero(a - b) for a, b in zip(P.PRINTED["A-17"].default[2:], reading(P.PRINTED["A-17"], "suspected")[2:],
                                          strict=True))


def test_eq39_definitions():
    d = P.PRINTED["39"].default
    assert zero(d[sigma_pN] - (chi + rho2 - rho3)) and zero(d[sigma_mN] - (chi - rho2 - rho3))
    assert zero(d[sigma_pI] - (chi + 3 * rho2 - rho3)) and zero(d[sigma_mI] - (chi - 3 * rho2 - rho3))
    assert w1p in d[chi].free_symbols and y2p in d[rho2].free_symbols and y3p in d[rho3].free_symbols


# --------------------------------------------------------------------------- limits
def test_a16_reduces_to_eq22_corrections_without_higher_order_operators():
    U0 = P.PRINTED["A-15"].default
    assert mzero(mlimit(P.PRINTED["A-16a"].default) + mlimit(P.PRINTED["A-16b"].default) + U0 - EQ22)


def test_a18_only_reading_a_of_the_first_matrix_reduces_to_eq28():
    U0 = P.PRINTED["A-15"].default
    for name, dU in P.PRINTED["A-18"].readings.items():
        diff = mlimit(dU) + U0 - EQ28
        if name.startswith("reading A of A-18a"):
            assert mzero(diff), name
        else:
            # readings B and C misplace eps_1 / 2 eps_2 in rows 1-3, columns 4-5
            assert not mzero(diff[:3, 3:]), name
            assert mzero(diff[3:, :]) and mzero(diff[:, :3]), name


def test_a17_limit_to_eq24_holds_except_m5_where_eq24_prints_u_prime():
    # The text: A-17 "corresponds to Eq. (24) in the limit (chi, rho2, rho3) -> 0".
    diffs = [sp.expand(limit(a) - b) for a, b in zip(P.PRINTED["A-17"].default, EQ24, strict=True)]
    assert diffs[:4] == [0, 0, 0, 0]
    # FINDING: m'_5 -> w3 u'' lambda^{2F3} - ..., Eq. (24) m_5 has w3 u' lambda^{2F3}.
    assert zero(diffs[4] - (u2 - u1) * w3 * lam ** (2 * F3))
    # the suspected sigma_-^N reading of m'_2 has the same limit
    assert zero(limit(reading(P.PRINTED["A-17"], "suspected")[1]) - EQ24[1])


def test_a19_limit_is_eq29():
    assert all(zero(limit(a) - b) for a, b in zip(P.PRINTED["A-19"].default, EQ29, strict=True))


# --------------------------------------------------------------------------- cross-checks
def _abs2_first_order(V, U_nu, i, j):
    """|(V^T U_nu)_{ij}|^2 to first order in r1 (real matrices, Eq. 7 without B)."""
    t = sp.Symbol("t")
    x = ((V.T * U_nu)[i, j] ** 2).subs(r1, t * r1)
    return sp.expand(sp.series(x, t, 0, 2).removeO().subs(t, 1))


@pytest.mark.parametrize("ordering", ["NO", "IO"])
def test_a3_as_printed_does_not_give_eq37_38_mu3_but_the_antisymmetric_one_does(ordering):
    # Without neutrino-sector corrections and at eps_i = 0, U_nu = U_TBM, and
    # |U_mu3|^2 = (1 + 2 r1 y'tau/ytau)/2 in both Eqs. (37) and (38).
    # FINDING: the printed V_l (A-3, (3,2) = -y'mu/ymu r1) gives y'mu instead.
    eq = P.PRINTED["37"] if ordering == "NO" else P.PRINTED["38"]
    k = eq.labels.index("|U_mu3|^2")
    target = limit(eq.default[k]).subs({e1: 0, e2: 0})
    U_nu = P.PRINTED["A-15"].default[:3, :]
    printed = _abs2_first_order(P.PRINTED["A-3"].default, U_nu, 1, 2)
    suspected = _abs2_first_order(reading(P.PRINTED["A-3"], "suspected"), U_nu, 1, 2)
    assert zero(suspected - target)
    assert zero(printed - target - r1 * (y_mup / y_mu - y_taup / y_tau))


def test_eq38_neutrino_sector_entries_follow_reading_a_of_a18():
    # r1 = 0 (no charged-lepton correction), eps_i = 0: |U_e3|^2 = rho2^2/2 in Eq. (38).
    k = P.PRINTED["38"].labels.index("|U_e3|^2")
    target = P.PRINTED["38"].default[k].subs(r1, 0)
    for name, first in P.PRINTED["A-18a"].readings.items():
        U = P.PRINTED["A-15"].default + first.subs({e1: 0, e2: 0})
        ok = zero(U[0, 2] ** 2 - target)
        assert ok == name.startswith("reading A"), name


def test_eq41_numbers_follow_from_eq37():
    choice = {y_mup: -y_mu * y_taup / y_tau}          # y'mu/ymu = -y'tau/ytau
    e3 = limit(P.PRINTED["37"].default[0]).xreplace(choice)
    assert zero(e3 - P.PRINTED["41"].default)
    point = {r1: P.PRINTED_NUMBERS["34 r_1 = u/Lambda"], y_taup: y_tau}
    assert P.PRINTED["41"].default.subs(point) == P.PRINTED_NUMBERS["41 sin^2 theta_13"]
    mu3 = limit(P.PRINTED["37"].default[2]).subs({e2: 0}).subs(point)
    assert mu3 == P.PRINTED_NUMBERS["41 sin^2 theta_23"]
    e2_ = limit(P.PRINTED["37"].default[1]).xreplace(choice).subs({e1: 0})
    assert e2_ == P.PRINTED_NUMBERS["41 sin^2 theta_12 (TBM value, stated not printed as a number)"]


# --------------------------------------------------------------- LaTeX-text reader
def test_latex_reader_reads_each_printed_form_without_its_label():
    from symseesaw.papers.printed import read_aligned, read_list, read_matrix_sum

    a, b = sp.symbols("a b")
    assert read_list(r"m_1 = a, \quad m_2 = 2b. \quad (7)", [a, b]) == [a, 2 * b]
    assert read_aligned("\\begin{aligned} x &\\simeq a, \\\\ y &= b \\end{aligned}", [a, b]) \
        == [a, b]
    total = read_matrix_sum(r"U \simeq \begin{pmatrix} a \end{pmatrix} + \begin{pmatrix} b"
                            r" \end{pmatrix} + \mathcal{O}(a^2), \quad (3)", [a, b])
    assert total == sp.Matrix([[a + b]])


def test_latex_reader_refuses_text_without_the_expected_form():
    from symseesaw.papers.printed import read_aligned, read_matrix_sum

    with pytest.raises(ValueError, match="no pmatrix"):
        read_matrix_sum("U = a", [])
    with pytest.raises(ValueError, match="no aligned environment"):
        read_aligned("m = a", [])
