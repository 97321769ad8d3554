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

Both use common-subexpression elimination (``sympy.lambdify(..., cse=True)``).
Results with sums or products too long for Python's compiler (a sum of a few
thousand terms overflows its recursion limit) are compiled in chunks instead:
after ``sympy.cse`` every sum (product) of more than :data:`CHUNK` terms is
split into partial sums assigned to intermediate variables, so no generated
line is longer than ``CHUNK`` terms, whatever the size of the result. No user
text is ever evaluated: the generated code is printed by sympy's own code
printers from sympy expressions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

import mpmath
import sympy as sp

from symseesaw.linalg.evaluate import evaluate_tables, term_tables
from symseesaw.numerics.takagi import to_mp

if TYPE_CHECKING:  # lazy import: numpy is loaded by the numpy backend only (issue 11)
    import numpy as np

__all__ = ["lambdify_matrix", "chunked_lambdify", "lambdify_series"]

BACKENDS = ("numpy", "mpmath")
#: Largest number of terms of one sum (or factors of one product) in a generated line.
CHUNK = 200


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


def _split_long(expr: sp.Expr, assign: list[tuple[sp.Symbol, sp.Expr]], fresh) -> sp.Expr:
    """``expr`` with every Add/Mul of more than CHUNK arguments replaced by partial results.

    The partial results are appended to ``assign`` as ``(symbol, expression)``;
    the traversal is iterative over long argument lists and recursive only in
    the depth of the expression tree.
    """
    if expr.is_Atom or not expr.args:
        return expr
    args = [_split_long(a, assign, fresh) for a in expr.args]
    if (expr.is_Add or expr.is_Mul) and len(args) > CHUNK:
        while len(args) > CHUNK:
            parts = []
            for k in range(0, len(args), CHUNK):
                sym = fresh()
                assign.append((sym, expr.func(*args[k:k + CHUNK], evaluate=False)))
                parts.append(sym)
            args = parts
        return expr.func(*args, evaluate=False)
    if all(a is b for a, b in zip(args, expr.args)):
        return expr
    return expr.func(*args)


def chunked_lambdify(symbols: Sequence[sp.Symbol], entries: Sequence[sp.Expr], backend: str
                     ) -> Callable[..., list]:
    """Compile ``entries`` like ``sympy.lambdify(symbols, entries, cse=True)``, in chunks.

    Parameters
    ----------
    symbols : sequence of Symbol
        Argument order.
    entries : sequence of sympy.Expr
        What the function returns (a list, in this order).
    backend : {"numpy", "mpmath"}
        Printer and namespace of the generated code.

    Returns
    -------
    callable
        ``f(*values) -> list`` of the evaluated entries.
    """
    args = [sp.Dummy(f"a{k}") for k in range(len(symbols))]
    safe = dict(zip(symbols, args))
    entries = [sp.sympify(e).xreplace(safe) for e in entries]
    counter = iter(range(10**12))

    def fresh() -> sp.Symbol:
        return sp.Symbol(f"_chunk{next(counter)}")

    # Split first, then eliminate common subexpressions chunk by chunk: sympy's
    # cse matches common arguments pairwise over everything it is given, which is
    # quadratic in the number of terms (137 s for one sum of 20,000 terms).
    chunks: list[tuple[sp.Symbol, sp.Expr]] = []
    outputs = [_split_long(e, chunks, fresh) for e in entries]
    pieces = chunks + [(None, e) for e in outputs]
    lines: list[tuple[sp.Symbol, sp.Expr]] = []
    results = []
    for k, (sym, value) in enumerate(pieces):
        replacements, (reduced,) = sp.cse([value], symbols=sp.numbered_symbols(f"_cse{k}_"))
        lines.extend(replacements)
        if sym is None:
            results.append(reduced)
        else:
            lines.append((sym, reduced))
    # sympy's own code generation, handed the chunked common subexpressions
    modules = ["numpy"] if backend == "numpy" else ["mpmath"]
    return sp.lambdify(args, results, modules=modules, cse=lambda _exprs: (lines, results),
                       docstring_limit=0)


def _longest_sum(entries: Sequence[sp.Expr]) -> int:
    """Largest number of arguments of an Add or Mul in ``entries`` (shared subtrees once)."""
    longest = 0
    seen: set[int] = set()
    stack = list(entries)
    while stack:
        expr = stack.pop()
        if id(expr) in seen or not isinstance(expr, sp.Basic) or not expr.args:
            continue
        seen.add(id(expr))
        if expr.is_Add or expr.is_Mul:
            longest = max(longest, len(expr.args))
        stack.extend(expr.args)
    return longest


def _compile(symbols: Sequence[sp.Symbol], entries: list[sp.Expr], backend: str) -> Callable:
    """``sympy.lambdify(..., cse=True)``, or the chunked compiler for long results."""
    if _longest_sum(entries) > CHUNK:
        return chunked_lambdify(symbols, entries, backend)
    modules = "numpy" if backend == "numpy" else "mpmath"
    try:
        return sp.lambdify(list(symbols), entries, modules=modules, cse=True)
    except RecursionError:
        return chunked_lambdify(symbols, entries, backend)


def _numpy_callable(
    entries: list[sp.Expr], symbols: Sequence[sp.Symbol], shape: tuple[int, ...]
) -> Callable[..., np.ndarray]:
    """Vectorized numpy evaluation with broadcasting."""
    import numpy as np  # lazy import: only the numpy backend needs numpy (issue 11)

    func = _compile(symbols, entries, "numpy")

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
    func = _compile(symbols, entries, "mpmath")

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


def lambdify_series(
    entries: Sequence[Any],
    shape: tuple[int, ...],
    symbols: Sequence[sp.Symbol],
    backend: str = "numpy",
    *,
    dps: int | None = None,
) -> Callable[..., object]:
    """Numeric function of truncated series, evaluated term by term (no sympy build).

    For results too large for sympy's ``cse`` and printers (millions of
    operations), the terms are evaluated from the series themselves: every
    generator of the algebra (small parameter, symbol, conjugate, surd, ``i``,
    atom ``1/P``) is evaluated once per call, its powers are tabulated, and
    each entry is the sum of ``coefficient * product of powers`` -- linear in
    the number of terms, with the powers shared like common subexpressions.

    Parameters
    ----------
    entries : sequence of Series
        Flat entries (row-major for a matrix), all of one algebra.
    shape : tuple
        ``(rows, cols)`` for a matrix, ``(k,)`` for a list.
    symbols : sequence of Symbol
        Argument order; must contain every free symbol of the generators used.
    backend : {"numpy", "mpmath"}
    dps : int, optional
        mpmath precision.

    Returns
    -------
    callable
        Same shapes as :func:`lambdify_matrix`.
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {BACKENDS}")
    entries = list(entries)
    if not entries:
        raise ValueError("nothing to evaluate: no entries")
    used, tables = term_tables(entries)
    gens = entries[0].alg.registry.generators
    gen_exprs = [sp.sympify(gens[i].expr) for i in used]
    _check_symbols(gen_exprs, symbols)
    gen_func = _compile(list(symbols), gen_exprs, backend)
    if backend == "numpy":
        return _series_numpy(tables, gen_func, shape)
    return _series_mpmath(tables, gen_func, shape, dps)


def _series_numpy(tables, gen_func, shape, block: int = 4096):
    """Vectorized over terms: exponent matrix times generator values, in blocks of terms."""
    import numpy as np  # lazy import: only the numpy backend needs numpy (issue 11)

    prepared = []
    for rows in tables:
        coeffs = np.array([num / den for num, den, _ in rows], dtype=float)
        width = 1 + max((k for _, _, powers in rows for k, _ in powers), default=-1)
        exps = np.zeros((len(rows), width), dtype=np.int64)
        for r, (_, _, powers) in enumerate(rows):
            for k, e in powers:
                exps[r, k] = e
        prepared.append((coeffs, exps))

    def evaluate(*args: object) -> np.ndarray:
        values = [np.asarray(a) for a in args]
        base = np.broadcast_shapes(*(v.shape for v in values)) if values else ()
        gens = [np.broadcast_to(np.asarray(g), base) for g in gen_func(*values)]
        extra = (slice(None),) + (None,) * len(base)
        outs = []
        for coeffs, exps in prepared:
            total = np.zeros(base, dtype=complex)
            for start in range(0, len(coeffs), block):
                term = coeffs[start:start + block][extra] * np.ones(base)
                for k in range(exps.shape[1]):
                    col = exps[start:start + block, k]
                    if col.any():
                        term = term * gens[k].astype(complex)[None, ...] ** col[extra]
                total = total + term.sum(axis=0)
            outs.append(total)
        stacked = np.stack(outs, axis=-1) if outs else np.zeros(base + (0,))
        if not np.iscomplexobj(stacked) or not np.any(stacked.imag):
            stacked = stacked.real
        return stacked.reshape(base + tuple(shape))

    return evaluate


def _series_mpmath(tables, gen_func, shape, dps):
    def evaluate(*args: object) -> object:
        context = mpmath.workdps(dps) if dps is not None else nullcontext()
        with context:
            gens = [to_mp(g) for g in gen_func(*[to_mp(a) for a in args])]
            outs = evaluate_tables(tables, gens)
        if len(shape) == 1:
            return outs
        out = mpmath.matrix(shape[0], shape[1])
        for idx, x in enumerate(outs):
            out[idx // shape[1], idx % shape[1]] = x
        return out

    return evaluate
