"""The plan's record kinds as data: each section of the plan file, its table, its
definition, its key, and what the table keeps that the file does not carry.

The plan import replaces a plan's content kind by kind from this registry
(``plan_store.replace_content``), and an export lists each kind's versions from it. A new
record kind is one entry here (with its definition and table), not another copy of the
delete-then-insert.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table
from sqlmodel import SQLModel

from planner.adapters.store import tables
from planner.domain.records.adoption import ReadinessFields
from planner.domain.records.audience import AudienceFields
from planner.domain.records.contract import ContractFields, ExitStepFields
from planner.domain.records.inventory import RiskFields, ToolFields, TriageRuleFields, VendorFields
from planner.domain.records.pilot import KpiFields, MeasurementFields, PilotFields
from planner.domain.records.rollout import (
    ChampionFields,
    FeatureFields,
    TrainingFields,
    TrainingUpdateFields,
)


def table_of(model: Any) -> Table:
    table: Table = SQLModel.metadata.tables[model.__tablename__]
    return table


@dataclass(frozen=True)
class Child:
    """A list nested in each record of a kind (a pilot's KPIs), stored in its own table."""

    name: str  # the list's name in the file's record
    table: Table
    definition: type[SQLModel]
    parent: str  # the column naming the parent row


@dataclass(frozen=True)
class Kind:
    section: str  # in the plan file
    table: Table
    definition: type[SQLModel]
    # The record's key as the file names it and as the table does; None: the definition's
    # own fields identify it (champions, readiness)
    key: tuple[str, str] | None = None
    versioned: bool = False  # a ``version`` column counts the record's edits
    children: tuple[Child, ...] = ()
    # Columns the file does not carry, kept across an import for a record the file keeps
    # (matched by ``identity``); a record new to the workspace gets ``new(entry)``.
    kept: tuple[str, ...] = ()
    identity: tuple[str, ...] = ()
    new: Callable[[Any], dict[str, Any]] = field(default=lambda entry: {})

    @property
    def match(self) -> tuple[str, ...]:
        """The columns that find a record's earlier row."""
        if self.identity:
            return self.identity
        return (self.key[1],) if self.key is not None else ()


def _new_tool(entry: Any) -> dict[str, Any]:
    """A tool new to the workspace has no log evidence; its users are the file's."""
    return {"log_users": 0, "survey_users": entry.users, "requests": 0, "bytes": 0, "blocked": 0}


def _new_champion(entry: Any) -> dict[str, Any]:
    return {"pseudonym": None}


KINDS: tuple[Kind, ...] = (
    Kind(
        "audiences",
        table_of(tables.AudienceRecord),
        AudienceFields,
        key=("id", "slug"),
        versioned=True,
    ),
    Kind(
        "tools",
        table_of(tables.ToolRecord),
        ToolFields,
        key=("id", "slug"),
        versioned=True,
        # Evidence from the logs: the file shows a tool's users, never edits them.
        kept=("log_users", "survey_users", "requests", "bytes", "blocked"),
        identity=("slug",),
        new=_new_tool,
    ),
    Kind(
        "pilots",
        table_of(tables.PilotRecord),
        PilotFields,
        key=("id", "slug"),
        versioned=True,
        children=(
            Child("criteria", table_of(tables.PilotKpiRecord), KpiFields, "pilot_id"),
            Child(
                "measurements", table_of(tables.MeasurementRecord), MeasurementFields, "pilot_id"
            ),
        ),
    ),
    Kind(
        "features",
        table_of(tables.FeatureRecord),
        FeatureFields,
        key=("id", "slug"),
        versioned=True,
    ),
    Kind(
        "training",
        table_of(tables.TrainingRecord),
        TrainingFields,
        key=("id", "slug"),
        versioned=True,
        children=(
            Child(
                "updates",
                table_of(tables.TrainingUpdateRecord),
                TrainingUpdateFields,
                "training_id",
            ),
        ),
    ),
    Kind(
        "champions",
        table_of(tables.ChampionRecord),
        ChampionFields,
        # A champion's account pseudonym is never in the file: a champion the file keeps
        # keeps the pseudonym, so the reports still follow whose activity it is.
        kept=("pseudonym",),
        identity=("department", "name"),
        new=_new_champion,
    ),
    Kind("readiness", table_of(tables.ReadinessRecord), ReadinessFields),
    Kind(
        "vendors",
        table_of(tables.VendorRecord),
        VendorFields,
        key=("product", "product"),
        versioned=True,
    ),
    Kind("risks", table_of(tables.RiskRecord), RiskFields, key=("id", "slug"), versioned=True),
    Kind("triage", table_of(tables.TriageRuleRecord), TriageRuleFields, key=("domain", "domain")),
    Kind(
        "contracts",
        table_of(tables.ContractRecord),
        ContractFields,
        key=("id", "slug"),
        versioned=True,
    ),
    Kind(
        "exits", table_of(tables.ExitStepRecord), ExitStepFields, key=("id", "slug"), versioned=True
    ),
)

BY_SECTION = {kind.section: kind for kind in KINDS}
