"""What a user does with a result: prove it, evaluate it, typeset it.

These are functions, not methods, so that the results -- the engine's
expansion objects (:class:`symseesaw.api.SeesawExpansion`,
:class:`symseesaw.api.SeesawBlocks`) and the derivation records
(:class:`symseesaw.result.DerivationResult`) -- stay in their layers and never
import the numerics or the output layer above them. Each function dispatches
on the kind of result it is given.

>>> report = prove(result, dps=40, base_point={...})   # doctest: +SKIP
>>> masses = lambdify(result, "masses")                 # doctest: +SKIP
>>> fragment = latex(result, split="order")             # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sympy as sp

from symseesaw.api import SeesawBlocks, SeesawExpansion
from symseesaw.expansion import SERIES_LAMBDIFY_TERMS, Expansion
from symseesaw.numerics.lambdify import lambdify_matrix, lambdify_series
from symseesaw.numerics.proof import prove_expansion
from symseesaw.numerics.proof_blocks import prove_blocks
from symseesaw.numerics.proof_rays import prove_on_rays
from symseesaw.output.latex import result_to_latex
from symseesaw.registry import get_derivation, load_registry
from symseesaw.result import DerivationResult, ProofReport


def _engine_result(result: Any) -> Any:
    """The engine result inside a blocks-mode model record, else ``result`` itself.

    A :class:`symseesaw.modelfile.BlocksModelResult` (a layer above this one,
    hence recognised by its ``blocks`` attribute) holds a :class:`SeesawBlocks`.
    """
    blocks = getattr(result, "blocks", None)
    return blocks if isinstance(blocks, SeesawBlocks) else result


def _by_name(func: Callable[..., Any], args: Sequence[sp.Symbol]) -> Callable[..., Any]:
    """``func(*values)`` also callable as ``f(name=value, ...)`` (keywords by symbol name)."""
    names = [s.name for s in args]

    def evaluate(*values: Any, **by_name: Any) -> Any:
        if by_name:
            if values:
                raise TypeError("pass values either by position or by name, not both")
            missing = [n for n in names if n not in by_name]
            extra = sorted(set(by_name) - set(names))
            if missing or extra:
                raise TypeError(f"missing values for {missing}, unknown names {extra}")
            values = tuple(by_name[n] for n in names)
        if len(values) != len(names):
            raise TypeError(f"expected {len(names)} values ({', '.join(names)})")
        return func(*values)

    evaluate.symbols = list(args)  # type: ignore[attr-defined]
    return evaluate


def _result_symbols(result: DerivationResult) -> list[sp.Symbol]:
    found: set[sp.Symbol] = set(result.mixing_matrix.free_symbols)
    for m in result.masses:
        found |= sp.sympify(m).free_symbols
    listed = [s for s in result.symbols if s in found]
    return listed + sorted(found - set(listed), key=str)


def lambdify(
    result: DerivationResult | Expansion,
    quantity: str = "mixing",
    symbols: Sequence[sp.Symbol] | None = None,
    backend: str = "numpy",
    *,
    dps: int | None = None,
    method: str = "auto",
) -> Callable[..., Any]:
    """Compile one quantity of ``result`` into a numeric function.

    Parameters
    ----------
    result : DerivationResult or Expansion
        A derivation record, or an engine result (full expansion or blocks mode).
    quantity : str
        ``"mixing"`` or ``"masses"``; for an engine result any of its
        ``quantities`` (e.g. ``"W"``, ``"light_mass_matrix"``, ``"eta"``).
    symbols : sequence of Symbol, optional
        Argument order; default: the result's symbols that occur, in the order
        of ``result.symbols`` (available as ``f.symbols``).
    backend : {"numpy", "mpmath"}
        See :func:`symseesaw.numerics.lambdify_matrix` (``cse=True``).

    dps : int, optional
        mpmath precision (engine results).
    method : {"auto", "cse", "series"}
        Engine results: ``"cse"`` compiles the sympy quantity with
        common-subexpression elimination (chunked for long sums); ``"series"``
        evaluates the series term by term (linear in the number of terms, no
        sympy build); ``"auto"`` picks ``"series"`` above
        :data:`symseesaw.expansion.SERIES_LAMBDIFY_TERMS` terms.

    Returns
    -------
    callable
        ``f(*values)`` or ``f(name=value, ...)`` (keywords by symbol name); with
        numpy, array arguments broadcast and the matrix axes come last.
    """
    result = _engine_result(result)
    if isinstance(result, Expansion):
        return _lambdify_expansion(result, quantity, symbols, backend, dps, method)
    if quantity == "mixing":
        target: Any = sp.Matrix(result.mixing_matrix)
    elif quantity == "masses":
        target = [sp.sympify(m) for m in result.masses]
    else:
        raise ValueError(f"quantity must be 'mixing' or 'masses', got {quantity!r}")
    args = list(symbols) if symbols is not None else _result_symbols(result)
    evaluate = _by_name(lambdify_matrix(target, args, backend), args)
    evaluate.__doc__ = f"{quantity} of {result.name}; arguments: " \
        f"{', '.join(s.name for s in args)}"
    return evaluate


def _lambdify_expansion(expansion: Expansion, name: str, symbols, backend: str,
                        dps: int | None, method: str) -> Callable[..., Any]:
    if method not in ("auto", "cse", "series"):
        raise ValueError(f"method must be 'auto', 'cse' or 'series', got {method!r}")
    args = list(symbols) if symbols is not None else expansion.free_symbols()
    entries, shape = expansion._entries(name)
    if method == "auto":
        size = sum(len(x.terms) for x in entries)
        method = "series" if size > SERIES_LAMBDIFY_TERMS else "cse"
    if method == "series":
        func = lambdify_series(entries, shape or (len(entries),), args, backend, dps=dps)
    else:
        func = lambdify_matrix(expansion.to_sympy(name), args, backend, dps=dps)
    return _by_name(func, args)


def latex(
    result: DerivationResult | Expansion,
    latex_names: Mapping[sp.Symbol, str] | None = None,
    **options: Any,
) -> str:
    """LaTeX of ``result``.

    A derivation record gives a fragment for ``\\input``
    (:func:`symseesaw.output.latex.result_to_latex`); an engine result gives its
    displayed quantities through sympy's printer (``sympy.latex`` settings apply).
    """
    result = _engine_result(result)
    if isinstance(result, Expansion):
        if latex_names:
            options.setdefault("symbol_names", dict(latex_names))
        return result.latex(**options)
    return result_to_latex(result, latex_names=latex_names, **options)


def _on_rays(prove_ray: Callable[[Mapping | None], ProofReport], small: Mapping,
             direction: Mapping | None, weights: Mapping | None,
             total: int | None = None) -> ProofReport:
    """The default rays, or one ray when ``direction``/``weights`` is given or one parameter.

    See :func:`symseesaw.numerics.proof_rays.prove_on_rays`.
    """
    if direction is not None or weights is not None or len(small) < 2:
        return prove_ray(weights)
    return prove_on_rays(prove_ray, small, total)


def prove(
    result: DerivationResult | SeesawExpansion | SeesawBlocks,
    base_point: Mapping[Any, float] | None = None,
    direction: Mapping[Any, float] | None = None,
    dps: int = 50,
    *,
    t_values: Sequence[float] | None = None,
    weights: Mapping[Any, float] | None = None,
) -> ProofReport:
    """Prove the orders of ``result`` numerically against exact mpmath diagonalization.

    With two or more small parameters and neither ``direction`` nor
    ``weights`` given, the proof scans several rays
    (:func:`symseesaw.numerics.proof_rays.prove_on_rays`): the equal-weight
    ray ``s = t`` and, when the orders ``n_s`` differ, the balanced ray
    ``s = t**((n_max + 1) / (n_s + 1))``, which catches a wrong kept term that
    the equal-weight ray cannot (e.g. ``eps^2`` at orders ``{eps: 2, r: 1}``).
    The report passes only if every ray passes; its notes name the kept terms
    that no ray can test (box corners such as ``eps^2 kappa^2`` at orders
    ``(2, 2)``).  An explicit ``direction`` or ``weights`` scans that one ray.

    Parameters
    ----------
    result : DerivationResult, SeesawExpansion or SeesawBlocks
        A derivation record (its report is also stored in ``result.proof``), a
        full expansion (:func:`symseesaw.numerics.prove_expansion`) or a blocks
        mode result (:func:`symseesaw.numerics.proof_blocks.prove_blocks`).
    base_point : dict, optional
        A value for every symbol that is not small. Required for engine
        results and for records of unregistered names (model files); for a
        record of a registered derivation without it, the derivation proves it
        with its own scan. A record holding the engine's own expansion is
        proved as that expansion.
    direction : dict, optional
        Scan direction of the small parameters (default: a base-point value
        given for a small parameter, else 1).
    dps : int
        mpmath precision (decimal digits).
    t_values : sequence of float, optional
        Scan points ``t`` (engine results).
    weights : dict, optional
        Ray exponents: small parameter ``s`` scans as ``direction[s] *
        t**weights[s]`` (default 1 each). Given ``direction`` or ``weights``,
        one ray is scanned; given neither, a result whose small parameters
        have different orders is scanned along the equal-weight ray and the
        balanced ray too (:func:`symseesaw.numerics.proof_rays.default_rays`),
        and the report names the kept terms no ray tests.

    Raises
    ------
    ValueError
        Missing ``base_point`` for an engine result or a record whose name is
        not a registered derivation, or a base point outside the asymptotic
        region (see the numerics layer).
    """
    engine = _engine_result(result)
    if base_point is None and (engine is not result or (
            isinstance(result, DerivationResult) and result.name not in load_registry())):
        raise ValueError(f"proving the model result {result.name!r} needs base_point= (a "
                         "value for every symbol that is not small), or use "
                         "symseesaw.modelfile.prove_model(spec, result), which picks one")
    if engine is not result:  # a blocks-mode model record: prove its blocks, keep the report
        result.proof = prove(engine, base_point, direction, dps, t_values=t_values,
                             weights=weights)
        return result.proof
    if isinstance(result, SeesawBlocks):
        if base_point is None:
            raise ValueError("proving a blocks-mode result needs base_point= (a value for "
                             "every symbol that is not small)")
        return _on_rays(
            lambda w: prove_blocks(result, base_point, direction=direction, dps=dps,
                                   t_values=t_values, weights=w),
            result.small, direction, weights, result.total)
    if isinstance(result, SeesawExpansion):
        if base_point is None:
            raise ValueError("proving an expansion needs base_point= (a value for every "
                             "symbol that is not small)")
        if result.total is not None and not result.algebra.unit_weights:
            raise NotImplementedError(
                "proving an expansion with a weighted total order is not supported: prove "
                "it with total=None, or pass direction= and a predicted= slope to "
                "symseesaw.numerics.prove_expansion")
        total = result.total
        return _on_rays(
            lambda w: prove_expansion(
                result.mass_matrix, result.mixing_matrix, result.masses,
                symbols=result.free_symbols(), small=result.small, base_point=base_point,
                direction=direction, default_direction=1.0, weights=w, total=total,
                convention=result.convention, dps=dps, t_values=t_values,
                groups=result.subspace_groups),
            result.small, direction, weights, total)
    if base_point is not None and isinstance(result.expansion, SeesawExpansion):
        # one verdict: a record holding the engine's expansion is proved exactly as the
        # expansion is (same groups judged by projector, same direction default)
        report = prove(result.expansion, base_point, direction, dps, t_values=t_values,
                       weights=weights)
    elif base_point is not None:
        symbols = sorted(
            set(result.mass_matrix.free_symbols) | set(_result_symbols(result))
            | set(result.small),
            key=str,
        )
        report = _on_rays(
            lambda w: prove_expansion(
                result.mass_matrix, result.mixing_matrix, result.masses, symbols=symbols,
                small=result.small, base_point=base_point, direction=direction,
                default_direction=1.0, weights=w, convention=result.convention, dps=dps,
                t_values=t_values),
            result.small, direction, weights)
    else:
        report = get_derivation(result.name).prove(result, dps=dps)
    result.proof = report
    return report
