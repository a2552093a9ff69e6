"""An import writes through the Core tables (``core_schema``, ``import_repo``) what the
table classes would have written: the same defaults for the columns an insert leaves out,
the same tool rows, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import replace
from typing import Any

from sqlalchemy import String, cast, select
from sqlmodel import SQLModel

import planner.adapters.store.tables  # noqa: F401  (registers every table class)
from planner.adapters.store import core_schema
from planner.adapters.store.import_repo import ImportRepository
from planner.adapters.store.repository import Repository
from planner.bootstrap import Planner
from planner.domain.catalog import Category
from planner.domain.plan import Tool, ToolStatus
from planner.errors import NotFoundError
from planner.services.plans import create_plan


def _default(column: Any) -> Any:
    """What an insert that leaves the column out stores (a factory called)."""
    if column.default is None:
        return None
    value = column.default.arg
    if column.default.is_callable:
        return value(None)
    return value.value if isinstance(value, enum.Enum) else value


def test_every_core_column_has_the_table_class_default() -> None:
    core = core_schema.plan.metadata
    for table in SQLModel.metadata.sorted_tables:
        mine = core.tables[table.name]
        for column in table.columns:
            assert _default(mine.c[column.name]) == _default(column), (table.name, column.name)


def _tool_rows(planner: Planner, plan_id: int) -> list[tuple[object, ...]]:
    tool = core_schema.tool
    # The stored text of the dates and lists too, not only what SQLAlchemy reads back.
    columns = [*(c for c in tool.c if c.name not in {"id", "plan_id"})]
    texts = [cast(c, String) for c in tool.c if c.name not in {"id", "plan_id"}]
    query = select(*columns, *texts).where(tool.c.plan_id == plan_id).order_by(tool.c.slug)
    with planner.workspace.rows() as conn:
        return [tuple(r) for r in conn.execute(query)]


def test_import_repository_saves_the_rows_the_repository_saves(planner: Planner) -> None:
    create_plan(planner.workspace, "orm", dt.date(2026, 1, 5))
    create_plan(planner.workspace, "core", dt.date(2026, 1, 5))
    new = Tool(
        "yammer",
        "Yammer",
        "yammer",
        category=Category.INTERNAL,
        status=ToolStatus.UNOFFICIAL,
        log_users=3,
        requests=40,
        bytes=5000,
        first_seen=dt.date(2026, 3, 2),
        last_seen=dt.date(2026, 3, 9),
        departments=("HR", "Sales"),
        sources=("proxy-log",),
    )
    bare = Tool("wiki", "Wiki\x00", None)  # a NUL is stored as U+FFFD either way
    ids = {}
    for name, make in (("orm", Repository), ("core", ImportRepository)):
        with planner.workspace.write() as session:
            repo: Any = make(session)
            ids[name] = repo.plan_record(name).id
            repo.save_tool(ids[name], new)
            repo.save_tool(ids[name], bare)
        with planner.workspace.write() as session:
            repo = make(session)
            assert {t.slug for t in repo.tools(ids[name])} == {"yammer", "wiki"}
            repo.save_tool(ids[name], replace(new, requests=41, blocked=2, sources=("dns",)))
    assert _tool_rows(planner, ids["core"]) == _tool_rows(planner, ids["orm"])
    assert [r[0] for r in _tool_rows(planner, ids["core"])] == ["wiki", "yammer"]


def test_import_repository_finds_plans_as_the_repository_does(planner: Planner) -> None:
    create_plan(planner.workspace, "only", dt.date(2026, 1, 5))
    with planner.workspace.read() as session:
        assert ImportRepository(session).plan_record(None).id == (
            Repository(session).plan_record(None).id
        )
        for repo in (ImportRepository(session), Repository(session)):
            try:
                repo.plan_record("missing")
            except NotFoundError as exc:
                message = str(exc)
            assert "missing" in message
