"""Core tables of ``tables.evidence`` (generated: see the package)."""

from __future__ import annotations

from sqlalchemy import Column, Table
from sqlalchemy.types import JSON, BigInteger, Boolean, Date, Integer, LargeBinary, String

from planner.adapters.store.core_types import UtcDateTime, UtcMicros, metadata

activity_report = Table(
    "activity_report",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("subject", String(120), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("format", String(40), nullable=False),
    Column("source", String(), nullable=False, default=""),
    Column("as_of", Date(), nullable=False),
    Column("period_start", Date(), nullable=False),
    Column("period_end", Date(), nullable=False),
    Column("population", Integer(), nullable=False, default=0),
    Column("listed", Integer(), nullable=False, default=0),
    Column("active", Integer(), nullable=False, default=0),
    Column("weekly_active", Integer(), nullable=False, default=0),
    Column("posts", Integer(), nullable=False, default=0),
    Column("reads", Integer()),
    Column("replies", Integer()),
    Column("departments", JSON(), nullable=False, default=dict),
    Column("champions", JSON(), nullable=False, default=list),
)


host = Table(
    "host",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("host", String(255), nullable=False),
    Column("tool", String()),
    Column("decision", String()),
    Column("hits", BigInteger(), nullable=False, default=0),
    Column("bytes", BigInteger(), nullable=False, default=0),
    Column("users", Integer(), nullable=False, default=0),
    Column("user_set", LargeBinary(), nullable=False, default=b""),
    Column("first_seen", UtcMicros()),
    Column("last_seen", UtcMicros()),
    Column("blocked", BigInteger(), nullable=False, default=0),
    Column("domain", String(255)),
    Column("first_import", Integer()),
    Column("by_rule", Boolean(), nullable=False, default=False),
    Column("user_seen", LargeBinary()),
)


host_domain = Table(
    "host_domain",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("domain", String(255), nullable=False),
    Column("first_import", Integer()),
    Column("hosts", Integer(), nullable=False, default=0),
    Column("users", Integer(), nullable=False, default=0),
    Column("hits", BigInteger(), nullable=False, default=0),
    Column("bytes", BigInteger(), nullable=False, default=0),
    Column("last_seen", UtcMicros()),
)


import_run = Table(
    "import_run",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("source", String(), nullable=False),
    Column("format", String(), nullable=False),
    Column("lines", Integer(), nullable=False, default=0),
    Column("skipped", Integer(), nullable=False, default=0),
    Column("imported_at", UtcDateTime(), nullable=False),
    Column("file_digest", String(64)),
)


person = Table(
    "person",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("pseudonym", String(64), nullable=False),
    Column("department", String()),
)


purge_run = Table(
    "purge_run",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("purged_at", UtcDateTime(), nullable=False),
    Column("cutoff", UtcDateTime(), nullable=False),
    Column("hosts", Integer(), nullable=False, default=0),
    Column("persons", Integer(), nullable=False, default=0),
)


purged_users = Table(
    "purged_users",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("tool", String(120), nullable=False),
    Column("users", Integer(), nullable=False, default=0),
)


sensitive_domain = Table(
    "sensitive_domain",
    metadata,
    Column("domain", String(255), primary_key=True),
    Column("category", String(40), nullable=False),
    Column("added_on", Date(), nullable=False),
)


set_aside = Table(
    "set_aside",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("category", String(40), nullable=False),
    Column("requests", BigInteger(), nullable=False, default=0),
)


survey_answer = Table(
    "survey_answer",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("import_id", Integer(), nullable=False),
    Column("tool", String(), nullable=False),
    Column("department", String()),
    Column("official", String()),
    Column("purposes", JSON(), nullable=False, default=list),
    Column("users", Integer(), nullable=False, default=0),
    Column("comments", String(), nullable=False, default=""),
)
