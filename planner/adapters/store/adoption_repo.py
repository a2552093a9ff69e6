"""Activity snapshots, readiness assessments and the champions' ratio, in one session.

Kept apart from ``pilot_repo`` and ``rollout_repo`` so each stays small; same contract:
records in, domain objects out. Snapshots hold aggregates only (see domain/activity).
"""

from __future__ import annotations

from sqlmodel import Session, SQLModel, select

from planner.adapters.store import reads_rollout
from planner.adapters.store.bulk import insert_rows
from planner.adapters.store.tables import ActivityRecord, ReadinessRecord, RolloutSettingRecord
from planner.domain.activity import ActivitySnapshot
from planner.domain.readiness import Readiness
from planner.domain.records.adoption import ReadinessFields
from planner.domain.records.values import row_values


class AdoptionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # activity snapshots --------------------------------------------------------------------
    def snapshots(self, plan_id: int, subject: str | None = None) -> list[ActivitySnapshot]:
        return reads_rollout.snapshots(self.session, plan_id, subject)

    def has_snapshot(self, plan_id: int, subject: str, digest: str) -> bool:
        query = select(ActivityRecord.id).where(
            ActivityRecord.plan_id == plan_id,
            ActivityRecord.subject == subject,
            ActivityRecord.digest == digest,
        )
        return self.session.exec(query).first() is not None

    def add_snapshot(self, plan_id: int, s: ActivitySnapshot) -> None:
        """One report's aggregates, written through the imports' bulk path (one row)."""
        values = {"plan_id": plan_id, **s.as_fields()}
        # stored as 0/1, as rows written before were
        values["champions"] = [[c.department, c.name, int(c.active), c.posts] for c in s.champions]
        table = SQLModel.metadata.tables[ActivityRecord.__tablename__]
        insert_rows(self.session, table, tuple(values), [tuple(values.values())])

    # readiness -----------------------------------------------------------------------------
    def readiness(self, plan_id: int) -> list[Readiness]:
        return reads_rollout.readiness_of(self.session, plan_id)

    def save_readiness(self, plan_id: int, r: Readiness) -> None:
        """Insert or replace the department's assessment of that day."""
        record = self.session.exec(
            select(ReadinessRecord).where(
                ReadinessRecord.plan_id == plan_id,
                ReadinessRecord.department == r.department,
                ReadinessRecord.on == r.on,
            )
        ).first()
        values = row_values(ReadinessFields, r)
        if record is None:
            record = ReadinessRecord(plan_id=plan_id, **values)
        else:
            record.sqlmodel_update(values)
        self.session.add(record)

    # settings ------------------------------------------------------------------------------
    def people_per_champion(self, plan_id: int) -> int:
        return reads_rollout.people_per_champion(self.session, plan_id)

    def set_people_per_champion(self, plan_id: int, value: int) -> None:
        record = self.session.get(RolloutSettingRecord, plan_id) or RolloutSettingRecord(
            plan_id=plan_id
        )
        record.people_per_champion = value
        self.session.add(record)
