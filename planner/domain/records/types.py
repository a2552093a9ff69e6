"""Value types shared by the record definitions: what a reviewer may write in a field.

They constrain validation only (the plan file, typed input); a constraint here never
changes a column, so a stricter rule needs no migration. Column lengths, where a table has
them, are given to the column itself (``sa_type=AutoString(length=…)``).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Annotated, Any

from pydantic import Field as Bound
from pydantic import StringConstraints
from sqlalchemy.types import String, TypeDecorator
from sqlmodel import AutoString

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


class ExactDecimal(TypeDecorator[Decimal]):
    """A ``Decimal`` kept as its text: ``'12000.00'`` in, ``Decimal('12000.00')`` out.

    Why text rather than ``Numeric``: SQLite has no decimal type, so a ``NUMERIC`` column
    there stores a binary float (SQLAlchemy warns and rounds back through ``float``), and
    the same column would then behave differently on PostgreSQL. The text holds the exact
    digits the user typed on both engines. Nothing sums amounts in SQL (totals are per
    currency, in Python, with ``Decimal``), so no arithmetic is lost."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, float):  # a float here is a bug upstream, never rounded over
            raise TypeError("amounts are Decimal, never float")
        return str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)
