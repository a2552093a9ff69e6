"""Triage of the hosts that no catalog product claims: list them, decide what each one is.

Why this exists: domain matching cannot know every tool, so unmatched hosts with many users
are the likeliest shadow IT. A host is mapped to a catalog product, made a custom tool, or
ignored; the decision is stored on the host so that later log imports follow it, and the
tools it touches are re-derived from their hosts as a log import would.

A long tail is triaged by registrable domain: `list_domains` groups hosts under
their registrable domain (Public Suffix List; an IP address stands for itself) and
`decide_domain` stores a rule of the plan that covers every host under the domain that no
catalog product claims, now and in later imports (`import_log` applies the rules to the
new hosts). A later decision on one host still wins for that host. Each host remembers
whether the rule decided it (``by_rule``), so removing the rule (``undecide``) returns
only those hosts to triage.

The listings read through Core (``reads_evidence``), as the read-only commands do; the
decisions import the repositories and the log importer's re-derivation of tools inside the
functions that write, so that ``discover hosts`` loads neither the ORM nor the table classes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.adapters.store import reads, reads_evidence
from planner.adapters.store.db import Workspace
from planner.domain.hosts import DomainMatcher
from planner.domain.plan import Source, Tool, unique_slug
from planner.domain.suffixes import checked_domain, covers, registrable_domain
from planner.errors import InputError, NotFoundError
from planner.services.discover.common import plan_id_of, typed_host
from planner.services.plans import SHADOW_IT_USERS

if TYPE_CHECKING:
    from planner.adapters.store.db import Session
    from planner.adapters.store.repository import Repository
    from planner.domain.catalog import Catalog, Category


@dataclass(frozen=True)
class HostView:
    host: str
    tool: str | None
    decision: str | None
    users: int
    hits: int
    bytes: int
    last_seen: dt.datetime | None
    new: bool = False  # first seen in the plan's latest log import


def list_hosts(
    ws: Workspace,
    plan: str | None,
    *,
    unmatched: bool = True,
    search: str = "",
    limit: int | None = 200,
    offset: int = 0,
    domain: str | None = None,
    order: tuple[str, bool] | None = None,
) -> tuple[list[HostView], int]:
    """A page of hosts, most users then most traffic first, and how many match in all
    (``domain``: only the hosts under that registrable domain; ``limit`` None: all).
    ``order``: a field of :class:`HostView` (``hits``, ``last_seen`` …) and whether
    descending, applied by the database before paging, so page 2 continues page 1."""
    with ws.rows() as conn:  # Core: the listing only reads
        plan_id = reads.plan_id(conn, plan)
        rows, total = reads_evidence.host_page(
            conn,
            plan_id,
            unmatched=unmatched,
            search=search,
            limit=limit,
            offset=offset,
            domain=domain,
            order=order,
        )
        latest = reads_evidence.last_import(conn, plan_id) if rows else None
    return [
        HostView(h, t, d, u, hits, size, last, first is not None and first == latest)
        for h, t, d, u, hits, size, last, first in rows
    ], total


def count_shadow_hosts(
    ws: Workspace, plan: str | None, min_users: int = SHADOW_IT_USERS
) -> tuple[int, int]:
    """(unmatched hosts, of which with more than ``min_users`` users) for next actions."""
    with ws.rows() as conn:  # Core: only reads
        plan_id = reads.plan_id(conn, plan)
        return (
            reads_evidence.count_unmatched(conn, plan_id),
            reads_evidence.count_unmatched(conn, plan_id, min_users),
        )


def decide_host(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    host: str,
    decision: str,
    *,
    product: str | None = None,
    name: str | None = None,
    category: Category | None = None,
) -> str | None:
    """Map a host to a product, make it a custom tool, or ignore it; returns the tool slug.

    The decision is stored on the host so later imports follow it.
    """
    from planner.adapters.store import domains, triage_store
    from planner.adapters.store.repository import Repository
    from planner.services.discover.logs import refresh_tools

    with ws.write() as session:
        repo = Repository(session)
        plan_id = plan_id_of(repo, plan)
        key = typed_host(host)
        row = triage_store.host_tool(session, plan_id, key)
        if row is None:
            raise NotFoundError(f"no host '{host}' in this plan's evidence")
        host_id, old_tool = row
        tool = _decided_tool(repo, catalog, plan_id, decision, product, name, category)
        triage_store.set_host_decision(session, host_id, tool, decision)
        domains.refresh_domains(session, plan_id, [registrable_domain(key)])
        refresh_tools(
            session, catalog, plan_id, {t for t in (tool, old_tool) if t}, Source.PROXY_LOG
        )
    return tool


def _decided_tool(
    repo: Repository,
    catalog: Catalog,
    plan_id: int,
    decision: str,
    product: str | None,
    name: str | None,
    category: Category | None,
) -> str | None:
    """The tool a decision feeds (a custom tool is created here); None when ignored."""
    if decision == "mapped":
        if product is None or catalog.get(product) is None:
            raise InputError(f"no product '{product}' in the catalog")
        return product
    if decision == "custom":
        if not name:
            raise InputError("a custom tool needs a name")
        tool = unique_slug(name, repo.tool_names(plan_id))
        if repo.tool_record(plan_id, tool) is None:
            repo.save_tool(plan_id, Tool(tool, name, None, category=category))
        return tool
    if decision == "ignored":
        return None
    raise InputError(f"unknown decision '{decision}'")


def domain_of(text: str) -> str:
    """The registrable domain a user typed, checked: ``bbc.co.uk`` or an IP address."""
    try:
        return checked_domain(text)
    except ValueError as exc:
        raise InputError(str(exc)) from None


@dataclass(frozen=True)
class DomainDecision:
    domain: str
    tool: str | None
    hosts: int  # hosts the decision covers now (the catalog's own matches left alone)


def decide_domain(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    domain: str,
    decision: str,
    *,
    product: str | None = None,
    name: str | None = None,
    category: Category | None = None,
) -> DomainDecision:
    """Decide for every host under a registrable domain, now and in later imports.

    Stored as a rule of the plan (a new decision on the domain replaces it); it covers
    each host under the domain that no catalog product claims, replacing an earlier
    decision on it. Hosts the catalog matches keep their product.
    """
    from planner.adapters.store import triage_store
    from planner.adapters.store.repository import Repository

    domain = domain_of(domain)
    with ws.write() as session:
        repo = Repository(session)
        plan_id = plan_id_of(repo, plan)
        tool = _decided_tool(repo, catalog, plan_id, decision, product, name, category)
        triage_store.save_rule(session, plan_id, domain, decision, tool)
        covered = apply_rules(session, catalog, plan_id, {domain: (decision, tool)})
    return DomainDecision(domain, tool, covered)


def apply_rules(
    session: Session,
    catalog: Catalog,
    plan_id: int,
    rules: Mapping[str, tuple[str, str | None]],
) -> int:
    """Apply domain rules (domain -> (decision, tool)) to the hosts already seen under
    each domain that no catalog product claims, and re-derive the tools they touch (a
    decision from the Discover screen, or rules a reviewed plan file brought). Returns how
    many hosts they cover."""
    from planner.adapters.store import domains, triage_store
    from planner.services.discover.logs import refresh_tools

    matcher = DomainMatcher(catalog.domains())
    touched: set[str] = set()
    covered = 0
    for domain, (decision, tool) in rules.items():
        if tool:
            touched.add(tool)
        for host_id, host, old_tool in triage_store.hosts_under(session, plan_id, domain):
            if not covers(domain, host) or matcher.match(host) is not None:
                continue
            triage_store.set_host_decision(session, host_id, tool, decision, by_rule=True)
            covered += 1
            if old_tool:
                touched.add(old_tool)
    domains.refresh_domains(session, plan_id, rules)
    refresh_tools(session, catalog, plan_id, touched, Source.PROXY_LOG)
    return covered


@dataclass(frozen=True)
class DomainView:
    domain: str
    hosts: int
    users: int  # distinct people over its hosts
    hits: int
    bytes: int
    last_seen: dt.datetime | None
    rule: str | None  # the plan's decision on the domain, if any
    new: bool = False  # first seen in the plan's latest log import


def list_domains(
    ws: Workspace,
    plan: str | None,
    *,
    unmatched: bool = True,
    search: str = "",
    limit: int | None = 200,
    offset: int = 0,
    order: tuple[str, bool] | None = None,
) -> tuple[list[DomainView], int]:
    """A page of registrable domains (most users, then most requests first; over the
    unmatched hosts, ``order`` as for :func:`list_hosts`, a field of :class:`DomainView`)
    over the plan's unmatched hosts (or all of them), and how many domains there are in all.

    Over the unmatched hosts it is one indexed query: each domain's totals are kept as
    imports and decisions go (a domain whose name contains ``search``). Over all hosts
    they are grouped here (``search`` then matches host names)."""
    groups: dict[str, list[Any]] = {}
    with ws.rows() as conn:  # Core: the listing only reads
        plan_id = reads.plan_id(conn, plan)
        rules = reads_evidence.triage_rules(conn, plan_id)
        if unmatched:
            latest = reads_evidence.last_import(conn, plan_id)
            rows, total = reads_evidence.domain_page(
                conn, plan_id, search=search, limit=limit, offset=offset, order=order
            )
            return [
                DomainView(
                    d, n, users, hits, size, last, rules.get(d, (None, None))[0],
                    first is not None and first == latest,
                )
                for d, n, users, hits, size, last, first in rows
            ], total  # fmt: skip
        for host, hits, blob, last, size in reads_evidence.host_rows(
            conn, plan_id, unmatched=unmatched, search=search
        ):
            domain = registrable_domain(host)
            g = groups.get(domain)
            if g is None:
                g = groups[domain] = [0, set(), 0, None, 0]
            g[0] += 1
            g[1].update(reads_evidence.unpack(blob))
            g[2] += hits
            if last is not None and (g[3] is None or last > g[3]):
                g[3] = last
            g[4] += size
    views = [
        DomainView(d, n, len(people), hits, size, last, rules.get(d, (None, None))[0])
        for d, (n, people, hits, last, size) in groups.items()
    ]
    views.sort(key=lambda v: (-v.users, -v.hits, v.domain))
    return views[offset : None if limit is None else offset + limit], len(views)


@dataclass(frozen=True)
class NewSince:
    """What the plan's latest log import saw for the first time."""

    tools: list[str]
    domains: list[str]  # registrable domains


def new_in_latest_import(ws: Workspace, plan: str | None) -> NewSince:
    """The tools and domains first seen in the latest log import (nothing before one)."""
    from planner.adapters.store import domains
    from planner.adapters.store.repository import Repository

    with ws.read() as session:
        plan_id = plan_id_of(Repository(session), plan)
        latest = domains.last_import(session, plan_id)
        if latest is None:
            return NewSince([], [])
        tools, found = domains.new_in_import(session, plan_id, latest)
    return NewSince(tools, found)
