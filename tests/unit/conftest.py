"""Fixtures of the unit tests: a fake plug-in registry and the CLI's one-line error contract."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType

import pytest

import symseesaw.registry


@pytest.fixture
def fake_registry(monkeypatch: pytest.MonkeyPatch) -> Callable[[Mapping[str, ModuleType]], dict]:
    """``fake_registry({name: module})``: for this test the registry holds only these.

    The modules stand in for entry-point plug-ins (``NAME``, ``EQUATIONS``,
    ``derive``, ``prove``); the real registry comes back after the test.
    """

    def install(modules: Mapping[str, ModuleType]) -> dict:
        fake = dict(modules)
        monkeypatch.setattr(symseesaw.registry, "_loaded", fake)
        return fake

    return install


@pytest.fixture
def cli_error(capsys: pytest.CaptureFixture[str]) -> Callable[..., str]:
    """``cli_error(rc, code=2)``: the CLI's contract for a failure, checked; returns the line.

    The exit code is ``code``, stderr ends in one error line (status lines
    such as ``[NAME] deriving`` may precede it) and holds no traceback.
    """

    def check(rc: int, code: int = 2) -> str:
        err = capsys.readouterr().err
        assert rc == code, err
        lines = err.strip().splitlines()
        assert lines and lines[-1].startswith(("symseesaw: error: ", "symseesaw: internal error: ")), err
        assert sum("error" in line for line in lines) == 1, err
        assert "Traceback" not in err
        return lines[-1]

    return check

