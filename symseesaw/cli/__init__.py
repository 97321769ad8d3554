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
from collections.abc import Sequence
from typing import Any

from symseesaw.cli._common import (
    EPILOG,
    EXIT_FAILED,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TOOL,
    EXIT_USAGE,
    MAX_DPS,
    MAX_ORDER,
    MIN_DPS,
    Parser,
    ToolError,
    UsageError,
    bounded_int,
    dps_type,
    format_equations,
    one_line,
    parse_orders,
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


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true",
                        help="no status lines or progress display on stderr")
    common.add_argument("--debug", action="store_true",
                        help="show the Python traceback of an internal error")
    return common


def _writer_options() -> argparse.ArgumentParser:
    writer = argparse.ArgumentParser(add_help=False)
    writer.add_argument("--force", action="store_true",
                        help="replace an existing read-only file, symlink or input file")
    return writer


def _target(p: argparse.ArgumentParser, model: bool = True) -> None:
    p.add_argument("name", metavar="NAME", nargs="?" if model else None,
                   help="derivation name (see 'symseesaw list')")
    if model:
        p.add_argument("--model", metavar="FILE",
                       help="a model file (TOML, format symseesaw-model/1; see "
                       "docs/model-format.md) instead of NAME")


def _order(p: argparse.ArgumentParser) -> None:
    p.add_argument("--order", metavar="NAME=N[,NAME=N...]", action="append",
                   help=f"order kept per small parameter, 0 (leading order) to {MAX_ORDER}, "
                   "e.g. epsilon_1=2 (default: the derivation's or model's own)")


def _outputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", metavar="FILE",
                   help="write the result as JSON (schema symseesaw-derivation/1)")
    p.add_argument("--latex", metavar="FILE", help="write a LaTeX fragment for \\input")


def _dps(p: argparse.ArgumentParser, text: str) -> None:
    p.add_argument("--dps", type=dps_type(), metavar="N",
                   help=f"{text} ({MIN_DPS} to {MAX_DPS} decimal digits; full-mode proofs "
                   "need enough for their scan and say how many, blocks-mode proofs accept "
                   "15 to 2000)")


def build_parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    common, writer = _common_options(), _writer_options()
    parser = Parser(
        prog="symseesaw",
        description=_desc("Symbolic perturbative seesaw expansions (sympy), proved "
                          "numerically (mpmath)."),
        epilog=EPILOG, formatter_class=fmt,
    )
    parser.add_argument("--version", action="version", version=f"symseesaw {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help_text: str, description: str, parents: list,
                epilog: str = EPILOG) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=_desc(description),
                              epilog=epilog, formatter_class=fmt, parents=parents)

    p = command("list", "list the registered derivations and their equations",
                "List the registered derivations, one per line: name, then the printed "
                "equations it reproduces.", [common])
    p.add_argument("-v", "--verbose", action="store_true", help="also print each summary")
    p.set_defaults(func=cmd_list)

    p = command("derive", "derive one expansion (a derivation or a model file)",
                "Derive one expansion symbolically (a registered derivation NAME or a model "
                "file --model FILE), print the mixing matrix, the masses and the comparison "
                "with the printed equations; a model in mode = \"blocks\" prints the light "
                "and heavy effective mass matrices, W, Theta and eta (N N^dagger = 1 - 2 eta).",
                [common, writer])
    _target(p)
    _order(p)
    _outputs(p)
    p.add_argument("--check", action="store_true",
                   help="exit with code 1 if any comparison 'differs' (default: report only)")
    p.set_defaults(func=cmd_derive)

    p = command("prove", "derive, then prove the orders numerically",
                "Derive one expansion (NAME or --model FILE), then measure the convergence "
                "slopes of its residuals against exact mpmath diagonalization (blocks mode: "
                "singular values of the blocks and W against an exact block diagonalization).",
                [common, writer])
    _target(p)
    _dps(p, "mpmath working precision (default: the derivation's own, 50 for a model)")
    _order(p)
    _outputs(p)
    p.set_defaults(func=cmd_prove)

    p = command("reproduce", "derive and prove every registered derivation",
                "Derive and prove every registered derivation (or the named ones) and print "
                "a summary table that fits 100 columns (--verbose: every detail).",
                [common, writer])
    p.add_argument("names", metavar="NAME", nargs="*", help="only these derivations (default: all)")
    p.add_argument("--json-dir", metavar="DIR",
                   help="write NAME.json for each derivation (DIR must exist)")
    p.add_argument("--latex-dir", metavar="DIR",
                   help="write NAME.tex for each derivation (DIR must exist)")
    _dps(p, "mpmath working precision for every proof")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="wide table with the equations and every slope")
    p.add_argument("--check", action="store_true",
                   help="also exit with code 1 if any comparison 'differs'")
    p.set_defaults(func=cmd_reproduce)

    p = command("check", "check your own formulas (U, masses, entries)",
                "Check the claims of FILE (mixing matrix, masses or single entries, in sympy "
                "syntax or LaTeX) entry by entry: against a registered derivation (--against "
                "NAME, re-derived at higher order when a claim goes beyond it, up to "
                "--max-order), against a model file (--model FILE), or against the seesaw "
                "expansion of a mass matrix (--matrix FILE --light N --order eps=2).",
                [common, writer], epilog=CLAIMS_HELP + "\n" + EPILOG)
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
    _order(p)
    p.set_defaults(func=cmd_check)

    p = command("audit", "write an errata report (Markdown, LaTeX, JSON)",
                "Derive NAME and write NAME-audit.md, NAME-audit.tex and NAME-audit.json "
                "(schema symseesaw-audit/1) into --out-dir, replacing the three together: "
                "one verdict per printed entry of the paper.", [common, writer])
    _target(p, model=False)
    p.add_argument("--out-dir", metavar="DIR", default=".",
                   help="existing directory for the three files (default: current directory)")
    p.add_argument("--check", action="store_true",
                   help="exit with code 1 if any comparison 'differs'")
    _order(p)
    p.set_defaults(func=cmd_audit)

    p = command("latex", "paper-ready LaTeX, optionally a PNG preview",
                "Derive NAME (or --model FILE) and print (or write with --out) a LaTeX "
                "fragment for \\input (needs amsmath): pmatrix, split by order or by "
                "monomial, entry by entry when too wide, long sums broken across lines and "
                "pages. --png renders a preview with pdflatex and 'pdftoppm -png'.",
                [common, writer])
    _target(p)
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
    _order(p)
    p.set_defaults(func=cmd_latex)
    return parser


def _error(message: object) -> None:
    print(f"symseesaw: error: {one_line(message)}", file=sys.stderr)


#: Control characters (C0 except tab, newline and carriage return; DEL; C1): a name
#: from a model file or a path must not drive the terminal (ESC sequences).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _escape_controls(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class _SafeStream:
    """``sys.stdout``/``sys.stderr`` that escapes control characters and survives a
    closed pipe (``... | head -1``).

    Everything printed passes :func:`_escape_controls` (user text such as a
    model's name reaches the terminal as ``\\x1b``, never as an escape
    sequence).  Once the reader has gone, further output is dropped (the stream
    is pointed at the null device) and the command goes on: its files are still
    written and its exit code is its own, never "proof failed".
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def _drop_output(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        self._stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

    def write(self, text: str) -> int:
        try:
            return self._stream.write(_escape_controls(text))
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
        return int(args.func(args))
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
