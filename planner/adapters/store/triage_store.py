"""Hosts as triage left them: what a domain rule decided, what is still open under the
infrastructure list, and the list last applied to a plan (revision 0010).

Why this exists: a decision can be undone, which needs to know who made it. A
host's ``by_rule`` says the rule on its domain decided it, so removing the rule returns
those hosts to triage and leaves the hosts decided one by one as they are. Hosts store
their registrable domain (revision 0009), so each query here is an indexed lookup by
domain rather than a scan of a long tail.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy import insert as sa_insert
from sqlmodel import Session

from planner.adapters.store import core_schema, reads_evidence
from planner.adapters.store.evidence import HOST, _chunks, unpack

PLAN = core_schema.plan
RULE = core_schema.triage_rule


# -- the triage list: pages of hosts, decisions, domain rules -------------------------------

# Hosts waiting for triage and pages of hosts (Core; the read-only commands ask too).
count_unmatched = reads_evidence.count_unmatched
host_page = reads_evidence.host_page
page = reads_evidence.page


def decided_page(
    session: Session, plan_id: int, decisions: Sequence[str], search: str, limit: int | None
) -> tuple[list[tuple[Any, ...]], int]:
    """The hosts decided one by one (not by a domain rule) with one of ``decisions``,
    most users first, as (host, tool, decision, users, hits, bytes, last_seen)."""
    where = [
        HOST.c.plan_id == plan_id,
        HOST.c.decision.in_(list(decisions)),
        HOST.c.by_rule.is_not(True),
    ]
    if search:
        where.append(HOST.c.host.contains(search.casefold(), autoescape=True))
    columns = ("host", "tool", "decision", "users", "hits", "bytes", "last_seen")
    return page(session, HOST, columns, where, "host", limit, 0)


def host_tool(session: Session, plan_id: int, host: str) -> tuple[int, str | None] | None:
    row = session.execute(
        select(HOST.c.id, HOST.c.tool).where(HOST.c.plan_id == plan_id, HOST.c.host == host)
    ).first()
    return (int(row[0]), row[1]) if row else None


def set_host_decision(
    session: Session, host_id: int, tool: str | None, decision: str | None, by_rule: bool = False
) -> None:
    """A host's tool and decision; ``by_rule``: the rule on its domain made it."""
    values = {"tool": tool, "decision": decision, "by_rule": by_rule}
    session.execute(update(HOST).where(HOST.c.id == host_id).values(**values))


triage_rules = reads_evidence.triage_rules


def save_rule(session: Session, plan_id: int, domain: str, decision: str, tool: str | None) -> None:
    """Record (or replace) the plan's decision on a domain."""
    session.execute(delete(RULE).where(RULE.c.plan_id == plan_id, RULE.c.domain == domain))
    session.execute(
        sa_insert(RULE).values(plan_id=plan_id, domain=domain, decision=decision, tool=tool)
    )


def hosts_under(session: Session, plan_id: int, domain: str) -> list[tuple[int, str, str | None]]:
    """(id, host, tool) of the hosts named ``domain`` or ending in ``.domain`` (a superset
    of those under the registrable domain: the caller checks each with the suffix list)."""
    query = select(HOST.c.id, HOST.c.host, HOST.c.tool).where(
        HOST.c.plan_id == plan_id,
        (HOST.c.host == domain) | HOST.c.host.endswith("." + domain, autoescape=True),
    )
    return [(int(i), h, t) for i, h, t in session.execute(query)]


host_rows = reads_evidence.host_rows


# -- what a domain rule decided --------------------------------------------------------------


@dataclass(frozen=True)
class HostState:
    id: int
    host: str
    tool: str | None
    decision: str | None
    by_rule: bool
    domain: str | None


def host_state(session: Session, plan_id: int, host: str) -> HostState | None:
    """One host's tool, decision and where the decision came from."""
    row = session.execute(
        select(
            HOST.c.id, HOST.c.host, HOST.c.tool, HOST.c.decision, HOST.c.by_rule, HOST.c.domain
        ).where(HOST.c.plan_id == plan_id, HOST.c.host == host)
    ).first()
    return HostState(int(row[0]), row[1], row[2], row[3], bool(row[4]), row[5]) if row else None


def ruled_hosts(session: Session, plan_id: int, domain: str) -> list[tuple[int, str, str | None]]:
    """(id, host, tool) of the hosts the rule on ``domain`` decided."""
    query = select(HOST.c.id, HOST.c.host, HOST.c.tool).where(
        HOST.c.plan_id == plan_id, HOST.c.domain == domain, HOST.c.by_rule.is_(True)
    )
    return [(int(i), h, t) for i, h, t in session.execute(query)]


def ruled_counts(session: Session, plan_id: int, domains: Sequence[str]) -> dict[str, int]:
    """How many hosts the rule on each of ``domains`` decided (an indexed lookup per
    domain: rules are few, hosts may be a million)."""
    counts: dict[str, int] = {}
    for chunk in _chunks(list(domains), 900):
        query = (
            select(HOST.c.domain, func.count())
            .where(HOST.c.plan_id == plan_id, HOST.c.domain.in_(chunk), HOST.c.by_rule.is_(True))
            .group_by(HOST.c.domain)
        )
        counts.update((d, int(n)) for d, n in session.execute(query))
    return counts


def own_decisions(session: Session, plan_id: int, domain: str, automatic: str) -> int:
    """How many hosts under ``domain`` carry a decision taken on the host itself (not the
    rule's, not ``automatic``: the infrastructure list's)."""
    query = (
        select(func.count())
        .select_from(HOST)
        .where(
            HOST.c.plan_id == plan_id,
            HOST.c.domain == domain,
            HOST.c.by_rule.is_(False),
            HOST.c.decision.is_not(None),
            HOST.c.decision != automatic,
        )
    )
    return int(session.execute(query).scalar_one())


def delete_rule(session: Session, plan_id: int, domain: str) -> bool:
    """Remove the plan's rule on ``domain``; False when there was none."""
    found = session.execute(
        select(RULE.c.id).where(RULE.c.plan_id == plan_id, RULE.c.domain == domain)
    ).first()
    if found is None:
        return False
    session.execute(delete(RULE).where(RULE.c.id == found[0]))
    return True


def open_hosts_under(
    session: Session, plan_id: int, domains: Sequence[str], suffixes: Sequence[str]
) -> list[tuple[int, str, str | None]]:
    """(id, host, domain) of the hosts waiting for triage (no tool, no decision) stored
    under one of ``domains`` or a domain ending in ``.suffix``: a superset of the hosts
    under a list of domains, which the caller checks host by host."""
    found: list[tuple[int, str, str | None]] = []
    open_ = [HOST.c.plan_id == plan_id, HOST.c.tool.is_(None), HOST.c.decision.is_(None)]
    for chunk in _chunks(list(domains), 900):
        query = select(HOST.c.id, HOST.c.host, HOST.c.domain).where(
            *open_, HOST.c.domain.in_(chunk)
        )
        found += [(int(i), h, d) for i, h, d in session.execute(query)]
    if suffixes:
        under = HOST.c.domain.endswith("." + suffixes[0], autoescape=True)
        for suffix in suffixes[1:]:
            under = under | HOST.c.domain.endswith("." + suffix, autoescape=True)
        query = select(HOST.c.id, HOST.c.host, HOST.c.domain).where(*open_, under)
        found += [(int(i), h, d) for i, h, d in session.execute(query)]
    return found


def applied_digest(session: Session, plan_id: int) -> str | None:
    """The digest of the infrastructure list last applied to the plan's hosts."""
    query = select(PLAN.c.infrastructure_digest).where(PLAN.c.id == plan_id)
    return session.execute(query).scalar_one_or_none()


def set_applied_digest(session: Session, plan_id: int, digest: str) -> None:
    statement = update(PLAN).where(PLAN.c.id == plan_id).values(infrastructure_digest=digest)
    session.execute(statement)


@dataclass(frozen=True)
class Orphan:
    """A host feeding a tool the plan no longer has (a reviewer deleted it)."""

    id: int
    host: str
    domain: str | None
    tool: str
    people: frozenset[int]  # its pseudonyms (none once purged)
    users: int  # its count of people, kept when its pseudonyms are purged


def orphans(session: Session, plan_id: int, keep: Collection[str] | None = None) -> list[Orphan]:
    """The hosts whose tool is not one of the plan's tools (``keep``: not one of these
    instead, for a preview of an import that has not written its tools yet)."""
    tools = core_schema.tool
    where = [HOST.c.plan_id == plan_id, HOST.c.tool.is_not(None)]
    if keep is None:
        where.append(HOST.c.tool.not_in(select(tools.c.slug).where(tools.c.plan_id == plan_id)))
    query = select(
        HOST.c.id, HOST.c.host, HOST.c.domain, HOST.c.tool, HOST.c.user_set, HOST.c.users
    ).where(*where)
    return [
        Orphan(i, host, domain, tool, frozenset(unpack(blob)), users)
        for i, host, domain, tool, blob, users in session.execute(query)
        if keep is None or tool not in keep
    ]
