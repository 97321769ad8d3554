"""Numerical order proof of a perturbative seesaw expansion, entry by entry.

The perturbative mixing matrix and masses are compared with the exact Takagi
factorization (mpmath, ``dps`` digits) along a ray in parameter space on which
the small parameters scale like powers of ``t``::

    s(t) = direction[s] * t**weights[s]   for every small parameter s (weight 1
                                          unless given),
    x(t) = base_point[x]                  for every other symbol x.

Which kept terms a ray tests (and which no ray can) is derived in
:mod:`symseesaw.numerics.proof_rays`.

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
:class:`PrecisionError`, one line each) the inputs that every order proof
refuses (:mod:`symseesaw.numerics.proof_checks`: ``dps``, ``t`` values,
base point, directions, the symbols' assumptions), and:

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

The entries and their scales are :mod:`symseesaw.numerics.proof_entries`;
this module scans, fits and judges them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import mpmath
import sympy as sp

from symseesaw.numerics.align import align_to_reference
from symseesaw.numerics.lambdify import lambdify_matrix
from symseesaw.numerics.proof_checks import (
    MAX_DPS,
    MIN_DPS,
    MIN_T,
    QUANTITIES,
    check_dps,
    check_groups,
    check_inputs,
    check_small,
    check_t_values,
    default_t_values,
    fit_slope,
    largest_small,
    predicted_slope,
    ray_label,
    scan_inputs,
    scan_value,
)
from symseesaw.numerics.proof_entries import (
    Layout,
    Lead,
    asymptotic_masks,
    defining_entries,
    dps_needed,
    floor_coefficients,
    leading_terms,
    mass_gap,
    pert_entries,
    precision_floor,
)
from symseesaw.numerics.takagi import PrecisionError, takagi, to_mp
from symseesaw.result import ProofReport, SlopeMeasurement

__all__ = [
    "MAX_DPS",
    "MIN_DPS",
    "OrderProofError",
    "default_t_values",
    "prove_expansion",
    "raise_if_failed",
]

#: Drift of the exact masses' local log-slopes above which the scan is not asymptotic.
SLOPE_DRIFT_LIMIT = 0.5
#: Coefficient of a truncation error of the predicted order that must be resolvable.
RESOLVE_COEFFICIENT = 0.1
#: Slack of a slope verdict (see :class:`symseesaw.result.SlopeMeasurement`).
SLACK = 0.25


class OrderProofError(AssertionError):
    """A measured convergence slope falls short of the predicted order."""


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------


@dataclass
class _Setup:
    funcs: tuple
    layout: Layout
    symbols: list
    base: dict
    directions: dict
    weights: dict
    t_list: list[float]
    dps: int
    real: bool


def _args(setup: _Setup, t: float) -> list:
    return [scan_value(setup.directions[s], setup.weights[s], t) if s in setup.directions
            else to_mp(setup.base[s]) for s in setup.symbols]


def _value_at(setup: _Setup, s: sp.Symbol, t: float) -> float:
    """Value of the small parameter ``s`` at the scan point ``t``."""
    return float(scan_value(setup.directions[s], setup.weights[s], t))


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
            return pert_entries(setup.funcs, setup.layout, _args(probe, t), setup.real,
                                setup.dps)[3]

        lead = leading_terms(values_at, setup.t_list[-1], setup.dps)[idx]
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
        return f"{worst} = {_value_at(setup, worst, t0):.3g}"

    return offender


def _measure(setup: _Setup, names: list, leads: list[Lead], floor_terms: list[list],
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
            floor = precision_floor(floor_terms[e][k], dps)
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
    default_direction: float | None = None,
    weights: Mapping | None = None,
    total: int | None = None,
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
        Small parameter -> float; the scan point has
        ``s = direction[s] * t**weights[s]``.  A direction of 0 keeps ``s = 0``
        (not scanned).
    default_direction : float, optional
        Direction of a small parameter that neither ``direction`` nor
        ``base_point`` gives (default: such a parameter is an error).
    weights : mapping, optional
        Small parameter -> ray exponent ``w_s`` (finite, ``0 < w_s <=
        MAX_WEIGHT``; default 1): the scan is ``s = direction[s] * t**w_s``
        and the default prediction ``min_s (order_s + 1) w_s``.
    total : int, optional
        Total order the expansion keeps (unit engine weights): a dropped term
        then also has total exponent ``total + 1``, which the prediction counts.
    predicted : mapping, optional
        Quantity -> predicted slope of the truncation error: absolute for
        ``"mixing"`` (``U`` keeps the terms up to ``t**(p-1)``), relative for
        ``"masses"``.  Missing entries default to ``min(w_s (order_s + 1))``
        over the scanned small parameters.  Per entry of ``U`` the relative residual
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
    dps = check_dps(dps)
    check_inputs(mass_matrix, mixing_matrix, masses, convention, quantities)
    group_list = check_groups(groups, mass_matrix.rows)
    symbols = list(symbols)
    small, base, directions, weights = scan_inputs(symbols, small, base_point, direction,
                                                   default_direction, weights=weights)
    t_list = check_t_values(default_t_values(directions, weights=weights) if t_values is None
                            else t_values)
    check_small(directions, t_list[0], weights)
    blocks = dict(group_blocks or {})
    for gi, block in blocks.items():
        if not 0 <= int(gi) < len(group_list):
            raise ValueError(
                f"group_blocks has the key {gi} but there are {len(group_list)} groups"
            )
        size = len(group_list[int(gi)])
        if sp.Matrix(block).shape != (size, size):
            raise ValueError(f"group_blocks[{gi}] must be {size}x{size} (the group's size)")
    layout = Layout(
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
    default = predicted_slope(small, directions, total, weights)
    with mpmath.workdps(dps):
        setup = _Setup(funcs, layout, symbols, base, directions, weights, t_list, dps,
                       bool(real))
        real = _resolve_real(setup, real)
        setup.real = real
        names = layout.names()
        leads = leading_terms(
            lambda t: pert_entries(funcs, layout, _args(setup, t), real, dps)[3], t_list[-1], dps
        )
        pert_points = [pert_entries(funcs, layout, _args(setup, t), real, dps) for t in t_list]
        masks = asymptotic_masks(names, pert_points, leads, t_list,
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
            entries += defining_entries(
                layout.n, dps, t_list, pert_points, min(preds.get(q, default) for q in QUANTITIES))
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


def _all_floor_terms(setup: _Setup, names: list, leads: list[Lead], pert_points: list) -> list:
    """Floor coefficients of every entry at every scan point."""
    out = [[] for _ in names]
    for t, (M, _, m_pert, _) in zip(setup.t_list, pert_points, strict=True):
        scale = max(abs(M[i, j]) for i in range(M.rows) for j in range(M.cols))
        gap = mass_gap(m_pert, setup.real, setup.layout.groups)
        for e, ((quantity, _), lead) in enumerate(zip(names, leads, strict=True)):
            out[e].append(floor_coefficients(scale, gap, lead, t, quantity))
    return out


def _check_resolvable(setup: _Setup, names: list, leads: list[Lead], predicted: list[float],
                      floor_terms: list, masks: list[list[bool]]) -> None:
    """The predicted truncation error (coefficient 0.1) must stand above the floor at 3 points.

    Checked at the third asymptotic point of every entry.  An error one order
    below the prediction (a wrong coefficient) is then visible too, so no
    wrong coefficient can hide under the floor.
    """
    worst: tuple[int, str, float] | None = None
    for e, ((quantity, name), lead) in enumerate(zip(names, leads, strict=True)):
        if lead.coeff is None and quantity == "masses":
            continue
        k = [i for i, ok in enumerate(masks[e]) if ok][MIN_T - 1]
        # the truncation error of the predicted order is about (lead parameter)**(p / w_lead)
        s3, w_lead = largest_small(setup.directions, setup.weights, setup.t_list[k])
        target = RESOLVE_COEFFICIENT * mpmath.mpf(s3) ** (predicted[e] / w_lead)
        if precision_floor(floor_terms[e][k], setup.dps) > target:
            need = dps_needed(floor_terms[e][k], target)
            if worst is None or need > worst[0]:
                worst = (need, name, float(precision_floor(floor_terms[e][k], setup.dps)))
    if worst is not None:
        need, name, floor = worst
        raise PrecisionError(
            f"dps={setup.dps} cannot resolve the order proof of {name}: its precision floor "
            f"({floor:.2g} relative) hides the predicted truncation error at the scan points; "
            f"raise dps to at least {need} (or, from Python, larger t_values)"
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
    scanned = ", ".join(f"{s} = {_value_at(setup, s, setup.t_list[0]):.3g}"
                        for s, d in setup.directions.items() if d != 0)
    message = (f"the exact {name} scales like t^{first:.2f} at the first scan points but "
               f"t^{last:.2f} at the last: the first points ({scanned}) are outside the "
               "asymptotic region")
    if any(not e.passed for e in entries):
        raise ValueError(message + "; choose a base point where the small parameters are "
                         "small (e.g. M_D << M_R) or smaller t_values")
    return [message + " (the proof passed regardless)"]


def _judge(setup: _Setup, names: list, leads: list[Lead], predicted: list[float],
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
        slope = fit_slope(res, flo, t_list, masks[e])
        status = "measured" if slope is not None else "below floor"
        # U's orders are absolute: report the slope of the entry's absolute error
        # (relative slope + leading power), comparable with the truncation order.
        shift = lead.power if quantity == "mixing" and lead.coeff is not None else 0.0
        out.append(SlopeMeasurement(quantity, predicted[e] + shift,
                                    math.inf if slope is None else slope + shift,
                                    [float(r) for r in res], list(t_list),
                                    status=status, **common))
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
                f"{2 * setup.dps}) or, from Python, larger t_values (an expansion that is "
                "exact along this ray has no slope to prove)"
            )
        worst = min(measured, key=lambda e: e.measured - e.predicted)
        slopes.append(worst)
        below = [e.entry for e in mine if e.status == "below floor"]
        if below:
            notes.append(f"{q}: {len(below)} entries stay below the precision floor "
                         f"(exact at dps={setup.dps}): {', '.join(below[:8])}"
                         + (" ..." if len(below) > 8 else ""))
    if any(w != 1 for w in setup.weights.values()):
        notes.insert(0, f"ray: {ray_label(setup.weights)}")
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
