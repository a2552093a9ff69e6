"""The one place that wires settings, the workspace database and the catalog together.

Both front ends (and the tests) call :func:`bootstrap` with real or test settings and get a
:class:`Planner` whose workspace and catalog open lazily: ``planner --help`` and
``planner catalog list`` never touch the database, and nothing happens at import time.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from planner.adapters.store.schema import Access, Notice

if TYPE_CHECKING:
    from planner.adapters.store.db import Workspace
    from planner.domain.catalog import Catalog

__all__ = ["Access", "Planner", "Settings", "bootstrap"]

ENV_DB = "PLANNER_DB"
APP_NAME = "planner"


def data_dir() -> Path:
    """The user data directory (platformdirs; honours XDG_DATA_HOME)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """The user cache directory (platformdirs; honours XDG_CACHE_HOME)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def own_db() -> str:
    """The user's own workspace when neither --db nor $PLANNER_DB names one."""
    return str(data_dir() / "workspace.sqlite")


def default_db() -> str:
    return os.environ.get(ENV_DB) or own_db()


def demo_db() -> str:
    """The demo's workspace: its own file, never the user's."""
    return str(data_dir() / "demo.sqlite")


DEMO_NOTICE = (
    "planner: showing the demo ({demo}): you have no workspace of your own yet; "
    "'planner plan new NAME --start YYYY-MM-DD' starts yours"
)


def _holds_a_plan(path: Path) -> bool:
    """Whether the SQLite workspace at ``path`` holds a plan (read-only, stdlib only: this
    runs before every command that names no workspace)."""
    import sqlite3

    from planner.adapters.store.sqlite_file import first_row

    try:  # sqlite3's own default wait for a lock, as this probe always had
        return first_row(path, "SELECT 1 FROM plan LIMIT 1", timeout=5.0) is not None
    except sqlite3.Error:
        return True  # not ours to judge: let the command open it and say what is wrong


def choose_db(explicit: str | None = None, *, starts_own: bool = False) -> tuple[str, bool]:
    """The workspace a front end opens, and whether it is the demo.

    ``--db`` (``explicit``) and ``$PLANNER_DB`` always win. Otherwise the user's own
    workspace, except while they have none (no file, or no plan in it) and the demo exists:
    then the demo, unless the command starts a workspace of one's own (``starts_own``:
    ``plan new``, ``plan import``)."""
    chosen = explicit or os.environ.get(ENV_DB)
    if chosen:
        return chosen, False
    own, demo = Path(own_db()), Path(demo_db())
    if starts_own or not demo.is_file() or (own.is_file() and _holds_a_plan(own)):
        return str(own), False
    return str(demo), True


ENV_CATALOG = "PLANNER_CATALOG"


def catalogs_from_env() -> tuple[Path, ...]:
    """The directories in $PLANNER_CATALOG (separated like PATH: ':' or ';' on Windows)."""
    value = os.environ.get(ENV_CATALOG, "")
    return tuple(Path(part).expanduser() for part in value.split(os.pathsep) if part.strip())


ENV_TODAY = "PLANNER_TODAY"


def today_from_env() -> dt.date:
    """Today, or the date in $PLANNER_TODAY (YYYY-MM-DD) for reproducible demos and files."""
    fixed = os.environ.get(ENV_TODAY)
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            from planner.errors import InputError

            raise InputError(f"{ENV_TODAY}: not a date (YYYY-MM-DD): {fixed!r}") from None
    return dt.date.today()


@dataclass(frozen=True)
class Settings:
    db: str = field(default_factory=default_db)
    catalog_dirs: tuple[Path, ...] = ()
    today: Callable[[], dt.date] = today_from_env
    catalog_cache: bool = True  # keep the parsed catalog in the user cache directory
    # False for commands that act on what exists: a missing workspace is an error, not a
    # new empty one (a mistyped --db).
    create_workspace: bool = True
    # What opening may change (adapters/store/schema.Access): the CLI declares it per
    # command, the TUI asks before upgrading; scripts and tests write.
    access: Access = Access.WRITE
    on_upgrade: Notice | None = None  # told before a SQLite workspace is upgraded
    demo: bool = False  # the workspace is the demo's (opened while the user has none)
    # Add the catalog directories the workspace remembers (see adapters/catalog_memory).
    remembered_catalogs: bool = True


class Planner:
    """Settings plus lazily opened workspace and catalog, shared by a front end's calls."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # Where warnings go (a remembered catalog directory missing or changed): stderr
        # unless a front end that owns the terminal (the TUI) shows them itself.
        self.on_warning: Callable[[str], None] | None = None
        # Called with the demo's path when the demo's workspace is opened because the user
        # has none of their own (``Settings.demo``): the CLI says so in one line.
        self.on_demo: Callable[[str], None] | None = None

    @cached_property
    def workspace(self) -> Workspace:
        from planner.adapters.store.db import open_workspace

        settings = self.settings
        ws = open_workspace(
            settings.db,
            create=settings.create_workspace,
            access=settings.access,
            notice=settings.on_upgrade,
        )
        if settings.demo and self.on_demo is not None:
            self.on_demo(settings.db)
        # Only a command that writes records the catalog directories it was given.
        if (
            settings.catalog_dirs
            and settings.remembered_catalogs
            and settings.access is not Access.READ
        ):
            from planner.adapters import catalog_memory

            catalog_memory.remember(ws, self.given_catalog_dirs)
        return ws

    @property
    def given_catalog_dirs(self) -> tuple[Path, ...]:
        return tuple(d.expanduser().resolve() for d in self.settings.catalog_dirs)

    @cached_property
    def pseudonym_key(self) -> bytes:
        from planner.adapters.store.keys import key_path, load_or_create_key

        return load_or_create_key(key_path(self.settings.db, data_dir()))

    @cached_property
    def catalog(self) -> Catalog:
        from planner.adapters.catalog_files import load_catalog

        cache = cache_dir() / "catalog" if self.settings.catalog_cache else None
        return load_catalog(self.catalog_dirs, cache_dir=cache)

    @cached_property
    def catalog_dirs(self) -> tuple[Path, ...]:
        """The user's catalog directories: those given (``--catalog``, $PLANNER_CATALOG),
        then those the workspace remembers; a write command records the given ones."""
        from planner.adapters import catalog_memory

        given = self.given_catalog_dirs
        if not self.settings.remembered_catalogs or self.settings.demo:
            return given  # the demo is fiction on the shipped catalog: nothing to remember
        writes = self.settings.access is not Access.READ
        return catalog_memory.reconcile(
            self.settings.db, lambda: self.workspace, given, self._warn, writes=writes
        )

    def _warn(self, message: str) -> None:
        if self.on_warning is not None:
            self.on_warning(message)
        else:
            import sys

            print(f"warning: {message}", file=sys.stderr)

    def today(self) -> dt.date:
        return self.settings.today()

    def close(self) -> None:
        if "workspace" in self.__dict__:
            self.workspace.dispose()


def bootstrap(settings: Settings | None = None) -> Planner:
    return Planner(settings or Settings())
