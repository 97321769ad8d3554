"""Leading-order structure of a symmetric block: bases from structure, quasi-degenerate groups.

The perturbative diagonalization of :mod:`symseesaw.linalg.perturb` needs a
unitary leading basis ``V0`` with ``V0^T H_0 V0`` diagonal, where ``H_0`` is the
lowest-order part of the block. This module finds ``V0`` *from the structure*
of ``H_0`` in bounded time, never by a symbolic ``eigenvects`` on a block where
it cannot finish:

1. the states split into connected components of the non-zero pattern of
   ``H_0`` (a permutation of a block-diagonal matrix);
2. a one-state component is already diagonal;
3. a two-state component ``[[a, b], [b, a]]`` (a pseudo-Dirac pair when
   ``a = 0``) is diagonalized by ``(1, +-1)/sqrt(2)`` with masses ``a +- b``;
4. a component of at most four states whose characteristic polynomial splits
   into linear factors gets its eigenvectors from the null spaces (degenerate
   eigenvalues give a subspace, orthonormalized); the basis is accepted only
   if it is exactly unitary and diagonalizes the component;
5. a bipartite component ``[[0, X], [X^T, 0]]`` with square ``X`` (pseudo-Dirac
   pairs of several generations, masses ``+-`` the singular values of ``X``)
   is kept as one exact group: its masses coincide pairwise in absolute value
   and are not polynomial in the parameters;
6. anything else is refused with ``NotImplementedError`` (or, on request,
   kept as an exact group).

A :class:`QuasiDegenerateGroup` is a set of states kept together as an exact
sub-block of the perturbative result. Its masses and mixing are the exact
Takagi values and vectors of that sub-block: in closed form for two states
(:func:`takagi_2x2`), otherwise the block itself with a statement that its
masses are not polynomial. They are never the diagonal entries of the block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import sympy as sp
from sympy.external.gmpy import MPQ

from ..algebra.matrix import SeriesMatrix
from ..algebra.series import INF, Series, mul_accumulate

#: Largest component for which the characteristic polynomial is factored.
MAX_FACTORED_COMPONENT = 4
#: Largest number of terms (all entries of a component) for which it is tried.
MAX_FACTORED_TERMS = 120

HALF = MPQ(1, 2)

BLOCKS_MODE_HINT = ("give the leading-order basis explicitly (light_basis=... / heavy_basis=...) "
                    "or use blocks mode (block diagonalization only)")


@dataclass
class QuasiDegenerateGroup:
    """States kept together as an exact sub-block of the diagonalized block.

    Attributes
    ----------
    indices : tuple of int
        0-based positions of the states (columns of the block's ``V``).
    reason : str
        Why the states were grouped (declared, degenerate leading masses,
        pseudo-Dirac pairs, no polynomial leading basis).
    exact_block : SeriesMatrix or None
        ``(V^T H V)`` restricted to the group, set by the diagonalization;
        exact to the block's validity region.
    real : bool
        Real (orthogonal, signed masses) or complex (Takagi, masses >= 0).
    exactly_degenerate : bool
        True when the group's masses coincide exactly to the working order:
        the masses are well defined, a basis of the subspace is not unique.
    note : str
        Human-readable statement on the masses of the group.
    """

    indices: tuple[int, ...]
    reason: str
    exact_block: SeriesMatrix | None = None
    real: bool = True
    exactly_degenerate: bool = False
    note: str = ""
    _closed: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def size(self) -> int:
        """Number of states in the group."""
        return len(self.indices)

    def block(self, bounds: tuple[float, ...] | None = None) -> sp.Matrix:
        """The exact sub-block as a sympy matrix (truncated at ``bounds`` if given)."""
        if self.exact_block is None:
            raise ValueError("the group's block is set by diagonalize_block")
        block = self.exact_block if bounds is None else self.exact_block.truncate(bounds)
        return block.to_sympy()

    def group_masses(self, bounds: tuple[float, ...] | None = None) -> list[sp.Expr] | None:
        """Exact Takagi values of the group's block (closed form), or None.

        For two states the closed form of :func:`takagi_2x2` (signed eigenvalues
        for a real block, non-negative singular values for a complex one). For
        larger groups the masses are not polynomial: None (use :meth:`block`).
        """
        closed = self._closed_form(bounds, vectors=False)
        return None if closed is None else closed[0]

    def group_vectors(self, bounds: tuple[float, ...] | None = None) -> sp.Matrix | None:
        """Unitary ``Q`` with ``Q^T B Q = diag(group_masses)`` for the group's block ``B``.

        None for groups of more than two states and for an exactly degenerate
        complex pair (any Takagi basis of the subspace is valid there).
        """
        closed = self._closed_form(bounds)
        return None if closed is None else closed[1]

    @property
    def has_closed_form_vectors(self) -> bool:
        """True for a two-state group that is not exactly degenerate (unique Takagi vectors)."""
        return self.size == 2 and self.exact_block is not None and not self.exactly_degenerate

    def splitting_parts(self) -> tuple[list[Series], tuple[float, ...]]:
        """What fixes the group's Takagi vectors: series and the shift of their order.

        The rotation angle of a real block ``[[p, q], [q, s]]`` is set by its
        traceless part ``(p - s)/2, q``; that of a complex block ``A`` by the
        traceless part ``delta, h12`` of ``h = A^dagger A``, which is of the
        order of ``A`` times the mass splitting. To know the vectors to a
        relative order ``N``, these series must be known to ``N`` beyond their
        leading terms, i.e. the block to that order minus ``shift`` (the
        lowest exponents of the block's entries for a complex block, else 0).

        Returns
        -------
        parts : list of Series
            The series whose leading terms set the angle.
        shift : tuple of float
            Per small parameter (then total), subtracted from their required
            precision to give the block's.
        """
        if not self.has_closed_form_vectors:
            raise ValueError("only a two-state group that is not exactly degenerate has "
                             "unique Takagi vectors")
        block = self.exact_block
        p, q, s = block[0, 0], block[0, 1], block[1, 1]
        width = len(block.alg.small_idx) + 1
        if self.real:
            return [(p - s).scale(HALF), q], (0,) * width
        h11, h22, h12 = _hermitian_square(block, _product_bounds(block))
        low = [min(x.low[k] for x in (p, q, s)) for k in range(width)]
        return [(h11 - h22).scale(HALF), h12], tuple(0 if lo == INF else lo for lo in low)

    def _closed_form(self, bounds: tuple[float, ...] | None, vectors: bool = True):
        """:func:`takagi_2x2` of the block truncated at ``bounds``, once per ``bounds``.

        A result with vectors also serves a later request for the masses alone.
        """
        if self.size != 2 or self.exact_block is None:
            return None
        cached = self._closed.get(bounds)
        if cached is not None and (cached[1] or not vectors):
            return cached[0]
        block = self.exact_block if bounds is None else self.exact_block.truncate(bounds)
        closed = takagi_2x2(block, real=self.real, vectors=vectors)
        self._closed[bounds] = (closed, vectors)
        return closed


# -- closed-form Takagi factorization of a 2x2 block ---------------------------------------
def _product_bounds(block: SeriesMatrix) -> tuple[float, ...]:
    """Truncation for products of two entries: the block's precision plus its leading order.

    A product ``x^* y`` of entries known to precision ``prec`` and of lowest
    order ``low`` is known to ``prec + low``; terms beyond are not kept.
    """
    entries = [x for row in block.rows for x in row]
    k = len(block.alg.small_idx) + 1
    prec = [min(x.prec[i] for x in entries) for i in range(k)]
    low = [min(x.low[i] for x in entries) for i in range(k)]
    return tuple(p + (lo if lo != INF else 0) for p, lo in zip(prec, low))


def _product(a: Series, b: Series, bounds: tuple[float, ...]) -> Series:
    """Product of two series truncated at ``bounds`` (all INF: the exact product)."""
    exact_a = Series(a.alg, dict(a.terms), exact=True)
    exact_b = Series(b.alg, dict(b.terms), exact=True)
    return mul_accumulate(a.alg, [(exact_a, exact_b)], bounds)


def _hermitian_square(block: SeriesMatrix, bounds: tuple[float, ...]
                      ) -> tuple[Series, Series, Series]:
    """``(h11, h22, h12)`` of ``h = A^dagger A`` for the symmetric ``A = [[p, q], [q, s]]``."""
    p, q, s = block[0, 0], block[0, 1], block[1, 1]
    pc, qc = p.conj(), q.conj()
    qq = _product(qc, q, bounds)
    h11 = _product(pc, p, bounds) + qq
    h22 = qq + _product(s.conj(), s, bounds)
    h12 = _product(pc, q, bounds) + _product(qc, s, bounds)
    return h11, h22, h12


def pair_is_degenerate(block: SeriesMatrix, *, real: bool) -> bool:
    """True when the two Takagi values of the 2x2 ``block`` coincide to its precision.

    Real: ``p = s`` and ``q = 0``. Complex: ``A^dagger A`` proportional to 1,
    i.e. ``|p|^2 = |s|^2`` and ``p^* q + q^* s = 0`` (e.g. ``[[0, M], [M, 0]]``).
    """
    p, q, s = block[0, 0], block[0, 1], block[1, 1]
    if q.is_zero() and (p - s).is_zero():
        return True
    if real:
        return False
    h11, h22, h12 = _hermitian_square(block, _product_bounds(block))
    return h12.is_zero() and (h11 - h22).is_zero()


def takagi_2x2(block: SeriesMatrix, *, real: bool, vectors: bool = True
               ) -> tuple[list[sp.Expr], sp.Matrix | None, bool]:
    """Exact Takagi values and vectors of a symmetric 2x2 block, in closed form.

    Parameters
    ----------
    block : SeriesMatrix
        Symmetric ``[[p, q], [q, s]]``; its terms are taken as exact (the
        closed form is the exact Takagi factorization of the block as given).
    real : bool
        Real block: orthogonal ``Q = [[c, -s], [s, c]]`` with
        ``theta = atan2(q, (p - s)/2)/2`` and signed masses
        ``(p + s)/2 +- sqrt(((p - s)/2)**2 + q**2)``. Complex block: unitary
        ``Q`` from the eigenvectors of ``A^dagger A`` (algebraic ``cos`` and
        ``sin`` of ``theta = atan2(|h12|, delta)/2``, phase ``h12/|h12|``) with
        phases that make ``Q^T A Q`` real and non-negative; masses
        ``sqrt(m +- sqrt(delta**2 + |h12|**2))`` with ``h = A^dagger A``,
        ``m = (h11 + h22)/2``, ``delta = (h11 - h22)/2``.
    vectors : bool
        Also build the vectors (larger expressions than the masses).

    Returns
    -------
    masses : list of sympy.Expr
        ``[larger, smaller]`` (signed for real blocks).
    vectors : sympy.Matrix or None
        Columns are the Takagi vectors of the two masses; the identity when
        the block is exactly proportional to 1 (real), None for an exactly
        degenerate complex pair (masses equal, basis not unique).
    exactly_degenerate : bool
        True when the two masses coincide exactly (for the block as given).
    """
    p, q, s = block[0, 0], block[0, 1], block[1, 1]
    bounds = (INF,) * (len(block.alg.small_idx) + 1)
    if real:
        half_diff = (p - s).scale(HALF)
        if half_diff.is_zero() and q.is_zero():
            mass = p.to_sympy()
            return [mass, mass], sp.eye(2), True
        hd, qs = half_diff.to_sympy(), q.to_sympy()
        mean = ((p + s).scale(HALF)).to_sympy()
        radius = sp.sqrt((_product(half_diff, half_diff, bounds)
                          + _product(q, q, bounds)).to_sympy())
        masses = [mean + radius, mean - radius]
        if not vectors:
            return masses, None, False
        theta = sp.atan2(qs, hd, evaluate=False) / 2
        c, sn = sp.cos(theta, evaluate=False), sp.sin(theta, evaluate=False)
        return masses, sp.Matrix([[c, -sn], [sn, c]]), False
    if q.is_zero() and (p - s).is_zero():
        mass = sp.sqrt((_product(p.conj(), p, bounds)).to_sympy())
        return [mass, mass], None, True
    h11, h22, h12 = _hermitian_square(block, bounds)
    delta = (h11 - h22).scale(HALF)
    mean = ((h11 + h22).scale(HALF)).to_sympy()
    if delta.is_zero() and h12.is_zero():
        mass = sp.sqrt(h11.to_sympy())
        return [mass, mass], None, True
    abs_h12_sq = _product(h12, h12.conj(), bounds)
    radius = sp.sqrt((_product(delta, delta, bounds) + abs_h12_sq).to_sympy())
    masses = [sp.sqrt(mean + radius), sp.sqrt(mean - radius)]
    if not vectors:
        return masses, None, False
    rho = radius
    delta_s = delta.to_sympy()
    abs_h12 = sp.sqrt(abs_h12_sq.to_sympy())
    h12_s = h12.to_sympy()
    # theta = atan2(|h12|, delta)/2 lies in [0, pi/2]: algebraic cos and sin
    c = sp.sqrt((rho + delta_s) / (2 * rho))
    sn = sp.sqrt((rho - delta_s) / (2 * rho))
    u_plus = sp.Matrix([c, sn * sp.conjugate(h12_s) / abs_h12])
    u_minus = sp.Matrix([-sn * h12_s / abs_h12, c])
    A = block.to_sympy()
    columns = []
    for u in (u_plus, u_minus):
        x = (u.T * A * u)[0, 0]
        # u^T A u = x; w = u sqrt(conj(x)/|x|) gives w^T A w = |x|
        columns.append(u * sp.sqrt(sp.conjugate(x) / sp.sqrt(x * sp.conjugate(x))))
    return masses, sp.Matrix.hstack(*columns), False


def group_labels(n: int, groups: Sequence[Sequence[int]]) -> list[int]:
    """Label per state: its own index, or ``n + g`` for a member of group ``g``."""
    label = list(range(n))
    for g, members in enumerate(groups):
        for i in members:
            if not 0 <= i < n:
                raise ValueError(f"quasi-degenerate state {i + 1} outside the block of size {n}")
            label[i] = n + g
    return label


# -- leading structure ------------------------------------------------------------------------
@dataclass
class LeadingStructure:
    """Leading basis and groups found from the structure of the leading part.

    Attributes
    ----------
    basis : SeriesMatrix
        Unitary ``V0``; its columns keep the positions of the states they
        come from (a component's basis occupies the component's columns).
    groups : list of QuasiDegenerateGroup
        Groups found from the structure (declared, pseudo-Dirac, unresolved).
    """

    basis: SeriesMatrix
    groups: list[QuasiDegenerateGroup]


def _components(n: int, connected) -> list[list[int]]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if connected(i, j):
                parent[find(i)] = find(j)
    comps: dict[int, list[int]] = {}
    for i in range(n):
        comps.setdefault(find(i), []).append(i)
    return sorted(comps.values())


def _is_bipartite_square(lead: SeriesMatrix, comp: list[int]) -> bool:
    """``[[0, X], [X^T, 0]]`` up to a permutation, with ``X`` square."""
    if any(not lead[i, i].is_zero() for i in comp):
        return False
    side = {comp[0]: 0}
    stack = [comp[0]]
    while stack:
        i = stack.pop()
        for j in comp:
            if j != i and not lead[i, j].is_zero():
                if j not in side:
                    side[j] = 1 - side[i]
                    stack.append(j)
                elif side[j] == side[i]:
                    return False
    return 2 * sum(side.values()) == len(comp)


def _hadamard_basis(alg) -> SeriesMatrix:
    h = sp.sqrt(2) / 2
    return SeriesMatrix.from_sympy(alg, sp.Matrix([[h, h], [h, -h]]))


def _plain_symbols(sub: SeriesMatrix) -> tuple[sp.Matrix, dict]:
    """``sub`` as a sympy matrix in plain symbols (one per generator), and the way back.

    Each generator (small parameter, exact symbol, ``lambda**F``, surd, atom
    ``1/P``) becomes an independent symbol, so that factoring works on
    polynomials; a factorization of the independent form stays valid after
    substituting the generators back.
    """
    gens = sub.alg.registry.generators
    plain: dict[int, sp.Symbol] = {}
    rows = []
    for row in sub.rows:
        out_row = []
        for x in row:
            terms = []
            for mono, c in x.terms.items():
                factors = [sp.Rational(int(c.numerator), int(c.denominator))]
                for i, e in enumerate(mono):
                    if e:
                        if i not in plain:
                            plain[i] = sp.Dummy(f"g{i}", real=gens[i].real)
                        factors.append(plain[i] ** e)
                terms.append(sp.Mul(*factors))
            out_row.append(sp.Add(*terms))
        rows.append(out_row)
    return sp.Matrix(rows), {d: gens[i].expr for i, d in plain.items()}


def _splits_at_sample_points(numerator: sp.Expr, lam: sp.Symbol) -> bool:
    """False when the polynomial in ``lam`` cannot split into linear factors.

    A factorization into factors linear in ``lam`` survives setting the other
    symbols to numbers where the leading coefficient does not vanish, so one
    integer point whose univariate polynomial has a factor of degree 2 or more
    proves that the generic one does not split. This bounds the time: a
    multivariate ``factor_list`` (Wang's algorithm, random evaluation points)
    can run for minutes on an irreducible characteristic polynomial.
    """
    others = sorted(numerator.free_symbols - {lam}, key=str)
    lead = sp.Poly(numerator, lam).LC()
    for primes in ((3, 5, 7, 11, 13, 17, 19, 23), (29, 31, 37, 41, 43, 47, 53, 59)):
        point = {s: sp.Integer(primes[i % len(primes)] + 2 * (i // len(primes)))
                 for i, s in enumerate(others)}
        if lead.xreplace(point) == 0:
            continue
        _, factors = sp.Poly(numerator.xreplace(point), lam).factor_list()
        if any(f.degree() > 1 for f, _ in factors):
            return False
    return True


def _factored_basis(sub: SeriesMatrix) -> SeriesMatrix | None:
    """Eigenvectors of a small component whose characteristic polynomial splits linearly."""
    k = sub.shape[0]
    if k > MAX_FACTORED_COMPONENT:
        return None
    if sum(len(x.terms) for row in sub.rows for x in row) > MAX_FACTORED_TERMS:
        return None
    A, back = _plain_symbols(sub)
    charpoly = A.charpoly(sp.Dummy("lambda"))
    lam = charpoly.gens[0]
    poly = charpoly.as_expr()
    numerator, _ = sp.fraction(sp.together(poly))
    numerator = sp.expand(numerator)
    if not _splits_at_sample_points(numerator, lam):
        return None
    _, factors = sp.factor_list(numerator)
    roots = []
    for factor, mult in factors:
        if not factor.has(lam):
            continue
        if mult < 0 or sp.degree(factor, lam) != 1:
            return None
        coeffs = sp.Poly(factor, lam).all_coeffs()
        roots.append((sp.cancel(-coeffs[1] / coeffs[0]), mult))
    columns = []
    for root, mult in roots:
        shifted = (A - root * sp.eye(k)).applyfunc(sp.cancel)
        vectors = shifted.nullspace(simplify=sp.cancel)
        if len(vectors) != mult:
            return None
        for v in sp.GramSchmidt([v.applyfunc(sp.cancel) for v in vectors]):
            norm2 = sp.cancel(sp.expand((v.H * v)[0, 0]))
            columns.append((v / sp.sqrt(norm2)).applyfunc(sp.cancel).xreplace(back))
    if len(columns) != k:
        return None
    try:
        basis = SeriesMatrix.from_sympy(sub.alg, sp.Matrix.hstack(*columns))
    except (ValueError, ZeroDivisionError, NotImplementedError):
        return None
    if not (basis.H @ basis - SeriesMatrix.identity(sub.alg, k)).is_zero():
        return None
    rotated = basis.T @ sub @ basis
    if any(not rotated[i, j].is_zero() for i in range(k) for j in range(k) if i != j):
        return None
    return basis


def find_leading_structure(
    H: SeriesMatrix,
    quasi_degenerate: Sequence[Sequence[int]] = (),
    *,
    real: bool,
    unresolved: str = "raise",
    block_name: str = "",
) -> LeadingStructure:
    """Leading basis from the structure of the lowest-order part of ``H``.

    Parameters
    ----------
    H : SeriesMatrix
        Symmetric block.
    quasi_degenerate : sequence of sequences of int
        Declared groups (0-based); a declared group and every state coupled
        to it at leading order are kept as one exact group in the original basis.
    real : bool
        Whether the diagonalization is real (orthogonal, signed masses).
    unresolved : {"raise", "group"}
        What to do with a component whose basis cannot be found from structure:
        raise ``NotImplementedError`` or keep it as an exact group.
    block_name : str
        Name used in messages ("light", "heavy").

    Returns
    -------
    LeadingStructure

    Raises
    ------
    NotImplementedError
        A component without a basis from structure and ``unresolved="raise"``.
    """
    if unresolved not in ("raise", "group"):
        raise ValueError(f"unresolved must be 'raise' or 'group', got {unresolved!r}")
    alg = H.alg
    n = H.shape[0]
    basis_rows = [[alg.one() if i == j else alg.zero() for j in range(n)] for i in range(n)]
    d0 = H.min_degree()
    if d0 == INF:
        return LeadingStructure(SeriesMatrix(alg, basis_rows), [])
    lead = H.degree_part(int(d0))
    label = group_labels(n, quasi_degenerate)
    declared = {i for i in range(n) if label[i] >= n}

    def connected(i: int, j: int) -> bool:
        if i in declared and label[j] == label[i]:
            return True
        return not lead[i, j].is_zero()

    groups: list[QuasiDegenerateGroup] = []
    for comp in _components(n, connected):
        if len(comp) == 1:
            continue
        if declared.intersection(comp):
            groups.append(QuasiDegenerateGroup(tuple(comp), "declared quasi-degenerate",
                                               real=real))
            continue
        sub = SeriesMatrix(alg, [[lead[i, j] for j in comp] for i in comp])
        local = None
        if len(comp) == 2 and (sub[0, 0] - sub[1, 1]).is_zero():
            local = _hadamard_basis(alg)
        if local is None:
            local = _factored_basis(sub)
        if local is not None:
            for a, i in enumerate(comp):
                for b, j in enumerate(comp):
                    basis_rows[i][j] = local[a, b]
            continue
        states = ", ".join(str(i + 1) for i in comp)
        if _is_bipartite_square(lead, comp):
            groups.append(QuasiDegenerateGroup(
                tuple(comp), f"pseudo-Dirac pairs (states {states}): leading masses are +- the "
                "singular values of a Dirac-type sub-block and coincide pairwise in absolute "
                "value", real=real))
            continue
        if unresolved == "group":
            groups.append(QuasiDegenerateGroup(
                tuple(comp), f"no polynomial leading basis for states {states}", real=real))
            continue
        raise NotImplementedError(
            f"the leading-order {block_name + ' ' if block_name else ''}block couples states "
            f"{states} and the engine "
            "finds no exact basis for them from its structure (diagonal, 2x2 [[a, b], [b, a]], "
            f"components up to {MAX_FACTORED_COMPONENT}x{MAX_FACTORED_COMPONENT} with "
            "polynomial eigenvalues and eigenvectors normalized without symbolic square roots, "
            "pseudo-Dirac pairs); " + BLOCKS_MODE_HINT)
    return LeadingStructure(SeriesMatrix(alg, basis_rows), groups)


__all__ = ["QuasiDegenerateGroup", "LeadingStructure", "find_leading_structure", "takagi_2x2",
           "group_labels",
           "pair_is_degenerate",
           "BLOCKS_MODE_HINT"]
