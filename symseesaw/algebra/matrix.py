"""Matrices of truncated series: products, (conjugate) transposes, inverses, roots."""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp
from sympy.external.gmpy import MPQ
from sympy.polys.domains import QQ
from sympy.polys.matrices import DomainMatrix
from sympy.polys.matrices.exceptions import DMNonInvertibleMatrixError
from sympy.polys.rings import ring as sp_ring

from .convert import to_series
from .generators import ATOM
from .series import INF, Algebra, Series, invert_exact, mul_accumulate, prepare


class SeriesMatrix:
    """Dense matrix of :class:`Series` (row-major list of lists)."""

    __slots__ = ("alg", "rows")

    def __init__(self, alg: Algebra, rows: Sequence[Sequence[Series]]) -> None:
        self.alg = alg
        self.rows = [list(r) for r in rows]

    # -- construction -----------------------------------------------------------
    @classmethod
    def from_sympy(cls, alg: Algebra, matrix) -> SeriesMatrix:
        matrix = sp.Matrix(matrix)
        return cls(alg, [[to_series(alg, matrix[i, j]) for j in range(matrix.cols)]
                         for i in range(matrix.rows)])

    @classmethod
    def zeros(cls, alg: Algebra, n: int, m: int | None = None) -> SeriesMatrix:
        m = n if m is None else m
        return cls(alg, [[alg.zero() for _ in range(m)] for _ in range(n)])

    @classmethod
    def identity(cls, alg: Algebra, n: int) -> SeriesMatrix:
        return cls(alg, [[alg.one() if i == j else alg.zero() for j in range(n)]
                         for i in range(n)])

    @classmethod
    def block(cls, blocks: Sequence[Sequence[SeriesMatrix]]) -> SeriesMatrix:
        alg = blocks[0][0].alg
        rows = []
        for brow in blocks:
            for i in range(brow[0].shape[0]):
                rows.append([x for b in brow for x in b.rows[i]])
        return cls(alg, rows)

    # -- shape and access -------------------------------------------------------
    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), (len(self.rows[0]) if self.rows else 0)

    def __getitem__(self, ij: tuple[int, int]) -> Series:
        return self.rows[ij[0]][ij[1]]

    def sub(self, r0: int, r1: int, c0: int, c1: int) -> SeriesMatrix:
        return SeriesMatrix(self.alg, [row[c0:c1] for row in self.rows[r0:r1]])

    def map(self, fn) -> SeriesMatrix:
        return SeriesMatrix(self.alg, [[fn(x) for x in row] for row in self.rows])

    # -- algebra ------------------------------------------------------------------
    @property
    def T(self) -> SeriesMatrix:
        n, m = self.shape
        return SeriesMatrix(self.alg, [[self.rows[i][j] for i in range(n)] for j in range(m)])

    def conj(self) -> SeriesMatrix:
        return self.map(Series.conj)

    @property
    def H(self) -> SeriesMatrix:
        return self.T.conj()

    def __add__(self, other: SeriesMatrix) -> SeriesMatrix:
        return SeriesMatrix(self.alg, [[a + b for a, b in zip(r, s)]
                                       for r, s in zip(self.rows, other.rows)])

    def __sub__(self, other: SeriesMatrix) -> SeriesMatrix:
        return SeriesMatrix(self.alg, [[a - b for a, b in zip(r, s)]
                                       for r, s in zip(self.rows, other.rows)])

    def __neg__(self) -> SeriesMatrix:
        return self.map(Series.__neg__)

    def scale(self, factor) -> SeriesMatrix:
        return self.map(lambda x: x.scale(factor))

    def __matmul__(self, other: SeriesMatrix) -> SeriesMatrix:
        n, k = self.shape
        k2, m = other.shape
        if k != k2:
            raise ValueError(f"shape mismatch in product: {self.shape} @ {other.shape}")
        return self.matmul(other)

    def matmul(self, other: SeriesMatrix, bounds: tuple[float, ...] | None = None
               ) -> SeriesMatrix:
        """Matrix product truncated at ``bounds`` (default: the algebra's truncation)."""
        n, k = self.shape
        k2, m = other.shape
        if k != k2:
            raise ValueError(f"shape mismatch in product: {self.shape} @ {other.shape}")
        alg = self.alg
        left = [[prepare(alg, x) for x in row] for row in self.rows]
        cols = [[prepare(alg, x) for x in col] for col in other.T.rows]
        return SeriesMatrix(alg, [[mul_accumulate(alg, zip(row, col), bounds) for col in cols]
                                  for row in left])

    def truncate(self, bounds) -> SeriesMatrix:
        return self.map(lambda x: x.truncate(bounds))

    # -- predicates ---------------------------------------------------------------
    def is_zero(self) -> bool:
        return all(x.is_zero() for row in self.rows for x in row)

    def is_diagonal(self) -> bool:
        return all(self.rows[i][j].is_exact_zero() for i in range(self.shape[0])
                   for j in range(self.shape[1]) if i != j)

    def min_degree(self) -> float:
        return min((x.min_degree() for row in self.rows for x in row), default=INF)

    def degree_part(self, degree: int) -> SeriesMatrix:
        return self.map(lambda x: x.degree_part(degree))

    def to_sympy(self) -> sp.Matrix:
        return sp.Matrix([[x.to_sympy() for x in row] for row in self.rows])

    def __repr__(self) -> str:
        return f"SeriesMatrix({self.to_sympy()})"

    # -- inverse and roots ----------------------------------------------------------
    def inverse(self) -> SeriesMatrix:
        """Inverse by Gauss-Jordan elimination with exact pivot tests.

        Raises
        ------
        ValueError
            If the matrix is singular (no non-vanishing pivot in a column).
        """
        n, m = self.shape
        if n != m:
            raise ValueError(f"cannot invert a non-square {n}x{m} matrix")
        alg = self.alg
        if self.is_diagonal():
            diag = []
            for i in range(n):
                if self.rows[i][i].is_zero():
                    raise ValueError(f"singular matrix: diagonal entry {i + 1} vanishes")
                diag.append(self.rows[i][i].inverse())
            return SeriesMatrix(alg, [[diag[i] if i == j else alg.zero() for j in range(n)]
                                      for i in range(n)])
        by_adjugate = self._inverse_by_adjugate()
        if by_adjugate is not None:
            return by_adjugate
        work = [row[:] + [alg.one() if i == j else alg.zero() for j in range(n)]
                for i, row in enumerate(self.rows)]
        for col in range(n):
            pivot = next((r for r in range(col, n) if not work[r][col].is_zero()), None)
            if pivot is None:
                raise ValueError(f"singular matrix: no pivot in column {col + 1}")
            work[col], work[pivot] = work[pivot], work[col]
            inv = work[col][col].inverse()
            work[col] = [x * inv for x in work[col]]
            for r in range(n):
                if r != col and work[r][col].terms:
                    f = work[r][col]
                    work[r] = [a - f * b for a, b in zip(work[r], work[col])]
        return SeriesMatrix(alg, [row[n:] for row in work])

    def _inverse_by_adjugate(self) -> SeriesMatrix | None:
        """Inverse from the adjugate of the part free of small parameters, or None.

        When every entry is a power series (no negative small exponents) whose
        order-zero part ``A0`` is a polynomial matrix (exact symbols with
        non-negative exponents, no atoms, surds or ``i``) with ``det A0 != 0``:
        ``A0^-1 = adj' * (1/det')`` with ``adj'``, ``det'`` a fraction-free inverse
        and its denominator divided by their common polynomial factor, so that the whole
        inverse carries one atom ``1/det'`` (Gauss-Jordan elimination would nest
        the atoms of the successive pivots, e.g. of the 2x2 minors and of the
        determinant, and never cancel them). The rest ``R1 = self - A0`` is of
        positive order: ``self^-1 = sum_k (-A0^-1 R1)^k A0^-1`` (finite at the
        working truncation). Returns None (the caller eliminates) otherwise.
        """
        alg = self.alg
        n = self.shape[0]
        small = set(alg.small_idx)
        plain = small | set(alg.registry.special)
        gens = alg.registry.generators
        variables: set[int] = set()
        lead_rows = []
        for row in self.rows:
            lead_row = {}
            for j, entry in enumerate(row):
                lead = {}
                for mono, c in entry.terms.items():
                    if any(i in small and e < 0 for i, e in enumerate(mono)):
                        return None
                    if any(i in small and e for i, e in enumerate(mono)):
                        continue
                    if any(e < 0 or (e and (i in plain or gens[i].kind == ATOM))
                           for i, e in enumerate(mono)):
                        return None
                    variables.update(i for i, e in enumerate(mono) if e)
                    lead[mono] = c
                if lead:
                    lead_row[j] = lead
            lead_rows.append(lead_row)
        order = sorted(variables)
        if not order:
            return None
        ring, *_ = sp_ring([sp.Dummy(f"g{i}") for i in order], QQ)
        position = {i: k for k, i in enumerate(order)}

        def ring_element(terms: dict) -> object:
            data = {}
            for mono, c in terms.items():
                exps = [0] * len(order)
                for i, e in enumerate(mono):
                    if e:
                        exps[position[i]] = e
                data[tuple(exps)] = c
            return ring.from_dict(data)

        def series_of(poly) -> Series:
            terms = {}
            for exps, c in poly.terms():
                mono = [0] * (order[-1] + 1)
                for k, e in enumerate(exps):
                    mono[order[k]] = e
                while mono and mono[-1] == 0:
                    mono.pop()
                terms[tuple(mono)] = MPQ(c)
            return Series(alg, terms, exact=True)

        zero = ring.zero
        A0 = DomainMatrix([[ring_element(lead_rows[i][j]) if j in lead_rows[i] else zero
                            for j in range(n)] for i in range(n)], (n, n), ring.to_domain())
        try:
            adj, det = A0.inv_den()
        except DMNonInvertibleMatrixError:
            return None  # singular leading part (e.g. a hierarchy inside M_R): eliminate
        adj = adj.to_list()
        common = det
        for x in (x for row in adj for x in row if x):
            common = common.gcd(x)
        det = det.exquo(common)
        inv_det = invert_exact(series_of(det))
        inverse = SeriesMatrix(alg, [[series_of(adj[i][j].exquo(common)) * inv_det
                                      for j in range(n)] for i in range(n)])
        rest = self - SeriesMatrix(alg, [[Series(alg, dict(lead_rows[i].get(j, {})), exact=True)
                                          for j in range(n)] for i in range(n)])
        step = -(inverse @ rest)
        term = inverse
        while True:
            term = step @ term
            inverse = inverse + term
            if term.is_zero_fast():
                return inverse

    def binomial_power(self, power: sp.Rational) -> SeriesMatrix:
        """``(1 + X)**power`` for ``X = self`` of positive order (binomial series)."""
        return self.binomial_powers([power])[0]

    def binomial_powers(self, powers: Sequence[sp.Rational],
                        bounds: tuple[float, ...] | None = None) -> list[SeriesMatrix]:
        """``[(1 + X)**p for p in powers]`` for ``X = self`` of positive order.

        The powers ``X**k`` are computed once (truncated at ``bounds``, default
        the algebra's truncation) and shared by all the series.
        """
        n, m = self.shape
        alg = self.alg
        if self.is_zero_fast():
            return [SeriesMatrix.identity(alg, n) for _ in powers]
        if self.min_degree() <= 0:
            raise ValueError("binomial series needs a matrix X of positive order")
        exponents = [MPQ(int(sp.Rational(p).p), int(sp.Rational(p).q)) for p in powers]
        results = [SeriesMatrix.identity(alg, n) for _ in powers]
        coeffs = [MPQ(1) for _ in powers]
        term = SeriesMatrix.identity(alg, n)
        k = 0
        while True:
            term = term.matmul(self, bounds)
            k += 1
            if term.is_zero_fast():
                break
            for idx, p in enumerate(exponents):
                coeffs[idx] = coeffs[idx] * (p - (k - 1)) / k
                results[idx] = results[idx] + term.scale(coeffs[idx])
        return results

    def is_zero_fast(self) -> bool:
        return all(x.is_exact_zero() for row in self.rows for x in row)

