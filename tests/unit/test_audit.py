"""Audit reports (symseesaw-audit/1): JSON round trip, Markdown, LaTeX, CLI."""

from __future__ import annotations

import json
import types

import pytest
import sympy as sp
from testkit.records import stored_record

import symseesaw.registry
from symseesaw.cli import main
from symseesaw.output import audit
from symseesaw.result import Comparison, DerivationResult

EPS = sp.Symbol("epsilon_1", positive=True)
M20 = sp.Symbol("m_2^(0)", real=True)
U1 = sp.Symbol("u'", positive=True)
SOURCE = {"file": "001_6200b3fc7d1f06f2.txt", "citation": "Barry, Rodejohann, Zhang"}


def make_result() -> DerivationResult:
    return stored_record(
        name="fake-audit",
        equations=["24", "A-16"],
        symbols=[EPS, M20, U1],
        small={EPS: 2},
        mass_matrix=sp.eye(2),
        mixing=sp.eye(2),
        masses=[M20, U1],
        comparisons=[
            Comparison("24", [1], M20 * (1 - 3 * EPS**2), M20 * (1 - 3 * EPS**2), "agrees"),
            Comparison("24", [2], U1 * (1 + EPS**2), U1 * (1 - EPS**2), "differs",
                       {"epsilon_1": 2}, 2 * U1 * EPS**2, note="sign & 100% wrong"),
            Comparison("A-16", [2, 3], sp.sqrt(2) * EPS, sp.sqrt(2) * EPS, "ambiguous",
                       reading="sqrt(2) under the fraction", note="garbled"),
        ],
    )


def test_json_schema_and_round_trip(tmp_path):
    result = make_result()
    doc = audit.audit_to_json(result, source=SOURCE)
    assert doc["schema"] == audit.AUDIT_SCHEMA
    assert list(doc)[:3] == ["schema", "source", "derivation"]
    assert doc["source"] == SOURCE and doc["derivation"] == "fake-audit"
    v = doc["verdicts"][1]
    assert set(v) >= {"equation", "entry", "reading", "verdict", "printed", "derived",
                      "lowest_differing_order", "note"}
    assert v["equation"] == "24" and v["entry"] == [2] and v["verdict"] == "differs"
    assert v["lowest_differing_order"] == {"epsilon_1": 2}
    assert doc["verdicts"][2]["reading"] == "sqrt(2) under the fraction"
    assert doc["summary"] == {"agrees": 1, "differs": 1, "ambiguous": 1}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc))
    back = audit.read_audit(path)
    assert back["source"] == SOURCE and back["derivation"] == "fake-audit"
    assert back["equations"] == ["24", "A-16"]
    for original, parsed in zip(result.comparisons, back["comparisons"], strict=True):
        assert parsed == original  # dataclass equality: expressions, symbols, assumptions


def test_source_defaults_to_null():
    doc = audit.audit_to_json(make_result())
    assert doc["source"] is None
    assert audit.audit_from_json(json.loads(json.dumps(doc)))["source"] is None


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(schema="symseesaw-derivation/1"),
        lambda d: d["verdicts"][0].update(verdict="maybe"),
        lambda d: d["verdicts"][0].update(printed="__import__('os').system('x')"),
        lambda d: d["symbols"].update({"__class__": {"name": "x", "assumptions": {}}}),
    ],
)
def test_malformed_documents_rejected(mutate):
    doc = json.loads(json.dumps(audit.audit_to_json(make_result())))
    mutate(doc)
    with pytest.raises(ValueError):
        audit.audit_from_json(doc)


def test_markdown_and_latex():
    result = make_result()
    md = audit.audit_to_markdown(result, source=SOURCE)
    assert md.startswith("# Audit of fake-audit")
    assert "001_6200b3fc7d1f06f2.txt" in md and "1 agrees, 1 differs, 1 ambiguous" in md
    assert "| 24 | (2) |  | differs | epsilon_1^2 |" in md
    assert "### Eq. (A-16), entry (2,3): ambiguous" in md
    tex = audit.audit_to_latex(result, source=SOURCE, latex_names={M20: "m_2^{(0)}"})
    assert "\\begin{itemize}" in tex and "\\documentclass" not in tex
    assert "sign \\& 100\\% wrong" in tex
    assert tex.count("\\begin{align*}") == 2


def test_write_audit_files(tmp_path):
    # cross-branch: output directories are never created silently (issue 12 item 7)
    (tmp_path / "out").mkdir()
    paths = audit.write_audit(make_result(), tmp_path / "out", source=SOURCE)
    assert sorted(p.name for p in paths) == [
        "fake-audit-audit.json", "fake-audit-audit.md", "fake-audit-audit.tex"]
    assert audit.read_audit(tmp_path / "out" / "fake-audit-audit.json")["source"] == SOURCE


def test_cli_audit(tmp_path, monkeypatch, capsys):
    mod = types.ModuleType("derivations.fake_audit")
    mod.NAME, mod.EQUATIONS, mod.SOURCE = "fake-audit", ["24"], SOURCE
    mod.derive = lambda orders=None: make_result()
    monkeypatch.setattr(symseesaw.registry, "_loaded", {"fake-audit": mod})
    assert main(["audit", "fake-audit", "--out-dir", str(tmp_path)]) == 0
    assert "1 agrees, 1 differs, 1 ambiguous" in capsys.readouterr().out
    doc = json.loads((tmp_path / "fake-audit-audit.json").read_text())
    assert doc["source"]["file"] == "001_6200b3fc7d1f06f2.txt"
    assert main(["audit", "fake-audit", "--out-dir", str(tmp_path), "--check"]) == 1
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["audit", "fake-audit", "--out-dir", str(blocker)]) == 2


def test_cli_audit_real_derivation(tmp_path, capsys):
    assert main(["audit", "seed001-no", "--out-dir", str(tmp_path)]) == 0
    back = audit.read_audit(tmp_path / "seed001-no-audit.json")
    verdicts = {(c.equation, tuple(c.entry)): c.verdict for c in back["comparisons"]}
    assert verdicts[("24", (5,))] == "differs"


def result_with_readings() -> DerivationResult:
    """Entry (65) [1] judged under two readings plus its summary row; (66) [1] once."""
    result = make_result()
    result.comparisons = [
        Comparison("65", [1], EPS, EPS, "agrees", reading="b = d", claimed_order={"epsilon_1": 1}),
        Comparison("65", [1], EPS, 2 * EPS, "differs", {"epsilon_1": 1}, -EPS,
                   reading="b independent", claimed_order={"epsilon_1": 1}),
        Comparison("65", [1], EPS, EPS, "ambiguous", note="readings disagree"),
        Comparison("66", [1], EPS, 2 * EPS, "differs", {"epsilon_1": 1}, -EPS),
    ]
    return result


def test_summary_counts_one_verdict_per_printed_entry_not_every_reading():
    doc = audit.audit_to_json(result_with_readings())
    assert doc["summary"] == {"agrees": 0, "differs": 1, "ambiguous": 1}
    assert doc["rows"] == {"agrees": 1, "differs": 2, "ambiguous": 1}


def test_markdown_and_latex_list_errata_once_per_entry():
    result = result_with_readings()
    md = audit.audit_to_markdown(result)
    assert "* verdicts (one per printed entry): 0 agrees, 1 differs, 1 ambiguous" in md
    assert md.count("### Eq. (65)") == 1 and md.count("### Eq. (66)") == 1
    tex = audit.audit_to_latex(result)
    assert "Of 2 printed entries, 0 agree, 1 differ and 1 are ambiguous." in tex


def test_claimed_order_survives_a_round_trip():
    doc = json.loads(json.dumps(audit.audit_to_json(result_with_readings())))
    assert doc["verdicts"][0]["claimed_order"] == {"epsilon_1": 1}
    back = audit.audit_from_json(doc)["comparisons"]
    assert back[1].claimed_order == {"epsilon_1": 1} and back[2].claimed_order is None


def test_a_document_with_an_erratum_beyond_its_claimed_order_is_refused():
    doc = json.loads(json.dumps(audit.audit_to_json(result_with_readings())))
    doc["verdicts"][1]["claimed_order"] = {"epsilon_1": 0}
    with pytest.raises(ValueError, match="beyond the claimed order"):
        audit.audit_from_json(doc)
