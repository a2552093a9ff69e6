"""Phase 3's tables and the adoption records: features, training milestones and their
updates, champions, readiness, the rollout setting and the data-protection step, built on
the definitions in ``planner.domain.records``."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from planner.adapters.store.tables.workspace import plan_fk
from planner.domain.records.adoption import DataProtectionFields, ReadinessFields
from planner.domain.records.rollout import (
    ChampionFields,
    FeatureFields,
    TrainingFields,
    TrainingUpdateFields,
)


class _FeatureRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    slug: str = Field(max_length=120)


class FeatureRecord(FeatureFields, _FeatureRecordKeys, table=True):
    __tablename__ = "feature"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    version: int = 1


class _TrainingRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    slug: str = Field(max_length=120)


class TrainingRecord(TrainingFields, _TrainingRecordKeys, table=True):
    __tablename__ = "training"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    version: int = 1


class _TrainingUpdateRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    training_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("training.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )


class TrainingUpdateRecord(TrainingUpdateFields, _TrainingUpdateRecordKeys, table=True):
    __tablename__ = "training_update"


class _ChampionRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())


class ChampionRecord(ChampionFields, _ChampionRecordKeys, table=True):
    __tablename__ = "champion"
    __table_args__ = (UniqueConstraint("plan_id", "department", "name"),)
    # The champion's account pseudonymised with the workspace key, to find their own
    # activity in reports; never the account itself (revision 0006)
    pseudonym: str | None = None


class _ReadinessRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())


class ReadinessRecord(ReadinessFields, _ReadinessRecordKeys, table=True):
    """Revision 0006."""

    __tablename__ = "readiness"
    __table_args__ = (UniqueConstraint("plan_id", "department", "on"),)


class RolloutSettingRecord(SQLModel, table=True):
    """Plan-wide rollout settings: the champions' target ratio (revision 0006)."""

    __tablename__ = "rollout_setting"
    plan_id: int = Field(
        sa_column=Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True)
    )
    people_per_champion: int = 50


class _DataProtectionRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())


class DataProtectionRecord(DataProtectionFields, _DataProtectionRecordKeys, table=True):
    """Revision 0008."""

    __tablename__ = "data_protection"
    __table_args__ = (UniqueConstraint("plan_id"),)
