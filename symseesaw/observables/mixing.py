"""Mixing angles and phases in the standard (PDG) parametrization, for 3, 3+1 and 3+2 states.

Parametrization
---------------
An ``n x n`` unitary mixing matrix (rows: flavours ``e, mu, tau, s_1, ...``,
columns: mass states) is written as

.. math::

    U = P \\, V(\\theta, \\delta) \\, D(\\alpha), \\qquad
    D = \\mathrm{diag}(1, e^{i\\alpha_{21}/2}, \\dots, e^{i\\alpha_{n1}/2}),

with ``P`` a diagonal matrix of unphysical row (charged-lepton) phases and
``V`` a product of complex rotations in the nested order

* ``n = 3``: ``R23 R13 R12`` (PDG),
* ``n = 4``: ``R34 R24 R14 R23 R13 R12`` (3+1),
* ``n = 5``: ``R45 R35 R25 R15 R34 R24 R14 R23 R13 R12`` (3+2),

i.e. for ``k = n, ..., 2`` the rotations ``R_{k-1,k} ... R_{1k}`` (see
:func:`default_order`).  ``R_ij`` is the identity except for
``R_ii = R_jj = c_ij``, ``R_ij = s_ij e^{-i delta_ij}``,
``R_ji = -s_ij e^{i delta_ij}``.  Rotations between adjacent states
(``R12, R23, R34, R45``) are real; every other rotation (``j >= i + 2``)
carries a Dirac phase: ``delta_13`` (the PDG ``delta``) for 3 states,
``delta_13, delta_14, delta_24`` for 3+1 and additionally
``delta_35, delta_25, delta_15`` for 3+2 -- ``(n-1)(n-2)/2`` phases in all.

Ranges: angles in ``[0, pi/2]``, Dirac phases in ``[0, 2 pi)``, Majorana phases
``alpha_k1`` in ``[0, 2 pi)`` (the sign of a Majorana column is unphysical,
so ``alpha`` is only defined modulo ``2 pi``).  For 3 states this is the PDG
``U = V diag(1, e^{i alpha_21/2}, e^{i alpha_31/2})`` with
``U_e3 = s13 e^{-i delta}``.

The parametrization applies to the matrix it is given.  Seed 001 writes
``U^dagger M U^* = diag(m)``; a matrix in the congruence convention
``W^T M W = diag(m)`` is its complex conjugate (``U = W^*``), which flips the
signs of every Dirac and Majorana phase: conjugate first if needed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import mpmath
import sympy as sp

from symseesaw.numerics.takagi import as_mp_matrix, to_mp

__all__ = [
    "MixingParameters",
    "default_order",
    "dirac_phase_pairs",
    "extract_parameters",
    "mixing_matrix",
    "rotation",
    "sin2_angles",
]

Pair = tuple[int, int]


def default_order(n: int) -> list[Pair]:
    """Default product order of the rotations (left to right), 1-based pairs.

    Parameters
    ----------
    n : int
        Number of states (3, 4 or 5; any ``n >= 2`` works).

    Returns
    -------
    list of (i, j)
        ``[(2, 3), (1, 3), (1, 2)]`` for ``n = 3``,
        ``[(3, 4), (2, 4), (1, 4), (2, 3), (1, 3), (1, 2)]`` for ``n = 4``
        (``R34 R24 R14 R23 R13 R12``) and
        ``R45 R35 R25 R15 R34 R24 R14 R23 R13 R12`` for ``n = 5``.
    """
    if n < 2:
        raise ValueError(f"a mixing matrix needs at least 2 states, got {n}")
    return [(i, k) for k in range(n, 1, -1) for i in range(k - 1, 0, -1)]


def dirac_phase_pairs(n: int) -> list[Pair]:
    """Rotations carrying a Dirac phase: every ``(i, j)`` with ``j >= i + 2``."""
    return [(i, j) for (i, j) in default_order(n) if j - i >= 2]


def _is_symbolic(values: Sequence) -> bool:
    return any(isinstance(v, sp.Basic) and not v.is_Float for v in values)


def rotation(n: int, i: int, j: int, theta, delta=0):
    """Complex rotation ``R_ij(theta, delta)`` (1-based ``i < j``).

    Parameters
    ----------
    n : int
        Matrix size.
    i, j : int
        Plane of the rotation, ``1 <= i < j <= n``.
    theta, delta : number or sympy.Expr
        Angle and phase.  Symbolic input gives a sympy Matrix, numeric input an
        mpmath matrix.

    Returns
    -------
    sympy.Matrix or mpmath.matrix
        Identity except ``R_ii = R_jj = cos theta``,
        ``R_ij = sin theta e^{-i delta}``, ``R_ji = -sin theta e^{i delta}``.
    """
    if not 1 <= i < j <= n:
        raise ValueError(f"rotation plane ({i}, {j}) must satisfy 1 <= i < j <= {n}")
    if _is_symbolic([theta, delta]):
        R = sp.eye(n)
        c, s = sp.cos(theta), sp.sin(theta)
        R[i - 1, i - 1] = R[j - 1, j - 1] = c
        R[i - 1, j - 1] = s * sp.exp(-sp.I * delta)
        R[j - 1, i - 1] = -s * sp.exp(sp.I * delta)
        return R
    theta, delta = to_mp(theta), to_mp(delta)
    R = mpmath.eye(n)
    c, s = mpmath.cos(theta), mpmath.sin(theta)
    R[i - 1, i - 1] = R[j - 1, j - 1] = c
    R[i - 1, j - 1] = s * mpmath.expj(-delta) if delta else s
    R[j - 1, i - 1] = -s * mpmath.expj(delta) if delta else -s
    return R


def mixing_matrix(
    n: int,
    angles: Mapping[Pair, object],
    dirac_phases: Mapping[Pair, object] | None = None,
    majorana_phases: Sequence | None = None,
    *,
    order: Sequence[Pair] | None = None,
    row_phases: Sequence | None = None,
):
    """Build ``U = P V(theta, delta) D(alpha)`` (module docstring).

    Parameters
    ----------
    n : int
        Number of states.
    angles : mapping (i, j) -> theta_ij
        Every pair of ``order`` (missing pairs count as 0).
    dirac_phases : mapping (i, j) -> delta_ij, optional
        Phases of the non-adjacent rotations (default 0).
    majorana_phases : sequence, optional
        ``[alpha_21, alpha_31, ..., alpha_n1]`` (default 0);
        ``D = diag(1, e^{i alpha_21/2}, ...)``.
    order : sequence of (i, j), optional
        Product order, left to right; default :func:`default_order`.
    row_phases : sequence, optional
        Diagonal of ``P`` (unphysical charged-lepton phases), default 1.

    Returns
    -------
    sympy.Matrix or mpmath.matrix
        Symbolic when any input is a sympy expression, else mpmath.
    """
    order = list(default_order(n) if order is None else order)
    dirac = dict(dirac_phases or {})
    alphas = list(majorana_phases or [0] * (n - 1))
    if len(alphas) != n - 1:
        raise ValueError(f"need {n - 1} Majorana phases alpha_21..alpha_{n}1, got {len(alphas)}")
    values = list(angles.values()) + list(dirac.values()) + alphas + list(row_phases or [])
    symbolic = _is_symbolic(values)
    U = sp.eye(n) if symbolic else mpmath.eye(n)
    for (i, j) in order:
        U = U * rotation(n, i, j, angles.get((i, j), 0), dirac.get((i, j), 0))
    if symbolic:
        D = sp.diag(1, *[sp.exp(sp.I * a / 2) for a in alphas])
        P = sp.diag(*(row_phases or [1] * n))
        return P * U * D
    D = mpmath.diag([1] + [mpmath.expj(to_mp(a) / 2) for a in alphas])
    P = mpmath.diag([to_mp(p) for p in (row_phases or [1] * n)])
    return P * U * D


@dataclass
class MixingParameters:
    """Angles and phases of a unitary matrix (numeric, see module docstring).

    Attributes
    ----------
    n : int
        Number of states.
    angles : dict (i, j) -> mpf
        ``theta_ij`` in ``[0, pi/2]``.
    dirac_phases : dict (i, j) -> mpf
        ``delta_ij`` in ``[0, 2 pi)``; 0 when undetermined (a vanishing angle).
    majorana_phases : list of mpf
        ``[alpha_21, ..., alpha_n1]`` in ``[0, 2 pi)``.
    row_phases : list of mpc
        Diagonal of ``P`` (charged-lepton rephasing), so that
        ``U = P V D`` up to column signs.
    column_signs : list of int
        Signs ``+-1`` absorbed to bring the Majorana phases into ``[0, 2 pi)``:
        ``U = P V D diag(column_signs)``.
    order : list of (i, j)
        The rotation order used.
    """

    n: int
    angles: dict[Pair, mpmath.mpf]
    dirac_phases: dict[Pair, mpmath.mpf]
    majorana_phases: list[mpmath.mpf]
    row_phases: list = field(default_factory=list)
    column_signs: list[int] = field(default_factory=list)
    order: list[Pair] = field(default_factory=list)

    def sin2(self, i: int, j: int) -> mpmath.mpf:
        """``sin^2 theta_ij``."""
        return mpmath.sin(self.angles[(i, j)]) ** 2

    def matrix(self) -> mpmath.matrix:
        """Rebuild ``U = P V D diag(column_signs)``."""
        U = mixing_matrix(self.n, self.angles, self.dirac_phases, self.majorana_phases,
                          row_phases=self.row_phases)
        for k, sgn in enumerate(self.column_signs):
            if sgn < 0:
                for r in range(self.n):
                    U[r, k] = -U[r, k]
        return U


def _phase(z, tol) -> mpmath.mpc:
    """``z/|z|``, or 1 when ``|z| <= tol``."""
    return mpmath.mpc(1) if abs(z) <= tol else z / abs(z)


def _wrap(x) -> mpmath.mpf:
    """Reduce an angle to ``[0, 2 pi)`` (values within round-off of ``2 pi`` become 0)."""
    two_pi = 2 * mpmath.pi
    y = mpmath.fmod(x, two_pi)
    if y < 0:
        y += two_pi
    if two_pi - y <= mpmath.mpf(10) ** (-(mpmath.mp.dps * 3) // 4):
        y = mpmath.mpf(0)  # round-off below 2 pi: keep the stated range [0, 2 pi)
    return y


def _peel(U: mpmath.matrix, tol) -> tuple[dict, dict, list, list]:
    """Recursive decomposition ``U = P V D`` of an ``n x n`` unitary (module docstring).

    Returns angles, Dirac phases, ``[d_2, ..., d_n]`` (Majorana column phases)
    and ``[p_1, ..., p_n]`` (row phases).
    """
    n = U.rows
    if n == 1:
        return {}, {}, [], [U[0, 0] / abs(U[0, 0])]
    u = [U[i, n - 1] for i in range(n)]
    angles: dict[Pair, mpmath.mpf] = {}
    remaining = mpmath.mpf(1)
    for i in range(n - 1):
        s = abs(u[i]) / mpmath.sqrt(remaining) if remaining > tol**2 else mpmath.mpf(0)
        angles[(i + 1, n)] = mpmath.asin(min(s, mpmath.mpf(1)))
        remaining -= abs(u[i]) ** 2
    q = [_phase(z, tol) for z in u]
    G = mpmath.eye(n)
    for i in range(n - 1, 0, -1):
        G = G * rotation(n, i, n, angles[(i, n)])
    QU = mpmath.matrix(n, n)
    for r in range(n):
        for c in range(n):
            QU[r, c] = mpmath.conj(q[r]) * U[r, c]
    full = G.T * QU
    sub = mpmath.matrix([[full[r, c] for c in range(n - 1)] for r in range(n - 1)])
    sub_angles, sub_dirac, d_sub, p_sub = _peel(sub, tol)
    angles.update(sub_angles)
    dirac = dict(sub_dirac)
    last = p_sub[n - 2]
    d_n = mpmath.conj(last)
    for i in range(n - 2):
        dirac[(i + 1, n)] = _wrap(mpmath.arg(p_sub[i] / last))
    p = [q[i] * p_sub[i] for i in range(n - 1)] + [q[n - 1] * last]
    return angles, dirac, d_sub + [d_n], p


def extract_parameters(
    U: object,
    *,
    masses: Sequence | None = None,
    dps: int | None = None,
    unitarity_tol: float = 1e-8,
) -> MixingParameters:
    """Angles and phases of a numeric unitary matrix in the default rotation order.

    Parameters
    ----------
    U : mpmath.matrix, numpy array, sympy Matrix or list of rows
        ``n x n`` unitary mixing matrix (rows flavour, columns mass states).
        Row phases (charged-lepton rephasing) are removed automatically.
    masses : sequence, optional
        Signed real masses belonging to the columns (real Takagi convention of
        seed 001, e.g. ``m_3 = -a + d``).  A negative mass is made positive by
        multiplying its column by ``i``, which adds ``pi`` to its Majorana phase.
    dps : int, optional
        Working precision (default: current mpmath precision).
    unitarity_tol : float
        Largest accepted ``|U^dagger U - 1|``.

    Returns
    -------
    MixingParameters

    Raises
    ------
    ValueError
        Non-square or non-unitary input.

    Notes
    -----
    The last column fixes ``theta_{in}`` through
    ``|U_in| = s_in prod_{k<i} c_kn``; rephasing the rows so that this
    column is real and multiplying by ``R_{1n}(0)^T ... R_{n-1,n}(0)^T``
    leaves ``diag(U', 1)`` with ``U'`` of the same form for ``n - 1`` states,
    whose row phases return ``delta_in`` and the Majorana phase of column
    ``n``.  A Dirac phase next to a vanishing angle is undetermined; the
    returned value then still reproduces ``U``.
    """
    with mpmath.workdps(dps or mpmath.mp.dps):
        A = as_mp_matrix(U)
        n = A.rows
        if A.cols != n:
            raise ValueError(f"mixing matrix must be square, got {A.rows}x{A.cols}")
        gram = A.H * A - mpmath.eye(n)
        err = max(abs(gram[i, j]) for i in range(n) for j in range(n))
        if err > unitarity_tol:
            raise ValueError(f"matrix is not unitary: max |U^dagger U - 1| = {mpmath.nstr(err, 3)}")
        if masses is not None:
            if len(masses) != n:
                raise ValueError(f"got {len(masses)} masses for {n} columns")
            for k, m in enumerate(masses):
                if mpmath.mpmathify(m).real < 0:
                    for r in range(n):
                        A[r, k] = A[r, k] * 1j
        tol = mpmath.mpf(10) ** (-(mpmath.mp.dps * 3) // 4)
        angles, dirac, d, p = _peel(A, tol)
        alphas, signs = [], [1]
        for dk in d:
            phi = _wrap(mpmath.arg(dk))
            if phi >= mpmath.pi:
                phi -= mpmath.pi
                signs.append(-1)
            else:
                signs.append(1)
            alphas.append(_wrap(2 * phi))
        for pair in dirac_phase_pairs(n):
            i, j = pair
            if mpmath.sin(angles[pair]) <= tol:
                dirac[pair] = mpmath.mpf(0)
        return MixingParameters(n, angles, {k: dirac[k] for k in dirac_phase_pairs(n)},
                                alphas, p, signs, default_order(n))


# ---------------------------------------------------------------------------
# symbolic
# ---------------------------------------------------------------------------


def _abs2(z: sp.Expr) -> sp.Expr:
    return sp.expand(z * sp.conjugate(z))


def sin2_angles(
    U: sp.MatrixBase,
    *,
    small: Mapping[sp.Symbol, int] | None = None,
    total: int | None = None,
) -> dict[Pair, sp.Expr]:
    """``sin^2 theta_ij`` of a symbolic unitary matrix from its first row and last column.

    For the default order (module docstring) the first row and last column read
    ``|U_1k| = c_1n ... c_1,k+1 s_1k`` and ``|U_in| = c_1n ... c_i-1,n s_in``, so

    * ``sin^2 theta_1k = |U_1k|^2 / (1 - sum_{l>k} |U_1l|^2)``,
    * ``sin^2 theta_in = |U_in|^2 / (1 - sum_{l<i} |U_ln|^2)``.

    For 3 states this gives all three angles (``sin^2 theta_13 = |U_e3|^2``,
    ``sin^2 theta_12 = |U_e2|^2/(1 - |U_e3|^2)``,
    ``sin^2 theta_23 = |U_mu3|^2/(1 - |U_e3|^2)``); for 3+1 and 3+2 the angles
    not fixed by these moduli (e.g. ``theta_23`` in 3+1) are only available
    numerically (:func:`extract_parameters`).

    Parameters
    ----------
    U : sympy.Matrix
        ``n x n`` (approximately) unitary mixing matrix.
    small : dict, optional
        Small parameter (real Symbol) -> order: the result is expanded and
        truncated at these absolute orders (correct when ``U`` is exact to
        them), see :func:`symseesaw.observables.effective.truncate`.
    total : int, optional
        Also truncate at this total order.

    Returns
    -------
    dict (i, j) -> sympy.Expr
    """
    from symseesaw.observables.effective import truncate

    n = U.rows
    row = [_abs2(U[0, k]) for k in range(n)]
    col = [_abs2(U[i, n - 1]) for i in range(n)]
    out: dict[Pair, sp.Expr] = {}
    for k in range(n - 1, 0, -1):
        out[(1, k + 1)] = row[k] / (1 - sum(row[k + 1:], sp.S.Zero))
    for i in range(1, n - 1):
        out[(i + 1, n)] = col[i] / (1 - sum(col[:i], sp.S.Zero))
    if small is None:
        return out
    return {k: truncate(v, small, total) for k, v in out.items()}
