"""Perturbative Takagi diagonalization of a symmetric block around a leading basis.

Given a complex symmetric series matrix ``H`` and a unitary leading-order basis
``V0`` that diagonalizes its lowest-order part, we build ``V = V0 (1 + X)``
order by order in the weighted total degree of the small parameters, with

* unitarity: ``X_n + X_n^dagger = -sum_{k<n} X_k^dagger X_{n-k}`` (Hermitian
  part fixed by lower orders);
* congruence: ``(1 + X)^T (V0^T H V0) (1 + X) = diag`` at each order.

The anti-Hermitian part ``K`` of ``X_n`` solves ``d_i K_ij - d_j K_ij^* = r_ij``:
``K_ij = r_ij / (d_i - d_j)`` for real matrices (orthogonal ``V``, signed
masses) and ``K_ij = (r_ij d_i^* + d_j r_ij^*) / (|d_i|^2 - |d_j|^2)`` in general.
Diagonal entries of ``K`` are set to zero, so complex masses keep their phases.

Quasi-degenerate groups (:class:`~symseesaw.linalg.groups.QuasiDegenerateGroup`)
are only decoupled from the other states. A group is declared, found from the
structure of the leading part (pseudo-Dirac pairs of several generations, a
component without polynomial basis when ``unresolved="group"``), or formed
automatically by states whose leading masses coincide (equal signed masses
for a real block, equal absolute values for a complex one). A group of
degenerate real masses ``d 1 + B'`` (or of zero complex masses) is then
diagonalized inside itself around the leading part of ``B'``: a hierarchy
inside the block (a light state of mass ``R m_3`` with ``R`` small) is expanded
in ``R``. What stays a group is returned as its exact block; its masses are the
exact Takagi values of that block (closed form for two states), never its
diagonal entries; an exact degeneracy is reported on the group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sympy.external.gmpy import MPQ

from ..algebra.matrix import SeriesMatrix
from ..algebra.series import INF, Series
from .groups import QuasiDegenerateGroup, find_leading_structure, group_labels, pair_is_degenerate


class DegenerateSplittingError(ValueError):
    """A leading-order splitting vanishes and automatic grouping was switched off."""


@dataclass
class BlockDiagonalizationResult:
    """Result of :func:`diagonalize_block`.

    Attributes
    ----------
    V : SeriesMatrix
        Unitary with ``V^T H V = diag(masses)`` up to the exact blocks of the
        quasi-degenerate groups.
    masses : list[Series]
        Diagonal of ``V^T H V``. For a state in a group this is a diagonal
        entry of the group's exact block, NOT a mass: use ``groups``.
    diagonal : SeriesMatrix
        ``V^T H V`` itself (the exact blocks of the groups remain as
        off-diagonal entries).
    leading_degree : int
        Weighted total degree of the leading part.
    leading_masses : list[Series]
        Leading-order diagonal ``d_i``.
    valid : tuple
        Per small parameter (and total) relative order up to which ``V`` is exact.
    groups : list[QuasiDegenerateGroup]
        States kept together as exact sub-blocks (declared, found from
        structure, or with coinciding leading masses). Each group carries its
        ``exact_block`` and, for two states, the closed-form exact Takagi
        values ``group_masses()`` and vectors ``group_vectors()`` of that
        block; the block's masses are those Takagi values, never its
        diagonal entries.
    """

    V: SeriesMatrix
    masses: list[Series]
    diagonal: SeriesMatrix
    leading_degree: int
    leading_masses: list[Series]
    valid: tuple[float, ...]
    groups: list[QuasiDegenerateGroup] = field(default_factory=list)
    #: Pairs of states whose leading splitting mixes different small parameters
    #: (inverted through an exact atom, see :func:`mixed_inverse`): the block's
    #: expansion then holds only along rays ``s = t * s0``, in the total order.
    mixed_splittings: list[tuple[int, int]] = field(default_factory=list)


def _check_unitary(V0: SeriesMatrix) -> None:
    n = V0.shape[0]
    if V0.shape != (n, n):
        raise ValueError(f"leading basis must be square, got {V0.shape}")
    gram = V0.H @ V0 - SeriesMatrix.identity(V0.alg, n)
    if not gram.is_zero():
        raise ValueError("leading basis is not unitary: V0^dagger V0 != 1 (normalize the columns)")


def _merge_labels(label: list[int], i: int, j: int) -> None:
    old, new = label[j], label[i]
    for k, value in enumerate(label):
        if value == old:
            label[k] = new


def diagonalize_block(
    H: SeriesMatrix,
    V0: SeriesMatrix | None = None,
    *,
    quasi_degenerate: Sequence[Sequence[int]] = (),
    real: bool | None = None,
    state_names: Sequence[str] | None = None,
    auto_groups: bool = True,
    unresolved: str = "raise",
    block_name: str = "",
) -> BlockDiagonalizationResult:
    """Diagonalize the symmetric block ``H`` by congruence around ``V0``.

    Parameters
    ----------
    H : SeriesMatrix
        Complex symmetric matrix of series.
    V0 : SeriesMatrix, optional
        Unitary leading-order basis (columns = leading eigenvectors). Default:
        found from the structure of the leading part
        (:func:`symseesaw.linalg.groups.find_leading_structure`).
    quasi_degenerate : sequence of sequences of int
        0-based state indices (columns of ``V0``) kept together as exact sub-blocks.
    real : bool, optional
        Force the real (orthogonal, signed masses) or complex formula; default:
        real when every generator of the algebra is real.
    state_names : sequence of str, optional
        Names used in error messages (default ``"1", "2", ...``).
    auto_groups : bool
        Group states whose leading masses coincide (equal signed masses for a
        real block, equal absolute values for a complex one) instead of
        raising :class:`DegenerateSplittingError`.
    unresolved : {"raise", "group"}
        When ``V0`` is not given and a component of the leading part has no
        basis from structure: raise ``NotImplementedError`` or keep it as an
        exact group.
    block_name : str
        Name of the block in messages ("light", "heavy").

    Raises
    ------
    ValueError
        Non-unitary basis, or a basis that does not diagonalize the leading part.
    DegenerateSplittingError
        Two states with identical leading masses outside a declared group and
        ``auto_groups=False``.
    NotImplementedError
        No leading basis from structure (see ``unresolved``), or a splitting
        that is not invertible as a power series.
    """
    alg = H.alg
    n = H.shape[0]
    names = list(state_names) if state_names else [str(i + 1) for i in range(n)]
    if real is None:
        real = all(g.real for g in alg.registry.generators)
    groups: list[QuasiDegenerateGroup] = []
    if V0 is None:
        structure = find_leading_structure(H, quasi_degenerate, real=real,
                                           unresolved=unresolved, block_name=block_name)
        V0 = structure.basis
        groups = structure.groups
        label = group_labels(n, [g.indices for g in groups])
    else:
        label = group_labels(n, quasi_degenerate)
    _check_unitary(V0)
    reasons = {label[g.indices[0]]: g.reason for g in groups}
    structural = {label[i] for g in groups for i in g.indices}
    structural |= {label[i] for members in quasi_degenerate for i in members}
    for members in quasi_degenerate:
        if members and label[members[0]] not in reasons:
            reasons[label[members[0]]] = "declared quasi-degenerate"
    L = V0.T @ H @ V0
    d0 = L.min_degree()
    if d0 == INF:
        zero = [alg.zero() for _ in range(n)]
        return BlockDiagonalizationResult(V0, zero, L, 0, zero, alg.truncation)
    D0 = L.degree_part(d0)
    for i in range(n):
        for j in range(n):
            if i != j and label[i] != label[j] and not D0[i, j].is_zero():
                raise ValueError(
                    f"the leading basis does not diagonalize the leading-order block: entry "
                    f"({names[i]},{names[j]}) = {D0[i, j].to_sympy()}; give the correct "
                    "leading-order eigenvectors"
                )
    d = [D0[i, i] for i in range(n)]
    d_conj = [x.conj() for x in d] if not real else d
    splits: dict[tuple[int, int], Series] = {}
    for i in range(n):
        for j in range(i + 1, n):
            splits[(i, j)] = (d[i] - d[j]) if real else (d[i] * d_conj[i] - d[j] * d_conj[j])
    for (i, j), split in splits.items():
        if label[i] == label[j] or not split.is_zero():
            continue
        if not auto_groups:
            raise DegenerateSplittingError(
                f"states {names[i]} and {names[j]} are degenerate at leading order "
                f"(both {d[i].to_sympy()}): non-degenerate perturbation theory would "
                "divide by zero; declare them quasi-degenerate (kept as an exact block) "
                "or choose a leading basis that splits them"
            )
        reason = reasons.get(label[i]) or reasons.get(label[j]) or ""
        what = "masses" if real else "absolute values of the masses"
        extra = f"degenerate leading {what} ({d[i].to_sympy()})"
        reasons[label[i]] = f"{reason}; {extra}" if reason else extra
        if label[i] in structural or label[j] in structural:
            structural |= {label[i], label[j]}
        _merge_labels(label, i, j)
    denominators = {key: split for key, split in splits.items()
                    if label[key[0]] != label[key[1]]}
    inverses: dict[tuple[int, int], Series] = {}
    mixed: list[tuple[int, int]] = []

    def inverse_split(i: int, j: int) -> Series:
        if (i, j) not in inverses:
            try:
                inverses[(i, j)] = denominators[(i, j)].inverse()
            except NotImplementedError:
                inverses[(i, j)] = mixed_inverse(denominators[(i, j)])
                mixed.append((i, j))
            if inverses[(i, j)] is None:
                raise NotImplementedError(
                    f"the leading splitting of states {names[i]} and {names[j]}, "
                    f"{denominators[(i, j)].to_sympy()}, mixes different orders of the small "
                    "parameters and has no power-series inverse; write the leading masses as "
                    "exact symbols (light-scale parametrization)")
        return inverses[(i, j)]

    one = SeriesMatrix.identity(alg, n)
    X = SeriesMatrix.zeros(alg, n)
    trunc = alg.truncation
    max_steps = int(trunc[-1] - d0) if trunc[-1] != INF else int(
        sum(b for b in trunc[:-1]) - d0)
    # Graded pieces: Y_k = degree-k part of 1 + X (Y_0 = 1, Y_k = X_k), L_j =
    # degree-(d0 + j) part of L, P_m = sum_{i+j=m} Y_i^T L_j. The degree-(d0 + s)
    # part of (1 + X)^T L (1 + X) with X_s still zero is then
    # sum_{m=1}^{s-1} P_m Y_{s-m} + P_s (P_s without its Y_s^T L_0 term). Truncation
    # is a per-monomial filter, so these pieces equal the degree parts of the
    # full truncated products.
    L_parts = [L.degree_part(d0 + j) for j in range(max_steps + 1)]
    X_parts: list[SeriesMatrix] = [one]
    X_H_parts: list[SeriesMatrix] = [one]
    P_parts: list[SeriesMatrix] = [L_parts[0]]
    for step in range(1, max_steps + 1):
        P_step = SeriesMatrix.zeros(alg, n)
        for i in range(step):
            P_step = P_step + X_parts[i].T @ L_parts[step - i]
        T = P_step
        for m in range(1, step):
            T = T + P_parts[m] @ X_parts[step - m]
        Q = T.degree_part(d0 + step)
        N = SeriesMatrix.zeros(alg, n)
        for i in range(1, step):
            N = N + X_H_parts[i] @ X_parts[step - i]
        N = N.degree_part(step)
        Hn = N.scale(MPQ(-1, 2))
        Xn = [row[:] for row in Hn.rows]
        for i in range(n):
            for j in range(i + 1, n):
                if label[i] == label[j]:
                    continue
                r = -(Q[i, j] + Hn[j, i] * d[j] + d[i] * Hn[i, j])
                if not r.terms:
                    continue
                if real:
                    k = r * inverse_split(i, j)
                else:
                    k = (r * d_conj[i] + d[j] * r.conj()) * inverse_split(i, j)
                Xn[i][j] = Xn[i][j] + k
                Xn[j][i] = Xn[j][i] - k.conj()
        Xn_matrix = SeriesMatrix(alg, Xn)
        X = X + Xn_matrix
        X_parts.append(Xn_matrix)
        X_H_parts.append(Xn_matrix.H)
        P_parts.append(P_step + Xn_matrix.T @ L_parts[0])
    V = V0 @ (one + X)
    final = (one + X).T @ L @ (one + X)
    lead_exps = [alg.small_exponents(next(iter(x.terms))) if x.terms else None for x in d]
    valid = _valid_region(L, lead_exps, d0)
    d = list(d)
    for value in sorted(set(label)):
        indices = [i for i in range(n) if label[i] == value]
        if len(indices) < 2 or value in structural:
            continue
        inner = _refine_group(final, indices, d[indices[0]], real, block_name)
        if inner is None:
            continue
        embed = [[alg.one() if i == j else alg.zero() for j in range(n)] for i in range(n)]
        for a, i in enumerate(indices):
            for b, j in enumerate(indices):
                embed[i][j] = inner.V[a, b]
        E = SeriesMatrix(alg, embed)
        V = V @ E
        final = E.T @ final @ E
        valid = tuple(min(x, y) for x, y in zip(valid, inner.valid))
        mixed += [(indices[p], indices[q]) for p, q in inner.mixed_splittings]
        for a, i in enumerate(indices):
            if d[i].is_zero():
                d[i] = inner.leading_masses[a]
            label[i] = -1 - i
        for g in inner.groups:
            first = indices[g.indices[0]]
            for a in g.indices:
                label[indices[a]] = -1 - first
            reasons[-1 - first] = f"{reasons.get(value, '')}; inside it: {g.reason}"
    masses = [final[i, i] for i in range(n)]
    return BlockDiagonalizationResult(V, masses, final, int(d0), d, valid,
                                      _final_groups(final, label, reasons, real), mixed)


def mixed_inverse(split: Series) -> Series | None:
    """Inverse of a splitting whose leading part mixes different small parameters.

    The leading part ``P`` (lowest weighted total degree, e.g.
    ``eps1**2 M2 - eps2**2 M3``) is not one monomial in the small parameters,
    so ``1/split`` is no power series in them. Along every ray ``s = t * s0``
    of the small parameters it is one in ``t``: with ``s**a`` the
    lexicographically largest monomial of ``P``, ``P = s**a * Phat`` where
    ``Phat`` has total degree 0 (``M2 - eps1**-2 eps2**2 M3``), and
    ``1/Phat`` becomes an exact atom of order 0, as the kernel does for
    non-monomial exact denominators. Then
    ``1/split = s**-a A sum_k (-s**-a A R)**k`` with ``R = split - P`` of
    positive degree (the sum ends at the working truncation).

    Returns None for a zero ``split`` or when the geometric series does not
    end within ``_MAX_MIXED_TERMS`` terms.
    """
    alg = split.alg
    degree = split.min_degree()
    if degree == INF:
        return None
    lead = split.degree_part(int(degree))
    ref = max(alg.small_exponents(m) for m in lead.terms)
    shift = [0] * (max(alg.small_idx) + 1)
    for k, i in enumerate(alg.small_idx):
        shift[i] = -ref[k]
    while shift and shift[-1] == 0:
        shift.pop()
    shift = tuple(shift)
    phat = Series(alg, dict(lead.shift(shift).terms), exact=True)  # degree 0 by construction
    real = all(g.real for g in alg.registry.generators) or (phat - phat.conj()).is_zero()
    key = ("mixed", frozenset(phat.terms.items()))
    atom = alg.gen(alg.registry.atom(key, phat, 1 / phat.to_sympy(), real)).shift(shift)
    correction = atom * (split - lead)
    total = alg.one()
    power = alg.one()
    for _ in range(_MAX_MIXED_TERMS):
        power = -(power * correction)
        if power.is_exact_zero():
            return total * atom
        total = total + power
    return None


#: Bound on the terms of the geometric series of :func:`mixed_inverse`.
_MAX_MIXED_TERMS = 64


def _refine_group(final: SeriesMatrix, indices: list[int], lead: Series, real: bool,
                  block_name: str) -> BlockDiagonalizationResult | None:
    """Diagonalize a group of degenerate leading masses inside itself, if possible.

    A real group with common leading mass ``d`` is ``d 1 + B'``: an orthogonal
    basis that diagonalizes ``B'`` diagonalizes the group, so ``B'`` (of higher
    leading order: a hierarchy inside the block, e.g. a light state of mass
    ``R m_3``) is diagonalized recursively. A complex group qualifies only with
    ``d = 0`` (a unitary congruence does not preserve ``d 1``). Returns None
    when the group must stay exact (exactly degenerate, no basis from
    structure, or a splitting without power-series inverse).
    """
    alg = final.alg
    k = len(indices)
    block = SeriesMatrix(alg, [[final[i, j] for j in indices] for i in indices])
    if real:
        block = block - SeriesMatrix(alg, [[lead if a == b else alg.zero() for b in range(k)]
                                           for a in range(k)])
    elif not lead.is_zero():
        return None
    if block.min_degree() == INF:
        return None
    try:
        inner = diagonalize_block(block, real=real, unresolved="group", block_name=block_name)
    except NotImplementedError:
        return None
    if any(g.size == k for g in inner.groups):
        return None
    if real:
        inner.leading_masses = [lead + x if not lead.is_zero() else x
                                for x in inner.leading_masses]
    return inner


def _final_groups(final: SeriesMatrix, label: list[int], reasons: dict[int, str],
                  real: bool) -> list[QuasiDegenerateGroup]:
    """Groups of states sharing a label, each with its exact block and a statement."""
    members: dict[int, list[int]] = {}
    for i, value in enumerate(label):
        members.setdefault(value, []).append(i)
    groups = []
    for value, indices in members.items():
        if len(indices) < 2:
            continue
        block = SeriesMatrix(final.alg, [[final[i, j] for j in indices] for i in indices])
        group = QuasiDegenerateGroup(tuple(indices), reasons.get(value, "quasi-degenerate"),
                                     exact_block=block, real=real)
        if len(indices) == 2:
            group.exactly_degenerate = pair_is_degenerate(block, real=real)
            group.note = ("masses and mixing are the exact Takagi values and vectors of the "
                          "2x2 block (closed form)")
            if group.exactly_degenerate:
                group.note = ("the two states stay exactly degenerate to the working order: "
                              "the masses are well defined, any orthonormal basis of their "
                              "subspace is a valid basis")
        else:
            group.exactly_degenerate = _is_scalar(block)
            group.note = (f"masses of this {len(indices)}-state group are the exact Takagi "
                          "values of its block; they are not polynomial in the parameters")
            if group.exactly_degenerate:
                group.note = (f"the {len(indices)} states stay exactly degenerate to the "
                              "working order (block proportional to 1): the masses are its "
                              "diagonal entry, any orthonormal basis of the subspace is valid")
        groups.append(group)
    return groups


def _is_scalar(block: SeriesMatrix) -> bool:
    """True when ``block`` is a multiple of the identity (exactly degenerate masses)."""
    k = block.shape[0]
    return all((block[i, j] - (block[0, 0] if i == j else block.alg.zero())).is_zero()
               for i in range(k) for j in range(k))


def _valid_region(L: SeriesMatrix, lead_exps, d0) -> tuple[float, ...]:
    """Relative orders up to which ``V`` is exact, from the precision of ``L``."""
    prec = [min(x.prec[k] for row in L.rows for x in row) for k in range(len(L.alg.truncation))]
    shifts = [max((e[k] for e in lead_exps if e is not None), default=0)
              for k in range(len(prec) - 1)]
    return (*[p - s for p, s in zip(prec[:-1], shifts)], prec[-1] - d0)
