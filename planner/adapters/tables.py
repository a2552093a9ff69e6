"""SQLModel table classes: how plans are stored, kept apart from the domain classes.

Screens and services get domain objects (``planner.domain.plan``); only the adapters see
these records. Lists (purposes, departments, sources) are JSON columns: they are small,
always read whole, and JSON works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


def _plan_fk() -> Any:
    return Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=True)


class MetaRecord(SQLModel, table=True):
    """Workspace-level facts, such as the schema version."""

    __tablename__ = "planner_meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str


class PlanRecord(SQLModel, table=True):
    __tablename__ = "plan"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True, max_length=120)
    organisation: str = ""
    owner: str | None = None
    start: dt.date
    eu_residency_required: bool = False
    version: int = 1


class ToolRecord(SQLModel, table=True):
    __tablename__ = "tool"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    slug: str = Field(max_length=120)
    name: str
    product: str | None = None
    category: str | None = None
    status: str = "unofficial"
    classified: bool = False
    purposes: list[str] = Field(default_factory=list, sa_type=JSON)
    departments: list[str] = Field(default_factory=list, sa_type=JSON)
    capabilities: list[str] = Field(default_factory=list, sa_type=JSON)
    users: int = 0
    sources: list[str] = Field(default_factory=list, sa_type=JSON)
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    owner: str | None = None
    notes: str = ""
    version: int = 1
