"""Phase 1's records — tools, vendor reviews, risks, triage rules — written down once:
the table, the plan-file entry and the repository mapping derive from these classes.

A tool's log-derived counts (users, requests, bytes, blocked) are evidence, not fields a
reviewer edits: they belong to the table alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from sqlmodel import JSON, Field, SQLModel

from planner.domain.catalog import Category
from planner.domain.inventory import Rating
from planner.domain.plan import ToolStatus
from planner.domain.records.types import Id, Name, Note, VendorStatusName, text_column
from planner.domain.records.values import changes_of
from planner.domain.risks import Level, RiskStatus


class ToolIdentity(SQLModel):
    """The first part of a tool's fields. The tool table keeps its log-derived counts
    between these and the rest (the column order of its first revision), so the table
    class slots them in between; everywhere else, use ``ToolFields``."""

    name: Name
    product: Id | None = None
    category: Category | None = Field(default=None, sa_type=text_column())
    status: ToolStatus = Field(default=ToolStatus.UNOFFICIAL, sa_type=text_column())
    classified: bool = False
    purposes: list[Id] = Field(default_factory=list, sa_type=JSON)
    departments: list[Name] = Field(default_factory=list, sa_type=JSON)
    capabilities: list[Id] = Field(default_factory=list, sa_type=JSON)


class ToolFields(ToolIdentity):
    """A tool's reviewable fields."""

    sources: list[Id] = Field(default_factory=list, sa_type=JSON)
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    owner: str | None = None
    notes: Note = ""


class VendorFields(SQLModel):
    shortlisted: bool = False
    rating: Rating | None = Field(default=None, sa_type=text_column())
    note: Note = ""
    reviewer: str | None = None
    reviewed_on: dt.date | None = None
    status_at_review: VendorStatusName | None = Field(default=None, sa_type=text_column())


class RiskFields(SQLModel):
    title: Name
    likelihood: Level = Field(default=Level.MEDIUM, sa_type=text_column())
    impact: Level = Field(default=Level.MEDIUM, sa_type=text_column())
    mitigation: Note = ""
    owner: str | None = None
    status: RiskStatus = Field(default=RiskStatus.OPEN, sa_type=text_column())
    evidence: Note = ""  # the figure and its source


class TriageRuleFields(SQLModel):
    """A decision on a registrable domain: it covers every host under the domain that no
    catalog product claims, now and in later imports."""

    decision: Literal["mapped", "custom", "ignored"] = Field(sa_type=text_column())
    tool: Id | None = None  # the catalog product (mapped) or the plan's tool (custom)


# What may change of a tool: not its evidence and sources (the imports') nor its dates
# (the logs').
_TOOL_EDITABLE = ("name", "status", "owner", "notes", "purposes", "departments", "product",
                  "category", "capabilities")  # fmt: skip


# A dynamic base (its fields come from the definition), hence the ignore.
class ToolChanges(changes_of(ToolFields, _TOOL_EDITABLE, "ToolFieldsEditable")):  # type: ignore[misc]
    """What ``tools set``, the tool form and triage may change of a tool."""
