"""Output layer: JSON export/import, LaTeX fragments and atomic file writes."""

from symseesaw.output.atomic import write_atomic
from symseesaw.output.audit import (
    AUDIT_SCHEMA,
    audit_from_json,
    audit_to_json,
    audit_to_latex,
    audit_to_markdown,
    read_audit,
    write_audit,
)
from symseesaw.output.json_io import (
    SCHEMA,
    expressions_from_json,
    read_json,
    result_from_json,
    result_to_json,
    write_json,
)
from symseesaw.output.latex import (
    LatexError,
    compile_pdf,
    masses_latex,
    matrix_latex,
    render_png,
    result_to_latex,
    split_by_monomial_latex,
    split_by_order_latex,
    standalone_document,
)

__all__ = [
    "AUDIT_SCHEMA",
    "LatexError",
    "SCHEMA",
    "audit_from_json",
    "audit_to_json",
    "audit_to_latex",
    "audit_to_markdown",
    "compile_pdf",
    "read_audit",
    "render_png",
    "split_by_monomial_latex",
    "standalone_document",
    "write_audit",
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
