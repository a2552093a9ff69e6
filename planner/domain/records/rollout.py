"""Phase 3's records — features, training milestones with their updates, champions —
written down once: the table, the plan-file entry and the repository mapping derive
from these classes."""

from __future__ import annotations

import datetime as dt

from sqlmodel import JSON, Field, SQLModel

from planner.domain.records.types import Audience, Count, Id, Name, text_column
from planner.domain.records.values import changes_of
from planner.domain.rollout import FeatureStatus, TrainingFormat


class FeatureFields(SQLModel):
    title: Name
    product: Id | None = None
    target_system: Id = "intranet"
    departments: list[Name] = Field(default_factory=list, sa_type=JSON)
    due: dt.date | None = None
    owner: str | None = None
    status: FeatureStatus = Field(default=FeatureStatus.PLANNED, sa_type=text_column())
    pilot: Id | None = None  # the adopted pilot that proposed it


class TrainingFields(SQLModel):
    title: Name
    department: Name
    # The plan file requires an audience (see its entry); a row defaults to none yet.
    audience: Audience = 0
    format: TrainingFormat = Field(default=TrainingFormat.WORKSHOP, sa_type=text_column())
    due: dt.date | None = None
    owner: str | None = None


class TrainingUpdateFields(SQLModel):
    on: dt.date
    trained: Count  # people trained so far (a running total, not an increment)


class ChampionFields(SQLModel):
    department: Name
    name: Name  # a role title or initials: no personal data is needed


# A dynamic base (its fields come from the definition), hence the ignore.
class FeatureChanges(
    changes_of(  # type: ignore[misc]
        FeatureFields,
        ("title", "product", "target_system", "departments", "due", "owner", "status"),
        "FeatureFieldsEditable",
    )
):
    """What ``feature set`` and the feature form may change (not the pilot that proposed it)."""
