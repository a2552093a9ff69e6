"""Core tables of ``tables.pilots`` (generated: see the package)."""

from __future__ import annotations

from sqlalchemy import Column, Table
from sqlalchemy.types import JSON, Date, Float, Integer, String

from planner.adapters.store.core_types import metadata

pilot = Table(
    "pilot",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("slug", String(80), nullable=False),
    Column("product", String(), nullable=False),
    Column("title", String(), nullable=False),
    Column("departments", JSON(), nullable=False, default=list),
    Column("users", Integer(), nullable=False, default=0),
    Column("sponsor", String()),
    Column("start", Date()),
    Column("end", Date()),
    Column("status", String(), nullable=False, default="proposed"),
    Column("decision", String()),
    Column("rationale", String(), nullable=False, default=""),
    Column("decided_on", Date()),
    Column("version", Integer(), nullable=False, default=1),
)


pilot_kpi = Table(
    "pilot_kpi",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("pilot_id", Integer(), nullable=False),
    Column("kpi", String(80), nullable=False),
    Column("target", Float(), nullable=False),
)


pilot_measurement = Table(
    "pilot_measurement",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("pilot_id", Integer(), nullable=False),
    Column("kpi", String(80), nullable=False),
    Column("on", Date(), nullable=False),
    Column("value", Float(), nullable=False),
    Column("source", String()),
)
