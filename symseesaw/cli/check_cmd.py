"""Command ``check``: your formulas against a derivation, a matrix file or a model file."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from symseesaw.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    Progress,
    UsageError,
    check_input_file,
    check_output,
    counts_text,
    json_text,
    load_registry,
    lookup,
    one_line,
    order_text,
    parse_orders,
    table,
    verdict_counts,
    write_files,
)
from symseesaw.cli._target import load_model_spec

CLAIMS_HELP = """\
claim file format (text; '#' starts a comment):
  against: seed001-no            # optional (or --against NAME / --model / --matrix)
  order: epsilon_1=2             # the order your formulas claim (0 = leading order)
  quantity: U                    # U, masses, U[i,j] or m[i] (1-based); for a
                                 # blocks-mode model: light_mass_matrix, heavy_mass_matrix,
                                 # W, N, Theta, eta or an entry such as W[1,4]
  U = \\begin{pmatrix} ... \\end{pmatrix}   # sympy syntax or LaTeX
JSON claim files are accepted too: {"schema": "symseesaw-claims/1", "claims":
[{"quantity": "U[1,2]", "formula": "epsilon_1", "order": {"epsilon_1": 1}}]}.
Each claimed entry is judged to its claimed order: 'agrees', 'differs' (with
the lowest differing order, your coefficient and the correct one) or
'ambiguous'.  Full description: docs/checking.md in the source distribution
(symseesaw's repository and sdist ship it).
"""


def format_comparisons(comparisons: Sequence[Any]) -> str:
    """One line per comparison, then the differences in detail and a count line.

    The claim is the user's own: notes speak of "your coefficient".
    """
    rows = []
    for c in comparisons:
        entry = ",".join(str(i) for i in c.entry)
        rows.append((c.equation, f"({entry})", c.verdict, order_text(c.lowest_differing_order)))
    lines = [table(("claim", "entry", "verdict", "lowest differing order"), rows)]
    for c in comparisons:
        if c.verdict == "agrees":
            continue
        entry = ",".join(str(i) for i in c.entry)
        note = str(c.note).replace("printed coefficient", "your coefficient")
        lines.append(f"{c.verdict}: {c.equation} ({entry}): {note}")
    lines.append(counts_text(verdict_counts(comparisons)))
    return "\n".join(lines)


def _read_claims(path: str) -> Any:
    from symseesaw.check import read_claims

    check_input_file(path, "claim file")
    try:
        return read_claims(path)
    except OSError as exc:
        raise UsageError(f"cannot read {path!r}: {exc.strerror or exc}") from exc
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"{path}: {one_line(exc)[:300]}") from exc


def _against_matrix(args: argparse.Namespace, claims: Any, override: dict | None,
                    progress: Progress) -> list[Any]:
    from symseesaw import check

    if args.light is None:
        raise UsageError("--matrix needs --light N (number of light states)")
    orders = override or claims.order
    if not orders:
        raise UsageError("--matrix needs the small parameters: --order eps=2[,...] "
                         "or 'order:' in the claim file")
    check_input_file(args.matrix, "matrix file")
    complex_names = [n.strip() for n in (args.complex or "").split(",") if n.strip()]
    try:
        matrix, symbol_table = check.read_matrix(Path(args.matrix), small=list(orders),
                                                 complex_symbols=complex_names)
    except OSError as exc:
        raise UsageError(f"cannot read {args.matrix!r}: {exc.strerror or exc}") from exc
    except ValueError as exc:  # the parser names an unknown --complex symbol (with hints)
        text = one_line(exc)
        name = re.search(r"unknown symbol '([^']*)'", text)
        if not text.startswith("--complex") or name is None:
            raise
        raise UsageError(f"--complex names {name.group(1)!r}, which is not a symbol of "
                         f"{args.matrix}: {text.removeprefix('--complex: ')}") from exc
    unknown = [n for n in complex_names if n not in symbol_table]
    if unknown:
        raise UsageError(f"--complex names {unknown[0]!r}, which is not a symbol of "
                         f"{args.matrix} (symbols: {', '.join(sorted(symbol_table))})")
    options: dict[str, Any] = {}
    if args.light_basis:
        from symseesaw.parsing import parse_matrix

        check_input_file(args.light_basis, "light basis file")
        text = Path(args.light_basis).read_text(encoding="utf-8")
        options["light_basis"] = parse_matrix(text, list(symbol_table.values()))
    convention = args.convention or claims.convention
    if convention:
        options["convention"] = convention
    small = {}
    for name, order in orders.items():
        if name not in symbol_table:
            raise UsageError(f"small parameter {name!r} does not occur in {args.matrix}")
        small[symbol_table[name]] = order
    return check.check_formula(claims, matrix, args.light, small, max_order=args.max_order,
                               progress=progress, symbols=list(symbol_table.values()),
                               **options)


def _against_model(args: argparse.Namespace, claims: Any, override: dict | None,
                   progress: Progress) -> list[Any]:
    from symseesaw import check
    from symseesaw.modelfile import ModelFileError, with_orders

    spec = load_model_spec(args.model)
    orders = override or claims.order
    try:
        small = with_orders(spec, orders)
    except ModelFileError as exc:
        raise UsageError(str(exc)) from exc
    options = dict(spec.options)
    if spec.mode == "blocks":  # claims on light_mass_matrix, heavy_mass_matrix, W, Theta, eta
        options = {k: v for k, v in options.items() if k in ("total", "weights", "convention")}
        options["mode"] = "blocks"
    if args.convention:
        options["convention"] = args.convention
    return check.check_formula(claims, spec.mass_matrix, spec.n_light, small,
                               max_order=args.max_order, progress=progress,
                               symbols=list(spec.symbols.values()),
                               latex_names=spec.latex_names, **options)


def cmd_check(args: argparse.Namespace) -> int:
    """``symseesaw check``: judge your claims; exit 1 when one differs or is ambiguous."""
    from symseesaw import check

    progress = Progress(args.quiet)
    claims = _read_claims(args.file)
    override = parse_orders(args.order)
    inputs = [p for p in (args.file, args.matrix, args.model, args.light_basis) if p]
    json_path = (check_output(args.json, "--json", force=args.force, inputs=inputs)
                 if args.json else None)
    given = [flag for flag, value in (("--against", args.against), ("--matrix", args.matrix),
                                      ("--model", args.model)) if value]
    if len(given) > 1:
        raise UsageError(f"give only one of --against NAME, --matrix FILE, --model FILE "
                         f"(got {' and '.join(given)})")
    if args.model and claims.against:
        raise UsageError(f"the claim file says 'against: {claims.against}' but --model is "
                         "given; remove one of them")
    if args.model and (args.light is not None or args.complex):
        flag = "--light" if args.light is not None else "--complex"
        raise UsageError(f"{flag} does not apply to --model (the model file sets n_light and "
                         "which symbols are complex); remove it")
    against = args.against or (None if given else claims.against)
    if not against and not given:
        raise UsageError("nothing to check against: give --against NAME, --model FILE, "
                         "--matrix FILE (with --light N), or 'against:' in the claim file")
    module = None
    try:
        if against:
            module = lookup(load_registry(), against)
            comparisons = check.check_against(module, claims, order=override,
                                              max_order=args.max_order, progress=progress)
            label = against
        elif args.model:
            comparisons = _against_model(args, claims, override, progress)
            label = f"model:{Path(args.model).name}"
        else:
            comparisons = _against_matrix(args, claims, override, progress)
            label = f"matrix:{Path(args.matrix).name}"
    except (ValueError, NotImplementedError) as exc:
        raise UsageError(one_line(exc)[:500]) from exc
    print(format_comparisons(comparisons))
    if json_path is not None:
        from symseesaw.output.audit import audit_to_json

        doc = audit_to_json(comparisons=comparisons, derivation=label,
                            source=getattr(module, "SOURCE", None))
        write_files({json_path: json_text(doc)},
                    progress, force=args.force, inputs=inputs)
    counts = verdict_counts(comparisons)
    return EXIT_FAILED if counts["differs"] or counts["ambiguous"] else EXIT_OK
