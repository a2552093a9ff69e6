"""What the Core schema (``core_schema/``) shares: its ``MetaData`` and the column type
SQLAlchemy does not have.

The table classes take their timestamps' type from SQLModel (``UTCDateTime``); importing
it would import SQLModel, which the read-only commands do without. Reading is all this
type is for: a timestamp comes back aware, in UTC, as the table classes give it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.types import DateTime, TypeDecorator

# Amounts: the definitions' own column type, light enough to share.
from planner.domain.records.column_types import ExactDecimal as ExactDecimal


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware timestamp, returned in UTC (SQLite keeps it without its offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> dt.datetime | None:
        if value is not None and value.utcoffset() is None:
            raise ValueError("timestamps are aware datetimes")
        return None if value is None else value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        stamp: dt.datetime = value
        if stamp.utcoffset() is None:
            return stamp.replace(tzinfo=dt.UTC)
        return stamp.astimezone(dt.UTC)


# The Core schema's tables (core_schema/) all belong here.
metadata = MetaData()
