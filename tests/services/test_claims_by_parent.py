"""Claims on new hosts, with each matcher remembering its parents' answers
(``DomainMatcher.closest``), must give every host the claim a plain walk over the named
domains gives, with no memory at all: the catalog's product, then the shipped
infrastructure list, whether a domain is named exactly, as a parent, or deeper."""

from __future__ import annotations

import datetime as dt
import random

from planner.adapters.infrastructure import matcher
from planner.adapters.sensitive import sensitive_list
from planner.adapters.sources.logs.model import APP_PREFIX
from planner.adapters.store.repository import Repository
from planner.bootstrap import Planner
from planner.domain.host_facts import HostFacts, walk
from planner.domain.hosts import DomainMatcher
from planner.services.discover.claims import Claims, claims
from planner.services.discover.facts import import_lists
from planner.services.discover.infrastructure import INFRASTRUCTURE
from planner.services.discover.logs import _apps
from planner.services.plans import create_plan


def _hosts(planner: Planner) -> dict[str, object]:
    """Hosts around every domain the catalog and the list name: the domain itself, a child,
    a grandchild, a sibling that only ends alike, its parent; plus a long tail, addresses
    and application keys."""
    named = [*planner.catalog.domains(), *matcher().names()]
    rng = random.Random(7)
    hosts = set()
    for domain in named:
        parent = domain.partition(".")[2]
        hosts |= {domain, f"a.{domain}", f"b.c.{domain}", f"x{domain}", parent, f"z.{parent}"}
    hosts |= {f"h{n}.site{rng.randrange(50)}.example.com" for n in range(300)}
    hosts |= {"10.0.0.5", "2001:db8::1", "app:slack", "app:teams.example", "localhost"}
    return dict.fromkeys(sorted(h for h in hosts if h), object())


def _facts(planner: Planner, hosts: dict[str, object]) -> HostFacts:
    """The hosts' facts as an import finds them: one walk of them all."""
    return walk(list(hosts), import_lists(planner.catalog, sensitive_list()))


def _walk(named: dict[str, str], host: str) -> str | None:
    """The closest named parent's answer, walked afresh for every host."""
    name = host
    while name:
        if name in named:
            return named[name]
        name = name.partition(".")[2]
    return None


def test_claims_are_the_plain_walks_claims(planner: Planner) -> None:
    create_plan(planner.workspace, "one", dt.date(2026, 1, 5))
    hosts = _hosts(planner)
    known = dict.fromkeys(list(hosts)[::50], object())
    catalog = dict(DomainMatcher(planner.catalog.domains())._domains)
    listed = dict(matcher()._domains)
    with planner.workspace.read() as session:
        plan_id = Repository(session).plan_record("one").id
        assert plan_id is not None
        found = claims(
            session, plan_id, hosts, known, _facts(planner, hosts), _apps(planner.catalog, {})
        )
    apps = _apps(planner.catalog, {})  # applications by name: not walked by domain
    expected = Claims()
    for host in hosts:
        if host in known:
            continue
        if host.startswith(APP_PREFIX):
            if (app := apps(host)) is not None:
                expected.tools[host] = app
            continue
        tool = _walk(catalog, host)
        if tool is not None:
            expected.tools[host] = tool
        elif _walk(listed, host) is not None:
            expected.decisions[host] = INFRASTRUCTURE
            expected.infrastructure += 1
    assert len(found.tools) > 100 and found.infrastructure > 50  # both kinds of claims met
    assert found == expected


def test_domain_rules_decide_the_hosts_no_product_claims(planner: Planner) -> None:
    """With domain rules, a rule decides the hosts of its registrable domain that no
    product claims (before the infrastructure list is asked): the catalog, then the
    rules, then the list, as a plain walk gives it."""
    from planner.adapters.store import triage_store
    from planner.domain.suffixes import registrable_domain

    create_plan(planner.workspace, "one", dt.date(2026, 1, 5))
    hosts = _hosts(planner)
    catalog = dict(DomainMatcher(planner.catalog.domains())._domains)
    listed = dict(matcher()._domains)
    domains = sorted({registrable_domain(h) for h in hosts if not h.startswith(APP_PREFIX)})
    ruled = {d: ("ignore", None) if n % 2 else ("map", "ruled-tool") for n, d in
             enumerate(domains[::7])}  # fmt: skip
    with planner.workspace.write() as session:
        plan_id = Repository(session).plan_record("one").id
        assert plan_id is not None
        for domain, (decision, tool) in ruled.items():
            triage_store.save_rule(session, plan_id, domain, decision, tool)
    with planner.workspace.read() as session:
        rules = triage_store.triage_rules(session, plan_id)
        found = claims(
            session, plan_id, hosts, {}, _facts(planner, hosts), _apps(planner.catalog, {})
        )
    apps = _apps(planner.catalog, {})
    expected = Claims()
    for host in hosts:
        if host.startswith(APP_PREFIX):
            if (app := apps(host)) is not None:
                expected.tools[host] = app
            continue
        tool = _walk(catalog, host)
        rule = rules.get(registrable_domain(host))
        if tool is not None:
            expected.tools[host] = tool
        elif rule is not None:
            expected.decisions[host], ruled_tool = rule
            expected.by_rule.add(host)
            if ruled_tool is not None:
                expected.tools[host] = ruled_tool
        elif _walk(listed, host) is not None:
            expected.decisions[host] = INFRASTRUCTURE
            expected.infrastructure += 1
    assert found.by_rule and found.infrastructure > 50 and len(found.tools) > 100
    assert found == expected
