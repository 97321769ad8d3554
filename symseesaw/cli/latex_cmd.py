"""Command ``latex``: paper-ready LaTeX of a derivation or a model, optionally a PNG preview."""

from __future__ import annotations

import argparse
import sys

from symseesaw.cli._common import (
    EXIT_OK,
    Progress,
    ToolError,
    check_output,
    write_files,
)
from symseesaw.cli._target import resolve


def cmd_latex(args: argparse.Namespace) -> int:
    """``symseesaw latex``: print or write the LaTeX fragment; --png renders a preview."""
    from symseesaw.output.latex import LatexError, render_png_bytes, result_to_latex

    target = resolve(args)
    progress = Progress(args.quiet)
    inputs = target.inputs
    out_path = (check_output(args.out, "--out", force=args.force, inputs=inputs)
                if args.out else None)
    png_path = (check_output(args.png, "--png", force=args.force, inputs=inputs,
                             suffix=".png") if args.png else None)
    result = target.derive(progress)
    names = target.latex_names(result, args.name_map)
    from symseesaw.modelfile import BlocksModelResult, blocks_to_latex

    if isinstance(result, BlocksModelResult):
        text = blocks_to_latex(result, names)
    else:
        text = result_to_latex(result, latex_names=names, split=args.split,
                               max_width=args.max_width)
    outputs: dict = {}
    if out_path is not None:
        outputs[out_path] = text
    if png_path is not None:
        with progress.step(f"{target.label} rendering {png_path} (pdflatex, pdftoppm)"):
            try:
                outputs[png_path] = render_png_bytes(text, dpi=args.dpi)
            except LatexError as exc:
                raise ToolError(str(exc)) from exc
    if not outputs:
        sys.stdout.write(text)
    write_files(outputs, progress, force=args.force, inputs=inputs)
    return EXIT_OK
