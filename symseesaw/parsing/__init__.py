"""Restricted parsing of user formulas: sympy syntax and LaTeX, never eval.

Modules (each small, one concern):

* :mod:`~symseesaw.parsing.limits` — :class:`InputError` and the limits on
  size, nesting, exponents, numbers, orders and precision, checked before any
  work; :func:`parse_orders`, the one order parser.
* :mod:`~symseesaw.parsing.symbols` — canonical names, :class:`SymbolTable`
  (``u``, ``u'``, ``u''`` are three names; unknown names suggest near ones),
  identifiers for JSON, reserved words, :func:`resolve_symbol_names`.
* :mod:`~symseesaw.parsing.python_syntax` — sympy syntax through a whitelisted
  Python AST converted to sympy node by node (no ``parse_expr``, no eval).
* :mod:`~symseesaw.parsing.latex_tokens` — the LaTeX tokenizer;
  :mod:`~symseesaw.parsing.latex_names` — the reader of one symbol name
  (``m_2^{(0)}``, ``\\sigma_+^N``), shared by the symbol table and the parser;
  :mod:`~symseesaw.parsing.displays` — ``$$``, labels, multi-line displays.
* :mod:`~symseesaw.parsing.latex` — a small recursive-descent LaTeX reader for
  formulas pasted from papers.
* :mod:`~symseesaw.parsing.formulas` — :func:`parse_formula`,
  :func:`parse_matrix`, :func:`parse_list` for either syntax.
"""

from .formulas import detect_syntax, parse_formula, parse_list, parse_matrix
from .latex import parse_latex, split_lines, split_relations, strip_wrappers
from .limits import (
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_FILE_BYTES,
    MAX_LENGTH,
    MAX_NODES,
    MAX_ORDER_VALUE,
    InputError,
    check_dps,
    check_nesting,
    check_order_value,
    check_text,
    parse_orders,
    read_text_file,
)
from .python_syntax import (
    SAFE_CONSTANTS,
    SAFE_FUNCTIONS,
    check_python_syntax,
    parse_expression,
    parse_sympy,
    parse_sympy_elements,
)
from .symbols import (
    RESERVED_WORDS,
    SymbolTable,
    canonical_name,
    find_small_parameter,
    is_plain_identifier,
    resolve_symbol_names,
    symbol_identifiers,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_FILE_BYTES",
    "MAX_LENGTH",
    "MAX_NODES",
    "MAX_ORDER_VALUE",
    "RESERVED_WORDS",
    "SAFE_CONSTANTS",
    "SAFE_FUNCTIONS",
    "InputError",
    "SymbolTable",
    "canonical_name",
    "check_dps",
    "check_nesting",
    "check_order_value",
    "check_python_syntax",
    "check_text",
    "detect_syntax",
    "find_small_parameter",
    "is_plain_identifier",
    "parse_expression",
    "parse_formula",
    "parse_latex",
    "parse_list",
    "parse_matrix",
    "parse_orders",
    "parse_sympy",
    "parse_sympy_elements",
    "read_text_file",
    "resolve_symbol_names",
    "split_lines",
    "split_relations",
    "strip_wrappers",
    "symbol_identifiers",
]
