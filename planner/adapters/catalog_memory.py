"""The catalog directories a workspace was used with, remembered in the workspace.

A user's own products live in their own directories (``--catalog DIR``). Forgetting the
directory on the next command would quietly turn those tools into unknown products — no
capabilities, no deployment, a plan file that fails validation — so the workspace records
each directory it was used with (absolute path and a digest of the files read) under one
``planner_meta`` key, and later commands add them back when they are not given. A
directory that has gone, or whose files changed since, is a warning that says what to
check; only write commands record, so reading never changes a workspace.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.adapters.store.db import Workspace

KEY = "catalog_dirs"


def digest(directory: Path) -> str:
    """What the catalog reader reads in ``directory``: names and bytes, hashed."""
    from planner.adapters.catalog_files import files_read

    sha = hashlib.sha256()
    for path in files_read(directory):
        sha.update(path.name.encode() + b"\0")
        try:
            sha.update(path.read_bytes())
        except OSError:
            sha.update(b"\0unreadable")
        sha.update(b"\0")
    return sha.hexdigest()[:32]


def remembered(ws: Workspace) -> dict[Path, str]:
    """The directories the workspace records, each with its digest when last used."""
    from planner.adapters.store.reads import meta_value

    with ws.rows() as conn:  # Core: every command with a catalog asks, most only read
        return _entries(meta_value(conn, KEY))


def _entries(value: str | None) -> dict[Path, str]:
    """The directories and digests of the recorded ``value`` (JSON), if any."""
    if value is None:
        return {}
    try:
        entries = json.loads(value)
        return {Path(e["path"]): str(e["digest"]) for e in entries}
    except (ValueError, KeyError, TypeError):
        return {}  # written by hand or damaged: forget it rather than fail every command


def _remembered_in_file(path: Path | None) -> dict[Path, str] | None:
    """``remembered`` of the workspace file at ``path`` (``sqlite_file.workspace_file``
    of ``--db``), read through a read-only ``sqlite3`` connection: a command that needs
    the workspace for this alone (``plan validate``: the catalog only) then never imports
    SQLAlchemy, some 0.15 s of its 0.4 s start-up. None when ``--db`` was a URL (no
    ``path``), or the file is no workspace this can read (not a database, another
    application's, locked): the workspace, opened as usual, then says what is wrong."""
    import sqlite3

    from planner.adapters.store.sqlite_file import first_row

    if path is None:
        return None
    try:
        row = first_row(path, "SELECT value FROM planner_meta WHERE key = ?", (KEY,))
    except sqlite3.Error:
        return None
    return _entries(None if row is None else row[0])


def record(ws: Workspace, dirs: dict[Path, str]) -> None:
    from planner.adapters.store.tables import MetaRecord

    value = json.dumps([{"path": str(p), "digest": d} for p, d in dirs.items()])
    with ws.write() as session:
        meta = session.get(MetaRecord, KEY) or MetaRecord(key=KEY, value=value)
        meta.value = value
        session.add(meta)


def remember(ws: Workspace, given: tuple[Path, ...]) -> None:
    """Record the directories a write command was given (those still there), with the
    digest of what they hold now."""
    known = remembered(ws)
    now = {**known, **{path: digest(path) for path in given if path.is_dir()}}
    if now != known:
        record(ws, now)


def _workspace_exists(db: str, path: Path | None) -> bool:
    """Whether there is a workspace to read, without creating one (a server database is
    taken to exist: opening it says what is wrong). ``path``: the file ``db`` names
    (``sqlite_file.workspace_file``), None for a URL."""
    if path is None:  # a URL: a SQLite one names a file
        from planner.adapters.store.db import sqlite_path, to_url

        path = sqlite_path(to_url(db))
    return path is None or path.is_file()


def reconcile(
    db: str,
    workspace: Callable[[], Workspace],
    given: tuple[Path, ...],
    warn: Callable[[str], None],
    *,
    writes: bool,
) -> tuple[Path, ...]:
    """The directories to load: ``given`` first, then the remembered ones still there.
    Warns about a remembered directory that is missing or changed; a command that
    ``writes`` records ``given`` and the new digests. ``workspace`` opens the workspace at
    ``db`` (only when there is one: reading the catalog never creates a workspace)."""
    from planner.adapters.store.sqlite_file import workspace_file

    file = workspace_file(db)  # None for a URL
    if not _workspace_exists(db, file):
        return given
    # Reading: the file itself, when it can be; writing (or a URL): the workspace.
    known = None if writes else _remembered_in_file(file)
    ws = None
    if known is None:
        ws = workspace()
        known = remembered(ws)
    dirs = list(given)
    now: dict[Path, str] = {}
    for path in [*given, *(p for p in known if p not in given)]:
        if not path.is_dir():
            if path in known and path not in given:
                warn(
                    f"catalog directory {path}, which this workspace was used with, is "
                    "missing: its products are unknown until it is back (or give "
                    "--catalog DIR / $PLANNER_CATALOG)"
                )
                now[path] = known[path]
            continue
        now[path] = digest(path)
        if path not in given:
            dirs.append(path)
        if path in known and known[path] != now[path]:
            warn(
                f"catalog directory {path} changed since this workspace last used it: "
                f"check it with 'planner catalog validate {path}' and review the tools "
                "mapped to its products"
            )
    if writes and now != known:
        assert ws is not None  # a command that writes opened it above
        record(ws, now)
    return tuple(dirs)
