"""Phase 1's tables: tools, the needs and criteria weights, vendor reviews, risks, triage
rules. Reviewable columns come from the definitions in ``planner.domain.records``."""

from __future__ import annotations

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from planner.adapters.store.tables.workspace import plan_fk, traffic_count
from planner.domain.records.inventory import (
    RiskFields,
    ToolFields,
    ToolIdentity,
    TriageRuleFields,
    VendorFields,
)


class _ToolRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    slug: str = Field(max_length=120)


class _ToolEvidence(ToolIdentity):
    """Evidence counts, not reviewable: the log import keeps them."""

    log_users: int = 0  # distinct pseudonymous users over all hosts and imports
    survey_users: int = 0  # users reported in surveys (per department, summed)
    requests: int = traffic_count()
    bytes: int = traffic_count()


class ToolRecord(ToolFields, _ToolEvidence, _ToolRecordKeys, table=True):
    """Columns in the order keys, identity, evidence, the rest of the fields, version:
    Python's method resolution order of the bases gives exactly that."""

    __tablename__ = "tool"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    version: int = 1
    # Requests the proxy denied to a known user, over all hosts (revision 0004)
    blocked: int = traffic_count(server_default=True)


class _TriageRuleRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    domain: str = Field(max_length=255)


class TriageRuleRecord(TriageRuleFields, _TriageRuleRecordKeys, table=True):
    """A triage decision on a registrable domain (revision 0005)."""

    __tablename__ = "triage_rule"
    __table_args__ = (UniqueConstraint("plan_id", "domain"),)


class NeedRecord(SQLModel, table=True):
    """How much the organisation needs a capability (0–5); pilots are scored on it."""

    __tablename__ = "need"
    __table_args__ = (UniqueConstraint("plan_id", "capability"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    capability: str = Field(max_length=80)
    weight: int = 0


class CriterionRecord(SQLModel, table=True):
    """The plan's weight for one scoring criterion (capability fit, security, …)."""

    __tablename__ = "criterion_weight"
    __table_args__ = (UniqueConstraint("plan_id", "criterion"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    criterion: str = Field(max_length=40)
    weight: float = 0.0


class _VendorRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    product: str = Field(max_length=80)


class VendorRecord(VendorFields, _VendorRecordKeys, table=True):
    """The plan's shortlist and its review of each vendor's strategy."""

    __tablename__ = "vendor_review"
    __table_args__ = (UniqueConstraint("plan_id", "product"),)
    version: int = 1


class _RiskRecordKeys(SQLModel):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    slug: str = Field(max_length=80)


class RiskRecord(RiskFields, _RiskRecordKeys, table=True):
    __tablename__ = "risk"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    version: int = 1
