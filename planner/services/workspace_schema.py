"""See and upgrade a workspace's schema on purpose (``planner workspace version|upgrade``).

A command that writes upgrades an older SQLite workspace when it opens it (saying so, and
keeping a copy); a command that only reads never does, nor does any command upgrade a
database on a server: these two exist to look (which revision, is an upgrade due) without
changing anything, and to upgrade explicitly and learn where the copy of the old file
went. Neither creates a workspace where there is none.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner.adapters.store.db import display_url, on_existing, sqlite_path, to_url

if TYPE_CHECKING:
    from planner.adapters.store.schema import State, Upgrade

__all__ = ["display_url", "keeps_a_copy", "upgrade_workspace", "workspace_status"]


def keeps_a_copy(db: str | Path) -> bool:
    """Whether upgrading ``db`` first copies it beside itself (a SQLite file): a database
    on a server is upgraded in place, for every colleague at once."""
    return sqlite_path(to_url(db)) is not None


def workspace_status(db: str | Path) -> State:
    """The workspace's revision and the code's head; refuses a workspace it cannot use."""
    from planner.adapters.store import schema

    return on_existing(db, schema.status, read_only=True)


def upgrade_workspace(db: str | Path) -> Upgrade:
    """Upgrade the workspace to the code's head (a no-op when it is there already)."""
    from planner.adapters.store import migrate

    return on_existing(db, migrate.upgrade)
