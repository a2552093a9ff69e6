"""A pilot, its success criteria (KPIs) and their measurements: the reviewable fields.

The one place a pilot's fields are written down. The table (``adapters/store/tables``),
the plan-file entry (``adapters/plan_schema``), the merge, the repository mapping, the
``pilot add`` options and the pilot form all take their field lists from these classes
and from the labels of the shown fields (``domain.pilots.PILOT_FIELDS``).
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import JSON, Field, SQLModel

from planner.domain.pilots import PILOT_FIELDS, Decision, PilotStatus
from planner.domain.records.types import Count, Id, Name, Note, text_column
from planner.domain.records.values import changes_of


class PilotFields(SQLModel):
    product: Id
    title: Name
    departments: list[Name] = Field(default_factory=list, sa_type=JSON)
    users: Count = 0
    sponsor: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    status: PilotStatus = Field(default=PilotStatus.PROPOSED, sa_type=text_column())
    decision: Decision | None = Field(default=None, sa_type=text_column())
    rationale: Note = ""
    decided_on: dt.date | None = None


class KpiFields(SQLModel):
    kpi: Id = Field(sa_type=text_column(80))
    target: float


class MeasurementFields(SQLModel):
    kpi: Id = Field(sa_type=text_column(80))
    on: dt.date
    value: float
    # None when typed in, else "FORMAT FILE": the activity report it came from
    source: Note | None = None


class PilotChanges(changes_of(PilotFields, PILOT_FIELDS, "PilotFieldsShown")):  # type: ignore[misc]
    """What ``pilot add``, ``pilot set`` and the pilot form give: the shown fields, each
    optional (a dynamic base, hence the ignore: its fields come from the definition)."""
