"""Derivations: short scripts on the public API, each reproducing printed equations.

``REGISTRY`` maps a derivation's name to its module; every module defines
``NAME``, ``EQUATIONS``, ``SUMMARY``, ``derive(orders=None)`` and
``prove(result, dps=50)``.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    seed000_loops,
    seed000_numerics,
    seed000_tree,
    seed001_appendix,
    seed001_io,
    seed001_no,
    seed001_section2,
    seed001_section4,
)

REGISTRY: dict[str, ModuleType] = {
    m.NAME: m
    for m in (
        seed001_no,
        seed001_io,
        seed001_section2,
        seed001_section4,
        seed001_appendix,
        seed000_tree,
        seed000_loops,
        seed000_numerics,
    )
}
