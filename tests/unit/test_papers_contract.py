"""Paper reproductions are scripts on the public API: the import-linter contract that says so."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser as a package, when installed
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[2]


def papers_contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"]
                   if c["type"] == "forbidden" and c["source_modules"] == ["symseesaw.papers"]]
    return contract


def test_papers_may_not_import_the_series_algebra_or_the_linear_algebra():
    assert sorted(papers_contract()["forbidden_modules"]) == ["symseesaw.algebra",
                                                              "symseesaw.linalg"]


def test_no_paper_reproduction_is_exempt():
    assert papers_contract().get("ignore_imports", []) == []
