"""Value types shared by the record definitions: what a reviewer may write in a field.

They constrain validation only (the plan file, typed input); a constraint here never
changes a column, so a stricter rule needs no migration. Column lengths, where a table has
them, are given to the column itself (``sa_type=AutoString(length=…)``).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import Field as Bound
from pydantic import StringConstraints
from sqlmodel import AutoString

# The column type of amounts, in a module of its own that imports SQLAlchemy only: the Core
# schema the read-only commands use (adapters/store/core_schema.py) needs it too.
from planner.domain.records.column_types import ExactDecimal as ExactDecimal

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Note = Annotated[str, StringConstraints(max_length=10_000)]
Short = Annotated[str, StringConstraints(max_length=500)]

MAX_COUNT = 10**9  # users, audiences: nothing real comes near; the database stores int64
Count = Annotated[int, Bound(ge=0, le=MAX_COUNT)]
Score = Annotated[int, Bound(ge=1, le=5)]


def text_column(length: int | None = None) -> Any:
    """The column type of a text field, also for an enum field: enums are stored as their
    value in a plain text column (SQLModel would otherwise make a SQL ENUM of the names)."""
    return AutoString(length=length) if length is not None else AutoString


def plain(value: Any) -> Any:
    """A field's value as a row holds it: enums as their value, tuples as sorted lists (a
    list field is a set to the reviewer; sorting keeps exports stable)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return sorted(value)
    return value
