"""What every command shares: exit codes, errors, limits, option parsing, progress, tables."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from symseesaw.parsing.limits import MAX_DPS, MAX_ORDER_VALUE, MIN_DPS, InputError
from symseesaw.parsing.limits import parse_orders as parse_orders_text
from symseesaw.result import VERDICTS, headline_comparisons

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_TOOL = 4
EXIT_INTERRUPTED = 130

#: Bounds checked before any work starts (one set for the project: symseesaw.parsing.limits).
MAX_ORDER = MAX_ORDER_VALUE
MAX_INPUT_BYTES = 1_000_000
#: Width the summary tables must fit (columns).
TABLE_WIDTH = 100

EPILOG = """\
exit codes:
  0  success
  1  the answer is "no": a proof failed, a comparison differs (with --check),
     or 'check' found a claim that differs or could not be verified to its order
  2  usage error or bad input (unknown derivation, malformed option, model or
     claim file, limit exceeded, unsafe output path); one line on stderr
  3  internal error (a bug in symseesaw: please report it; --debug shows the
     traceback)
  4  an external tool (pdflatex, pdftoppm) is missing or failed
  130 interrupted (Ctrl-C); no partial output file is left behind

documentation: README.md and docs/ (checking.md, model-format.md, models/)
in the symseesaw repository and its source distribution; 'symseesaw COMMAND
--help' for each command.
"""


class UsageError(Exception):
    """A mistake of the user: reported as one line on stderr, exit code 2."""


class ToolError(Exception):
    """An external program (pdflatex, pdftoppm) is missing or failed: exit code 4."""


class Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors become :class:`UsageError` (one line, no usage dump)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


# --------------------------------------------------------------------------- progress
#: Control characters (C0 except tab, newline and carriage return; DEL; C1): a name
#: from a model file or a path must not drive the terminal (ESC sequences).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape_controls(text: str) -> str:
    """``text`` with every control character written as ``\\xNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class Progress:
    """Status on stderr: one line per step (unless ``--quiet``), plus a live
    ``tqdm`` display of the elapsed time when stderr is a terminal."""

    def __init__(self, quiet: bool = False, stream: Any = None) -> None:
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.live = not quiet and bool(isatty and isatty())
        # tqdm draws with cursor controls: it writes past the escaping stream
        self._tqdm_stream = getattr(self.stream, "raw", self.stream)

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(message, file=self.stream, flush=True)

    @contextlib.contextmanager
    def step(self, message: str) -> Iterator[None]:
        """Announce ``message``; on a terminal, show a ticking timer until the step ends."""
        if not self.live:
            self(message)
            yield
            return
        from tqdm import tqdm

        bar = tqdm(total=None, desc=escape_controls(message), file=self._tqdm_stream, leave=False,
                   bar_format="{desc} [{elapsed}]", dynamic_ncols=True)
        stop = threading.Event()

        def tick() -> None:
            while not stop.wait(0.5):
                bar.refresh()

        ticker = threading.Thread(target=tick, daemon=True)
        ticker.start()
        start = time.perf_counter()
        try:
            yield
        finally:
            stop.set()
            ticker.join()
            bar.close()
            print(f"{message} ({time.perf_counter() - start:.1f} s)", file=self.stream,
                  flush=True)

    def bar(self, total: int, desc: str) -> Any:
        """A ``tqdm`` counter over ``total`` items (a no-op object when not live)."""
        from tqdm import tqdm

        return tqdm(total=total, desc=escape_controls(desc), file=self._tqdm_stream,
                    disable=not self.live,
                    leave=False, dynamic_ncols=True)


# --------------------------------------------------------------------------- registry
def load_registry() -> Mapping[str, ModuleType]:
    """The registered derivations (plug-ins, see :mod:`symseesaw.registry`)."""
    from symseesaw.registry import RegistryError
    from symseesaw.registry import load_registry as _load

    try:
        return _load()
    except RegistryError as exc:
        raise UsageError(str(exc)) from exc


def lookup(registry: Mapping[str, ModuleType], name: str) -> ModuleType:
    """The derivation ``name``, or a usage error listing the known names."""
    if name not in registry:
        known = ", ".join(registry) or "none"
        raise UsageError(f"unknown derivation {name!r} (known: {known}; see 'symseesaw list')")
    return registry[name]


# --------------------------------------------------------------------------- option groups
def status_options() -> argparse.ArgumentParser:
    """Parent parser of every command: ``-q/--quiet`` and ``--debug``."""
    status = argparse.ArgumentParser(add_help=False)
    status.add_argument("-q", "--quiet", action="store_true",
                        help="no status lines or progress display on stderr")
    status.add_argument("--debug", action="store_true",
                        help="show the Python traceback of an internal error")
    return status


def force_option() -> argparse.ArgumentParser:
    """Parent parser of the commands that write files: ``--force``."""
    writer = argparse.ArgumentParser(add_help=False)
    writer.add_argument("--force", action="store_true",
                        help="replace an existing read-only file, symlink or input file")
    return writer


def add_target(parser: argparse.ArgumentParser, *, model: bool = True) -> None:
    """``NAME`` (a registered derivation) and, with ``model``, ``--model FILE`` instead."""
    parser.add_argument("name", metavar="NAME", nargs="?" if model else None,
                        help="derivation name (see 'symseesaw list')")
    if model:
        parser.add_argument("--model", metavar="FILE",
                            help="a model file (TOML, format symseesaw-model/1; see "
                            "docs/model-format.md) instead of NAME")


def add_order(parser: argparse.ArgumentParser) -> None:
    """``--order NAME=N[,NAME=N...]`` (repeatable), read by :func:`parse_orders`."""
    parser.add_argument("--order", metavar="NAME=N[,NAME=N...]", action="append",
                        help=f"order kept per small parameter, 0 (leading order) to "
                        f"{MAX_ORDER}, e.g. epsilon_1=2 (default: the derivation's own, or "
                        "the model file's)")
    parser.add_argument("--allow-slow", action="store_true",
                        help="run an expansion estimated to take many minutes instead of "
                        "refusing it (the refusal names the estimate and the budget)")


def add_result_files(parser: argparse.ArgumentParser) -> None:
    """``--json FILE`` and ``--latex FILE``: the result written as JSON and LaTeX."""
    parser.add_argument("--json", metavar="FILE",
                        help="write the result as JSON (schema symseesaw-derivation/1)")
    parser.add_argument("--latex", metavar="FILE", help="write a LaTeX fragment for \\input")


def add_dps(parser: argparse.ArgumentParser, text: str) -> None:
    """``--dps N``, bounded by :func:`dps_type`; ``text`` says whose precision it is."""
    parser.add_argument("--dps", type=dps_type(), metavar="N",
                        # cross-branch: blocks-mode proofs share the full-mode dps range
                        help=f"{text} ({MIN_DPS} to {MAX_DPS} decimal digits; a proof "
                        "needs enough for its scan and says how many)")


def run_command(args: argparse.Namespace) -> int:
    """Run the parsed command; with ``--allow-slow``, inside :func:`symseesaw.api.slow_allowed`."""
    if not getattr(args, "allow_slow", False):
        return int(args.func(args))
    from symseesaw.api import slow_allowed

    with slow_allowed():
        return int(args.func(args))


# --------------------------------------------------------------------------- options
def parse_orders(values: Sequence[str] | None) -> dict[str, int] | None:
    """Parse ``--order epsilon=2,r_1=1`` (option may repeat) into ``{"epsilon": 2, "r_1": 1}``.

    Orders are integers from 0 (leading order) to :data:`MAX_ORDER`; the parsing is
    :func:`symseesaw.parsing.parse_orders`, the one order parser of the project.
    """
    if not values:
        return None
    try:
        return parse_orders_text(values)
    except InputError as exc:
        raise UsageError(str(exc)) from exc


def bounded_int(low: int, high: int, what: str) -> Any:
    """argparse type: an integer in ``[low, high]``."""

    def convert(text: str) -> int:
        if not re.fullmatch(r"\s*[+-]?[0-9]{1,12}\s*", text):
            raise argparse.ArgumentTypeError(f"invalid integer {text[:20]!r} for {what}")
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be from {low} to {high}, got {value}")
        return value

    return convert


def dps_type() -> Any:
    """argparse type of ``--dps``: decimal digits from :data:`MIN_DPS` to :data:`MAX_DPS`."""
    return bounded_int(MIN_DPS, MAX_DPS, "--dps (decimal digits)")


def check_input_file(path: str, what: str, limit: int = MAX_INPUT_BYTES) -> Path:
    """An existing regular file of at most ``limit`` bytes, checked before it is read."""
    target = Path(path)
    try:
        if not target.is_file():
            raise UsageError(f"{what} {path!r} does not exist or is not a file")
        size = target.stat().st_size
    except OSError as exc:
        raise UsageError(f"cannot read {what} {path!r}: {exc.strerror or exc}") from exc
    if size > limit:
        raise UsageError(f"{what} {path!r} has {size} bytes; at most {limit} are accepted")
    return target


def check_output(path: str | os.PathLike[str], what: str, *, force: bool = False,
                 inputs: Sequence[str | os.PathLike[str]] = (),
                 suffix: str | None = None) -> Path:
    """Fail early (before a long derivation) when ``path`` must not or cannot be written."""
    from symseesaw.output.atomic import UnsafeOutputError, check_output_path

    if suffix is not None and Path(path).suffix.lower() != suffix:
        raise UsageError(f"{what} {str(path)!r} must end in {suffix} (it writes {suffix[1:]} "
                         "data)")
    try:
        return check_output_path(path, force=force, inputs=inputs)
    except UnsafeOutputError as exc:
        raise UsageError(f"{what}: {exc}") from exc


def check_output_dir(path: str | os.PathLike[str], what: str) -> Path:
    """An existing, writable directory (never created here)."""
    target = Path(path)
    if not target.is_dir():
        raise UsageError(f"{what} {str(target)!r} is not an existing directory (create it "
                         "first; symseesaw never creates directories)")
    if not os.access(target, os.W_OK | os.X_OK):
        raise UsageError(f"{what} {str(target)!r} is not writable")
    return target


def write_files(paths_to_text: Mapping[Path, str | bytes], progress: Progress, *,
                force: bool = False, inputs: Sequence[str | os.PathLike[str]] = ()) -> None:
    """Write files together (all or none); errors become :class:`UsageError`."""
    from symseesaw.output.atomic import UnsafeOutputError, write_atomic_group

    if not paths_to_text:
        return
    try:
        written = write_atomic_group(paths_to_text, force=force, inputs=inputs)
    except UnsafeOutputError as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        names = ", ".join(repr(str(p)) for p in paths_to_text)
        raise UsageError(f"cannot write {names}: {exc.strerror or exc}") from exc
    for path in written:
        progress(f"wrote {path}")


# --------------------------------------------------------------------------- formatting
def format_equations(equations: Sequence[str]) -> str:
    """``["19", "20"]`` -> ``"Eqs. 19, 20"``; one equation -> ``"Eq. 19"``."""
    equations = [str(e) for e in equations]
    if not equations:
        return "(no equations)"
    return ("Eq. " if len(equations) == 1 else "Eqs. ") + ", ".join(equations)


def verdict_counts(comparisons: Sequence[Any]) -> Counter[str]:
    """Number of printed entries per verdict (every verdict present, possibly 0).

    An entry judged under several readings counts once, by its summary row
    (:func:`symseesaw.result.headline_comparisons`): headline counts are errata,
    not readings.
    """
    counts: Counter[str] = Counter({v: 0 for v in VERDICTS})
    counts.update(str(c.verdict) for c in headline_comparisons(comparisons, strict=False))
    return counts


def counts_text(counts: Counter[str]) -> str:
    """``"3 agrees, 1 differs, 0 ambiguous"``."""
    text = ", ".join(f"{counts[v]} {v}" for v in VERDICTS)
    others = {k: n for k, n in counts.items() if k not in VERDICTS}
    if others:
        text += ", " + ", ".join(f"{n} {k}" for k, n in sorted(others.items()))
    return text


def table(headers: Sequence[str], rows: Sequence[Sequence[object]],
          width: int | None = None) -> str:
    """Plain text table; with ``width``, the last column is shortened (``...``) to fit."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    if width is not None:
        room = width - sum(widths[:-1]) - 2 * (len(widths) - 1)
        room = max(room, len(headers[-1]))
        if widths[-1] > room:
            widths[-1] = room
            for r in cells:
                if len(r[-1]) > room:
                    r[-1] = r[-1][: room - 3] + "..."
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def order_text(order: Mapping[str, int] | None) -> str:
    """``{"eps": 2, "r": 1}`` -> ``"eps^2 * r^1"``; all zero -> ``"leading order"``."""
    if not order:
        return ""
    return " * ".join(f"{k}^{v}" for k, v in order.items() if v) or "leading order"


def terminal_columns() -> int:
    """Width of the terminal (100 when unknown)."""
    return shutil.get_terminal_size((TABLE_WIDTH, 24)).columns


def file_stem(name: str) -> str:
    """A file name stem made of ``name`` (unsafe characters become ``_``)."""
    return re.sub(r"[^\w.-]+", "_", name) or "derivation"


def json_text(document: Any) -> str:
    """``document`` as the JSON text every command writes (indented, UTF-8, no NaN)."""
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def one_line(text: object) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return " ".join(str(text).split())
