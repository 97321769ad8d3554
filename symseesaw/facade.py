"""What a user does with a result: prove it, evaluate it, typeset it.

These are functions, not methods, so that the result records
(:mod:`symseesaw.result`) stay at the bottom of the layers and never import
the numerics or the output layer above them.

>>> report = prove(result, dps=40, base_point={...})   # doctest: +SKIP
>>> masses = lambdify(result, "masses")                 # doctest: +SKIP
>>> fragment = latex(result, split="order")             # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sympy as sp

from symseesaw.numerics.lambdify import lambdify_matrix
from symseesaw.numerics.proof import prove_expansion
from symseesaw.output.latex import result_to_latex
from symseesaw.registry import get_derivation
from symseesaw.result import DerivationResult, ProofReport


def _result_symbols(result: DerivationResult) -> list[sp.Symbol]:
    found: set[sp.Symbol] = set(result.mixing_matrix.free_symbols)
    for m in result.masses:
        found |= sp.sympify(m).free_symbols
    listed = [s for s in result.symbols if s in found]
    return listed + sorted(found - set(listed), key=str)


def lambdify(
    result: DerivationResult,
    quantity: str = "mixing",
    symbols: Sequence[sp.Symbol] | None = None,
    backend: str = "numpy",
) -> Callable[..., Any]:
    """Compile ``U`` (``quantity="mixing"``) or the masses (``"masses"``) of ``result``.

    Parameters
    ----------
    result : DerivationResult
    quantity : {"mixing", "masses"}
    symbols : sequence of Symbol, optional
        Argument order; default: the result's symbols that occur, in the order
        of ``result.symbols`` (available as ``f.symbols``).
    backend : {"numpy", "mpmath"}
        See :func:`symseesaw.numerics.lambdify_matrix` (``cse=True``).

    Returns
    -------
    callable
        ``f(*values)`` or ``f(name=value, ...)`` (keywords by symbol name); with
        numpy, array arguments broadcast and the matrix axes come last.
    """
    if quantity == "mixing":
        target: Any = sp.Matrix(result.mixing_matrix)
    elif quantity == "masses":
        target = [sp.sympify(m) for m in result.masses]
    else:
        raise ValueError(f"quantity must be 'mixing' or 'masses', got {quantity!r}")
    args = list(symbols) if symbols is not None else _result_symbols(result)
    func = lambdify_matrix(target, args, backend)
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

    evaluate.symbols = args  # type: ignore[attr-defined]
    evaluate.__doc__ = f"{quantity} of {result.name}; arguments: {', '.join(names)}"
    return evaluate


def latex(
    result: DerivationResult, latex_names: Mapping[sp.Symbol, str] | None = None, **options: Any
) -> str:
    """LaTeX fragment for ``\\input`` (see :func:`symseesaw.output.latex.result_to_latex`)."""
    return result_to_latex(result, latex_names=latex_names, **options)


def prove(
    result: DerivationResult,
    dps: int = 50,
    *,
    base_point: Mapping[Any, float] | None = None,
    direction: Mapping[Any, float] | None = None,
) -> ProofReport:
    """Prove the orders of ``result`` numerically; the report is also stored in ``result.proof``.

    With ``base_point`` (a value for every non-small symbol) the proof runs
    directly through :func:`symseesaw.numerics.prove_expansion`; otherwise the
    registered derivation named ``result.name`` proves it with its own scan.

    Raises
    ------
    symseesaw.registry.RegistryError
        No ``base_point`` and ``result.name`` is not a registered derivation.
    """
    if base_point is not None:
        symbols = sorted(
            set(result.mass_matrix.free_symbols) | set(_result_symbols(result))
            | set(result.small),
            key=str,
        )
        report = prove_expansion(
            result.mass_matrix, result.mixing_matrix, result.masses, symbols=symbols,
            small=result.small, base_point=base_point, direction=direction,
            convention=result.convention, dps=dps,
        )
    else:
        report = get_derivation(result.name).prove(result, dps=dps)
    result.proof = report
    return report
