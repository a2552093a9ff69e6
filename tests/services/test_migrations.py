"""Schema revisions with Alembic, on SQLite and PostgreSQL: creating at head, recognising
a workspace from before Alembic, upgrading through a real chain (an extra revision in a
temporary versions directory) with a backup and the data kept, and refusing or rolling
back without changing a byte.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from planner.adapters.store import migrate, schema, sqlite_backup
from planner.adapters.store.db import make_engine, open_workspace, sqlite_path, to_url
from planner.adapters.store.migrations import VERSIONS_DIR
from planner.adapters.store.schema import Upgrade
from planner.bootstrap import Settings, bootstrap
from planner.errors import WorkspaceVersionError
from planner.services.discover import import_file
from planner.services.plans import create_plan
from tests.conftest import DATA, ROOT

NEXT = "9001"  # the test revision's id: never a real one


@pytest.fixture
def engine(workspace_db: str) -> Iterator[Engine]:
    made = make_engine(workspace_db)
    yield made
    made.dispose()


def _with_data(db: str) -> None:
    """A workspace at head with a plan, tools, hosts and people (children of ``plan``)."""
    planner = bootstrap(Settings(db=db))
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4), "Acme")
    import_file(
        planner.workspace,
        planner.catalog,
        planner.pseudonym_key,
        "acme",
        DATA / "discover" / "week1.squid.log",
    )
    planner.close()


def _revision(tmp_path: Path, body: str) -> Path:
    """A versions directory with one revision on top of the shipped head."""
    versions = tmp_path / "extra_versions"
    versions.mkdir()
    (versions / f"r{NEXT}_test.py").write_text(
        textwrap.dedent(
            f'''\
            """A revision made by the tests."""
            import sqlalchemy as sa
            from alembic import op

            revision = "{NEXT}"
            down_revision = "{schema.HEAD}"
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
            '''
        )
        + textwrap.indent(textwrap.dedent(body), "    "),
        encoding="utf-8",
    )
    return versions


def _revision_of(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")]


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table: conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
            for table in inspect(conn).get_table_names()
        }


def _snapshot(engine: Engine) -> object:
    """Everything a failed upgrade could have changed: the file's bytes on SQLite; on
    PostgreSQL every column of every table, the version row and every row count."""
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is not None:
        return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())
    with engine.connect() as conn:
        columns = conn.execute(
            text(
                "SELECT table_name, column_name, data_type, is_nullable, column_default "
                "FROM information_schema.columns WHERE table_schema = current_schema() "
                "ORDER BY 1, 2"
            )
        ).all()
    return columns, _revision_of(engine), _counts(engine)


def _from_scratch(conn: Connection) -> None:
    """Run every revision on an empty database (instead of create_all + stamp)."""
    config = migrate.config()
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


# -- the code's head and the script directory ---------------------------------------------


def test_head_constant_is_the_script_directorys_head() -> None:
    script = migrate.scripts()
    assert script.get_current_head() == schema.HEAD
    assert script.get_base() == schema.BASELINE
    for revision in script.walk_revisions():
        assert Path(revision.path).name.startswith(f"r{revision.revision}_"), revision.path


def test_new_workspace_is_created_at_head(workspace_db: str, engine: Engine) -> None:
    ws = open_workspace(workspace_db)
    ws.dispose()
    assert ws.upgrade is not None and ws.upgrade.before.revision is None
    assert ws.upgrade.backup is None  # nothing to keep
    assert _revision_of(engine) == [schema.HEAD]
    with engine.connect() as conn:
        mark = conn.execute(text("SELECT value FROM planner_meta WHERE key = 'schema_version'"))
        assert mark.scalar_one() == schema.MANAGED_MARK


def test_revisions_from_scratch_build_what_tables_py_describes(engine: Engine) -> None:
    """New workspaces are made with create_all and stamped; upgraded ones run the
    revisions. Both must give the same schema, or the next revision is missing."""
    with engine.connect() as conn, conn.begin():
        _from_scratch(conn)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": migrate.compared})
        assert compare_metadata(context, SQLModel.metadata) == []


def _index_sql(conn: Connection, name: str) -> str:
    """An index's definition as the database gives it back."""
    if conn.dialect.name == "sqlite":
        query = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name"
    else:
        query = (
            "SELECT indexdef FROM pg_indexes"
            " WHERE indexname = :name AND schemaname = current_schema()"
        )
    return str(conn.execute(text(query), {"name": name}).scalar_one())


def test_the_triage_index_holds_most_users_first_new_or_upgraded(engine: Engine) -> None:
    """Autogenerate leaves out the indexes with a descending column (``ORDERED_INDEXES``:
    SQLite's are reflected without their order); their order is checked here, as the
    revisions make it and as ``tables/`` declares it for a new workspace, on both
    databases."""
    with engine.connect() as conn, conn.begin():
        _from_scratch(conn)
    with engine.connect() as conn, conn.begin():
        upgraded = _index_sql(conn, "ix_host_triage")
        conn.execute(text("DROP INDEX ix_host_triage"))
        (index,) = (
            i for i in SQLModel.metadata.tables["host"].indexes if i.name == "ix_host_triage"
        )
        index.create(conn)
        new = _index_sql(conn, "ix_host_triage")
    for sql in (new, upgraded):
        assert sql.replace('"', "").endswith("(plan_id, tool, decision, users DESC)"), sql


def test_revisions_from_scratch_write_the_same_sqlite_ddl(tmp_path: Path) -> None:
    """The same SQLite schema as SQLite itself describes it: columns (type, NOT NULL,
    default, key), foreign keys and indexes of every table. (Not the CREATE text: a table
    rebuilt by a batch revision is written with quoted names and its keys in another order.)"""

    def ddl(path: Path) -> dict[str, object]:
        with sqlite3.connect(path) as conn:
            tables = sorted(
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            )
            described: dict[str, object] = {}
            for t in tables:
                indexes = sorted(
                    (
                        row[1],
                        row[2],
                        tuple(
                            (i[2], i[3])  # each key column and whether it is descending
                            for i in conn.execute(f'PRAGMA index_xinfo("{row[1]}")')
                            if i[5]
                        ),
                    )
                    for row in conn.execute(f'PRAGMA index_list("{t}")')
                )
                described[t] = (
                    [tuple(r[1:]) for r in conn.execute(f'PRAGMA table_info("{t}")')],
                    sorted(tuple(r[2:]) for r in conn.execute(f'PRAGMA foreign_key_list("{t}")')),
                    indexes,
                )
        conn.close()
        return described

    scratch = make_engine(tmp_path / "scratch.sqlite")
    try:
        with scratch.connect() as conn, conn.begin():
            _from_scratch(conn)
    finally:
        scratch.dispose()
    open_workspace(tmp_path / "new.sqlite").dispose()
    assert ddl(tmp_path / "scratch.sqlite") == ddl(tmp_path / "new.sqlite")


PROBE = """
import json, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
seen = []
event.listen(Engine, "before_cursor_execute", lambda c, cur, stmt, *a: seen.append(stmt))
from planner.adapters.store.db import open_workspace
ws = open_workspace(sys.argv[1])
ws.dispose()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("alembic", "planner"))
print(json.dumps({"modules": loaded, "statements": seen, "upgrade": repr(ws.upgrade)}))
"""


def test_opening_a_current_workspace_is_one_select_without_alembic(workspace_db: str) -> None:
    open_workspace(workspace_db).dispose()
    out = subprocess.run(
        [sys.executable, "-c", PROBE, workspace_db],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    seen = json.loads(out.stdout)
    assert seen["upgrade"] == "None"
    assert [s for s in seen["statements"] if s != "BEGIN"] == [
        "SELECT version_num FROM alembic_version"
    ]
    assert not [m for m in seen["modules"] if m.startswith("alembic")]
    assert "planner.adapters.store.migrate" not in seen["modules"]
    assert "planner.adapters.store.migrations" not in seen["modules"]


# -- workspaces from before Alembic -------------------------------------------------------


def test_workspace_from_before_alembic_is_stamped_then_upgraded(
    workspace_db: str, engine: Engine
) -> None:
    """Rebuilt on each engine: the baseline's tables, planner_meta says 1, no version table."""
    with engine.connect() as conn, conn.begin():
        config = migrate.config()
        config.attributes["connection"] = conn
        command.upgrade(config, schema.BASELINE)
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("INSERT INTO planner_meta (key, value) VALUES ('schema_version', '1')"))
        conn.execute(
            text(
                "INSERT INTO plan (name, organisation, start, eu_residency_required, version) "
                "VALUES ('old', 'Old Ltd', '2026-01-05', false, 1)"
            )
        )
    assert migrate.status(engine).label == "schema 1 (before Alembic)"
    ws = open_workspace(workspace_db)
    ws.dispose()
    assert ws.upgrade is not None and ws.upgrade.before.legacy
    assert _revision_of(engine) == [schema.HEAD]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT organisation FROM plan")).scalar_one() == "Old Ltd"


# -- a real chain: an extra revision on top of the head ------------------------------------

ADD_COLOUR = """
with op.batch_alter_table("plan") as batch:
    batch.add_column(sa.Column("colour", sa.String(20), nullable=False, server_default="blue"))
"""


def test_an_extra_revision_upgrades_keeps_data_and_a_backup(
    workspace_db: str, engine: Engine, tmp_path: Path
) -> None:
    _with_data(workspace_db)
    before = _counts(engine)
    cfg = migrate.config([_revision(tmp_path, ADD_COLOUR)])
    assert migrate.status(engine, cfg).needs_upgrade

    result = migrate.upgrade(engine, cfg)

    assert (result.before.revision, result.after) == (schema.HEAD, NEXT)
    assert _revision_of(engine) == [NEXT]
    assert _counts(engine) == before
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, colour FROM plan")).all() == [("acme", "blue")]
    path = sqlite_path(to_url(workspace_db))
    if path is None:
        assert result.backup is None
        return
    assert result.backup == path.with_name(f"{path.name}.bak-{schema.HEAD}")
    copy = make_engine(result.backup, create=False)
    try:
        assert _revision_of(copy) == [schema.HEAD]
        assert _counts(copy) == before
        with copy.connect() as conn:
            assert "colour" not in {c["name"] for c in inspect(conn).get_columns("plan")}
    finally:
        copy.dispose()
    assert oct(result.backup.stat().st_mode & 0o777) == "0o600"
    assert not migrate.upgrade(engine, cfg).changed  # a second run has nothing to do


def test_backup_includes_transactions_still_in_the_wal(db_path: Path, tmp_path: Path) -> None:
    _with_data(str(db_path))
    writer = sqlite3.connect(db_path, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE plan SET organisation = 'only in the WAL'")
        assert Path(f"{db_path}-wal").stat().st_size > 0
        engine = make_engine(db_path)
        try:
            result = migrate.upgrade(engine, migrate.config([_revision(tmp_path, ADD_COLOUR)]))
        finally:
            engine.dispose()
    finally:
        writer.close()
    assert result.backup is not None
    with sqlite3.connect(result.backup) as copy:
        assert copy.execute("SELECT organisation FROM plan").fetchall() == [("only in the WAL",)]
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    copy.close()
    assert not Path(f"{result.backup}-wal").exists()


REBUILD_PLAN = """
with op.batch_alter_table("plan") as batch:  # SQLite: a rebuild; PostgreSQL: ALTER
    batch.alter_column("organisation", existing_type=sa.String(), nullable=True)
"""


def test_rebuilding_a_parent_table_keeps_its_children(
    workspace_db: str, engine: Engine, tmp_path: Path
) -> None:
    """SQLite rebuilds ``plan`` (copy, DROP, rename): with foreign keys on, the DROP would
    cascade-delete every tool, host and person of the plan."""
    _with_data(workspace_db)
    before = _counts(engine)
    assert before["tool"] and before["host"] and before["person"]
    migrate.upgrade(engine, migrate.config([_revision(tmp_path, REBUILD_PLAN)]))
    assert _counts(engine) == before
    with engine.connect() as conn:
        nullable = {c["name"]: c["nullable"] for c in inspect(conn).get_columns("plan")}
        assert nullable["organisation"] is True
        if engine.dialect.name == "sqlite":  # and the pool does not keep foreign keys off
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


# -- failures leave everything as it was ---------------------------------------------------

FAILING = """
with op.batch_alter_table("plan") as batch:
    batch.add_column(sa.Column("colour", sa.String(20)))
op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
op.execute("UPDATE plan SET organisation = 'changed'")
raise RuntimeError("revision failed half-way")
"""


def test_failing_revision_leaves_the_workspace_byte_for_byte(
    workspace_db: str, engine: Engine, tmp_path: Path
) -> None:
    _with_data(workspace_db)
    cfg = migrate.config([_revision(tmp_path, FAILING)])
    engine.dispose()
    before = _snapshot(engine)
    with pytest.raises(WorkspaceVersionError) as info:
        migrate.upgrade(engine, cfg)
    engine.dispose()
    assert str(info.value) == (
        f"upgrading the workspace from {schema.HEAD} to {NEXT} failed: "
        "RuntimeError: revision failed half-way; the workspace was left as it was"
    )
    assert _snapshot(engine) == before  # no backup left beside it either


ORPHAN = """
op.execute("DELETE FROM plan")  # foreign keys are off during the upgrade: no cascade
"""


def test_revision_leaving_orphans_is_rolled_back(db_path: Path, tmp_path: Path) -> None:
    """With foreign keys off for the rebuild, PRAGMA foreign_key_check guards the commit."""
    _with_data(str(db_path))
    cfg = migrate.config([_revision(tmp_path, ORPHAN)])
    engine = make_engine(db_path)
    try:
        before = _snapshot(engine)
        with pytest.raises(WorkspaceVersionError, match="would leave rows pointing at missing"):
            migrate.upgrade(engine, cfg)
        engine.dispose()
        assert _snapshot(engine) == before
    finally:
        engine.dispose()


def test_failing_backup_stops_the_upgrade(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_data(str(db_path))
    cfg = migrate.config([_revision(tmp_path, ADD_COLOUR)])
    engine = make_engine(db_path)
    try:
        before = _snapshot(engine)

        def disk_full(path: Path, label: str) -> Path:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(sqlite_backup, "backup_beside", disk_full)
        with pytest.raises(WorkspaceVersionError, match=r"cannot keep a copy .* not upgraded"):
            migrate.upgrade(engine, cfg)
        engine.dispose()
        assert _snapshot(engine) == before
    finally:
        engine.dispose()


def test_workspace_from_a_newer_planner_is_refused_untouched(
    workspace_db: str, engine: Engine
) -> None:
    _with_data(workspace_db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    engine.dispose()
    before = _snapshot(engine)
    with pytest.raises(WorkspaceVersionError) as info:
        open_workspace(workspace_db)
    assert str(info.value) == (
        "this workspace was made by a newer planner (revision f00d); upgrade planner"
    )
    assert _snapshot(engine) == before


def test_one_of_several_openers_upgrades_an_old_file(tmp_path: Path) -> None:
    """Four threads open the same pre-Alembic file at once: one upgrades, one backup."""
    path = tmp_path / "ws.sqlite"
    path.write_bytes((DATA / "workspaces" / "schema-1.sqlite").read_bytes())
    results: list[Upgrade | None] = []

    def opener() -> None:
        ws = open_workspace(path)
        ws.dispose()
        results.append(ws.upgrade)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(results) == 4
    assert len([r for r in results if r is not None and r.changed]) == 1
    assert sorted(p.name for p in tmp_path.glob("ws.sqlite.bak-*")) == ["ws.sqlite.bak-schema1"]


def test_backup_never_overwrites_an_older_copy(tmp_path: Path) -> None:
    path = tmp_path / "ws.sqlite"
    first = sqlite_backup.backup_name(path, "0001")
    assert first.name == "ws.sqlite.bak-0001"
    first.write_text("an older copy")
    assert sqlite_backup.backup_name(path, "0001").name == "ws.sqlite.bak-0001-2"


# -- writing the next revision -------------------------------------------------------------


@pytest.mark.slow
def test_new_revision_script_finds_no_difference_with_tables_py(tmp_path: Path) -> None:
    """scripts/new_revision.py autogenerates from tables.py; today there is nothing to do."""
    out = subprocess.run(
        [sys.executable, "scripts/new_revision.py", "nothing", "--versions-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
        timeout=120,
    )
    written = Path(out.stdout.strip().splitlines()[-1])
    assert written.parent == tmp_path
    assert written.name == f"r{int(schema.HEAD) + 1:04d}_nothing.py"
    body = written.read_text(encoding="utf-8")
    assert f'down_revision: str | None = "{schema.HEAD}"' in body
    upgrade = body[body.index("def upgrade") : body.index("def downgrade")]
    assert "op." not in upgrade  # tables.py and the revisions agree
    assert not list(VERSIONS_DIR.glob("*nothing*"))
