"""See and upgrade a workspace's schema on purpose (``planner workspace version|upgrade``).

A command that writes upgrades an older SQLite workspace when it opens it (saying so, and
keeping a copy); a command that only reads never does, nor does any command upgrade a
database on a server: these two exist to look (which revision, is an upgrade due) without
changing anything, and to upgrade explicitly and learn where the copy of the old file
went. Neither creates a workspace where there is none.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from planner.adapters.store.db import database_errors, make_engine, to_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from planner.adapters.store.schema import State, Upgrade

T = TypeVar("T")


def display_url(db: str | Path) -> str:
    """The workspace's URL as it can be shown (no password)."""
    from sqlalchemy.engine import make_url

    return make_url(to_url(db)).render_as_string(hide_password=True)


def keeps_a_copy(db: str | Path) -> bool:
    """Whether upgrading ``db`` first copies it beside itself (a SQLite file): a database
    on a server is upgraded in place, for every colleague at once."""
    from planner.adapters.store.db import sqlite_path

    return sqlite_path(to_url(db)) is not None


def workspace_status(db: str | Path) -> State:
    """The workspace's revision and the code's head; refuses a workspace it cannot use."""
    from planner.adapters.store import migrate

    return _on_existing(db, migrate.status)


def upgrade_workspace(db: str | Path) -> Upgrade:
    """Upgrade the workspace to the code's head (a no-op when it is there already)."""
    from planner.adapters.store import migrate

    return _on_existing(db, migrate.upgrade)


def _on_existing(db: str | Path, action: Callable[[Engine], T]) -> T:
    """``action`` on an engine of the workspace at ``db``, which must exist already; the
    driver's errors as one line, the engine disposed either way."""
    engine = make_engine(db, create=False)
    try:
        with database_errors(db, engine):
            return action(engine)
    finally:
        engine.dispose()
