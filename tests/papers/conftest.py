"""Fixtures of the paper tests: each registered derivation derived once per session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import symseesaw.registry


@pytest.fixture(scope="session")
def derivation_result() -> Callable[[str], object]:
    """``derivation_result(name)``: registered derivation ``name``, derived once per session.

    Several paper tests read the same derivation; they share one result and
    must not modify it (copy it first, as ``dataclasses.replace`` does).
    """
    registry = symseesaw.registry.load_registry()
    cache: dict[str, object] = {}

    def derive(name: str) -> object:
        if name not in cache:
            cache[name] = registry[name].derive()
        return cache[name]

    return derive
