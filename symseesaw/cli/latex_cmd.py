"""Command ``latex``: paper-ready LaTeX of a derivation or a model, optionally a PNG preview."""

from __future__ import annotations

import argparse
import sys

from symseesaw.cli._common import EXIT_OK, ToolError
from symseesaw.cli._target import resolve


def cmd_latex(args: argparse.Namespace) -> int:
    """``symseesaw latex``: print or write the LaTeX fragment; --png renders a preview."""
    from symseesaw.modelfile import BlocksModelResult, blocks_to_latex
    from symseesaw.output.latex import LatexError, render_png_bytes, result_to_latex

    target = resolve(args)
    out_path = target.output(args.out, "--out")
    png_path = target.output(args.png, "--png", suffix=".png")
    result = target.derive()
    names = target.latex_names(result, args.name_map)
    if isinstance(result, BlocksModelResult):
        text = blocks_to_latex(result, names)
    else:
        text = result_to_latex(result, latex_names=names, split=args.split,
                               max_width=args.max_width)
    outputs: dict = {}
    if out_path is not None:
        outputs[out_path] = text
    if png_path is not None:
        with target.progress.step(f"{target.label} rendering {png_path} (pdflatex, pdftoppm)"):
            try:
                outputs[png_path] = render_png_bytes(text, dpi=args.dpi)
            except LatexError as exc:
                raise ToolError(str(exc)) from exc
    if not outputs:
        sys.stdout.write(text)
    target.write(outputs)
    return EXIT_OK
