"""Use cases on the tools of a plan: list, add or update one."""

from __future__ import annotations

from planner.adapters.db import Workspace
from planner.adapters.repository import Repository
from planner.domain.plan import Tool


def list_tools(ws: Workspace, plan: str | None = None) -> list[Tool]:
    with ws.read() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        return repo.tools(record.id)


def save_tools(ws: Workspace, plan: str | None, tools: list[Tool]) -> None:
    """Add or update several tools in one transaction."""
    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        for tool in tools:
            repo.save_tool(record.id, tool)
