"""Core tables of ``tables.contracts`` (generated: see the package)."""

from __future__ import annotations

from decimal import Decimal

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
    Column("seats", Integer(), nullable=False, default=0),
    Column("annual_cost", ExactDecimal(), nullable=False, default=Decimal("0.00")),
    Column("currency", String(3), nullable=False, default="EUR"),
    Column("tier", String()),
    Column("start", Date(), nullable=False),
    Column("end", Date(), nullable=False),
    Column("notice_days", Integer(), nullable=False, default=0),
    Column("auto_renew", Boolean(), nullable=False, default=False),
    Column("owner", String()),
    Column("reference", String()),
    Column("decision", String()),
    Column("version", Integer(), nullable=False, default=1),
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
    Column("status", String(), nullable=False, default="planned"),
    Column("version", Integer(), nullable=False, default=1),
)
