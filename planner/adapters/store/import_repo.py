"""What a log import asks of the repository, through the Core tables: the plan it writes
into, the plan's tools, and a tool saved.

Why this exists: :class:`~planner.adapters.store.repository.Repository` is built on the
SQLModel table classes, and building them (a pydantic model and a mapper for each of 32
tables) was a third of the CPU time of importing a 1,000-line log. An import writes its
evidence through Core tables already (``evidence``, ``imports``, ``domains``…); these three
calls were all it still made through the ORM. The rows written are the ORM's: the Core
tables carry the table classes' insert defaults (``core_schema``), an update sets the same
columns and bumps the version as ``Repository.save_tool`` does; a missing plan is the same
error (``reads.plan_id``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update

from planner.adapters.store import reads
from planner.adapters.store.core_schema import tool as TOOL
from planner.adapters.store.mapping import tool_values

if TYPE_CHECKING:
    from planner.adapters.store.reads import Executor
    from planner.domain.plan import Tool

__all__ = ["ImportRepository", "PlanKey"]


@dataclass(frozen=True, slots=True)
class PlanKey:
    """The plan an import writes into: its id is all the import reads of its record."""

    id: int


class ImportRepository:
    """The repository calls of an import (``services/discover/logs``), inside one session."""

    def __init__(self, session: Executor) -> None:
        self.session = session

    def plan_record(self, name: str | None) -> PlanKey:
        """The plan called ``name`` (None: the current plan, else the only one), as
        ``Repository.plan_record`` finds it."""
        return PlanKey(reads.plan_id(self.session, name))

    def tools(self, plan_id: int) -> list[Tool]:
        return reads.tools(self.session, plan_id)

    def save_tool(self, plan_id: int, tool: Tool) -> None:
        """Insert the tool, or update the one with the same slug in this plan (its version
        + 1): the row ``Repository.save_tool`` writes."""
        values = tool_values(tool)
        found = self.session.execute(
            select(TOOL.c.id).where(TOOL.c.plan_id == plan_id, TOOL.c.slug == tool.slug)
        ).first()
        if found is None:
            self.session.execute(insert(TOOL).values(plan_id=plan_id, slug=tool.slug, **values))
        else:
            statement = update(TOOL).where(TOOL.c.id == found.id)
            self.session.execute(statement.values(version=TOOL.c.version + 1, **values))
