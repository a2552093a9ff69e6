"""Shared fixtures: an isolated user data directory, a frozen 'today', a real workspace.

Every test runs with its own XDG_DATA_HOME and XDG_CACHE_HOME and without PLANNER_DB, so
nothing touches the developer's real workspace or catalog cache. That cache starts warm
with the shipped catalog, and a new SQLite workspace from the ``planner`` fixtures is a copy
of one created once per test process: each built once per xdist worker (issue 27).

Workspaces on both engines: the ``planner`` and ``workspace_db`` fixtures run each test on
SQLite, and again on PostgreSQL when ``PLANNER_TEST_DATABASE_URL`` names a server database
(each test gets its own schema there, dropped afterwards). ``db_path`` is always SQLite,
for tests about the file itself.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Compiled modules are cached (``__pycache__``, git-ignored) even where the environment says
# PYTHONDONTWRITEBYTECODE, as this machine's does: otherwise each test process compiles
# planner's ~300 modules and rewrites the ~160 test modules (about 4 s of CPU per xdist
# worker), and each `python -m planner` a test starts compiles what it imports again
# (0.3 s). Children still don't write, but read what this process wrote. Set before the
# first planner import.
sys.dont_write_bytecode = False

from planner.bootstrap import Planner, Settings, bootstrap  # noqa: E402

TODAY = dt.date(2027, 2, 15)
ROOT = Path(__file__).resolve().parent.parent
# Hang guards are deadlock detectors, not performance measurements: a loaded 2-core CI
# machine can be ten times slower than a laptop, so the limit is tens of seconds. Speed is
# measured by the benchmarks under bench/ (docs/benchmarks.md), never asserted here.
HANG_GUARD_S = 30.0
DATA = Path(__file__).resolve().parent / "data"


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker more than the machine has cores for ``-n auto`` (pyproject's addopts).

    A TUI test spends part of its time waiting on the app's timers and workers, a CLI test
    on its child processes: with one worker per core the cores sat idle about an eighth of
    a run. One more keeps them busy (on the 2-core machine, quiet, one run each: 465 s
    with two workers, 429 s with three; docs/benchmarks.md). ``-n N`` still sets it."""
    return (os.cpu_count() or 1) + 1


@pytest.fixture(scope="session")
def _shipped_catalog_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped catalog parsed once per test process (once per xdist worker) into a
    catalog cache directory, built outside any test's home with the product's own loader.

    Every test's home starts with a copy of it: what a user has after their first command.
    Without it each test that opens the catalog parsed its ~180 YAML files again (a third
    of a second of CPU, the largest part of a TUI test's start-up). The cache's key covers
    the files and the code, so a test with other catalog directories still misses and
    parses; reading and writing the cache itself is tested in
    ``tests/adapters/test_catalog_cache.py`` with directories of its own."""
    from planner.adapters.catalog_files import load_catalog

    cache = tmp_path_factory.mktemp("catalog-cache") / "catalog"
    load_catalog(cache_dir=cache)
    return cache


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    _shipped_catalog_cache: Path,
) -> None:
    home = tmp_path_factory.mktemp("home")
    shutil.copytree(_shipped_catalog_cache, home / "cache" / "planner" / "catalog")
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


@pytest.fixture(scope="session")
def _empty_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite workspace at the schema head, created once per test process (once
    per xdist worker) by the product's own first opening (``open_workspace``: tables,
    Alembic stamp, WAL mode, owner-only file). Creating one costs tens of milliseconds;
    the ``planner`` fixtures copy this file instead (about a millisecond). Nothing else
    is written beside it: the pseudonym key is made on first use, per test."""
    from planner.adapters.store.db import open_workspace

    db = tmp_path_factory.mktemp("empty-template") / "workspace.sqlite"
    open_workspace(str(db)).dispose()  # the last connection closed: the WAL is checkpointed
    assert not Path(f"{db}-wal").exists(), "the template must be one self-contained file"
    return db


def _new_workspace(template: Path, db: str) -> None:
    """Put a copy of the empty template at ``db`` when that is a SQLite file not yet made:
    the same file the first opening would create there. PostgreSQL is left to create its
    schema as before. Tests about creating a workspace open ``db_path``/``workspace_db``
    themselves and still create one from scratch."""
    if "://" in db or Path(db).exists():
        return
    shutil.copy2(template, db)  # copy2 keeps the owner-only mode


@pytest.fixture
def planner(workspace_db: str, _empty_workspace: Path) -> Iterator[Planner]:
    _new_workspace(_empty_workspace, workspace_db)
    app = bootstrap(Settings(db=workspace_db, today=lambda: TODAY))
    yield app
    app.close()


@pytest.fixture
def file_planner(db_path: Path, _empty_workspace: Path) -> Iterator[Planner]:
    """A SQLite workspace, for tests that look at the database file itself."""
    _new_workspace(_empty_workspace, str(db_path))
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
def demo_in(
    _demo_templates: Callable[[dt.date], Path], _empty_workspace: Path
) -> Callable[[Planner, dt.date], None]:
    """``demo_in(planner, today)``: the demo in ``planner``'s workspace — a copy of the
    template when that is a SQLite file not yet made or still the untouched empty
    workspace, else built there (PostgreSQL, or a workspace already holding data)."""
    from planner.adapters.store.db import sqlite_path, to_url
    from planner.services.demo import build_demo

    def untouched(path: Path) -> bool:
        return not path.exists() or (
            not Path(f"{path}-wal").exists() and filecmp.cmp(path, _empty_workspace, shallow=False)
        )

    def install(planner: Planner, today: dt.date) -> None:
        path = sqlite_path(to_url(planner.settings.db))
        if path is not None and "workspace" not in planner.__dict__ and untouched(path):
            template = _demo_templates(today)
            for suffix in ("", ".key"):
                shutil.copy2(f"{template}{suffix}", f"{path}{suffix}")
            return
        build_demo(planner.workspace, planner.catalog, planner.pseudonym_key, today)

    return install


@pytest.fixture(scope="session")
def _hostile_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The workspace full of hostile names of ``hostile_ws`` (the CLI sweep, list formats,
    the TUI sweep), made once per test process: (workspace file, catalog directory)."""
    from tests.reliability.test_cli_sweep import make_hostile_template

    return make_hostile_template(tmp_path_factory.mktemp("hostile-template"))
