"""Triage of the hosts that no catalog product claims: list them, decide what each one is.

Why this exists: domain matching cannot know every tool, so unmatched hosts with many users
are the likeliest shadow IT. A host is mapped to a catalog product, made a custom tool, or
ignored; the decision is stored on the host so that later log imports follow it, and the
tools it touches are re-derived from their hosts as a log import would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.adapters import evidence
from planner.adapters.db import Workspace
from planner.adapters.repository import Repository
from planner.domain.catalog import Catalog, Category
from planner.domain.plan import Source, Tool, unique_slug
from planner.errors import InputError, NotFoundError
from planner.services.discover.common import plan_id_of
from planner.services.discover.logs import refresh_tools
from planner.services.plans import SHADOW_IT_USERS


@dataclass(frozen=True)
class HostView:
    host: str
    tool: str | None
    decision: str | None
    users: int
    hits: int
    bytes: int
    last_seen: dt.datetime | None


def list_hosts(
    ws: Workspace,
    plan: str | None,
    *,
    unmatched: bool = True,
    search: str = "",
    limit: int = 200,
    offset: int = 0,
) -> tuple[list[HostView], int]:
    """A page of hosts, most users then most traffic first, and how many match in all."""
    with ws.read() as session:
        plan_id = plan_id_of(Repository(session), plan)
        rows, total = evidence.host_page(
            session, plan_id, unmatched=unmatched, search=search, limit=limit, offset=offset
        )
    return [HostView(*row) for row in rows], total


def count_shadow_hosts(
    ws: Workspace, plan: str | None, min_users: int = SHADOW_IT_USERS
) -> tuple[int, int]:
    """(unmatched hosts, of which with more than ``min_users`` users) for next actions."""
    with ws.read() as session:
        plan_id = plan_id_of(Repository(session), plan)
        return (
            evidence.count_unmatched(session, plan_id),
            evidence.count_unmatched(session, plan_id, min_users),
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
    with ws.write() as session:
        repo = Repository(session)
        plan_id = plan_id_of(repo, plan)
        row = evidence.host_tool(session, plan_id, host.casefold())
        if row is None:
            raise NotFoundError(f"no host '{host}' in this plan's evidence")
        host_id, old_tool = row
        tool: str | None
        if decision == "mapped":
            if product is None or catalog.get(product) is None:
                raise InputError(f"no product '{product}' in the catalog")
            tool = product
        elif decision == "custom":
            if not name:
                raise InputError("a custom tool needs a name")
            tool = unique_slug(name, {t.slug: t.name for t in repo.tools(plan_id)})
            if repo.tool_record(plan_id, tool) is None:
                repo.save_tool(plan_id, Tool(tool, name, None, category=category))
        elif decision == "ignored":
            tool = None
        else:
            raise InputError(f"unknown decision '{decision}'")
        evidence.set_host_decision(session, host_id, tool, decision)
        refresh_tools(
            session, catalog, plan_id, {t for t in (tool, old_tool) if t}, Source.PROXY_LOG.value
        )
    return tool
