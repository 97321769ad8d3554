"""Commands ``list``, ``derive``, ``prove`` and ``reproduce``: call the library, format results."""

from __future__ import annotations

import argparse
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from symseesaw.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    TABLE_WIDTH,
    Progress,
    UsageError,
    check_output_dir,
    counts_text,
    file_stem,
    format_equations,
    json_text,
    load_registry,
    lookup,
    one_line,
    order_text,
    table,
    terminal_columns,
    verdict_counts,
)
from symseesaw.cli._target import Target, resolve, with_proof


# --------------------------------------------------------------------------- formatting
def _unicode_ok() -> bool:
    import sys

    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding.startswith("utf")


def _matrix_text(M: Any, name: str) -> str:
    """Pretty-printed matrix, or one ``name[i,j] = ...`` line per entry if too wide."""
    import sympy as sp

    M = sp.Matrix(M)
    pretty = sp.pretty(M, use_unicode=_unicode_ok(), wrap_line=False)
    if max((len(line) for line in pretty.splitlines()), default=0) <= terminal_columns():
        return "\n".join("  " + line for line in pretty.splitlines())
    return "\n".join(
        f"  {name}[{i + 1},{j + 1}] = {sp.sstr(M[i, j])}"
        for i in range(M.rows)
        for j in range(M.cols)
    )


def format_result_summary(result: Any) -> str:
    """Short human-readable summary of a :class:`DerivationResult`."""
    import sympy as sp

    from symseesaw.output.json_io import CONVENTION_TEXT

    lines = [f"{result.name}  {format_equations(result.equations)}"]
    lines.append(f"convention: {CONVENTION_TEXT.get(result.convention, result.convention)}")
    if result.small:
        lines.append("small parameters (max order kept): "
                     + ", ".join(f"{k}: {v}" for k, v in result.small.items()))
    if result.definitions:
        lines.append("definitions:")
        lines += [f"  {sp.sstr(k)} = {sp.sstr(v)}" for k, v in result.definitions.items()]
    lines.append("mixing matrix U:")
    lines.append(_matrix_text(result.mixing_matrix, "U"))
    lines.append("masses:")
    lines += [f"  m_{i} = {sp.sstr(m)}" for i, m in enumerate(result.masses, 1)]
    lines += [f"note: {note}" for note in result.notes]
    if not result.comparisons:
        lines.append("comparisons: none")
        return "\n".join(lines)
    lines.append(f"comparisons: {counts_text(verdict_counts(result.comparisons))}")
    for c in result.comparisons:
        if c.verdict != "differs":
            continue
        text = f"  differs: Eq. {c.equation} entry ({','.join(str(i) for i in c.entry)})"
        if c.reading:
            text += f" [reading: {c.reading}]"
        if c.lowest_differing_order:
            text += f", lowest differing order {order_text(c.lowest_differing_order)}"
        if c.note:
            text += f": {c.note}"
        lines.append(text)
    return "\n".join(lines)


def _is_blocks(result: Any) -> bool:
    """Whether ``result`` is a blocks-mode model result (not a derivation record)."""
    from symseesaw.modelfile import BlocksModelResult

    return isinstance(result, BlocksModelResult)


def format_blocks_summary(result: Any) -> str:
    """Summary of a blocks-mode model: light and heavy blocks, ``W``, ``Theta``, ``eta``."""
    from symseesaw.modelfile import BLOCKS_CONVENTION_TEXT

    blocks = result.blocks
    lines = [f"{result.name}  (blocks mode: seesaw block diagonalization)"]
    lines.append(f"convention: {BLOCKS_CONVENTION_TEXT[result.convention]}")
    lines.append("small parameters (order kept; blocks relative to their leading part, "
                 "W, Theta, eta absolute): "
                 + ", ".join(f"{k}: {v}" for k, v in result.small.items()))
    for label, name, value in (
            ("light effective mass matrix m_light", "m_light", blocks.light_mass_matrix),
            ("heavy effective mass matrix M_heavy", "M_heavy", blocks.heavy_mass_matrix),
            ("W (unitary, block-diagonalizes M)", "W", blocks.W),
            ("Theta (active-heavy mixing, upper right block of W)", "Theta", blocks.Theta),
            ("eta = Theta Theta^dagger / 2 (N N^dagger = 1 - 2 eta)", "eta", blocks.eta)):
        lines.append(f"{label}:")
        lines.append(_matrix_text(value, name))
    lines += [f"note: {note}" for note in result.notes]
    return "\n".join(lines)


def _fmt(x: Any) -> str:
    try:
        return f"{float(x):.3f}"
    except (TypeError, ValueError):
        return str(x)


def _measured(slope: Any) -> str:
    """The measured slope, or the status (``zero mode``, ``below floor``) instead of ``inf``."""
    status = getattr(slope, "status", "measured")
    return _fmt(slope.measured) if status == "measured" else str(status)


def format_proof(report: Any) -> str:
    """Table of slopes (quantity, predicted, measured, PASS/FAIL) and a verdict line."""
    rows = [(s.quantity, _fmt(s.predicted), _measured(s), "PASS" if s.passed else "FAIL")
            for s in report.slopes]
    text = table(("quantity", "predicted", "measured", "result"), rows)
    npass = sum(1 for s in report.slopes if s.passed)
    verdict = "PASSED" if report.passed else "FAILED"
    if not report.slopes:
        verdict += " (no slope measured)"
    # cross-branch (proof-rays): the rays scanned and the kept terms no ray tests
    from symseesaw.numerics.proof_rays import RAY_NOTES

    rays = [n for n in report.notes if n.startswith(RAY_NOTES)]
    return (f"{text}\nproof {verdict}: {npass}/{len(report.slopes)} slopes at dps={report.dps}"
            + "".join(f"\n{n}" for n in rays))


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
        parts.append(f"{s.quantity} {measured}/{float(s.predicted):g}{'' if s.passed else '!'}")
    return ", ".join(parts)


def format_reproduce(records: Sequence[Mapping[str, Any]], verbose: bool = False) -> str:
    """Summary table of ``reproduce``: at most 100 columns (``verbose``: every detail)."""
    rows = []
    for r in records:
        report = r["report"]
        if report is None:
            slopes, proof = "-", "ERROR"
        else:
            slopes, proof = format_slopes(report), ("PASS" if r["passed"] else "FAIL")
        counts = r["counts"]
        row = [r["name"], f"{r['seconds']:.1f}s", counts["agrees"], counts["differs"],
               counts["ambiguous"], proof, slopes]
        if verbose:
            row.insert(1, ", ".join(r["equations"]))
        rows.append(row)
    headers = ["derivation", "time", "agrees", "differs", "ambiguous", "proof", "slopes"]
    if verbose:
        headers.insert(1, "equations")
    text = table(headers, rows, width=None if verbose else TABLE_WIDTH)
    npassed = sum(1 for r in records if r["passed"])
    note = "slopes: measured/predicted per quantity; '!' marks a failed slope"
    if not verbose:
        note += "; --verbose: details"
    return f"{text}\n{npassed}/{len(records)} derivations proved\n({note})"


# --------------------------------------------------------------------------- commands
def cmd_list(args: argparse.Namespace) -> int:
    """``symseesaw list``: one line per registered derivation (``-v``: with summary)."""
    registry = load_registry()
    progress = Progress(args.quiet)
    if not registry:
        progress("no derivations registered")
        return EXIT_OK
    width = max(len(name) for name in registry)
    for name, module in registry.items():
        print(f"{name:<{width}}  {format_equations(getattr(module, 'EQUATIONS', []))}")
        if args.verbose and getattr(module, "SUMMARY", ""):
            print(f"{'':<{width}}  {one_line(module.SUMMARY)}")
    return EXIT_OK


def _result_paths(args: argparse.Namespace, target: Target
                  ) -> tuple[Path | None, Path | None]:
    """``--json`` and ``--latex``, checked before the derivation starts."""
    json_path = target.output(args.json, "--json")
    latex_path = target.output(args.latex, "--latex")
    if json_path and latex_path and json_path.resolve() == latex_path.resolve():
        raise UsageError("--json and --latex name the same file")
    return json_path, latex_path


def _render(result: Any, target: Target, json_path: Path | None,
            latex_path: Path | None) -> dict[Path, str]:
    """The JSON and LaTeX texts of ``result`` for the paths asked for."""
    from symseesaw.modelfile import blocks_to_json, blocks_to_latex
    from symseesaw.output.json_io import result_to_json
    from symseesaw.output.latex import result_to_latex

    blocks = _is_blocks(result)
    names = target.latex_names(result, None)
    texts: dict[Path, str] = {}
    if json_path is not None:
        texts[json_path] = json_text(blocks_to_json(result) if blocks
                                     else result_to_json(result, latex_names=names))
    if latex_path is not None:
        texts[latex_path] = (blocks_to_latex(result, names) if blocks
                             else result_to_latex(result, latex_names=names))
    return texts


def cmd_derive(args: argparse.Namespace) -> int:
    """``symseesaw derive``: derive NAME or --model FILE, print it, write --json/--latex."""
    target = resolve(args)
    paths = _result_paths(args, target)
    result = target.derive()
    blocks = _is_blocks(result)
    print(format_blocks_summary(result) if blocks else format_result_summary(result))
    target.write(_render(result, target, *paths))
    if not blocks and args.check and verdict_counts(result.comparisons)["differs"]:
        return EXIT_FAILED
    return EXIT_OK


def cmd_prove(args: argparse.Namespace) -> int:
    """``symseesaw prove``: derive, prove the orders; exit 1 when the proof fails."""
    target = resolve(args)
    paths = _result_paths(args, target)
    result = target.derive()
    report = target.prove(result, args.dps)
    print(format_proof(report))
    target.write(_render(with_proof(result, report), target, *paths))
    return EXIT_OK if report.passed else EXIT_FAILED


def run_reproduce(
    registry: Mapping[str, ModuleType],
    names: Sequence[str],
    json_dir: Path | None = None,
    latex_dir: Path | None = None,
    dps: int | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> list[dict[str, Any]]:
    """Derive and prove each named derivation; return one summary record per derivation.

    Records have keys ``name``, ``equations``, ``seconds``, ``result`` (or
    None), ``report`` (or None), ``error`` (one line or None), ``counts``
    (verdict counter) and ``passed``.  An engine error in one derivation is
    recorded and the others go on.
    """
    progress = progress or Progress()
    records = []
    total = len(names)
    bar = progress.bar(total, "reproduce")
    for i, name in enumerate(names, 1):
        target = Target(name, module=registry[name], label=f"[{i}/{total}] {name}:",
                        progress=progress, force=force)
        record: dict[str, Any] = {
            "name": name, "equations": list(getattr(target.module, "EQUATIONS", [])),
            "result": None, "report": None, "error": None, "counts": verdict_counts([]),
            "passed": False,
        }
        start = time.perf_counter()
        try:
            result = target.derive()
            record["counts"] = verdict_counts(result.comparisons)
            report = target.prove(result, dps)
            result = with_proof(result, report)
            record.update(result=result, report=report, passed=bool(report.passed))
        except UsageError:
            raise
        except Exception as exc:  # one broken derivation must not hide the others
            record["error"] = f"{type(exc).__name__}: {one_line(exc)}"
            progress(f"{target.label} ERROR {record['error']}")
        record["seconds"] = time.perf_counter() - start
        if record["result"] is not None:
            stem = file_stem(name)
            target.write(_render(record["result"], target,
                                 json_dir / f"{stem}.json" if json_dir else None,
                                 latex_dir / f"{stem}.tex" if latex_dir else None))
            status = "PASS" if record["passed"] else "FAIL"
            progress(f"{target.label} {status} in {record['seconds']:.1f} s")
        records.append(record)
        bar.update(1)
    bar.close()
    return records


def cmd_reproduce(args: argparse.Namespace) -> int:
    """``symseesaw reproduce``: derive and prove every (or each named) derivation."""
    registry = load_registry()
    names = list(args.names) if args.names else list(registry)
    for name in names:
        lookup(registry, name)
    json_dir = check_output_dir(args.json_dir, "--json-dir") if args.json_dir else None
    latex_dir = check_output_dir(args.latex_dir, "--latex-dir") if args.latex_dir else None
    records = run_reproduce(registry, names, json_dir, latex_dir, args.dps,
                            Progress(args.quiet), force=args.force)
    print(format_reproduce(records, verbose=args.verbose))
    failed = not records or any(not r["passed"] for r in records)
    if args.check and any(r["counts"]["differs"] for r in records):
        failed = True
    return EXIT_FAILED if failed else EXIT_OK
