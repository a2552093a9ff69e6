"""The upgrade backups beside a SQLite workspace (``NAME.bak-REVISION``), and whether one
still holds pseudonyms that a purge removed from the workspace.

Why this exists: an upgrade copies the whole workspace beside it first
(:mod:`.sqlite_backup`), and nothing ever removed the copy. A purge past the retention
period then dropped pseudonyms from the workspace while every backup kept them — personal
data kept past its retention, in a file the user may not know about. A backup has an
older schema, so it is not purged in place: one that holds a pseudonym the workspace no
longer has, or a person on a host that the workspace no longer links to that host, is
deleted whole (the caller says so). Pseudonyms are compared, not ids: ids are reused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from planner.adapters.store import sqlite_backup, tables
from planner.adapters.store.evidence import HOST, PERSON, _table, unpack

__all__ = ["holds_removed", "live_pseudonyms", "plan_name", "upgrade_backups"]

# Listing the backups needs no database (sqlite_backup, light): the Art. 30 record asks.
upgrade_backups = sqlite_backup.upgrade_backups


Pseudonyms = tuple[set[str], dict[str, set[str]]]


def plan_name(session: Session, plan_id: int) -> str:
    """The plan's name: how a backup, where ids may differ, names the same plan."""
    plan = _table(tables.PlanRecord.__tablename__)
    return str(session.execute(select(plan.c.name).where(plan.c.id == plan_id)).scalar_one())


def live_pseudonyms(session: Session, plan_id: int) -> Pseudonyms:
    """The plan's pseudonyms in the workspace, and those linked to each host."""
    names = {
        i: p
        for i, p in session.execute(
            select(PERSON.c.id, PERSON.c.pseudonym).where(PERSON.c.plan_id == plan_id)
        )
    }
    hosts: dict[str, set[str]] = {}
    query = select(HOST.c.host, HOST.c.user_set).where(
        HOST.c.plan_id == plan_id, HOST.c.user_set != b""
    )
    for host, blob in session.execute(query):
        hosts[host] = {names[i] for i in unpack(blob) if i in names}
    return set(names.values()), hosts


def holds_removed(backup: Path, plan: str, live: Pseudonyms) -> bool:
    """Whether the backup holds one of ``plan``'s pseudonyms, or a person on a host, that
    the workspace (``live``: :func:`live_pseudonyms`) no longer has. A file that is not a
    readable planner database is not ours to judge: False."""
    persons, hosts = live
    try:
        con = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        row = con.execute("SELECT id FROM plan WHERE name = ?", (plan,)).fetchone()
        if row is None:
            return False
        names = dict(con.execute("SELECT id, pseudonym FROM person WHERE plan_id = ?", row))
        if any(p not in persons for p in names.values()):
            return True
        return any(
            not {names.get(i, "") for i in unpack(blob)} <= hosts.get(host, set())
            for host, blob in _host_sets(con, row[0])
        )
    except sqlite3.Error:
        return False
    finally:
        con.close()


def _host_sets(con: sqlite3.Connection, plan_id: int) -> Iterator[tuple[str, bytes]]:
    query = "SELECT host, user_set FROM host WHERE plan_id = ? AND length(user_set) > 0"
    yield from con.execute(query, (plan_id,))
