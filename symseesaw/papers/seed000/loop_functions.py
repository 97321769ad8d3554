"""One-loop functions of the radiative inverse seesaw (seed 000, Eqs. 11-13, 18-21).

The loop functions are *derived* from the Euclidean scalar integrals of the
diagrams of Figs. 1 and 2 (zero external momentum, one Majorana ``N_gamma`` of
mass ``M_gamma`` and one or two scalar propagators), by partial fractions in
``K = k_E^2``:

.. math::

    T(M; m_a, m_b) = \\frac{1}{16\\pi^2} \\int_0^\\infty
        \\frac{K\\,dK}{(K + M^2)(K + m_a^2)(K + m_b^2)} .

``16 pi^2 m^2 T(M; 0, m) = m^2/(M^2 - m^2) ln(M^2/m^2)`` is the bracket of
Eq. (12) (the difference of the ``N``-``h`` and ``N``-Goldstone bubbles), and
``M T(M; m_H, m'_H)`` is the loop factor of Eq. (19).  The couplings in front
(``alpha_W / (16 pi m_W^2)``, ``x``) are taken as printed, not derived.

Everything is sympy; no global simplification is used (``apart``, ``cancel``,
``expand``, ``expand_log`` on small expressions only).
"""

from __future__ import annotations

import functools

import sympy as sp

__all__ = [
    "m_H",
    "mp_H",
    "m_Z",
    "m_W",
    "alpha_W",
    "x_mix",
    "triangle",
    "bubble_difference",
    "f_loop",
    "g_loop",
    "g_loop_heavy_mirror",
    "active_mass_matrix",
    "mixing_mass_matrix",
    "equal_mass_limit",
    "log_canonical",
]

m_H, mp_H = sp.Symbol("m_H", positive=True), sp.Symbol("m'_H", positive=True)
m_Z, m_W = sp.Symbol("m_Z", positive=True), sp.Symbol("m_W", positive=True)
alpha_W = sp.Symbol("alpha_W", positive=True)
#: Scalar mixing coupling of Eq. (17), ``V > x v v' H H'``.
x_mix = sp.Symbol("x", positive=True)


def log_canonical(expr: sp.Expr) -> sp.Expr:
    """Cheap canonical form for comparing logarithmic expressions.

    ``expand_log(force=True)`` (all symbols here are positive), ``expand``,
    then ``cancel``; zero iff the expression vanishes identically.
    """
    return sp.cancel(sp.expand(sp.expand_log(expr, force=True)))


@functools.lru_cache(maxsize=32)
def triangle(Msq: sp.Expr, asq: sp.Expr, bsq: sp.Expr) -> sp.Expr:
    """Closed form of the zero-momentum triangle ``T(M; m_a, m_b)`` (derived).

    Partial fractions of ``K / ((K + M^2)(K + m_a^2)(K + m_b^2))`` give
    ``sum_i c_i / (K + p_i)`` with ``sum_i c_i = 0`` (checked), so the integral
    over ``[0, inf)`` is ``-sum_i c_i ln p_i``.

    Parameters
    ----------
    Msq, asq, bsq : sympy.Expr
        ``M^2``, ``m_a^2``, ``m_b^2`` (positive and pairwise different).

    Returns
    -------
    sympy.Expr
        ``T`` including the ``1/(16 pi^2)`` of the Euclidean measure (derived once per
        set of arguments: ``derive`` and ``prove`` share it).
    """
    k = sp.Dummy("K")  # no positivity: the poles sit at negative K
    integrand = sp.cancel(k / ((k + Msq) * (k + asq) * (k + bsq)))
    total, residues = sp.S.Zero, sp.S.Zero
    for term in sp.Add.make_args(sp.apart(integrand, k)):
        _, den = sp.fraction(sp.together(term))
        (pole,) = sp.solve(den, k)
        residue = sp.cancel(term * (k - pole)).subs(k, pole)
        residues += residue
        total += -residue * sp.log(-pole)
    if sp.cancel(residues) != 0:  # pragma: no cover - guards the derivation
        raise ArithmeticError("the triangle integrand does not fall like 1/K^2")
    return total / (16 * sp.pi**2)


def bubble_difference(Msq: sp.Expr, msq: sp.Expr) -> sp.Expr:
    """``m^2/(M^2 - m^2) ln(M^2/m^2)``: the bracket of Eqs. (12), (13), (20), (21)."""
    return msq / (Msq - msq) * sp.log(Msq / msq)


def f_loop(MD: sp.Matrix, MR: sp.Matrix, alpha: int, beta: int, gamma: int,
           m: sp.Expr) -> sp.Expr:
    """``f_{alpha beta gamma}(m)`` of Eq. (12) (0-based indices).

    ``alpha_W/(16 pi m_W^2) (M_D)_ag (M_R)_gg [m^2/((M_R^2)_gg - m^2)
    ln((M_R^2)_gg/m^2)] (M_D)_bg``.
    """
    Mg = MR[gamma, gamma]
    return (alpha_W / (16 * sp.pi * m_W**2) * MD[alpha, gamma] * Mg
            * bubble_difference(Mg**2, m**2) * MD[beta, gamma])


def g_loop(MD: sp.Matrix, MDp: sp.Matrix, MR: sp.Matrix, alpha: int, beta: int, gamma: int,
           mH: sp.Expr = m_H, mpH: sp.Expr = mp_H) -> sp.Expr:
    """``g_{alpha beta gamma}(m_H, m'_H)`` of Eq. (19), *derived* form (0-based indices).

    ``(M_D)_ag M_g T(M_g; m_H, m'_H) (M'_D)_bg`` written as
    ``1/(16 pi^2 (m'^2 - m^2)) (M_D)_ag (M_R)_gg [B(M_g, m') - B(M_g, m)] (M'_D)_bg``
    with ``B(M, m) = m^2/(M^2 - m^2) ln(M^2/m^2)`` (:func:`bubble_difference`).
    The second denominator is ``M_g^2 - m_H^2`` (the printed Eq. 19 has
    ``M_g^2 - m'_H^2``, see ``symseesaw.papers.seed000.loops``).
    """
    Mg = MR[gamma, gamma]
    bracket = bubble_difference(Mg**2, mpH**2) - bubble_difference(Mg**2, mH**2)
    return MD[alpha, gamma] * Mg * bracket * MDp[beta, gamma] / (16 * sp.pi**2 * (mpH**2 - mH**2))


def g_loop_heavy_mirror(MD: sp.Matrix, MDp: sp.Matrix, MR: sp.Matrix, alpha: int, beta: int,
                        gamma: int, mpH: sp.Expr = mp_H) -> sp.Expr:
    """Eq. (20): ``g`` for ``m'_H >> m_H``, i.e. the limit ``m_H -> 0`` of Eq. (19)."""
    Mg = MR[gamma, gamma]
    return (MD[alpha, gamma] * Mg * bubble_difference(Mg**2, mpH**2) * MDp[beta, gamma]
            / (16 * sp.pi**2 * mpH**2))


def active_mass_matrix(MD: sp.Matrix, MR: sp.Matrix, mH: sp.Expr = m_H,
                       mZ: sp.Expr = m_Z) -> sp.Matrix:
    """``(M_nu)_ab = sum_g [f_abg(m_H) + 3 f_abg(m_Z)]``, Eq. (11), for diagonal ``M_R``."""
    n, k = MD.shape
    return sp.Matrix(n, n, lambda i, j: sp.Add(*[
        f_loop(MD, MR, i, j, g, mH) + 3 * f_loop(MD, MR, i, j, g, mZ) for g in range(k)]))


def mixing_mass_matrix(MD: sp.Matrix, MDp: sp.Matrix, MR: sp.Matrix, *,
                       heavy_mirror: bool = False) -> sp.Matrix:
    """``(M_nu nu')_ab = x sum_g g_abg``, Eq. (18) (derived ``g``; Eq. 20 if ``heavy_mirror``)."""
    n, k = MD.shape
    g = g_loop_heavy_mirror if heavy_mirror else g_loop
    return sp.Matrix(n, MDp.rows, lambda i, j: x_mix * sp.Add(*[
        g(MD, MDp, MR, i, j, gg) for gg in range(k)]))


def equal_mass_limit(expr: sp.Expr, M1: sp.Symbol, M2: sp.Symbol, M: sp.Symbol) -> sp.Expr:
    """``lim_{M_2 -> M_1} expr`` with ``M_1 -> M`` afterwards (derived, not assumed).

    Used for the ``M_1 = M_2`` forms Eqs. (13) and (21).  ``expr`` is built from
    sums, products, powers and logarithms of positive symbols, so it is
    continuous wherever no base of a negative power and no logarithm's argument
    vanishes: when every such base stays non-zero at ``M_2 = M_1`` (checked
    exactly) the limit is the value there; otherwise (a genuine ``1/(M_1 - M_2)``)
    ``sympy.limit`` takes it.
    """
    at_equal = {M2: M1}
    singular = [b for b in _denominators_and_log_arguments(expr)
                if sp.expand(b.xreplace(at_equal)) == 0]
    if singular:
        return sp.limit(expr, M2, M1).subs(M1, M)
    return expr.xreplace(at_equal).xreplace({M1: M})


def _denominators_and_log_arguments(expr: sp.Expr) -> set[sp.Expr]:
    """Bases of negative powers and arguments of logarithms anywhere in ``expr``."""
    out: set[sp.Expr] = set()
    for sub in sp.preorder_traversal(expr):
        if sub.is_Pow and not sub.exp.is_nonnegative:
            out.add(sub.base)
        elif isinstance(sub, sp.log):
            out.add(sub.args[0])
        elif not (sub.is_Add or sub.is_Mul or sub.is_Pow or sub.is_Atom):
            raise NotImplementedError(f"equal_mass_limit: {type(sub).__name__} is not a "
                                      "sum, product, power or logarithm; take the limit "
                                      "with sympy.limit")
    return out
