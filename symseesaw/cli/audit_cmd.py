"""Command ``audit``: an errata report (Markdown, LaTeX, JSON) replaced as one group."""

from __future__ import annotations

import argparse
import json

from symseesaw.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    Progress,
    UsageError,
    check_output,
    check_output_dir,
    counts_text,
    file_stem,
    one_line,
    verdict_counts,
    write_files,
)
from symseesaw.cli._target import resolve


def cmd_audit(args: argparse.Namespace) -> int:
    """``symseesaw audit``: write NAME-audit.{md,tex,json} into --out-dir, all or none."""
    from symseesaw.output.audit import audit_to_json, audit_to_latex, audit_to_markdown

    target = resolve(args)
    progress = Progress(args.quiet)
    out_dir = check_output_dir(args.out_dir, "--out-dir")
    stem = file_stem(target.name)
    paths = {kind: out_dir / f"{stem}-audit.{kind}" for kind in ("md", "tex", "json")}
    for path in paths.values():  # refuse before the (slow) derivation
        check_output(path, "--out-dir", force=args.force, inputs=target.inputs)
    result = target.derive(progress)
    source = target.source
    try:
        texts = {
            paths["md"]: audit_to_markdown(result, source=source),
            paths["tex"]: audit_to_latex(result, source=source,
                                         latex_names=target.latex_names(result, None)),
            paths["json"]: json.dumps(audit_to_json(result, source=source), indent=2,
                                      ensure_ascii=False, allow_nan=False) + "\n",
        }
    except ValueError as exc:
        raise UsageError(f"{target.name}: {one_line(exc)}") from exc
    write_files(texts, progress, force=args.force, inputs=target.inputs)
    counts = verdict_counts(result.comparisons)
    print(f"{target.name}: {counts_text(counts)}")  # "wrote ..." went to stderr, like derive
    if args.check and counts["differs"]:
        return EXIT_FAILED
    return EXIT_OK
