"""Express model symbols through expansion variables defined by monomial formulas.

Papers define their small parameters as monomials of the model's couplings and
VEVs (seed 001 Eq. (23): ``epsilon_1 = y_2 v' v_u lambda^-F_2 / (w_2 u' Lambda)``).
Solving such definitions is linear algebra on exponents: taking logarithms,
each definition is linear in the logarithms of the symbols.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp


def _exponents(monomial: sp.Expr, unknowns: Sequence[sp.Symbol]) -> tuple[list, sp.Expr]:
    """Exponents of ``unknowns`` in ``monomial`` and the remaining factor."""
    powers = sp.Mul.make_args(sp.powsimp(sp.sympify(monomial)))
    exps = [sp.S.Zero] * len(unknowns)
    rest = sp.S.One
    for factor in powers:
        base, exp = factor.as_base_exp()
        if base in unknowns:
            if not exp.is_Rational:
                raise NotImplementedError(f"symbolic power {factor} of an unknown")
            exps[list(unknowns).index(base)] += exp
        else:
            if base.free_symbols & set(unknowns):
                raise NotImplementedError(
                    f"definition is not a monomial in the unknowns: {monomial}; give the "
                    "substitution explicitly")
            rest *= factor
    return exps, rest


def solve_definitions(
    definitions: Mapping[sp.Symbol, sp.Expr], unknowns: Sequence[sp.Symbol]
) -> dict[sp.Symbol, sp.Expr]:
    """Solve ``new_symbol = monomial(unknowns, ...)`` for the unknowns.

    Parameters
    ----------
    definitions : dict
        New symbol -> monomial expression in model symbols.
    unknowns : sequence of Symbol
        Model symbols to eliminate (as many as definitions); they should be
        declared positive so that fractional powers are unambiguous.

    Returns
    -------
    dict
        Unknown -> expression in the new symbols and the remaining model symbols.

    Raises
    ------
    ValueError
        If the exponent system is singular (the definitions do not determine
        the unknowns).
    """
    news = list(definitions)
    if len(news) != len(unknowns):
        raise ValueError("need exactly one unknown per definition")
    rows, rests = [], []
    for s in news:
        exps, rest = _exponents(definitions[s], unknowns)
        rows.append(exps)
        rests.append(rest)
    A = sp.Matrix(rows)
    if A.det() == 0:
        raise ValueError(f"definitions do not determine {list(unknowns)}: singular exponents")
    Ainv = A.inv()
    solution = {}
    for i, u in enumerate(unknowns):
        expr = sp.S.One
        for j, s in enumerate(news):
            expr *= (s / rests[j]) ** Ainv[i, j]
        solution[u] = sp.powsimp(sp.expand_power_base(expr, force=True), force=True)
    return solution
