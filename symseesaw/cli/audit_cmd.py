"""Command ``audit``: an errata report (Markdown, LaTeX, JSON) replaced as one group."""

from __future__ import annotations

import argparse

from symseesaw.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    check_output_dir,
    counts_text,
    file_stem,
    json_text,
    one_line,
    verdict_counts,
)
from symseesaw.cli._target import resolve


def cmd_audit(args: argparse.Namespace) -> int:
    """``symseesaw audit``: write NAME-audit.{md,tex,json} into --out-dir, all or none."""
    from symseesaw.output.audit import audit_to_json, audit_to_latex, audit_to_markdown

    target = resolve(args)
    out_dir = check_output_dir(args.out_dir, "--out-dir")
    stem = file_stem(target.name)
    paths = {kind: out_dir / f"{stem}-audit.{kind}" for kind in ("md", "tex", "json")}
    for path in paths.values():  # refuse before the (slow) derivation
        target.output(path, "--out-dir")
    result = target.derive()
    source = target.source
    try:
        texts = {
            paths["md"]: audit_to_markdown(result, source=source),
            paths["tex"]: audit_to_latex(result, source=source,
                                         latex_names=target.latex_names(result, None)),
            paths["json"]: json_text(audit_to_json(result, source=source)),
        }
    except ValueError as exc:
        raise UsageError(f"{target.name}: {one_line(exc)}") from exc
    target.write(texts)
    counts = verdict_counts(result.comparisons)
    print(f"{target.name}: {counts_text(counts)}")  # "wrote ..." went to stderr, like derive
    if args.check and counts["differs"]:
        return EXIT_FAILED
    return EXIT_OK
