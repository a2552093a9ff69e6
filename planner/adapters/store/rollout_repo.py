"""Features, training milestones with their dated updates, and champions, in one session.

Fields move between rows and domain objects by each record's definition
(``domain.records.values``): a field added to a definition needs no change here."""

from __future__ import annotations

from functools import partial

from sqlmodel import Session, col, delete, select

from planner.adapters.store import reads_rollout
from planner.adapters.store.tables import (
    ChampionRecord,
    FeatureRecord,
    TrainingRecord,
    TrainingUpdateRecord,
)
from planner.adapters.store.upsert import save_versioned
from planner.domain.records.rollout import (
    ChampionFields,
    FeatureFields,
    TrainingFields,
    TrainingUpdateFields,
)
from planner.domain.records.values import row_values
from planner.domain.rollout import Champion, Feature, Training


class RolloutRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def features(self, plan_id: int) -> list[Feature]:
        return reads_rollout.features(self.session, plan_id)

    def save_feature(self, plan_id: int, feature: Feature) -> None:
        record = self.session.exec(
            select(FeatureRecord).where(
                FeatureRecord.plan_id == plan_id, FeatureRecord.slug == feature.id
            )
        ).first()
        values = row_values(FeatureFields, feature)
        make = partial(FeatureRecord, plan_id=plan_id, slug=feature.id)
        save_versioned(self.session, record, make, values)

    def lock_training(self, plan_id: int, slug: str) -> None:
        """Lock the milestone's row for this transaction (see PilotRepository.lock)."""
        self.session.exec(
            select(TrainingRecord.id)
            .where(TrainingRecord.plan_id == plan_id, TrainingRecord.slug == slug)
            .with_for_update()
        )

    def trainings(self, plan_id: int) -> list[Training]:
        return reads_rollout.trainings(self.session, plan_id)

    def save_training(self, plan_id: int, training: Training) -> None:
        record = self.session.exec(
            select(TrainingRecord).where(
                TrainingRecord.plan_id == plan_id, TrainingRecord.slug == training.id
            )
        ).first()
        values = row_values(TrainingFields, training)
        make = partial(TrainingRecord, plan_id=plan_id, slug=training.id)
        record = save_versioned(self.session, record, make, values)
        self.session.flush()
        assert record.id is not None
        self.session.exec(
            delete(TrainingUpdateRecord).where(col(TrainingUpdateRecord.training_id) == record.id)
        )
        self.session.add_all(
            TrainingUpdateRecord(training_id=record.id, **row_values(TrainingUpdateFields, u))
            for u in training.updates
        )

    def champions(self, plan_id: int) -> list[Champion]:
        return reads_rollout.champions(self.session, plan_id)

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
                    **row_values(ChampionFields, champion),
                    pseudonym=champion.pseudonym,
                )
            )
        elif champion.pseudonym is not None:
            exists.pseudonym = champion.pseudonym
            self.session.add(exists)
