"""Seed 001, Sect. III A/B: ``U_e3 = 0`` and ``|U_mu3| = |U_tau3|`` to all orders in epsilon_i.

Seed: ``../shared/seeds/001_6200b3fc7d1f06f2.txt`` -- J. Barry, W. Rodejohann,
H. Zhang.  Two printed claims about the 5x5 matrix of Eq. (19) with the Dirac
matrices of Eq. (20) (NO) / Eq. (27) (IO) and ``M_R`` of Eq. (21):

* after Eq. (30): "the mixing pattern |U_e3| = 0 and |U_mu3| = |U_tau3| is
  stable with respect to higher order seesaw terms, which is actually true to
  all orders in eps_i";
* after Eq. (38): "without the higher-order correction terms U_e3 remains
  exactly zero, to all orders in eps_i".

*All-orders proof (exact).*  Let ``P`` be the signed permutation of the basis
``(nu_e, nu_mu, nu_tau, nu_2^c, nu_3^c)`` that exchanges ``nu_mu <-> nu_tau``
and, in the NO only, flips ``nu_3^c -> -nu_3^c`` (in the IO both Dirac columns
``(1,1,1)`` and ``(2,-1,-1)`` are already mu-tau even).  ``P^T M P = M`` holds
identically (checked on the sympy matrix), and ``P = P^T = P^-1``, so ``P``
commutes with ``M``: ``M`` is block diagonal in the eigenspaces of ``P``.
Every odd vector (``P v = -v``) has ``v_e = 0`` and ``v_mu = -v_tau``.

* NO: the odd space is ``{(0, 1, -1)/sqrt2, nu_3^c}``; ``M`` restricted to it
  is ``[[0, sqrt2 c_3], [sqrt2 c_3, M_3]]`` (``c_3 = eps_2 M_3``), so the
  light state continuously connected with ``nu_3^TBM = (0, -1, 1)/sqrt2`` is
  odd for every ``eps_2``: ``U_e3 = 0`` and ``U_mu3 = -U_tau3 = -cos(theta)/sqrt2``
  exactly, ``tan 2 theta = 2 sqrt2 eps_2``, ``m_3 = M_3 (1 - sqrt(1 + 8 eps_2^2))/2``.
  (The even states 1, 2, 4 have ``U_mu i = U_tau i``.)
* IO: the odd space is one-dimensional, ``(0, -1, 1, 0, 0)/sqrt2``; it is an
  exact eigenvector with eigenvalue 0 (``M_D^T (0, -1, 1) = 0``).  Column 3
  of ``U`` is exactly ``nu_3^TBM``: no correction at any order.

The eigenvector argument needs only that the odd light state is not
degenerate with an even state (it can always be *chosen* odd otherwise).
The expansion in ``eps_2`` has radius ``1/(2 sqrt2) ~ 0.354`` (branch point of
``sqrt(1 + 8 eps_2^2)``), ``1/(2 sqrt3) ~ 0.289`` in ``eps_1``; the exact
statement also holds beyond, which the exact diagonalization at
``eps_i = 0.3 .. 0.9`` (and one point at ``eps_i > 1``) corroborates.

*Corroboration.*  (i) The engine series of ``U`` to order ``eps_i^6``: ``U_e3``
and ``U_mu3 + U_tau3`` vanish identically in both orderings (``U_e2``,
``U_mu3`` do not).  (ii) Exact mpmath Takagi diagonalization at random points.
(iii) Negative control: the higher-order-operator deformation of the second
Dirac column of Eq. (A-14), ``(1 - rho_2, 1 + rho_2, 1)`` (NO) and
``(1 - rho_2, 1 - rho_2, 1 + 2 rho_2)`` (IO), breaks ``P`` and gives
``U_e3 = O(rho_2)``.
"""

from __future__ import annotations

import copy
import functools
import random
from collections.abc import Mapping, Sequence

import mpmath
import sympy as sp

from symseesaw.api import SeesawExpansion
from symseesaw.numerics.proof import prove_expansion
from symseesaw.numerics.takagi import takagi
from symseesaw.papers.seed001.model import (
    F2,
    F3,
    epsilon_1,
    epsilon_2,
    lam,
    rho2,
    u1,
    u2,
    w2,
    w3,
)
from symseesaw.papers.verdicts import judge
from symseesaw.parsing import find_small_parameter
from symseesaw.result import Comparison, DerivationResult, ProofReport, SlopeMeasurement

from . import _section3a as _impl

NAME = "seed001-mutau"
EQUATIONS = ["19", "20", "21", "27", "after 30", "after 38"]
SOURCE = _impl.SOURCE
SUMMARY = ("Seed 001 Sect. III: U_e3 = 0 and |U_mu3| = |U_tau3| to all orders in epsilon_i "
           "(claims after Eqs. 30 and 38), NO and IO: exact mu-tau symmetry P^T M P = M, "
           "series to order epsilon_i^6, exact diagonalization at large epsilon_i, and the "
           "rho_2 (Eq. A-14) negative control.")

e1, e2 = epsilon_1, epsilon_2
ORDERINGS = ("NO", "IO")
#: Ordering whose expansion is the result's ``mixing_matrix`` / ``masses``.
MAIN_ORDERING = "NO"
DEFAULT_ORDER = 6
#: Value of rho_2 in the negative control.
CONTROL_RHO = sp.Rational(1, 100)
#: Seed and number of random points of the exact numeric check.
SEED = 20240601
N_POINTS = 6

EQ_UE3 = "after 30: |U_e3| = 0"
EQ_MUTAU = "after 30: |U_mu3| = |U_tau3|"
EQ_38 = "after 38: U_e3 = 0"
PROOF_NOTE = "prove():"

_TBM3 = sp.Matrix([0, -1, 1, 0, 0]) / sp.sqrt(2)


class SymmetryCheckError(AssertionError):
    """An exact numeric check of the mu-tau claims failed."""


# ---------------------------------------------------------------------------
# exact symmetry
# ---------------------------------------------------------------------------


def symmetry_matrix(ordering: str, heavy_signs: tuple[int, int] | None = None) -> sp.Matrix:
    """Signed permutation ``P`` (mu <-> tau, signs on ``nu_2^c, nu_3^c``) of Eq. (19).

    Parameters
    ----------
    ordering : {"NO", "IO"}
    heavy_signs : tuple of int, optional
        Signs of ``nu_2^c, nu_3^c``; default ``(1, -1)`` in the NO, ``(1, 1)``
        in the IO (the symmetry of Eqs. 20/27).

    Returns
    -------
    sympy.Matrix
        5x5, ``P = P^T = P^-1``.
    """
    if heavy_signs is None:
        heavy_signs = (1, -1) if ordering == "NO" else (1, 1)
    P = sp.zeros(5, 5)
    P[0, 0] = 1
    P[1, 2] = P[2, 1] = 1
    P[3, 3], P[4, 4] = heavy_signs
    return P


def symmetry_defect(M: sp.Matrix, P: sp.Matrix) -> sp.Matrix:
    """``P^T M P - M`` with expanded entries (zero matrix iff ``M`` is invariant)."""
    return (P.T * M * P - M).applyfunc(sp.expand)


def is_invariant(M: sp.Matrix, P: sp.Matrix) -> bool:
    """True when ``P^T M P == M`` identically."""
    return symmetry_defect(M, P).is_zero_matrix is True


def odd_space(P: sp.Matrix) -> sp.Matrix:
    """Orthonormal basis (columns) of the ``P = -1`` eigenspace of a signed permutation."""
    Q = (sp.eye(P.rows) - P) / 2
    cols = [Q[:, j] for j in range(Q.cols) if not Q[:, j].is_zero_matrix]
    basis: list[sp.Matrix] = []
    for c in cols:
        if any((c.T * b)[0] != 0 for b in basis):
            continue
        basis.append(c / sp.sqrt((c.T * c)[0]))
    return sp.Matrix.hstack(*basis)


def odd_sector_block(ordering: str) -> tuple[sp.Matrix, sp.Matrix]:
    """``(B, B^T M B)``: odd-space basis (first column ``nu_3^TBM``) and ``M`` on it (exact).

    Returns
    -------
    B : sympy.Matrix
        5 x k basis of the odd space, ``k = 2`` (NO) or ``1`` (IO).
    block : sympy.Matrix
        k x k restriction of Eq. (19) to the odd space.
    """
    P = symmetry_matrix(ordering)
    B = odd_space(P)
    # orient the first column like nu_3^TBM = (0, -1, 1)/sqrt2
    if (B[:, 0].T * _TBM3)[0].is_negative:
        B[:, 0] = -B[:, 0]
    M = _impl.eq19_model(ordering).mass_matrix
    return B, (B.T * M * B).applyfunc(sp.expand)


def exact_u_mu3(ordering: str) -> sp.Expr:
    """Closed form of ``U_mu3 = -U_tau3`` from the odd block (NO: 2x2, IO: 1x1).

    NO: ``-(1/sqrt2) cos(theta)``, ``cos 2 theta = 1/sqrt(1 + 8 eps_2^2)``;
    IO: ``-1/sqrt2`` exactly.
    """
    if ordering == "IO":
        return -1 / sp.sqrt(2)
    cos2 = 1 / sp.sqrt(1 + 8 * e2**2)
    return -sp.sqrt((1 + cos2) / 2) / sp.sqrt(2)


def deformed_matrix(ordering: str, rho: sp.Expr = rho2) -> sp.Matrix:
    """Eq. (19) with the ``rho_2`` terms of Eq. (A-14) in the ``nu_2^c`` Dirac column.

    NO: ``c_2 (1 - rho, 1 + rho, 1)``; IO: ``c_2 (1 - rho, 1 - rho, 1 + 2 rho)``
    (``chi = rho_3 = 0``; the first column of A-14 is decoupled, as in the paper).
    """
    factors = ((1 - rho, 1 + rho, 1) if ordering == "NO"
               else (1 - rho, 1 - rho, 1 + 2 * rho))
    M = _impl.eq19_model(ordering).mass_matrix.copy()
    for i, f in enumerate(factors):
        M[i, 3] = M[3, i] = sp.expand(M[i, 3] * f)
    return M


# ---------------------------------------------------------------------------
# series
# ---------------------------------------------------------------------------


def _small(orders: Mapping[str, int] | None) -> dict[sp.Symbol, int]:
    """``{epsilon_1: N, epsilon_2: N}`` from ``--order`` names (``epsilon_1``, ``eps_1``, ``eps1``)."""
    small = {e1: DEFAULT_ORDER, e2: DEFAULT_ORDER}
    for key, value in (orders or {}).items():
        parameter = find_small_parameter(key, small)  # cross-branch: the one alias rule (tidy-papers)
        if int(value) < 1:
            raise ValueError(f"order of {key} must be at least 1, got {value}")
        small[parameter] = int(value)
    return small


def expansion(ordering: str, small: Mapping[sp.Symbol, int]) -> SeesawExpansion:
    """Engine expansion of Eq. (19) (``Udag_M_Ustar``) to the orders ``small`` (cached)."""
    return _impl.eq19_expansion(ordering, small)


def _series_comparisons(ordering: str, ex: SeesawExpansion,
                        small: Mapping[sp.Symbol, int]) -> list[Comparison]:
    """Claims after Eq. (30) on the engine series: ``U_e3 == 0``, ``U_mu3 + U_tau3 == 0``."""
    U = ex.U_series
    bounds = (*small.values(), float("inf"))
    reading = (f"{ordering}: engine series of U to order "
               + ", ".join(f"{s}^{o}" for s, o in small.items()))
    return [
        judge(EQ_UE3, [1, 3], sp.S.Zero, U[0, 2], bounds, reading=reading,
                note="U_e3 series identically zero; U_e2 is not"),
        judge(EQ_MUTAU, [2, 3], sp.S.Zero, U[1, 2] + U[2, 2], bounds,
                reading=reading + "; derived = U_mu3 + U_tau3 (sign: U_mu3 = -U_tau3)",
                note="U_mu3 = -U_tau3 as series; U_mu3 itself is non-zero"),
    ]


# ---------------------------------------------------------------------------
# exact symmetry argument as comparisons
# ---------------------------------------------------------------------------


def _symmetry_comparisons(ordering: str, M: sp.Matrix) -> list[Comparison]:
    """Claims after Eqs. (30), (38) from the exact symmetry ``P^T M P = M`` (all orders).

    Agrees when ``M`` is invariant, ``nu_3^TBM`` (the leading state 3) is
    ``P``-odd and every odd vector has ``v_e = 0``, ``v_mu + v_tau = 0``;
    otherwise ``derived`` is a non-zero entry of ``P^T M P - M``.
    """
    P = symmetry_matrix(ordering)
    defect = symmetry_defect(M, P)
    B, block = odd_sector_block(ordering)
    flip = "mu <-> tau, nu_3^c -> -nu_3^c" if ordering == "NO" else "mu <-> tau"
    reading = f"{ordering}: exact, P^T M P = M with P: {flip} (all orders in eps_i)"
    # on the odd space: e-components and mu + tau components of every basis vector
    odd_e = sum((abs(B[0, j]) for j in range(B.cols)), sp.S.Zero)
    odd_mt = sum((abs(B[1, j] + B[2, j]) for j in range(B.cols)), sp.S.Zero)
    nonzero = [x for x in defect if x != 0]
    if P * _TBM3 != -_TBM3:
        nonzero.append(sp.Symbol("nu_3^TBM_not_P_odd"))
    invariant = not nonzero
    if ordering == "NO":
        why = ("odd space {(0,1,-1)/sqrt2, nu_3^c}; M on it = " + sp.sstr(block)
               + ": light odd state -> nu_3^TBM as eps_2 -> 0, so it is state 3 for all eps_2")
    else:
        why = ("odd space {(0,-1,1)/sqrt2}; M on it = " + sp.sstr(block)
               + ": column 3 = nu_3^TBM exactly, m_3 = 0")
    out = []
    for eq, entry, derived in ((EQ_UE3, [1, 3], odd_e), (EQ_MUTAU, [2, 3], odd_mt),
                               (EQ_38, [1, 3], odd_e)):
        ok = invariant and derived == 0
        out.append(Comparison(
            eq, entry, sp.S.Zero, derived if invariant else nonzero[0],
            "agrees" if ok else "differs", reading=reading,
            note=(why if invariant else "P^T M P != M (or nu_3^TBM not P-odd): "
                  + sp.sstr(nonzero[0])),
        ))
    return out


# ---------------------------------------------------------------------------
# exact numerics
# ---------------------------------------------------------------------------


def sample_points(n: int = N_POINTS, seed: int = SEED) -> list[dict[sp.Symbol, sp.Rational]]:
    """Reproducible exact (rational) parameter points, ``eps_i`` mostly in ``[0.3, 0.9]``.

    The last point has ``eps_i > 1``, the one before ``eps_i ~ 0.01-0.05``.
    """
    rng = random.Random(seed)

    def r(lo: int, hi: int, den: int = 100) -> sp.Rational:
        return sp.Rational(rng.randint(lo, hi), den)

    points = []
    for k in range(n):
        if k == n - 1:
            eps = (r(110, 300), r(110, 300))
        elif k == n - 2:
            eps = (r(1, 5), r(1, 5))
        else:
            eps = (r(30, 90), r(30, 90))
        points.append({u1: r(50, 200), u2: r(50, 200), w2: r(50, 200), w3: r(50, 200),
                       lam: r(20, 80), F2: sp.Integer(rng.randint(1, 3)),
                       F3: sp.Integer(rng.randint(1, 3)), e1: eps[0], e2: eps[1]})
    return points


def exact_mutau_residuals(M: sp.Matrix, point: Mapping[sp.Symbol, sp.Expr],
                          dps: int = 50) -> dict[str, mpmath.mpf | int]:
    """Exact Takagi diagonalization of ``M`` at ``point``; residuals of the claims.

    State 3 is the column with the largest overlap with ``nu_3^TBM`` (for the
    symmetric matrix: the light odd state, overlap ``cos(theta) > 1/sqrt2``).

    Returns
    -------
    dict
        ``ue3`` = ``|U_e3|``, ``mutau`` = ``||U_mu3| - |U_tau3||``, ``overlap``
        of column 3 with ``nu_3^TBM``, ``gap`` = smallest ``|m_i - m_j|`` relative
        to ``max|m|``, ``column`` (0-based index in ascending ``|m|``).
    """
    Mn = M.xreplace(dict(point))
    U, m = takagi(Mn, real=True, dps=dps)
    with mpmath.workdps(dps):
        ref = [mpmath.mpf(0), -1 / mpmath.sqrt(2), 1 / mpmath.sqrt(2), 0, 0]
        overlaps = [abs(sum(U[i, j] * ref[i] for i in range(5))) for j in range(5)]
        k = max(range(5), key=lambda j: overlaps[j])
        scale = max(abs(x) for x in m)
        gap = min(abs(m[i] - m[j]) for i in range(5) for j in range(i + 1, 5)) / scale
        return {"ue3": abs(U[0, k]), "mutau": abs(abs(U[1, k]) - abs(U[2, k])),
                "overlap": overlaps[k], "gap": gap, "column": k}


def exact_checks(dps: int = 50, points: Sequence[Mapping] | None = None,
                 rho: sp.Expr = CONTROL_RHO) -> dict[str, dict]:
    """Exact checks of both orderings and of the ``rho_2`` control at ``points``.

    Returns
    -------
    dict
        ``{ordering: {"max_ue3", "max_mutau", "min_gap", "control_min_ue3",
        "control_max_ue3", "threshold", "passed", "n"}}``; ``passed`` requires
        ``max_ue3, max_mutau < 10^(-dps/2)`` and ``control_min_ue3 > 10^(-dps/2)``.
    """
    if points is None:  # the default points: computed once per precision and control value
        return copy.deepcopy(_exact_checks_at_sample_points(dps, rho))
    return _exact_checks(dps, list(points), rho)


@functools.lru_cache(maxsize=4)
def _exact_checks_at_sample_points(dps: int, rho: sp.Expr) -> dict[str, dict]:
    return _exact_checks(dps, sample_points(), rho)


def _exact_checks(dps: int, pts: list, rho: sp.Expr) -> dict[str, dict]:
    out: dict[str, dict] = {}
    threshold = mpmath.mpf(10) ** (-mpmath.mpf(dps) / 2)
    for ordering in ORDERINGS:
        M = _impl.eq19_model(ordering).mass_matrix
        Md = deformed_matrix(ordering).xreplace({rho2: rho})
        sym = [exact_mutau_residuals(M, p, dps) for p in pts]
        ctl = [exact_mutau_residuals(Md, p, dps) for p in pts]
        rec = {
            "n": len(pts),
            "max_ue3": max(r["ue3"] for r in sym),
            "max_mutau": max(r["mutau"] for r in sym),
            "min_gap": min(r["gap"] for r in sym),
            "control_min_ue3": min(r["ue3"] for r in ctl),
            "control_max_ue3": max(r["ue3"] for r in ctl),
            "threshold": threshold,
        }
        rec["passed"] = bool(rec["max_ue3"] < threshold and rec["max_mutau"] < threshold
                             and rec["control_min_ue3"] > threshold)
        out[ordering] = rec
    return out


def _eps_text(points: Sequence[Mapping]) -> str:
    """``(eps_1, eps_2)`` of each point, two decimals."""
    return ", ".join(f"({float(p[e1]):.2f}, {float(p[e2]):.2f})" for p in points)


def _numeric_comparisons(checks: Mapping[str, dict], dps: int) -> list[Comparison]:
    """Claims after Eq. (30) at the exact points: ``derived`` is the largest residual."""
    pts = sample_points()
    out = []
    for ordering, rec in checks.items():
        reading = (f"{ordering}: exact Takagi diagonalization (dps={dps}) at {rec['n']} random "
                   f"points, (eps_1, eps_2) = {_eps_text(pts)}")
        for eq, entry, key in ((EQ_UE3, [1, 3], "max_ue3"), (EQ_MUTAU, [2, 3], "max_mutau")):
            value = rec[key]
            ok = value < rec["threshold"]
            out.append(Comparison(
                eq, entry, sp.S.Zero, sp.Float(mpmath.nstr(value, 5), 5),
                "agrees" if ok else "differs", reading=reading,
                note=(f"max over points {mpmath.nstr(value, 3)} (threshold 10^-{dps // 2}); "
                      f"control rho_2 = {CONTROL_RHO} (Eq. A-14): |U_e3| in "
                      f"[{mpmath.nstr(rec['control_min_ue3'], 3)}, "
                      f"{mpmath.nstr(rec['control_max_ue3'], 3)}]"),
            ))
    return out


def _check_notes(checks: Mapping[str, dict], dps: int, prefix: str = "") -> list[str]:
    """One line per ordering with the numbers of :func:`exact_checks`."""
    notes = []
    for ordering, rec in checks.items():
        notes.append(
            f"{prefix}{ordering} exact diagonalization (dps={dps}, {rec['n']} points, eps_i up to "
            f"{max(float(p[e]) for p in sample_points() for e in (e1, e2)):.2f}): "
            f"max |U_e3| = {mpmath.nstr(rec['max_ue3'], 3)}, "
            f"max ||U_mu3|-|U_tau3|| = {mpmath.nstr(rec['max_mutau'], 3)} "
            f"(< 10^-{dps // 2}); min relative mass gap {mpmath.nstr(rec['min_gap'], 3)}; "
            f"control with rho_2 = {CONTROL_RHO}: |U_e3| from "
            f"{mpmath.nstr(rec['control_min_ue3'], 3)} to {mpmath.nstr(rec['control_max_ue3'], 3)}"
            f" -> {'PASS' if rec['passed'] else 'FAIL'}")
    return notes


# ---------------------------------------------------------------------------
# registry interface
# ---------------------------------------------------------------------------


def derive(orders: dict[str, int] | None = None) -> DerivationResult:
    """Derive and check the mu-tau claims after Eqs. (30) and (38), NO and IO (no order proof).

    Parameters
    ----------
    orders : dict, optional
        ``{"epsilon_1": N, "epsilon_2": N}`` (or ``eps1``/``eps2``); default 6.

    Returns
    -------
    DerivationResult
        ``mixing_matrix``/``masses``: the NO expansion of Eq. (19) to the
        requested order; comparisons: for each ordering the exact symmetry
        argument, the series check and the exact numeric check of each claim.
    """
    small = _small(orders)
    comparisons: list[Comparison] = []
    main: SeesawExpansion | None = None
    for ordering in ORDERINGS:
        M = _impl.eq19_model(ordering).mass_matrix
        ex = expansion(ordering, small)
        if ordering == MAIN_ORDERING:
            main = ex
        comparisons += _symmetry_comparisons(ordering, M)
        comparisons += _series_comparisons(ordering, ex, small)
    dps = 50
    checks = exact_checks(dps)
    comparisons += _numeric_comparisons(checks, dps)
    assert main is not None
    mod = _impl.eq19_model(MAIN_ORDERING)
    notes = [
        f"mixing_matrix and masses: NO expansion of Eq. (19) to order {small[e1]} in eps_1, "
        f"{small[e2]} in eps_2 (the IO expansion is re-derived by prove()).",
        "All-orders argument: P = P^T = P^-1 with P^T M P = M (P: mu <-> tau, and "
        "nu_3^c -> -nu_3^c in the NO only) commutes with M, so eigenvectors of non-degenerate "
        "masses are P-even or P-odd; P-odd vectors have U_e = 0 and U_mu = -U_tau. State 3 is "
        "the light P-odd state (NO: 2x2 odd block [[0, sqrt2 c_3], [sqrt2 c_3, M_3]]; IO: the "
        "exact null vector (0,-1,1)/sqrt2 of M_D^T, so column 3 = nu_3^TBM and m_3 = 0 "
        "exactly). The P-even states have U_mu i = U_tau i.",
        "NO closed form: U_mu3 = -U_tau3 = -cos(theta)/sqrt2, tan 2theta = 2 sqrt2 eps_2, "
        "m_3 = M_3 (1 - sqrt(1 + 8 eps_2^2))/2; the eps_2 series converges only for "
        "eps_2 < 1/(2 sqrt2) ~ 0.354 (eps_1: 1/(2 sqrt3) ~ 0.289), the exact statement holds "
        "for all eps_i.",
        f"Negative control: Eq. (A-14) rho_2 terms in the nu_2^c Dirac column (NO: (1-rho_2, "
        f"1+rho_2, 1), IO: (1-rho_2, 1-rho_2, 1+2rho_2)) break P (no sign choice on "
        f"nu_2^c, nu_3^c restores it) and give U_e3 = O(rho_2) (rho_2 = {CONTROL_RHO}).",
        *_check_notes(checks, dps),
        f"y_2, y_3 eliminated through Eq. (23): {mod.substitution}",
    ]
    return _impl.eq19_result(NAME, EQUATIONS, MAIN_ORDERING, small, main, comparisons, notes)


def prove(result: DerivationResult, dps: int = 50) -> ProofReport:
    """Order proof of the NO and IO expansions, plus the exact numeric mu-tau checks.

    The slopes are those of :func:`symseesaw.numerics.proof.prove_expansion`
    (as for ``seed001-no``/``-io``), named ``"NO mixing"``, ``"IO masses"``, ...
    The exact checks (``|U_e3|`` and ``||U_mu3| - |U_tau3||`` below
    ``10^(-dps/2)`` at large ``eps_i``; the ``rho_2`` control above it) are
    written into ``result.notes``.

    Raises
    ------
    SymmetryCheckError
        If an exact check fails.
    """
    slopes: list[SlopeMeasurement] = []
    report: ProofReport | None = None
    for ordering in ORDERINGS:
        if ordering == MAIN_ORDERING:
            M, U, masses = result.mass_matrix, result.mixing_matrix, result.masses
        else:
            ex = expansion(ordering, result.small)
            M, U, masses = _impl.eq19_model(ordering).mass_matrix, ex.mixing_matrix, ex.masses
        symbols = sorted(M.free_symbols | set(result.small), key=str)
        report = prove_expansion(M, U, masses, symbols=symbols, small=result.small,
                                 base_point=_impl.BASE_POINT, direction={e1: 0.7, e2: 1.0},
                                 convention=result.convention, dps=dps)
        slopes += [SlopeMeasurement(f"{ordering} {s.quantity}", s.predicted, s.measured,
                                    s.residuals, s.t_values) for s in report.slopes]
    assert report is not None
    checks = exact_checks(dps)
    result.notes[:] = [n for n in result.notes if not n.startswith(PROOF_NOTE)]
    result.notes.extend(_check_notes(checks, dps, prefix=PROOF_NOTE + " "))
    failed = [o for o, rec in checks.items() if not rec["passed"]]
    if failed:
        raise SymmetryCheckError("exact mu-tau check failed for " + ", ".join(failed) + ": "
                                 + "; ".join(_check_notes(checks, dps)))
    return ProofReport(direction=report.direction, base_point=report.base_point, dps=dps,
                       slopes=slopes)
