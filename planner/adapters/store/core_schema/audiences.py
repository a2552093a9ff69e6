"""Core tables of ``tables.audiences`` (generated: see the package)."""

from __future__ import annotations

from sqlalchemy import Column, Table
from sqlalchemy.types import JSON, Boolean, Integer, String

from planner.adapters.store.core_types import metadata

audience = Table(
    "audience",
    metadata,
    Column("id", Integer(), primary_key=True),
    Column("plan_id", Integer(), nullable=False),
    Column("slug", String(120), nullable=False),
    Column("name", String(), nullable=False),
    Column("people", Integer(), nullable=False, default=0),
    Column("frontline", Boolean(), nullable=False, default=False),
    Column("email", Boolean(), nullable=False, default=True),
    Column("shared_devices", Boolean(), nullable=False, default=False),
    Column("languages", JSON(), nullable=False, default=list),
    Column("notes", String(), nullable=False, default=""),
    Column("version", Integer(), nullable=False, default=1),
)
