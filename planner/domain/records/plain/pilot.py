"""Plain copies of ``records.pilot`` (generated: see the package)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from planner.domain.pilots import Decision, PilotStatus
from planner.domain.records.plain import Plain
from planner.domain.records.types import Count, Id, Name, Note


class PilotFields(Plain):
    product: Id
    title: Name
    departments: list[Name] = Field(default_factory=list)
    users: Count = 0
    sponsor: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    status: PilotStatus = PilotStatus.PROPOSED
    decision: Decision | None = None
    rationale: Note = ""
    decided_on: dt.date | None = None


class KpiFields(Plain):
    kpi: Id
    target: float


class MeasurementFields(Plain):
    kpi: Id
    on: dt.date
    value: float
    source: Note | None = None
