"""Optimistic locking: a save based on an old read must not silently overwrite a newer one.

Every editable record (tool, pilot, training milestone) carries a version that each save
increments. A front end that showed version N passes ``expected_version=N``; if the record
has moved on, the save raises :class:`~planner.errors.StaleEditError` with both values
instead of writing. The check runs inside the write transaction, after the row is locked
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` serialises writers).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.errors import StaleEditError


def check_version(
    what: str, current: Any, expected: int | None, changes: Mapping[str, Any]
) -> None:
    """Raise when ``current`` is newer than the version the user edited."""
    if expected is None or current.version == expected:
        return
    differences = [
        (name, getattr(current, name), value)
        for name, value in changes.items()
        if hasattr(current, name) and getattr(current, name) != value
    ]
    raise StaleEditError(what, current, current.version, expected, differences)
