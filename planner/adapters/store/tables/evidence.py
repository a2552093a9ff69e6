"""What imports leave behind: runs, hosts and their domains, pseudonymous people,
survey answers, activity reports and purges. Evidence, not reviewable records.
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
    text,
)
from sqlmodel import Field, SQLModel

from planner.adapters.store.core_types import UtcMicros
from planner.adapters.store.tables.workspace import plan_fk, traffic_count


class ImportRecord(SQLModel, table=True):
    """One evidence file imported into a plan; its digest stops the same file counting twice."""

    __tablename__ = "import_run"
    __table_args__ = (UniqueConstraint("plan_id", "digest"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
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
    # Revision 0017: no index of its own on ``plan_id`` (the unique key starts with it) nor
    # on ``tool`` (every query on a tool names the plan: ``ix_host_triage`` serves it); a
    # long tail inserts a million rows, and each index costs a B-tree insert per row.
    # Revision 0019: ``users`` from the most, the triage page's order (and a faster build).
    __table_args__ = (
        UniqueConstraint("plan_id", "host"),
        Index("ix_host_triage", "plan_id", "tool", "decision", text("users DESC")),
        Index("ix_host_domain", "plan_id", "domain"),
    )
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk(index=False))
    host: str = Field(max_length=255)
    tool: str | None = None
    # None (automatic) | mapped | custom | ignored | infrastructure (the shipped list)
    decision: str | None = None
    hits: int = traffic_count()
    bytes: int = traffic_count()
    users: int = 0  # len(user_set), kept to rank hosts in SQL
    # The pseudonymous users seen on this host: sorted person ids as packed uint32 (see
    # adapters/store/evidence). One row per host instead of one per (host, user) pair: an import
    # of 1M lines brings ~500,000 pairs but only ~2,000 hosts.
    user_set: builtins.bytes = Field(default=b"", sa_type=LargeBinary)
    # Revision 0018: on SQLite, microseconds since 1970 (``core_types.UtcMicros``)
    first_seen: dt.datetime | None = Field(default=None, sa_type=UtcMicros)
    last_seen: dt.datetime | None = Field(default=None, sa_type=UtcMicros)
    # Requests the proxy denied to a known user: not hits, not users (revision 0004)
    blocked: int = traffic_count(server_default=True)
    # Revision 0009: the registrable domain (grouping is SQL) and the import that first saw
    # the host (None: seen before the workspace kept it), for "new since the last import".
    domain: str | None = Field(default=None, max_length=255)
    first_import: int | None = None
    # Revision 0010: the decision came from the rule on the host's domain (not from a
    # decision on the host itself), so clearing the rule clears only what it decided.
    by_rule: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # Revision 0011: when each person of ``user_set`` was last seen on the host, in the same
    # order, as packed uint32 days since 1970-01-01 (UTC), so that retention drops each
    # person of a host on their own (None: not known, the host's last_seen stands for all).
    user_seen: builtins.bytes | None = Field(default=None, sa_type=LargeBinary)


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
    plan_id: int = Field(sa_column=plan_fk(index=False))  # the unique key starts with it
    domain: str = Field(max_length=255)
    first_import: int | None = None
    hosts: int = 0  # hosts under the domain waiting for triage
    users: int = 0
    hits: int = traffic_count()
    bytes: int = traffic_count()
    last_seen: dt.datetime | None = Field(default=None, sa_type=UtcMicros)  # as the hosts'


class PersonRecord(SQLModel, table=True):
    """A pseudonymous user of one plan: a keyed hash, never a name or an address."""

    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("plan_id", "pseudonym"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    pseudonym: str = Field(max_length=64)
    department: str | None = None


class SurveyAnswerRecord(SQLModel, table=True):
    """One row of a survey: what a department says it uses, and how."""

    __tablename__ = "survey_answer"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
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


class ActivityRecord(SQLModel, table=True):
    """One activity report attached to a pilot or an adopted product, as aggregates only
    (revision 0006): no user name nor pseudonym per row. ``digest`` counts it once."""

    __tablename__ = "activity_report"
    __table_args__ = (UniqueConstraint("plan_id", "subject", "digest"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
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


class PurgeRecord(SQLModel, table=True):
    """One purge of evidence older than the retention period (revision 0008): when, the
    cut-off, and how much was dropped — the log a data-protection officer asks for."""

    __tablename__ = "purge_run"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
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
    plan_id: int = Field(sa_column=plan_fk())
    tool: str = Field(max_length=120)
    users: int = 0


class SetAsideRecord(SQLModel, table=True):
    """Requests to sites revealing special-category data (GDPR Art. 9), per category, that
    imports into the plan counted and dropped (revision 0014): the only trace they leave,
    no host, no person, no date — what the import summary and the record of processing
    report."""

    __tablename__ = "set_aside"
    __table_args__ = (UniqueConstraint("plan_id", "category"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(sa_column=plan_fk())
    category: str = Field(max_length=40)
    requests: int = traffic_count(server_default=True)


class SensitiveDomainRecord(SQLModel, table=True):
    """A domain the workspace adds to the shipped sensitive list (revision 0014), with its
    Art. 9 category: ``planner privacy sensitive add``. Workspace-wide, as the shipped list
    is, and a table rather than a ``planner_meta`` value so ``workspace copy`` keeps it."""

    __tablename__ = "sensitive_domain"
    domain: str = Field(primary_key=True, max_length=255)
    category: str = Field(max_length=40)
    added_on: dt.date
