"""The column types of an aware timestamp kept in UTC, as one ``isinstance`` check.

Why this exists: the table classes type their timestamps with SQLModel's ``UTCDateTime``,
the Core tables (``core_schema/``, which the imports write through so that they never build
the table classes) with ``core_types.UtcDateTime``; both store an aware datetime converted
to UTC. The bulk write path (``bulk``) converts such a column's values itself, whichever
table the column belongs to.
"""

from __future__ import annotations

from sqlmodel.sql.sqltypes import UTCDateTime as _TableUtcDateTime

from planner.adapters.store.core_types import UtcDateTime

UTC_TYPES: tuple[type, ...] = (_TableUtcDateTime, UtcDateTime)
