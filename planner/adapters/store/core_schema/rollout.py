"""Core tables of ``tables.rollout`` (generated: see the package)."""

from __future__ import annotations

from sqlalchemy import Column, Table
from sqlalchemy.types import JSON, Date, Integer, String

from planner.adapters.store.core_types import metadata

champion = Table(
    "champion",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("department", String(), nullable=False),
    Column("name", String(), nullable=False),
    Column("pseudonym", String()),
)


data_protection = Table(
    "data_protection",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("legal_basis", String()),
    Column("purpose", String(), nullable=False, default=""),
    Column("dpia_reference", String()),
    Column("dpia_date", Date()),
    Column("works_council_date", Date()),
    Column("retention_days", Integer()),
    Column("key_holder", String()),
    Column("recorded_on", Date()),
)


feature = Table(
    "feature",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("slug", String(120), nullable=False),
    Column("title", String(), nullable=False),
    Column("product", String()),
    Column("target_system", String(), nullable=False, default="intranet"),
    Column("departments", JSON(), nullable=False, default=list),
    Column("due", Date()),
    Column("owner", String()),
    Column("status", String(), nullable=False, default="planned"),
    Column("pilot", String()),
    Column("version", Integer(), nullable=False, default=1),
)


readiness = Table(
    "readiness",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("department", String(120), nullable=False),
    Column("on", Date(), nullable=False),
    Column("awareness", Integer(), nullable=False),
    Column("desire", Integer(), nullable=False),
    Column("knowledge", Integer(), nullable=False),
    Column("ability", Integer(), nullable=False),
    Column("reinforcement", Integer(), nullable=False),
    Column("note", String(), nullable=False, default=""),
)


rollout_setting = Table(
    "rollout_setting",
    metadata,
    Column("plan_id", Integer(), primary_key=True),
    Column("people_per_champion", Integer(), nullable=False, default=50),
)


training = Table(
    "training",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("slug", String(120), nullable=False),
    Column("title", String(), nullable=False),
    Column("department", String(), nullable=False),
    Column("audience", Integer(), nullable=False, default=0),
    Column("format", String(), nullable=False, default="workshop"),
    Column("due", Date()),
    Column("owner", String()),
    Column("version", Integer(), nullable=False, default=1),
)


training_update = Table(
    "training_update",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("training_id", Integer(), nullable=False),
    Column("on", Date(), nullable=False),
    Column("trained", Integer(), nullable=False),
)
