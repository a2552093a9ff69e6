"""What a :class:`~planner.tui.widgets.record_table.RecordTable` tells its screen: a row
opened, added or deleted, and, for a table whose rows come a page at a time from the
database, that its filter or its sort changed (the screen queries again).

Apart from the table's row model only to keep each module short; the handlers are named
as for messages of the table (``on_record_table_opened`` …).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from planner.tui.widgets.record_table import RecordTable


class TableMessage(Message, namespace="record_table"):
    """A message about ``table`` (its ``control``, for ``@on(..., "#id")``)."""

    def __init__(self, table: RecordTable) -> None:
        super().__init__()
        self.table = table

    @property
    def control(self) -> RecordTable:
        return self.table


class Opened(TableMessage, namespace="record_table"):
    """Enter or ``e`` on a row (the screen may take it: a domain that expands)."""

    def __init__(self, table: RecordTable, key: str) -> None:
        super().__init__(table)
        self.key = key


class Added(TableMessage, namespace="record_table"):
    """``a``: add a record of the table's kind."""


class Deleted(TableMessage, namespace="record_table"):
    """``d`` on a row: delete it (the screen asks first)."""

    def __init__(self, table: RecordTable, key: str) -> None:
        super().__init__(table)
        self.key = key


class FilterChanged(TableMessage, namespace="record_table"):
    """A table filtered by its screen (in SQL): the query changed."""

    def __init__(self, table: RecordTable, query: str) -> None:
        super().__init__(table)
        self.query = query


class SortChanged(TableMessage, namespace="record_table"):
    """A table sorted by its screen (in SQL): the column or the direction changed."""
