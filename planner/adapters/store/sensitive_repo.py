"""Sensitive sites in the store (revision 0014): the workspace's own entries, the counts
imports set aside per plan, and the removal of hosts a newer list covers.

A host under a sensitive domain is dropped before an import writes anything, so normally
none is ever stored. Hosts stored before a domain was listed (an older planner, an entry
added later) are deleted here with their pseudonym sets, their requests moved to the
plan's set-aside counts, and pseudonyms no host mentions any more deleted too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping

from sqlalchemy import delete, or_, select, update
from sqlalchemy import insert as sa_insert
from sqlmodel import Session

from planner.adapters.store import core_schema, reads_evidence
from planner.adapters.store.evidence import HOST, PERSON, unpack
from planner.domain.sensitive import Category

__all__ = [
    "add_counts",
    "add_entry",
    "added_on",
    "drop_hosts",
    "own_entries",
    "remove_entry",
    "set_aside",
]

SET_ASIDE = core_schema.set_aside
OWN = core_schema.sensitive_domain
DOMAIN = core_schema.host_domain


# The workspace's own list (Core; the read-only ``privacy sensitive list`` asks).
own_entries = reads_evidence.own_sensitive
added_on = reads_evidence.sensitive_added_on


def add_entry(session: Session, domain: str, category: Category, today: dt.date) -> bool:
    """Add or re-categorise a domain; True when it was new."""
    found = session.execute(select(OWN.c.domain).where(OWN.c.domain == domain)).first()
    if found:
        session.execute(update(OWN).where(OWN.c.domain == domain).values(category=category.value))
        return False
    session.execute(sa_insert(OWN).values(domain=domain, category=category.value, added_on=today))
    return True


def remove_entry(session: Session, domain: str) -> bool:
    found = session.execute(select(OWN.c.domain).where(OWN.c.domain == domain)).first()
    if found is None:
        return False
    session.execute(delete(OWN).where(OWN.c.domain == domain))
    return True


set_aside = reads_evidence.set_aside


def add_counts(session: Session, plan_id: int, counts: Mapping[str, int]) -> None:
    """Add an import's set-aside requests to the plan's totals."""
    current = set_aside(session, plan_id)
    present = {
        c
        for (c,) in session.execute(
            select(SET_ASIDE.c.category).where(SET_ASIDE.c.plan_id == plan_id)
        )
    }
    for category, count in counts.items():
        if not count:
            continue
        total = current.get(category, 0) + count
        if category in present:
            session.execute(
                update(SET_ASIDE)
                .where(SET_ASIDE.c.plan_id == plan_id, SET_ASIDE.c.category == category)
                .values(requests=total)
            )
        else:
            session.execute(
                sa_insert(SET_ASIDE).values(plan_id=plan_id, category=category, requests=total)
            )


def drop_hosts(
    session: Session,
    plan_id: int,
    category_of: Callable[[str], Category | None],
    listed: Collection[str],
) -> tuple[dict[str, int], set[str]]:
    """Delete the plan's stored hosts that ``category_of`` puts in a sensitive category;
    returns (their requests per category, already added to the plan's counts; the tools
    they fed, whose evidence needs refreshing). ``listed``: the list's domains; only hosts
    under their registrable domains are read (the host table's domain index)."""
    from planner.domain.suffixes import registrable_domain

    wanted = sorted({registrable_domain(d) for d in listed})
    query = select(
        HOST.c.id, HOST.c.host, HOST.c.hits, HOST.c.blocked, HOST.c.tool, HOST.c.domain
    ).where(HOST.c.plan_id == plan_id, or_(HOST.c.domain.in_(wanted), HOST.c.domain.is_(None)))
    counts: dict[str, int] = {}
    doomed: list[int] = []
    tools: set[str] = set()
    domains: set[str] = set()
    for host_id, host, hits, blocked, tool, domain in session.execute(query):
        category = category_of(host)
        if category is None:
            continue
        doomed.append(host_id)
        counts[category.value] = counts.get(category.value, 0) + hits + blocked
        if tool:
            tools.add(tool)
        if domain:
            domains.add(domain)
    if not doomed:
        return {}, set()
    for start in range(0, len(doomed), 900):
        session.execute(delete(HOST).where(HOST.c.id.in_(doomed[start : start + 900])))
    query = select(HOST.c.domain).where(
        HOST.c.plan_id == plan_id, HOST.c.domain.in_(sorted(domains))
    )
    still = {d for (d,) in session.execute(query)}
    gone_domains = sorted(domains - still)
    for start in range(0, len(gone_domains), 900):
        session.execute(
            delete(DOMAIN).where(
                DOMAIN.c.plan_id == plan_id, DOMAIN.c.domain.in_(gone_domains[start : start + 900])
            )
        )
    seen: set[int] = set()
    for (blob,) in session.execute(select(HOST.c.user_set).where(HOST.c.plan_id == plan_id)):
        seen.update(unpack(blob))
    orphans = [
        p
        for (p,) in session.execute(select(PERSON.c.id).where(PERSON.c.plan_id == plan_id))
        if p not in seen
    ]
    for start in range(0, len(orphans), 900):
        session.execute(delete(PERSON).where(PERSON.c.id.in_(orphans[start : start + 900])))
    add_counts(session, plan_id, counts)
    return counts, tools
