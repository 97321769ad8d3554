"""Model-file texts (``symseesaw-model/1``) built from a matrix, for tests that need a TOML model."""

from __future__ import annotations


def model_text(matrix: list[list[str]], small: dict[str, int], couplings: tuple[str, ...],
               coupling_assumption: str = "complex") -> str:
    """A one-light-state model file: ``M`` positive, each coupling ``complex`` or ``positive``."""
    rows = ", ".join("[" + ", ".join(f'"{x}"' for x in row) + "]" for row in matrix)
    lines = ['format = "symseesaw-model/1"', "n_light = 1", f"matrix = [{rows}]", "[small]"]
    lines += [f"{name} = {order}" for name, order in small.items()]
    lines += ["[symbols]", "M = { positive = true }"]
    lines += [f"{name} = {{ {coupling_assumption} = true }}" for name in couplings]
    return "\n".join(lines) + "\n"
