"""Insert a record or update the one that exists, bumping its version: how every versioned
record of a plan is saved (the version is what a plan file's base records, so a three-way
import can tell a reviewer's edit from a change made in the workspace since)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

R = TypeVar("R", bound=SQLModel)


def save_versioned(
    session: Session, record: R | None, make: Callable[..., R], values: dict[str, Any]
) -> R:
    """``record`` updated with ``values`` (version + 1), or ``make(**values)`` when there is
    none; added to the session and returned."""
    if record is None:
        record = make(**values)
    else:
        record.version += 1  # type: ignore[attr-defined]
        record.sqlmodel_update(values)
    session.add(record)
    return record
