"""What the full-mode order proof judges: its entries, their scale and their floor.

An entry is one number of the expansion compared with the exact Takagi
factorization: ``U[i,j]`` for a column that is not in a quasi-degenerate
group, the projector entries ``P{..}[i,j]`` of a group, a mass ``m_k`` or the
sorted masses of a group (:class:`Layout`); the entries of the defining
property ``U^T M U = diag(m)`` are judged from the expansion alone
(:func:`defining_entries`). Every entry is judged on its own scale: its
leading term along the ray (:func:`leading_terms`), its precision floor
(:func:`floor_coefficients`, :func:`precision_floor`) and the scan points
inside its asymptotic region (:func:`asymptotic_masks`). The proof itself
(scan, fits, verdicts) is :mod:`symseesaw.numerics.proof`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import mpmath

from symseesaw.numerics.proof_checks import MIN_T, fit_slope
from symseesaw.numerics.takagi import takagi
from symseesaw.result import SlopeMeasurement

__all__ = ["ASYMPTOTIC_LIMIT", "Layout", "Lead", "asymptotic_masks", "defining_entries",
           "dps_needed", "floor_coefficients", "leading_terms", "mass_gap", "pert_entries",
           "precision_floor"]

#: Higher orders / leading term above which a scan point is not asymptotic.
ASYMPTOTIC_LIMIT = 1.0


@dataclass
class Layout:
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


def takagi_reference(U: mpmath.matrix, convention: str) -> mpmath.matrix:
    """Takagi-convention matrix: ``U`` (``UT_M_U``) or ``conj(U)`` (``Udag_M_Ustar``)."""
    if convention != "Udag_M_Ustar":
        return U
    out = mpmath.matrix(U.rows, U.cols)
    for i in range(U.rows):
        for j in range(U.cols):
            out[i, j] = mpmath.conj(U[i, j])
    return out


def group_block_masses(layout: Layout, args: list, real: bool, dps: int) -> dict:
    """Takagi values of every given group block at one point."""
    out = {}
    for gi, func in layout.block_funcs.items():
        B = func(*args)
        _, values = takagi(B, real=real, dps=dps)
        out[gi] = values
    return out


def pert_entries(funcs: tuple, layout: Layout, args: list, real: bool, dps: int) -> tuple:
    """``(M, U_ref, m_pert, entry values)`` of the expansion at one point."""
    f_mass, f_mix, f_m = funcs
    M, U, m = f_mass(*args), f_mix(*args), list(f_m(*args))
    R = takagi_reference(U, layout.convention)
    return M, R, m, layout.values(R, m, real, group_block_masses(layout, args, real, dps))


# ---------------------------------------------------------------------------
# leading magnitudes, floors and the checks made before the scan
# ---------------------------------------------------------------------------


@dataclass
class Lead:
    """Leading term ``coeff * t**power`` of one entry along the ray (``None``: zero)."""

    coeff: mpmath.mpc | mpmath.mpf | None
    power: float

    def magnitude(self, t: float) -> mpmath.mpf:
        return abs(self.coeff) * mpmath.mpf(t) ** self.power

    def value(self, t: float) -> mpmath.mpc:
        return self.coeff * mpmath.mpf(t) ** self.power


def leading_terms(values_at: Callable[[float], list], t_min: float, dps: int) -> list[Lead]:
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
                out.append(Lead(None, 0.0))
                continue
            if a == 0:
                out.append(Lead(b, 0.0))
                continue
            power = float(mpmath.log(abs(b) / abs(a)) / mpmath.log(mpmath.mpf(t2) / t1))
            if abs(power - round(power)) < 0.05:
                power = float(round(power))
            out.append(Lead(b / mpmath.mpf(t2) ** power, power))
    return out


def mass_gap(m: list, real: bool, groups: list[list[int]]) -> mpmath.mpf | None:
    """Smallest non-zero splitting between predicted masses of different groups."""
    label = {k: gi for gi, g in enumerate(groups) for k in g}
    values = [m[k] if real else abs(m[k]) for k in range(len(m))]
    gaps = [abs(values[a] - values[b]) for a in range(len(m)) for b in range(a + 1, len(m))
            if label.get(a, -1 - a) != label.get(b, -1 - b)]
    gaps = [g for g in gaps if g > 0]
    return min(gaps) if gaps else None


def floor_coefficients(scale: mpmath.mpf, gap: mpmath.mpf | None, lead: Lead, t: float,
                       quantity: str) -> tuple[mpmath.mpf, mpmath.mpf]:
    """Coefficients ``(A, B)`` of the floor ``max(A 10**(-dps/2), B 10**-(dps-2))``."""
    size = lead.magnitude(t) if lead.coeff is not None else mpmath.mpf(1)
    if quantity == "mixing":
        cond = scale / gap if gap else mpmath.mpf(1)
        return 1 / size, cond / size
    return mpmath.mpf(1), scale / size


def precision_floor(terms: tuple[mpmath.mpf, mpmath.mpf], dps: int) -> mpmath.mpf:
    """The floor ``max(A 10**(-dps/2), B 10**-(dps-2))`` of :func:`floor_coefficients`."""
    a, b = terms
    return max(a * mpmath.mpf(10) ** (-dps / 2), b * mpmath.mpf(10) ** (-(dps - 2)))


def dps_needed(terms: tuple[mpmath.mpf, mpmath.mpf], target: mpmath.mpf) -> int:
    """Smallest dps with ``floor <= target`` (plus 5 guard digits)."""
    a, b = terms
    need = max(2 * mpmath.log10(a / target), 2 + mpmath.log10(b / target))
    return int(math.ceil(float(need))) + 5


def asymptotic_masks(names: list, pert_points: list, leads: list[Lead], t_list: list[float],
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


def defining_entries(n: int, dps: int, t_list: list[float], pert_points: list, predicted: float
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
        slope = fit_slope(residuals[e], floors[e], t_list, [True] * len(t_list))
        out.append(SlopeMeasurement(
            "mixing", predicted, math.inf if slope is None else slope,
            [float(r) for r in residuals[e]], list(t_list),
            entry=f"(U^T M U - diag(m))[{i + 1},{j + 1}]",
            floors=[float(f) for f in floors[e]], leading_power=None,
            status="measured" if slope is not None else "below floor"))
    return out
