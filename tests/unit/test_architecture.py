"""The layout is the architecture: the layers only look down, papers are plug-ins."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "symseesaw"


def test_import_linter_layers_contract_is_kept():
    importlinter_cli = pytest.importorskip("importlinter.cli")
    assert importlinter_cli.lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def _imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_library_never_imports_a_paper():
    offenders = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if "papers" not in path.parts
        and any(m.startswith("symseesaw.papers") for m in _imported_modules(path))
    ]
    assert offenders == []


def test_every_registered_derivation_lives_under_the_package():
    from symseesaw.registry import load_registry

    registry = load_registry()
    assert len(registry) >= 8
    assert all(module.__name__.startswith("symseesaw.papers.") for module in registry.values())


def test_no_top_level_package_besides_symseesaw_is_shipped():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'include = ["symseesaw", "symseesaw.*"]' in text
    assert not (ROOT / "derivations").exists()


def test_a_module_over_600_lines_states_why_in_its_docstring():
    unexplained = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 600:
            doc = ast.get_docstring(ast.parse(text)) or ""
            if "Size:" not in doc:
                unexplained.append(str(path.relative_to(ROOT)))
    assert unexplained == []
