"""Plain copies of ``records.inventory`` (generated: see the package)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from planner.domain.catalog import Category
from planner.domain.inventory import Rating
from planner.domain.plan import ToolStatus
from planner.domain.records.plain import Plain
from planner.domain.records.types import Id, Name, Note, VendorStatusName
from planner.domain.risks import Level, RiskStatus


class ToolIdentity(Plain):
    """The first part of a tool's fields. The tool table keeps its log-derived counts
    between these and the rest (the column order of its first revision), so the table
    class slots them in between; everywhere else, use ``ToolFields``."""

    name: Name
    product: Id | None = None
    category: Category | None = None
    status: ToolStatus = ToolStatus.UNOFFICIAL
    classified: bool = False
    purposes: list[Id] = Field(default_factory=list)
    departments: list[Name] = Field(default_factory=list)
    capabilities: list[Id] = Field(default_factory=list)


class ToolFields(ToolIdentity):
    """A tool's reviewable fields."""

    sources: list[Id] = Field(default_factory=list)
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    owner: str | None = None
    notes: Note = ""


class VendorFields(Plain):
    shortlisted: bool = False
    rating: Rating | None = None
    note: Note = ""
    reviewer: str | None = None
    reviewed_on: dt.date | None = None
    status_at_review: VendorStatusName | None = None


class RiskFields(Plain):
    title: Name
    likelihood: Level = Level.MEDIUM
    impact: Level = Level.MEDIUM
    mitigation: Note = ""
    owner: str | None = None
    status: RiskStatus = RiskStatus.OPEN
    evidence: Note = ""


class TriageRuleFields(Plain):
    """A decision on a registrable domain: it covers every host under the domain that no
    catalog product claims, now and in later imports."""

    decision: Literal["mapped", "custom", "ignored"]
    tool: Id | None = None
