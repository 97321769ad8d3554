"""The checks every order proof makes before any work, and its slope fit.

Shared by the full-mode proof (:mod:`symseesaw.numerics.proof`) and the
blocks-mode proof (:mod:`symseesaw.numerics.proof_blocks`), so that both
refuse the same inputs with the same one-line message:

* ``dps`` outside ``[MIN_DPS, MAX_DPS]`` (:mod:`symseesaw.parsing.limits`, one
  set of limits for the project); too many or too few ``t`` values;
* keys that are not symbols of the problem, missing or non-finite base-point
  values, a direction that is not real or is 0 for every small parameter;
* values that violate the assumptions of a symbol (``positive=True`` symbols
  need positive values, ``real`` ones real values);
* a small parameter above :data:`MAX_SMALL` at the first scan point.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence

import mpmath
import sympy as sp

from symseesaw.numerics.takagi import to_mp
from symseesaw.parsing.limits import MAX_DPS, MIN_DPS  # one set of limits for the project
from symseesaw.result import CONVENTIONS

__all__ = [
    "MAX_DPS", "MAX_SMALL", "MAX_T", "MIN_DPS", "MIN_T", "QUANTITIES", "by_symbol",
    "check_convention", "check_dps", "check_groups", "check_inputs", "check_small",
    "check_t_values", "default_t_values", "fit_slope", "least_squares_slope",
    "predicted_slope", "scan_inputs",
]

QUANTITIES = ("mixing", "masses")
#: Largest |small parameter| accepted at the first scan point.
MAX_SMALL = 0.3
#: Number of points of the default scan.
N_DEFAULT_T = 8
#: Bounds on the number of scan points.
MIN_T = 3
MAX_T = 60


def check_dps(dps: object) -> int:
    """Refuse a precision outside ``[MIN_DPS, MAX_DPS]`` before any work."""
    if isinstance(dps, bool) or not isinstance(dps, numbers.Integral):
        raise ValueError(f"dps must be an integer number of digits, got {dps!r}")
    if dps < MIN_DPS:
        raise ValueError(
            f"dps={dps} is too low: the order proof needs at least {MIN_DPS} digits "
            "(use the default 50, or more for deep hierarchies)"
        )
    if dps > MAX_DPS:
        raise ValueError(f"dps={dps} exceeds the limit {MAX_DPS}; use fewer digits")
    return int(dps)


def by_symbol(mapping: Mapping, symbols: Sequence[sp.Symbol], what: str) -> dict:
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


def check_convention(convention: str) -> None:
    """Refuse a convention that is not one of :data:`symseesaw.result.CONVENTIONS`."""
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}; choose one of {CONVENTIONS}")


def check_inputs(
    mass_matrix: sp.MatrixBase,
    mixing_matrix: sp.MatrixBase,
    masses: Sequence[sp.Expr],
    convention: str,
    quantities: Sequence[str],
) -> None:
    """Validate shapes, convention and quantity names."""
    check_convention(convention)
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



def check_groups(groups: Sequence[Sequence[int]], n: int) -> list[list[int]]:
    """Groups as sorted lists of distinct 0-based state indices."""
    out: list[list[int]] = []
    seen: set[int] = set()
    for group in groups:
        members = sorted(int(k) for k in group)
        if len(members) < 2:
            raise ValueError(f"group {list(group)} has fewer than 2 states; drop it")
        bad = [k for k in members if k < 0 or k >= n or k in seen]
        if bad or len(set(members)) != len(members):
            raise ValueError(
                f"group {list(group)}: states must be distinct 0-based columns 0..{n - 1} "
                "and belong to one group only"
            )
        seen.update(members)
        out.append(members)
    return out


def scan_directions(small: dict, base: dict, direction: dict,
                    default: float | None = None) -> dict:
    """Scan direction of every small parameter.

    ``direction[s]``, else ``base[s]`` (a base-point value of a small
    parameter is its direction), else ``default``; without one an error.
    """
    out = {}
    for s in small:
        if s in direction:
            out[s] = finite(direction[s], f"direction[{s}]")
        elif s in base:
            out[s] = finite(base[s], f"base_point[{s}] (used as direction)")
        elif default is not None:
            out[s] = mpmath.mpf(default)
        else:
            raise ValueError(
                f"no scan direction for the small parameter {s}: give direction[{s}] "
                "(or a base_point value, which is then used as the direction)"
            )
        if mpmath.im(out[s]) != 0:
            raise ValueError(f"direction of {s} must be real, got {out[s]}")
        out[s] = mpmath.re(out[s])
    if all(d == 0 for d in out.values()):
        raise ValueError("every small parameter has direction 0; nothing would be scanned")
    return out


def finite(value: object, what: str) -> mpmath.mpf | mpmath.mpc:
    """``value`` as an mpmath number; NaN and infinities are refused."""
    z = to_mp(value)
    if not mpmath.isfinite(z):
        raise ValueError(f"{what} = {value} is not a finite number; give a finite value")
    return z


def check_base(symbols: Sequence[sp.Symbol], small: dict, base: dict) -> None:
    """Every non-small symbol needs a finite base-point value."""
    missing = [str(s) for s in symbols if s not in small and s not in base]
    if missing:
        raise ValueError(
            f"base_point has no value for {', '.join(missing)}; "
            "give a number for every symbol that is not a small parameter"
        )
    for s, v in base.items():
        finite(v, f"base_point[{s}]")


def _violated_assumption(sym: sp.Symbol, value: mpmath.mpf | mpmath.mpc) -> str | None:
    """Name of the assumption of ``sym`` that ``value`` violates, if any."""
    real = mpmath.im(value) == 0
    x = mpmath.re(value)
    checks = (
        ("real", sym.is_real, real),
        ("positive", sym.is_positive, real and x > 0),
        ("negative", sym.is_negative, real and x < 0),
        ("nonnegative", sym.is_nonnegative, real and x >= 0),
        ("nonpositive", sym.is_nonpositive, real and x <= 0),
        ("nonzero", sym.is_zero is False, value != 0),
        ("integer", sym.is_integer, real and x == mpmath.floor(x)),
    )
    for name, declared, holds in checks:
        if declared and not holds:
            return name
    return None


def check_assumptions(symbols: Sequence[sp.Symbol], base: dict, directions: dict) -> None:
    """Values at the scan points must respect the symbols' declared assumptions."""
    for s in symbols:
        if s in directions:
            value, where = directions[s], f"t * direction[{s}] (direction {directions[s]})"
        elif s in base:
            value, where = to_mp(base[s]), f"base_point[{s}] = {base[s]}"
        else:
            continue
        broken = _violated_assumption(s, value)
        if broken:
            raise ValueError(
                f"{where} violates the assumption {broken}=True of the symbol {s}; "
                f"give {s} a {broken} value (or declare the symbol without that assumption)"
            )


def default_t_values(directions: Mapping, n: int = N_DEFAULT_T) -> list[float]:
    """Default scan: ``n`` geometric values of ``t`` from ``1e-1/D`` to ``1e-4/D``.

    ``D = max |direction[s]|``, so the largest small parameter is exactly 0.1
    at the first point and 1e-4 at the last.
    """
    scale = 1.0 / max(abs(float(d)) for d in directions.values())
    return [scale * 10.0 ** (-1.0 - 3.0 * k / (n - 1)) for k in range(n)]


def check_t_values(t_values: Sequence[float]) -> list[float]:
    """Scan values sorted from the largest down; limits checked."""
    try:
        t_list = [float(t) for t in t_values]
    except (TypeError, ValueError) as exc:
        raise ValueError("t_values must be a list of positive numbers") from exc
    if not all(math.isfinite(t) and t > 0 for t in t_list):
        raise ValueError("t_values must be a list of positive, finite numbers")
    if len(set(t_list)) < MIN_T:
        raise ValueError(f"t_values needs at least {MIN_T} distinct values to fit a slope")
    if len(t_list) > MAX_T:
        raise ValueError(f"{len(t_list)} t_values exceed the limit {MAX_T}; use fewer points")
    return sorted(set(t_list), reverse=True)


def check_small(directions: dict, t_first: float) -> None:
    """Refuse scan points where a small parameter is not small."""
    for s, d in directions.items():
        value = float(d) * t_first
        if abs(value) > MAX_SMALL:
            raise ValueError(
                f"small parameter {s} = {value:.3g} is not small: the expansion in {s} is "
                f"only meaningful for |{s}| << 1 (limit {MAX_SMALL}); choose a smaller "
                "direction/scale or smaller t_values"
            )


def least_squares_slope(xs: list[float], ys: list[float]) -> float:
    """Slope of the least-squares line through ``(xs, ys)``."""
    x_mean, y_mean = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - x_mean) ** 2 for x in xs)
    if var == 0:
        raise ValueError("t_values must contain at least two distinct values to fit a slope")
    return sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True)) / var


def fit_slope(residuals: list, floors: list, t_values: list[float], mask: list[bool]
              ) -> float | None:
    """Slope over the smaller-``t`` half of the points above the floor (at least 3).

    ``None`` with fewer than 3 such points.
    """
    usable = [(t, r) for t, r, f, ok in zip(t_values, residuals, floors, mask, strict=True)
              if ok and r > f]
    if len(usable) < MIN_T:
        return None
    # the asymptotic slope lives at small t: fit the smaller half of the usable points
    # (at least 3); a lower-order error (wrong coefficient) dominates there even more
    usable = sorted(usable)[: max(MIN_T, (len(usable) + 1) // 2)]
    xs = [math.log(t) for t, _ in usable]
    ys = [float(mpmath.log(r)) for _, r in usable]
    return least_squares_slope(xs, ys)


def predicted_slope(small: dict, directions: dict, total: int | None = None) -> float:
    """``min(order + 1)`` over the scanned small parameters (and the total order, if kept)."""
    slopes = [small[s] + 1 for s, d in directions.items() if d != 0]
    if total is not None:
        slopes.append(total + 1)
    return float(min(slopes))


def scan_inputs(symbols: Sequence[sp.Symbol], small: Mapping, base_point: Mapping,
                direction: Mapping | None, default_direction: float | None = None
                ) -> tuple[dict, dict, dict]:
    """``(small, base, directions)`` keyed by Symbol, every value checked.

    String keys are matched by name; a base point must give a finite value for
    every symbol that is not small, and the values along the scan (base
    point, ``t * direction``) must respect the symbols' assumptions.
    """
    small = by_symbol(small, symbols, "small")
    base = by_symbol(base_point, symbols, "base_point")
    check_base(symbols, small, base)
    directions = scan_directions(small, base, by_symbol(direction or {}, symbols, "direction"),
                                 default_direction)
    check_assumptions(symbols, base, directions)
    return small, base, directions
