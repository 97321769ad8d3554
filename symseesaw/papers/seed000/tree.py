"""Seed 000, Sect. III: tree-level 3+2+3 mass matrix, its four massless states (Eqs. 1-7, 9).

Seed: ``shared/seeds/000_0a3c8dd3bbe2272c.txt`` (mirror asymmetric dark matter
with a 3+1 spectrum).  The ``8 x 8`` Majorana matrix in the basis
``(nu_e, nu_mu, nu_tau, N_1, N_2, nu'_e, nu'_mu, nu'_tau)`` is built from the
paper's Eq. (1) and Eq. (3) (``M_D``, ``M'_D`` are ``3 x 2``: flavors x N_i)
and analysed *exactly*: ranks and kernels are computed with sympy's
``DomainMatrix`` over the field of rational functions of ``a..f, A..F, M_1,
M_2`` (complex conjugates never enter ``M``, so this is the generic rank: it
holds on a Zariski-open dense set of parameter values, in particular away from
``ad - bc = 0`` and ``AD - BC = 0``).

Main system of the result: ``mass_matrix`` is the ``8 x 8`` matrix,
``mixing_matrix`` an exact (unnormalized) ``8 x 4`` basis of the massless
subspace (columns: Eq. (4), Eq. (5), then the two mixed states obtained with
``nu'_e`` and ``nu'_mu`` components ``1``), ``masses = [0, 0, 0, 0]``.  The four
massive states have no closed form and are not listed.

``prove`` checks the exact statements numerically at a random complex point
(mpmath, ``dps`` digits; ``measured = inf`` when the residual is at working
precision) and measures the order of Eq. (9) as a slope.
"""

from __future__ import annotations

import math
import random

import mpmath
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from symseesaw.numerics.takagi import as_mp_matrix, takagi
from symseesaw.papers.seed000 import SOURCE as SOURCE  # re-exported: the registry reads it
from symseesaw.papers.seed000 import model
from symseesaw.papers.seed000.model import (
    M1,
    M2,
    A,
    B,
    C,
    D,
    E,
    F,
    a,
    b,
    c,
    d,
    e,
    f,
    v_wk,
    vp_wk,
)
from symseesaw.papers.verdicts import with_summaries
from symseesaw.result import (
    Comparison,
    DerivationResult,
    ProofReport,
    SlopeMeasurement,
    StoredExpansion,
)

NAME = "seed000-tree"
EQUATIONS = ["1", "3", "4", "5", "6", "7", "9"]
SUMMARY = ("Seed 000 tree level: the 8x8 (3+2+3) matrix has exactly four massless states; "
           "Eqs. (4), (5) are exact zero modes; nu_i ~ v' nu~_i - v nu~'_i needs M'_D = (v'/v) M_D.")

# ---------------------------------------------------------------------------
# Faithful transcriptions (as printed)
# ---------------------------------------------------------------------------
#: Eq. (4): coefficients of (nu_e, nu_mu, nu_tau) in nu~_tau.
EQ4 = [(-d * e + c * f) / (a * d - b * c), (b * e - a * f) / (a * d - b * c), sp.S.One]
#: Eq. (5): coefficients of (nu'_e, nu'_mu, nu'_tau) in nu~'_tau.
EQ5 = [(-D * E + C * F) / (A * D - B * C), (B * E - A * F) / (A * D - B * C), sp.S.One]
#: Eq. (6): triangular Dirac matrices in the rotated basis (symbols of the print).
at, bt, dt = sp.symbols("a~ b~ d~")
At, Bt, Dt = sp.symbols("A~ B~ D~")
EQ6 = (sp.Matrix([[at, bt], [0, dt]]), sp.Matrix([[At, Bt], [0, Dt]]))

TRANSCRIPTION_NOTES = {
    "3": "M_D and M'_D printed as 3x2 (rows e, mu, tau; columns N_1, N_2); this orientation is "
         "the one used throughout (it reproduces Eqs. 14 and 22).",
    "4": "extracted text unambiguous; the coefficient vector is compared (state ~ sum_f x_f nu_f).",
    "5": "extracted text unambiguous.",
    "7": "text after Eq. (7): nu_i ~ (v'_wk nu~_i - v_wk nu~'_i), i = 1, 2, 'identical flavor "
         "structure prior to seesaw diagonalization'.",
    "9": "'~' (order of magnitude): compared up to the conventional sign of the seesaw.",
}

#: Mirror symmetry of Eq. (2): the same h_i couples L phi and L' phi'.
MIRROR_RELATION = "M'_D = (v'_wk / v_wk) M_D"


# ---------------------------------------------------------------------------
# exact linear algebra
# ---------------------------------------------------------------------------


def _field(M: sp.Matrix) -> DomainMatrix:
    """``M`` as a DomainMatrix over the fraction field of its symbols."""
    return DomainMatrix.from_Matrix(M).to_field()


def generic_rank(M: sp.Matrix) -> int:
    """Rank over the field of rational functions of the entries' symbols."""
    return int(_field(M).rank())


def kernel_basis(M: sp.Matrix) -> list[sp.Matrix]:
    """Exact basis of the (right) kernel of ``M`` over the rational-function field."""
    ns = _field(M).nullspace().to_Matrix()
    return [ns.row(k).T for k in range(ns.rows)]


def is_zero_vector(v: sp.Matrix) -> bool:
    """True when every entry cancels to zero."""
    return all(sp.cancel(sp.together(x)) == 0 for x in v)


def left_kernel_of_dirac(MD: sp.Matrix) -> list[sp.Expr]:
    """The unique ``x`` (``nu_tau`` coefficient 1) with ``x^T M_D = 0``: the zero mode inside the flavors."""
    (vec,) = kernel_basis(MD.T)
    return [sp.factor(sp.cancel(x / vec[2])) for x in vec]


def massless_basis(MD: sp.Matrix, MDp: sp.Matrix) -> sp.Matrix:
    """Exact ``8 x 4`` basis of the tree-level kernel (see module docstring)."""
    x = left_kernel_of_dirac(MD)
    xp = left_kernel_of_dirac(MDp)
    cols = [sp.Matrix([*x, 0, 0, 0, 0, 0]), sp.Matrix([0, 0, 0, 0, 0, *xp])]
    P = MD[:2, :].T  # M_D^T restricted to (nu_e, nu_mu)
    for i in range(2):
        z = sp.zeros(3, 1)
        z[i] = 1
        y = (-P.adjugate() * (MDp.T * z) / P.det()).applyfunc(sp.cancel)
        cols.append(sp.Matrix([y[0], y[1], 0, 0, 0, *z]))
    return sp.Matrix.hstack(*cols)


def _mixed_state(w: sp.Matrix) -> sp.Matrix:
    """``v'_wk nu~ - v_wk nu~'`` with the same flavor vector ``w`` in both sectors."""
    return sp.Matrix([*(vp_wk * w), 0, 0, *(-v_wk * w)])


# ---------------------------------------------------------------------------
# derive
# ---------------------------------------------------------------------------


def _cmp(eq: str, entry: list[int], printed: sp.Expr, derived: sp.Expr, *,
         reading: str | None = None, note: str = "") -> Comparison:
    """Exact comparison: agrees iff ``printed - derived`` cancels to zero."""
    diff = sp.cancel(sp.together(sp.sympify(printed) - sp.sympify(derived)))
    verdict = "agrees" if diff == 0 else "differs"
    return Comparison(eq, entry, sp.sympify(printed), sp.sympify(derived), verdict,
                      difference=diff, reading=reading, note=note)


def _eq6_eq7_residual(rng: random.Random, dps: int) -> mpmath.mpf:
    """Numeric check of Eqs. (6), (7): QR rotations decouple nu~_tau, nu~'_tau.

    ``M_D = Q R`` (QR), ``V = conj(Q)``: ``V^T M_D = R`` is upper triangular
    (Eq. 6) and the congruence ``blockdiag(V, 1, V')`` brings the ``8 x 8`` matrix
    into Eq. (7) plus two decoupled zero rows/columns.  Returns the largest
    entry that Eqs. (6)-(7) require to vanish, relative to ``max |M|``.
    """
    with mpmath.workdps(dps + 10):
        vals = {s: _rational(rng) + sp.I * _rational(rng)
                for s in (*model.DIRAC_SYMBOLS, *model.MIRROR_DIRAC_SYMBOLS)}
        vals.update({M1: 5 + 5 * abs(_rational(rng)), M2: 5 + 5 * abs(_rational(rng))})
        Mnum = as_mp_matrix(model.tree_mass_matrix().subs(vals))
        Qs = []
        for block in (as_mp_matrix(model.dirac_matrix().subs(vals)),
                      as_mp_matrix(model.mirror_dirac_matrix().subs(vals))):
            Q, R = mpmath.qr(block, mode="full")
            Qs.append(Q)
        W = mpmath.zeros(8, 8)
        for i in range(3):
            for j in range(3):
                W[i, j] = mpmath.conj(Qs[0][i, j])
                W[5 + i, 5 + j] = mpmath.conj(Qs[1][i, j])
        W[3, 3] = W[4, 4] = 1
        T = W.T * Mnum * W
        scale = max(abs(x) for x in Mnum)
        must_vanish = [T[1, 3], T[6, 3]]  # (2,1) entries of the triangular M~_D, M~'_D (Eq. 6)
        must_vanish += [T[2, j] for j in range(8)] + [T[7, j] for j in range(8)]  # decoupled
        must_vanish += [T[i, j] for i in (0, 1) for j in (0, 1, 5, 6)]  # zero blocks of Eq. (7)
        must_vanish += [T[i, j] for i in (5, 6) for j in (5, 6)]
        return max(abs(x) for x in must_vanish) / scale


def refuse_orders(name: str, orders: dict[str, int] | None) -> None:
    """The registry contract's ``orders`` of an exact derivation: must be empty.

    Raises
    ------
    ValueError
        When orders are given (the derivation has no small parameters).
    """
    if orders:
        raise ValueError(f"{name} has no small parameters: its statements are exact")


def derive(orders: dict[str, int] | None = None) -> DerivationResult:
    """Exact tree-level analysis and comparison with Eqs. (4)-(7), (9) (no proof).

    ``orders`` must be empty (:func:`refuse_orders`).
    """
    refuse_orders(NAME, orders)
    MD, MDp, MR = model.dirac_matrix(), model.mirror_dirac_matrix(), model.right_handed_matrix()
    Mtree = model.tree_mass_matrix(MD, MDp, MR)
    comparisons: list[Comparison] = []

    # number of massless states (abstract; text after Eq. 7)
    n_massless = 8 - generic_rank(Mtree)
    comparisons.append(_cmp("7", [1], 4, n_massless, note=(
        "number of massless states of the 8x8 tree-level matrix (abstract, text after Eq. 7): "
        "8 - rank over Q(a..f, A..F, M_1, M_2)")))

    # Eqs. (4), (5): zero modes inside the ordinary / mirror flavors
    for eq, printed, block in (("4", EQ4, MD), ("5", EQ5, MDp)):
        derived = left_kernel_of_dirac(block)
        for k in range(3):
            comparisons.append(_cmp(eq, [k + 1], printed[k], derived[k], note=(
                TRANSCRIPTION_NOTES[eq] + " Derived: unique x with x^T M_D = 0 (nu_tau "
                "coefficient 1); (x, 0, 0) spans ker(M) inside the flavor subspace. Condition: "
                + ("ad - bc != 0." if eq == "4" else "AD - BC != 0."))))
    ker = massless_basis(MD, MDp)
    assert is_zero_vector(Mtree * ker) and generic_rank(ker) == 4

    # Eq. (6): existence of the triangular form (QR); Eq. (7): 6x6 has two more zero modes
    residual = float(_eq6_eq7_residual(random.Random(6), 30))
    comparisons.append(Comparison(
        "6", [1], sp.S.Zero, sp.S.Zero if residual < 1e-25 else sp.Float(residual), "agrees"
        if residual < 1e-25 else "differs", note=(
            "Eq. (6) exists for any M_D: it is the QR factorization M_D = Q R, rotation "
            "V = conj(Q) (V^T M_D = R upper triangular); the same congruence brings the 8x8 "
            f"matrix to Eq. (7) with nu~_tau, nu~'_tau decoupled (numeric residual {residual:.1e}).")))
    M6 = sp.BlockMatrix([[sp.zeros(2), EQ6[0], sp.zeros(2)],
                         [EQ6[0].T, MR, EQ6[1].T],
                         [sp.zeros(2), EQ6[1], sp.zeros(2)]]).as_explicit()
    comparisons.append(_cmp("7", [2], 2, 6 - generic_rank(M6), note=(
        "'two more massless states' of the 6x6 Eq. (7) with the triangular Dirac blocks of "
        "Eq. (6): 6 - rank.")))

    # text after Eq. (7): nu_i ~ v' nu~_i - v nu~'_i with identical flavor structure
    w = sp.Matrix(sp.symbols("w_1:4"))
    note7 = (TRANSCRIPTION_NOTES["7"] + " Compared: N_1 component of M (v' w, 0, -v w) for an "
             "arbitrary flavor vector w (printed: 0). In general the kernel contains "
             "(v' w, 0, -v w) iff (v' M_D - v M'_D)^T w = 0: all w (3-dim) iff "
             f"rank(v' M_D - v M'_D) = 0, i.e. iff {MIRROR_RELATION}.")
    for reading, MDp_r in ((f"mirror-symmetric Yukawas (Eq. 2): {MIRROR_RELATION}",
                            model.mirror_symmetric_dirac()),
                           ("independent M'_D = (A..F) of Eq. (3)", MDp)):
        Mr = model.tree_mass_matrix(MD, MDp_r, MR)
        res = (Mr * _mixed_state(w)).applyfunc(sp.expand)
        rank = generic_rank(vp_wk * MD - v_wk * MDp_r)
        comparisons.append(_cmp("7", [3], 0, res[3], reading=reading,
                                note=note7 + f" Here rank(v' M_D - v M'_D) = {rank}."))
    active = vp_wk**2 / (vp_wk**2 + v_wk**2)
    comparisons.append(Comparison(
        "7", [4], sp.S.One, active, "agrees", difference=sp.cancel(1 - active),
        note="'nu_i are predominantly active': active weight v'^2/(v^2 + v'^2) of the "
             "normalized state; 1 - 1e-8 for v'/v = 1e4 (claim holds)."))

    # Eq. (9): light mirror masses ~ M'_D M_R^-1 M'_D^T
    Cfull = sp.Matrix.vstack(MD, MDp)
    light = -model.seesaw_factor(Cfull, Cfull, MR)
    printed9 = model.seesaw_factor(MDp, MDp, MR)
    for i in range(3):
        for j in range(i, 3):
            comparisons.append(_cmp("9", [i + 1, j + 1], printed9[i, j], -light[3 + i, 3 + j],
                                    reading="up to the overall sign of the seesaw",
                                    note=TRANSCRIPTION_NOTES["9"] + " Derived: mirror block of the "
                                    "leading seesaw light matrix -C M_R^-1 C^T, C = (M_D; M'_D); "
                                    "order proven in prove()."))

    symbols = sorted(Mtree.free_symbols | {v_wk, vp_wk}, key=str)
    return DerivationResult(
        name=NAME, equations=EQUATIONS, symbols=symbols, small={}, convention="UT_M_U",
        mass_matrix=Mtree, expansion=StoredExpansion(mixing=ker, masses=[sp.S.Zero] * 4),
        comparisons=with_summaries(
            comparisons, paper_readings={"7": "mirror-symmetric"},
            explanations={"7": "The text after Eq. (7) states 'identical flavor structure "
                               "prior to seesaw diagonalization' (mirror-symmetric Yukawas)."}),
        notes=[
            "basis (nu_e, nu_mu, nu_tau, N_1, N_2, nu'_e, nu'_mu, nu'_tau); M_D, M'_D are 3x2 "
            "(flavors x N_i), M_R = diag(M_1, M_2).",
            "mixing_matrix is an exact, unnormalized 8x4 basis of ker(M) (the four massless "
            "states), not a full unitary U: the massive states have no closed form.",
            "ranks are generic ranks over the field of rational functions of the symbols.",
            "with M'_D = (v'/v) M_D the last two kernel columns become (-(v'/v) e_i, 0, e_i), "
            "i.e. nu_i ~ v' nu_i - v nu'_i.",
        ],
    )


# ---------------------------------------------------------------------------
# prove
# ---------------------------------------------------------------------------


def exact_measurement(quantity: str, residual: mpmath.mpf, dps: int) -> SlopeMeasurement:
    """A SlopeMeasurement for an exact statement.

    ``measured = inf`` (passes) when the relative residual is below
    ``10**-(dps - 10)``, otherwise ``0`` (fails, ``predicted = inf``).
    """
    ok = residual <= mpmath.mpf(10) ** (-(dps - 10))
    return SlopeMeasurement(quantity, math.inf, math.inf if ok else 0.0, [float(residual)], [1.0])


def real_items(values: dict) -> dict[str, float]:
    """Base point as real floats: complex ``z`` stored as ``"Re z"`` and ``"Im z"``."""
    out: dict[str, float] = {}
    for k, v in values.items():
        z = complex(v)
        if z.imag:
            out[f"Re {k}"], out[f"Im {k}"] = z.real, z.imag
        else:
            out[str(k)] = z.real
    return out


def fit_slope(ts: list[float], residuals: list) -> float:
    """Least-squares slope of ``log residual`` against ``log t``."""
    xs = [math.log(t) for t in ts]
    ys = [float(mpmath.log(r)) for r in residuals]
    xm, ym = sum(xs) / len(xs), sum(ys) / len(ys)
    return (sum((x - xm) * (y - ym) for x, y in zip(xs, ys, strict=True))
            / sum((x - xm) ** 2 for x in xs))


def _rational(rng: random.Random) -> sp.Rational:
    """Exact random rational in ``[-1, 1]`` (exact inputs keep sympy from rounding)."""
    return sp.Rational(rng.randint(-1000, 1000), 1000)


def _numeric(M: sp.Matrix, vals: dict, dps: int) -> mpmath.matrix:
    """``M`` at ``vals`` as an mpmath matrix (evaluated at the working precision)."""
    with mpmath.workdps(dps + 10):
        return as_mp_matrix(M.subs(vals))


def _rel_residual(Mn: mpmath.matrix, vec: mpmath.matrix) -> mpmath.mpf:
    r = Mn * vec
    return (max(abs(x) for x in r)
            / (max(abs(x) for x in Mn) * max(abs(x) for x in vec)))


def prove(result: DerivationResult, dps: int = 50) -> ProofReport:
    """Numeric check of the exact statements and the order of Eq. (9).

    At a random complex point (seeded): (i) the four smallest Takagi values of
    the ``8 x 8`` matrix vanish at working precision while the fifth does not;
    (ii) ``M`` annihilates the Eq. (4) and Eq. (5) vectors and every column of
    ``result.mixing_matrix``; (iii) with ``M'_D = (v'/v) M_D`` it annihilates
    ``(v' w, 0, -v w)`` for a random ``w``; (iv) Eqs. (6)-(7) via QR.  Then
    Eq. (9): with ``M_D = t^2 D``, ``M'_D = t D'`` the two non-zero light masses
    approach the Takagi values of ``M'_D M_R^-1 M'_D^T`` with relative error
    ``O(t^2)`` (predicted slope 2).
    """
    rng = random.Random(2024)
    vals = {s: _rational(rng) + sp.I * _rational(rng)
            for s in (*model.DIRAC_SYMBOLS, *model.MIRROR_DIRAC_SYMBOLS)}
    vals.update({M1: 5 + 5 * abs(_rational(rng)), M2: 5 + 5 * abs(_rational(rng)),
                 v_wk: sp.S.One, vp_wk: sp.Integer(7)})
    base = {k: complex(v) for k, v in vals.items()}
    slopes = []
    with mpmath.workdps(dps):
        Mn = _numeric(result.mass_matrix, vals, dps)
        _, m = takagi(Mn, real=False, dps=dps)
        m = sorted(abs(x) for x in m)
        ok = m[3] / m[-1] <= mpmath.mpf(10) ** (-(dps - 10)) and m[4] / m[-1] > 1e-6
        slopes.append(SlopeMeasurement("four massless states (Takagi values 1-4 vanish, 5 does not)",
                                       math.inf, math.inf if ok else 0.0,
                                       [float(m[3] / m[-1]), float(m[4] / m[-1])], [1.0]))
        for label, printed in (("Eq. (4) zero mode", EQ4), ("Eq. (5) zero mode", EQ5)):
            pad = [*printed, 0, 0, 0, 0, 0] if label.startswith("Eq. (4)") else [0] * 5 + printed
            vec = _numeric(sp.Matrix(pad), vals, dps)
            slopes.append(exact_measurement(label, _rel_residual(Mn, vec), dps))
        K = _numeric(result.mixing_matrix, vals, dps)
        worst = max(_rel_residual(Mn, K[:, k]) for k in range(K.cols))
        slopes.append(exact_measurement("mixing_matrix columns in ker M", worst, dps))
        Mmir = _numeric(model.tree_mass_matrix(MDp=model.mirror_symmetric_dirac()), vals, dps)
        w = {s: _rational(rng) + sp.I * _rational(rng) for s in sp.symbols("w_1:4")}
        vec = _numeric(_mixed_state(sp.Matrix(list(w))), {**vals, **w}, dps)
        slopes.append(exact_measurement("v' nu~_i - v nu~'_i zero mode (M'_D = v'/v M_D)",
                                        _rel_residual(Mmir, vec), dps))
        slopes.append(exact_measurement("Eqs. (6)-(7) via QR", _eq6_eq7_residual(rng, dps), dps))
        slopes.append(_eq9_slope(vals, dps))
    return ProofReport(direction={"t": 1.0}, base_point=real_items(base),
                       dps=dps, slopes=slopes)


def _eq9_slope(base: dict, dps: int) -> SlopeMeasurement:
    """Relative error of the light mirror masses against Eq. (9), ``M_D = t^2 D``, ``M'_D = t D'``."""
    ts = [10.0 ** (-1 - 0.5 * k) for k in range(6)]
    D0 = as_mp_matrix(model.dirac_matrix().subs(base))
    D1 = as_mp_matrix(model.mirror_dirac_matrix().subs(base))
    MRn = as_mp_matrix(model.right_handed_matrix().subs(base))
    residuals = []
    for t in ts:
        MDn, MDpn = D0 * mpmath.mpf(t) ** 2, D1 * mpmath.mpf(t)
        full = mpmath.zeros(8, 8)
        for i in range(3):
            for j in range(2):
                full[i, 3 + j] = full[3 + j, i] = MDn[i, j]
                full[5 + i, 3 + j] = full[3 + j, 5 + i] = MDpn[i, j]
        full[3, 3], full[4, 4] = MRn[0, 0], MRn[1, 1]
        _, m = takagi(full, real=False, dps=dps)
        m = sorted(abs(x) for x in m)[4:6]
        _, ms = takagi(MDpn * mpmath.inverse(MRn) * MDpn.T, real=False, dps=dps)
        ms = sorted(abs(x) for x in ms)[1:]
        residuals.append(max(abs(x - y) / y for x, y in zip(m, ms, strict=True)))
    return SlopeMeasurement("Eq. (9): light mirror masses vs M'_D M_R^-1 M'_D^T", 2.0,
                            fit_slope(ts, residuals), [float(r) for r in residuals], ts)
