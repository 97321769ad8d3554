"""Exact Takagi (Autonne-Takagi) factorization of symmetric matrices in mpmath.

For a complex symmetric ``M`` the factorization reads ``U^T M U = diag(m)``
with ``U`` unitary and ``m >= 0`` (the singular values of ``M``).  For a real
symmetric ``M`` the seed papers use a real orthogonal ``U`` and *signed*
eigenvalues instead; :func:`takagi` returns that form when ``real`` is true.

Algorithm
---------
Real case: ``mpmath.eigsy`` on ``M`` directly.

Complex case: with ``M = A + iB`` the real symmetric ``2n x 2n`` embedding

.. math::

    K = \\begin{pmatrix} A & -B \\\\ -B & -A \\end{pmatrix}

satisfies ``K (x, y) = s (x, y)``  iff  ``M u = s conj(u)`` for
``u = x + i y``.  Its spectrum is symmetric, ``(x, y) -> (-y, x)`` maps the
eigenvalue ``s`` to ``-s``.  Every orthonormal basis of the eigenvectors with
``s > 0`` gives orthonormal Takagi vectors -- also inside exactly degenerate
groups, because the complex inner product's imaginary part is the real inner
product with a ``-s`` eigenvector.  The (numerically) zero cluster is
``J``-invariant; a complex orthonormal basis of it is extracted and the small
compressed block is Takagi-factorized recursively, which handles exact zero
modes and singular values too small to separate from their ``-s`` partner.

All work is done with guard digits and checked a posteriori.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import mpmath
import sympy as sp

__all__ = [
    "PrecisionError",
    "as_mp_matrix",
    "check_threshold",
    "takagi",
    "to_mp",
]

#: Extra decimal digits used internally on top of the requested precision.
GUARD_DIGITS = 10
#: Accepted working precision of :func:`takagi` (decimal digits).
MIN_DPS = 5
MAX_DPS = 10000


class PrecisionError(ValueError):
    """Raised when a numerical result is not accurate at the working precision."""


# ---------------------------------------------------------------------------
# conversion helpers (shared with align, lambdify and proof)
# ---------------------------------------------------------------------------


def to_mp(value: object) -> mpmath.mpf | mpmath.mpc:
    """Convert a number (Python, numpy, sympy or mpmath) to an mpmath number.

    Parameters
    ----------
    value : object
        A number.  sympy numbers (``Rational``, ``sqrt(6)``, ``pi``, ...) are
        evaluated at the current mpmath precision.

    Returns
    -------
    mpmath.mpf or mpmath.mpc

    Raises
    ------
    ValueError
        If ``value`` is a sympy expression with free symbols or not a number.
    """
    if isinstance(value, (mpmath.mpf, mpmath.mpc)):
        return value
    if isinstance(value, sp.Basic):
        return _sympy_to_mp(value)
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        value = value.item()  # numpy scalar -> Python scalar
    if isinstance(value, complex):
        return mpmath.mpc(value.real, value.imag) if value.imag else mpmath.mpf(value.real)
    try:
        return mpmath.mpmathify(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"cannot convert {value!r} (type {type(value).__name__}) to an mpmath number; "
            "pass numbers (int, float, complex, sympy numbers or mpmath values)"
        ) from exc


def _sympy_to_mp(value: sp.Basic) -> mpmath.mpf | mpmath.mpc:
    """Evaluate a numeric sympy object at the current mpmath precision."""
    if value.free_symbols:
        names = ", ".join(sorted(str(s) for s in value.free_symbols))
        raise ValueError(
            f"cannot evaluate {value} numerically: it still contains the symbols {names}; "
            "substitute numbers for them first"
        )
    digits = mpmath.mp.dps + 5
    re_part, im_part = sp.N(value, digits).as_real_imag()
    re_mp = mpmath.mpf(sp.Float(re_part, digits)) if re_part != 0 else mpmath.mpf(0)
    if im_part == 0:
        return +re_mp
    return +mpmath.mpc(re_mp, mpmath.mpf(sp.Float(im_part, digits)))


def as_mp_matrix(M: object) -> mpmath.matrix:
    """Return a fresh mpmath matrix built from ``M``.

    Parameters
    ----------
    M : mpmath.matrix, sympy Matrix, numpy array or nested sequence
        Numeric 2-d data.

    Returns
    -------
    mpmath.matrix
        A copy; the input is never modified.
    """
    if isinstance(M, mpmath.matrix):
        rows = [[M[i, j] for j in range(M.cols)] for i in range(M.rows)]
    elif isinstance(M, sp.MatrixBase):
        rows = M.tolist()
    elif hasattr(M, "tolist") and hasattr(M, "ndim"):
        if M.ndim != 2:
            raise ValueError(f"expected a 2-d matrix, got an array with {M.ndim} dimensions")
        rows = M.tolist()
    elif isinstance(M, Sequence):
        rows = [list(r) if isinstance(r, Sequence) else [r] for r in M]
    else:
        raise ValueError(
            f"cannot interpret {type(M).__name__} as a matrix; "
            "pass an mpmath matrix, a sympy Matrix, a numpy array or a list of rows"
        )
    if not rows or any(len(r) != len(rows[0]) for r in rows):
        raise ValueError("matrix rows must be non-empty and all of the same length")
    out = mpmath.matrix(len(rows), len(rows[0]))
    for i, row in enumerate(rows):
        for j, entry in enumerate(row):
            out[i, j] = to_mp(entry)
    return out


def _max_abs(A: mpmath.matrix) -> mpmath.mpf:
    """Largest absolute entry of ``A``."""
    return max((abs(A[i, j]) for i in range(A.rows) for j in range(A.cols)), default=mpmath.mpf(0))


def _frobenius(A: mpmath.matrix) -> mpmath.mpf:
    """Frobenius norm of ``A``."""
    return mpmath.sqrt(sum(abs(A[i, j]) ** 2 for i in range(A.rows) for j in range(A.cols)))


def _is_real_matrix(A: mpmath.matrix) -> bool:
    """True when every entry has an exactly vanishing imaginary part."""
    return all(mpmath.im(A[i, j]) == 0 for i in range(A.rows) for j in range(A.cols))


def check_threshold(dps: int) -> mpmath.mpf:
    """Accuracy every factorization must reach at ``dps`` digits: ``10**(-0.6*dps)``."""
    return mpmath.mpf(10) ** (-0.6 * dps)


# ---------------------------------------------------------------------------
# input validation
# ---------------------------------------------------------------------------


def _symmetrized(A: mpmath.matrix, dps: int) -> mpmath.matrix:
    """Check that ``A`` is square and symmetric; return ``(A + A^T)/2``."""
    if A.rows != A.cols:
        raise ValueError(
            f"Takagi factorization needs a square matrix, got {A.rows}x{A.cols}; "
            "pass the full n x n mass matrix"
        )
    n = A.rows
    worst, where = mpmath.mpf(0), (0, 0)
    for i in range(n):
        for j in range(i + 1, n):
            gap = abs(A[i, j] - A[j, i])
            if gap > worst:
                worst, where = gap, (i, j)
    scale = _max_abs(A)
    if worst > check_threshold(dps) * scale:
        i, j = where
        raise ValueError(
            f"matrix is not symmetric: M[{i},{j}] = {mpmath.nstr(A[i, j], 8)} but "
            f"M[{j},{i}] = {mpmath.nstr(A[j, i], 8)} (difference {mpmath.nstr(worst, 3)}); "
            "a Majorana mass matrix must satisfy M = M^T -- fix the input or symmetrize it "
            "with (M + M.T)/2 if the difference is rounding noise"
        )
    S = mpmath.matrix(n, n)
    for i in range(n):
        for j in range(n):
            S[i, j] = (A[i, j] + A[j, i]) / 2
    return S


def _checked_dps(dps: object) -> int:
    """Working precision as an int in ``[MIN_DPS, MAX_DPS]`` (checked before any work)."""
    if isinstance(dps, bool) or not isinstance(dps, (int, numbers.Integral)):
        raise ValueError(f"dps must be an integer number of digits, got {dps!r}")
    if not MIN_DPS <= dps <= MAX_DPS:
        raise ValueError(
            f"dps={dps} is outside {MIN_DPS}..{MAX_DPS}; a Takagi factorization needs "
            f"at least {MIN_DPS} digits and at most {MAX_DPS}"
        )
    return int(dps)


def _finite_matrix(A: mpmath.matrix) -> mpmath.matrix:
    """Refuse NaN or infinite entries (the eigen-solver would not converge)."""
    for i in range(A.rows):
        for j in range(A.cols):
            if not mpmath.isfinite(A[i, j]):
                raise ValueError(
                    f"matrix entry [{i},{j}] is {A[i, j]}: a Takagi factorization needs finite "
                    "numbers; check the numeric point (a division by zero or an overflow)"
                )
    return A


def _resolve_real(A: mpmath.matrix, real: bool | None, dps: int) -> bool:
    """Decide between the real-orthogonal and the unitary factorization."""
    if real is None:
        return _is_real_matrix(A)
    if not real:
        return False
    worst = max(
        (abs(mpmath.im(A[i, j])) for i in range(A.rows) for j in range(A.cols)),
        default=mpmath.mpf(0),
    )
    if worst > check_threshold(dps) * _max_abs(A):
        raise ValueError(
            f"real=True was requested but M has imaginary parts up to {mpmath.nstr(worst, 3)}; "
            "use real=False (unitary U, non-negative masses) or pass a real matrix"
        )
    for i in range(A.rows):
        for j in range(A.cols):
            A[i, j] = mpmath.re(A[i, j])
    return True


# ---------------------------------------------------------------------------
# factorizations
# ---------------------------------------------------------------------------


def _columns(Q: mpmath.matrix, order: Sequence[int]) -> mpmath.matrix:
    """Matrix made of the columns ``order`` of ``Q``."""
    out = mpmath.matrix(Q.rows, len(order))
    for new, old in enumerate(order):
        for i in range(Q.rows):
            out[i, new] = Q[i, old]
    return out


def _snapped(m: list, resolution: mpmath.mpf) -> list:
    """Set values below the input resolution ``n * 10**-dps * ||M||`` to exactly zero."""
    return [mpmath.mpf(0) if abs(x) <= resolution else x for x in m]


def _order_by_magnitude(E: Sequence, tol: mpmath.mpf) -> list[int]:
    """Indices sorting ``E`` by ``|E|``; ``|E|`` equal within ``tol``: negative first."""
    order = sorted(range(len(E)), key=lambda k: abs(E[k]))
    clusters = [[order[0]]]
    for k in order[1:]:
        if abs(E[k]) - abs(E[clusters[-1][-1]]) <= tol:
            clusters[-1].append(k)
        else:
            clusters.append([k])
    return [k for cluster in clusters for k in sorted(cluster, key=lambda c: E[c])]


def _takagi_real(A: mpmath.matrix, tol: mpmath.mpf) -> tuple[mpmath.matrix, list]:
    """Real orthogonal ``U`` and signed eigenvalues ordered by ``|m|``.

    Eigenvalues whose moduli agree within ``tol`` (e.g. ``-1`` and ``+1``)
    are ordered negative first, so the order does not depend on round-off.
    """
    E, Q = mpmath.eigsy(A)
    order = _order_by_magnitude(E, tol)
    return _columns(Q, order), [E[k] for k in order]


def _embedding(A: mpmath.matrix) -> mpmath.matrix:
    """Real symmetric ``2n x 2n`` matrix ``[[Re, -Im], [-Im, -Re]]``."""
    n = A.rows
    K = mpmath.matrix(2 * n, 2 * n)
    for i in range(n):
        for j in range(n):
            a, b = mpmath.re(A[i, j]), mpmath.im(A[i, j])
            K[i, j], K[i, j + n] = a, -b
            K[i + n, j], K[i + n, j + n] = -b, -a
    return K


def _complex_vector(Q: mpmath.matrix, col: int, n: int) -> list:
    """``x + i y`` from the real eigenvector ``(x, y)`` in column ``col``."""
    return [mpmath.mpc(Q[i, col], Q[i + n, col]) for i in range(n)]


def _complex_basis(vectors: list[list], k: int) -> mpmath.matrix:
    """Orthonormal complex basis (``n x k``) of the complex span of ``vectors``.

    The span is obtained from the dominant eigenvectors of the Hermitian
    matrix ``sum_j v_j v_j^H`` (eigenvalue 2 for a ``J``-invariant real set).
    """
    n = len(vectors[0])
    P = mpmath.matrix(n, n)
    for v in vectors:
        for i in range(n):
            for j in range(n):
                P[i, j] += v[i] * mpmath.conj(v[j])
    E, Q = mpmath.eighe(P)
    order = sorted(range(n), key=lambda c: -mpmath.re(E[c]))[:k]
    return _columns(Q, order)


def _zero_cluster(A: mpmath.matrix, vectors: list[list], k: int) -> tuple[mpmath.matrix, list]:
    """Takagi vectors and values for the cluster of (near-)zero singular values."""
    Q0 = _complex_basis(vectors, k)
    S = Q0.T * A * Q0
    S = (S + S.T) / 2
    if _max_abs(S) == 0:
        return Q0, [mpmath.mpf(0)] * k
    W, sigma = _takagi_complex(S)
    return Q0 * W, sigma


def _takagi_complex(A: mpmath.matrix) -> tuple[mpmath.matrix, list]:
    """Unitary ``U`` and singular values in ascending order."""
    n = A.rows
    E, Q = mpmath.eigsy(_embedding(A))
    scale = max(abs(e) for e in E)
    if scale == 0:
        return mpmath.eye(n), [mpmath.mpf(0)] * n
    # Eigenvectors of +s and -s mix at the level eps/s; below ``tol`` (where
    # eps/tol = 10**(-0.6*dps_work) is still below the acceptance threshold)
    # the pair is treated by the zero-cluster construction instead.
    tol = scale * mpmath.mpf(10) ** (-(0.4 * mpmath.mp.dps))
    positive = [c for c in range(2 * n) if E[c] > tol]
    zero = [c for c in range(2 * n) if abs(E[c]) <= tol]
    if len(positive) > n or len(zero) < 2 * (n - len(positive)):
        raise PrecisionError(
            f"Takagi embedding of an {n}x{n} matrix returned {len(positive)} positive and "
            f"{len(zero)} near-zero eigenvalues (expected +/- pairs); the eigen-solver is "
            "not accurate enough -- raise mpmath.mp.dps"
        )
    cols = [_complex_vector(Q, c, n) for c in positive]
    values = [E[c] for c in positive]
    k = n - len(positive)
    if k:
        Z, zvals = _zero_cluster(A, [_complex_vector(Q, c, n) for c in zero], k)
        cols += [[Z[i, c] for i in range(n)] for c in range(k)]
        values += list(zvals)
    order = sorted(range(n), key=lambda c: values[c])
    U = mpmath.matrix(n, n)
    for new, old in enumerate(order):
        for i in range(n):
            U[i, new] = cols[old][i]
    return U, [mpmath.re(values[c]) for c in order]


# ---------------------------------------------------------------------------
# verification and public entry point
# ---------------------------------------------------------------------------


def takagi_residuals(
    M: mpmath.matrix, U: mpmath.matrix, m: Sequence
) -> tuple[mpmath.mpf, mpmath.mpf]:
    """Reconstruction and unitarity residuals of a factorization.

    Returns
    -------
    reconstruction : mpmath.mpf
        ``||U^T M U - diag(m)||_F / ||M||_F`` (absolute when ``M = 0``).
    unitarity : mpmath.mpf
        ``||U^H U - 1||_F``.
    """
    n = M.rows
    R = U.T * M * U - mpmath.diag(list(m))
    norm = _frobenius(M)
    recon = _frobenius(R) / norm if norm else _frobenius(R)
    return recon, _frobenius(U.H * U - mpmath.eye(n))


def _verify(M: mpmath.matrix, U: mpmath.matrix, m: list, dps: int) -> None:
    """Raise :class:`PrecisionError` unless the factorization is accurate."""
    recon, unit = takagi_residuals(M, U, m)
    limit = check_threshold(dps)
    if recon > limit or unit > limit:
        raise PrecisionError(
            f"Takagi factorization is inaccurate at mp.dps = {dps}: reconstruction residual "
            f"||U^T M U - diag(m)||/||M|| = {mpmath.nstr(recon, 3)}, unitarity residual "
            f"||U^H U - 1|| = {mpmath.nstr(unit, 3)} (limit {mpmath.nstr(limit, 3)}); "
            "raise mpmath.mp.dps (or pass a larger dps=)"
        )


def _rounded(U: mpmath.matrix, m: list) -> tuple[mpmath.matrix, list]:
    """Round results to the current (caller's) precision."""
    out = mpmath.matrix(U.rows, U.cols)
    for i in range(U.rows):
        for j in range(U.cols):
            out[i, j] = +U[i, j]
    return out, [+x for x in m]


def takagi(
    M: object, *, real: bool | None = None, dps: int | None = None
) -> tuple[mpmath.matrix, list]:
    """Takagi factorization ``U^T M U = diag(m)`` of a symmetric matrix.

    Parameters
    ----------
    M : mpmath.matrix or convertible (sympy Matrix, numpy array, list of rows)
        Square symmetric matrix.  Entries are converted at ``dps`` digits.
    real : bool or None, optional
        ``True``: real orthogonal ``U`` and *signed* real eigenvalues
        (``M`` must be real).  ``False``: unitary ``U`` and ``m >= 0``.
        ``None`` (default): ``True`` iff every entry of ``M`` is real.
    dps : int or None, optional
        Decimal precision; defaults to the current ``mpmath.mp.dps``.  The
        computation uses :data:`GUARD_DIGITS` extra digits internally and
        rounds the results to ``dps``.

    Returns
    -------
    U : mpmath.matrix
        ``n x n``; real orthogonal (real case) or unitary.
    m : list of mpmath.mpf
        Signed eigenvalues ordered by ascending ``|m|`` (ties: negative
        first) in the real case, or
        singular values in ascending order.  Values below the resolution
        ``n * 10**-dps * ||M||_F`` of the input are returned as exact zeros
        (zero modes).

    Raises
    ------
    ValueError
        If ``M`` is not square or not symmetric (the largest asymmetric entry
        is named), has a NaN or infinite entry, if ``real=True`` is requested
        for a complex matrix, or if ``dps`` is not an integer in
        ``MIN_DPS..MAX_DPS``.
    PrecisionError
        If ``||U^T M U - diag(m)||/||M||`` or ``||U^H U - 1||`` exceeds
        ``10**(-0.6*dps)``.

    Examples
    --------
    >>> import mpmath
    >>> U, m = takagi(mpmath.matrix([[0, 1], [1, 0]]), dps=20)
    >>> [mpmath.nstr(x, 5) for x in m]
    ['-1.0', '1.0']
    """
    dps = _checked_dps(dps if dps is not None else mpmath.mp.dps)
    with mpmath.workdps(dps):
        with mpmath.workdps(dps + GUARD_DIGITS):
            A = _symmetrized(_finite_matrix(as_mp_matrix(M)), dps)
            use_real = _resolve_real(A, real, dps)
            resolution = A.rows * _frobenius(A) * mpmath.mpf(10) ** (-dps)
            U, m = _takagi_real(A, resolution) if use_real else _takagi_complex(A)
            m = _snapped(m, resolution)
            _verify(A, U, m, dps)
        return _rounded(U, m)
