"""The audiences' table, built on the definition in ``planner.domain.records.audience``
(revision 0014)."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from planner.adapters.store.tables.workspace import plan_fk
from planner.domain.records.audience import AudienceFields


class _AudienceRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    slug: str = Field(max_length=120)


class AudienceRecord(AudienceFields, _AudienceRecordKeys, table=True):
    __tablename__ = "audience"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    version: int = 1
