"""Core tables of ``tables.workspace`` (generated: see the package)."""

from __future__ import annotations

from sqlalchemy import Column, Table
from sqlalchemy.types import Boolean, Date, Integer, String

from planner.adapters.store.core_types import metadata

plan = Table(
    "plan",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("name", String(120), nullable=False),
    Column("organisation", String(), nullable=False, default=""),
    Column("owner", String()),
    Column("start", Date(), nullable=False),
    Column("eu_residency_required", Boolean(), nullable=False, default=False),
    Column("version", Integer(), nullable=False, default=1),
    Column("employees", Integer()),
    Column("use_cases", String(), nullable=False, default=""),
    Column("excluded_deployments", String(), nullable=False, default=""),
    Column("infrastructure_digest", String(64)),
    Column("suites", String(), nullable=False, default=""),
    Column("countries", String(), nullable=False, default=""),
)


plan_export = Table(
    "plan_export",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("base_digest", String(64), nullable=False),
    Column("revision", Integer(), nullable=False, default=0),
    Column("exported_on", Date(), nullable=False),
    Column("path", String()),
    Column("document", String(), nullable=False, default=""),
)


planner_meta = Table(
    "planner_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(), nullable=False),
)
