"""The licence contracts' and exit steps' tables, built on the definitions in
``planner.domain.records.contract`` (revision 0012)."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from planner.adapters.store.tables.workspace import plan_fk
from planner.domain.records.contract import ContractFields, ExitStepFields


class _ContractRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    slug: str = Field(max_length=120)


class ContractRecord(ContractFields, _ContractRecordKeys, table=True):
    __tablename__ = "contract"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    version: int = 1


class _ExitStepRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    slug: str = Field(max_length=120)


class ExitStepRecord(ExitStepFields, _ExitStepRecordKeys, table=True):
    __tablename__ = "exit_step"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    version: int = 1
