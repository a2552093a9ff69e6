"""The column type of amounts, apart from the definitions: it imports SQLAlchemy only.

The record definitions use it (``records/contract.py``) and so does the Core schema the
read-only commands query (``adapters/store/core_schema.py``), which must not pay for
SQLModel and pydantic to get it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.types import String, TypeDecorator


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
