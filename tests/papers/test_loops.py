"""One-loop functions (symseesaw.papers.seed000.loop_functions): derived from the triangle integral, limits derived."""

from __future__ import annotations

import mpmath
import sympy as sp

from symseesaw.papers.seed000 import loop_functions as loops
from symseesaw.papers.seed000 import model

M, m, mp = model.M, loops.m_H, loops.mp_H


def test_triangle_closed_form_matches_numerical_integral_to_40_digits():
    with mpmath.workdps(50):
        closed = mpmath.mpf(sp.N(loops.triangle(sp.Integer(4), sp.Rational(1, 9), 3), 60))
        quad = mpmath.quad(lambda k: k / ((k + 4) * (k + mpmath.mpf(1) / 9) * (k + 3)),
                           [0, 1, 10, mpmath.inf]) / (16 * mpmath.pi**2)
        assert abs(closed / quad - 1) < mpmath.mpf(10) ** -40


def test_bubble_difference_is_the_triangle_with_a_massless_leg():
    derived = 16 * sp.pi**2 * m**2 * loops.triangle(M**2, 0, m**2)
    assert loops.log_canonical(derived - loops.bubble_difference(M**2, m**2)) == 0


def test_eq19_loop_factor_is_symmetric_in_the_two_scalar_masses():
    ones = sp.ones(3, 2)
    g = loops.g_loop(ones, ones, sp.diag(M, M), 0, 0, 0)
    swapped = g.subs({m: mp, mp: m}, simultaneous=True)
    assert loops.log_canonical(g - swapped) == 0


def test_heavy_mirror_limit_of_eq19_is_eq20():
    ones = sp.ones(3, 2)
    g = loops.g_loop(ones, ones, sp.diag(M, M), 0, 0, 0)
    g20 = loops.g_loop_heavy_mirror(ones, ones, sp.diag(M, M), 0, 0, 0)
    assert loops.log_canonical(sp.limit(g, m, 0) - g20) == 0


def test_equal_mass_limit_is_taken_not_assumed():
    expr = (model.M1 - model.M2) / (model.M1**2 - model.M2**2)
    assert loops.equal_mass_limit(expr, model.M1, model.M2, M) == 1 / (2 * M)


def test_active_matrix_is_md_times_diagonal_times_md_transpose_so_rank_two():
    MD = model.dirac_matrix()
    Mnu = loops.active_mass_matrix(MD, model.right_handed_matrix())
    x = sp.Matrix([model.c * model.f - model.d * model.e,
                   model.b * model.e - model.a * model.f,
                   model.a * model.d - model.b * model.c])
    assert all(sp.expand(z) == 0 for z in Mnu * x)
