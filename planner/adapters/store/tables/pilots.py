"""The pilot tables: a pilot, its KPIs and their measurements, built on the definitions
in ``planner.domain.records.pilot``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from planner.adapters.store.tables.workspace import plan_fk
from planner.domain.records.pilot import KpiFields, MeasurementFields, PilotFields


class _PilotRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    slug: str = Field(max_length=80)


class PilotRecord(PilotFields, _PilotRecordKeys, table=True):
    __tablename__ = "pilot"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    version: int = 1


def _pilot_fk() -> Any:
    return Column(Integer, ForeignKey("pilot.id", ondelete="CASCADE"), nullable=False, index=True)


class _PilotKpiRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    pilot_id: int = Field(sa_column=_pilot_fk())


class PilotKpiRecord(KpiFields, _PilotKpiRecordKeys, table=True):
    __tablename__ = "pilot_kpi"
    __table_args__ = (UniqueConstraint("pilot_id", "kpi"),)


class _MeasurementRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    pilot_id: int = Field(sa_column=_pilot_fk())


class MeasurementRecord(MeasurementFields, _MeasurementRecordKeys, table=True):
    """``source`` arrived with revision 0006."""

    __tablename__ = "pilot_measurement"
