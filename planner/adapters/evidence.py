"""Evidence storage in bulk: hosts, pseudonymous users and who was seen where.

An import brings thousands of hosts and users at once, so rows go in with one executemany
per table (``session.execute(insert(T), rows)``), never one ORM object per row. The
"insert unless present" of persons and host-user pairs is dialect-specific and is handled
here, not in the services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Insert, Table, bindparam, distinct, func, select, update
from sqlalchemy import insert as sa_insert
from sqlmodel import Session, SQLModel

from planner.adapters import tables

CHUNK = 5000


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


HOST = _table(tables.HostRecord.__tablename__)
PERSON = _table(tables.PersonRecord.__tablename__)
HOST_USER = _table(tables.HostUserRecord.__tablename__)


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


@dataclass
class HostDelta:
    host: str
    hits: int
    bytes: int
    first: dt.datetime
    last: dt.datetime


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
    session: Session, plan_id: int, deltas: Sequence[HostDelta], tools: Mapping[str, str | None]
) -> dict[str, int]:
    """Add this import's counts to each host (creating new hosts); returns host -> id.

    ``tools`` gives the tool of each new host (its catalog match, or None when unmatched);
    hosts already known keep their tool and triage decision.
    """
    table = HOST
    known = known_hosts(session, plan_id)
    new = [d for d in deltas if d.host not in known]
    old = [d for d in deltas if d.host in known]
    for chunk in _chunks(new):
        session.execute(
            sa_insert(table),
            [
                {
                    "plan_id": plan_id,
                    "host": d.host,
                    "tool": tools.get(d.host),
                    "hits": d.hits,
                    "bytes": d.bytes,
                    "first_seen": d.first,
                    "last_seen": d.last,
                }
                for d in chunk
            ],
        )
    if old:
        first = bindparam("_first", type_=table.c.first_seen.type)
        last = bindparam("_last", type_=table.c.last_seen.type)
        earliest, latest = (
            (func.min, func.max)
            if session.get_bind().dialect.name == "sqlite"
            else (func.least, func.greatest)
        )
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values(
                hits=table.c.hits + bindparam("_hits"),
                bytes=table.c.bytes + bindparam("_bytes"),
                first_seen=earliest(func.coalesce(table.c.first_seen, first), first),
                last_seen=latest(func.coalesce(table.c.last_seen, last), last),
            )
        )
        rows = [
            {
                "_id": known[d.host].id,
                "_hits": d.hits,
                "_bytes": d.bytes,
                "_first": d.first,
                "_last": d.last,
            }
            for d in old
        ]
        session.connection().execute(statement, rows)
    ids = {h: k.id for h, k in known.items()}
    if new:
        ids = {h: k.id for h, k in known_hosts(session, plan_id).items()}
    return {d.host: ids[d.host] for d in deltas}


def add_host_users(session: Session, pairs: Sequence[tuple[int, int]]) -> None:
    rows = [{"host_id": h, "person_id": p} for h, p in pairs]
    statement = _insert_ignore(session, HOST_USER)
    for chunk in _chunks(rows, 20000):
        session.execute(statement, chunk)


def refresh_host_users(session: Session, host_ids: Sequence[int]) -> None:
    """Store each host's distinct-user count (used to rank hosts for triage)."""
    counts = select(func.count()).where(HOST_USER.c.host_id == HOST.c.id).scalar_subquery()
    for chunk in _chunks(list(host_ids), 900):
        session.connection().execute(update(HOST).where(HOST.c.id.in_(chunk)).values(users=counts))


@dataclass(frozen=True)
class ToolEvidence:
    users: int
    hits: int
    bytes: int
    first: dt.datetime | None
    last: dt.datetime | None
    departments: tuple[str, ...]


def tool_evidence(session: Session, plan_id: int, slugs: Iterable[str]) -> dict[str, ToolEvidence]:
    """Per tool, the union over all its hosts and imports: users counted once each."""
    wanted = sorted(set(slugs))
    if not wanted:
        return {}
    in_plan = (HOST.c.plan_id == plan_id) & HOST.c.tool.in_(wanted)
    totals = {
        tool: (hits or 0, size or 0, first, last)
        for tool, hits, size, first, last in session.execute(
            select(
                HOST.c.tool,
                func.sum(HOST.c.hits),
                func.sum(HOST.c.bytes),
                func.min(HOST.c.first_seen),
                func.max(HOST.c.last_seen),
            )
            .where(in_plan)
            .group_by(HOST.c.tool)
        )
    }
    seen = HOST.join(HOST_USER, HOST_USER.c.host_id == HOST.c.id)
    users = {
        tool: count
        for tool, count in session.execute(
            select(HOST.c.tool, func.count(distinct(HOST_USER.c.person_id)))
            .select_from(seen)
            .where(in_plan)
            .group_by(HOST.c.tool)
        )
    }
    departments: dict[str, set[str]] = {}
    for tool, department in session.execute(
        select(HOST.c.tool, PERSON.c.department)
        .distinct()
        .select_from(seen.join(PERSON, PERSON.c.id == HOST_USER.c.person_id))
        .where(in_plan, PERSON.c.department.is_not(None))
    ):
        departments.setdefault(tool, set()).add(department)
    return {
        slug: ToolEvidence(
            users.get(slug, 0),
            *totals.get(slug, (0, 0, None, None)),
            tuple(sorted(departments.get(slug, ()))),
        )
        for slug in wanted
    }


IMPORT = _table(tables.ImportRecord.__tablename__)
SURVEY = _table(tables.SurveyAnswerRecord.__tablename__)


def already_imported(session: Session, plan_id: int, digest: str) -> bool:
    query = select(IMPORT.c.id).where(IMPORT.c.plan_id == plan_id, IMPORT.c.digest == digest)
    return session.execute(query).first() is not None


def add_import(
    session: Session,
    plan_id: int,
    digest: str,
    source: str,
    fmt: str,
    lines: int,
    skipped: int,
    at: dt.datetime,
) -> int:
    result = session.execute(
        sa_insert(IMPORT)
        .values(
            plan_id=plan_id,
            digest=digest,
            source=source,
            format=fmt,
            lines=lines,
            skipped=skipped,
            imported_at=at,
        )
        .returning(IMPORT.c.id)
    )
    return int(result.scalar_one())


def add_survey_answers(
    session: Session, plan_id: int, import_id: int, answers: Sequence[Mapping[str, Any]]
) -> None:
    rows = [{"plan_id": plan_id, "import_id": import_id, **a} for a in answers]
    for chunk in _chunks(rows):
        session.execute(sa_insert(SURVEY), chunk)


def survey_answers(
    session: Session, plan_id: int, tool: str
) -> list[tuple[str | None, str | None, list[str], int]]:
    """(department, official, purposes, users) of every survey row about ``tool``."""
    query = select(SURVEY.c.department, SURVEY.c.official, SURVEY.c.purposes, SURVEY.c.users).where(
        SURVEY.c.plan_id == plan_id, SURVEY.c.tool == tool
    )
    return [(d, o, list(p or ()), int(u or 0)) for d, o, p, u in session.execute(query)]


def _unmatched(plan_id: int) -> list[Any]:
    return [HOST.c.plan_id == plan_id, HOST.c.tool.is_(None), HOST.c.decision.is_(None)]


def count_unmatched(session: Session, plan_id: int, min_users: int = -1) -> int:
    query = (
        select(func.count()).select_from(HOST).where(*_unmatched(plan_id), HOST.c.users > min_users)
    )
    return int(session.execute(query).scalar_one())


def host_page(
    session: Session, plan_id: int, *, unmatched: bool, search: str, limit: int, offset: int
) -> tuple[list[tuple[Any, ...]], int]:
    """A page of hosts (most users, then most traffic first) and the total that match."""
    where = _unmatched(plan_id) if unmatched else [HOST.c.plan_id == plan_id]
    if search:
        where.append(HOST.c.host.contains(search.casefold(), autoescape=True))
    total = session.execute(select(func.count()).select_from(HOST).where(*where)).scalar_one()
    rows = session.execute(
        select(
            HOST.c.host,
            HOST.c.tool,
            HOST.c.decision,
            HOST.c.users,
            HOST.c.hits,
            HOST.c.bytes,
            HOST.c.last_seen,
        )
        .where(*where)
        .order_by(HOST.c.users.desc(), HOST.c.hits.desc(), HOST.c.host)
        .limit(limit)
        .offset(offset)
    ).all()
    return [tuple(r) for r in rows], int(total)


def host_tool(session: Session, plan_id: int, host: str) -> tuple[int, str | None] | None:
    row = session.execute(
        select(HOST.c.id, HOST.c.tool).where(HOST.c.plan_id == plan_id, HOST.c.host == host)
    ).first()
    return (int(row[0]), row[1]) if row else None


def set_host_decision(session: Session, host_id: int, tool: str | None, decision: str) -> None:
    session.execute(update(HOST).where(HOST.c.id == host_id).values(tool=tool, decision=decision))
