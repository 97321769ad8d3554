"""Safe file output: atomic, never over something the user did not mean to replace.

Every write goes through :func:`write_atomic` (one file) or
:func:`write_atomic_group` (several files that belong together, such as an
audit's ``.md``, ``.tex`` and ``.json``).  Before any byte is written,
:func:`check_output_path` refuses

- a missing output directory (it is never created silently),
- a directory where a file is expected,
- an existing symlink, an existing read-only file, or one of the command's
  input files, unless ``force=True`` (the CLI's ``--force``).

The data go to an anonymous temporary file (Linux ``O_TMPFILE``: it has no
name, so a crash or ``SIGKILL`` while writing leaves nothing behind), which is
fsync'ed, given a hidden name and moved over the target with
:func:`os.replace`.  Where ``O_TMPFILE`` is unavailable a named temporary file
is used and removed on every error, ``KeyboardInterrupt`` included.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "OutputIsDirectoryError",
    "UnsafeOutputError",
    "check_output_path",
    "write_atomic",
    "write_atomic_group",
]

PathLike = str | os.PathLike[str]


class UnsafeOutputError(ValueError):
    """An output path that must not be written (missing directory, symlink, read-only, input)."""


class OutputIsDirectoryError(UnsafeOutputError, IsADirectoryError):
    """The output path names a directory, not a file."""


def _new_file_mode(target: Path) -> int:
    """Permission bits for ``target``: keep an existing file's, else honour the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _writable(target: Path) -> bool:
    """False for a file without write permission bits (also when running as root)."""
    return bool(target.stat().st_mode & 0o222) and os.access(target, os.W_OK)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output_path(
    path: PathLike, *, force: bool = False, inputs: Iterable[PathLike] = ()
) -> Path:
    """Validate ``path`` as an output file before any work is done; return it.

    Parameters
    ----------
    path : path-like
        The file to be written.
    force : bool
        Allow replacing an existing symlink (the link itself is replaced, never
        its target), a read-only file, or an input file.
    inputs : iterable of path-like
        Files the command reads; writing over one of them needs ``force``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    UnsafeOutputError
        One line naming the problem and the fix.
    """
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise UnsafeOutputError(
            f"output directory {str(parent)!r} of {str(target)!r} does not exist "
            "(create it first; symseesaw never creates directories)"
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UnsafeOutputError(f"output directory {str(parent)!r} is not writable")
    if target.is_symlink():
        if not force:
            raise UnsafeOutputError(
                f"{str(target)!r} is a symlink; refusing to replace it (use --force, "
                "which replaces the link itself, or choose another file)"
            )
        return target
    if target.is_dir():
        raise OutputIsDirectoryError(f"{str(target)!r} is a directory, expected a file name")
    if target.exists() and not force:
        if any(_same_file(target, Path(p)) for p in inputs):
            raise UnsafeOutputError(
                f"{str(target)!r} is an input file of this command; refusing to overwrite "
                "it (choose another output file or use --force)"
            )
        if not _writable(target):
            raise UnsafeOutputError(
                f"{str(target)!r} is read-only; refusing to overwrite it (use --force "
                "or choose another file)"
            )
    return target


@dataclass
class _Pending:
    """Data written and fsync'ed, not yet visible under the target's name."""

    target: Path
    fd: int | None  # an O_TMPFILE descriptor, or None once it has a name
    tmp_name: str | None  # the hidden name (set by _name)


def _hidden_name(target: Path) -> str:
    return str(target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp")


def _write_data(target: Path, data: bytes) -> _Pending:
    """Write ``data`` into a temporary file beside ``target`` (anonymous where possible)."""
    mode = _new_file_mode(target)
    # An anonymous file needs O_TMPFILE and /proc/self/fd (to give it a name later).
    tmpfile_flag = getattr(os, "O_TMPFILE", 0) if os.path.isdir("/proc/self/fd") else 0
    fd = -1
    if tmpfile_flag:
        try:
            fd = os.open(target.parent, tmpfile_flag | os.O_WRONLY, mode)
        except OSError:  # file system without O_TMPFILE support
            fd = -1
    pending = _Pending(target, None, None)
    if fd < 0:
        pending.tmp_name = _hidden_name(target)
        fd = os.open(pending.tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    else:
        pending.fd = fd
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        os.fchmod(fd, mode)
    except BaseException:
        _discard(pending)
        raise
    if pending.tmp_name is not None:
        os.close(fd)
    return pending


def _name(pending: _Pending) -> None:
    """Give an anonymous temporary file its hidden name (needed by ``os.replace``)."""
    if pending.fd is None:
        return
    name = _hidden_name(pending.target)
    # linkat(AT_SYMLINK_FOLLOW) through /proc/self/fd; src_dir_fd forces linkat
    # (os.link would otherwise call link(), which does not follow the /proc link).
    proc_fd = os.open("/proc/self/fd", os.O_RDONLY)
    try:
        os.link(str(pending.fd), name, src_dir_fd=proc_fd, follow_symlinks=True)
    finally:
        os.close(proc_fd)
    pending.tmp_name = name
    os.close(pending.fd)
    pending.fd = None


def _discard(pending: _Pending) -> None:
    if pending.fd is not None:
        with contextlib.suppress(OSError):
            os.close(pending.fd)
        pending.fd = None
    if pending.tmp_name is not None:
        with contextlib.suppress(OSError):
            os.unlink(pending.tmp_name)
        pending.tmp_name = None


def _as_bytes(text: str | bytes, encoding: str) -> bytes:
    return text.encode(encoding) if isinstance(text, str) else bytes(text)


def write_atomic_group(
    paths_to_text: Mapping[PathLike, str | bytes],
    *,
    encoding: str = "utf-8",
    force: bool = False,
    inputs: Iterable[PathLike] = (),
) -> list[Path]:
    """Replace several files together: all of them or, on any error, none.

    Every target is checked (:func:`check_output_path`) and every file's data
    are written and fsync'ed to temporary files before the first target is
    replaced; on an error (or ``KeyboardInterrupt``) up to that point no
    target is touched and no temporary file remains.  The replacements are
    then consecutive :func:`os.replace` calls.

    Parameters
    ----------
    paths_to_text : mapping
        Target path -> text (``str``, encoded with ``encoding``) or bytes.
    encoding : str
    force, inputs
        See :func:`check_output_path`.

    Returns
    -------
    list of pathlib.Path
        The targets, in the mapping's order.

    Raises
    ------
    UnsafeOutputError
        A target must not be written (nothing was written).
    OSError
        Writing failed (nothing was replaced).
    """
    inputs = list(inputs)
    items = [(check_output_path(p, force=force, inputs=inputs), t)
             for p, t in paths_to_text.items()]
    targets = [p for p, _ in items]
    if len({os.path.abspath(p) for p in targets}) != len(targets):
        raise UnsafeOutputError("the same output file is named twice")
    pending: list[_Pending] = []
    try:
        for target, text in items:
            pending.append(_write_data(target, _as_bytes(text, encoding)))
        for p in pending:
            _name(p)
        for p in pending:
            assert p.tmp_name is not None
            os.replace(p.tmp_name, p.target)
            p.tmp_name = None
    finally:
        for p in pending:
            _discard(p)
    return targets


def write_atomic(
    path: PathLike,
    text: str | bytes,
    encoding: str = "utf-8",
    *,
    force: bool = False,
    inputs: Iterable[PathLike] = (),
) -> Path:
    """Write ``text`` to ``path`` atomically and return the path.

    Readers see the old file or the new one, never a mixture; no temporary
    file is left behind.  The output directory must exist.

    Parameters
    ----------
    path : path-like
    text : str or bytes
    encoding : str
    force, inputs
        See :func:`check_output_path`.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    UnsafeOutputError
        ``path`` must not be written (see :func:`check_output_path`).
    OSError
        Writing failed; ``path`` is untouched.
    """
    return write_atomic_group({path: text}, encoding=encoding, force=force, inputs=inputs)[0]
