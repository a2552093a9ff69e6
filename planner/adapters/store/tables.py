"""SQLModel table classes: how plans are stored, kept apart from the domain classes.

Screens and services get domain objects (``planner.domain.plan``); only the adapters see
these records. Lists (purposes, departments, sources) are JSON columns: they are small,
always read whole, and JSON works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    UniqueConstraint,
    false,
)
from sqlmodel import Field, SQLModel


def _plan_fk() -> Any:
    return Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=True)


class MetaRecord(SQLModel, table=True):
    """Workspace-level facts, such as the schema version."""

    __tablename__ = "planner_meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str


class PlanRecord(SQLModel, table=True):
    __tablename__ = "plan"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True, max_length=120)
    organisation: str = ""
    owner: str | None = None
    start: dt.date
    eu_residency_required: bool = False
    version: int = 1
    employees: int | None = None
    # comma-separated use-case ids in the plan's order; comma-separated deployment kinds
    use_cases: str = Field(default="", sa_column_kwargs={"server_default": ""})
    excluded_deployments: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # Revision 0010: the digest of the infrastructure list last applied to the plan's hosts
    # (None: never), so an import re-classifies earlier hosts only when the list changed.
    infrastructure_digest: str | None = Field(default=None, max_length=64)


class ToolRecord(SQLModel, table=True):
    __tablename__ = "tool"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    slug: str = Field(max_length=120)
    name: str
    product: str | None = None
    category: str | None = None
    status: str = "unofficial"
    classified: bool = False
    purposes: list[str] = Field(default_factory=list, sa_type=JSON)
    departments: list[str] = Field(default_factory=list, sa_type=JSON)
    capabilities: list[str] = Field(default_factory=list, sa_type=JSON)
    log_users: int = 0  # distinct pseudonymous users over all hosts and imports
    survey_users: int = 0  # users reported in surveys (per department, summed)
    requests: int = 0
    bytes: int = 0
    sources: list[str] = Field(default_factory=list, sa_type=JSON)
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    owner: str | None = None
    notes: str = ""
    version: int = 1
    # Requests the proxy denied to a known user, over all hosts (revision 0004)
    blocked: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class ImportRecord(SQLModel, table=True):
    """One evidence file imported into a plan; its digest stops the same file counting twice."""

    __tablename__ = "import_run"
    __table_args__ = (UniqueConstraint("plan_id", "digest"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    digest: str = Field(max_length=64)
    source: str  # the file's name, for the user; never its content
    format: str
    lines: int = 0
    skipped: int = 0
    imported_at: dt.datetime
    # Revision 0009: the digest of the file's bytes on disk (gzip as it is), so a re-run over
    # a growing set of rotated logs skips the files already in without decompressing them.
    file_digest: str | None = Field(default=None, max_length=64, index=True)


class HostRecord(SQLModel, table=True):
    """Aggregates of one host seen in a plan's logs, and the triage decision about it.

    ``tool`` is the slug of the tool the host feeds (a catalog match, a mapping or a custom
    tool); ``decision`` remembers a person's choice so later imports follow it.
    """

    __tablename__ = "host"
    __table_args__ = (
        UniqueConstraint("plan_id", "host"),
        Index("ix_host_triage", "plan_id", "tool", "decision", "users"),
        Index("ix_host_domain", "plan_id", "domain"),
    )
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    host: str = Field(max_length=255)
    tool: str | None = Field(default=None, index=True)
    # None (automatic) | mapped | custom | ignored | infrastructure (the shipped list)
    decision: str | None = None
    hits: int = 0
    bytes: int = 0
    users: int = 0  # len(user_set), kept to rank hosts in SQL
    # The pseudonymous users seen on this host: sorted person ids as packed uint32 (see
    # adapters/store/evidence). One row per host instead of one per (host, user) pair: an import
    # of 1M lines brings ~500,000 pairs but only ~2,000 hosts.
    user_set: builtins.bytes = Field(default=b"", sa_type=LargeBinary)
    first_seen: dt.datetime | None = None
    last_seen: dt.datetime | None = None
    # Requests the proxy denied to a known user: not hits, not users (revision 0004)
    blocked: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # Revision 0009: the registrable domain (grouping is SQL) and the import that first saw
    # the host (None: seen before the workspace kept it), for "new since the last import".
    domain: str | None = Field(default=None, max_length=255)
    first_import: int | None = None
    # Revision 0010: the decision came from the rule on the host's domain (not from a
    # decision on the host itself), so clearing the rule clears only what it decided.
    by_rule: bool = Field(default=False, sa_column_kwargs={"server_default": false()})


class HostDomainRecord(SQLModel, table=True):
    """One registrable domain of a plan's hosts (revision 0009), kept as imports and triage
    go: when it was first seen, and the totals over its hosts still waiting for triage
    (``users`` counts each person once over them), so the long tail pages in SQL."""

    __tablename__ = "host_domain"
    __table_args__ = (
        UniqueConstraint("plan_id", "domain"),
        Index("ix_host_domain_page", "plan_id", "users", "hits"),
    )
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    domain: str = Field(max_length=255)
    first_import: int | None = None
    hosts: int = 0  # hosts under the domain waiting for triage
    users: int = 0
    hits: int = 0
    bytes: int = 0
    last_seen: dt.datetime | None = None


class TriageRuleRecord(SQLModel, table=True):
    """A triage decision on a registrable domain (revision 0005): it covers every host
    under the domain that no catalog product claims, now and in later imports."""

    __tablename__ = "triage_rule"
    __table_args__ = (UniqueConstraint("plan_id", "domain"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    domain: str = Field(max_length=255)
    decision: str  # mapped | custom | ignored
    tool: str | None = None  # the product or custom tool's slug; None when ignored


class PersonRecord(SQLModel, table=True):
    """A pseudonymous user of one plan: a keyed hash, never a name or an address."""

    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("plan_id", "pseudonym"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    pseudonym: str = Field(max_length=64)
    department: str | None = None


class SurveyAnswerRecord(SQLModel, table=True):
    """One row of a survey: what a department says it uses, and how."""

    __tablename__ = "survey_answer"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    import_id: int = Field(
        sa_column=Column(Integer, ForeignKey("import_run.id", ondelete="CASCADE"), nullable=False)
    )
    tool: str
    department: str | None = None
    official: str | None = None
    purposes: list[str] = Field(default_factory=list, sa_type=JSON)
    users: int = 0
    # What the respondent wrote in the survey's comments column (revision 0002).
    comments: str = Field(default="", sa_column_kwargs={"server_default": ""})


class NeedRecord(SQLModel, table=True):
    """How much the organisation needs a capability (0–5); pilots are scored on it."""

    __tablename__ = "need"
    __table_args__ = (UniqueConstraint("plan_id", "capability"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    capability: str = Field(max_length=80)
    weight: int = 0


class VendorRecord(SQLModel, table=True):
    """The plan's shortlist and its review of each vendor's strategy."""

    __tablename__ = "vendor_review"
    __table_args__ = (UniqueConstraint("plan_id", "product"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    product: str = Field(max_length=80)
    shortlisted: bool = False
    rating: str | None = None
    note: str = ""
    reviewer: str | None = None
    reviewed_on: dt.date | None = None
    status_at_review: str | None = None
    version: int = 1


class RiskRecord(SQLModel, table=True):
    __tablename__ = "risk"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    slug: str = Field(max_length=80)
    title: str
    likelihood: str = "medium"
    impact: str = "medium"
    mitigation: str = ""
    owner: str | None = None
    status: str = "open"
    evidence: str = ""
    version: int = 1


class CriterionRecord(SQLModel, table=True):
    """The plan's weight for one scoring criterion (capability fit, security, …)."""

    __tablename__ = "criterion_weight"
    __table_args__ = (UniqueConstraint("plan_id", "criterion"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    criterion: str = Field(max_length=40)
    weight: float = 0.0


class PilotRecord(SQLModel, table=True):
    __tablename__ = "pilot"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    slug: str = Field(max_length=80)
    product: str
    title: str
    departments: list[str] = Field(default_factory=list, sa_type=JSON)
    users: int = 0
    sponsor: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    status: str = "proposed"
    decision: str | None = None
    rationale: str = ""
    decided_on: dt.date | None = None
    version: int = 1


def _pilot_fk() -> Any:
    return Column(Integer, ForeignKey("pilot.id", ondelete="CASCADE"), nullable=False, index=True)


class PilotKpiRecord(SQLModel, table=True):
    __tablename__ = "pilot_kpi"
    __table_args__ = (UniqueConstraint("pilot_id", "kpi"),)
    id: int | None = Field(default=None, primary_key=True)
    pilot_id: int = Field(sa_column=_pilot_fk())
    kpi: str = Field(max_length=80)
    target: float


class MeasurementRecord(SQLModel, table=True):
    __tablename__ = "pilot_measurement"
    id: int | None = Field(default=None, primary_key=True)
    pilot_id: int = Field(sa_column=_pilot_fk())
    kpi: str = Field(max_length=80)
    on: dt.date
    value: float
    # Where the value came from: None when typed in, else "FORMAT FILE" (revision 0006)
    source: str | None = None


class FeatureRecord(SQLModel, table=True):
    __tablename__ = "feature"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    slug: str = Field(max_length=120)
    title: str
    product: str | None = None
    target_system: str = "intranet"
    departments: list[str] = Field(default_factory=list, sa_type=JSON)
    due: dt.date | None = None
    owner: str | None = None
    status: str = "planned"
    pilot: str | None = None
    version: int = 1


class TrainingRecord(SQLModel, table=True):
    __tablename__ = "training"
    __table_args__ = (UniqueConstraint("plan_id", "slug"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    slug: str = Field(max_length=120)
    title: str
    department: str
    audience: int = 0
    format: str = "workshop"
    due: dt.date | None = None
    owner: str | None = None
    version: int = 1


class TrainingUpdateRecord(SQLModel, table=True):
    __tablename__ = "training_update"
    id: int | None = Field(default=None, primary_key=True)
    training_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("training.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    on: dt.date
    trained: int


class ChampionRecord(SQLModel, table=True):
    __tablename__ = "champion"
    __table_args__ = (UniqueConstraint("plan_id", "department", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    department: str
    name: str
    # The champion's account pseudonymised with the workspace key, to find their own
    # activity in reports; never the account itself (revision 0006)
    pseudonym: str | None = None


class PlanExportRecord(SQLModel, table=True):
    """What an export of a plan contained (its reviewable document, as JSON), so that an
    import of the reviewed file can merge three ways against it (issue 14). Keyed by the
    digest of the file's ``base`` section; a few of the latest are kept per plan."""

    __tablename__ = "plan_export"
    __table_args__ = (UniqueConstraint("plan_id", "base_digest"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    base_digest: str = Field(max_length=64)
    revision: int = 0
    exported_on: dt.date
    path: str | None = None
    document: str = ""


class ActivityRecord(SQLModel, table=True):
    """One activity report attached to a pilot or an adopted product, as aggregates only
    (revision 0006): no user name nor pseudonym per row. ``digest`` counts it once."""

    __tablename__ = "activity_report"
    __table_args__ = (UniqueConstraint("plan_id", "subject", "digest"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    subject: str = Field(max_length=120)  # "pilot:ID" or "product:ID"
    digest: str = Field(max_length=64)
    format: str = Field(max_length=40)
    source: str = ""
    as_of: dt.date
    period_start: dt.date
    period_end: dt.date
    population: int = 0
    listed: int = 0
    active: int = 0
    weekly_active: int = 0
    posts: int = 0
    reads: int | None = None
    replies: int | None = None
    # {department: [people, weekly active]}
    departments: dict[str, list[int]] = Field(default_factory=dict, sa_type=JSON)
    # [[department, name, active (0/1), posts]]
    champions: list[list[Any]] = Field(default_factory=list, sa_type=JSON)


class ReadinessRecord(SQLModel, table=True):
    """A department's readiness for change (ADKAR, 1-5 each) as assessed on a day
    (revision 0006)."""

    __tablename__ = "readiness"
    __table_args__ = (UniqueConstraint("plan_id", "department", "on"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    department: str = Field(max_length=120)
    on: dt.date
    awareness: int
    desire: int
    knowledge: int
    ability: int
    reinforcement: int
    note: str = ""


class RolloutSettingRecord(SQLModel, table=True):
    """Plan-wide rollout settings: the champions' target ratio (revision 0006)."""

    __tablename__ = "rollout_setting"
    plan_id: int = Field(
        sa_column=Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True)
    )
    people_per_champion: int = 50


class DataProtectionRecord(SQLModel, table=True):
    """Phase 1's first step (revision 0008): the legal ground recorded before analysing
    employees' traffic — GDPR Art. 6 basis, the DPIA (Art. 35), the works council's
    consultation, how long evidence is kept and who holds the pseudonym key."""

    __tablename__ = "data_protection"
    __table_args__ = (UniqueConstraint("plan_id"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    legal_basis: str | None = None  # an Art. 6(1) basis, e.g. legitimate-interests
    purpose: str = Field(default="", sa_column_kwargs={"server_default": ""})
    dpia_reference: str | None = None
    dpia_date: dt.date | None = None
    works_council_date: dt.date | None = None
    retention_days: int | None = None
    key_holder: str | None = None
    recorded_on: dt.date | None = None


class PurgeRecord(SQLModel, table=True):
    """One purge of evidence older than the retention period (revision 0008): when, the
    cut-off, and how much was dropped — the log a data-protection officer asks for."""

    __tablename__ = "purge_run"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    purged_at: dt.datetime
    cutoff: dt.datetime
    hosts: int = 0  # hosts whose pseudonym sets were dropped
    persons: int = 0  # pseudonyms deleted (seen nowhere else any more)


class PurgedUsersRecord(SQLModel, table=True):
    """People a tool had on hosts whose pseudonym sets were purged (revision 0008): kept as
    a count so a tool's users do not drop when its evidence ages out."""

    __tablename__ = "purged_users"
    __table_args__ = (UniqueConstraint("plan_id", "tool"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=_plan_fk())
    tool: str = Field(max_length=120)
    users: int = 0
