"""Numerical order proof of a perturbative seesaw expansion.

The perturbative mixing matrix and masses are compared with the exact Takagi
factorization (mpmath, ``dps`` digits) along a ray in parameter space on which
the small parameters scale like ``t``::

    s(t) = t * direction[s]      for every small parameter s,
    x(t) = base_point[x]         for every other symbol x.

If the expansion is correct through order ``N`` the residuals fall like
``t**(N+1)``; the slope of ``log(residual)`` against ``log(t)`` is fitted by
least squares and compared with the prediction (0.25 slack, see
:class:`symseesaw.result.SlopeMeasurement`).

Residuals per scan point
------------------------
``mixing``
    ``max_ij |U_exact - U_ref|`` after :func:`align_to_reference`, where
    ``U_ref = U`` (convention ``"UT_M_U"``) or ``conj(U)`` (convention
    ``"Udag_M_Ustar"``: ``U^H M U^* = diag(m)`` means ``conj(U)`` is a Takagi
    matrix).
``masses``
    ``max_i |m_exact_i - m_pert_i| / |m_pert_i|`` (relative).  Entries with
    ``m_pert_i`` exactly 0 are skipped when ``|m_exact_i| <= 10**(-dps/2) *
    max|M_ij|``; otherwise the entry contributes 1 (a 100 % relative error: the
    expansion predicts a zero mode that the exact matrix does not have), which
    makes the fitted slope ~0 and the proof fail.

Precision floor
---------------
Only residuals above ``10**(-dps/2)`` enter the fit (for the masses also above
``10**(-(dps-2)) * max|M_ij| / min|m_pert_i|``, the relative round-off of the
lightest mass).  If no residual of a quantity is above the floor at any scan
point (e.g. an entry that is exact, or exactly zero, at every ``t``) the
expansion agrees to working precision and the quantity is reported with
``measured = inf`` (passed).  One or two usable points raise
:class:`PrecisionError`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import mpmath
import sympy as sp

from symseesaw.numerics.align import align_to_reference
from symseesaw.numerics.lambdify import lambdify_matrix
from symseesaw.numerics.takagi import PrecisionError, takagi, to_mp
from symseesaw.result import CONVENTIONS, ProofReport, SlopeMeasurement

__all__ = ["OrderProofError", "default_t_values", "prove_expansion", "raise_if_failed"]

QUANTITIES = ("mixing", "masses")
#: Largest |small parameter| accepted at the first scan point.
MAX_SMALL = 0.3
#: Number of points of the default scan.
N_DEFAULT_T = 8


class OrderProofError(AssertionError):
    """A measured convergence slope falls short of the predicted order."""


# ---------------------------------------------------------------------------
# input handling
# ---------------------------------------------------------------------------


def _by_symbol(mapping: Mapping, symbols: Sequence[sp.Symbol], what: str) -> dict:
    """Re-key ``mapping`` by Symbol (string keys are matched by name)."""
    names = {str(s): s for s in symbols}
    out = {}
    for key, value in mapping.items():
        sym = names.get(key) if isinstance(key, str) else key
        if sym not in symbols:
            raise ValueError(
                f"{what} has the key {key!r} which is not among `symbols` "
                f"({', '.join(names)}); add it to `symbols` or remove it from {what}"
            )
        out[sym] = value
    return out


def _check_inputs(
    mass_matrix: sp.MatrixBase,
    mixing_matrix: sp.MatrixBase,
    masses: Sequence[sp.Expr],
    convention: str,
    quantities: Sequence[str],
) -> None:
    """Validate shapes, convention and quantity names."""
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}; choose one of {CONVENTIONS}")
    unknown = [q for q in quantities if q not in QUANTITIES]
    if unknown or not quantities:
        raise ValueError(f"unknown quantities {unknown}; choose a non-empty subset of {QUANTITIES}")
    n = mass_matrix.rows
    if mass_matrix.shape != (n, n):
        raise ValueError(f"mass_matrix must be square, got shape {mass_matrix.shape}")
    if mixing_matrix.shape != (n, n):
        raise ValueError(
            f"mixing_matrix has shape {mixing_matrix.shape} but mass_matrix is {n}x{n}; "
            "pass the full n x n perturbative U"
        )
    if len(masses) != n:
        raise ValueError(
            f"got {len(masses)} masses for a {n}x{n} mass matrix; pass one mass per column of U"
        )


def _directions(small: dict, base: dict, direction: dict) -> dict:
    """Scan direction of every small parameter (falls back to ``base_point``)."""
    out = {}
    for s in small:
        if s in direction:
            out[s] = mpmath.mpf(float(direction[s]))
        elif s in base:
            out[s] = mpmath.mpf(float(base[s]))
        else:
            raise ValueError(
                f"no scan direction for the small parameter {s}: give direction[{s}] "
                "(or a base_point value, which is then used as the direction)"
            )
    if all(d == 0 for d in out.values()):
        raise ValueError("every small parameter has direction 0; nothing would be scanned")
    return out


def _check_base(symbols: Sequence[sp.Symbol], small: dict, base: dict) -> None:
    """Every non-small symbol needs a base-point value."""
    missing = [str(s) for s in symbols if s not in small and s not in base]
    if missing:
        raise ValueError(
            f"base_point has no value for {', '.join(missing)}; "
            "give a number for every symbol that is not a small parameter"
        )


def default_t_values(directions: Mapping, n: int = N_DEFAULT_T) -> list[float]:
    """Default scan: ``n`` geometric values of ``t`` from ``1e-1/D`` to ``1e-4/D``.

    ``D = max |direction[s]|``, so the largest small parameter is exactly 0.1
    at the first point and 1e-4 at the last.
    """
    scale = 1.0 / max(abs(float(d)) for d in directions.values())
    return [scale * 10.0 ** (-1.0 - 3.0 * k / (n - 1)) for k in range(n)]


def _check_small(directions: dict, t_first: float) -> None:
    """Refuse scan points where a small parameter is not small."""
    for s, d in directions.items():
        value = float(d) * t_first
        if abs(value) > MAX_SMALL:
            raise ValueError(
                f"small parameter {s} = {value:.3g} is not small: the expansion in {s} is "
                f"only meaningful for |{s}| << 1 (limit {MAX_SMALL}); choose a smaller "
                "direction/scale or smaller t_values"
            )


# ---------------------------------------------------------------------------
# residuals at one scan point
# ---------------------------------------------------------------------------


def _point(symbols: Sequence[sp.Symbol], base: dict, directions: dict, t: float) -> list:
    """Argument list (mpmath numbers, ordered like ``symbols``) at ``t``."""
    tt = mpmath.mpf(t)
    return [tt * directions[s] if s in directions else to_mp(base[s]) for s in symbols]


def _max_abs(A: mpmath.matrix) -> mpmath.mpf:
    """Largest absolute entry."""
    return max(abs(A[i, j]) for i in range(A.rows) for j in range(A.cols))


def _is_real(values: Sequence) -> bool:
    """True when all values have an exactly zero imaginary part."""
    return all(mpmath.im(x) == 0 for x in values)


def _entries(A: mpmath.matrix) -> list:
    """All entries of an mpmath matrix."""
    return [A[i, j] for i in range(A.rows) for j in range(A.cols)]


def _mass_residual(m_exact: list, m_pert: list, scale: mpmath.mpf, dps: int) -> mpmath.mpf:
    """Largest relative mass error (zero predictions: see module docstring)."""
    zero_tol = scale * mpmath.mpf(10) ** (-dps / 2)
    worst = mpmath.mpf(0)
    for exact, pert in zip(m_exact, m_pert, strict=True):
        if pert == 0:
            err = mpmath.mpf(0) if abs(exact) <= zero_tol else mpmath.mpf(1)
        else:
            err = abs(exact - pert) / abs(pert)
        worst = max(worst, err)
    return worst


def _mass_floor(m_pert: list, scale: mpmath.mpf, dps: int) -> mpmath.mpf:
    """Precision floor of the relative mass residual."""
    floor = mpmath.mpf(10) ** (-dps / 2)
    nonzero = [abs(x) for x in m_pert if x != 0]
    if nonzero:
        floor = max(floor, mpmath.mpf(10) ** (-(dps - 2)) * scale / min(nonzero))
    return floor


# ---------------------------------------------------------------------------
# slope fit
# ---------------------------------------------------------------------------


def _least_squares_slope(xs: list[float], ys: list[float]) -> float:
    """Slope of the least-squares line through ``(xs, ys)``."""
    x_mean, y_mean = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - x_mean) ** 2 for x in xs)
    if var == 0:
        raise ValueError("t_values must contain at least two distinct values to fit a slope")
    return sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True)) / var


def _fit(quantity: str, residuals: list, floors: list, t_values: list[float], dps: int) -> float:
    """Fitted slope of log(residual) vs log(t) above the precision floor."""
    usable = [(t, r) for t, r, f in zip(t_values, residuals, floors, strict=True) if r > f]
    if not usable:
        return math.inf
    if len(usable) < 3:
        raise PrecisionError(
            f"only {len(usable)} of {len(t_values)} '{quantity}' residuals lie above the "
            f"precision floor (~1e-{dps // 2}); at least 3 are needed for a slope: raise dps "
            f"(currently {dps}) or use larger t_values"
        )
    xs = [math.log(t) for t, _ in usable]
    ys = [float(mpmath.log(r)) for _, r in usable]
    return _least_squares_slope(xs, ys)


def _default_predicted(small: dict, directions: dict) -> float:
    """``min(order + 1)`` over the scanned small parameters."""
    return float(min(small[s] + 1 for s, d in directions.items() if d != 0))


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------


def _scan(
    funcs: tuple,
    symbols: list,
    base: dict,
    directions: dict,
    t_values: list[float],
    options: tuple[int, str, bool | None],
) -> dict[str, tuple[list, list]]:
    """Residuals and floors of both quantities at every scan point."""
    f_mass, f_mix, f_m = funcs
    dps, convention, real = options
    out = {q: ([], []) for q in QUANTITIES}
    for t in t_values:
        args = _point(symbols, base, directions, t)
        M, U_pert, m_pert = f_mass(*args), f_mix(*args), f_m(*args)
        U_ref = U_pert.conjugate() if convention == "Udag_M_Ustar" else U_pert
        if real is None:
            real = _is_real(_entries(M)) and _is_real(_entries(U_ref)) and _is_real(m_pert)
        U_ex, m_ex = takagi(M, real=real, dps=dps)
        U_al, m_al = align_to_reference(U_ex, m_ex, U_ref, m_pert, real=real)
        scale = _max_abs(M)
        out["mixing"][0].append(_max_abs(U_al - U_ref))
        out["mixing"][1].append(mpmath.mpf(10) ** (-dps / 2))
        out["masses"][0].append(_mass_residual(m_al, m_pert, scale, dps))
        out["masses"][1].append(_mass_floor(m_pert, scale, dps))
    return out


def prove_expansion(
    mass_matrix: sp.MatrixBase,
    mixing_matrix: sp.MatrixBase,
    masses: Sequence[sp.Expr],
    *,
    symbols: Sequence[sp.Symbol],
    small: Mapping,
    base_point: Mapping,
    direction: Mapping | None = None,
    predicted: Mapping[str, float] | None = None,
    convention: str = "UT_M_U",
    dps: int = 50,
    t_values: Sequence[float] | None = None,
    real: bool | None = None,
    quantities: Sequence[str] = QUANTITIES,
) -> ProofReport:
    """Measure the convergence order of a perturbative Takagi factorization.

    Parameters
    ----------
    mass_matrix : sympy.Matrix
        Symmetric ``n x n`` mass matrix ``M``.
    mixing_matrix : sympy.Matrix
        Truncated perturbative ``U`` (columns ordered like ``masses``).
    masses : sequence of sympy.Expr
        Truncated perturbative masses.
    symbols : sequence of sympy.Symbol
        Every free symbol of ``M``, ``U`` and ``masses``.
    small : mapping
        Small parameter (Symbol or name) -> maximal order kept.
    base_point : mapping
        Symbol (or name) -> number for every symbol that is not small.  Values
        for small parameters are only used as their direction when
        ``direction`` does not name them.
    direction : mapping, optional
        Small parameter -> float; the scan point has ``s = t * direction[s]``.
        A direction of 0 keeps ``s = 0`` (not scanned).
    predicted : mapping, optional
        Quantity -> predicted slope.  Missing entries default to
        ``min(order + 1)`` over the scanned small parameters.
    convention : {"UT_M_U", "Udag_M_Ustar"}
        ``U^T M U = diag(m)`` or ``U^H M U^* = diag(m)``.
    dps : int
        mpmath working precision (decimal digits).
    t_values : sequence of float, optional
        Scan values of ``t``.  Default :func:`default_t_values`: 8 geometric
        values from ``0.1/D`` down to ``1e-4/D`` with ``D = max|direction|``,
        i.e. the largest small parameter runs from 0.1 to 1e-4.
    real : bool, optional
        Passed to :func:`takagi`.  Default: real (orthogonal ``U``, signed
        masses) iff ``M``, the reference ``U`` and the masses are all real at
        the first scan point.
    quantities : sequence of str
        Subset of ``("mixing", "masses")``.

    Returns
    -------
    ProofReport
        One :class:`SlopeMeasurement` per quantity; ``measured = inf`` when the
        residual is below the precision floor at every point.

    Raises
    ------
    ValueError
        Inconsistent input, or a small parameter above 0.3 at the first point.
    PrecisionError
        Fewer than 3 residuals above the precision floor (raise ``dps``), or
        an inaccurate Takagi factorization.
    """
    _check_inputs(mass_matrix, mixing_matrix, masses, convention, quantities)
    symbols = list(symbols)
    small = _by_symbol(small, symbols, "small")
    base = _by_symbol(base_point, symbols, "base_point")
    _check_base(symbols, small, base)
    directions = _directions(small, base, _by_symbol(direction or {}, symbols, "direction"))
    if t_values is None:
        t_values = default_t_values(directions)
    t_list = [float(t) for t in t_values]
    if not t_list or any(t <= 0 for t in t_list):
        raise ValueError("t_values must be a non-empty list of positive numbers")
    _check_small(directions, max(t_list))
    funcs = (
        lambdify_matrix(mass_matrix, symbols, "mpmath", dps=dps),
        lambdify_matrix(mixing_matrix, symbols, "mpmath", dps=dps),
        lambdify_matrix(list(masses), symbols, "mpmath", dps=dps),
    )
    preds = dict(predicted or {})
    with mpmath.workdps(dps):
        data = _scan(funcs, symbols, base, directions, t_list, (dps, convention, real))
        slopes = []
        for q in quantities:
            residuals, floors = data[q]
            measured = _fit(q, residuals, floors, t_list, dps)
            expected = float(preds.get(q, _default_predicted(small, directions)))
            slopes.append(
                SlopeMeasurement(q, expected, measured, [float(r) for r in residuals], t_list)
            )
    return ProofReport(
        direction={str(s): float(d) for s, d in directions.items()},
        base_point={str(s): _plain(v) for s, v in base.items()},
        dps=dps,
        slopes=slopes,
    )


def _plain(value: object) -> float | complex:
    """Float (or complex) version of a base-point value for the report."""
    z = complex(to_mp(value))
    return z.real if z.imag == 0 else z


def raise_if_failed(report: ProofReport) -> None:
    """Raise :class:`OrderProofError` unless every slope reaches its prediction.

    Parameters
    ----------
    report : ProofReport

    Raises
    ------
    OrderProofError
        Listing measured vs predicted slope of every quantity.
    """
    if report.passed:
        return
    if not report.slopes:
        raise OrderProofError("the order proof measured no slopes; request at least one quantity")
    lines = [
        f"  {s.quantity}: measured slope {s.measured:.3f}, predicted {s.predicted:g} "
        f"({'ok' if s.passed else 'FAILED'})"
        for s in report.slopes
    ]
    raise OrderProofError(
        "order proof failed (slopes of log residual vs log t, 0.25 slack):\n"
        + "\n".join(lines)
        + "\ncheck the failing coefficients of the expansion (or the convention / "
        "the `small` orders if the prediction is wrong)"
    )
