"""Shared fixtures: an isolated user data directory, a frozen 'today', a real workspace.

Every test runs with its own XDG_DATA_HOME and XDG_CACHE_HOME and without PLANNER_DB, so
nothing touches the developer's real workspace or catalog cache.

Workspaces on both engines: the ``planner`` and ``workspace_db`` fixtures run each test on
SQLite, and again on PostgreSQL when ``PLANNER_TEST_DATABASE_URL`` names a server database
(each test gets its own schema there, dropped afterwards). ``db_path`` is always SQLite,
for tests about the file itself.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from planner.bootstrap import Planner, Settings, bootstrap

TODAY = dt.date(2027, 2, 15)
ROOT = Path(__file__).resolve().parent.parent
# Hang guards are deadlock detectors, not performance measurements: a loaded 2-core CI
# machine can be ten times slower than a laptop, so the limit is tens of seconds. Speed is
# measured by the benchmarks under bench/ (docs/benchmarks.md), never asserted here.
HANG_GUARD_S = 30.0
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))  # the parsed catalog's cache
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))  # the TUI's remembered layout
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("PLANNER_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.sqlite"


PG_URL = os.environ.get("PLANNER_TEST_DATABASE_URL")
ENGINES = ["sqlite", *(["postgresql"] if PG_URL else [])]


def pg_schema_url(schema: str) -> str:
    assert PG_URL is not None
    separator = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(params=ENGINES)
def workspace_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh workspace: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield str(tmp_path / "workspace.sqlite")
        return
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(PG_URL or "")
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def planner(workspace_db: str) -> Iterator[Planner]:
    app = bootstrap(Settings(db=workspace_db, today=lambda: TODAY))
    yield app
    app.close()


@pytest.fixture
def file_planner(db_path: Path) -> Iterator[Planner]:
    """A SQLite workspace, for tests that look at the database file itself."""
    app = bootstrap(Settings(db=str(db_path), today=lambda: TODAY))
    yield app
    app.close()


DemoAt = Callable[..., Planner]  # demo_at(path, today=TODAY) -> Planner


@pytest.fixture(scope="session")
def _demo_templates(tmp_path_factory: pytest.TempPathFactory) -> Callable[[dt.date], Path]:
    """The demo workspace (and its key) built once per test process — once per xdist
    worker — and per 'today'; tests get a copy of the file rather than building it again.
    Built outside any test's isolated home, so it uses no cache and no user file."""
    from planner.services.demo import build_demo

    built: dict[dt.date, Path] = {}

    def template(today: dt.date) -> Path:
        if today not in built:
            db = tmp_path_factory.mktemp("demo-template") / "demo.sqlite"
            app = bootstrap(
                Settings(
                    db=str(db),
                    today=lambda: today,
                    catalog_cache=False,
                    remembered_catalogs=False,
                )
            )
            build_demo(app.workspace, app.catalog, app.pseudonym_key, today)
            app.close()
            built[today] = db
        return built[today]

    return template


@pytest.fixture
def demo_at(_demo_templates: Callable[[dt.date], Path]) -> Iterator[DemoAt]:
    """``demo_at(path, today=TODAY)``: a planner on a fresh copy of the demo workspace at
    ``path`` — the same as building the demo there as of ``today`` (``build_demo``), in a
    fraction of the time."""
    opened: list[Planner] = []

    def make(path: Path, today: dt.date = TODAY) -> Planner:
        template = _demo_templates(today)
        for suffix in ("", ".key"):
            shutil.copy2(f"{template}{suffix}", f"{path}{suffix}")
        app = bootstrap(Settings(db=str(path), today=lambda: today))
        opened.append(app)
        return app

    yield make
    for app in opened:
        app.close()


@pytest.fixture
def demo_in(_demo_templates: Callable[[dt.date], Path]) -> Callable[[Planner, dt.date], None]:
    """``demo_in(planner, today)``: the demo in ``planner``'s workspace — a copy of the
    template when that is a SQLite file not yet made, else built there (PostgreSQL)."""
    from planner.adapters.store.db import sqlite_path, to_url
    from planner.services.demo import build_demo

    def install(planner: Planner, today: dt.date) -> None:
        path = sqlite_path(to_url(planner.settings.db))
        if path is not None and not path.exists() and "workspace" not in planner.__dict__:
            template = _demo_templates(today)
            for suffix in ("", ".key"):
                shutil.copy2(f"{template}{suffix}", f"{path}{suffix}")
            return
        build_demo(planner.workspace, planner.catalog, planner.pseudonym_key, today)

    return install
