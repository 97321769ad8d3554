"""Command line interface: ``symseesaw list | derive | prove | reproduce | check | audit | latex``.

The derivation registry (:mod:`symseesaw.registry`) is loaded lazily inside
the commands, so ``symseesaw --help`` works even when it is unavailable.
Every command is reachable in-process through :func:`main`, which returns the
exit code instead of exiting.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import inspect
import os
import re
import shutil
import sys
import textwrap
import time
import traceback
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_TOOL = 3

EPILOG = """\
exit codes:
  0  success
  1  a proof failed (prove, reproduce), --check found a comparison that differs,
     or 'check' found a claim that differs or could not be verified to its order
  2  usage error (unknown derivation, malformed option or input file, unwritable
     output path)
  3  an external tool (pdflatex, pdftoppm) is missing or failed (latex --png)
"""

VERDICTS = ("agrees", "differs", "ambiguous")


class UsageError(Exception):
    """A mistake of the user: reported as one line on stderr, exit code 2."""


class ToolError(Exception):
    """An external program (pdflatex, pdftoppm) is missing or failed: exit code 3."""


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors become :class:`UsageError` (one line, no usage dump)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


# --------------------------------------------------------------------------- helpers
def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("symseesaw")
    except (ImportError, PackageNotFoundError):
        return "0.1.0 (not installed)"


def load_registry() -> Mapping[str, ModuleType]:
    """The registered derivations (plug-ins, see :mod:`symseesaw.registry`)."""
    from symseesaw.registry import RegistryError
    from symseesaw.registry import load_registry as _load

    try:
        return _load()
    except RegistryError as exc:
        raise UsageError(str(exc)) from exc


def _lookup(registry: Mapping[str, ModuleType], name: str) -> ModuleType:
    if name not in registry:
        known = ", ".join(registry) or "none"
        raise UsageError(f"unknown derivation {name!r} (known: {known}; see 'symseesaw list')")
    return registry[name]


def format_equations(equations: Sequence[str]) -> str:
    """``["19", "20"]`` -> ``"Eqs. 19, 20"``; one equation -> ``"Eq. 19"``."""
    equations = [str(e) for e in equations]
    if not equations:
        return "(no equations)"
    return ("Eq. " if len(equations) == 1 else "Eqs. ") + ", ".join(equations)


_ORDER_ITEM = re.compile(r"^\s*([^\s=,]+)\s*=\s*([0-9]+)\s*$")


def parse_orders(values: Sequence[str] | None) -> dict[str, int] | None:
    """Parse ``--order eps1=2,r1=1`` (option may repeat) into ``{"eps1": 2, "r1": 1}``."""
    if not values:
        return None
    orders: dict[str, int] = {}
    for value in values:
        for item in value.split(","):
            match = _ORDER_ITEM.match(item)
            if not match:
                raise UsageError(
                    f"malformed --order item {item.strip()!r}: expected NAME=N[,NAME=N...] "
                    "with N a non-negative integer"
                )
            name, order = match.group(1), int(match.group(2))
            if name in orders:
                raise UsageError(f"--order gives {name!r} twice")
            orders[name] = order
    return orders


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid integer {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {value}")
    return value


def _check_writable(path: str | os.PathLike[str], what: str, directory: bool = False) -> Path:
    """Fail early (before a long derivation) when ``path`` clearly cannot be written."""
    target = Path(path)
    if not directory and target.is_dir():
        raise UsageError(f"{what} {str(target)!r} is a directory")
    if directory and target.exists() and not target.is_dir():
        raise UsageError(f"{what} {str(target)!r} is not a directory")
    ancestor = target if directory else target.parent
    ancestor = Path(os.path.abspath(ancestor))
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise UsageError(f"{what} {str(target)!r}: {str(ancestor)!r} is not a directory")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise UsageError(f"{what} {str(target)!r}: directory {str(ancestor)!r} is not writable")
    return target


def _write_outputs(result: Any, json_path: Path | None, latex_path: Path | None) -> None:
    from symseesaw.output.atomic import write_atomic
    from symseesaw.output.json_io import write_json
    from symseesaw.output.latex import result_to_latex

    for path, write in (
        (json_path, lambda p: write_json(result, p)),
        (latex_path, lambda p: write_atomic(p, result_to_latex(result))),
    ):
        if path is None:
            continue
        try:
            write(path)
        except OSError as exc:
            raise UsageError(f"cannot write {str(path)!r}: {exc.strerror or exc}") from exc
        _progress(f"wrote {path}")


def _derive(module: ModuleType, name: str, orders: dict[str, int] | None) -> Any:
    if orders is None:
        return module.derive()
    try:
        return module.derive(orders=orders)
    except (ValueError, KeyError) as exc:
        raise UsageError(f"derivation {name!r} rejected --order {orders}: {exc}") from exc


def _accepts_dps(func: Any) -> bool:
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "dps" or p.kind is inspect.Parameter.VAR_KEYWORD for p in params)


def _prove(module: ModuleType, name: str, result: Any, dps: int | None) -> Any:
    """Run ``module.prove``; ``dps`` is passed if ``prove`` accepts it."""
    if dps is None:
        return module.prove(result)
    if _accepts_dps(module.prove):
        return module.prove(result, dps=dps)
    import mpmath

    with mpmath.workdps(dps):
        report = module.prove(result)
    if getattr(report, "dps", dps) != dps:
        _progress(f"warning: {name}: prove() does not take --dps; it ran at dps={report.dps}")
    return report


def verdict_counts(comparisons: Sequence[Any]) -> Counter[str]:
    counts: Counter[str] = Counter({v: 0 for v in VERDICTS})
    counts.update(str(c.verdict) for c in comparisons)
    return counts


def _counts_text(counts: Counter[str]) -> str:
    text = ", ".join(f"{counts[v]} {v}" for v in VERDICTS)
    others = {k: n for k, n in counts.items() if k not in VERDICTS}
    if others:
        text += ", " + ", ".join(f"{n} {k}" for k, n in sorted(others.items()))
    return text


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _unicode_ok() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding.startswith("utf")


def _matrix_text(M: Any, name: str) -> str:
    """Pretty-printed matrix, or one ``name[i,j] = ...`` line per entry if too wide."""
    import sympy as sp

    M = sp.Matrix(M)
    pretty = sp.pretty(M, use_unicode=_unicode_ok(), wrap_line=False)
    columns = shutil.get_terminal_size((100, 24)).columns
    if max((len(line) for line in pretty.splitlines()), default=0) <= columns:
        return "\n".join("  " + line for line in pretty.splitlines())
    return "\n".join(
        f"  {name}[{i + 1},{j + 1}] = {sp.sstr(M[i, j])}"
        for i in range(M.rows)
        for j in range(M.cols)
    )


def _order_text(order: Mapping[str, int] | None) -> str:
    if not order:
        return ""
    return " * ".join(f"{k}^{v}" for k, v in order.items() if v) or "leading order"


def format_result_summary(result: Any) -> str:
    """Short human-readable summary of a :class:`DerivationResult`."""
    import sympy as sp

    from symseesaw.output.json_io import CONVENTION_TEXT

    lines = [f"{result.name}  {format_equations(result.equations)}"]
    lines.append(f"convention: {CONVENTION_TEXT.get(result.convention, result.convention)}")
    if result.small:
        lines.append(
            "small parameters (max order kept): "
            + ", ".join(f"{k}: {v}" for k, v in result.small.items())
        )
    if result.definitions:
        lines.append("definitions:")
        lines += [f"  {sp.sstr(k)} = {sp.sstr(v)}" for k, v in result.definitions.items()]
    lines.append("mixing matrix U:")
    lines.append(_matrix_text(result.mixing_matrix, "U"))
    lines.append("masses:")
    lines += [f"  m_{i} = {sp.sstr(m)}" for i, m in enumerate(result.masses, 1)]
    for note in result.notes:
        lines.append(f"note: {note}")
    if result.comparisons:
        lines.append(f"comparisons: {_counts_text(verdict_counts(result.comparisons))}")
        for c in result.comparisons:
            if c.verdict != "differs":
                continue
            entry = ",".join(str(i) for i in c.entry)
            text = f"  differs: Eq. {c.equation} entry ({entry})"
            if c.reading:
                text += f" [reading: {c.reading}]"
            if c.lowest_differing_order:
                text += f", lowest differing order {_order_text(c.lowest_differing_order)}"
            if c.note:
                text += f": {c.note}"
            lines.append(text)
    else:
        lines.append("comparisons: none")
    return "\n".join(lines)


def _fmt(x: Any) -> str:
    try:
        return f"{float(x):.3f}"
    except (TypeError, ValueError):
        return str(x)


def format_proof(report: Any) -> str:
    """Table of slopes (quantity, predicted, measured, PASS/FAIL) and a verdict line."""
    rows = [
        (s.quantity, _fmt(s.predicted), _fmt(s.measured), "PASS" if s.passed else "FAIL")
        for s in report.slopes
    ]
    text = _table(("quantity", "predicted", "measured", "result"), rows)
    npass = sum(1 for s in report.slopes if s.passed)
    verdict = "PASSED" if report.passed else "FAILED"
    if not report.slopes:
        verdict += " (no slope measured)"
    return f"{text}\nproof {verdict}: {npass}/{len(report.slopes)} slopes at dps={report.dps}"


def _file_stem(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name) or "derivation"


# --------------------------------------------------------------------------- commands
def cmd_list(args: argparse.Namespace) -> int:
    registry = load_registry()
    if not registry:
        _progress("no derivations registered")
        return EXIT_OK
    width = max(len(name) for name in registry)
    for name, module in registry.items():
        print(f"{name:<{width}}  {format_equations(getattr(module, 'EQUATIONS', []))}")
        if args.verbose and getattr(module, "SUMMARY", ""):
            print(f"{'':<{width}}  {' '.join(str(module.SUMMARY).split())}")
    return EXIT_OK


def cmd_derive(args: argparse.Namespace) -> int:
    registry = load_registry()
    module = _lookup(registry, args.name)
    orders = parse_orders(args.order)
    json_path = _check_writable(args.json, "--json") if args.json else None
    latex_path = _check_writable(args.latex, "--latex") if args.latex else None
    result = _derive(module, args.name, orders)
    print(format_result_summary(result))
    _write_outputs(result, json_path, latex_path)
    if args.check and verdict_counts(result.comparisons)["differs"]:
        return EXIT_FAILED
    return EXIT_OK


def cmd_prove(args: argparse.Namespace) -> int:
    registry = load_registry()
    module = _lookup(registry, args.name)
    orders = parse_orders(args.order)
    json_path = _check_writable(args.json, "--json") if args.json else None
    latex_path = _check_writable(args.latex, "--latex") if args.latex else None
    _progress(f"[{args.name}] deriving")
    start = time.perf_counter()
    result = _derive(module, args.name, orders)
    _progress(
        f"[{args.name}] derived in {time.perf_counter() - start:.1f} s; proving"
        + (f" (dps={args.dps})" if args.dps else "")
    )
    start = time.perf_counter()
    report = _prove(module, args.name, result, args.dps)
    _progress(f"[{args.name}] proof done in {time.perf_counter() - start:.1f} s")
    result = dataclasses.replace(result, proof=report)
    print(format_proof(report))
    _write_outputs(result, json_path, latex_path)
    return EXIT_OK if report.passed else EXIT_FAILED


def run_reproduce(
    registry: Mapping[str, ModuleType],
    names: Sequence[str],
    json_dir: Path | None = None,
    latex_dir: Path | None = None,
    dps: int | None = None,
) -> list[dict[str, Any]]:
    """Derive and prove each named derivation; return one summary record per derivation.

    Records have keys ``name``, ``equations``, ``seconds``, ``result`` (or
    None), ``report`` (or None), ``error`` (traceback text or None),
    ``counts`` (verdict counter) and ``passed``.
    """
    records = []
    total = len(names)
    for i, name in enumerate(names, 1):
        module = registry[name]
        record: dict[str, Any] = {
            "name": name,
            "equations": list(getattr(module, "EQUATIONS", [])),
            "result": None,
            "report": None,
            "error": None,
            "counts": verdict_counts([]),
            "passed": False,
        }
        start = time.perf_counter()
        try:
            _progress(f"[{i}/{total}] {name}: deriving")
            result = _derive(module, name, None)
            record["counts"] = verdict_counts(result.comparisons)
            _progress(f"[{i}/{total}] {name}: proving")
            report = _prove(module, name, result, dps)
            result = dataclasses.replace(result, proof=report)
            record.update(result=result, report=report, passed=bool(report.passed))
        except UsageError:
            raise
        except Exception:
            record["error"] = traceback.format_exc()
            _progress(f"[{i}/{total}] {name}: ERROR\n{record['error'].rstrip()}")
        record["seconds"] = time.perf_counter() - start
        if record["result"] is not None:
            stem = _file_stem(name)
            _write_outputs(
                record["result"],
                json_dir / f"{stem}.json" if json_dir else None,
                latex_dir / f"{stem}.tex" if latex_dir else None,
            )
            status = "PASS" if record["passed"] else "FAIL"
            _progress(f"[{i}/{total}] {name}: {status} in {record['seconds']:.1f} s")
        records.append(record)
    return records


def format_slopes(report: Any) -> str:
    """``"mixing 3.00/3, masses 4.00/3"``: measured/predicted slope per quantity."""
    if not report.slopes:
        return "none"
    parts = []
    for s in report.slopes:
        try:
            measured = f"{float(s.measured):.2f}"
        except (TypeError, ValueError):
            measured = str(s.measured)
        mark = "" if s.passed else "!"
        parts.append(f"{s.quantity} {measured}/{float(s.predicted):g}{mark}")
    return ", ".join(parts)


def format_reproduce(records: Sequence[Mapping[str, Any]]) -> str:
    rows = []
    for r in records:
        report = r["report"]
        if report is None:
            slopes, proof = "-", "ERROR"
        else:
            slopes = format_slopes(report)
            proof = "PASS" if r["passed"] else "FAIL"
        counts = r["counts"]
        rows.append(
            (
                r["name"],
                ", ".join(r["equations"]),
                f"{r['seconds']:.1f}s",
                slopes,
                counts["agrees"],
                counts["differs"],
                counts["ambiguous"],
                proof,
            )
        )
    table = _table(
        ("derivation", "equations", "time", "slopes", "agrees", "differs", "ambiguous", "proof"),
        rows,
    )
    npassed = sum(1 for r in records if r["passed"])
    return (
        f"{table}\n{npassed}/{len(records)} derivations proved "
        "(slopes: measured/predicted per quantity; '!' marks a failed slope)"
    )


def cmd_reproduce(args: argparse.Namespace) -> int:
    registry = load_registry()
    names = list(args.names) if args.names else list(registry)
    for name in names:
        _lookup(registry, name)
    json_dir = (
        _check_writable(args.json_dir, "--json-dir", directory=True) if args.json_dir else None
    )
    latex_dir = (
        _check_writable(args.latex_dir, "--latex-dir", directory=True) if args.latex_dir else None
    )
    records = run_reproduce(registry, names, json_dir, latex_dir, args.dps)
    print(format_reproduce(records))
    failed = not records or any(not r["passed"] for r in records)
    if args.check and any(r["counts"]["differs"] for r in records):
        failed = True
    return EXIT_FAILED if failed else EXIT_OK


# --------------------------------------------------------------------------- check
def _latex_names(module: ModuleType | None, result: Any, items: Sequence[str] | None) -> dict:
    """LaTeX names: the module's ``LATEX_NAMES``, then ``--name SYMBOL=LATEX`` options."""
    names: dict[Any, str] = dict(getattr(module, "LATEX_NAMES", None) or {})
    if items:
        import sympy as sp

        pool: dict[str, Any] = {}
        for sym in list(getattr(result, "symbols", [])) + list(getattr(result, "small", {})):
            pool.setdefault(str(sym), sym)
        for d in getattr(result, "definitions", {}) or {}:
            pool.setdefault(str(d), d)
        for item in items:
            if "=" not in item:
                raise UsageError(f"malformed --name {item!r}: expected SYMBOL=LATEX")
            key, tex = item.split("=", 1)
            key = key.strip()
            names[pool.get(key, sp.Symbol(key))] = tex.strip()
    return names


def format_comparisons(comparisons: Sequence[Any]) -> str:
    """One line per comparison, then the differences in detail and a count line."""
    rows = []
    for c in comparisons:
        entry = ",".join(str(i) for i in c.entry)
        rows.append((c.equation, f"({entry})", c.verdict, _order_text(c.lowest_differing_order)))
    lines = [_table(("claim", "entry", "verdict", "lowest differing order"), rows)]
    for c in comparisons:
        if c.verdict == "agrees":
            continue
        entry = ",".join(str(i) for i in c.entry)
        lines.append(f"{c.verdict}: {c.equation} ({entry}): {c.note}")
    lines.append(_counts_text(verdict_counts(comparisons)))
    return "\n".join(lines)


def _read_claims(path: str) -> Any:
    from symseesaw.check import read_claims

    try:
        return read_claims(path)
    except OSError as exc:
        raise UsageError(f"cannot read {path!r}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise UsageError(f"{path}: {exc}") from exc


def cmd_check(args: argparse.Namespace) -> int:
    from symseesaw import check

    claims = _read_claims(args.file)
    override = parse_orders(args.order)
    json_path = _check_writable(args.json, "--json") if args.json else None
    against = args.against or (None if args.matrix else claims.against)
    if args.matrix and args.against:
        raise UsageError("give either --against NAME or --matrix FILE, not both")
    if not against and not args.matrix:
        raise UsageError("nothing to check against: give --against NAME, --matrix FILE "
                         "(with --light N), or 'against:' in the claim file")
    module = None
    try:
        if against:
            registry = load_registry()
            module = _lookup(registry, against)
            comparisons = check.check_against(
                module, claims, order=override, max_order=args.max_order, progress=_progress
            )
            label = against
        else:
            if args.light is None:
                raise UsageError("--matrix needs --light N (number of light states)")
            orders = override or claims.order
            if not orders:
                raise UsageError("--matrix needs the small parameters: --order eps=2[,...] "
                                 "or 'order:' in the claim file")
            complex_names = [n for n in (args.complex or "").split(",") if n.strip()]
            try:
                matrix, table = check.read_matrix(Path(args.matrix), small=list(orders),
                                                  complex_symbols=complex_names)
            except OSError as exc:
                raise UsageError(f"cannot read {args.matrix!r}: {exc.strerror or exc}") from exc
            options: dict[str, Any] = {}
            if args.light_basis:
                from symseesaw.parsing import parse_matrix

                try:
                    text = Path(args.light_basis).read_text(encoding="utf-8")
                except OSError as exc:
                    raise UsageError(f"cannot read {args.light_basis!r}: {exc}") from exc
                options["light_basis"] = parse_matrix(text, list(table.values()))
            convention = args.convention or claims.convention
            if convention:
                options["convention"] = convention
            small = {}
            for name, order in orders.items():
                if name not in table:
                    raise UsageError(f"small parameter {name!r} does not occur in {args.matrix}")
                small[table[name]] = order
            comparisons = check.check_formula(
                claims, matrix, args.light, small, max_order=args.max_order,
                progress=_progress, symbols=list(table.values()), **options,
            )
            label = f"matrix:{Path(args.matrix).name}"
    except ValueError as exc:
        raise UsageError(" ".join(str(exc).split())) from exc
    print(format_comparisons(comparisons))
    if json_path is not None:
        import json

        from symseesaw.output.atomic import write_atomic
        from symseesaw.output.audit import audit_to_json

        doc = audit_to_json(comparisons=comparisons, derivation=label,
                            source=getattr(module, "SOURCE", None))
        try:
            write_atomic(json_path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise UsageError(f"cannot write {str(json_path)!r}: {exc.strerror or exc}") from exc
        _progress(f"wrote {json_path}")
    counts = verdict_counts(comparisons)
    return EXIT_FAILED if counts["differs"] or counts["ambiguous"] else EXIT_OK


# --------------------------------------------------------------------------- audit
def cmd_audit(args: argparse.Namespace) -> int:
    from symseesaw.output.audit import write_audit

    registry = load_registry()
    module = _lookup(registry, args.name)
    orders = parse_orders(args.order)
    out_dir = _check_writable(args.out_dir, "--out-dir", directory=True)
    _progress(f"[{args.name}] deriving")
    result = _derive(module, args.name, orders)
    source = getattr(module, "SOURCE", None)
    try:
        paths = write_audit(result, out_dir, source=source, stem=_file_stem(args.name),
                            latex_names=_latex_names(module, result, None))
    except OSError as exc:
        raise UsageError(f"cannot write the audit to {str(out_dir)!r}: "
                         f"{exc.strerror or exc}") from exc
    except ValueError as exc:
        raise UsageError(f"{args.name}: {exc}") from exc
    counts = verdict_counts(result.comparisons)
    print(f"{args.name}: {_counts_text(counts)}")
    for path in paths:
        print(f"wrote {path}")
    if args.check and counts["differs"]:
        return EXIT_FAILED
    return EXIT_OK


# --------------------------------------------------------------------------- latex
def cmd_latex(args: argparse.Namespace) -> int:
    from symseesaw.output.atomic import write_atomic
    from symseesaw.output.latex import LatexError, render_png, result_to_latex

    registry = load_registry()
    module = _lookup(registry, args.name)
    orders = parse_orders(args.order)
    out_path = _check_writable(args.out, "--out") if args.out else None
    png_path = _check_writable(args.png, "--png") if args.png else None
    _progress(f"[{args.name}] deriving")
    result = _derive(module, args.name, orders)
    names = _latex_names(module, result, args.name_map)
    text = result_to_latex(result, latex_names=names, split=args.split, max_width=args.max_width)
    if out_path is None and png_path is None:
        sys.stdout.write(text)
    if out_path is not None:
        try:
            write_atomic(out_path, text)
        except OSError as exc:
            raise UsageError(f"cannot write {str(out_path)!r}: {exc.strerror or exc}") from exc
        _progress(f"wrote {out_path}")
    if png_path is not None:
        _progress(f"[{args.name}] rendering {png_path} (pdflatex, pdftoppm -r {args.dpi})")
        try:
            render_png(text, png_path, dpi=args.dpi)
        except LatexError as exc:
            raise ToolError(str(exc)) from exc
        except OSError as exc:
            raise UsageError(f"cannot write {str(png_path)!r}: {exc.strerror or exc}") from exc
        _progress(f"wrote {png_path}")
    return EXIT_OK


# --------------------------------------------------------------------------- parser
def _desc(text: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=79)


def build_parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog="symseesaw",
        description=_desc(
            "Symbolic perturbative seesaw expansions (sympy), proved numerically (mpmath)."
        ),
        epilog=EPILOG,
        formatter_class=fmt,
    )
    parser.add_argument("--version", action="version", version=f"symseesaw {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "list",
        help="list the registered derivations and their equations",
        description=_desc(
            "List the registered derivations, one per line: name, "
            "then the printed equations it reproduces."
        ),
        epilog=EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("-v", "--verbose", action="store_true", help="also print each summary")
    p.set_defaults(func=cmd_list)

    def outputs(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--json",
            metavar="FILE",
            help="write the result as JSON (schema symseesaw-derivation/1)",
        )
        p.add_argument("--latex", metavar="FILE", help="write a LaTeX fragment for \\input")

    def order(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--order",
            metavar="NAME=N[,NAME=N...]",
            action="append",
            help="maximum order kept per small parameter, e.g. eps1=2,r1=1 "
            "(default: the derivation's own)",
        )

    p = sub.add_parser(
        "derive",
        help="derive one expansion and compare with the papers",
        description=_desc(
            "Derive one expansion symbolically, print the mixing "
            "matrix, the masses and the comparison with the printed "
            "equations."
        ),
        epilog=EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("name", metavar="NAME", help="derivation name (see 'symseesaw list')")
    order(p)
    outputs(p)
    p.add_argument(
        "--check",
        action="store_true",
        help="exit with code 1 if any comparison 'differs' (default: report only)",
    )
    p.set_defaults(func=cmd_derive)

    p = sub.add_parser(
        "prove",
        help="derive, then prove the orders numerically",
        description=_desc(
            "Derive one expansion, then measure the convergence slopes "
            "of its residuals against exact mpmath diagonalization."
        ),
        epilog=EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("name", metavar="NAME", help="derivation name (see 'symseesaw list')")
    p.add_argument(
        "--dps",
        type=_positive_int,
        metavar="N",
        help="mpmath working precision in decimal digits (default: the derivation's own)",
    )
    order(p)
    outputs(p)
    p.set_defaults(func=cmd_prove)

    p = sub.add_parser(
        "reproduce",
        help="derive and prove every registered derivation",
        description=_desc(
            "Derive and prove every registered derivation (or the "
            "named ones) and print a summary table."
        ),
        epilog=EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("names", metavar="NAME", nargs="*", help="only these derivations (default: all)")
    p.add_argument("--json-dir", metavar="DIR", help="write NAME.json for each derivation")
    p.add_argument("--latex-dir", metavar="DIR", help="write NAME.tex for each derivation")
    p.add_argument(
        "--dps", type=_positive_int, metavar="N", help="mpmath working precision for every proof"
    )
    p.add_argument(
        "--check", action="store_true", help="also exit with code 1 if any comparison 'differs'"
    )
    p.set_defaults(func=cmd_reproduce)

    p = sub.add_parser(
        "check",
        help="check your own formulas (U, masses, entries) against a derivation",
        description=_desc(
            "Check the claims of FILE (mixing matrix, masses or single entries, in sympy "
            "syntax or LaTeX; format in docs/checking.md) entry by entry: against a "
            "registered derivation (--against NAME, re-derived at higher order when a "
            "claim goes beyond it, up to --max-order), or against the seesaw expansion "
            "of a mass matrix (--matrix FILE --light N --order eps=2)."
        ),
        epilog=EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("file", metavar="FILE", help="claim file (text format or JSON)")
    p.add_argument("--against", metavar="NAME", help="registered derivation (see 'list')")
    p.add_argument("--matrix", metavar="MATRIXFILE",
                   help="mass matrix file (LaTeX pmatrix or sympy [[...]]) for model-free mode")
    p.add_argument("--light", type=_positive_int, metavar="N",
                   help="number of light states (with --matrix)")
    p.add_argument("--light-basis", metavar="FILE",
                   help="leading-order basis of the light block (matrix file; with --matrix)")
    p.add_argument("--complex", metavar="NAMES",
                   help="comma-separated symbols of the matrix that are complex "
                   "(default: all positive)")
    p.add_argument("--convention", choices=("UT_M_U", "Udag_M_Ustar"),
                   help="convention of the claimed U (with --matrix; default UT_M_U)")
    p.add_argument("--max-order", type=_positive_int, default=6, metavar="N",
                   help="re-derive automatically up to this order (default 6)")
    p.add_argument("--json", metavar="FILE",
                   help="write the verdicts as JSON (schema symseesaw-audit/1)")
    order(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "audit",
        help="write an errata report (Markdown, LaTeX, JSON) for a derivation",
        description=_desc(
            "Derive NAME and write NAME-audit.md, NAME-audit.tex and NAME-audit.json "
            "(schema symseesaw-audit/1): one verdict per printed entry of the paper."
        ),
        epilog=EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("name", metavar="NAME", help="derivation name (see 'symseesaw list')")
    p.add_argument("--out-dir", metavar="DIR", default=".",
                   help="directory for the three files (default: current directory)")
    p.add_argument("--check", action="store_true",
                   help="exit with code 1 if any comparison 'differs'")
    order(p)
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser(
        "latex",
        help="paper-ready LaTeX of a derivation, optionally a PNG preview",
        description=_desc(
            "Derive NAME and print (or write with --out) a LaTeX fragment for \\input "
            "(needs amsmath): pmatrix, split by order or by monomial, entry by entry when "
            "too wide. --png renders a preview with pdflatex and 'pdftoppm -png'."
        ),
        epilog=EPILOG,
        formatter_class=fmt,
    )
    p.add_argument("name", metavar="NAME", help="derivation name (see 'symseesaw list')")
    p.add_argument("--out", metavar="FILE", help="write the fragment to FILE (atomically)")
    p.add_argument("--png", metavar="FILE", help="render a PNG preview to FILE")
    p.add_argument("--dpi", type=_positive_int, default=150, metavar="N",
                   help="PNG resolution (default 150)")
    p.add_argument("--split", choices=("order", "monomial", "none"), default="order",
                   help="U = U_0 + dU^(1) + ... (order), one matrix per monomial, or whole")
    p.add_argument("--max-width", type=_positive_int, default=180, metavar="N",
                   help="print matrices entry by entry above this estimated width "
                   "(characters of LaTeX per row; default 180)")
    p.add_argument("--name", dest="name_map", action="append", metavar="SYMBOL=LATEX",
                   help="LaTeX name of a symbol, e.g. --name \"m_2^(0)=m_2^{(0)}\" (repeatable)")
    order(p)
    p.set_defaults(func=cmd_latex)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return int(args.func(args))
    except UsageError as exc:
        print(f"symseesaw: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_USAGE
    except ToolError as exc:
        print(f"symseesaw: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_TOOL
    except SystemExit as exc:  # --help / --version
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except KeyboardInterrupt:
        print("symseesaw: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head`: silence the flush at interpreter exit.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
