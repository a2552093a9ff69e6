"""The read-only commands' queries of the plan's evidence and privacy step, on the Core
tables (see ``reads``): hosts waiting for triage, the formats imported, the
data-protection record and the organisation's countries.

As in ``reads``, each function takes a Core ``Connection`` or an ORM ``Session``;
``triage_store``, ``imports`` and ``privacy_repo`` call them, so each query is written once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from planner.adapters.store.core_schema import (
    data_protection,
    host,
    host_domain,
    import_run,
    purge_run,
    sensitive_domain,
)
from planner.adapters.store.core_schema import plan as plan_table
from planner.adapters.store.core_schema import set_aside as set_aside_table
from planner.adapters.store.reads import Executor
from planner.adapters.store.rows import loaders
from planner.domain.privacy import DataProtection, LegalBasis
from planner.domain.sensitive import Category

INTERVIEW = "interview"  # the format of users people reported by word of mouth (tools add)


def unmatched(plan_id: int) -> list[Any]:
    """Hosts of the plan no tool claims and no one decided: triage's list."""
    return [host.c.plan_id == plan_id, host.c.tool.is_(None), host.c.decision.is_(None)]


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
