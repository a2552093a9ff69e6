"""Evidence storage in bulk: hosts, pseudonymous users and who was seen where.

An import brings thousands of hosts and users at once, so rows go in with one executemany
per table (``session.execute(insert(T), rows)``), never one ORM object per row. The
"insert unless present" of persons and host-user pairs is dialect-specific and is handled
here, not in the services.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Insert, Table, bindparam, select, update
from sqlalchemy import insert as sa_insert
from sqlmodel import Session, SQLModel

from planner.adapters.store import tables
from planner.adapters.store.seen import day_of, seen_days

CHUNK = 5000


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


HOST = _table(tables.HostRecord.__tablename__)
PERSON = _table(tables.PersonRecord.__tablename__)


def _insert_ignore(session: Session, table: Table) -> Insert:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing()
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    return sa_insert(table).prefix_with("IGNORE")  # MySQL / MariaDB


def _chunks(rows: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def upsert_persons(
    session: Session, plan_id: int, persons: Mapping[str, str | None]
) -> dict[str, int]:
    """Make sure every pseudonym exists (keeping known departments); return their ids."""
    rows = [{"plan_id": plan_id, "pseudonym": p, "department": d} for p, d in persons.items()]
    for chunk in _chunks(rows):
        session.execute(_insert_ignore(session, PERSON), chunk)
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


def unpack(blob: bytes | None) -> array[int]:
    values: array[int] = array("I")
    if blob:
        values.frombytes(blob)
    return values


@dataclass
class HostDelta:
    host: str
    hits: int
    bytes: int
    first: dt.datetime
    last: dt.datetime
    people: set[int]  # person ids seen on the host in this import
    blocked: int = 0  # requests denied to a known user in this import


@dataclass(frozen=True)
class KnownHost:
    id: int
    tool: str | None
    decision: str | None


def known_hosts(session: Session, plan_id: int) -> dict[str, KnownHost]:
    query = select(HOST.c.host, HOST.c.id, HOST.c.tool, HOST.c.decision).where(
        HOST.c.plan_id == plan_id
    )
    return {h: KnownHost(i, t, d) for h, i, t, d in session.execute(query)}


def merge_hosts(
    session: Session,
    plan_id: int,
    deltas: Sequence[HostDelta],
    tools: Mapping[str, str | None],
    decisions: Mapping[str, str] | None = None,
    import_id: int | None = None,
    by_rule: Collection[str] = (),
) -> list[str]:
    """Add this import's counts and users to each host, creating the new ones, and keep
    their domains' totals current; returns the domains seen for the first time.

    ``tools`` gives the tool of each new host (its catalog match, or None when unmatched);
    ``decisions`` the triage decision made for some of them, ``by_rule`` those of them a
    domain rule decided. Hosts already known keep their tool and triage decision.
    ``import_id`` is the import that saw them.
    """
    from planner.adapters.store.domains import known_domains as _known_domains
    from planner.adapters.store.domains import refresh_domains
    from planner.domain.suffixes import registrable_domain

    domain_of = {d.host: registrable_domain(d.host) for d in deltas}
    known_domains = _known_domains(session, plan_id, set(domain_of.values()))
    anyone = select(HOST.c.id).where(HOST.c.plan_id == plan_id).limit(1)
    had_hosts = session.execute(anyone).first() is not None
    decided = decisions or {}
    _merge_hosts(session, plan_id, deltas, tools, decided, import_id, domain_of, by_rule)
    refresh_domains(session, plan_id, set(domain_of.values()), import_id)
    if not had_hosts:
        return []  # the plan's first hosts: everything is new, which says nothing
    return sorted(set(domain_of.values()) - known_domains)


def _merge_hosts(
    session: Session,
    plan_id: int,
    deltas: Sequence[HostDelta],
    tools: Mapping[str, str | None],
    decided: Mapping[str, str],
    import_id: int | None,
    domain_of: Mapping[str, str],
    by_rule: Collection[str],
) -> None:
    known = known_hosts(session, plan_id)
    new = [d for d in deltas if d.host not in known]
    old = {known[d.host].id: d for d in deltas if d.host in known}
    for chunk in _chunks(new):
        session.execute(
            sa_insert(HOST),
            [
                {
                    "plan_id": plan_id,
                    "host": d.host,
                    "tool": tools.get(d.host),
                    "decision": decided.get(d.host),
                    "by_rule": d.host in by_rule,
                    "hits": d.hits,
                    "bytes": d.bytes,
                    "first_seen": d.first,
                    "last_seen": d.last,
                    "users": len(d.people),
                    "user_set": pack(d.people),
                    "user_seen": (array("I", [day_of(d.last)]) * len(d.people)).tobytes(),
                    "blocked": d.blocked,
                    "domain": domain_of[d.host],
                    "first_import": import_id,
                }
                for d in chunk
            ],
        )
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
                {
                    "_id": host_id,
                    "hits": hits + d.hits,
                    "bytes": size + d.bytes,
                    "first_seen": min(first, d.first) if first else d.first,
                    "last_seen": max(last, d.last) if last else d.last,
                    "users": purged + len(people),
                    "user_set": pack(people),
                    "user_seen": array("I", [seen[p] for p in people]).tobytes(),
                    "blocked": blocked + d.blocked,
                }
            )
    statement = update(HOST).where(HOST.c.id == bindparam("_id"))
    session.connection().execute(statement, rows)


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
    plan = _table(tables.PlanRecord.__tablename__)
    session.execute(select(plan.c.id).where(plan.c.id == plan_id).with_for_update())
