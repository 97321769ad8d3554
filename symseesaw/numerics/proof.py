"""Numerical order proof of a perturbative seesaw expansion, entry by entry.

The perturbative mixing matrix and masses are compared with the exact Takagi
factorization (mpmath, ``dps`` digits) along a ray in parameter space on which
the small parameters scale like ``t``::

    s(t) = t * direction[s]      for every small parameter s,
    x(t) = base_point[x]         for every other symbol x.

Every entry is judged on its own scale
---------------------------------------
Each entry ``U[i,j]`` of the mixing matrix and each mass ``m_k`` gets its own
residual, its own precision floor and its own fitted slope; the verdict of a
quantity is its worst entry, reported by name.  A max-norm over the matrix
would let the large entries hide a wrong coefficient in a suppressed one.

* The *leading magnitude* of an entry, ``L(t) = |c| t**a``, is read off the
  perturbative value at two values of ``t`` far below the scan (at twice the
  working precision), so ``a`` is the entry's leading power along the ray.
* The residual of an entry is ``|exact - pert| / L(t)`` (relative to its own
  leading magnitude).  Orders of ``U`` are absolute (``U`` keeps the terms up
  to ``t**N``), so a correct entry has a relative residual falling like
  ``t**(N + 1 - a)``; orders of the masses are relative (see
  :mod:`symseesaw.api`), so a correct mass falls like ``t**(N + 1)``.
* An entry predicted to vanish (``U[i,j] = 0``) is judged by its absolute
  residual (slope ``N + 1``); a mass predicted to vanish must vanish to the
  precision floor at every point (a zero mode), otherwise its residual is 1.

The defining property
---------------------
With ``"mixing"`` judged, the proof also checks ``U^T M U = diag(m)`` (in the
Takagi convention) from the expansion alone: entry ``(U^T M U - diag(m))[i,j]``
relative to ``max(|m_i|, |m_j|)`` must fall with the smaller of the two
predicted slopes.  The exact factorization is aligned to the expansion's
columns, and a quasi-degenerate group is judged by its projector and its set
of masses, so neither sees a column phase error or two swapped columns of a
pair; this check does (residual of order 1, slope 0).

Precision floor
---------------
The exact ``U`` is accurate to about ``10**-(dps-2) * ||M|| / gap`` (``gap``
the smallest non-zero splitting of the predicted masses) and never trusted
below ``10**(-dps/2)``; a mass ``m`` to ``10**-(dps-2) * ||M|| / |m|``
relative.  Only residuals above their floor enter a fit, and of those the
half at the smallest ``t`` (at least three): the asymptotic slope lives there.

A proof that can fail
---------------------
Before any exact diagonalization the proof refuses (``ValueError`` or
:class:`PrecisionError`, one line each):

* ``dps`` outside ``[MIN_DPS, MAX_DPS]``; too many or too few ``t`` values;
* values that violate the assumptions of a symbol (``positive=True`` symbols
  need positive values, ``real`` ones real values), or are not finite;
* a scan outside the asymptotic region: an entry whose higher orders (the
  expansion's value minus its leading term) exceed its leading term at all but
  two scan points (the offending small parameter is named).  Points where they
  do are outside that entry's asymptotic region and do not enter its fit;
* a precision that cannot resolve the predicted order: for every entry, a
  truncation error of the predicted order with coefficient 0.1 must stand
  above the floor at three scan points (so a wrong coefficient, which is of
  lower order, cannot hide under it), else the dps needed is named.

After the scan, an entry with fewer than three residuals above its floor is
reported ``"below floor"`` (its error is at least ten times smaller than a
generic truncation error of the predicted order); but a quantity none of
whose entries rises above the floor at three points is a
:class:`PrecisionError`, never a pass.  If the exact masses do not scale like
a power of ``t`` from the first scan point on (local slopes drifting by more
than 0.5) and an entry fails, the base point is outside the asymptotic
region: a ``ValueError`` says so instead of a FAIL without a cause.

Quasi-degenerate groups
-----------------------
``groups`` lists states (0-based columns of ``U``) whose individual columns
are not meaningful (pseudo-Dirac pairs, a degenerate heavy pair kept exact).
A group is judged by basis-independent quantities: the projector onto its
subspace (entries ``P{..}[i,j]``, absolute orders like ``U``) and its masses
as a sorted set (signed in the real case, absolute values in the complex
case), taken from ``group_blocks[g]`` (the group's effective mass matrix,
whose Takagi values are computed at every point) or else from ``masses``.
The sorted masses are named ``group {2,3} mass 1``, ``... mass 2`` (ascending).

Size: the checks before the scan, the scan, the per-entry fits and the group
(projector and Takagi value) judgements all read and write the same per-entry
records; they are kept in one module so that no entry can escape a check.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import mpmath
import sympy as sp

from symseesaw.numerics.align import align_to_reference
from symseesaw.numerics.lambdify import lambdify_matrix
from symseesaw.numerics.takagi import PrecisionError, takagi, to_mp
from symseesaw.parsing.limits import MAX_DPS, MIN_DPS  # one set of limits for the project
from symseesaw.result import CONVENTIONS, ProofReport, SlopeMeasurement

__all__ = [
    "MAX_DPS",
    "MIN_DPS",
    "OrderProofError",
    "default_t_values",
    "prove_expansion",
    "raise_if_failed",
]

QUANTITIES = ("mixing", "masses")
#: Largest |small parameter| accepted at the first scan point.
MAX_SMALL = 0.3
#: Number of points of the default scan.
N_DEFAULT_T = 8
#: Bounds on the working precision (checked before any work).
#: Bounds on the number of scan points.
MIN_T = 3
MAX_T = 60
#: Higher orders / leading term above which a scan point is not asymptotic.
ASYMPTOTIC_LIMIT = 1.0
#: Drift of the exact masses' local log-slopes above which the scan is not asymptotic.
SLOPE_DRIFT_LIMIT = 0.5
#: Coefficient of a truncation error of the predicted order that must be resolvable.
RESOLVE_COEFFICIENT = 0.1
#: Slack of a slope verdict (see :class:`symseesaw.result.SlopeMeasurement`).
SLACK = 0.25


class OrderProofError(AssertionError):
    """A measured convergence slope falls short of the predicted order."""


# ---------------------------------------------------------------------------
# input handling
# ---------------------------------------------------------------------------


def _check_dps(dps: object) -> int:
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


def _check_groups(groups: Sequence[Sequence[int]], n: int) -> list[list[int]]:
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


def _directions(small: dict, base: dict, direction: dict) -> dict:
    """Scan direction of every small parameter (falls back to ``base_point``)."""
    out = {}
    for s in small:
        if s in direction:
            out[s] = _finite(direction[s], f"direction[{s}]")
        elif s in base:
            out[s] = _finite(base[s], f"base_point[{s}] (used as direction)")
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


def _finite(value: object, what: str) -> mpmath.mpf | mpmath.mpc:
    """``value`` as an mpmath number; NaN and infinities are refused."""
    z = to_mp(value)
    if not mpmath.isfinite(z):
        raise ValueError(f"{what} = {value} is not a finite number; give a finite value")
    return z


def _check_base(symbols: Sequence[sp.Symbol], small: dict, base: dict) -> None:
    """Every non-small symbol needs a finite base-point value."""
    missing = [str(s) for s in symbols if s not in small and s not in base]
    if missing:
        raise ValueError(
            f"base_point has no value for {', '.join(missing)}; "
            "give a number for every symbol that is not a small parameter"
        )
    for s, v in base.items():
        _finite(v, f"base_point[{s}]")


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


def _check_assumptions(symbols: Sequence[sp.Symbol], base: dict, directions: dict) -> None:
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


def _check_t_values(t_values: Sequence[float]) -> list[float]:
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
# the entries judged
# ---------------------------------------------------------------------------


@dataclass
class _Layout:
    """Which entries are judged and how the perturbative values are formed."""

    n: int
    groups: list[list[int]]
    convention: str
    quantities: tuple[str, ...]
    block_funcs: dict[int, object]

    @property
    def grouped(self) -> set[int]:
        return {k for g in self.groups for k in g}

    def names(self) -> list[tuple[str, str]]:
        """``(quantity, entry name)`` of every judged entry, 1-based names."""
        out = []
        if "mixing" in self.quantities:
            for j in range(self.n):
                if j not in self.grouped:
                    out += [("mixing", f"U[{i + 1},{j + 1}]") for i in range(self.n)]
            for g in self.groups:
                label = ",".join(str(k + 1) for k in g)
                out += [("mixing", f"P{{{label}}}[{i + 1},{j + 1}]")
                        for i in range(self.n) for j in range(i, self.n)]
        if "masses" in self.quantities:
            out += [("masses", f"m_{k + 1}") for k in range(self.n) if k not in self.grouped]
            for g in self.groups:
                label = ",".join(str(k + 1) for k in g)
                out += [("masses", f"group {{{label}}} mass {r + 1}") for r in range(len(g))]
        return out

    def values(self, U: mpmath.matrix, m: list, real: bool, block_masses: dict) -> list:
        """Entry values (same order as :meth:`names`) of a factorization ``U, m``."""
        out: list = []
        if "mixing" in self.quantities:
            for j in range(self.n):
                if j not in self.grouped:
                    out += [U[i, j] for i in range(self.n)]
            for g in self.groups:
                for i in range(self.n):
                    for j in range(i, self.n):
                        out.append(mpmath.fsum(U[i, k] * mpmath.conj(U[j, k]) for k in g))
        if "masses" in self.quantities:
            out += [m[k] for k in range(self.n) if k not in self.grouped]
            for gi, g in enumerate(self.groups):
                values = block_masses.get(gi, [m[k] for k in g])
                out += sorted(values, key=mpmath.re) if real else sorted(abs(x) for x in values)
        return out


def _reference(U: mpmath.matrix, convention: str) -> mpmath.matrix:
    """Takagi-convention matrix: ``U`` (``UT_M_U``) or ``conj(U)`` (``Udag_M_Ustar``)."""
    if convention != "Udag_M_Ustar":
        return U
    out = mpmath.matrix(U.rows, U.cols)
    for i in range(U.rows):
        for j in range(U.cols):
            out[i, j] = mpmath.conj(U[i, j])
    return out


def _group_block_masses(layout: _Layout, args: list, real: bool, dps: int) -> dict:
    """Takagi values of every given group block at one point."""
    out = {}
    for gi, func in layout.block_funcs.items():
        B = func(*args)
        _, values = takagi(B, real=real, dps=dps)
        out[gi] = values
    return out


def _pert_entries(funcs: tuple, layout: _Layout, args: list, real: bool, dps: int) -> tuple:
    """``(M, U_ref, m_pert, entry values)`` of the expansion at one point."""
    f_mass, f_mix, f_m = funcs
    M, U, m = f_mass(*args), f_mix(*args), list(f_m(*args))
    R = _reference(U, layout.convention)
    return M, R, m, layout.values(R, m, real, _group_block_masses(layout, args, real, dps))


# ---------------------------------------------------------------------------
# leading magnitudes, floors and the checks made before the scan
# ---------------------------------------------------------------------------


@dataclass
class _Lead:
    """Leading term ``coeff * t**power`` of one entry along the ray (``None``: zero)."""

    coeff: mpmath.mpc | mpmath.mpf | None
    power: float

    def magnitude(self, t: float) -> mpmath.mpf:
        return abs(self.coeff) * mpmath.mpf(t) ** self.power

    def value(self, t: float) -> mpmath.mpc:
        return self.coeff * mpmath.mpf(t) ** self.power


def _leading_terms(values_at: Callable[[float], list], t_min: float, dps: int) -> list[_Lead]:
    """Leading term of every entry from its values at ``t_min/1e3`` and ``t_min/1e6``.

    An entry that vanishes identically along the ray (its lead is ``None``: a
    zero mode, an exact zero of ``U``) may evaluate to rounding noise rather
    than to 0 (``sqrt(x**2) - x``-like cancellations of closed forms): a value
    at ``t_min/1e6`` (evaluated at ``2 dps + 20`` digits) that differs from a
    second evaluation 20 digits finer by more than ``10**-dps`` of itself is
    such noise and counts as zero; a genuine value agrees to ``2 dps`` digits.
    """
    t1, t2 = t_min * 1e-3, t_min * 1e-6
    with mpmath.workdps(2 * dps + 40):
        finer = values_at(t2)
    with mpmath.workdps(2 * dps + 20):
        v1, v2 = values_at(t1), values_at(t2)
        noise = mpmath.mpf(10) ** (-dps)
        v2 = [0 if abs(b - c) > noise * abs(b) else b for b, c in zip(v2, finer, strict=True)]
        out = []
        for a, b in zip(v1, v2, strict=True):
            if b == 0:
                out.append(_Lead(None, 0.0))
                continue
            if a == 0:
                out.append(_Lead(b, 0.0))
                continue
            power = float(mpmath.log(abs(b) / abs(a)) / mpmath.log(mpmath.mpf(t2) / t1))
            if abs(power - round(power)) < 0.05:
                power = float(round(power))
            out.append(_Lead(b / mpmath.mpf(t2) ** power, power))
    return out


def _gap(m: list, real: bool, groups: list[list[int]]) -> mpmath.mpf | None:
    """Smallest non-zero splitting between predicted masses of different groups."""
    label = {k: gi for gi, g in enumerate(groups) for k in g}
    values = [m[k] if real else abs(m[k]) for k in range(len(m))]
    gaps = [abs(values[a] - values[b]) for a in range(len(m)) for b in range(a + 1, len(m))
            if label.get(a, -1 - a) != label.get(b, -1 - b)]
    gaps = [g for g in gaps if g > 0]
    return min(gaps) if gaps else None


def _floor_terms(scale: mpmath.mpf, gap: mpmath.mpf | None, lead: _Lead, t: float,
                 quantity: str) -> tuple[mpmath.mpf, mpmath.mpf]:
    """Coefficients ``(A, B)`` of the floor ``max(A 10**(-dps/2), B 10**-(dps-2))``."""
    size = lead.magnitude(t) if lead.coeff is not None else mpmath.mpf(1)
    if quantity == "mixing":
        cond = scale / gap if gap else mpmath.mpf(1)
        return 1 / size, cond / size
    return mpmath.mpf(1), scale / size


def _floor(terms: tuple[mpmath.mpf, mpmath.mpf], dps: int) -> mpmath.mpf:
    a, b = terms
    return max(a * mpmath.mpf(10) ** (-dps / 2), b * mpmath.mpf(10) ** (-(dps - 2)))


def _dps_needed(terms: tuple[mpmath.mpf, mpmath.mpf], target: mpmath.mpf) -> int:
    """Smallest dps with ``floor <= target`` (plus 5 guard digits)."""
    a, b = terms
    need = max(2 * mpmath.log10(a / target), 2 + mpmath.log10(b / target))
    return int(math.ceil(float(need))) + 5


def _first_scale(d: dict) -> float:
    """Largest |direction|: the largest small parameter is ``t`` times this."""
    return max(abs(float(v)) for v in d.values())


def _asymptotic_masks(names: list, pert_points: list, leads: list[_Lead], t_list: list[float],
                      offender: Callable[[str], str]) -> list[list[bool]]:
    """Per entry and scan point: are the expansion's higher orders below its leading term?

    A point where the higher orders of an entry exceed ``ASYMPTOTIC_LIMIT``
    times its leading term is outside that entry's asymptotic region and does
    not enter its fit.  An entry with fewer than 3 asymptotic points means the
    scan is outside the asymptotic region: a ``ValueError`` naming the entry
    and the small parameter that drives its higher orders.
    """
    masks = []
    for e, ((_, name), lead) in enumerate(zip(names, leads, strict=True)):
        if lead.coeff is None or name.startswith("P"):
            masks.append([True] * len(t_list))
            continue
        ratios = []
        for t, point in zip(t_list, pert_points, strict=True):
            lead_value = lead.value(t)
            ratios.append(float(abs(point[3][e] - lead_value) / abs(lead_value)))
        mask = [x <= ASYMPTOTIC_LIMIT for x in ratios]
        if sum(mask) < MIN_T:
            raise ValueError(
                f"the scan is not in the asymptotic region: at the first point the higher "
                f"orders of {name} are {ratios[0]:.3g} times its leading term, and fewer than "
                f"{MIN_T} scan points have them below it, so {offender(name)} is not small "
                "there (with the other symbols at the base point); choose a base point where "
                "the expansion converges, or a smaller direction or smaller t_values"
            )
        masks.append(mask)
    return masks


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


def _fit(residuals: list, floors: list, t_values: list[float], mask: list[bool]) -> float | None:
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
    return _least_squares_slope(xs, ys)


def _default_predicted(small: dict, directions: dict) -> float:
    """``min(order + 1)`` over the scanned small parameters."""
    return float(min(small[s] + 1 for s, d in directions.items() if d != 0))


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------


@dataclass
class _Setup:
    funcs: tuple
    layout: _Layout
    symbols: list
    base: dict
    directions: dict
    t_list: list[float]
    dps: int
    real: bool


def _args(setup: _Setup, t: float) -> list:
    tt = mpmath.mpf(t)
    return [tt * setup.directions[s] if s in setup.directions else to_mp(setup.base[s])
            for s in setup.symbols]


def _offender_finder(setup: _Setup, t0: float) -> Callable[[str], str]:
    """Function naming the small parameter that drives an entry's higher orders.

    With several scanned parameters, each one's direction is halved in turn;
    the one whose halving shrinks the entry's (higher orders / leading term)
    ratio at the first point most is named.
    """
    names = [n for _, n in setup.layout.names()]

    def correction_ratio(directions: dict, idx: int) -> float:
        probe = _Setup(**{**setup.__dict__, "directions": directions})

        def values_at(t: float) -> list:
            return _pert_entries(setup.funcs, setup.layout, _args(probe, t), setup.real,
                                 setup.dps)[3]

        lead = _leading_terms(values_at, setup.t_list[-1], setup.dps)[idx]
        if lead.coeff is None:
            return 0.0
        return float(abs(values_at(t0)[idx] - lead.value(t0)) / abs(lead.value(t0)))

    def offender(name: str) -> str:
        scanned = [s for s, d in setup.directions.items() if d != 0]
        worst = scanned[0]
        if len(scanned) > 1:
            idx = names.index(name)
            shrunk = {s: correction_ratio({**setup.directions, s: setup.directions[s] / 2}, idx)
                      for s in scanned}
            worst = min(shrunk, key=shrunk.get)
        return f"{worst} = {float(setup.directions[worst] * t0):.3g}"

    return offender


def _measure(setup: _Setup, names: list, leads: list[_Lead], floor_terms: list[list],
             pert_points: list) -> tuple[list[list], list[list], list[list]]:
    """Exact Takagi scan: residuals, floors and exact values of every entry at every point."""
    layout, dps = setup.layout, setup.dps
    residuals = [[] for _ in names]
    floors = [[] for _ in names]
    exact_values = [[] for _ in names]
    for k, t in enumerate(setup.t_list):
        M, R, m_pert, pert = pert_points[k]
        U_ex, m_ex = takagi(M, real=setup.real, dps=dps)
        U_al, m_al = align_to_reference(U_ex, m_ex, R, m_pert, real=setup.real,
                                        ref_groups=layout.groups)
        exact = layout.values(U_al, m_al, setup.real, {})
        scale = max(abs(M[i, j]) for i in range(M.rows) for j in range(M.cols))
        for e, ((quantity, _), lead) in enumerate(zip(names, leads, strict=True)):
            floor = _floor(floor_terms[e][k], dps)
            if lead.coeff is None and quantity == "masses":
                zero_tol = scale * mpmath.mpf(10) ** (-dps / 2)
                err = mpmath.mpf(0) if abs(exact[e]) <= zero_tol else mpmath.mpf(1)
            else:
                size = lead.magnitude(t) if lead.coeff is not None else mpmath.mpf(1)
                err = abs(exact[e] - pert[e]) / size
            residuals[e].append(err)
            floors[e].append(floor)
            exact_values[e].append(exact[e])
    return residuals, floors, exact_values


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
    groups: Sequence[Sequence[int]] = (),
    group_blocks: Mapping[int, sp.MatrixBase] | None = None,
) -> ProofReport:
    """Measure the convergence order of a perturbative Takagi factorization, per entry.

    Parameters
    ----------
    mass_matrix : sympy.Matrix
        Symmetric ``n x n`` mass matrix ``M``.
    mixing_matrix : sympy.Matrix
        Truncated perturbative ``U`` (columns ordered like ``masses``).
    masses : sequence of sympy.Expr
        Truncated perturbative masses.
    symbols : sequence of sympy.Symbol
        Every free symbol of ``M``, ``U`` and ``masses``.  Their assumptions
        (``positive``, ``real``, ...) are checked against the scan values.
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
        Quantity -> predicted slope of the truncation error: absolute for
        ``"mixing"`` (``U`` keeps the terms up to ``t**(p-1)``), relative for
        ``"masses"``.  Missing entries default to ``min(order + 1)`` over the
        scanned small parameters.  Per entry of ``U`` the relative residual
        is predicted to fall like ``t**(p - a)`` (``a``: the entry's leading
        power).
    convention : {"UT_M_U", "Udag_M_Ustar"}
        ``U^T M U = diag(m)`` or ``U^H M U^* = diag(m)``.
    dps : int
        mpmath working precision (decimal digits), ``MIN_DPS..MAX_DPS``.
    t_values : sequence of float, optional
        Scan values of ``t`` (3 to ``MAX_T``).  Default
        :func:`default_t_values`: the largest small parameter runs from 0.1
        to 1e-4 in 8 geometric steps.
    real : bool, optional
        Passed to :func:`takagi`.  Default: real (orthogonal ``U``, signed
        masses) iff ``M``, the reference ``U`` and the masses are all real at
        the first scan point.
    quantities : sequence of str
        Subset of ``("mixing", "masses")``.
    groups : sequence of sequences of int, optional
        Quasi-degenerate groups of states (0-based columns of ``U``), judged
        by their projector and their set of masses (module docstring).
    group_blocks : mapping, optional
        Group index (position in ``groups``) -> its effective ``k x k`` mass
        matrix (sympy, in ``symbols``); its Takagi values are the group's
        predicted masses.  Without it the group's entries of ``masses`` are.

    Returns
    -------
    ProofReport
        ``entries``: one :class:`SlopeMeasurement` per judged entry;
        ``slopes``: the worst entry of each quantity.

    Raises
    ------
    ValueError
        Inconsistent input, dps or t_values out of bounds, a value violating
        a symbol's assumptions, a small parameter above 0.3 at the first
        point, or a scan outside the asymptotic region (named).
    PrecisionError
        ``dps`` cannot resolve the predicted truncation error of some entry
        (the dps needed is named), or no entry of a quantity rises above its
        precision floor, or an inaccurate Takagi factorization.
    """
    dps = _check_dps(dps)
    _check_inputs(mass_matrix, mixing_matrix, masses, convention, quantities)
    group_list = _check_groups(groups, mass_matrix.rows)
    symbols = list(symbols)
    small = _by_symbol(small, symbols, "small")
    base = _by_symbol(base_point, symbols, "base_point")
    _check_base(symbols, small, base)
    directions = _directions(small, base, _by_symbol(direction or {}, symbols, "direction"))
    _check_assumptions(symbols, base, directions)
    t_list = _check_t_values(default_t_values(directions) if t_values is None else t_values)
    _check_small(directions, t_list[0])
    blocks = dict(group_blocks or {})
    for gi, block in blocks.items():
        if not 0 <= int(gi) < len(group_list):
            raise ValueError(
                f"group_blocks has the key {gi} but there are {len(group_list)} groups"
            )
        size = len(group_list[int(gi)])
        if sp.Matrix(block).shape != (size, size):
            raise ValueError(f"group_blocks[{gi}] must be {size}x{size} (the group's size)")
    layout = _Layout(
        n=mass_matrix.rows, groups=group_list, convention=convention,
        quantities=tuple(q for q in QUANTITIES if q in quantities),
        block_funcs={int(gi): lambdify_matrix(sp.Matrix(b), symbols, "mpmath")
                     for gi, b in blocks.items()},
    )
    funcs = (
        lambdify_matrix(mass_matrix, symbols, "mpmath"),
        lambdify_matrix(mixing_matrix, symbols, "mpmath"),
        lambdify_matrix(list(masses), symbols, "mpmath"),
    )
    preds = {q: float(v) for q, v in (predicted or {}).items()}
    default = _default_predicted(small, directions)
    with mpmath.workdps(dps):
        setup = _Setup(funcs, layout, symbols, base, directions, t_list, dps, bool(real))
        real = _resolve_real(setup, real)
        setup.real = real
        names = layout.names()
        leads = _leading_terms(
            lambda t: _pert_entries(funcs, layout, _args(setup, t), real, dps)[3], t_list[-1], dps
        )
        pert_points = [_pert_entries(funcs, layout, _args(setup, t), real, dps) for t in t_list]
        masks = _asymptotic_masks(names, pert_points, leads, t_list,
                                  _offender_finder(setup, t_list[0]))
        predicted_entry = [
            preds.get(q, default) - (lead.power if q == "mixing" and lead.coeff is not None else 0)
            for (q, _), lead in zip(names, leads, strict=True)
        ]
        floor_terms = _all_floor_terms(setup, names, leads, pert_points)
        _check_resolvable(setup, names, leads, predicted_entry, floor_terms, masks)
        residuals, floors, exact = _measure(setup, names, leads, floor_terms, pert_points)
        entries = _judge(setup, names, leads, predicted_entry, residuals, floors, masks)
        if "mixing" in layout.quantities:
            entries += _defining_entries(
                setup, pert_points, min(preds.get(q, default) for q in QUANTITIES))
        notes = _check_exact_scaling(setup, names, exact, entries)
    report = _report(setup, entries, base)
    report.notes += notes
    return report


def _resolve_real(setup: _Setup, real: bool | None) -> bool:
    """Real (orthogonal) factorization iff everything is real at the first point."""
    if real is not None:
        return bool(real)
    f_mass, f_mix, f_m = setup.funcs
    args = _args(setup, setup.t_list[0])
    M, U, m = f_mass(*args), f_mix(*args), list(f_m(*args))
    values = [M[i, j] for i in range(M.rows) for j in range(M.cols)]
    values += [U[i, j] for i in range(U.rows) for j in range(U.cols)] + m
    return all(mpmath.im(to_mp(x)) == 0 for x in values)


def _all_floor_terms(setup: _Setup, names: list, leads: list[_Lead], pert_points: list) -> list:
    """Floor coefficients of every entry at every scan point."""
    out = [[] for _ in names]
    for t, (M, _, m_pert, _) in zip(setup.t_list, pert_points, strict=True):
        scale = max(abs(M[i, j]) for i in range(M.rows) for j in range(M.cols))
        gap = _gap(m_pert, setup.real, setup.layout.groups)
        for e, ((quantity, _), lead) in enumerate(zip(names, leads, strict=True)):
            out[e].append(_floor_terms(scale, gap, lead, t, quantity))
    return out


def _check_resolvable(setup: _Setup, names: list, leads: list[_Lead], predicted: list[float],
                      floor_terms: list, masks: list[list[bool]]) -> None:
    """The predicted truncation error (coefficient 0.1) must stand above the floor at 3 points.

    Checked at the third asymptotic point of every entry.  An error one order
    below the prediction (a wrong coefficient) is then visible too, so no
    wrong coefficient can hide under the floor.
    """
    scale = _first_scale(setup.directions)
    worst: tuple[int, str, float] | None = None
    for e, ((quantity, name), lead) in enumerate(zip(names, leads, strict=True)):
        if lead.coeff is None and quantity == "masses":
            continue
        k = [i for i, ok in enumerate(masks[e]) if ok][MIN_T - 1]
        s3 = mpmath.mpf(setup.t_list[k]) * scale
        target = RESOLVE_COEFFICIENT * s3 ** predicted[e]
        if _floor(floor_terms[e][k], setup.dps) > target:
            need = _dps_needed(floor_terms[e][k], target)
            if worst is None or need > worst[0]:
                worst = (need, name, float(_floor(floor_terms[e][k], setup.dps)))
    if worst is not None:
        need, name, floor = worst
        raise PrecisionError(
            f"dps={setup.dps} cannot resolve the order proof of {name}: its precision floor "
            f"({floor:.2g} relative) hides the predicted truncation error at the scan points; "
            f"raise dps to at least {need} (or use larger t_values)"
        )


def _check_exact_scaling(setup: _Setup, names: list, exact: list, entries: list) -> list[str]:
    """Exact masses must scale like a power of ``t`` from the first scan point on.

    Returns notes for drifting masses; raises ``ValueError`` (naming the mass
    and the scanned parameters) when the drift comes with a failing entry,
    i.e. when the failure is caused by the base point, not by a coefficient.
    """
    logs = [math.log(t) for t in setup.t_list]
    drifting = []
    for e, (quantity, name) in enumerate(names):
        values = [abs(v) for v in exact[e]]
        if quantity != "masses" or any(v == 0 for v in values):
            continue
        ls = [float(mpmath.log(v)) for v in values]
        local = [(ls[k + 1] - ls[k]) / (logs[k + 1] - logs[k]) for k in range(len(ls) - 1)]
        drift = abs(local[0] - local[-1])
        if drift > SLOPE_DRIFT_LIMIT:
            drifting.append((drift, name, local[0], local[-1]))
    if not drifting:
        return []
    drift, name, first, last = max(drifting)
    scanned = ", ".join(f"{s} = {float(d * setup.t_list[0]):.3g}"
                        for s, d in setup.directions.items() if d != 0)
    message = (f"the exact {name} scales like t^{first:.2f} at the first scan points but "
               f"t^{last:.2f} at the last: the first points ({scanned}) are outside the "
               "asymptotic region")
    if any(not e.passed for e in entries):
        raise ValueError(message + "; choose a base point where the small parameters are "
                         "small (e.g. M_D << M_R) or smaller t_values")
    return [message + " (the proof passed regardless)"]


def _judge(setup: _Setup, names: list, leads: list[_Lead], predicted: list[float],
           residuals: list, floors: list, masks: list[list[bool]]) -> list[SlopeMeasurement]:
    """One :class:`SlopeMeasurement` per entry."""
    t_list = setup.t_list
    out = []
    for e, ((quantity, name), lead) in enumerate(zip(names, leads, strict=True)):
        res, flo = residuals[e], floors[e]
        common = dict(entry=name, floors=[float(f) for f in flo],
                      leading_power=None if lead.coeff is None else lead.power)
        if lead.coeff is None and quantity == "masses":
            failed = any(r > 0 for r in res)
            status = "measured" if failed else "zero mode"
            measured = 0.0 if failed else math.inf
            out.append(SlopeMeasurement(quantity, predicted[e], measured,
                                        [float(r) for r in res], list(t_list),
                                        status=status, **common))
            continue
        slope = _fit(res, flo, t_list, masks[e])
        status = "measured" if slope is not None else "below floor"
        # U's orders are absolute: report the slope of the entry's absolute error
        # (relative slope + leading power), comparable with the truncation order.
        shift = lead.power if quantity == "mixing" and lead.coeff is not None else 0.0
        out.append(SlopeMeasurement(quantity, predicted[e] + shift,
                                    math.inf if slope is None else slope + shift,
                                    [float(r) for r in res], list(t_list),
                                    status=status, **common))
    return out


def _defining_entries(setup: _Setup, pert_points: list, predicted: float
                      ) -> list[SlopeMeasurement]:
    """The defining property ``U^T M U = diag(m)`` of the expansion, entry by entry.

    ``D = R^T M R - diag(m)`` (``R`` the Takagi-convention ``U``, ``m`` the
    predicted masses) is formed from the expansion alone, without the exact
    factorization, so no alignment can absorb a column phase or a swapped
    pair. Entry ``D[i,j]`` (``i <= j``) is judged relative to
    ``max(|m_i|, |m_j|)`` (``max|M_kl|`` when both vanish) and must fall with
    ``predicted`` (the smaller of the mixing and mass predictions): a column
    phase error or two swapped columns leave a residual of order 1 (slope 0).
    Its floor is ``n max|M_kl| 10**-(dps-2)`` over the same size.
    """
    n, dps = setup.layout.n, setup.dps
    pairs = [(i, j) for i in range(n) for j in range(i, n)]
    residuals: list[list] = [[] for _ in pairs]
    floors: list[list] = [[] for _ in pairs]
    for M, R, m, _ in pert_points:
        D = R.T * M * R
        scale = max(abs(M[i, j]) for i in range(n) for j in range(n))
        for e, (i, j) in enumerate(pairs):
            size = max(abs(m[i]), abs(m[j])) or scale
            residuals[e].append(abs(D[i, j] - (m[j] if i == j else 0)) / size)
            floors[e].append(n * scale * mpmath.mpf(10) ** (-(dps - 2)) / size)
    out = []
    for e, (i, j) in enumerate(pairs):
        slope = _fit(residuals[e], floors[e], setup.t_list, [True] * len(setup.t_list))
        out.append(SlopeMeasurement(
            "mixing", predicted, math.inf if slope is None else slope,
            [float(r) for r in residuals[e]], list(setup.t_list),
            entry=f"(U^T M U - diag(m))[{i + 1},{j + 1}]",
            floors=[float(f) for f in floors[e]], leading_power=None,
            status="measured" if slope is not None else "below floor"))
    return out


def _report(setup: _Setup, entries: list[SlopeMeasurement], base: dict) -> ProofReport:
    """Worst entry per quantity; a quantity with nothing measured is an error."""
    slopes, notes = [], []
    for q in setup.layout.quantities:
        mine = [e for e in entries if e.quantity == q]
        measured = [e for e in mine if e.status == "measured"]
        if not measured:
            raise PrecisionError(
                f"no '{q}' residual rises above its precision floor at {MIN_T} scan points "
                f"(dps={setup.dps}): the proof would measure nothing; raise dps (e.g. to "
                f"{2 * setup.dps}) or use larger t_values (an expansion that is exact along "
                "this ray has no slope to prove)"
            )
        worst = min(measured, key=lambda e: e.measured - e.predicted)
        slopes.append(worst)
        below = [e.entry for e in mine if e.status == "below floor"]
        if below:
            notes.append(f"{q}: {len(below)} entries stay below the precision floor "
                         f"(exact at dps={setup.dps}): {', '.join(below[:8])}"
                         + (" ..." if len(below) > 8 else ""))
    return ProofReport(
        direction={str(s): float(d) for s, d in setup.directions.items()},
        base_point={str(s): _plain(v) for s, v in base.items()},
        dps=setup.dps,
        slopes=slopes,
        entries=entries,
        notes=notes,
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
        Listing measured vs predicted slope of every quantity and every
        failing entry (by name).
    """
    if report.passed:
        return
    if not report.slopes:
        raise OrderProofError("the order proof measured no slopes; request at least one quantity")
    lines = [
        f"  {s.quantity}: measured slope {s.measured:.3f}, predicted {s.predicted:g} "
        f"({'ok' if s.passed else 'FAILED'})" + (f" [worst entry {s.entry}]" if s.entry else "")
        for s in report.slopes
    ]
    failing = report.failed_entries
    if failing:
        lines.append("  failing entries: " + ", ".join(
            f"{e.entry} ({e.measured:.2f} < {e.predicted:g})" for e in failing[:12])
            + (" ..." if len(failing) > 12 else ""))
    raise OrderProofError(
        "order proof failed (slopes of log residual vs log t, 0.25 slack):\n"
        + "\n".join(lines)
        + "\ncheck the failing coefficients of the expansion (or the convention / "
        "the `small` orders if the prediction is wrong)"
    )
