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
* a small parameter above :data:`MAX_SMALL` at the first scan point;
* ray weights (the exponents ``w_s`` of ``s(t) = direction[s] * t**w_s``)
  that are not finite numbers in ``(0, MAX_WEIGHT]`` or name no small parameter.
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
    "MAX_WEIGHT", "check_convention", "check_dps", "check_groups", "check_inputs",
    "check_small", "check_t_values", "check_weights", "default_t_values", "fit_slope",
    "largest_small", "lead_parameter", "least_squares_slope", "predicted_slope",
    "ray_label", "scan_inputs", "scan_value",
]

QUANTITIES = ("mixing", "masses")
#: Largest |small parameter| accepted at the first scan point.
MAX_SMALL = 0.3
#: Number of points of the default scan.
N_DEFAULT_T = 8
#: Bounds on the number of scan points.
MIN_T = 3
MAX_T = 60
#: Largest ray weight: ``t**MAX_WEIGHT`` must stay resolvable over the scan.
MAX_WEIGHT = 10.0


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


def default_t_values(directions: Mapping, n: int = N_DEFAULT_T,
                     weights: Mapping | None = None) -> list[float]:
    """Default scan: ``n`` geometric values of ``t``; the largest small parameter 0.1 -> 1e-4.

    Without ``weights``: ``t`` from ``1e-1/D`` to ``1e-4/D`` (``D = max
    |direction[s]|``), so the largest small parameter is exactly 0.1 at the
    first point and 1e-4 at the last.  With ray weights (``s = direction[s] *
    t**w_s``) the first ``t`` is where the largest small parameter is 0.1 and
    that parameter (the *lead*) again falls to 1e-4 over the scan.
    """
    lead, t_first = lead_parameter(directions, weights or {})
    w_lead = float((weights or {}).get(lead, 1.0))
    return [t_first * 10.0 ** (-3.0 * k / ((n - 1) * w_lead)) for k in range(n)]


def lead_parameter(directions: Mapping, weights: Mapping, value: float = 0.1
                   ) -> tuple[object, float]:
    """``(s, t)``: the first scanned parameter to reach ``value`` as ``t`` grows, and that ``t``.

    That parameter is the largest small parameter along the scan (the *lead*).
    """
    reach = {s: (value / abs(float(d))) ** (1.0 / float(weights.get(s, 1.0)))
             for s, d in directions.items() if d != 0}
    lead = min(reach, key=reach.get)
    return lead, reach[lead]


def scan_value(direction: object, weight: float, t: float) -> mpmath.mpf:
    """Value ``direction * t**weight`` of a small parameter at the scan point ``t``."""
    return direction * mpmath.mpf(t) ** weight


def largest_small(directions: Mapping, weights: Mapping, t: float) -> tuple[float, float]:
    """``(|value|, weight)`` of the largest small parameter at the scan point ``t``."""
    values = [(abs(float(scan_value(d, weights.get(s, 1.0), t))), float(weights.get(s, 1.0)))
              for s, d in directions.items() if d != 0]
    return max(values)


def ray_label(weights: Mapping) -> str:
    """``"epsilon ~ t, r ~ t^1.5"``: how each small parameter scales along a ray."""
    return ", ".join(f"{s} ~ t" + ("" if float(w) == 1 else f"^{float(w):g}")
                     for s, w in weights.items())


def check_weights(weights: Mapping | None, symbols: Sequence[sp.Symbol], small: dict
                  ) -> dict:
    """Ray weight ``w_s`` of every small parameter (default 1), each checked.

    The scan is ``s(t) = direction[s] * t**w_s``; a weight must be a finite
    number in ``(0, MAX_WEIGHT]`` and name a small parameter.
    """
    given = by_symbol(weights or {}, symbols, "weights")
    out = dict.fromkeys(small, 1.0)
    for s, w in given.items():
        if s not in small:
            raise ValueError(
                f"weights has the key {s} which is not a small parameter "
                f"({', '.join(map(str, small))}); give weights of small parameters only"
            )
        if isinstance(w, bool) or not isinstance(w, numbers.Real) or not (
                math.isfinite(float(w)) and 0 < float(w) <= MAX_WEIGHT):
            raise ValueError(
                f"weights[{s}] = {w!r} is not a ray exponent: the scan is {s} = direction * "
                f"t**weight, so give a finite number in (0, {MAX_WEIGHT:g}], e.g. 1 or 1.5"
            )
        out[s] = float(w)
    return out


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


def check_small(directions: dict, t_first: float, weights: Mapping | None = None) -> None:
    """Refuse scan points where a small parameter is not small."""
    for s, d in directions.items():
        value = float(scan_value(d, (weights or {}).get(s, 1.0), t_first))
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


def predicted_slope(small: dict, directions: dict, total: int | None = None,
                    weights: Mapping | None = None) -> float:
    """Slope of the truncation error along the ray ``s = direction[s] * t**w_s``.

    A dropped term has ``e_s >= n_s + 1`` for some scanned ``s`` (degree at
    least ``(n_s + 1) w_s`` in ``t``) or, with a total order ``N``, total
    exponent ``N + 1`` (degree at least ``(N + 1) min w_s``): the prediction is
    the smallest of these.  Without weights, ``min(order + 1)``.
    """
    w = weights or {}
    scanned = [s for s, d in directions.items() if d != 0]
    slopes = [(small[s] + 1) * float(w.get(s, 1.0)) for s in scanned]
    if total is not None:
        slopes.append((total + 1) * min(float(w.get(s, 1.0)) for s in scanned))
    return float(min(slopes))


def scan_inputs(symbols: Sequence[sp.Symbol], small: Mapping, base_point: Mapping,
                direction: Mapping | None, default_direction: float | None = None,
                weights: Mapping | None = None) -> tuple[dict, dict, dict, dict]:
    """``(small, base, directions, weights)`` keyed by Symbol, every value checked.

    String keys are matched by name; a base point must give a finite value for
    every symbol that is not small, and the values along the scan (base
    point, ``direction * t**weight``) must respect the symbols' assumptions.
    """
    small = by_symbol(small, symbols, "small")
    base = by_symbol(base_point, symbols, "base_point")
    check_base(symbols, small, base)
    directions = scan_directions(small, base, by_symbol(direction or {}, symbols, "direction"),
                                 default_direction)
    check_assumptions(symbols, base, directions)
    return small, base, directions, check_weights(weights, symbols, small)
