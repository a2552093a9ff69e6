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
    Column("weight", Float(), nullable=False),
)


need = Table(
    "need",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("capability", String(80), nullable=False),
    Column("weight", Integer(), nullable=False),
)


risk = Table(
    "risk",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("slug", String(80), nullable=False),
    Column("title", String(), nullable=False),
    Column("likelihood", String(), nullable=False),
    Column("impact", String(), nullable=False),
    Column("mitigation", String(), nullable=False),
    Column("owner", String()),
    Column("status", String(), nullable=False),
    Column("evidence", String(), nullable=False),
    Column("version", Integer(), nullable=False),
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
    Column("status", String(), nullable=False),
    Column("classified", Boolean(), nullable=False),
    Column("purposes", JSON(), nullable=False),
    Column("departments", JSON(), nullable=False),
    Column("capabilities", JSON(), nullable=False),
    Column("log_users", Integer(), nullable=False),
    Column("survey_users", Integer(), nullable=False),
    Column("requests", BigInteger(), nullable=False),
    Column("bytes", BigInteger(), nullable=False),
    Column("sources", JSON(), nullable=False),
    Column("first_seen", Date()),
    Column("last_seen", Date()),
    Column("owner", String()),
    Column("notes", String(), nullable=False),
    Column("version", Integer(), nullable=False),
    Column("blocked", BigInteger(), nullable=False),
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
    Column("shortlisted", Boolean(), nullable=False),
    Column("rating", String()),
    Column("note", String(), nullable=False),
    Column("reviewer", String()),
    Column("reviewed_on", Date()),
    Column("status_at_review", String()),
    Column("version", Integer(), nullable=False),
)
