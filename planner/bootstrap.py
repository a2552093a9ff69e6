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


def default_db() -> str:
    return os.environ.get(ENV_DB) or str(data_dir() / "workspace.sqlite")


def demo_db() -> str:
    return str(data_dir() / "demo.sqlite")


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


class Planner:
    """Settings plus lazily opened workspace and catalog, shared by a front end's calls."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def workspace(self) -> Workspace:
        from planner.adapters.store.db import open_workspace

        settings = self.settings
        return open_workspace(
            settings.db,
            create=settings.create_workspace,
            access=settings.access,
            notice=settings.on_upgrade,
        )

    @cached_property
    def pseudonym_key(self) -> bytes:
        from planner.adapters.store.keys import key_path, load_or_create_key

        return load_or_create_key(key_path(self.settings.db, data_dir()))

    @cached_property
    def catalog(self) -> Catalog:
        from planner.adapters.catalog_files import load_catalog

        cache = cache_dir() / "catalog" if self.settings.catalog_cache else None
        return load_catalog(self.settings.catalog_dirs, cache_dir=cache)

    def today(self) -> dt.date:
        return self.settings.today()

    def close(self) -> None:
        if "workspace" in self.__dict__:
            self.workspace.dispose()


def bootstrap(settings: Settings | None = None) -> Planner:
    return Planner(settings or Settings())
