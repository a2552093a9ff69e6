"""Features, training milestones with their dated updates, and champions, in one session."""

from __future__ import annotations

from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, delete, select

from planner.adapters.store.tables import (
    ChampionRecord,
    FeatureRecord,
    TrainingRecord,
    TrainingUpdateRecord,
)
from planner.domain.rollout import (
    Champion,
    Feature,
    FeatureStatus,
    Training,
    TrainingFormat,
    TrainingUpdate,
)


class RolloutRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def features(self, plan_id: int) -> list[Feature]:
        query = (
            select(FeatureRecord)
            .where(FeatureRecord.plan_id == plan_id)
            .order_by(FeatureRecord.slug)
        )
        return [
            Feature(
                id=r.slug,
                title=r.title,
                product=r.product,
                target_system=r.target_system,
                departments=tuple(r.departments or ()),
                due=r.due,
                owner=r.owner,
                status=FeatureStatus(r.status),
                pilot=r.pilot,
                version=r.version,
            )
            for r in self.session.exec(query)
        ]

    def save_feature(self, plan_id: int, feature: Feature) -> None:
        record = self.session.exec(
            select(FeatureRecord).where(
                FeatureRecord.plan_id == plan_id, FeatureRecord.slug == feature.id
            )
        ).first()
        if record is None:
            record = FeatureRecord(plan_id=plan_id, slug=feature.id, title=feature.title)
        else:
            record.version += 1
        record.title = feature.title
        record.product = feature.product
        record.target_system = feature.target_system
        record.departments = sorted(feature.departments)
        record.due = feature.due
        record.owner = feature.owner
        record.status = feature.status.value
        record.pilot = feature.pilot
        self.session.add(record)

    def lock_training(self, plan_id: int, slug: str) -> None:
        """Lock the milestone's row for this transaction (see PilotRepository.lock)."""
        self.session.exec(
            select(TrainingRecord.id)
            .where(TrainingRecord.plan_id == plan_id, TrainingRecord.slug == slug)
            .with_for_update()
        )

    def trainings(self, plan_id: int) -> list[Training]:
        table = SQLModel.metadata.tables[TrainingRecord.__tablename__]
        records = list(
            self.session.execute(  # Core rows: thousands of milestones
                sa_select(table).where(table.c.plan_id == plan_id).order_by(table.c.slug)
            )
        )
        updates: dict[int, list[TrainingUpdate]] = {}
        upd = SQLModel.metadata.tables[TrainingUpdateRecord.__tablename__]
        of_plan = sa_select(table.c.id).where(table.c.plan_id == plan_id).scalar_subquery()
        for training_id, on, trained in self.session.execute(
            sa_select(upd.c.training_id, upd.c.on, upd.c.trained)
            .where(upd.c.training_id.in_(of_plan))
            .order_by(upd.c.on, upd.c.trained)
        ):
            updates.setdefault(training_id, []).append(TrainingUpdate(on, trained))
        return [
            Training(
                id=r.slug,
                title=r.title,
                department=r.department,
                audience=r.audience,
                format=TrainingFormat(r.format),
                due=r.due,
                owner=r.owner,
                updates=tuple(updates.get(r.id or 0, ())),
                version=r.version,
            )
            for r in records
        ]

    def save_training(self, plan_id: int, training: Training) -> None:
        record = self.session.exec(
            select(TrainingRecord).where(
                TrainingRecord.plan_id == plan_id, TrainingRecord.slug == training.id
            )
        ).first()
        if record is None:
            record = TrainingRecord(
                plan_id=plan_id,
                slug=training.id,
                title=training.title,
                department=training.department,
            )
        else:
            record.version += 1
        record.title = training.title
        record.department = training.department
        record.audience = training.audience
        record.format = training.format.value
        record.due = training.due
        record.owner = training.owner
        self.session.add(record)
        self.session.flush()
        assert record.id is not None
        self.session.exec(
            delete(TrainingUpdateRecord).where(col(TrainingUpdateRecord.training_id) == record.id)
        )
        self.session.add_all(
            TrainingUpdateRecord(training_id=record.id, on=u.on, trained=u.trained)
            for u in training.updates
        )

    def champions(self, plan_id: int) -> list[Champion]:
        query = (
            select(ChampionRecord)
            .where(ChampionRecord.plan_id == plan_id)
            .order_by(ChampionRecord.department, ChampionRecord.name)
        )
        return [Champion(r.department, r.name, r.pseudonym) for r in self.session.exec(query)]

    def add_champion(self, plan_id: int, champion: Champion) -> None:
        exists = self.session.exec(
            select(ChampionRecord).where(
                ChampionRecord.plan_id == plan_id,
                ChampionRecord.department == champion.department,
                ChampionRecord.name == champion.name,
            )
        ).first()
        if exists is None:
            self.session.add(
                ChampionRecord(
                    plan_id=plan_id,
                    department=champion.department,
                    name=champion.name,
                    pseudonym=champion.pseudonym,
                )
            )
        elif champion.pseudonym is not None:
            exists.pseudonym = champion.pseudonym
            self.session.add(exists)
