"""Safe file output: atomic, never over something the user did not mean to replace.

Every write goes through :func:`write_atomic` (one file) or
:func:`write_atomic_group` (several files that belong together, such as an
audit's ``.md``, ``.tex`` and ``.json``).  Before any byte is written,
:func:`check_output_path` refuses

- a missing output directory (it is never created silently),
- a directory where a file is expected,
- an existing special file (device, FIFO, socket), even with ``force``,
- an existing symlink, an existing read-only file, or one of the command's
  input files, unless ``force=True`` (the CLI's ``--force``).

One file
--------
The data go to an anonymous temporary file (Linux ``O_TMPFILE``: it has no
name, so a crash or ``SIGKILL`` while writing leaves nothing behind), which is
fsync'ed, given a hidden name and moved over the target with
:func:`os.replace`.  Readers see the old file or the new one.

Several files: a journaled transaction
--------------------------------------
POSIX has no rename of several files at once, so a group is replaced under a
journal, a hidden file ``.symseesaw-<hash>.journal`` beside the first target
(its name is a hash of the group's targets):

1. every file's data are written and fsync'ed (anonymously);
2. the journal is written in state ``prepared``, naming every temporary file
   and every backup (a hard link to each existing target);
3. the temporaries and backups get their names; the journal is rewritten in
   state ``committed`` (one atomic rename: the commit point);
4. each temporary is renamed over its target; then the backups and the
   journal are removed.

An error or ``KeyboardInterrupt`` before the commit point leaves every target
untouched; one after it restores every target from its backup (a target that
did not exist is removed).  Either way no temporary, backup or journal
remains.  After a ``SIGKILL`` (or a power cut) the journal says what to do:
:func:`recover_pending` completes a committed group (renames the temporaries
left) or undoes a prepared one (removes them), then removes the backups and
the journal.  It runs before every group write into the same directory and
before :func:`symseesaw.output.audit.read_audit` reads an audit.

The guarantee, precisely: **through symseesaw** (a later write, or
``read_audit``) a group is seen all old or all new, never mixed.  A program
that reads the files directly right after a ``SIGKILL`` that hit step 4 may see
a mixed set until the next symseesaw call in that directory; such a set is
always flagged by the presence of the journal.  A journal whose writer is
still running (its process id is alive) is left alone, so two symseesaw
processes do not undo each other's writes.  Without ``O_TMPFILE`` (not Linux)
a ``SIGKILL`` during step 1 can leave a hidden ``.NAME.*.tmp``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "OutputIsDirectoryError",
    "UnsafeOutputError",
    "check_output_path",
    "recover_pending",
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
    if target.exists() and not target.is_file():
        # A device, FIFO or socket: os.replace would swap it for a regular file
        # (``--json /dev/null`` run as root replaced /dev/null); never, even with force.
        raise UnsafeOutputError(
            f"{str(target)!r} is not a regular file (a device, FIFO or socket); refusing "
            "to replace it, with or without --force (choose a regular file path)"
        )
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


def _name(pending: _Pending, name: str | None = None) -> None:
    """Give an anonymous temporary file its hidden name (needed by ``os.replace``)."""
    if pending.fd is None:
        return
    name = name or _hidden_name(pending.target)
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


JOURNAL_FORMAT = "symseesaw-journal/1"
_JOURNAL_GLOB = ".symseesaw-*.journal"


def _journal_path(targets: list[Path]) -> Path:
    """The group's journal: beside the first target, named by a hash of all targets."""
    names = sorted(os.path.abspath(t) for t in targets)
    digest = hashlib.sha256("\0".join(names).encode()).hexdigest()[:16]
    return Path(names[0]).parent / f".symseesaw-{digest}.journal"


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace_one(target: Path, data: bytes) -> None:
    """Replace one file atomically: anonymous data, a hidden name, one rename."""
    pending = _write_data(target, data)
    try:
        _name(pending)
        assert pending.tmp_name is not None
        os.replace(pending.tmp_name, target)
        pending.tmp_name = None
    finally:
        _discard(pending)


def _write_journal(path: Path, state: str, files: list[dict]) -> None:
    doc = {"format": JOURNAL_FORMAT, "state": state, "pid": os.getpid(), "files": files}
    _replace_one(path, json.dumps(doc).encode())
    _fsync_dir(path.parent)


def _unlink(name: str | None) -> None:
    if name:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


def _backup(target: str, backup: str) -> None:
    """A second name for the old target (a hard link; a copy where links are unsupported)."""
    try:
        os.link(target, backup, follow_symlinks=False)
    except OSError:
        shutil.copy2(target, backup, follow_symlinks=False)


def _roll_back(files: list[dict]) -> None:
    """Restore every target from its backup; remove the targets that did not exist.

    Idempotent: a target not yet replaced gets its own old content back (the
    backup is a second name of the same data); a restored backup is gone.
    """
    for f in files:
        if not f["backup"]:
            _unlink(f["target"])
        elif os.path.lexists(f["backup"]):
            os.replace(f["backup"], f["target"])


def _finish(journal: Path, files: list[dict]) -> None:
    for f in files:
        _unlink(f["temp"])
        _unlink(f["backup"])
    _unlink(str(journal))
    for directory in {Path(f["target"]).parent for f in files}:
        _fsync_dir(directory)


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_pending(directory: PathLike) -> list[Path]:
    """Complete or undo the groups a killed writer left in ``directory``.

    A journal in state ``committed`` is rolled forward (every temporary still
    there is renamed over its target: the group is all new); one in state
    ``prepared`` is dropped (the targets were never touched: all old); one in
    state ``rolling back`` (an error after the commit point) is rolled back
    from the backups (all old).  Backups, the journal and any stale
    hidden journal temporary are removed.  Journals of a live writer are
    skipped; unreadable journals are left for the user to inspect.

    Parameters
    ----------
    directory : path-like

    Returns
    -------
    list of pathlib.Path
        The journals that were processed.
    """
    folder = Path(directory)
    done = []
    for stale in folder.glob(_JOURNAL_GLOB + ".*.tmp"):
        _unlink(str(stale))
    for journal in sorted(folder.glob(_JOURNAL_GLOB)):
        try:
            doc = json.loads(journal.read_text(encoding="utf-8"))
            files, state = doc["files"], doc["state"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if doc.get("format") != JOURNAL_FORMAT or _alive(doc.get("pid")):
            continue
        if state == "committed":
            for f in files:
                if os.path.lexists(f["temp"]):
                    os.replace(f["temp"], f["target"])
        elif state == "rolling back":
            _roll_back(files)
        _finish(journal, files)
        done.append(journal)
    return done


def write_atomic_group(
    paths_to_text: Mapping[PathLike, str | bytes],
    *,
    encoding: str = "utf-8",
    force: bool = False,
    inputs: Iterable[PathLike] = (),
) -> list[Path]:
    """Replace several files together: all of them or, on any error, none.

    Every target is checked (:func:`check_output_path`) and every file's data
    are written and fsync'ed before the first target is replaced; the targets
    are then replaced under a journal (module docstring): on an error or
    ``KeyboardInterrupt`` every target keeps its old content, after a
    ``SIGKILL`` :func:`recover_pending` completes or undoes the group.  No
    temporary, backup or journal file remains after a return or an exception.

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
        Writing failed (every target keeps its old content).
    """
    inputs = list(inputs)
    items = [(check_output_path(p, force=force, inputs=inputs), t)
             for p, t in paths_to_text.items()]
    targets = [p for p, _ in items]
    if len({os.path.abspath(p) for p in targets}) != len(targets):
        raise UnsafeOutputError("the same output file is named twice")
    for directory in {p.parent for p in targets}:
        recover_pending(directory)
    if len(items) == 1:  # one rename is atomic by itself: no journal needed
        _replace_one(targets[0], _as_bytes(items[0][1], encoding))
        return targets
    journal = _journal_path(targets)
    pending: list[_Pending] = []
    files = [{"target": os.path.abspath(t), "temp": _hidden_name(t),
              "backup": (str(t.parent / f".{t.name}.{secrets.token_hex(4)}.bak")
                         if os.path.lexists(t) else None)} for t in targets]
    committed, clean = False, True
    try:
        for target, text in items:
            pending.append(_write_data(target, _as_bytes(text, encoding)))
        _write_journal(journal, "prepared", files)
        for p, f in zip(pending, files, strict=True):
            _name(p, f["temp"])
            if f["backup"]:
                _backup(f["target"], f["backup"])
        _write_journal(journal, "committed", files)
        committed = True
        for f in files:
            os.replace(f["temp"], f["target"])
    except BaseException:
        if committed:
            with contextlib.suppress(OSError):  # best effort: the disk may be full
                _write_journal(journal, "rolling back", files)
            clean = False  # a failed roll back keeps the journal and backups for recovery
            _roll_back(files)
            clean = True
        raise
    finally:
        for p in pending:
            _discard(p)
        if clean:
            _finish(journal, files)
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

    Returns the path written; raises :class:`UnsafeOutputError` when ``path``
    must not be written (see :func:`check_output_path`) and ``OSError`` when
    writing failed (``path`` is then untouched).
    """
    return write_atomic_group({path: text}, encoding=encoding, force=force, inputs=inputs)[0]
