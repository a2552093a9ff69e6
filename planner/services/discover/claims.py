"""Who claims each new host of an import, and each host's delta, in one pass each.

Why this exists: a long tail brings hundreds of thousands of new hosts, nearly all of
which nothing claims. Building a host -> tool map with an entry per host, then walking it
again for the domain rules and again for the infrastructure list, cost three passes and
a dictionary as large as the log; here each new host is looked at once, and only the
hosts something claims are kept (a tool, a triage decision). The deltas are made one
host at a time for the store to write as they come, so the log's hosts are never held
twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from planner.adapters.sources.logs.model import APP_PREFIX, LogSummary
from planner.adapters.store import evidence, triage_store
from planner.adapters.store.db import Session
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
) -> Claims:
    """Claims on the hosts not ``known`` yet: the catalog's (``match``), then the plan's
    domain rules for the hosts no product claims, then the shipped infrastructure list
    for those neither claims."""
    from planner.adapters.infrastructure import matcher

    rules = triage_store.triage_rules(session, plan_id)
    if rules:  # otherwise the suffix list is not even needed here
        from planner.domain.suffixes import registrable_domain
    listed = matcher()
    found = Claims()
    tools, decisions = found.tools, found.decisions
    for host in hosts:
        if host in known:
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


def _utc(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, dt.UTC)


def deltas(
    summary: LogSummary, pseudonyms: dict[str, str], person_ids: dict[str, int]
) -> Iterator[evidence.HostDelta]:
    """Each host's counts with its people as sorted person ids, one at a time.
    ``summary``'s hosts are consumed (each let go of as its delta is made), so a long tail
    is not held twice."""
    # raw user -> person id once, then each host's ids are mapped in C (map, set, sorted)
    id_of = {user: person_ids[pseudo] for user, pseudo in pseudonyms.items()}.__getitem__
    hosts = summary.hosts
    for host in list(hosts):
        s = hosts.pop(host)
        users = s.users
        if len(users) == 1:
            (user,) = users
            people: tuple[int, ...] = (id_of(user),)
        else:
            people = tuple(sorted(set(map(id_of, users))))
        first = _utc(s.first)
        last = first if s.last == s.first else _utc(s.last)
        yield evidence.HostDelta(host, s.hits, s.bytes, first, last, people, s.blocked)
