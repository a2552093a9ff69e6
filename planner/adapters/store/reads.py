"""The queries of the read-only commands, on the Core tables (``core_schema``).

A read-only command (``plan list``, ``tools list``, …) opens a Core connection
(``Workspace.rows``) and asks these functions; it never builds the SQLModel table classes
nor the ORM, which were most of its start-up. Each function takes anything that executes
a statement, a Core ``Connection`` or an ORM ``Session``: the repository calls the same
functions inside its sessions, so each query is written once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from sqlalchemy import Row, func, select

from planner.adapters.store.core_schema import plan, planner_meta, tool
from planner.adapters.store.rows import ToolReader
from planner.domain.plan import Tool
from planner.errors import NotFoundError

_NAMES_IN_MESSAGE = 10
# The plan commands act on when they are given no plan name (``planner plan use NAME``):
# a key of the workspace's planner_meta table, so that every front end shares it.
CURRENT_PLAN_KEY = "current_plan"


class Executor(Protocol):
    """A Core ``Connection`` or an ORM ``Session``: what runs a statement."""

    def execute(self, statement: Any, /) -> Any: ...


def plan_names(
    db: Executor, *, containing: str = "", limit: int | None = None, offset: int = 0
) -> list[str]:
    """Plan names in order, optionally those containing a text, one page at a time
    (a workspace may hold tens of thousands of plans: never load them all to show 20)."""
    query = select(plan.c.name).order_by(plan.c.name).offset(offset).limit(limit)
    if containing:
        query = query.where(func.lower(plan.c.name).contains(containing.lower()))
    return list(db.execute(query).scalars())


def plan_rows(db: Executor, *, limit: int | None = None, offset: int = 0) -> list[Row[Any]]:
    """Plan rows in name order, one page at a time (one query, not one per plan)."""
    return list(db.execute(select(plan).order_by(plan.c.name).offset(offset).limit(limit)))


def plan_count(db: Executor, containing: str = "") -> int:
    query = select(func.count()).select_from(plan)
    if containing:
        query = query.where(func.lower(plan.c.name).contains(containing.lower()))
    return int(db.execute(query).scalar_one())


def current_plan_name(db: Executor) -> str | None:
    """The name ``planner plan use`` recorded, if it still names a plan."""
    name = db.execute(
        select(planner_meta.c.value).where(planner_meta.c.key == CURRENT_PLAN_KEY)
    ).scalar_one_or_none()
    if name is None:
        return None
    exists = db.execute(select(plan.c.id).where(plan.c.name == name)).first()
    return name if exists is not None else None


def plan_row(db: Executor, name: str | None) -> Row[Any]:
    """The plan called ``name``; with None, the current plan (``plan use``), else the
    workspace's only plan."""
    if name is None:
        current = current_plan_name(db)
        if current is not None:
            return plan_row(db, current)
        rows = list(db.execute(select(plan).limit(2)))
        if not rows:
            raise NotFoundError("the workspace has no plan yet: run 'planner plan new'")
        if len(rows) > 1:
            # Capped: with 20,000 plans the full list made one 240 KB line.
            shown = plan_names(db, limit=_NAMES_IN_MESSAGE)
            more = plan_count(db) - len(shown)
            names = ", ".join(shown) + (f" and {more:,} more" if more > 0 else "")
            raise NotFoundError(
                f"the workspace holds several plans ({names}): use --plan NAME, "
                "or make one current with 'planner plan use NAME'"
            )
        return rows[0]
    row = db.execute(select(plan).where(plan.c.name == name)).first()
    if row is None:
        raise NotFoundError(f"no plan named '{name}'")
    return row


def plan_id(db: Executor, name: str | None) -> int:
    """The id of the plan :func:`plan_row` finds."""
    return int(plan_row(db, name).id)


def iter_tools(db: Executor, plan_id: int, batch: int = 1_000) -> Iterator[Tool]:
    """The plan's tools one at a time, in slug order, fetched ``batch`` rows at a time:
    what a listing of 60,000 tools streams to the terminal without holding them all."""
    read = ToolReader()
    result = db.execute(read.query(plan_id).execution_options(yield_per=batch))
    for row in result:
        yield read(row)


def count_tools(db: Executor, plan_id: int) -> int:
    query = select(func.count()).select_from(tool).where(tool.c.plan_id == plan_id)
    return int(db.execute(query).scalar_one())
