"""What the Core schema (``core_schema/``) shares: its ``MetaData`` and the column types
SQLAlchemy does not have.

The table classes take their timestamps' type from SQLModel (``UTCDateTime``); importing
it would import SQLModel, which the read-only commands do without. Reading is all this
type is for: a timestamp comes back aware, in UTC, as the table classes give it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.types import BigInteger, DateTime, TypeDecorator

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


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


def utc_micros(value: dt.datetime) -> int:
    """An aware datetime as microseconds since 1970-01-01 UTC (exact: no float)."""
    if value.utcoffset() is None:
        raise ValueError("timestamps are aware datetimes")
    return (value - EPOCH) // _MICROSECOND


class UtcMicros(UtcDateTime):
    """An aware timestamp, returned in UTC, kept on SQLite as an integer of microseconds
    since 1970-01-01 UTC (``BIGINT``); elsewhere ``UtcDateTime``, the database's own
    timestamp with time zone (PostgreSQL keeps that same integer inside).

    Why this exists: the hosts' first and last seen and their domains' last seen are
    written a million rows at a time by a long tail's import (revision 0018). As SQLite's
    ``DATETIME`` text (``2026-03-02 10:15:30.050000``) each was 26 bytes made from the
    log's epoch seconds by string work per host; as an integer it is 8 bytes, made by
    arithmetic, bound without a conversion and read back without parsing. It orders,
    compares and aggregates (``max``) in SQL as the text did; a value bound against such
    a column (``last_seen < :cutoff``) is converted the same way."""

    cache_ok = True

    def load_dialect_impl(self, dialect: Any) -> Any:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return super().load_dialect_impl(dialect)

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        if value is not None and dialect.name == "sqlite":
            return utc_micros(value)
        return super().process_bind_param(value, dialect)

    def process_result_value(self, value: Any, dialect: Any) -> dt.datetime | None:
        if value is not None and dialect.name == "sqlite":
            micros: int = value
            return EPOCH + micros * _MICROSECOND
        return super().process_result_value(value, dialect)


# The Core schema's tables (core_schema/) all belong here.
metadata = MetaData()
