"""The read-only use cases that commands start for: list the plans, the current plan, a
plan's tools.

They read through Core (``Workspace.rows`` and ``adapters/store/reads``), so a command
that only lists loads neither SQLModel nor the table classes; this module imports nothing
heavier, and the use-case modules (``services.plans``, ``services.tools``) re-export them
for the TUI.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planner.adapters.store import reads
from planner.adapters.store.rows import plan_from_record
from planner.domain.plan import Plan, Tool

if TYPE_CHECKING:
    from planner.adapters.store.db import Workspace


def list_plans(ws: Workspace, *, limit: int | None = None, offset: int = 0) -> list[Plan]:
    """The workspace's plans in name order; a page of them with ``limit``/``offset``."""
    with ws.rows() as conn:
        return [plan_from_record(r) for r in reads.plan_rows(conn, limit=limit, offset=offset)]


def count_plans(ws: Workspace, containing: str = "") -> int:
    with ws.rows() as conn:
        return reads.plan_count(conn, containing)


def current_plan(ws: Workspace) -> str | None:
    """The plan made current with ``plan use``, if it still exists."""
    with ws.rows() as conn:
        return reads.current_plan_name(conn)


def iter_tools(ws: Workspace, plan: str | None = None) -> Iterator[Tool]:
    """The plan's tools in slug order, one at a time, read in batches inside one read
    transaction: a listing streams them to the terminal instead of holding 60,000 at once."""
    with ws.rows() as conn:
        yield from reads.iter_tools(conn, reads.plan_id(conn, plan))


def count_tools(ws: Workspace, plan: str | None = None) -> int:
    with ws.rows() as conn:
        return reads.count_tools(conn, reads.plan_id(conn, plan))
