"""Who claims each new host of an import, and each host's delta, in one pass each.

Why this exists: a long tail brings hundreds of thousands of new hosts, nearly all of
which nothing claims. Building a host -> tool map with an entry per host, then walking it
again for the domain rules and again for the infrastructure list, cost three passes and
a dictionary as large as the log; here each new host is looked at once, and only the
hosts something claims are kept (a tool, a triage decision). The deltas are made one
host at a time for the store to write as they come, so the log's hosts are never held
twice (``people.host_totals``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from planner.adapters.sources.logs.model import APP_PREFIX
from planner.adapters.store import triage_store
from planner.adapters.store.db import Session
from planner.domain.hosts import DomainMatcher
from planner.services.discover.infrastructure import INFRASTRUCTURE, covered


@dataclass
class Claims:
    """What claims the new hosts: ``tools`` (only the hosts a product or a domain rule
    gives a tool), ``decisions`` (triage decisions made at import), ``by_rule`` (those a
    domain rule made), ``infrastructure`` (how many the shipped list set aside)."""

    tools: dict[str, str] = field(default_factory=dict)
    decisions: dict[str, str] = field(default_factory=dict)
    by_rule: set[str] = field(default_factory=set)
    infrastructure: int = 0


def claims(
    session: Session,
    plan_id: int,
    hosts: Mapping[str, object],
    known: Mapping[str, object],
    match: Callable[[str], str | None],
    named: Collection[str] | None = None,
) -> Claims:
    """Claims on the hosts not ``known`` yet: the catalog's (``match``), then the plan's
    domain rules for the hosts no product claims, then the shipped infrastructure list
    for those neither claims.

    ``named``: the domains the catalog names (``DomainMatcher.names``). A host none of
    whose own name the catalog or the list names is claimed as its parent is (both match
    a host by its closest named parent), so without domain rules each parent is looked
    at once: the hosts of a long tail share them (``a.x.com``, ``b.x.com``)."""
    from planner.adapters.infrastructure import matcher

    rules = triage_store.triage_rules(session, plan_id)
    if rules:  # otherwise the suffix list is not even needed here
        from planner.domain.suffixes import registrable_domain
    listed = matcher()
    found = Claims()
    tools, decisions = found.tools, found.decisions
    exact = None if named is None or rules else {*named, *listed.names()}
    by_parent: dict[str, tuple[str | None, bool]] = {}  # parent -> (tool, listed)
    for host in hosts:
        if host in known:
            continue
        if exact is not None and host not in exact:
            parent = host.partition(".")[2]
            if parent and not host.startswith(APP_PREFIX):
                answer = by_parent.get(parent) or _answer(parent, exact, by_parent, match, listed)
                if answer[0] is not None:
                    tools[host] = answer[0]
                elif answer[1]:
                    decisions[host] = INFRASTRUCTURE
                    found.infrastructure += 1
                continue
        tool = match(host)
        if tool is not None:
            tools[host] = tool
            continue
        if host.startswith(APP_PREFIX):
            continue  # an application is not under a domain
        if rules:
            rule = rules.get(registrable_domain(host))
            if rule is not None:
                decisions[host], tool = rule
                found.by_rule.add(host)
                if tool is not None:
                    tools[host] = tool
                continue
        if covered(host, infra=listed):
            decisions[host] = INFRASTRUCTURE
            found.infrastructure += 1
    return found


_NOTHING: tuple[str | None, bool] = (None, False)  # most parents: shared, not one per parent
_LISTED: tuple[str | None, bool] = (None, True)


def _answer(
    name: str,
    exact: Collection[str],
    by_parent: dict[str, tuple[str | None, bool]],
    match: Callable[[str], str | None],
    listed: DomainMatcher,
) -> tuple[str | None, bool]:
    """``_parents(name)``, remembered in ``by_parent``: a name neither the catalog nor the
    list names has its parent's answer (both match a name by its closest named parent),
    so a long tail's parents (``site1.com``, ``site2.com``...) are looked up once each in
    ``by_parent``, their own parent (``com``) asked once for all."""
    found = by_parent.get(name)
    if found is None:
        grand = name.partition(".")[2]
        if grand and name not in exact:
            found = _answer(grand, exact, by_parent, match, listed)
        else:
            found = _parents(name, match, listed)
        by_parent[name] = found
    return found


def _parents(
    parent: str, match: Callable[[str], str | None], listed: DomainMatcher
) -> tuple[str | None, bool]:
    """(the catalog's tool, whether the list sets it aside) for the hosts under
    ``parent`` that neither names exactly."""
    tool = match(parent)
    if tool is not None:
        return (tool, False)
    return _LISTED if covered(parent, infra=listed) else _NOTHING
