"""Activity snapshots, readiness assessments and the champions' ratio, in one session.

Kept apart from ``pilot_repo`` and ``rollout_repo`` so each stays small; same contract:
records in, domain objects out. Snapshots hold aggregates only (see domain/activity).
"""

from __future__ import annotations

from sqlmodel import Session, SQLModel, col, select

from planner.adapters.store.bulk import insert_rows
from planner.adapters.store.tables import ActivityRecord, ReadinessRecord, RolloutSettingRecord
from planner.domain.activity import ActivitySnapshot, ChampionActivity, DepartmentActivity
from planner.domain.readiness import DEFAULT_PEOPLE_PER_CHAMPION, Readiness
from planner.domain.records.adoption import ReadinessFields
from planner.domain.records.values import domain_values, row_values


def _snapshot(r: ActivityRecord) -> ActivitySnapshot:
    return ActivitySnapshot(
        subject=r.subject,
        digest=r.digest,
        format=r.format,
        source=r.source,
        as_of=r.as_of,
        period_start=r.period_start,
        period_end=r.period_end,
        population=r.population,
        listed=r.listed,
        active=r.active,
        weekly_active=r.weekly_active,
        posts=r.posts,
        reads=r.reads,
        replies=r.replies,
        departments={
            d: DepartmentActivity(int(v[0]), int(v[1])) for d, v in (r.departments or {}).items()
        },
        champions=tuple(
            ChampionActivity(str(c[0]), str(c[1]), bool(c[2]), int(c[3]))
            for c in (r.champions or [])
        ),
    )


class AdoptionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # activity snapshots --------------------------------------------------------------------
    def snapshots(self, plan_id: int, subject: str | None = None) -> list[ActivitySnapshot]:
        query = select(ActivityRecord).where(ActivityRecord.plan_id == plan_id)
        if subject is not None:
            query = query.where(ActivityRecord.subject == subject)
        query = query.order_by(
            col(ActivityRecord.subject), col(ActivityRecord.as_of), col(ActivityRecord.digest)
        )
        return [_snapshot(r) for r in self.session.exec(query)]

    def has_snapshot(self, plan_id: int, subject: str, digest: str) -> bool:
        query = select(ActivityRecord.id).where(
            ActivityRecord.plan_id == plan_id,
            ActivityRecord.subject == subject,
            ActivityRecord.digest == digest,
        )
        return self.session.exec(query).first() is not None

    def add_snapshot(self, plan_id: int, s: ActivitySnapshot) -> None:
        """One report's aggregates, written through the imports' bulk path (one row)."""
        values = {
            "plan_id": plan_id,
            "subject": s.subject,
            "digest": s.digest,
            "format": s.format,
            "source": s.source,
            "as_of": s.as_of,
            "period_start": s.period_start,
            "period_end": s.period_end,
            "population": s.population,
            "listed": s.listed,
            "active": s.active,
            "weekly_active": s.weekly_active,
            "posts": s.posts,
            "reads": s.reads,
            "replies": s.replies,
            "departments": {d: [a.people, a.active] for d, a in s.departments.items()},
            "champions": [[c.department, c.name, int(c.active), c.posts] for c in s.champions],
        }
        table = SQLModel.metadata.tables[ActivityRecord.__tablename__]
        insert_rows(self.session, table, tuple(values), [tuple(values.values())])

    # readiness -----------------------------------------------------------------------------
    def readiness(self, plan_id: int) -> list[Readiness]:
        query = (
            select(ReadinessRecord)
            .where(ReadinessRecord.plan_id == plan_id)
            .order_by(col(ReadinessRecord.department), col(ReadinessRecord.on))
        )
        return [
            Readiness(**domain_values(ReadinessFields, r, Readiness))
            for r in self.session.exec(query)
        ]

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
        record = self.session.get(RolloutSettingRecord, plan_id)
        return record.people_per_champion if record else DEFAULT_PEOPLE_PER_CHAMPION

    def set_people_per_champion(self, plan_id: int, value: int) -> None:
        record = self.session.get(RolloutSettingRecord, plan_id) or RolloutSettingRecord(
            plan_id=plan_id
        )
        record.people_per_champion = value
        self.session.add(record)
