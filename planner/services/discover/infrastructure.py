"""The shipped infrastructure list applied to hosts already seen, not only to new ones.

Why this exists: an import sets aside the new hosts under the list (CDNs, updates,
telemetry, ads, certificate authorities), but hosts from earlier imports stayed in triage
when a newer planner shipped a longer list, or when a domain rule that covered them was
removed. ``classify`` sets aside the hosts still waiting for triage that the
list covers. A decision of the user always wins: only hosts with neither a tool nor a
decision are touched, so a host mapped, made custom or ignored, on its own or by a rule on
its domain, keeps it; so does a host a catalog product (shipped or the user's) claims.

Looking for them costs ~0.2 s over 280,000 open hosts (a scan of the domains that end in
a listed public suffix, such as ``cloudfront.net``), too much to pay on every import:
``reapply`` does it only when the list differs from the one last applied to the plan
(its digest is kept on the plan), and clearing a rule classifies just the hosts it freed.
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.adapters import infrastructure as listed
from planner.adapters.sources.logs.model import APP_PREFIX
from planner.adapters.store import domains, triage_store
from planner.adapters.store.db import Session
from planner.domain.catalog import Catalog
from planner.domain.hosts import DomainMatcher

INFRASTRUCTURE = "infrastructure"  # a host's decision when the shipped list classified it


def covered(
    host: str, catalog: DomainMatcher | None = None, infra: DomainMatcher | None = None
) -> bool:
    """Does the list (``infra``: its matcher, built once by a caller with many hosts)
    classify ``host`` (an evidence key: normalised already), and no catalog product claim
    it (``catalog``: None when the caller knows none does)?"""
    if host.startswith(APP_PREFIX) or (infra or listed.matcher()).closest(host) is None:
        return False
    return catalog is None or catalog.closest(host) is None


def classify(
    session: Session, catalog: Catalog, plan_id: int, hosts: Iterable[tuple[int, str]]
) -> tuple[int, set[str]]:
    """Set aside those of ``hosts`` (id, host: waiting for triage) the list covers;
    returns how many, and the registrable domains whose totals changed (the caller
    refreshes them)."""
    from planner.domain.suffixes import registrable_domain

    claims, infra = DomainMatcher(catalog.domains()), listed.matcher()
    touched: set[str] = set()
    marked = 0
    for host_id, host in hosts:
        if covered(host, claims, infra):
            triage_store.set_host_decision(session, host_id, None, INFRASTRUCTURE)
            touched.add(registrable_domain(host))
            marked += 1
    return marked, touched


def reapply(session: Session, catalog: Catalog, plan_id: int, *, earlier: bool = True) -> int:
    """Set aside the plan's hosts still waiting for triage that the list covers, when the
    list is not the one last applied to the plan; returns how many. ``earlier``: the plan
    had hosts before the import that calls this (an import's new hosts were just checked
    against this very list, so a plan's first import only records it as applied)."""
    digest = listed.digest()
    if triage_store.applied_digest(session, plan_id) == digest:
        return 0
    if not earlier:
        triage_store.set_applied_digest(session, plan_id, digest)
        return 0
    exact, suffixes = listed.stored_domains()
    found = triage_store.open_hosts_under(session, plan_id, exact, suffixes)
    marked, touched = classify(session, catalog, plan_id, {i: h for i, h, _ in found}.items())
    domains.refresh_domains(session, plan_id, touched)
    triage_store.set_applied_digest(session, plan_id, digest)
    return marked
