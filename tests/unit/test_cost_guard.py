"""Cost guard: an expansion estimated to run for many minutes is refused before any arithmetic."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import sympy as sp
from testkit.models import model_text

from symseesaw.algebra import series
from symseesaw.api import _planning, diagonalize, seesaw_blocks, seesaw_expansion, slow_allowed
from symseesaw.api._planning import monomial_pairs
from symseesaw.cli import EXIT_USAGE, main
from symseesaw.modelfile import derive_model, load_model, parse_model
from symseesaw.parsing.limits import MAX_WORK_ESTIMATE, InputError

MODELS = sorted((Path(__file__).resolve().parents[2] / "docs" / "models").glob("*.toml"))

#: The QA's 3x3 linear seesaw (two small parameters entering M_D and M_L linearly).
LINEAR_SEESAW = model_text([["0", "epsilon*y", "kappa*w"], ["epsilon*y", "0", "M"],
                            ["kappa*w", "M", "0"]], {"epsilon": 2, "kappa": 2}, ("y", "w"),
                           coupling_assumption="positive")

eps, kappa = sp.symbols("epsilon kappa", positive=True)
M = sp.Symbol("M", positive=True)
TOY = sp.Matrix([[0, eps * M], [eps * M, M]])


@pytest.fixture
def linear():
    return parse_model(LINEAR_SEESAW)


@pytest.fixture
def counters():
    series.reset_counters()
    yield series.COUNTERS
    series.reset_counters()


def brute_force_pairs(box, total, weights):
    """Pairs (a, b) of exponent vectors with a + b inside the truncation, counted one by one."""
    reach = [b if b is not None else total for b in box]
    points = list(itertools.product(*(range(r + 1) for r in reach)))

    def inside(c):
        return (all(b is None or x <= b for x, b in zip(c, box))
                and (total is None or sum(w * x for w, x in zip(weights, c)) <= total))

    return sum(1 for a in points for b in points
               if inside(tuple(x + y for x, y in zip(a, b))))


@pytest.mark.parametrize(("box", "total", "weights"), [
    ([3], None, [1]), ([2, 4], None, [1, 1]), ([3, 3], 4, [1, 1]),
    ([None, 5], 5, [1, 1]), ([None, None], 6, [2, 1]), ([2, 3, 1], 4, [1, 2, 1]),
])
def test_monomial_pairs_counts_the_pairs_whose_product_is_kept(box, total, weights):
    assert monomial_pairs(box, total, weights) == brute_force_pairs(box, total, weights)


def test_linear_seesaw_at_order_50_is_refused_before_any_series_product(linear, counters):
    with pytest.raises(InputError, match="estimated work") as info:
        derive_model(linear, {"epsilon": 50, "kappa": 50})
    assert counters["series_products"] == 0 and counters["block_products"] == 0
    assert "\n" not in str(info.value)


def test_refusal_names_the_estimate_the_budget_and_the_fix(linear):
    with pytest.raises(InputError) as info:
        derive_model(linear, {"epsilon": 50, "kappa": 50})
    message = str(info.value)
    estimate = 3**3 * (51 * 52 // 2) ** 2          # 3x3, box 50 in both (before margins)
    assert f"{estimate:.2e}" in message and f"{MAX_WORK_ESTIMATE:.0e}" in message
    for fix in ("lower the orders", "total=", "allow_slow=True", "--allow-slow"):
        assert fix in message


def test_blocks_mode_is_refused_before_any_series_product(counters):
    matrix = sp.Matrix([[0, eps, kappa], [eps, 0, M], [kappa, M, 0]])
    with pytest.raises(InputError, match="estimated work"):
        seesaw_blocks(matrix, 1, {eps: 50, kappa: 50})
    assert counters["series_products"] == 0


def test_diagonalize_is_refused_before_any_series_product(counters):
    matrix = sp.Matrix([[1 + eps, kappa, 0], [kappa, 2, eps], [0, eps, 3]])
    with pytest.raises(InputError, match="estimated work"):
        diagonalize(matrix, {eps: 50, kappa: 50})
    assert counters["series_products"] == 0


def test_a_total_order_keeps_high_orders_within_the_budget(linear, counters):
    """The simplex of total order 6 holds far fewer pairs than the 52 x 52 box."""
    orders = dict.fromkeys(linear.small, 50)
    with pytest.raises(InputError, match="estimated work"):
        seesaw_expansion(linear.mass_matrix, 1, orders)
    result = seesaw_expansion(linear.mass_matrix, 1, orders, total=6)
    assert counters["series_products"] > 0 and result.total == 6


def test_allow_slow_runs_a_request_above_a_lowered_budget(monkeypatch, counters):
    monkeypatch.setattr(_planning, "MAX_WORK_ESTIMATE", 100)
    with pytest.raises(InputError):
        seesaw_expansion(TOY, 1, {eps: 4})
    assert counters["series_products"] == 0
    slow = seesaw_expansion(TOY, 1, {eps: 4}, allow_slow=True)
    exact = (M - sp.sqrt(M**2 + 4 * eps**2 * M**2)) / 2
    assert sp.expand(slow.masses[0] - sp.series(exact, eps, 0, 7).removeO()) == 0


def test_slow_allowed_block_lifts_the_budget_for_every_call_inside(monkeypatch):
    monkeypatch.setattr(_planning, "MAX_WORK_ESTIMATE", 100)
    with slow_allowed():
        inside = seesaw_expansion(TOY, 1, {eps: 4})
    assert sp.expand(inside.masses[0] - seesaw_expansion(TOY, 1, {eps: 4}, allow_slow=True)
                     .masses[0]) == 0
    with pytest.raises(InputError):
        seesaw_expansion(TOY, 1, {eps: 4})


def test_cli_refuses_with_exit_2_and_one_line(tmp_path, capsys):
    model = tmp_path / "lin.toml"
    model.write_text(LINEAR_SEESAW)
    code = main(["derive", "-q", "--model", str(model), "--order", "epsilon=50,kappa=50"])
    err = capsys.readouterr().err.strip()
    assert code == EXIT_USAGE
    assert len(err.splitlines()) == 1 and "--allow-slow" in err


def test_cli_allow_slow_lifts_the_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(_planning, "MAX_WORK_ESTIMATE", 100)
    model = tmp_path / "lin.toml"
    model.write_text(LINEAR_SEESAW)
    argv = ["derive", "--model", str(model), "--order", "epsilon=1,kappa=1"]
    assert main(argv) == EXIT_USAGE
    assert main([*argv, "--allow-slow"]) == 0


def test_qa_seed001_no_at_order_50_is_refused_at_once(counters, capsys):
    code = main(["derive", "-q", "seed001-no", "--order", "epsilon_1=50,epsilon_2=50"])
    err = capsys.readouterr().err.strip()
    assert code == EXIT_USAGE and "estimated work" in err and len(err.splitlines()) == 1
    assert counters["series_products"] == 0


@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_every_docs_model_passes_the_guard(path):
    assert derive_model(load_model(path)) is not None


def test_benchmark_a_at_total_order_12_is_within_the_budget():
    """bench_kernel's 5x5 case (a): total order 12 in (k1, k2), with four working orders more."""
    k1, k2 = sp.symbols("k1 k2", positive=True)
    alg = _planning._working_algebra({k1: 12, k2: 12}, 12, None, [4, 4, 4])
    assert _planning.work_estimate(alg, 5) == 5**3 * brute_force_pairs([16, 16], 16, [1, 1])
    assert _planning.work_estimate(alg, 5) < MAX_WORK_ESTIMATE
