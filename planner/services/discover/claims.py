"""Who claims each new host of an import, and each host's delta, in one pass each.

Why this exists: a long tail brings hundreds of thousands of new hosts, nearly all of
which nothing claims. Building a host -> tool map with an entry per host, then walking it
again for the domain rules and again for the infrastructure list, cost three passes and
a dictionary as large as the log; here the hosts are walked once, against the catalog's
domains and the list's at the same time (``pairs``, in ``domain.host_facts``' one walk
of the import's hosts), and only the hosts something claims are kept (a tool, a triage
decision). The
deltas are made one host at a time for the store to write as they come, so the log's
hosts are never held twice (``people.host_totals``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import cast

from planner.adapters.sources.logs.model import APP_PREFIX
from planner.adapters.store import triage_store
from planner.adapters.store.db import Session
from planner.domain.host_facts import HostFacts
from planner.domain.hosts import DomainMatcher
from planner.services.discover.infrastructure import INFRASTRUCTURE


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
    facts: HostFacts,
    apps: Callable[[str], str | None],
) -> Claims:
    """Claims on the hosts not ``known`` yet: the catalog's (``facts.claimed``'s for hosts,
    ``apps`` for applications), then the plan's domain rules for the hosts no product
    claims, then the shipped infrastructure list for those neither claims.

    ``facts``: the facts of ``hosts``, in their order (``domain.host_facts``): the catalog
    and the list answer a host by its closest named parent, as a pair (``pairs``), found
    for every host in one walk with its registrable domain, which the rules go by."""
    found = Claims()
    tools, decisions = found.tools, found.decisions
    for host in [h for h in hosts if h.startswith(APP_PREFIX) and h not in known]:
        tool = apps(host)  # an application is not under a domain
        if tool is not None:
            tools[host] = tool
    # each new host under a domain of either -> (the catalog's answer, the list's), in order
    under = facts.claimed
    if known:
        under = {h: pair for h, pair in under.items() if h not in known}
    tools.update((h, tool) for h, (tool, _) in under.items() if tool is not None)
    listed = [h for h, (tool, kind) in under.items() if tool is None and kind is not None]
    rules = triage_store.triage_rules(session, plan_id)
    if rules:
        # the hosts' domains, in order: each new host that no product claims
        for host, domain in zip(hosts, facts.domains, strict=True):
            rule = rules.get(domain)
            if rule is None or host in known or host in tools or host.startswith(APP_PREFIX):
                continue
            decisions[host], tool = rule
            found.by_rule.add(host)
            if tool is not None:
                tools[host] = tool
        listed = [h for h in listed if h not in found.by_rule]
    decisions.update(dict.fromkeys(listed, INFRASTRUCTURE))
    found.infrastructure = len(listed)
    return found


def pairs(catalog: DomainMatcher, listed: DomainMatcher) -> DomainMatcher:
    """One matcher for the domains of both: each -> its ``Pair``, its own closest answer
    in each. A host's closest domain of either has no domain of either between it and
    the host, so the host's closest answer in each is that domain's: the pair."""
    names = {*catalog.names(), *listed.names()}
    both = {name: (catalog.closest(name), listed.closest(name)) for name in names}
    return DomainMatcher(cast("dict[str, str]", both))
