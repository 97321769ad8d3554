"""Derivation scripts of symseesaw, one module per reproduced paper result.

Placeholder created by the packaging work so that ``import derivations`` works
from an installed wheel; the engine team replaces it with the real registry
(``REGISTRY: dict[str, module]``).
"""
