"""The licence contracts' table, built on the definition in
``planner.domain.records.contract`` (revision 0012)."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from planner.adapters.store.tables.workspace import plan_fk
from planner.domain.records.contract import ContractFields


class _ContractRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    slug: str = Field(max_length=120)


class ContractRecord(ContractFields, _ContractRecordKeys, table=True):
    __tablename__ = "contract"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    version: int = 1
