"""JSON export / safe re-import of derivation results, and atomic writes."""

from __future__ import annotations

import json
import os

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from testkit.records import rotation_by_order, stored_record

from symseesaw.output import atomic, json_io
from symseesaw.result import Comparison, DerivationResult, ProofReport, SlopeMeasurement

EPS = sp.Symbol("epsilon_1", positive=True)
M20 = sp.Symbol("m_2^(0)", real=True)
A = sp.Symbol("a")  # complex
LAM = sp.Symbol("lambda")  # Python keyword
I_SYM = sp.Symbol("I")  # clashes with the imaginary unit
X_NONNEG = sp.Symbol("x", nonnegative=True)
X_PLAIN = sp.Symbol("x")  # same name, other assumptions


def make_result(with_proof: bool = True) -> DerivationResult:
    proof = None
    if with_proof:
        proof = ProofReport(
            direction={"epsilon_1": 1.0},
            base_point={"m_2^(0)": 2.0, "a": 0.5},
            dps=40,
            slopes=[
                SlopeMeasurement("U", 3.0, 2.97, [1e-3, 1e-6], [0.1, 0.01]),
                SlopeMeasurement("m_1", 2.0, float("nan"), [0.0, 0.0], [0.1, 0.01]),
            ],
        )
    return stored_record(
        name="fake-2x2",
        equations=["19", "A-16"],
        symbols=[EPS, M20, A],
        small={EPS: 2},
        mass_matrix=sp.Matrix([[0, EPS * M20], [EPS * M20, M20]]),
        mixing_by_order=rotation_by_order(EPS),
        masses=[
            -(EPS**2) * M20 + sp.sqrt(2) * sp.I * LAM * sp.E,
            M20 + sp.conjugate(A) * sp.Abs(I_SYM) + X_NONNEG * X_PLAIN + sp.Rational(1, 3),
        ],
        comparisons=[
            Comparison("19", [1, 2], EPS, EPS, "agrees"),
            Comparison(
                "A-16",
                [2],
                EPS + EPS**2,
                EPS,
                "differs",
                {"epsilon_1": 2},
                EPS**2,
                "reading b",
                "sign of the second-order term",
            ),
        ],
        proof=proof,
        definitions={EPS: sp.sqrt(A * sp.conjugate(A)) / sp.pi, M20: sp.exp(sp.log(2) * A)},
        notes=["a note"],
    )


REQUIRED_KEYS = {
    "schema",
    "name",
    "equations",
    "symbols",
    "small",
    "convention",
    "convention_text",
    "mass_matrix",
    "mixing_matrix",
    "masses",
    "definitions",
    "comparisons",
    "proof",
}


def test_schema_keys_and_json_serializable():
    doc = json_io.result_to_json(make_result())
    assert REQUIRED_KEYS <= set(doc)
    assert doc["schema"] == json_io.SCHEMA == "symseesaw-derivation/1"
    assert doc["equations"] == ["19", "A-16"]
    assert doc["convention"] == "UT_M_U" and "U^T M U" in doc["convention_text"]
    assert "\n" not in doc["convention_text"]
    json.dumps(doc, allow_nan=False)  # strict JSON
    comp = doc["comparisons"][1]
    assert set(comp) >= {
        "equation",
        "entry",
        "reading",
        "verdict",
        "printed",
        "derived",
        "lowest_differing_order",
        "note",
    }
    assert comp["entry"] == [2] and comp["verdict"] == "differs"
    assert comp["lowest_differing_order"] == {"epsilon_1": 2}
    proof = doc["proof"]
    assert set(proof) == {"dps", "direction", "base_point", "passed", "slopes"}
    assert proof["dps"] == 40 and proof["passed"] is False
    assert set(proof["slopes"][0]) == {
        "quantity",
        "predicted",
        "measured",
        "passed",
        "t_values",
        "residuals",
    }
    assert proof["slopes"][1]["measured"] is None  # NaN -> null
    assert proof["base_point"] == {"m_2__0": 2.0, "a": 0.5}
    assert json_io.result_to_json(make_result(with_proof=False))["proof"] is None


def test_symbol_table_identifiers_and_assumptions():
    doc = json_io.result_to_json(make_result())
    syms = doc["symbols"]
    assert syms["m_2__0"]["name"] == "m_2^(0)"
    assert syms["m_2__0"]["assumptions"] == {"real": True, "positive": None}
    assert syms["epsilon_1"]["assumptions"] == {"real": True, "positive": True}
    assert syms["epsilon_1"]["latex"] == r"\epsilon_{1}"
    assert syms["a"]["assumptions"] == {"real": None, "positive": None}
    assert syms["lambda_"]["name"] == "lambda"
    assert syms["I_"]["name"] == "I"
    # two symbols named x with different assumptions get different identifiers
    xs = [k for k, v in syms.items() if v["name"] == "x"]
    assert len(xs) == 2
    # expressions use identifiers, never the raw names
    assert doc["mass_matrix"][0][1] == "epsilon_1*m_2__0"
    assert "m_2^(0)" not in json.dumps(doc["masses"])
    # m_2^(0) is a free symbol of mass_matrix: its defining expression is a relation to other
    # symbols, not needed to re-check the result
    assert "m_2__0" in doc["relations"] and doc["definitions"] == {}
    assert syms["a"]["complex"] is True and syms["epsilon_1"]["complex"] is False


def test_round_trip_expressions_equal_originals(tmp_path):
    result = make_result()
    path = json_io.write_json(result, tmp_path / "r.json")  # cross-branch: dirs are never created
    doc = json_io.read_json(path)
    parsed = json_io.expressions_from_json(doc)
    assert parsed["mass_matrix"] == result.mass_matrix
    assert parsed["mixing_matrix"] == result.mixing_matrix
    assert parsed["mixing_by_order"] == result.mixing_by_order
    assert [sp.simplify(p - q) for p, q in zip(parsed["masses"], result.masses, strict=True)] == [
        0,
        0,
    ]
    assert parsed["definitions"] == result.definitions
    assert parsed["small"] == {EPS: 2}
    for got, want in zip(parsed["comparisons"], result.comparisons, strict=True):
        assert got["printed"] == want.printed and got["derived"] == want.derived
    # assumptions survive
    by_name = {s.name: s for s in parsed["symbols"].values() if s.name != "x"}
    assert by_name["epsilon_1"].is_positive and by_name["m_2^(0)"].is_real
    assert by_name["a"].is_real is None
    assert X_NONNEG in parsed["symbols"].values() and X_PLAIN in parsed["symbols"].values()


def test_result_from_json_rebuilds_result():
    result = make_result()
    back = json_io.result_from_json(json.loads(json.dumps(json_io.result_to_json(result))))
    assert back.name == result.name and back.equations == result.equations
    assert back.mixing_matrix == result.mixing_matrix
    assert back.comparisons[1].lowest_differing_order == {"epsilon_1": 2}
    assert back.comparisons[1].difference == EPS**2
    assert back.proof.base_point == {"m_2^(0)": 2.0, "a": 0.5}
    assert back.proof.slopes[0].measured == pytest.approx(2.97)
    assert json_io.result_to_json(back)["mixing_matrix"] == json_io.result_to_json(result)["mixing_matrix"]


@pytest.mark.parametrize(
    "hostile",
    [
        "__import__('os').system('x')",
        "a.__class__.__mro__",
        "(lambda: 1)()",
        "open('/etc/passwd')",
        "Symbol('os')",
        "exec('1')",
        "[a for a in ()]",
        "a if a else a",
        "'text'",
        "undefined_name",
        "exp",
        "sqrt(a, evaluate=False)",
        "10**10**10",
        "a**1000000",
        "a[0]",
        "",
        "a +",
        "1j",
        "True",
    ],
)
def test_hostile_or_malformed_expression_rejected(hostile):
    symbols = {"a": sp.Symbol("a")}
    with pytest.raises(ValueError):
        json_io.parse_expression(hostile, symbols)


def test_hostile_expression_in_document_rejected():
    doc = json_io.result_to_json(make_result())
    doc["masses"][0] = "__import__('os').system('x')"
    with pytest.raises(ValueError):
        json_io.expressions_from_json(doc)
    doc = json_io.result_to_json(make_result())
    doc["symbols"]["__import__"] = {"name": "z", "latex": "z", "assumptions": {}}
    with pytest.raises(ValueError):
        json_io.expressions_from_json(doc)


def test_allowed_expression_forms():
    a = sp.Symbol("a")
    syms = {"a": a}
    assert (
        json_io.parse_expression("sqrt(2)*I*a/3 + pi - E", syms) == sp.sqrt(2) * sp.I * a / 3 + sp.pi - sp.E
    )
    assert (
        json_io.parse_expression("conjugate(a)*Abs(a) + exp(log(a))", syms)
        == sp.conjugate(a) * sp.Abs(a) + a
    )
    assert json_io.parse_expression("a**(3/2) - 0.25", syms) == a ** sp.Rational(3, 2) - sp.Float("0.25")


def test_read_json_rejects_other_schema(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"schema": "something-else/9"}))
    with pytest.raises(ValueError):
        json_io.read_json(path)


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(
        st.text(alphabet="ab_^()01 lI", min_size=1, max_size=6),
        min_size=1,
        max_size=6,
        unique=True,
    )
)
def test_identifiers_are_unique_parseable(names):
    symbols = [sp.Symbol(n) for n in names]
    idents = json_io.symbol_identifiers(symbols)
    assert len(set(idents.values())) == len(symbols)
    table = {idents[s]: s for s in symbols}
    expr = sp.Add(*[(k + 1) * s ** (k + 1) for k, s in enumerate(symbols)])
    from symseesaw.output.json_io import _IdentifierPrinter

    text = _IdentifierPrinter(idents).doprint(expr)
    assert json_io.parse_expression(text, table) == expr


_poly_atoms = st.sampled_from([EPS, M20, A, sp.I, sp.sqrt(3), sp.Rational(-2, 7), sp.Integer(5)])


@settings(max_examples=60, deadline=None)
@given(terms=st.lists(st.lists(_poly_atoms, min_size=1, max_size=4), min_size=1, max_size=5))
def test_random_expressions_round_trip(terms):
    expr = sp.Add(*[sp.Mul(*t) for t in terms])
    result = make_result(with_proof=False)
    result.expansion.masses = [expr, sp.conjugate(expr)]
    parsed = json_io.expressions_from_json(json.loads(json.dumps(json_io.result_to_json(result))))
    assert sp.expand(parsed["masses"][0] - expr) == 0
    assert parsed["masses"][1] == sp.conjugate(expr)


# ----------------------------------------------------------------------------- atomic
def test_write_atomic_leaves_no_temp(tmp_path):
    # cross-branch: a missing output directory is an error now (tests/unit/test_output_safety.py)
    (tmp_path / "a" / "b").mkdir(parents=True)
    target = tmp_path / "a" / "b" / "out.txt"
    atomic.write_atomic(target, "first\n")
    atomic.write_atomic(target, "second\n")
    assert target.read_text() == "second\n"
    assert sorted(os.listdir(target.parent)) == ["out.txt"]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_write_atomic_failure_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(OSError):
        atomic.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_write_atomic_refuses_directory(tmp_path):
    with pytest.raises(IsADirectoryError):
        atomic.write_atomic(tmp_path, "x")


def test_infinite_measured_slope_survives_a_round_trip(tmp_path):
    import math

    result = make_result(with_proof=False)
    result.proof = ProofReport({}, {}, 50, [SlopeMeasurement("mixing", 3.0, math.inf, [], [])])
    path = tmp_path / "r.json"
    json_io.write_json(result, path)
    back = json_io.result_from_json(json_io.read_json(path))
    assert back.proof.slopes[0].measured == math.inf
    assert back.proof.passed
