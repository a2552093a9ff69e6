"""Plain copies of ``records.adoption`` (generated: see the package)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field as Bound

from planner.domain.privacy import LegalBasis
from planner.domain.records.plain import Plain
from planner.domain.records.types import Name, Note, Score, Short


class ReadinessFields(Plain):
    """A department's readiness for change (ADKAR, 1-5 each) as assessed on a day."""

    department: Name
    on: dt.date
    awareness: Score
    desire: Score
    knowledge: Score
    ability: Score
    reinforcement: Score
    note: Note = ""


class DataProtectionFields(Plain):
    """Phase 1's first step: the legal ground recorded before analysing employees'
    traffic — GDPR Art. 6 basis, the DPIA (Art. 35), the works council's consultation, how
    long evidence is kept and who holds the pseudonym key."""

    legal_basis: LegalBasis | None = None
    purpose: Note = ""
    dpia_reference: Short | None = None
    dpia_date: dt.date | None = None
    works_council_date: dt.date | None = None
    retention_days: Annotated[int, Bound(ge=1, le=3650)] | None = None
    key_holder: Short | None = None
    recorded_on: dt.date | None = None
