"""Leading splittings that mix different small parameters (``eps1^2 M_2 - eps2^2 M_3``).

Two light states with leading masses ``-eps1^2 a^2/M_1`` and ``-eps2^2 b^2/M_2``
are coupled by ``eps1 eps2 c``: their mixing divides by the splitting, which
is no power series in ``eps1, eps2``. The engine inverts it through an exact
atom and expands along rays ``eps_i = t * direction_i`` in the total order.
The order proof (exact mpmath Takagi factorization) must measure the
predicted slope along different rays, and fail for a planted wrong coefficient.
"""

import pytest
import sympy as sp

from symseesaw.algebra.matrix import SeriesMatrix
from symseesaw.algebra.series import Algebra
from symseesaw.api import seesaw_expansion
from symseesaw.facade import prove
from symseesaw.linalg.perturb import mixed_inverse
from symseesaw.numerics import prove_expansion

e1, e2 = sp.symbols("epsilon_1 epsilon_2", positive=True)
a, b, c, M1, M2 = sp.symbols("a b c M_1 M_2", positive=True)
DIRAC = sp.Matrix([[e1 * a, e1 * e2 * c], [0, e2 * b]])
MATRIX = sp.Matrix(sp.BlockMatrix([[sp.zeros(2), DIRAC], [DIRAC.T, sp.diag(M1, M2)]]))
BASE = {a: 0.7, b: 1.3, c: 0.9, M1: 1.1, M2: 2.3}


@pytest.fixture(scope="module", params=[1, 2])
def expansion(request):
    order = request.param
    return order, seesaw_expansion(MATRIX, 2, {e1: order, e2: order})


def test_mixed_inverse_times_the_splitting_is_one_to_the_working_order():
    alg = Algebra({e1: 4, e2: 4})
    alg.set_truncation({e1: None, e2: None}, 5)
    split = SeriesMatrix.from_sympy(alg, sp.Matrix([[e1**2 * M1 - e2**2 * M2 + e1**2 * e2 * c]]))
    inverse = mixed_inverse(split[0, 0])
    assert inverse is not None
    assert (inverse * split[0, 0] - alg.one()).is_zero()


def test_mixed_splitting_is_expanded_in_the_total_order_and_says_so(expansion):
    order, ex = expansion
    assert ex.light.mixed_splittings == [(0, 1)]
    assert ex.total == order
    assert any("mixes different small parameters" in note for note in ex.notes)
    # the mixing of the two light states is of first order along every ray
    assert ex.mixing_matrix[0, 1] != 0


@pytest.mark.parametrize("direction", [{e1: 1.0, e2: 1.0}, {e1: 1.0, e2: 0.5}])
def test_proof_measures_the_predicted_slope_along_rays(expansion, direction):
    order, ex = expansion
    report = prove(ex, base_point=BASE, direction=direction, dps=40)
    assert report.passed, report.failed_entries
    assert all(s.predicted == order + 1 for s in report.slopes)


def test_proof_fails_for_a_planted_wrong_mixing_coefficient(expansion):
    order, ex = expansion
    wrong = sp.Matrix(ex.mixing_matrix)
    wrong[0, 1] = 2 * wrong[0, 1]  # the first-order light-light mixing doubled
    report = prove_expansion(MATRIX, wrong, ex.masses, symbols=ex.free_symbols(),
                             small=ex.small, base_point=BASE,
                             direction={e1: 1.0, e2: 1.0}, dps=40)
    assert not report.passed
    assert "U[1,2]" in {e.entry for e in report.failed_entries}
