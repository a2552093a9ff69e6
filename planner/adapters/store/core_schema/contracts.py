"""Core tables of ``tables.contracts`` (generated: see the package)."""

from __future__ import annotations

from sqlalchemy import Column, Table
from sqlalchemy.types import Boolean, Date, Integer, String

from planner.adapters.store.core_types import ExactDecimal, metadata

contract = Table(
    "contract",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("slug", String(120), nullable=False),
    Column("product", String(), nullable=False),
    Column("seats", Integer(), nullable=False),
    Column("annual_cost", ExactDecimal(), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("tier", String()),
    Column("start", Date(), nullable=False),
    Column("end", Date(), nullable=False),
    Column("notice_days", Integer(), nullable=False),
    Column("auto_renew", Boolean(), nullable=False),
    Column("owner", String()),
    Column("reference", String()),
    Column("decision", String()),
    Column("version", Integer(), nullable=False),
)


exit_step = Table(
    "exit_step",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("slug", String(120), nullable=False),
    Column("tool", String(), nullable=False),
    Column("step", String(), nullable=False),
    Column("title", String(), nullable=False),
    Column("due", Date(), nullable=False),
    Column("owner", String()),
    Column("target", String()),
    Column("status", String(), nullable=False),
    Column("version", Integer(), nullable=False),
)
