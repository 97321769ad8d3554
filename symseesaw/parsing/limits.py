"""Limits on user input, checked before any work starts, and the error they raise.

Every reader of user text (formulas, matrices, claim files, ``--order``) goes
through these checks so that hostile or accidental input ends in one clear
line (:class:`InputError`, which the CLI maps to exit code 2) instead of a
traceback, a hang or a wrong answer:

* size: :data:`MAX_FILE_BYTES` per file (read at most that many bytes, so
  ``/dev/zero`` and a 50 MB file stop at once), :data:`MAX_LENGTH` characters
  per formula, :data:`MAX_NODES` syntax nodes (terms and factors) per formula;
* nesting: :data:`MAX_DEPTH` for parentheses, braces, JSON arrays/objects;
  :data:`MAX_UNARY_RUN` consecutive signs (``- - - x``);
* numbers: exponents of at most :data:`MAX_EXPONENT` in absolute value,
  integer powers of sums up to :data:`MAX_SUM_POWER`, exact numbers of at
  most :data:`MAX_NUMBER_BITS` bits (checked *before* the power is computed,
  so ``2**(9999*9999*9999)`` and ``2^{10000}^{10000}`` fail at once); no
  NaN or infinity;
* orders of small parameters between 0 and :data:`MAX_ORDER_VALUE`, and the
  work they imply (matrix size and truncation) at most :data:`MAX_WORK_ESTIMATE`
  unless the caller opts out (``allow_slow=True``, ``--allow-slow``);
  precision (``dps``) between :data:`MIN_DPS` and :data:`MAX_DPS`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import sympy as sp

__all__ = [
    "MAX_DEPTH",
    "MAX_DPS",
    "MAX_EXPONENT",
    "MAX_FILE_BYTES",
    "MAX_LENGTH",
    "MAX_NODES",
    "MAX_NUMBER_BITS",
    "MAX_ORDER_VALUE",
    "MAX_SUM_POWER",
    "MAX_UNARY_RUN",
    "MAX_WORK_ESTIMATE",
    "MIN_DPS",
    "InputError",
    "bounded_pow",
    "check_dps",
    "check_finite",
    "check_nesting",
    "check_number",
    "check_order_value",
    "check_text",
    "parse_orders",
    "read_text_file",
]

#: Largest file read from a user (bytes): claim files, matrix files.
MAX_FILE_BYTES = 2_000_000
#: Longest single formula or matrix (characters).
MAX_LENGTH = 200_000
#: Most syntax nodes (numbers, names, operators) in one formula.
MAX_NODES = 20_000
#: Deepest nesting of parentheses, braces, environments or JSON containers.
MAX_DEPTH = 100
#: Most consecutive ``+``/``-`` signs.
MAX_UNARY_RUN = 8
#: Largest exponent (absolute value) of a power.
MAX_EXPONENT = 1_000
#: Largest integer power of a sum (``(1 + eps)**N``), which the series algebra expands.
MAX_SUM_POWER = 64
#: Largest exact number (bits of numerator or denominator); below Python's 4300-digit
#: limit for printing integers, so every accepted number can be shown in a message.
MAX_NUMBER_BITS = 12_000
#: Largest decimal exponent or digit count of a number literal.
MAX_LITERAL_DIGITS = 1_000
#: Largest order of a small parameter.
MAX_ORDER_VALUE = 50
#: Largest up-front work estimate of an expansion (``size**3`` times the pairs of
#: small-parameter monomials of the working truncation, see
#: :func:`symseesaw.api._planning.work_estimate`); above it an expansion is refused
#: unless ``allow_slow=True`` / ``--allow-slow``.
MAX_WORK_ESTIMATE = 10_000_000
#: Working precision (decimal digits) accepted for numerical proofs.
MIN_DPS, MAX_DPS = 10, 10_000


class InputError(ValueError):
    """User input that cannot be read: malformed, unknown names, or over a limit.

    The message is one line naming the problem and the fix; the CLI prints it
    and exits with code 2.
    """


def check_text(text: Any, what: str = "formula", max_length: int = MAX_LENGTH) -> str:
    """Return ``text`` without a UTF-8 byte-order mark, or raise :class:`InputError`.

    Parameters
    ----------
    text : str
        The user's text.
    what : str
        What the text is, for the message (``"formula"``, ``"claim file"``).
    max_length : int
        Most characters accepted.
    """
    if not isinstance(text, str):
        raise InputError(f"expected the {what} as text, got {type(text).__name__}")
    text = text.lstrip("\ufeff")
    if len(text) > max_length:
        raise InputError(
            f"{what} too long ({len(text)} characters, limit {max_length}); "
            "split it into smaller claims"
        )
    if "\x00" in text:
        raise InputError(f"{what} contains NUL bytes: is it a binary file?")
    return text


def read_text_file(path: str | Path, what: str = "file",
                   max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file of at most ``max_bytes`` bytes (a leading BOM is dropped).

    At most ``max_bytes + 1`` bytes are read, so devices (``/dev/zero``) and
    huge files fail at once.

    Raises
    ------
    InputError
        Too large, binary or not UTF-8.
    OSError
        The file cannot be opened.
    """
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            f"{what} {str(path)!r} is larger than {max_bytes} bytes; "
            "is it the right file? (split large claim sets into several files)"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} {str(path)!r} is not UTF-8 text ({exc.reason} at byte "
                         f"{exc.start})") from None
    return check_text(text, what, max_length=max_bytes)


_OPEN, _CLOSE = "([{", ")]}"


def check_nesting(text: str, what: str = "formula", max_depth: int = MAX_DEPTH,
                  max_unary_run: int | None = MAX_UNARY_RUN) -> None:
    """Raise :class:`InputError` if brackets nest deeper than ``max_depth``
    or more than ``max_unary_run`` signs follow each other.

    Runs in one pass over the text, before any parser sees it (parsers and
    ``json`` recurse on nesting).
    """
    depth = deepest = 0
    run = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
            if deepest > max_depth:
                raise InputError(
                    f"{what} nested too deeply (more than {max_depth} levels of brackets)"
                )
        elif ch in _CLOSE:
            depth -= 1
        if max_unary_run is not None:
            if ch in "+-":
                run += 1
                if run > max_unary_run:
                    raise InputError(
                        f"{what} has more than {max_unary_run} signs in a row; "
                        "write the sign once"
                    )
            elif not ch.isspace():
                run = 0


def _bits(number: sp.Rational) -> int:
    return max(int(number.p).bit_length(), int(number.q).bit_length())


def check_finite(value: Any, what: str = "formula") -> Any:
    """Raise :class:`InputError` if ``value`` contains NaN, infinity or a division by zero."""
    if isinstance(value, sp.MatrixBase):
        for entry in value:
            check_finite(entry, what)
        return value
    if isinstance(value, sp.Basic):
        if value.has(sp.zoo):
            raise InputError(f"{what} divides by zero")
        if value.has(sp.nan, sp.oo, -sp.oo):
            raise InputError(f"{what} contains NaN or infinity; use finite numbers")
        for atom in value.atoms(sp.Float):
            if not math.isfinite(float(atom)):
                raise InputError(f"{what} contains NaN or infinity; use finite numbers")
    return value


def check_number(number: Any, what: str = "formula") -> Any:
    """Raise :class:`InputError` if an exact number has more than :data:`MAX_NUMBER_BITS` bits."""
    if isinstance(number, sp.Rational) and _bits(number) > MAX_NUMBER_BITS:
        raise InputError(f"{what}: number too large (over {MAX_NUMBER_BITS} bits)")
    return number


def bounded_pow(base: Any, exponent: Any, what: str = "formula") -> Any:
    """``base**exponent`` after checking the result stays small; never computes a huge power.

    Rules: a numeric exponent is at most :data:`MAX_EXPONENT` in absolute
    value; an integer power of a sum at most :data:`MAX_SUM_POWER`; a power of
    an exact number at most :data:`MAX_NUMBER_BITS` bits; the exponent itself
    contains no power (``a**b**c``).
    """
    if isinstance(exponent, sp.Basic) and exponent.has(sp.Pow) and not exponent.is_Number:
        pows = [p for p in exponent.atoms(sp.Pow) if not (p.exp.is_Rational and p.exp.q == 2)]
        if pows:
            raise InputError(f"{what}: nested exponents (a**b**c) are not supported")
    if isinstance(exponent, sp.Number):
        if not exponent.is_finite:
            raise InputError(f"{what}: infinite exponent")
        if abs(exponent) > MAX_EXPONENT:
            raise InputError(
                f"{what}: exponent {_short(exponent)} too large (limit {MAX_EXPONENT})"
            )
        if isinstance(base, sp.Add) and exponent.is_Integer and abs(exponent) > MAX_SUM_POWER:
            raise InputError(
                f"{what}: power {exponent} of a sum too large (limit {MAX_SUM_POWER}); "
                "expand it to the order you need"
            )
        if isinstance(base, sp.Rational) and exponent.is_Rational:
            bits = _bits(base) * abs(int(exponent.p))
            if bits > MAX_NUMBER_BITS:
                raise InputError(
                    f"{what}: {_short(base)}**{_short(exponent)} too large "
                    f"(over {MAX_NUMBER_BITS} bits)"
                )
    result = base**exponent
    if isinstance(result, sp.Basic):
        check_finite(result, what)
    return result


def _short(value: Any) -> str:
    if isinstance(value, sp.Rational) and _bits(value) > 1_000:
        return f"(a number of {_bits(value)} bits)"
    text = str(value)
    return text if len(text) <= 30 else text[:12] + "..." + text[-8:]


def check_order_value(name: str, value: Any, what: str = "order") -> int:
    """Validate one order: an integer (not bool) in ``[0, MAX_ORDER_VALUE]``.

    A string of digits (``"2"``, ``"-1"``) is read as the integer it writes; a
    long one is refused before ``int()`` converts it.
    """
    shown = value
    if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]+\s*", value):
        shown, negative = value.strip(), value.strip().startswith("-")
        size = len(shown) - negative
        if size > 6:
            shown = f"a {size}-digit {'negative ' * negative}number"
        value = int(value) if size <= 6 else (-1 if negative else MAX_ORDER_VALUE + 1)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(
            f"{what} of {name!r} must be a non-negative integer, got {value!r}"
        )
    if value < 0:
        raise InputError(f"{what} of {name!r} must be >= 0 (0 is the leading order), got {shown}")
    if value > MAX_ORDER_VALUE:
        raise _order_too_large(what, name, shown)
    return value


def _order_too_large(what: str, name: str, shown: Any) -> InputError:
    """The one message for an order above :data:`MAX_ORDER_VALUE`."""
    return InputError(f"{what} of {name!r} is {shown}; the limit is {MAX_ORDER_VALUE}")


_ORDER_ITEM = re.compile(r"^\s*([^\s=,]+)\s*=\s*(\S+)\s*$")


def parse_orders(text: str | Sequence[str] | None, what: str = "--order") -> dict[str, int]:
    """Parse ``"epsilon_1=2, epsilon_2=1"`` into ``{"epsilon_1": 2, "epsilon_2": 1}``.

    The one order parser of the project (CLI ``--order``, ``order:`` lines of
    claim files).  ``text`` may be a list of such strings (a repeated option).

    Raises
    ------
    InputError
        Malformed item, a name given twice, an order that is negative, not an
        integer, or above :data:`MAX_ORDER_VALUE`.
    """
    if text is None:
        return {}
    items: Iterable[str] = [text] if isinstance(text, str) else text
    orders: dict[str, int] = {}
    for value in items:
        value = check_text(value, what, max_length=10_000)
        for item in value.split(","):
            match = _ORDER_ITEM.match(item)
            if not match:
                raise InputError(
                    f"malformed {what} item {item.strip()[:40]!r}: expected NAME=N[, NAME=N...] "
                    "with N a non-negative integer"
                )
            name, number = match.group(1), match.group(2)
            if not re.fullmatch(r"-?[0-9]+", number):
                raise InputError(
                    f"{what} of {name!r} must be a non-negative integer, got {number[:20]!r}"
                )
            if name in orders:
                raise InputError(f"{what} gives {name!r} twice")
            orders[name] = check_order_value(name, number, what)
    return orders


def check_dps(dps: Any, what: str = "--dps") -> int:
    """Validate a working precision in decimal digits (``MIN_DPS <= dps <= MAX_DPS``)."""
    if isinstance(dps, bool) or not isinstance(dps, int):
        raise InputError(f"{what} must be an integer number of digits, got {dps!r}")
    if not MIN_DPS <= dps <= MAX_DPS:
        raise InputError(f"{what} must be between {MIN_DPS} and {MAX_DPS} digits, got {dps}")
    return dps
