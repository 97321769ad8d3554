"""Check a user's hand-derived formulas against the engine, entry by entry.

Two targets:

* a **registered derivation** (:func:`check_against`, ``symseesaw check FILE
  --against NAME``): the claim is compared with the derivation's result; if it
  is stated to a higher order than the derivation keeps, the derivation is
  re-run with ``module.derive(orders=...)`` up to ``max_order``;
* a **mass matrix** (:func:`check_formula`, ``symseesaw check FILE --matrix
  MATRIXFILE --light N --order eps=2``): the matrix is expanded with
  :func:`symseesaw.api.seesaw_expansion` and the claim compared with it.

Every comparison is done by :func:`symseesaw.compare.compare` on exact series:
the verdict is ``"agrees"`` when ``claim - derived`` vanishes up to the
compared order, ``"differs"`` (with your coefficient and the correct one of
the lowest differing monomial) otherwise, and ``"ambiguous"`` when the claim is
stated beyond the order that could be derived (it is then compared up to the
highest order reached, and the note says so).  Claims may use ``|y|^2``,
conjugates and closed forms such as ``sqrt(M**2/4 + m**2)``: see
:func:`symseesaw.compare.claim_series`.

Orders: for the mixing matrix ``U`` an order is the maximum power of each small
parameter kept; for masses it is *relative* to each mass's leading term (as in
:func:`~symseesaw.api.seesaw_expansion` and the papers:
``m_2 = m_2^(0) (1 - 3 epsilon_1^2)`` is "second order").

Modules: :mod:`~symseesaw.check.claims` (the claim file format),
:mod:`~symseesaw.check.targets` (derivation / mass-matrix targets).  The
format is documented in ``docs/checking.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from types import ModuleType
from typing import Any

import sympy as sp

from symseesaw.algebra.series import INF, Algebra, Series
from symseesaw.compare import claim_series, compare
from symseesaw.expansion import (
    enclosing_bounds,
    leading_exponents,
    relative_region,
    truncate_relative,
)
from symseesaw.parsing import (
    InputError,
    SymbolTable,
    check_order_value,
    find_small_parameter,
    parse_formula,
    parse_list,
    parse_matrix,
    parse_orders,
)
from symseesaw.result import Comparison

from .claims import (
    BLOCK_QUANTITIES,
    CLAIMS_SCHEMA,
    Claim,
    ClaimFile,
    claims_from_document,
    parse_claims,
    parse_claims_json,
    read_claims,
)
from .targets import (
    BlocksTarget,
    Bounded,
    ExpansionTarget,
    RegistryTarget,
    expansion_substitution,
    read_matrix,
)

__all__ = [
    "CLAIMS_SCHEMA",
    "MAX_ORDER",
    "Claim",
    "ClaimFile",
    "check_against",
    "check_claims",
    "check_formula",
    "claims_from_document",
    "expansion_substitution",
    "parse_claims",
    "parse_claims_json",
    "parse_orders",
    "read_claims",
    "read_matrix",
]

#: Highest order to which a registered derivation is re-derived automatically.
MAX_ORDER = 6


def _claimed_orders(claim: Claim, base: Mapping[str, int], override: Mapping[str, int] | None,
                    small_names: Sequence[str]) -> dict[str, int]:
    orders = dict(base)
    for source in (claim.order, override):
        for name, value in (source or {}).items():
            orders[find_small_parameter(name, small_names)] = check_order_value(name, value)
    return orders


def _mass_region(alg: Algebra, mass: Any, orders: Sequence[int]) -> tuple[Series, list[tuple]]:
    """Series of a mass and its comparison region: leading exponents + relative orders.

    One box per leading vector of the mass (several for a leading part of
    several terms); the region is their union, as the engine keeps the mass.
    """
    if isinstance(mass, Bounded):
        leads: Sequence[Sequence[float]] = mass.leads
        series = mass.series
    else:
        series = mass
        leads = leading_exponents(alg, [series]) or [(0,) * len(orders)]
    return series, [(*[le + o for le, o in zip(lead, orders, strict=True)], INF)
                    for lead in leads]


def _parse_claim(claim: Claim, table: SymbolTable, n: int,
                 shapes: Mapping[str, tuple[int, int] | None] | None = None
                 ) -> list[tuple[list[int], sp.Expr]]:
    """(1-based entry, formula) pairs of one claim.

    ``shapes``: name -> shape of the blocks-mode matrices (``None``: not a
    blocks-mode target; a shape ``None``: not known yet, only the text is read).
    """
    kind, index = claim.kind
    text = claim.text
    if kind in BLOCK_QUANTITIES:
        return _parse_block_claim(claim, kind, index, table, shapes)
    if shapes:
        raise InputError(f'{claim.quantity!r}: mode = "blocks" computes no mixing matrix U and '
                         f"no masses; claim one of {', '.join(BLOCK_QUANTITIES)} (or an entry "
                         'such as W[1,4]), or use mode = "full"')
    if isinstance(text, sp.MatrixBase | sp.Basic | list | tuple):
        value = text
    elif kind == "U" and not index:
        value = parse_matrix(text, table, syntax=claim.syntax)
    elif kind == "masses":
        value = parse_list(text, table, syntax=claim.syntax)
    else:
        value = parse_formula(text, table, syntax=claim.syntax)
    if kind == "U" and not index:
        M = sp.Matrix(value)
        if M.shape != (n, n):
            raise InputError(f"claimed U is {M.rows}x{M.cols}, the derived one is {n}x{n}")
        return [([i + 1, j + 1], M[i, j]) for i in range(n) for j in range(n)]
    if kind == "masses":
        values = list(value)
        if len(values) != n:
            raise InputError(f"{len(values)} masses claimed, the derivation has {n}")
        return [([k + 1], sp.sympify(v)) for k, v in enumerate(values)]
    if kind == "U":
        i, j = index
        if not (1 <= i <= n and 1 <= j <= n):
            raise InputError(f"entry U[{i},{j}] is outside the {n}x{n} mixing matrix "
                             f"(indices are 1-based: 1..{n})")
        return [([i, j], sp.sympify(value))]
    (k,) = index
    if not 1 <= k <= n:
        raise InputError(f"mass m[{k}] does not exist (there are {n}, indexed 1..{n})")
    return [([k], sp.sympify(value))]


def _parse_block_claim(claim: Claim, kind: str, index: tuple[int, ...], table: SymbolTable,
                       shapes: Mapping[str, tuple[int, int] | None] | None
                       ) -> list[tuple[list[int], sp.Expr]]:
    """(1-based entry, formula) pairs of a claim on a blocks-mode matrix."""
    if shapes is None:
        raise InputError(f"{kind} is a quantity of blocks mode; check it against a model file "
                         'with mode = "blocks" (or check_formula(..., mode="blocks"))')
    text = claim.text
    if index:
        value = text if isinstance(text, sp.Basic) else parse_formula(text, table,
                                                                        syntax=claim.syntax)
        entries = [(list(index), sp.sympify(value))]
    else:
        value = text if isinstance(text, sp.MatrixBase) else parse_matrix(text, table,
                                                                           syntax=claim.syntax)
        A = sp.Matrix(value)
        entries = [([i + 1, j + 1], A[i, j]) for i in range(A.rows) for j in range(A.cols)]
        index = A.shape
    shape = shapes.get(kind)
    if shape is not None:
        rows, cols = shape
        if claim.kind[1] and not (1 <= index[0] <= rows and 1 <= index[1] <= cols):
            raise InputError(f"entry {kind}[{index[0]},{index[1]}] is outside the "
                             f"{rows}x{cols} matrix {kind} (indices are 1-based)")
        if not claim.kind[1] and tuple(index) != (rows, cols):
            raise InputError(f"claimed {kind} is {index[0]}x{index[1]}, the derived one is "
                             f"{rows}x{cols}")
    return entries


def _block_comparison(label: str, entry: list[int], formula: sp.Expr, derived: Any, kind: str,
                      orders: Sequence[int], note: str) -> Comparison:
    """Compare one entry of a blocks-mode matrix over its region.

    An absolute order is one box; a relative order (the effective mass
    matrices) is the union of the boxes ``lead + order`` over the leading
    exponent vectors of the whole matrix.  The claim agrees when it agrees in
    every box; otherwise the first differing box is reported.
    """
    matrix, relative = derived.matrices[kind]
    alg = derived.alg
    series = matrix[entry[0] - 1, entry[1] - 1]
    order = (*orders, INF)
    if relative:
        entries = [x for row in matrix.rows for x in row]
        boxes = relative_region(alg, leading_exponents(alg, entries), order) or [order]
    else:
        boxes = [order]
    result = None
    for box in boxes:
        c = compare(label, entry, formula, series, box, note=note, claim_word="your")
        if result is None or (result.verdict == "agrees" and c.verdict != "agrees"):
            result = c
    assert result is not None
    return result


def check_claims(
    claims: Sequence[Claim],
    target: Any,
    *,
    order: Mapping[str, int] | None = None,
    max_order: int = MAX_ORDER,
) -> list[Comparison]:
    """Compare claims with a target (see :func:`check_against`, :func:`check_formula`)."""
    table = target.symbols()
    _, base = target.get(None)
    comparisons: list[Comparison] = []
    for claim in claims:
        wanted = _claimed_orders(claim, base.orders, order, base.small_names)
        reach = {k: min(v, max(max_order, base.orders[k])) for k, v in wanted.items()}
        need = {k: max(v, base.orders[k]) for k, v in reach.items()}
        _, derived = target.get(None if need == base.orders else need)
        beyond = {k: v for k, v in wanted.items() if v > reach[k]}
        orders = [reach[k] for k in derived.small_names]
        kind, _ = claim.kind
        label = claim.label or (claim.quantity if claim.quantity not in ("mass", "m") else "masses")
        shapes = {k: v[0].shape for k, v in derived.matrices.items()}
        for entry, formula in _parse_claim(claim, table, derived.n,
                                           shapes if derived.matrices else None):
            printed = derived.to_expansion(formula)
            text = "claimed to " + ", ".join(f"{k}^{v}" for k, v in wanted.items())
            if kind in BLOCK_QUANTITIES:
                try:
                    c = _block_comparison(label, entry, printed, derived, kind, orders, text)
                except ValueError as exc:
                    raise InputError(f"{label} {entry}: {exc}") from None
                comparisons.append(_beyond(c, beyond, reach, max_order))
                continue
            if kind == "U":
                series = derived.U(entry[0] - 1, entry[1] - 1)
                bounds: tuple = (*orders, INF)
            else:
                series, boxes = _mass_region(derived.alg, derived.masses[entry[0] - 1], orders)
                bounds = enclosing_bounds(boxes, len(orders))
                # mass orders are relative: the note gives the absolute ones
                text = _relative_order_text(wanted, derived.small_names, bounds)
            try:
                if kind != "U" and len(boxes) > 1:  # compare on the union of the boxes only
                    printed = claim_series(series.alg, printed, bounds)
                    series, printed = (truncate_relative(x, boxes) for x in (series, printed))
                c = compare(label, entry, printed, series, bounds, note=text, claim_word="your")
            except ValueError as exc:
                raise InputError(f"{label} {entry}: {exc}") from None
            comparisons.append(_beyond(c, beyond, reach, max_order))
    return comparisons


def _relative_order_text(wanted: Mapping[str, int], names: Sequence[str],
                         bounds: Sequence[float]) -> str:
    """``claimed to m_D^2, mu^1 beyond the leading term (up to m_D^4, mu^1 absolute)``."""
    relative = ", ".join(f"{k}^{v}" for k, v in wanted.items())
    absolute = ", ".join(f"{k}^{int(b)}" for k, b in zip(names, bounds, strict=False)
                         if b != INF)
    return f"claimed to {relative} beyond the leading term (up to {absolute} absolute)"


def _beyond(c: Comparison, beyond: Mapping[str, int], reach: Mapping[str, int],
            max_order: int) -> Comparison:
    """Mark a comparison whose claim goes beyond the order that could be derived."""
    if beyond:
        reached = ", ".join(f"{k}^{reach[k]}" for k in beyond)
        c.note += (f"; the claim goes beyond the order derived (limit {max_order}): "
                   f"checked only up to {reached}")
        if c.verdict == "agrees":
            c.verdict = "ambiguous"
    return c


def _as_claims(claims: Any, quantity: str, order: Mapping[str, int] | None,
               syntax: str) -> list[Claim]:
    if isinstance(claims, Claim):
        return [claims]
    if isinstance(claims, ClaimFile):
        return list(claims.claims)
    if isinstance(claims, Sequence) and not isinstance(claims, str) and claims and all(
        isinstance(c, Claim) for c in claims
    ):
        return list(claims)
    return [Claim(quantity, claims, dict(order) if order else None, syntax)]



def check_against(
    name: str | ModuleType,
    claims: Any,
    *,
    quantity: str = "U",
    order: Mapping[str, int] | None = None,
    syntax: str = "auto",
    max_order: int = MAX_ORDER,
    registry: Mapping[str, ModuleType] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Comparison]:
    r"""Check claims against a registered derivation.

    Parameters
    ----------
    name : str or module
        Registry name (``"seed001-no"``) or a derivation module.
    claims : str, sympy object, Claim, list of Claim or ClaimFile
        A formula (sympy syntax or LaTeX; a matrix for ``quantity="U"``, a list
        for ``"masses"``), or parsed claims (:func:`read_claims`).
    quantity : str
        For a bare formula: ``"U"``, ``"masses"``, ``"U[i,j]"`` or ``"m[k]"``.
    order : dict, optional
        Small parameter name -> order the claim is stated to (overrides the
        claims' own); default the derivation's orders.
    syntax : {"auto", "latex", "sympy"}
    max_order : int
        Re-derive automatically up to this order when a claim goes beyond the
        derivation's orders.
    registry : mapping, optional
        Default: the registered derivations (:func:`symseesaw.registry.load_registry`).
    progress : callable, optional
        Called with progress messages.

    Returns
    -------
    list of Comparison
        One per compared entry.

    Examples
    --------
    >>> cs = check_against("seed001-no", r"\epsilon_1", quantity="U[1,4]")  # doctest: +SKIP
    >>> cs[0].verdict  # doctest: +SKIP
    'agrees'
    """
    if isinstance(name, str):
        if registry is None:
            from symseesaw.registry import load_registry

            registry = load_registry()
        if name not in registry:
            raise KeyError(f"unknown derivation {name!r} (known: {', '.join(registry)})")
        module, label = registry[name], name
    else:
        module, label = name, getattr(name, "NAME", name.__name__)
    target = RegistryTarget(module, label, progress)
    return check_claims(_as_claims(claims, quantity, order, syntax), target, order=order,
                        max_order=max_order)


def check_formula(
    claims: Any,
    mass_matrix: sp.MatrixBase,
    n_light: int,
    small: Mapping[sp.Symbol | str, int],
    *,
    quantity: str = "U",
    syntax: str = "auto",
    symbols: Iterable[sp.Symbol] | None = None,
    max_order: int = MAX_ORDER,
    progress: Callable[[str], None] | None = None,
    latex_names: Mapping[sp.Symbol, str] | None = None,
    **expansion_options: Any,
) -> list[Comparison]:
    r"""Check claims against the seesaw expansion of a mass matrix (no registry).

    Parameters
    ----------
    claims : str, sympy object, Claim, list of Claim or ClaimFile
        See :func:`check_against`.
    mass_matrix : sympy.Matrix
        The full ``(n_light + n_heavy)``-square Majorana mass matrix.
    n_light : int
    small : mapping
        Small parameter (Symbol or name of a symbol of the matrix) -> order.
    quantity, syntax, max_order, progress
        As in :func:`check_against`.
    symbols : iterable of Symbol, optional
        Symbols the claims may use (default: those of the matrix).
    latex_names : mapping Symbol -> str, optional
        Custom LaTeX names (a model file's ``latex = "..."``) that LaTeX claims may use.
    **expansion_options
        Passed to :func:`symseesaw.api.seesaw_expansion` (``light_basis``,
        ``convention``, ``quasi_degenerate_light``, ...).  ``mode="blocks"``
        checks claims on the blocks-mode matrices instead
        (:func:`symseesaw.api.seesaw_blocks`; ``total``, ``weights`` and
        ``convention`` apply): ``light_mass_matrix``, ``heavy_mass_matrix``
        (orders relative to the leading part of the whole block), ``W``, ``N``,
        ``Theta``, ``eta`` (absolute orders), or their entries ``W[i,j]``.

    Returns
    -------
    list of Comparison
    """
    mass_matrix = sp.Matrix(mass_matrix)
    pool = {s.name: s for s in mass_matrix.free_symbols if isinstance(s, sp.Symbol)}
    for s in symbols or ():
        pool.setdefault(s.name, s)
    small_syms: dict[sp.Symbol, int] = {}
    for key, value in small.items():
        # the derivation never goes beyond max_order (as with --matrix): a claim of a
        # higher order is reported as beyond the order derived, not derived for minutes
        value = min(check_order_value(str(key), value), max(int(max_order), 0))
        if isinstance(key, sp.Symbol):
            small_syms[key] = value
        elif key in pool:
            small_syms[pool[key]] = value
        else:
            raise ValueError(f"small parameter {key!r} does not occur in the mass matrix "
                             f"(symbols: {', '.join(sorted(pool)) or 'none'})")
    # cross-branch (fix-io): a model file's LaTeX names are accepted in LaTeX claims
    table = SymbolTable(list(pool.values()) + list(small_syms), latex_names=latex_names)
    claim_list = _as_claims(claims, quantity, None, syntax)
    options = dict(expansion_options)
    blocks = options.pop("mode", "full") == "blocks"
    unknown_shapes = dict.fromkeys(BLOCK_QUANTITIES) if blocks else None
    for claim in claim_list:  # read every claim (and its limits) before expanding
        _parse_claim(claim, table, mass_matrix.rows, unknown_shapes)
    kind = BlocksTarget if blocks else ExpansionTarget
    target = kind(mass_matrix, n_light, small_syms, table, options if blocks else
                  expansion_options, progress)
    return check_claims(claim_list, target, max_order=max_order)
