"""A SQLite workspace file read with the standard library alone, read-only.

Why a module of its own: some questions are asked of the workspace before it is opened,
or instead of opening it (does the user's own workspace hold a plan, which catalog
directories it remembers); opening it through ``db`` would import SQLAlchemy, a third of a
short command's start-up. What a ``--db`` value names as a file, the lock timeout, and the
read-only connection that writes nothing (no header change, no WAL file made from an
immutable one) are kept here, once, for ``db`` and for those questions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["BUSY_TIMEOUT_S", "first_row", "workspace_file"]

BUSY_TIMEOUT_S = 30.0  # a writer's lock, waited for by every connection to a workspace


def workspace_file(db: str | Path) -> Path | None:
    """The file a ``--db`` value names, absolute; None for a URL (which ``db.to_url``
    passes through as it is)."""
    text = str(db)
    return None if "://" in text else Path(text).expanduser().resolve()


def first_row(
    path: Path, sql: str, params: Sequence[Any] = (), *, timeout: float = BUSY_TIMEOUT_S
) -> tuple[Any, ...] | None:
    """The first row ``sql`` gives on the SQLite file at ``path``, read through a
    read-only connection; None when there is none. ``sqlite3.Error`` when the file cannot
    be read so (not a database, no such table, locked past ``timeout``): the caller
    decides what that means."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=timeout)
    try:
        row: tuple[Any, ...] | None = connection.execute(sql, params).fetchone()
        return row
    finally:
        connection.close()
