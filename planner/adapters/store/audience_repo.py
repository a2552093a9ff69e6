"""Audiences in one session, moved between rows and domain objects by their definition
(``domain.records.values``): a field added to it needs no change here."""

from __future__ import annotations

from functools import partial

from sqlmodel import Session, delete, select

from planner.adapters.store import reads
from planner.adapters.store.tables import AudienceRecord
from planner.adapters.store.upsert import save_versioned
from planner.domain.audiences import Audience
from planner.domain.records.audience import AudienceFields
from planner.domain.records.values import row_values


class AudienceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def audiences(self, plan_id: int) -> list[Audience]:
        return reads.audiences(self.session, plan_id)

    def save(self, plan_id: int, audience: Audience) -> None:
        record = self.session.exec(
            select(AudienceRecord).where(
                AudienceRecord.plan_id == plan_id, AudienceRecord.slug == audience.id
            )
        ).first()
        values = row_values(AudienceFields, audience)
        make = partial(AudienceRecord, plan_id=plan_id, slug=audience.id)
        save_versioned(self.session, record, make, values)

    def delete(self, plan_id: int, slug: str) -> None:
        self.session.exec(
            delete(AudienceRecord).where(
                AudienceRecord.plan_id == plan_id,  # type: ignore[arg-type]
                AudienceRecord.slug == slug,  # type: ignore[arg-type]
            )
        )
