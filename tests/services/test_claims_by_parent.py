"""Claims on new hosts looked up once per parent (``claims(..., named)``) must give every
host the claim the host-by-host walk gives: the catalog's product, then the shipped
infrastructure list, whether a domain is named exactly, as a parent, or deeper."""

from __future__ import annotations

import datetime as dt
import random

from planner.adapters.infrastructure import matcher
from planner.adapters.store.repository import Repository
from planner.bootstrap import Planner
from planner.services.discover.claims import claims
from planner.services.discover.logs import _matcher
from planner.services.plans import create_plan


def _hosts(planner: Planner) -> dict[str, object]:
    """Hosts around every domain the catalog and the list name: the domain itself, a child,
    a grandchild, a sibling that only ends alike, its parent; plus a long tail, addresses
    and application keys."""
    named = [*_matcher(planner.catalog, {})[1], *matcher().names()]
    rng = random.Random(7)
    hosts = set()
    for domain in named:
        parent = domain.partition(".")[2]
        hosts |= {domain, f"a.{domain}", f"b.c.{domain}", f"x{domain}", parent, f"z.{parent}"}
    hosts |= {f"h{n}.site{rng.randrange(50)}.example.com" for n in range(300)}
    hosts |= {"10.0.0.5", "2001:db8::1", "app:slack", "app:teams.example", "localhost"}
    return dict.fromkeys(sorted(h for h in hosts if h), object())


def test_by_parent_claims_are_the_host_by_host_claims(planner: Planner) -> None:
    create_plan(planner.workspace, "one", dt.date(2026, 1, 5))
    hosts = _hosts(planner)
    known = dict.fromkeys(list(hosts)[::50], object())
    with planner.workspace.read() as session:
        plan_id = Repository(session).plan_record("one").id
        assert plan_id is not None
        match, named = _matcher(planner.catalog, {})
        fast = claims(session, plan_id, hosts, known, match, named)
        match, _ = _matcher(planner.catalog, {})
        slow = claims(session, plan_id, hosts, known, match)
    assert len(fast.tools) > 100 and fast.infrastructure > 50  # both kinds of claims met
    assert fast == slow
