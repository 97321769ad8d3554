"""Algorithmic cost of the seed 001 Appendix A audit, pinned as counts (not timings).

* every printed formula reaches the series kernel through one substituting
  :class:`~symseesaw.compare.SeriesConverter` per ordering, with the same series
  as the sympy route (substitute, then convert), ``compare_sector`` runs no
  sympy ``subs`` at all, and its records are built in the paper's symbols directly
  (the same expressions as the sympy rewrite);
* a sector proof compiles each symbolic matrix once, however many scan points;
* the mu-tau derivation and its proof expand Eq. (19) once per ordering;
* the M_1 = M_2 forms of seed 000 need no ``sympy.limit`` when no denominator
  vanishes there, and give what ``sympy.limit`` gives.
"""

from __future__ import annotations

import sys

import pytest
import sympy as sp

from symseesaw.algebra.convert import to_series
from symseesaw.papers.seed000 import loop_functions as loops
from symseesaw.papers.seed000 import model as model000
from symseesaw.papers.seed001 import _appendix_nu as nu
from symseesaw.papers.seed001 import _section3a
from symseesaw.papers.seed001 import appendix_sectors as sectors
from symseesaw.papers.seed001 import mutau as mt
from symseesaw.papers.seed001._appendix_printed import PRINTED

EQUATIONS = {"NO": ("A-16a", "A-16b", "A-17", "37"), "IO": ("A-18a", "A-18b", "A-19", "38")}


def _formulas(equation: str) -> list[sp.Expr]:
    out = []
    for value in PRINTED[equation].readings.values():
        out += list(value) if isinstance(value, (list, tuple, sp.MatrixBase)) else [value]
    return out


def _count_calls(monkeypatch, owner, name: str) -> list:
    """Replace ``owner.name`` by a wrapper recording its first argument; the record."""
    calls: list = []
    original = getattr(owner, name)

    def counting(*args, **kwargs):
        calls.append(args[0] if args else None)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


@pytest.fixture(scope="module")
def sector_io():
    return nu.derive_sector("IO", sectors.dirac_prime("IO"))


@pytest.mark.parametrize("ordering", ["NO", "IO"])
def test_printed_converter_gives_the_series_of_the_sympy_substitution(ordering):
    alg = nu.Algebra({nu.t: 4, nu.r1: 2} | ({nu.R: 3} if ordering == "NO" else {}))
    convert = nu.printed_converter(ordering, alg)
    formulas = [f for eq in EQUATIONS[ordering] for f in _formulas(eq)]
    assert len(formulas) > 60
    for formula in formulas:
        reference = to_series(alg, nu.to_expansion(ordering, formula))
        assert (convert(formula) - reference).is_zero(), formula


def test_compare_sector_runs_no_sympy_substitution(sector_io, monkeypatch):
    calls = []
    original = sp.Basic.subs

    def subs_from_symseesaw(self, *args, **kwargs):
        # sympy's own assumption queries substitute internally: only our calls count
        if "symseesaw" in sys._getframe(1).f_code.co_filename:
            calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(sp.Basic, "subs", subs_from_symseesaw)
    comparisons = nu.compare_sector(sector_io)
    assert len(comparisons) > 100
    assert calls == []


def test_paper_writer_builds_what_the_sympy_rewrite_builds(sector_io):
    series = [m.truncate(b) for m, b in zip(sector_io.masses, sector_io.mass_bounds)]
    series += [x.truncate(sector_io.mixing_bounds) for row in sector_io.mixing for x in row]
    for s in series:
        assert nu.PAPER(s) == nu.to_paper(s.to_sympy())
    # the heavy masses carry atoms 1/(...) of the quasi-degenerate pair: renamed inside
    assert any(x.has(sp.Pow) and any(p.exp.is_negative and p.base.is_Add
                                     for p in x.atoms(sp.Pow)) for x in map(nu.PAPER, series))


@pytest.mark.parametrize("n_points", [3, 6])
def test_a_sector_slope_compiles_each_symbolic_matrix_once_whatever_the_scan(monkeypatch,
                                                                          n_points):
    compiled = _count_calls(monkeypatch, sectors, "lambdify_matrix")
    monkeypatch.setattr(sectors, "T_VALUES", [10.0 ** (-1 - k / 2) for k in range(n_points)])
    ph = sectors.physical_right_handed("I")
    rotation = sectors._ExactRotation(ph["M_R"], ph["V_R"], ph["M"], dps=30)
    slope = sectors._physical_theta_slope("NO", "I", rotation, dps=30)
    # A, X_ref, D_ref of the exact rotation; M_D and theta' of the slope
    assert len(compiled) == 5
    assert len(slope.residuals) == n_points
    assert slope.passed


def test_mutau_derive_and_prove_expand_each_ordering_once(monkeypatch):
    expansions = _count_calls(monkeypatch, _section3a, "seesaw_expansion")
    _section3a._eq19_expansion.cache_clear()
    result = mt.derive({"epsilon_1": 2, "epsilon_2": 2})
    mt.prove(result)
    assert len(expansions) == len(mt.ORDERINGS)


def test_equal_mass_limit_of_eq11_needs_no_sympy_limit_and_agrees_with_it(monkeypatch):
    M1, M2, M = model000.M1, model000.M2, model000.M
    entry = loops.active_mass_matrix(model000.dirac_matrix(), model000.right_handed_matrix())[0, 1]
    reference = sp.limit(entry, M2, M1).subs(M1, M)

    def no_limit(*args, **kwargs):
        raise AssertionError("sympy.limit called for a continuous expression")

    monkeypatch.setattr(loops.sp, "limit", no_limit)
    assert loops.log_canonical(loops.equal_mass_limit(entry, M1, M2, M) - reference) == 0
