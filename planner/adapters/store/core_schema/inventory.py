"""Core tables of ``tables.inventory`` (generated: see the package)."""

from __future__ import annotations

from sqlalchemy import Column, Table
from sqlalchemy.types import JSON, BigInteger, Boolean, Date, Float, Integer, String

from planner.adapters.store.core_types import metadata

criterion_weight = Table(
    "criterion_weight",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("criterion", String(40), nullable=False),
    Column("weight", Float(), nullable=False, default=0.0),
)


need = Table(
    "need",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("capability", String(80), nullable=False),
    Column("weight", Integer(), nullable=False, default=0),
)


risk = Table(
    "risk",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("slug", String(80), nullable=False),
    Column("title", String(), nullable=False),
    Column("likelihood", String(), nullable=False, default="medium"),
    Column("impact", String(), nullable=False, default="medium"),
    Column("mitigation", String(), nullable=False, default=""),
    Column("owner", String()),
    Column("status", String(), nullable=False, default="open"),
    Column("evidence", String(), nullable=False, default=""),
    Column("version", Integer(), nullable=False, default=1),
)


tool = Table(
    "tool",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("slug", String(120), nullable=False),
    Column("name", String(), nullable=False),
    Column("product", String()),
    Column("category", String()),
    Column("status", String(), nullable=False, default="unofficial"),
    Column("classified", Boolean(), nullable=False, default=False),
    Column("purposes", JSON(), nullable=False, default=list),
    Column("departments", JSON(), nullable=False, default=list),
    Column("capabilities", JSON(), nullable=False, default=list),
    Column("log_users", Integer(), nullable=False, default=0),
    Column("survey_users", Integer(), nullable=False, default=0),
    Column("requests", BigInteger(), nullable=False, default=0),
    Column("bytes", BigInteger(), nullable=False, default=0),
    Column("sources", JSON(), nullable=False, default=list),
    Column("first_seen", Date()),
    Column("last_seen", Date()),
    Column("owner", String()),
    Column("notes", String(), nullable=False, default=""),
    Column("version", Integer(), nullable=False, default=1),
    Column("blocked", BigInteger(), nullable=False, default=0),
)


triage_rule = Table(
    "triage_rule",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("domain", String(255), nullable=False),
    Column("decision", String(), nullable=False),
    Column("tool", String()),
)


vendor_review = Table(
    "vendor_review",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("product", String(80), nullable=False),
    Column("shortlisted", Boolean(), nullable=False, default=False),
    Column("rating", String()),
    Column("note", String(), nullable=False, default=""),
    Column("reviewer", String()),
    Column("reviewed_on", Date()),
    Column("status_at_review", String()),
    Column("version", Integer(), nullable=False, default=1),
)
