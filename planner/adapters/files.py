"""Write files so that a failure never leaves a half-written or destroyed file behind.

Temporary file in the same directory, flush and fsync, then ``os.replace``: readers see the
old file or the new one, never a mix, and a full disk leaves the old file untouched.

And never over something that is not an export: ``-o ws.sqlite`` once replaced a workspace
with YAML, ``--csv ws.sqlite.key`` destroyed the pseudonym key, and as root ``-o /dev/full``
replaced the device with a regular file. :func:`refuse_target` lets a rename land only on
nothing or on a regular file that is not a database, its journal or a key.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from planner.errors import InputError, PlannerError

_SQLITE = b"SQLite format 3\x00"
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_JOURNAL_MAGIC = b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7"
_KEY = re.compile(rb"\A[0-9a-f]{64}\s*\Z")


def _head(path: Path, size: int = 100) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def check_input_file(path: Path) -> None:
    """InputError naming what ``path`` is when it is not a regular file to read: a directory,
    a FIFO or a device is not "no such file" (and reading a FIFO could block forever)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", file=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from exc
    refuse_non_regular(path, info.st_mode)


def refuse_non_regular(path: Path, mode: int) -> None:
    """InputError naming what ``path`` is when it is not a regular file."""
    kinds = (
        (stat.S_ISLNK, "a symbolic link: give the real file's path"),
        (stat.S_ISDIR, "a directory: give a file"),
        (stat.S_ISFIFO, "a named pipe (FIFO): give a regular file"),
    )
    for test, what in kinds:
        if test(mode):
            raise InputError(f"is {what}", file=str(path))
    if not stat.S_ISREG(mode):
        raise InputError("is a device or special file: give a regular file", file=str(path))


def refuse_target(path: Path) -> None:
    """Raise InputError unless ``path`` is absent or a regular file an export may replace."""
    try:
        info = path.lstat()
    except OSError:
        return  # nothing there (or not reachable): the write itself says why it fails
    refuse_non_regular(path, info.st_mode)
    head = _head(path)
    name = path.name
    if head.startswith(_SQLITE):
        raise InputError("is a database (a workspace?): refusing to overwrite it", file=str(path))
    for suffix in ("-wal", "-shm", "-journal"):
        owner = path.with_name(name[: -len(suffix)]) if name.endswith(suffix) else None
        if owner is not None and _head(owner, len(_SQLITE)) == _SQLITE:
            raise InputError(f"belongs to the database {owner.name}: refusing", file=str(path))
    if head[:4] in _WAL_MAGIC or head.startswith(_JOURNAL_MAGIC):
        raise InputError("is a database journal: refusing to overwrite it", file=str(path))
    if name.endswith(".key") and _KEY.match(head):
        raise InputError("is a pseudonym key: refusing to overwrite it", file=str(path))


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; ``-`` writes to stdout. ``text``
    may come in parts (a large export is written as it is produced, never held whole);
    if producing a part fails, the file is left as it was."""
    parts = (text,) if isinstance(text, str) else text
    if str(path) == "-":
        # Past the command line's control-character guard (a wrapper with ``.raw``): the
        # user asked for this file's exact content on stdout.
        out = getattr(sys.stdout, "raw", sys.stdout)
        for part in parts:
            out.write(part)
        out.flush()
        return
    refuse_target(path)
    directory = path.parent if str(path.parent) else Path()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise PlannerError(f"{path}: cannot write: {exc.strerror}") from exc
    try:
        # mkstemp makes the file 0600; give it the mode the file had, or the usual one.
        Path(tmp).chmod(_mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for part in parts:
                fh.write(part)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise PlannerError(f"{path}: cannot write: {exc.strerror}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def replace_quietly(target: Path, data: bytes, *, durable: bool = True) -> bool:
    """Replace ``target`` with ``data`` atomically (a temporary file beside it, renamed),
    ``durable``: synced to disk first; False, leaving no temporary file, when the disk says
    no. For caches, which a failed write must never turn into an error."""
    directory = target.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=directory)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        Path(tmp).replace(target)
    except OSError:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        return False
    return True


def writable_folder(folder: Path) -> Path:
    """``folder`` made if missing, and proven writable by writing a scratch file in it
    (permission bits lie on network shares and read-only mounts); InputError in one line
    otherwise. Returns the folder's absolute path."""
    if folder.exists() and not folder.is_dir():
        raise InputError("is a file, not a folder", file=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        what = "cannot create the folder" if not folder.is_dir() else "cannot write in it"
        raise InputError(f"{what}: {exc.strerror}", file=str(folder)) from None
    return folder.resolve()
