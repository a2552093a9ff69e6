"""Plain copies of ``records.rollout`` (generated: see the package)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from planner.domain.records.plain import Plain
from planner.domain.records.types import Audience, Count, Id, Name
from planner.domain.rollout import FeatureStatus, TrainingFormat


class FeatureFields(Plain):
    title: Name
    product: Id | None = None
    target_system: Id = "intranet"
    departments: list[Name] = Field(default_factory=list)
    due: dt.date | None = None
    owner: str | None = None
    status: FeatureStatus = FeatureStatus.PLANNED
    pilot: Id | None = None


class TrainingFields(Plain):
    title: Name
    department: Name
    audience: Audience = 0
    format: TrainingFormat = TrainingFormat.WORKSHOP
    due: dt.date | None = None
    owner: str | None = None


class TrainingUpdateFields(Plain):
    on: dt.date
    trained: Count


class ChampionFields(Plain):
    department: Name
    name: Name
