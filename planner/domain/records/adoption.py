"""Adoption and data-protection records — a department's readiness, the plan's
data-protection step — written down once for the table and the plan file."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field as Bound
from sqlmodel import Field, SQLModel

from planner.domain.privacy import LegalBasis
from planner.domain.records.types import Name, Note, Score, Short, text_column
from planner.domain.records.values import changes_of


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


# A dynamic base (its fields come from the definition), hence the ignore.
class DataProtectionChanges(
    changes_of(  # type: ignore[misc]
        DataProtectionFields,
        [name for name in DataProtectionFields.model_fields if name != "recorded_on"],
        "DataProtectionFieldsRecorded",
    )
):
    """What ``privacy set`` and the data-protection form record: every field but the day
    it was recorded on, which the service sets."""
