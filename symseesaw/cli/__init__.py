"""Command line interface: ``symseesaw list | derive | prove | reproduce | check | audit | latex``.

A thin layer: each command (one module per group) calls library functions and
formats their results.  Every command is reachable in-process through
:func:`main`, which returns the exit code instead of exiting:

====  =====================================================================
code  meaning
====  =====================================================================
0     success
1     the answer is "no": a proof failed or a comparison differs
2     usage error or bad input (one line on stderr naming problem and fix)
3     internal error (a bug; ``--debug`` shows the traceback)
4     an external tool (pdflatex, pdftoppm) is missing or failed
130   interrupted
====  =====================================================================

No traceback reaches the user unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import textwrap
import traceback
from collections.abc import Callable, Sequence
from typing import Any

from symseesaw.cli._common import (
    EPILOG,
    EXIT_FAILED,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TOOL,
    EXIT_USAGE,
    MAX_ORDER,
    Parser,
    ToolError,
    UsageError,
    add_dps,
    add_order,
    add_result_files,
    add_target,
    bounded_int,
    escape_controls,
    force_option,
    format_equations,
    one_line,
    parse_orders,
    run_command,
    status_options,
    verdict_counts,
)
from symseesaw.cli.audit_cmd import cmd_audit
from symseesaw.cli.check_cmd import CLAIMS_HELP, cmd_check, format_comparisons
from symseesaw.cli.derive import (
    cmd_derive,
    cmd_list,
    cmd_prove,
    cmd_reproduce,
    format_proof,
    format_reproduce,
    format_result_summary,
    format_slopes,
    run_reproduce,
)
from symseesaw.cli.latex_cmd import cmd_latex

__all__ = [
    "EXIT_FAILED", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_TOOL", "EXIT_USAGE",
    "ToolError", "UsageError", "build_parser", "format_comparisons", "format_equations",
    "format_proof", "format_reproduce", "format_result_summary", "format_slopes", "main",
    "parse_orders", "run_reproduce", "verdict_counts",
]


def _version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("symseesaw")
    except (ImportError, PackageNotFoundError):
        return "0.1.0 (not installed)"


def _desc(text: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=79)


#: What each command does (the text of its --help), by name.
_DESCRIPTIONS = {
    "list": (
        "List the registered derivations, one per line: name, then the printed "
        "equations it reproduces."
    ),
    "derive": (
        "Derive one expansion symbolically (a registered derivation NAME or a model "
        "file --model FILE), print the mixing matrix, the masses and the comparison "
        "with the printed equations; a model in mode = \"blocks\" prints the light "
        "and heavy effective mass matrices, W, Theta and eta (N N^dagger = 1 - 2 eta)."
    ),
    "prove": (
        "Derive one expansion (NAME or --model FILE), then measure the convergence "
        "slopes of its residuals against exact mpmath diagonalization (blocks mode: "
        "singular values of the blocks and W against an exact block diagonalization)."
    ),
    "reproduce": (
        "Derive and prove every registered derivation (or the named ones) and print "
        "a summary table that fits 100 columns (--verbose: every detail)."
    ),
    "check": (
        "Check the claims of FILE (mixing matrix, masses or single entries, in sympy "
        "syntax or LaTeX) entry by entry: against a registered derivation (--against "
        "NAME, re-derived at higher order when a claim goes beyond it, up to "
        "--max-order), against a model file (--model FILE), or against the seesaw "
        "expansion of a mass matrix (--matrix FILE --light N --order eps=2)."
    ),
    "audit": (
        "Derive NAME and write NAME-audit.md, NAME-audit.tex and NAME-audit.json "
        "(schema symseesaw-audit/1) into --out-dir, replacing the three together: "
        "one verdict per printed entry of the paper."
    ),
    "latex": (
        "Derive NAME (or --model FILE) and print (or write with --out) a LaTeX "
        "fragment for \\input (needs amsmath): pmatrix, split by order or by "
        "monomial, entry by entry when too wide, long sums broken across lines and "
        "pages. --png renders a preview with pdflatex and 'pdftoppm -png'."
    ),
}


def build_parser() -> argparse.ArgumentParser:
    """The ``symseesaw`` parser: one sub-command per library service, options by group."""
    fmt = argparse.RawDescriptionHelpFormatter
    status, force = status_options(), force_option()
    parser = Parser(
        prog="symseesaw",
        description=_desc("Symbolic perturbative seesaw expansions (sympy), proved "
                          "numerically (mpmath)."),
        epilog=EPILOG, formatter_class=fmt,
    )
    parser.add_argument("--version", action="version", version=f"symseesaw {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, func: Callable[[argparse.Namespace], int], help_text: str, *,
                writes: bool = True, epilog: str = EPILOG) -> argparse.ArgumentParser:
        """Sub-command ``name`` running ``func``; ``writes``: it takes ``--force``."""
        parents = [status, force] if writes else [status]
        p = sub.add_parser(name, help=help_text, description=_desc(_DESCRIPTIONS[name]),
                           epilog=epilog, formatter_class=fmt, parents=parents)
        p.set_defaults(func=func)
        return p

    p = command("list", cmd_list, "list the registered derivations and their equations",
                writes=False)
    p.add_argument("-v", "--verbose", action="store_true", help="also print each summary")

    p = command("derive", cmd_derive, "derive one expansion (a derivation or a model file)")
    add_target(p)
    add_order(p)
    add_result_files(p)
    p.add_argument("--check", action="store_true",
                   help="exit with code 1 if any comparison 'differs' (default: report only)")

    p = command("prove", cmd_prove, "derive, then prove the orders numerically")
    add_target(p)
    add_dps(p, "mpmath working precision (default: the derivation's own, 50 for a model)")
    add_order(p)
    add_result_files(p)

    p = command("reproduce", cmd_reproduce, "derive and prove every registered derivation")
    p.add_argument("names", metavar="NAME", nargs="*", help="only these derivations (default: all)")
    p.add_argument("--json-dir", metavar="DIR",
                   help="write NAME.json for each derivation (DIR must exist)")
    p.add_argument("--latex-dir", metavar="DIR",
                   help="write NAME.tex for each derivation (DIR must exist)")
    add_dps(p, "mpmath working precision for every proof")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="wide table with the equations and every slope")
    p.add_argument("--check", action="store_true",
                   help="also exit with code 1 if any comparison 'differs'")

    p = command("check", cmd_check, "check your own formulas (U, masses, entries)",
                epilog=CLAIMS_HELP + "\n" + EPILOG)
    p.add_argument("file", metavar="FILE", help="claim file (text format or JSON)")
    p.add_argument("--against", metavar="NAME", help="registered derivation (see 'list')")
    p.add_argument("--model", metavar="MODELFILE",
                   help="model file (TOML, docs/model-format.md)")
    p.add_argument("--matrix", metavar="MATRIXFILE",
                   help="mass matrix file (LaTeX pmatrix or sympy [[...]]) for model-free mode")
    p.add_argument("--light", type=bounded_int(1, 100, "--light"), metavar="N",
                   help="number of light states (with --matrix)")
    p.add_argument("--light-basis", metavar="FILE",
                   help="leading-order basis of the light block (matrix file; with --matrix)")
    p.add_argument("--complex", metavar="NAMES",
                   help="comma-separated symbols of the matrix that are complex "
                   "(default: all positive)")
    p.add_argument("--convention", choices=("UT_M_U", "Udag_M_Ustar"),
                   help="convention of the claimed U (default UT_M_U)")
    p.add_argument("--max-order", type=bounded_int(1, MAX_ORDER, "--max-order"), default=6,
                   metavar="N", help="re-derive automatically up to this order (default 6)")
    p.add_argument("--json", metavar="FILE",
                   help="write the verdicts as JSON (schema symseesaw-audit/1)")
    add_order(p)

    p = command("audit", cmd_audit, "write an errata report (Markdown, LaTeX, JSON)")
    add_target(p, model=False)
    p.add_argument("--out-dir", metavar="DIR", default=".",
                   help="existing directory for the three files (default: current directory)")
    p.add_argument("--check", action="store_true",
                   help="exit with code 1 if any comparison 'differs'")
    add_order(p)

    p = command("latex", cmd_latex, "paper-ready LaTeX, optionally a PNG preview")
    add_target(p)
    p.add_argument("--out", metavar="FILE", help="write the fragment to FILE (atomically)")
    p.add_argument("--png", metavar="FILE.png", help="render a PNG preview to FILE.png")
    p.add_argument("--dpi", type=bounded_int(20, 1200, "--dpi"), default=150, metavar="N",
                   help="PNG resolution (default 150)")
    p.add_argument("--split", choices=("order", "monomial", "none"), default="order",
                   help="U = U_0 + dU^(1) + ... (order), one matrix per monomial, or whole")
    p.add_argument("--max-width", type=bounded_int(20, 10_000, "--max-width"), default=180,
                   metavar="N", help="print matrices entry by entry (and break sums) above "
                   "this estimated width (characters of LaTeX per row; default 180)")
    p.add_argument("--name", dest="name_map", action="append", metavar="SYMBOL=LATEX",
                   help="LaTeX name of a symbol, e.g. --name \"m_2^(0)=m_2^{(0)}\" "
                   "(repeatable; only math: letters, scripts, Greek, accents)")
    add_order(p)
    return parser


def _error(message: object) -> None:
    print(f"symseesaw: error: {one_line(message)}", file=sys.stderr)


class _SafeStream:
    """``sys.stdout``/``sys.stderr`` that escapes control characters and survives a
    closed pipe (``... | head -1``).

    Everything printed passes :func:`~symseesaw.cli._common.escape_controls` (user text such as a
    model's name reaches the terminal as ``\\x1b``, never as an escape
    sequence).  Once the reader has gone, further output is dropped (the stream
    is pointed at the null device) and the command goes on: its files are still
    written and its exit code is its own, never "proof failed".
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    @property
    def raw(self) -> Any:
        """The wrapped stream, for a writer that emits its own controls (tqdm's cursor moves)."""
        return self._stream

    def _drop_output(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        self._stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

    def write(self, text: str) -> int:
        try:
            return self._stream.write(escape_controls(text))
        except BrokenPipeError:
            self._drop_output()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._drop_output()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SafeStream(stdout), _SafeStream(stderr)
    try:
        return _main(argv)
    finally:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
        sys.stdout, sys.stderr = stdout, stderr


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        return run_command(args)  # cross-branch: honours --allow-slow (cost-guard)
    except UsageError as exc:
        _error(exc)
        return EXIT_USAGE
    except ToolError as exc:
        _error(exc)
        return EXIT_TOOL
    except SystemExit as exc:  # --help / --version
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except KeyboardInterrupt:
        print("symseesaw: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except MemoryError:
        _error("out of memory: the input is too large for this machine (reduce the orders "
               "or the model's size)")
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into exit 3
        if debug:
            traceback.print_exc()
        print(f"symseesaw: internal error: {type(exc).__name__}: {one_line(exc)[:300]} "
              "(a bug in symseesaw; rerun with --debug for the traceback and report it)",
              file=sys.stderr)
        return EXIT_INTERNAL
