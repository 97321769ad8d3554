"""Output layer: JSON export/import, LaTeX fragments and atomic file writes."""

from symseesaw.output.atomic import write_atomic
from symseesaw.output.json_io import (
    SCHEMA,
    expressions_from_json,
    read_json,
    result_from_json,
    result_to_json,
    write_json,
)
from symseesaw.output.latex import (
    masses_latex,
    matrix_latex,
    result_to_latex,
    split_by_order_latex,
)

__all__ = [
    "SCHEMA",
    "expressions_from_json",
    "masses_latex",
    "matrix_latex",
    "read_json",
    "result_from_json",
    "result_to_json",
    "result_to_latex",
    "split_by_order_latex",
    "write_atomic",
    "write_json",
]
