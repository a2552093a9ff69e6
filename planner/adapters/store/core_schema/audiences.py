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
    Column("people", Integer(), nullable=False),
    Column("frontline", Boolean(), nullable=False),
    Column("email", Boolean(), nullable=False),
    Column("shared_devices", Boolean(), nullable=False),
    Column("languages", JSON(), nullable=False),
    Column("notes", String(), nullable=False),
    Column("version", Integer(), nullable=False),
)
