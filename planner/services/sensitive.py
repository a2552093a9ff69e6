"""The list of sites whose visits reveal special-category data: shipped and the workspace's.

Why a service: adding a domain must also reach what is already stored — hosts an earlier
import kept under that domain are deleted, with their pseudonym sets, from every plan of
the workspace, their requests moved to the plans' set-aside counts, in the same
transaction as the new entry. A shipped entry cannot be removed (the list is reviewed
like code; a wrong entry is fixed there); the workspace's own can.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.adapters import sensitive as shipped_list
from planner.adapters.store import reads_evidence
from planner.adapters.store.db import Workspace
from planner.domain.catalog import Catalog
from planner.domain.hosts import normalize_host
from planner.domain.sensitive import Category
from planner.errors import InputError

__all__ = ["Listed", "add_sensitive", "list_sensitive", "remove_sensitive"]


@dataclass(frozen=True)
class Listed:
    domain: str
    category: Category
    name: str  # who runs it (shipped) or "added on DATE" (the workspace's)
    source: str  # the shipped entry's source, "workspace" for the workspace's own
    shipped: bool


@dataclass(frozen=True)
class Added:
    domain: str
    new: bool
    set_aside: dict[str, int]  # requests of hosts already stored, now dropped, per category
    plans: int  # plans that had such hosts


def _domain(text: str) -> str:
    domain = normalize_host(text.strip().removeprefix("*."))
    if domain is None or "." not in domain:
        raise InputError(f"not a domain name: {text!r}")
    return domain


def list_sensitive(ws: Workspace) -> list[Listed]:
    """Every entry, the shipped ones first (by category, then domain), then the
    workspace's own."""
    with ws.rows() as conn:  # Core: the listing only reads
        own = reads_evidence.own_sensitive(conn)
    shipped = shipped_list.shipped()
    order = list(Category)
    rows = [
        Listed(d, e.category, e.name, e.source, True)
        for d, e in sorted(shipped.items(), key=lambda de: (order.index(de[1].category), de[0]))
    ]
    with ws.rows() as conn:
        dates = reads_evidence.sensitive_added_on(conn)
    rows += [
        Listed(d, c, f"added on {dates[d].isoformat()}", "workspace", False)
        for d, c in sorted(own.items())
    ]
    return rows


def add_sensitive(
    ws: Workspace, catalog: Catalog, domain: str, category: Category, today: dt.date
) -> Added:
    """Add ``domain`` (any subdomain is covered) to the workspace's list and drop the
    hosts already stored under it, in every plan."""
    from planner.adapters.store import sensitive_repo
    from planner.adapters.store.repository import Repository
    from planner.domain.sensitive import SensitiveList
    from planner.services.discover.logs import refresh_tools

    key = _domain(domain)
    only = SensitiveList({key: category})
    totals: dict[str, int] = {}
    plans = 0
    with ws.write() as session:
        new = sensitive_repo.add_entry(session, key, category, today)
        repo = Repository(session)
        for plan in repo.plan_records():
            assert plan.id is not None
            counts, tools = sensitive_repo.drop_hosts(session, plan.id, only.category, [key])
            if counts:
                plans += 1
                refresh_tools(session, catalog, plan.id, tools, None)
            for c, n in counts.items():
                totals[c] = totals.get(c, 0) + n
    return Added(key, new, totals, plans)


def remove_sensitive(ws: Workspace, domain: str) -> str:
    """Remove one of the workspace's own entries; a shipped one is refused."""
    from planner.adapters.store import sensitive_repo

    key = _domain(domain)
    with ws.write() as session:
        if sensitive_repo.remove_entry(session, key):
            return key
    if key in shipped_list.shipped():
        raise InputError(
            f"'{key}' is on the shipped list (catalog/sensitive.yaml): it cannot be removed "
            "from a workspace; if it is wrong, correct the list itself"
        )
    raise InputError(
        f"'{key}' is not on the workspace's list (see 'planner privacy sensitive list')"
    )
