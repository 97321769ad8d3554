"""LaTeX names of symbols given by users, checked before they reach a document.

A name such as ``m_2^{(0)}``, ``y'_\\tau`` or ``\\tilde{\\mu}`` is copied into
LaTeX output as it is, so it must not carry commands that read files or
change the document (``\\input``, ``\\def``, ``\\catcode``, ...).  Only a
whitelist of mathematical commands and characters is accepted.
"""

from __future__ import annotations

import re

__all__ = ["ALLOWED_COMMANDS", "MAX_NAME_LENGTH", "check_latex_name"]

#: Longest LaTeX name accepted.
MAX_NAME_LENGTH = 100

_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
    "nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
    "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
).split()
_DECORATIONS = (
    "prime bar hat tilde vec dot ddot check breve acute grave widehat widetilde overline "
    "underline mathrm mathbf mathit mathcal mathsf mathtt boldsymbol text textrm operatorname "
    "ell hbar dagger ast star pm mp cdot times prime partial nabla infty"
).split()
#: Commands a LaTeX name may use (everything else, e.g. ``\input``, is refused).
ALLOWED_COMMANDS = frozenset(_GREEK + _DECORATIONS)
_ALLOWED_CHARS = re.compile(r"^[A-Za-z0-9 _^{}()\[\]'+\-,.;:|/*<>=!\\]*$")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


def check_latex_name(text: str) -> str:
    """Return ``text`` stripped if it is a safe LaTeX name; else raise ``ValueError``.

    Parameters
    ----------
    text : str
        LaTeX of one symbol, e.g. ``"m_2^{(0)}"`` or ``"y'_\\tau"``.

    Raises
    ------
    ValueError
        A one-line message naming the offending command or character.
    """
    name = str(text).strip()
    if not name:
        raise ValueError("empty LaTeX name")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"LaTeX name longer than {MAX_NAME_LENGTH} characters")
    if not _ALLOWED_CHARS.match(name):
        bad = next(ch for ch in name if not _ALLOWED_CHARS.match(ch))
        raise ValueError(f"LaTeX name {name[:40]!r} contains {bad!r}; allowed are letters, "
                         "digits, _ ^ { } ( ) ' and a whitelist of math commands")
    for match in _COMMAND.finditer(name):
        command = match.group(1)
        if command not in ALLOWED_COMMANDS and command not in {",", " ", "!", ";"}:
            raise ValueError(f"LaTeX name {name[:40]!r} uses \\{command}, which is not allowed "
                             "in a symbol name (allowed: Greek letters, accents such as \\bar, "
                             "\\hat, \\tilde, \\prime, and \\mathrm-style fonts)")
    depth = 0
    for ch in name:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            break
    if depth != 0:
        raise ValueError(f"LaTeX name {name[:40]!r} has unbalanced braces")
    return name
