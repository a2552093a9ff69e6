"""The read-only commands' queries of the plan's evidence and privacy step, on the Core
tables (see ``reads``): hosts waiting for triage and their pages, the domains' pages, the
formats imported, the data-protection record and the organisation's countries.

As in ``reads``, each function takes a Core ``Connection`` or an ORM ``Session``;
``triage_store``, ``domains``, ``imports`` and ``privacy_repo`` call them, so each query is
written once.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, func, select

from planner.adapters.store.core_schema import (
    data_protection,
    host,
    host_domain,
    import_run,
    purge_run,
    sensitive_domain,
    triage_rule,
)
from planner.adapters.store.core_schema import plan as plan_table
from planner.adapters.store.core_schema import set_aside as set_aside_table
from planner.adapters.store.reads import Executor
from planner.adapters.store.rows import loaders
from planner.domain.privacy import DataProtection, LegalBasis
from planner.domain.sensitive import Category

INTERVIEW = "interview"  # the format of users people reported by word of mouth (tools add)
Order = tuple[str, bool]
"""A column to sort a page by, and whether descending."""


def unmatched(plan_id: int) -> list[Any]:
    """Hosts of the plan no tool claims and no one decided: triage's list."""
    return [host.c.plan_id == plan_id, host.c.tool.is_(None), host.c.decision.is_(None)]


_waiting = unmatched  # for the pages, whose keyword argument ``unmatched`` hides it


def count_unmatched(db: Executor, plan_id: int, min_users: int = -1) -> int:
    """Hosts waiting for triage (with more than ``min_users`` users). All of them is a sum
    of the domains' kept totals (revision 0009): a long tail is not counted host by host."""
    if min_users < 0:
        total = select(func.coalesce(func.sum(host_domain.c.hosts), 0)).where(
            host_domain.c.plan_id == plan_id
        )
        return int(db.execute(total).scalar_one())
    query = (
        select(func.count()).select_from(host).where(*unmatched(plan_id), host.c.users > min_users)
    )
    return int(db.execute(query).scalar_one())


def page(
    db: Executor,
    table: Table,
    columns: Sequence[str],
    where: Sequence[Any],
    name: str,
    limit: int | None,
    offset: int,
    order: Order | None = None,
) -> tuple[list[tuple[Any, ...]], int]:
    """One page of ``table``'s rows matching ``where`` as tuples of ``columns``, and how many
    match in all: by ``order`` (a column of ``columns``, empty values last either way), then
    most users, most requests and by ``name``: paging follows the order the user sorted by."""
    total = db.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
    first: list[Any] = []
    if order is not None and order[0] in columns:
        column = table.c[order[0]]
        first = [(column.desc() if order[1] else column.asc()).nulls_last()]
    rows = db.execute(
        select(*(table.c[c] for c in columns))
        .where(*where)
        .order_by(*first, table.c.users.desc(), table.c.hits.desc(), table.c[name])
        .limit(limit)
        .offset(offset)
    ).all()
    return [tuple(r) for r in rows], int(total)


def host_page(
    db: Executor,
    plan_id: int,
    *,
    unmatched: bool,
    search: str,
    limit: int | None,
    offset: int,
    domain: str | None = None,
    order: Order | None = None,
) -> tuple[list[tuple[Any, ...]], int]:
    """A page of hosts (most users, then most traffic first, unless ``order`` says) and the
    total that match; each row ends with the import that first saw the host. ``domain``:
    only its hosts."""
    where = _waiting(plan_id) if unmatched else [host.c.plan_id == plan_id]
    if domain is not None:
        where.append(host.c.domain == domain)
    if search:
        where.append(host.c.host.contains(search.casefold(), autoescape=True))
    columns = ("host", "tool", "decision", "users", "hits", "bytes", "last_seen", "first_import")
    return page(db, host, columns, where, "host", limit, offset, order)


def host_rows(
    db: Executor, plan_id: int, *, unmatched: bool, search: str
) -> Iterable[tuple[str, int, bytes, Any, Any]]:
    """(host, hits, user_set, last_seen, bytes) of the plan's hosts (or the unmatched ones),
    streamed: grouping them by domain happens in the caller."""
    where = _waiting(plan_id) if unmatched else [host.c.plan_id == plan_id]
    if search:
        where.append(host.c.host.contains(search.casefold(), autoescape=True))
    columns = (host.c.host, host.c.hits, host.c.user_set, host.c.last_seen, host.c.bytes)
    result: Iterable[tuple[str, int, bytes, Any, Any]] = db.execute(select(*columns).where(*where))
    return result


def unpack(blob: bytes | bytearray | None) -> array[int]:
    """A host's set of person ids, as ``evidence.pack`` stored it."""
    values: array[int] = array("I")
    if blob:
        values.frombytes(blob)
    return values


def domain_page(
    db: Executor,
    plan_id: int,
    *,
    search: str,
    limit: int | None,
    offset: int,
    order: Order | None = None,
) -> tuple[list[tuple[Any, ...]], int]:
    """A page of domains with hosts waiting for triage (most users, then most requests
    first, unless ``order`` says): (domain, hosts, users, hits, bytes, last_seen,
    first_import), and how many."""
    table = host_domain
    where = [table.c.plan_id == plan_id, table.c.hosts > 0]
    if search:
        where.append(table.c.domain.contains(search.casefold(), autoescape=True))
    columns = ("domain", "hosts", "users", "hits", "bytes", "last_seen", "first_import")
    return page(db, table, columns, where, "domain", limit, offset, order)


def last_import(db: Executor, plan_id: int) -> int | None:
    """The id of the plan's latest log import when there was one before it (None: no
    second import yet: after the first, everything would be "new"); surveys do not count."""
    runs = import_run
    query = (
        select(runs.c.id)
        .where(runs.c.plan_id == plan_id, runs.c.format != "survey")
        .order_by(runs.c.id.desc())
        .limit(2)
    )
    found = [int(i) for (i,) in db.execute(query)]
    return found[0] if len(found) == 2 else None


def triage_rules(db: Executor, plan_id: int) -> dict[str, tuple[str, str | None]]:
    """domain -> (decision, tool) of every domain rule of the plan."""
    rule = triage_rule
    query = select(rule.c.domain, rule.c.decision, rule.c.tool).where(rule.c.plan_id == plan_id)
    return {domain: (decision, tool) for domain, decision, tool in db.execute(query)}


def imported_formats(db: Executor, plan_id: int) -> set[str]:
    """The formats of everything imported into the plan (the Art. 30 record's sources)."""
    query = select(import_run.c.format).where(import_run.c.plan_id == plan_id).distinct()
    return {f for (f,) in db.execute(query)}


def data_protection_of(db: Executor, plan_id: int) -> DataProtection | None:
    """The plan's data-protection record, if one was made. A legal basis this planner does
    not know (a newer release's) reads as none rather than failing."""
    names = tuple(loaders(DataProtection, "data_protection"))
    table = data_protection
    row = db.execute(
        select(*(table.c[name] for name in names)).where(table.c.plan_id == plan_id)
    ).first()
    if row is None:
        return None
    values: dict[str, Any] = dict(zip(names, row, strict=True))
    basis = values["legal_basis"]
    values["legal_basis"] = LegalBasis(basis) if basis in set(LegalBasis) else None
    values["purpose"] = values["purpose"] or ""
    return DataProtection(**values)


def countries(db: Executor, plan_id: int) -> tuple[str, ...]:
    """The countries where the plan's organisation employs people (revision 0013)."""
    query = select(plan_table.c.countries).where(plan_table.c.id == plan_id)
    text = db.execute(query).scalar_one_or_none()
    return tuple(c for c in (text or "").split(",") if c)


def own_sensitive(db: Executor) -> dict[str, Category]:
    """The workspace's own sensitive domains and their categories (a category this
    release does not know, written by a newer one, is left out rather than failing every
    import)."""
    known = {c.value for c in Category}
    table = sensitive_domain
    query = select(table.c.domain, table.c.category)
    return {d: Category(c) for d, c in db.execute(query) if c in known}


def sensitive_added_on(db: Executor) -> dict[str, dt.date]:
    """When each of the workspace's own sensitive domains was added."""
    table = sensitive_domain
    return {d: when for d, when in db.execute(select(table.c.domain, table.c.added_on))}


def purges(db: Executor, plan_id: int) -> list[tuple[dt.datetime, dt.datetime, int]]:
    """The plan's evidence purges, newest first: (when, cut-off, hosts touched)."""
    table = purge_run
    query = (
        select(table.c.purged_at, table.c.cutoff, table.c.hosts)
        .where(table.c.plan_id == plan_id)
        .order_by(table.c.id.desc())
    )
    return [(w, c, h) for w, c, h in db.execute(query)]


def set_aside(db: Executor, plan_id: int) -> dict[str, int]:
    """Requests set aside in the plan so far, per category."""
    table = set_aside_table
    query = select(table.c.category, table.c.requests).where(table.c.plan_id == plan_id)
    return {c: n for c, n in db.execute(query) if n}
