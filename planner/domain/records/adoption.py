"""Adoption and data-protection records — a department's readiness, the plan's
data-protection step — written down once for the table and the plan file."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field as Bound
from sqlmodel import Field, SQLModel

from planner.domain.privacy import LegalBasis
from planner.domain.records.types import Name, Note, Score, Short, text_column


class ReadinessFields(SQLModel):
    """A department's readiness for change (ADKAR, 1-5 each) as assessed on a day."""

    department: Name = Field(sa_type=text_column(120))
    on: dt.date
    awareness: Score
    desire: Score
    knowledge: Score
    ability: Score
    reinforcement: Score
    note: Note = ""


class DataProtectionFields(SQLModel):
    """Phase 1's first step: the legal ground recorded before analysing employees'
    traffic — GDPR Art. 6 basis, the DPIA (Art. 35), the works council's consultation, how
    long evidence is kept and who holds the pseudonym key."""

    legal_basis: LegalBasis | None = Field(default=None, sa_type=text_column())
    purpose: Note = Field(default="", sa_column_kwargs={"server_default": ""})
    dpia_reference: Short | None = None
    dpia_date: dt.date | None = None
    works_council_date: dt.date | None = None
    retention_days: Annotated[int, Bound(ge=1, le=3650)] | None = None
    key_holder: Short | None = None
    recorded_on: dt.date | None = None
