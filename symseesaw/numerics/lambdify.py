"""Turn sympy matrices and lists of expressions into fast numeric callables.

Two backends are provided:

``"numpy"``
    Vectorized double precision.  Parameter values may be arrays; they are
    broadcast against each other and the result has shape
    ``broadcast_shape + (rows, cols)`` for a matrix, ``broadcast_shape + (k,)``
    for a list of ``k`` expressions and ``broadcast_shape`` for a single
    expression.
``"mpmath"``
    Arbitrary precision.  Returns an ``mpmath.matrix`` for a matrix, a list of
    ``mpf``/``mpc`` for a list and a single number for a single expression.
    Exact constants (``1/3``, ``sqrt(6)``, ``pi``) are evaluated at the current
    (or requested) mpmath precision at call time; sympy ``Float`` constants keep
    their own precision, so write exact constants as ``Rational``.

Both use ``sympy.lambdify(..., cse=True)``; no text is ever evaluated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext

import mpmath
import numpy as np
import sympy as sp

from symseesaw.numerics.takagi import to_mp

__all__ = ["lambdify_matrix"]

BACKENDS = ("numpy", "mpmath")


def _flatten(obj: object) -> tuple[list[sp.Expr], tuple[int, ...], str]:
    """Flat list of entries, their shape and the container kind."""
    if isinstance(obj, sp.MatrixBase):
        return [sp.sympify(e) for e in obj], tuple(obj.shape), "matrix"
    if isinstance(obj, sp.Basic):
        return [obj], (), "scalar"
    if isinstance(obj, Sequence) and not isinstance(obj, str):
        entries = list(obj)
        if any(isinstance(e, (list, tuple, sp.MatrixBase)) for e in entries):
            raise ValueError(
                "nested lists are ambiguous; pass a sympy Matrix for 2-d data "
                "or a flat list of expressions"
            )
        return [sp.sympify(e, strict=True) for e in entries], (len(entries),), "list"
    raise ValueError(
        f"cannot lambdify an object of type {type(obj).__name__}; "
        "pass a sympy Matrix, a sympy expression or a list of expressions"
    )


def _check_symbols(entries: list[sp.Expr], symbols: Sequence[sp.Symbol]) -> None:
    """Every free symbol of the entries must be among ``symbols``."""
    missing = set().union(*(e.free_symbols for e in entries)) - set(symbols)
    if missing:
        names = ", ".join(sorted(str(s) for s in missing))
        raise ValueError(
            f"the expressions contain symbols not listed in `symbols`: {names}; "
            "add them to `symbols` (or substitute numbers for them first)"
        )


def _numpy_callable(
    entries: list[sp.Expr], symbols: Sequence[sp.Symbol], shape: tuple[int, ...]
) -> Callable[..., np.ndarray]:
    """Vectorized numpy evaluation with broadcasting."""
    func = sp.lambdify(list(symbols), entries, modules="numpy", cse=True)

    def evaluate(*args: object) -> np.ndarray:
        values = [np.asarray(a) for a in args]
        base = np.broadcast_shapes(*(v.shape for v in values)) if values else ()
        outs = [np.broadcast_to(np.asarray(x), base) for x in func(*values)]
        stacked = np.stack(outs, axis=-1) if outs else np.zeros(base + (0,))
        stacked = stacked.astype(np.result_type(stacked.dtype, np.float64), copy=False)
        return stacked.reshape(base + shape)

    return evaluate


def _mpmath_callable(
    entries: list[sp.Expr],
    symbols: Sequence[sp.Symbol],
    shape: tuple[int, ...],
    kind: str,
    dps: int | None,
) -> Callable[..., object]:
    """Full-precision mpmath evaluation."""
    func = sp.lambdify(list(symbols), entries, modules="mpmath", cse=True)

    def evaluate(*args: object) -> object:
        context = mpmath.workdps(dps) if dps is not None else nullcontext()
        with context:
            values = [to_mp(a) for a in args]
            outs = [to_mp(x) for x in func(*values)]
        if kind == "scalar":
            return outs[0]
        if kind == "list":
            return outs
        rows, cols = shape
        out = mpmath.matrix(rows, cols)
        for idx, x in enumerate(outs):
            out[idx // cols, idx % cols] = x
        return out

    return evaluate


def lambdify_matrix(
    matrix_or_list: object,
    symbols: Sequence[sp.Symbol],
    backend: str = "numpy",
    *,
    dps: int | None = None,
) -> Callable[..., object]:
    """Compile a sympy matrix (or list of expressions) into a numeric function.

    Parameters
    ----------
    matrix_or_list : sympy Matrix, sympy expression or sequence of expressions
        What to evaluate.  ``conjugate``, ``re``, ``im``, ``Abs``, ``exp``,
        ``sqrt`` and the usual elementary functions are supported.
    symbols : sequence of sympy.Symbol
        Argument order of the returned function; must contain every free
        symbol of the expressions.
    backend : {"numpy", "mpmath"}, optional
        See the module docstring for shapes and precision.
    dps : int or None, optional
        mpmath backend only: evaluate at this many digits (default: the
        current ``mpmath.mp.dps`` at call time).

    Returns
    -------
    callable
        ``f(*values)`` with one value per symbol, in the order of ``symbols``.

        * numpy: ``ndarray`` of shape ``broadcast(values) + (n, m)`` (matrix),
          ``broadcast(values) + (k,)`` (list) or ``broadcast(values)``
          (single expression); dtype float64 or complex128.
        * mpmath: ``mpmath.matrix`` / list of ``mpf``-``mpc`` / single number.

    Raises
    ------
    ValueError
        For an unknown backend, unsupported input or missing symbols.

    Examples
    --------
    >>> import sympy as sp
    >>> x = sp.Symbol("x")
    >>> f = lambdify_matrix(sp.Matrix([[x, 1], [1, x**2]]), [x])
    >>> f([1.0, 2.0]).shape
    (2, 2, 2)
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {BACKENDS}")
    symbols = list(symbols)
    entries, shape, kind = _flatten(matrix_or_list)
    _check_symbols(entries, symbols)
    if backend == "numpy":
        return _numpy_callable(entries, symbols, shape)
    return _mpmath_callable(entries, symbols, shape, kind, dps)
