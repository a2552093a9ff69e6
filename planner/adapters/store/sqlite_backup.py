"""A consistent copy of a SQLite workspace, kept beside it before its schema is upgraded.

A raw file copy is not consistent: committed transactions may still sit in the ``-wal``
file. The copy is made with SQLite's online backup API from a separate read-only
connection, while the upgrading connection holds the write lock (``BEGIN IMMEDIATE``) and
has changed nothing yet, so the copy is exactly the last committed state. (Backing up
from the upgrading connection itself would wait forever on its own write transaction.)
The copy is one file (journal mode DELETE), readable by its owner only, like the workspace.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from planner.adapters.store.sqlite_file import BUSY_TIMEOUT_S


def backup_name(path: Path, label: str) -> Path:
    """``NAME.bak-LABEL``, or ``NAME.bak-LABEL-2``… when an older copy already has it."""
    target = path.with_name(f"{path.name}.bak-{label}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.bak-{label}-{n}")
    return target


def backup_beside(path: Path, label: str) -> Path:
    """Copy the database at ``path`` to :func:`backup_name` and return where it went."""
    target = backup_name(path, label)
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
        finally:
            source.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


_SUFFIX = re.compile(r"\.bak-[A-Za-z0-9_]+(-[0-9]+)?")


def upgrade_backups(workspace: Path) -> list[Path]:
    """The upgrade backups of the workspace file at ``workspace``, oldest name first."""
    prefix = workspace.name
    try:
        names = [p for p in workspace.parent.iterdir() if p.name.startswith(prefix + ".bak-")]
    except OSError:
        return []
    return sorted(p for p in names if _SUFFIX.fullmatch(p.name[len(prefix) :]) and p.is_file())
