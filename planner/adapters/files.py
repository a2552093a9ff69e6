"""Write files so that a failure never leaves a half-written or destroyed file behind.

Temporary file in the same directory, flush and fsync, then ``os.replace``: readers see the
old file or the new one, never a mix, and a full disk leaves the old file untouched.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from planner.errors import PlannerError


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; ``-`` writes to stdout."""
    if str(path) == "-":
        # Past the command line's control-character guard (a wrapper with ``.raw``): the
        # user asked for this file's exact content on stdout.
        out = getattr(sys.stdout, "raw", sys.stdout)
        out.write(text)
        out.flush()
        return
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
            fh.write(text)
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
