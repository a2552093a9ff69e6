"""Snapshots of single records, to put them back as they were (the TUI's undo).

Why here: every record kind is already described once in :mod:`record_kinds` (its table,
its key, its child lists). A snapshot is the record's rows as stored — every column, its
children's rows too — taken before a change; restoring writes them back (or deletes the
record if it did not exist yet). One mechanism for every kind, present and future,
instead of an inverse operation written per service call.

Restored records get a version one above the current one, so a form opened before the
undo sees that the record changed (the optimistic lock keeps working).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlmodel import Session

from planner.adapters.store import tables
from planner.adapters.store.record_kinds import BY_SECTION, Child, table_of

NEEDS = "needs"  # a capability's need weight: not a section of its own in the plan file
_NEED = table_of(tables.NeedRecord)
# The activity reports attached to a subject ("pilot:ID", "product:ID"): evidence, not a
# section of the plan file, kept a subject at a time.
ACTIVITY = "activity"
_ACTIVITY = table_of(tables.ActivityRecord)
# Kinds without a key of their own, kept a department at a time (its assessments, its
# champions).
BY_DEPARTMENT = {"readiness": "department", "champions": "department"}


@dataclass(frozen=True)
class RecordShot:
    """One record as stored (``rows`` empty: it did not exist), with its children."""

    section: str
    key: str
    rows: tuple[dict[str, Any], ...]
    children: dict[str, tuple[dict[str, Any], ...]] = field(default_factory=dict)


def _target(section: str) -> tuple[Table, str, tuple[Child, ...], bool]:
    """(table, key column, children, versioned) of a section."""
    if section == NEEDS:
        return _NEED, "capability", (), False
    if section == ACTIVITY:
        return _ACTIVITY, "subject", (), False
    kind = BY_SECTION.get(section)
    if kind is None:
        raise KeyError(f"no record kind '{section}'")
    if kind.key is None:  # a history or a list per department: all its rows at once
        return kind.table, BY_DEPARTMENT[section], kind.children, kind.versioned
    return kind.table, kind.key[1], kind.children, kind.versioned


def take(session: Session, plan_id: int, section: str, key: str) -> RecordShot:
    """The record ``key`` of ``section`` as stored now."""
    table, column, children, _ = _target(section)
    query = select(table).where(table.c.plan_id == plan_id, table.c[column] == key)
    rows = tuple(dict(row._mapping) for row in session.execute(query))
    kids: dict[str, tuple[dict[str, Any], ...]] = {}
    ids = [row["id"] for row in rows if "id" in row]
    for child in children:
        parent = child.table.c[child.parent]
        kids[child.name] = tuple(
            dict(row._mapping)
            for row in session.execute(select(child.table).where(parent.in_(ids)))
        )
    return RecordShot(section, key, rows, kids)


def keys(session: Session, plan_id: int, section: str) -> frozenset[str]:
    """Every key of ``section`` in the plan (to undo an add: what was not there before)."""
    table, column, _, _ = _target(section)
    query = select(table.c[column]).where(table.c.plan_id == plan_id)
    return frozenset(str(k) for k in session.scalars(query))


def remove(session: Session, plan_id: int, section: str, key: str) -> bool:
    """Delete one record (its children follow by cascade); False if there was none."""
    table, column, children, _ = _target(section)
    where = (table.c.plan_id == plan_id, table.c[column] == key)
    ids = list(session.scalars(select(table.c.id).where(*where))) if children else []
    for child in children:  # explicit, whatever the connection's foreign-key pragma
        session.execute(delete(child.table).where(child.table.c[child.parent].in_(ids)))
    return bool(session.execute(delete(table).where(*where)).rowcount)  # type: ignore[attr-defined]


def restore(session: Session, plan_id: int, shot: RecordShot) -> None:
    """Put the record back as ``shot`` saw it: rewritten, re-created, or deleted."""
    table, column, children, versioned = _target(shot.section)
    version = 0
    if versioned:
        version = session.scalar(
            select(func.max(table.c.version)).where(
                table.c.plan_id == plan_id, table.c[column] == shot.key
            )
        ) or max((row.get("version", 0) for row in shot.rows), default=0)
    remove(session, plan_id, shot.section, shot.key)
    if not shot.rows:
        return
    rows = [dict(row, version=version + 1) if versioned else dict(row) for row in shot.rows]
    session.execute(insert(table), rows)
    for child in children:
        kept = shot.children.get(child.name, ())
        if kept:
            session.execute(insert(child.table), [dict(row) for row in kept])
