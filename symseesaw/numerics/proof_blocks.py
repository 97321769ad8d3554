"""Numerical order proof of a seesaw block diagonalization (blocks mode).

Along the ray ``s(t) = direction[s] * t**weights[s]`` (small parameters, weight
1 unless given; every other symbol held at ``base_point``) the truncated
results are compared at ``dps`` digits with exact values computed *independently of the engine*:

``light singular value i`` / ``heavy singular value i``
    The singular values of the perturbative light (heavy) block against the
    ``n_light`` smallest (``n_heavy`` largest) singular values of ``M``
    (``mpmath.svd``; these are the Takagi values). Relative residual, each
    value on its own scale; predicted slope ``min(w_s (order_s + 1))`` (the
    blocks are kept to a relative order; with ``total``, also
    ``(total + 1) min w_s``).
``W[i,j]``
    Each entry of the perturbative ``W`` against the exact block
    diagonalization, built from the light invariant subspace of ``M^dagger M``
    (the eigenvectors of its ``n_light`` smallest eigenvalues): with that
    subspace written as columns ``[[T], [S]]``, ``X = -S T^-1``,
    ``C_1 = (1 + X^dagger X)^(-1/2)``, ``B^T = X C_1``,
    ``C_2 = (1 - B^T B^*)^(1/2)`` and ``W = [[C_1, B^*], [-B^T, C_2]]`` (the
    unique ``W`` of the Grimus-Lavoura form). Absolute residual per entry,
    the same predicted slope.

A residual only counts above the precision floor (``10**-(dps - 6)`` times the
entry's scale). A quantity whose residual never rises above the floor at
three scan points is a :class:`~symseesaw.numerics.takagi.PrecisionError`
naming the precision needed -- never a pass.

Zero modes (a rank-deficient light block, e.g. a massless light state) are not
such a residual: a light singular value that vanishes in the expansion *and*
in ``M`` at every scan point, both judged at ``2 dps + 20`` digits (below
``10**-(2 dps)`` times the largest singular value), is reported with
``status="zero mode"`` and passes. A predicted zero where ``M`` has a massive
state, or a predicted mass where ``M`` has a zero mode, fails with residual 1
(slope 0). Entries that vanish identically
in both the expansion and the exact ``W`` are structural zeros and are not
judged. A base point outside the seesaw regime (light and heavy singular
values not separated) is a ``ValueError``; so is every input that any order
proof refuses (:mod:`symseesaw.numerics.proof_checks`: ``dps``, ``t`` values,
base point, directions, the symbols' assumptions, a small parameter above 0.3).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import mpmath
import sympy as sp

from symseesaw.numerics.lambdify import lambdify_matrix
from symseesaw.numerics.proof_checks import (
    check_convention,
    check_dps,
    check_small,
    check_t_values,
    lead_parameter,
    least_squares_slope,
    predicted_slope,
    ray_label,
    scan_inputs,
    scan_value,
)
from symseesaw.numerics.takagi import PrecisionError, to_mp
from symseesaw.result import ProofReport, SlopeMeasurement

__all__ = ["prove_blocks", "prove_block_quantities", "exact_block_diagonalization",
           "DEFAULT_T_VALUES"]

#: Default scan: the largest small parameter goes from 0.05 down by factors of 2.
DEFAULT_T_VALUES = tuple(0.05 * 2.0 ** -k for k in range(6))
#: Largest ratio (largest light / smallest heavy singular value) at the first point.
MAX_HIERARCHY = 0.1
#: Digits kept below ``dps`` for the precision floor.
FLOOR_GUARD = 6


def _hermitian_power(A: mpmath.matrix, power: float) -> mpmath.matrix:
    """``A**power`` for a Hermitian positive definite ``A``."""
    E, Q = mpmath.eigh(A)
    D = mpmath.diag([mpmath.re(e) ** power for e in E])
    return Q * D * Q.H


def exact_block_diagonalization(M: mpmath.matrix, n_light: int) -> mpmath.matrix:
    """Exact ``W`` (``W^T M W`` block diagonal, Grimus-Lavoura form) from ``M^dagger M``.

    Parameters
    ----------
    M : mpmath.matrix
        Complex symmetric ``n x n`` matrix.
    n_light : int
        Size of the light block.

    Returns
    -------
    mpmath.matrix
        ``W = [[C_1, B^*], [-B^T, C_2]]`` with Hermitian positive ``C_1, C_2``.
    """
    n = M.rows
    n_heavy = n - n_light
    H = M.H * M
    E, Q = mpmath.eigh(H)
    order = sorted(range(n), key=lambda k: mpmath.re(E[k]))[:n_light]
    T = mpmath.matrix(n_light, n_light)
    S = mpmath.matrix(n_heavy, n_light)
    for c, k in enumerate(order):
        for i in range(n_light):
            T[i, c] = Q[i, k]
        for i in range(n_heavy):
            S[i, c] = Q[n_light + i, k]
    X = -S * mpmath.inverse(T)
    C1 = _hermitian_power(mpmath.eye(n_light) + X.H * X, -0.5)
    BT = X * C1
    Bc = BT.H  # (B^T)^dagger = B^*
    C2 = _hermitian_power(mpmath.eye(n_heavy) - BT * Bc, 0.5)
    W = mpmath.matrix(n, n)
    for i in range(n_light):
        for j in range(n_light):
            W[i, j] = C1[i, j]
        for j in range(n_heavy):
            W[i, n_light + j] = Bc[i, j]
    for i in range(n_heavy):
        for j in range(n_light):
            W[n_light + i, j] = -BT[i, j]
        for j in range(n_heavy):
            W[n_light + i, n_light + j] = C2[i, j]
    return W


def _singular_values(A: mpmath.matrix) -> list:
    return sorted(mpmath.svd(A, compute_uv=False))


def _fit(t_values: Sequence[float], residuals: Sequence, floors: Sequence
         ) -> tuple[float, int]:
    """Least-squares slope of log(residual) against log(t) over points above the floor."""
    usable = [(math.log(t), float(mpmath.log(r))) for t, r, f in zip(t_values, residuals, floors)
              if r > 100 * f]
    if len(usable) < 3:
        return math.nan, len(usable)
    xs, ys = zip(*usable, strict=True)
    return least_squares_slope(list(xs), list(ys)), len(usable)


def _relative(pert, exact, floor_abs) -> tuple:
    """Relative residual of a singular value and its floor, both on the larger value's scale.

    Both values below the absolute floor ``floor_abs``: residual 0 (nothing measured).
    One of them zero and the other above the floor: residual 1 (a wrong zero or a
    missing one).
    """
    size = max(pert, exact)
    if size <= floor_abs:
        return mpmath.mpf(0), mpmath.mpf(1)
    return abs(pert - exact) / size, floor_abs / size


def _zero_light_values(f_M, f_light, args: list, n_light: int, dps: int,
                       light_pert: list, light_exact: list, eps_floor) -> list[tuple[bool, bool]]:
    """``(predicted zero, exact zero)`` per light singular value at one scan point.

    Judged at ``2 dps + 20`` digits: a value counts as zero below
    ``10**-(2 dps)`` times the largest singular value of ``M``.  The expansion is
    a polynomial, so its zero singular values vanish to that precision only when
    they vanish identically along the ray; the exact ones only when ``M`` is
    rank deficient there (a massive state below the floor of ``dps`` digits is
    not zero at twice the digits).  The values at ``dps`` digits
    (``light_pert``, ``light_exact``, accurate to ``10**-dps`` of the largest)
    that all stand above ``eps_floor`` (``10**-(dps - 6)`` of the largest) are
    not zero at twice the digits either: then nothing is computed again.
    """
    if all(x > eps_floor for x in (*light_pert, *light_exact)):
        return [(False, False)] * n_light
    with mpmath.workdps(2 * dps + 20):
        hi_args = [mpmath.mpmathify(x) for x in args]
        sv = _singular_values(f_M(*hi_args))
        tol = sv[-1] * mpmath.mpf(10) ** (-2 * dps)
        pert = _singular_values(f_light(*hi_args))
        return [(p <= tol, e <= tol) for p, e in zip(pert, sv[:n_light])]


def _zero_mode_verdict(name: str, zeros: list[tuple], residuals: list, floors: list,
                       ts: list[float], predicted: float) -> SlopeMeasurement | None:
    """A predicted zero singular value: passed, failed, or ``None`` (not a predicted zero).

    Predicted zero at every scan point and exact zero at every point: a zero mode
    (``status="zero mode"``, passed).  Predicted zero but a massive exact state
    (or the reverse at every point): failed with slope 0, residual 1.
    """
    predicted_zero = all(p for p, _ in zeros)
    exact_zero = all(e for _, e in zeros)
    if not predicted_zero and not exact_zero:
        return None
    if predicted_zero and exact_zero:
        return SlopeMeasurement(name, predicted, math.inf, [0.0] * len(ts), list(ts),
                                floors=[float(f) for f in floors], status="zero mode")
    if not predicted_zero and any(r > f for r, f in zip(residuals, floors)):
        return None  # a predicted mass where the exact one vanishes: measured (slope 0)
    return SlopeMeasurement(name, predicted, 0.0, [1.0] * len(ts), list(ts),
                            floors=[float(f) for f in floors])


def _scan_points(directions: dict, weights: dict, values: Sequence[float]) -> list[float]:
    """The ``t`` at which the largest small parameter takes each of ``values`` (checked).

    The largest is the first to reach ``values[0]`` as ``t`` grows; with all
    weights 1 this is ``t = value / max |direction|``.
    """
    probe = check_t_values(values)
    lead, _ = lead_parameter(directions, weights, probe[0])
    return [(v / abs(float(directions[lead]))) ** (1.0 / weights[lead]) for v in probe]


def _needed_dps(t_min: float, slope: float, scale_orders: float) -> int:
    return int(math.ceil((slope + scale_orders) * math.log10(1.0 / t_min))) + FLOOR_GUARD + 10


def prove_block_quantities(
    mass_matrix: sp.MatrixBase,
    n_light: int,
    light: sp.MatrixBase,
    heavy: sp.MatrixBase,
    W: sp.MatrixBase,
    *,
    small: Mapping[sp.Symbol, int],
    base_point: Mapping[Any, Any],
    total: int | None = None,
    direction: Mapping[Any, float] | None = None,
    weights: Mapping[Any, float] | None = None,
    convention: str = "UT_M_U",
    dps: int = 50,
    t_values: Sequence[float] | None = None,
) -> ProofReport:
    """Prove the orders of given light/heavy blocks and ``W`` (sympy) numerically.

    Parameters
    ----------
    mass_matrix : sympy.Matrix
        The exact matrix ``M``.
    n_light : int
        Size of the light block.
    light, heavy, W : sympy.Matrix
        Truncated effective blocks and mixing matrix (in ``convention``).
    small : dict
        Small parameter -> order kept.
    base_point : dict
        Symbol (or name) -> value for every symbol that is not small; complex
        values for complex symbols are allowed.
    total : int, optional
        Weighted total order kept.
    direction : dict, optional
        Small parameter -> scan direction (default 1).
    weights : dict, optional
        Small parameter -> ray exponent ``w_s`` (default 1): the scan is
        ``s = direction[s] * t**w_s``.
    convention : {"UT_M_U", "Udag_M_Ustar"}
    dps : int
        mpmath precision, ``MIN_DPS..MAX_DPS`` (:mod:`symseesaw.parsing.limits`).
    t_values : sequence of float, optional
        Values of the largest small parameter at the scan points (default
        :data:`DEFAULT_T_VALUES`); ``t`` is where it takes them.

    Returns
    -------
    ProofReport
        One slope per light and heavy singular value and per judged entry of ``W``.

    Raises
    ------
    ValueError
        Bad input, or a base point outside the seesaw regime.
    PrecisionError
        ``dps`` too low for the scan, or a residual that never rises above the floor.
    """
    check_convention(convention)
    dps = check_dps(dps)
    mass_matrix = sp.Matrix(mass_matrix)
    symbols = sorted(set(mass_matrix.free_symbols) | set(small), key=str)
    small, base, directions, weights = scan_inputs(symbols, small, base_point, direction,
                                                   default_direction=1.0, weights=weights)
    ts = check_t_values(_scan_points(directions, weights, t_values or DEFAULT_T_VALUES))
    check_small(directions, ts[0], weights)
    predicted = predicted_slope(small, directions, total, weights)
    n = mass_matrix.rows
    f_M = lambdify_matrix(mass_matrix, symbols, "mpmath")
    f_light = lambdify_matrix(sp.Matrix(light), symbols, "mpmath")
    f_heavy = lambdify_matrix(sp.Matrix(heavy), symbols, "mpmath")
    f_W = lambdify_matrix(sp.Matrix(W), symbols, "mpmath")
    structural = {(i, j) for i in range(n) for j in range(n) if sp.Matrix(W)[i, j] == 0}
    res: dict[str, list] = {}
    floors: dict[str, list] = {}

    def record(name: str, r, f) -> None:
        res.setdefault(name, []).append(r)
        floors.setdefault(name, []).append(f)

    exact_zero: dict[tuple[int, int], bool] = {}
    zero_pairs: list[list[tuple[bool, bool]]] = []
    with mpmath.workdps(dps):
        eps_floor = mpmath.mpf(10) ** (-(dps - FLOOR_GUARD))
        for step, t in enumerate(ts):
            args = [scan_value(directions[s], weights[s], t) if s in small else to_mp(base[s])
                    for s in symbols]
            M = f_M(*args)
            sv = _singular_values(M)
            top = sv[-1]
            light_exact, heavy_exact = sv[:n_light], sv[n_light:]
            if step == 0 and light_exact[-1] > MAX_HIERARCHY * heavy_exact[0]:
                raise ValueError(
                    f"the first scan point is not in the seesaw regime: largest light singular "
                    f"value {mpmath.nstr(light_exact[-1], 3)} vs smallest heavy "
                    f"{mpmath.nstr(heavy_exact[0], 3)} (ratio above {MAX_HIERARCHY}); choose a "
                    "base point with M_R >> M_D or smaller t_values")
            light_pert = _singular_values(f_light(*args))
            heavy_pert = _singular_values(f_heavy(*args))
            zero_pairs.append(_zero_light_values(f_M, f_light, args, n_light, dps, light_pert,
                                                 light_exact,
                                                 eps_floor * max(top, light_pert[-1])))
            for i, (a, b) in enumerate(zip(light_pert, light_exact), 1):
                record(f"light singular value {i}", *_relative(a, b, eps_floor * top))
            for i, (a, b) in enumerate(zip(heavy_pert, heavy_exact), 1):
                record(f"heavy singular value {i}", *_relative(a, b, eps_floor * top))
            W_exact = exact_block_diagonalization(M, n_light)
            if convention == "Udag_M_Ustar":
                W_exact = W_exact.conjugate()
            W_pert = f_W(*args)
            for i in range(n):
                for j in range(n):
                    value = abs(W_exact[i, j])
                    exact_zero[(i, j)] = exact_zero.get((i, j), True) and value < 100 * eps_floor
                    record(f"W[{i + 1},{j + 1}]", abs(W_pert[i, j] - W_exact[i, j]), eps_floor)
    slopes = []
    for name, residuals in res.items():
        if name.startswith("W["):
            i, j = (int(x) - 1 for x in name[2:-1].split(","))
            if (i, j) in structural and exact_zero[(i, j)]:
                continue
        if name.startswith("light"):
            index = int(name.rsplit(" ", 1)[1]) - 1
            zero = _zero_mode_verdict(name, [z[index] for z in zero_pairs], residuals,
                                      floors[name], ts, predicted)
            if zero is not None:
                slopes.append(zero)
                continue
        measured, used = _fit(ts, residuals, floors[name])
        if used < 3:
            need = _needed_dps(min(ts), predicted, 4)
            raise PrecisionError(
                f"the residual of {name} rises above the precision floor at only {used} of "
                f"{len(ts)} scan points at dps={dps}: an expansion that is exact to working "
                f"precision is not a proof; raise dps to about {max(need, dps + 20)} or, from "
                "Python, scan larger t_values")
        slopes.append(SlopeMeasurement(name, predicted, measured,
                                       [float(r) for r in residuals], list(ts)))
    report = ProofReport(direction={str(s): d for s, d in directions.items()},
                         base_point={str(s): v for s, v in base.items()},
                         dps=dps, slopes=slopes)
    if any(w != 1 for w in weights.values()):
        report.notes.append(f"ray: {ray_label(weights)}")
    return report


def prove_blocks(blocks: Any, base_point: Mapping[Any, Any], *,
                 direction: Mapping[Any, float] | None = None, dps: int = 50,
                 t_values: Sequence[float] | None = None,
                 weights: Mapping[Any, float] | None = None) -> ProofReport:
    """Order proof of a :class:`symseesaw.api.SeesawBlocks` result.

    See :func:`prove_block_quantities`; the blocks, ``W``, orders and
    convention are read from ``blocks``.
    """
    return prove_block_quantities(
        blocks.mass_matrix, blocks.n_light, blocks.light_mass_matrix,
        blocks.heavy_mass_matrix, blocks.W, small=blocks.small, base_point=base_point,
        total=blocks.total, direction=direction, weights=weights,
        convention=blocks.convention, dps=dps, t_values=t_values)
