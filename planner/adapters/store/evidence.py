"""Evidence storage in bulk: hosts, pseudonymous users and who was seen where.

An import brings thousands of hosts and users at once, so rows go in as plain tuples
through the one bulk write path (``bulk.insert_rows``: the driver's executemany, COPY on
PostgreSQL), never one ORM object or one parameter dictionary per row.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlmodel import Session

from planner.adapters.store import core_schema, reads_evidence
from planner.adapters.store.bulk import insert_rows, update_rows
from planner.adapters.store.core_types import metadata
from planner.adapters.store.host_columns import HostColumns, column_rows
from planner.adapters.store.new_hosts import HostClaims, new_host_rows, write_new_hosts
from planner.adapters.store.seen import day_of, seen_days
from planner.adapters.store.sqlite_bulk import indexes_after, larger_cache

CHUNK = 5000


def _table(name: str) -> Table:
    # The Core tables (with the table classes' insert defaults): no table class is built.
    return metadata.tables[name]


HOST = core_schema.host
PERSON = core_schema.person


def _chunks(rows: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def upsert_persons(
    session: Session, plan_id: int, persons: Mapping[str, str | None]
) -> dict[str, int]:
    """Make sure every pseudonym exists (keeping known departments); return their ids."""
    insert_rows(session, PERSON, ("pseudonym", "department"), persons.items(),
                constants={"plan_id": plan_id}, ignore_conflicts=True)  # fmt: skip
    # A department learnt now fills a gap left by an import without a directory.
    known = [{"_p": p, "_d": d} for p, d in persons.items() if d]
    if known:
        statement = (
            update(PERSON)
            .where(
                PERSON.c.plan_id == plan_id,
                PERSON.c.pseudonym == bindparam("_p"),
                PERSON.c.department.is_(None),
            )
            .values(department=bindparam("_d"))
        )
        session.connection().execute(statement, known)
    query = select(PERSON.c.pseudonym, PERSON.c.id).where(PERSON.c.plan_id == plan_id)
    return {p: i for p, i in session.execute(query) if p in persons}


def pack(ids: Iterable[int]) -> bytes:
    """A set of person ids as sorted, packed unsigned 32-bit integers."""
    return array("I", sorted(ids)).tobytes()


unpack = reads_evidence.unpack  # the listings read host person sets through Core too


# One host's totals in an import, as the readers keep them: host, hits, bytes, first and
# last seen (epoch seconds, UTC), the person ids seen on it (a sorted tuple is the
# smallest), requests denied to a known user. A plain tuple: a long tail brings a million.
HostTotals = tuple[str, int, int, float, float, Collection[int], int]


@dataclass(slots=True)
class HostDelta:
    """A known host's totals in this import, merged into its stored row."""

    host: str
    hits: int
    bytes: int
    first: dt.datetime
    last: dt.datetime
    people: Collection[int]
    blocked: int = 0  # requests denied to a known user in this import


@dataclass(frozen=True)
class KnownHost:
    id: int
    tool: str | None
    decision: str | None
    domain: str | None = None


def known_hosts(session: Session, plan_id: int) -> dict[str, KnownHost]:
    query = select(HOST.c.host, HOST.c.id, HOST.c.tool, HOST.c.decision, HOST.c.domain).where(
        HOST.c.plan_id == plan_id
    )
    return {h: KnownHost(i, t, d, dom) for h, i, t, d, dom in session.execute(query)}


def merge_hosts(
    session: Session,
    plan_id: int,
    hosts: Iterable[HostTotals] | HostColumns,
    tools: Mapping[str, str | None],
    decisions: Mapping[str, str] | None = None,
    import_id: int | None = None,
    by_rule: Collection[str] = (),
    known: Mapping[str, KnownHost] | None = None,
) -> list[str]:
    """Add this import's counts and users to each host, creating the new ones, and keep
    their domains' totals current; returns the domains seen for the first time.

    ``hosts`` may be a generator: it is consumed once, each new host written as it comes
    (a long tail is never held as rows); or columns (``HostColumns``, a log reader's),
    whose rows are made column by column. ``tools`` gives the tool of new hosts a product
    claims (absent or None: unmatched); ``decisions`` the triage decision made for some of
    them, ``by_rule`` those of them a domain rule decided. Hosts already known keep their
    tool and triage decision. ``import_id`` is the import that saw them. ``known``: the
    plan's hosts before this import (``known_hosts``), when the caller has read them.
    """
    from planner.adapters.store.domains import (
        DOMAIN,
        FreshTotals,
        recorded_domains,
        refresh_domains,
        write_domains,
    )

    if known is None:
        known = known_hosts(session, plan_id)
    # A domain none of whose hosts was known before: its totals are this import's new
    # hosts' (kept as they are written, no read back); the others are recomputed from the
    # database once the hosts are in.
    before = {k.domain for k in known.values()}
    fresh = FreshTotals(before)
    old: dict[int, HostDelta] = {}
    claims = HostClaims(tools, decisions or {}, by_rule)
    sqlite = session.connection().dialect.name == "sqlite"
    rows = (
        column_rows(sqlite, hosts, known, old, fresh, claims)
        if isinstance(hosts, HostColumns)
        else new_host_rows(sqlite, hosts, known, old, fresh, claims)
    )
    with larger_cache(session):
        try:
            with indexes_after(session, HOST):
                write_new_hosts(session, HOST, plan_id, import_id, rows, claims)
            _update_hosts(session, old)
            fresh.settle()  # a helper's totals (``host_fork``), made while the rows went in
        finally:
            fresh.release()  # a helper left by an error is stopped
        touched = fresh.touched
        recorded = recorded_domains(session, plan_id, touched)
        with indexes_after(session, DOMAIN):
            write_domains(session, plan_id, fresh.totals(sqlite), recorded, import_id, sqlite)
        refresh_domains(session, plan_id, touched & before, import_id)
    if not known:
        return []  # the plan's first hosts: everything is new, which says nothing
    return sorted(touched - set(recorded))


def _update_hosts(session: Session, old: Mapping[int, HostDelta]) -> None:
    """Add this import's counts and people to hosts already known (read, merge, write)."""
    if not old:
        return
    rows = []
    for chunk in _chunks(list(old), 900):
        query = select(
            HOST.c.id,
            HOST.c.hits,
            HOST.c.bytes,
            HOST.c.first_seen,
            HOST.c.last_seen,
            HOST.c.user_set,
            HOST.c.blocked,
            HOST.c.users,
            HOST.c.user_seen,
        ).where(HOST.c.id.in_(chunk))
        for host_id, hits, size, first, last, blob, blocked, users, days in session.execute(query):
            d = old[host_id]
            ids = unpack(blob)
            seen = dict(zip(ids, seen_days(days, len(ids), last), strict=True))
            today = day_of(d.last)
            for person in d.people:
                seen[person] = max(seen.get(person, 0), today)
            people = sorted(seen)
            # A host whose pseudonyms were purged (retention) keeps its count of people
            purged = max(0, users - len(ids))
            rows.append(
                (
                    hits + d.hits,
                    size + d.bytes,
                    min(first, d.first) if first else d.first,
                    max(last, d.last) if last else d.last,
                    purged + len(people),
                    pack(people),
                    array("I", [seen[p] for p in people]).tobytes(),
                    blocked + d.blocked,
                    host_id,
                )
            )
    columns = ("hits", "bytes", "first_seen", "last_seen", "users", "user_set", "user_seen",
               "blocked")  # fmt: skip
    update_rows(session, HOST, "id", columns, rows)


@dataclass(frozen=True)
class ToolEvidence:
    users: int
    hits: int
    bytes: int
    first: dt.datetime | None
    last: dt.datetime | None
    departments: tuple[str, ...]
    blocked: int = 0  # requests denied to a known user, over the tool's hosts


def tool_evidence(session: Session, plan_id: int, slugs: Iterable[str]) -> dict[str, ToolEvidence]:
    """Per tool, the union over all its hosts and imports: users counted once each."""
    wanted = sorted(set(slugs))
    if not wanted:
        return {}
    query = select(
        HOST.c.tool,
        HOST.c.hits,
        HOST.c.bytes,
        HOST.c.first_seen,
        HOST.c.last_seen,
        HOST.c.user_set,
        HOST.c.blocked,
    ).where(HOST.c.plan_id == plan_id, HOST.c.tool.in_(wanted))
    totals: dict[str, list[Any]] = {}
    people: dict[str, set[int]] = {}
    for tool, hits, size, first, last, blob, blocked in session.execute(query):
        t = totals.setdefault(tool, [0, 0, None, None, 0])
        t[0] += hits
        t[1] += size
        t[4] += blocked
        t[2] = first if t[2] is None or (first and first < t[2]) else t[2]
        t[3] = last if t[3] is None or (last and last > t[3]) else t[3]
        people.setdefault(tool, set()).update(unpack(blob))
    everyone = set().union(*people.values()) if people else set()
    department_of = departments_of(session, plan_id, everyone)
    from planner.adapters.store.privacy_repo import PrivacyRepository

    # People whose pseudonyms retention dropped still count.
    purged = PrivacyRepository(session).purged_users(plan_id)
    result = {}
    for slug in wanted:
        hits, size, first, last, blocked = totals.get(slug, (0, 0, None, None, 0))
        seen = people.get(slug, set())
        departments = tuple(sorted({department_of[p] for p in seen if p in department_of}))
        users = len(seen) + purged.get(slug, 0)
        result[slug] = ToolEvidence(users, hits, size, first, last, departments, blocked)
    return result


def set_departments(session: Session, plan_id: int, departments: Mapping[str, str]) -> set[int]:
    """Give the persons already known by these pseudonyms their department (a directory
    applied after the fact: it wins over an older one). Unknown pseudonyms are not
    created. Returns the ids of the persons whose department changed."""
    if not departments:
        return set()
    changed: set[int] = set()
    rows = []
    query = select(PERSON.c.id, PERSON.c.pseudonym, PERSON.c.department).where(
        PERSON.c.plan_id == plan_id
    )
    for person_id, pseudonym, department in session.execute(query):
        wanted = departments.get(pseudonym)
        if wanted is not None and wanted != department:
            changed.add(person_id)
            rows.append({"_id": person_id, "department": wanted})
    if rows:
        statement = update(PERSON).where(PERSON.c.id == bindparam("_id"))
        session.connection().execute(statement, rows)
    return changed


def tools_seeing(session: Session, plan_id: int, ids: set[int]) -> set[str]:
    """The tools with a host on which any of these persons was seen."""
    if not ids:
        return set()
    query = select(HOST.c.tool, HOST.c.user_set).where(
        HOST.c.plan_id == plan_id, HOST.c.tool.is_not(None)
    )
    return {tool for tool, blob in session.execute(query) if not ids.isdisjoint(unpack(blob))}


def person_departments(session: Session, plan_id: int) -> dict[str, str]:
    """Pseudonym -> department of every person of the plan that has one."""
    query = select(PERSON.c.pseudonym, PERSON.c.department).where(
        PERSON.c.plan_id == plan_id, PERSON.c.department.is_not(None)
    )
    return {p: d for p, d in session.execute(query)}


def departments_of(session: Session, plan_id: int, ids: set[int]) -> dict[int, str]:
    """Department of each of these persons that has one."""
    if not ids:
        return {}
    query = select(PERSON.c.id, PERSON.c.department).where(
        PERSON.c.plan_id == plan_id, PERSON.c.department.is_not(None)
    )
    return {i: d for i, d in session.execute(query) if i in ids}


def lock_plan(session: Session, plan_id: int) -> None:
    """Serialise imports into one plan: each merges into the plan's host user sets (read,
    union, write), so two at once must not interleave. PostgreSQL locks the plan's row
    until the transaction ends; on SQLite, BEGIN IMMEDIATE already serialises writers."""
    plan = core_schema.plan
    session.execute(select(plan.c.id).where(plan.c.id == plan_id).with_for_update())
