"""A pilot, its success criteria (KPIs) and their measurements: the reviewable fields.

The one place a pilot's fields are written down. The table (``adapters/store/tables``),
the plan-file entry (``adapters/plan_schema``), the merge, the repository mapping, the
``pilot add`` options and the pilot form all take their field lists from these classes;
a field's label and help are declared here with it (``shown``).
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import JSON, Field, SQLModel

from planner.domain.pilots import Decision, PilotStatus
from planner.domain.records.types import Count, Id, Name, Note, shown, text_column


class PilotFields(SQLModel):
    product: Id
    title: Name = shown("Title", "the pilot's title (default: product and departments)")
    departments: list[Name] = shown(
        "Departments",
        "departments taking part, comma-separated",
        metavar="D1,D2",
        aliases=("--department",),
        placeholder="comma-separated, e.g. R&D, Sales",
        default_factory=list,
        sa_type=JSON,
    )
    users: Count = shown(
        "Users", "how many people take part", metavar="N", placeholder="how many", default=0
    )
    sponsor: str | None = shown("Sponsor", "who sponsors it", default=None)
    start: dt.date | None = shown(
        "Start",
        "first day",
        metavar="YYYY-MM-DD",
        placeholder="YYYY-MM-DD",
        pair=True,
        default=None,
    )
    end: dt.date | None = shown(
        "End", "last day", metavar="YYYY-MM-DD", placeholder="YYYY-MM-DD", pair=True, default=None
    )
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
