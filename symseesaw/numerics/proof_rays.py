"""Order proofs along several rays: which kept terms a proof tests, and which rays to scan.

Which terms a ray tests
-----------------------
Along the ray ``s(t) = c_s t**w_s`` a term ``prod_s s**e_s`` (exponents relative
to the leading term of a mass, absolute for an entry of ``U``) has degree
``d(e) = sum_s e_s w_s`` in ``t``, and every dropped term has degree at least
``P(w) = min_s (n_s + 1) w_s`` (``n_s`` the order kept in ``s``; with a total
order ``N`` also ``(N + 1) min_s w_s``).  A wrong kept coefficient turns the
residual's slope into ``d(e)``, so the proof (verdict ``measured >= predicted -
0.25``, a one-sided slack) catches it iff ``d(e) < P(w) - 0.25``.

With ``x_s = e_s / (n_s + 1)`` and ``S(e) = sum_s x_s``,
``d(e) = sum_s (n_s + 1) w_s x_s >= P(w) S(e)``: **no ray catches a term with
S(e) >= 1** (the corners of the box of kept exponents, e.g. ``eps^2 kappa^2``
at orders ``(2, 2)``).  Among rays whose slowest parameter goes like ``t``
(so that the slack means what it means on the equal-weight ray),
``P(w) <= n_max + 1``, so the gap ``P(w) - d(e)`` is at most
``(n_max + 1) (1 - S(e))``; the *balanced* ray ``w_s = (n_max + 1) / (n_s + 1)``
attains it for every term at once.  It therefore catches every term that any
such ray catches, with the largest margin.  (One ray per small parameter,
``w_k = 1`` and ``w_j = (n_k + 2) / (n_j + 1)``, catches less: at orders
``(2, 1)`` no such ray catches a wrong ``eps r`` coefficient, whose degree equals
the prediction on each, while the balanced ray ``(1, 1.5)`` has it at 2.5
against 3.)

The default rays
----------------
:func:`prove_on_rays` scans the equal-weight ray (today's single-ray proof,
its entries keep their names) and, when the orders differ, the balanced ray,
whose measurements are named ``"<quantity> on ray eps ~ t, r ~ t^1.5"``.  The
report passes only if every ray passes; its notes list the rays and the kept
terms that no scanned ray tests with a margin of :data:`TESTED_MARGIN` (box
corners and near-corners): a wrong coefficient there is not caught.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import replace

from symseesaw.numerics.proof_checks import predicted_slope, ray_label
from symseesaw.result import ProofReport, SlopeMeasurement

__all__ = ["TESTED_MARGIN", "default_rays", "prove_on_rays", "untested_terms"]

#: A kept term counts as tested on a ray when its degree is this far below the prediction
#: (twice the 0.25 slack of a verdict).
TESTED_MARGIN = 0.5
#: Above this many kept terms the untested ones are not listed one by one.
MAX_LISTED_TERMS = 20000
#: Prefixes of the notes that :func:`prove_on_rays` adds (the CLI prints them).
RAY_NOTES = ("rays:", "not tested by any ray", "every kept term")


def default_rays(orders: Mapping) -> list[dict]:
    """The equal-weight ray and, when the orders differ, the balanced ray.

    Parameters
    ----------
    orders : mapping
        Small parameter -> order kept ``n_s``.

    Returns
    -------
    list of dict
        Weights ``{s: w_s}``: first all 1, then ``w_s = (n_max + 1) / (n_s + 1)``.
    """
    equal = dict.fromkeys(orders, 1.0)
    top = max(orders.values()) + 1
    balanced = {s: top / (n + 1) for s, n in orders.items()}
    return [equal] if balanced == equal else [equal, balanced]


def _kept_terms(orders: Mapping, total: int | None) -> list[tuple[int, ...]] | None:
    """Exponent vectors of the kept terms (not the leading one); ``None`` if too many."""
    if math.prod(n + 1 for n in orders.values()) > MAX_LISTED_TERMS:
        return None
    ranges = [range(n + 1) for n in orders.values()]
    return [e for e in itertools.product(*ranges)
            if any(e) and (total is None or sum(e) <= total)]


def untested_terms(orders: Mapping, rays: list[Mapping], total: int | None = None
                   ) -> list[tuple[int, ...]] | None:
    """Kept exponent vectors that no ray tests (degree not ``TESTED_MARGIN`` below prediction).

    Parameters
    ----------
    orders : mapping
        Small parameter -> order kept (the order of the mapping is the order
        of the exponents).
    rays : list of mapping
        Weights of each ray scanned.
    total : int, optional
        Total order kept, as the proof predicts it.

    Returns
    -------
    list of tuple of int, or None
        ``None`` when the box of kept terms is too large to enumerate.
    """
    terms = _kept_terms(orders, total)
    if terms is None:
        return None
    directions = dict.fromkeys(orders, 1.0)
    margins = [(predicted_slope(dict(orders), directions, total, w) - TESTED_MARGIN,
                [w[s] for s in orders]) for w in rays]
    return [e for e in terms
            if all(sum(a * b for a, b in zip(e, w, strict=True)) > bound
                   for bound, w in margins)]


def _monomial(orders: Mapping, exponents: tuple[int, ...]) -> str:
    return "*".join(f"{s}" + (f"^{k}" if k > 1 else "")
                    for s, k in zip(orders, exponents, strict=True) if k)


def _on_ray(measurement: SlopeMeasurement, label: str) -> SlopeMeasurement:
    return replace(measurement, quantity=f"{measurement.quantity} on ray {label}")


def prove_on_rays(prove_ray: Callable[[Mapping | None], ProofReport], orders: Mapping,
                  total: int | None = None) -> ProofReport:
    """One report from a proof along each default ray (:func:`default_rays`).

    Parameters
    ----------
    prove_ray : callable
        ``prove_ray(weights)`` runs one proof; ``weights=None`` is the
        equal-weight ray.
    orders : mapping
        Small parameter -> order kept (the scanned parameters).
    total : int, optional
        Total order, as the proofs predict it (for the untested terms).

    Returns
    -------
    ProofReport
        The equal-weight ray's report (direction, base point, dps) with the
        slopes, entries and notes of the other rays appended, their quantities
        named ``"<quantity> on ray <label>"``; passed only if every ray passed.
    """
    rays = default_rays(orders)
    report = prove_ray(None)
    labels = [ray_label(w) for w in rays]
    for weights, label in zip(rays[1:], labels[1:], strict=True):
        other = prove_ray(weights)
        report.slopes += [_on_ray(s, label) for s in other.slopes]
        report.entries += [_on_ray(e, label) for e in other.entries]
        report.notes += [f"ray {label}: {n}" for n in other.notes if not n.startswith("ray:")]
    report.notes.append(
        "rays: " + "; ".join(labels) + ("" if len(rays) == 1 else
        " (measurements without 'on ray' are on the first; the proof passes only if every "
        "ray passes)"))
    untested = untested_terms(orders, rays, total)
    if untested is None:
        report.notes.append("not tested by any ray: the kept terms were too many to list")
    elif untested:
        report.notes.append(
            "not tested by any ray (kept terms whose degree along every ray is not below the "
            "truncation's, so a wrong coefficient of them passes): "
            + ", ".join(_monomial(orders, e) for e in untested))
    else:
        report.notes.append("every kept term is tested by some ray")
    return report
