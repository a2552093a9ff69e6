"""Undoing a triage decision: on one host, or a domain's rule.

Why this exists: a decision taken too fast (a domain ignored that hid a real tool, a host
mapped to the wrong product) had no way back, and a rule a reviewer deleted from the plan
file kept deciding its hosts. Clearing returns what was decided to what planner decides
by itself: a catalog product's match, else the rule on the host's domain, else the shipped
infrastructure list, else the triage list. Removing a rule clears only the hosts the rule
decided (``host.by_rule``, revision 0010): a host decided on its own after the rule keeps
its decision. The tools the hosts fed or now feed are re-derived, and the domain totals
of the Discover screen follow, as after any decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.adapters.store import domains, triage_store
from planner.adapters.store.db import Session, Workspace
from planner.adapters.store.repository import Repository
from planner.domain.catalog import Catalog
from planner.domain.hosts import DomainMatcher
from planner.domain.plan import Source
from planner.errors import InputError, NotFoundError
from planner.services.discover.common import plan_id_of, typed_host
from planner.services.discover.infrastructure import INFRASTRUCTURE, classify, covered, reapply
from planner.services.discover.logs import refresh_tools

if TYPE_CHECKING:
    from planner.services.discover.triage import HostView


@dataclass(frozen=True)
class Undecided:
    """What clearing a decision did: ``name`` is the host or the domain."""

    name: str
    open: int  # hosts back in the triage list
    infrastructure: int  # hosts the shipped list now sets aside
    kept: int = 0  # hosts under the domain that keep a decision taken on the host itself
    tool: str | None = None  # a single host: the tool it feeds now (a catalog match)
    rule: str | None = None  # a single host: the rule on its domain it follows now


@dataclass(frozen=True)
class RuleView:
    """One rule of the plan on a registrable domain, and how many hosts it decided."""

    domain: str
    decision: str
    tool: str | None
    hosts: int


def list_rules(ws: Workspace, plan: str | None, search: str = "") -> list[RuleView]:
    """The plan's domain rules (those whose domain contains ``search``), by domain."""
    with ws.read() as session:
        plan_id = plan_id_of(Repository(session), plan)
        rules = triage_store.triage_rules(session, plan_id)
        wanted = sorted(d for d in rules if search.casefold() in d)
        counts = triage_store.ruled_counts(session, plan_id, wanted)
    return [RuleView(d, rules[d][0], rules[d][1], counts.get(d, 0)) for d in wanted]


def list_decided_hosts(
    ws: Workspace, plan: str | None, search: str = "", limit: int | None = 200
) -> tuple[list[HostView], int]:
    """The hosts decided one by one (mapped, custom, ignored), most users first, and how
    many there are: the Discover screen lists them so that each decision can be undone."""
    from planner.services.discover.triage import HostView

    with ws.read() as session:
        plan_id = plan_id_of(Repository(session), plan)
        rows, total = triage_store.decided_page(
            session, plan_id, ("mapped", "custom", "ignored"), search, limit
        )
    return [HostView(h, t, d, u, hits, size, last) for h, t, d, u, hits, size, last in rows], total


def put_rule(
    ws: Workspace, catalog: Catalog, plan: str | None, domain: str, decision: str, tool: str | None
) -> int:
    """Set the rule on a domain back to ``decision`` feeding ``tool`` (an undo: the tool
    exists already, so nothing is created); returns how many hosts it covers."""
    from planner.services.discover.triage import apply_rules, domain_of

    name = domain_of(domain)
    with ws.write() as session:
        plan_id = plan_id_of(Repository(session), plan)
        triage_store.save_rule(session, plan_id, name, decision, tool)
        return apply_rules(session, catalog, plan_id, {name: (decision, tool)})


def put_host_decision(
    ws: Workspace, catalog: Catalog, plan: str | None, host: str, decision: str, tool: str | None
) -> None:
    """Set a host's own decision back to ``decision`` feeding ``tool`` (an undo: the tool
    exists already, so nothing is created); its domain's totals and the tools follow."""
    key = typed_host(host)
    with ws.write() as session:
        plan_id = plan_id_of(Repository(session), plan)
        state = triage_store.host_state(session, plan_id, key)
        if state is None:
            raise NotFoundError(f"no host '{host}' in this plan's evidence")
        triage_store.set_host_decision(session, state.id, tool, decision)
        domains.refresh_domains(session, plan_id, [state.domain or key])
        touched = {t for t in (state.tool, tool) if t}
        refresh_tools(session, catalog, plan_id, touched, Source.PROXY_LOG)


def undecide_host(ws: Workspace, catalog: Catalog, plan: str | None, host: str) -> Undecided:
    """Clear the decision taken on one host: it goes back to its catalog match, the rule
    on its domain, the infrastructure list or the triage list, in that order."""
    key = typed_host(host)
    with ws.write() as session:
        plan_id = plan_id_of(Repository(session), plan)
        state = triage_store.host_state(session, plan_id, key)
        if state is None:
            raise NotFoundError(f"no host '{host}' in this plan's evidence")
        if state.by_rule:
            raise InputError(
                f"'{key}' follows the rule on {state.domain}: clear the rule with "
                f"'planner discover undecide --domain {state.domain}'"
            )
        if state.decision == INFRASTRUCTURE:
            raise InputError(
                f"'{key}' is set aside by the shipped infrastructure list, not by a decision: "
                "map, custom or ignore it to decide otherwise"
            )
        if state.decision is None:
            raise InputError(f"'{key}' has no decision to clear")
        product = DomainMatcher(catalog.domains()).match(key)
        rule = triage_store.triage_rules(session, plan_id).get(state.domain or "")
        tool: str | None
        followed: str | None
        if product is not None:
            triage_store.set_host_decision(session, state.id, product, None)
            tool, followed, listed = product, None, False
        elif rule is not None:
            triage_store.set_host_decision(session, state.id, rule[1], rule[0], by_rule=True)
            tool, followed, listed = rule[1], rule[0], False
        else:
            listed = covered(key)
            triage_store.set_host_decision(
                session, state.id, None, INFRASTRUCTURE if listed else None
            )
            tool, followed = None, None
        domains.refresh_domains(session, plan_id, [state.domain or key])
        touched = {t for t in (state.tool, tool) if t}
        refresh_tools(session, catalog, plan_id, touched, Source.PROXY_LOG)
    is_open = tool is None and followed is None and not listed
    return Undecided(key, int(is_open), int(listed), tool=tool, rule=followed)


def undecide_domain(ws: Workspace, catalog: Catalog, plan: str | None, domain: str) -> Undecided:
    """Remove the plan's rule on a registrable domain: the hosts it decided go back to
    triage (or to the infrastructure list), hosts decided on their own keep it."""
    from planner.services.discover.triage import domain_of

    name = domain_of(domain)
    with ws.write() as session:
        plan_id = plan_id_of(Repository(session), plan)
        if not triage_store.delete_rule(session, plan_id, name):
            raise InputError(f"no rule on '{name}' in this plan (see discover hosts --by domain)")
        freed, listed = clear_rules(session, catalog, plan_id, [name])
        kept = triage_store.own_decisions(session, plan_id, name, INFRASTRUCTURE)
    return Undecided(name, freed - listed, listed, kept)


def clear_rules(
    session: Session, catalog: Catalog, plan_id: int, removed: Iterable[str]
) -> tuple[int, int]:
    """Return the hosts that the rules on ``removed`` domains decided (the rules are gone
    already) to triage, or to the infrastructure list when it covers them; re-derive the
    tools they fed. Returns (hosts freed, of which set aside as infrastructure)."""
    gone = sorted(set(removed))
    claims = DomainMatcher(catalog.domains())
    touched: set[str] = set()
    freed: list[tuple[int, str]] = []
    for domain in gone:
        for host_id, host, tool in triage_store.ruled_hosts(session, plan_id, domain):
            product = claims.match(host)  # a catalog product added since claims it
            triage_store.set_host_decision(session, host_id, product, None)
            touched.update(t for t in (tool, product) if t)
            if product is None:
                freed.append((host_id, host))
    listed, _ = classify(session, catalog, plan_id, freed)
    reapply(session, catalog, plan_id)  # and the whole plan, if the list changed since
    domains.refresh_domains(session, plan_id, gone)
    refresh_tools(session, catalog, plan_id, touched, Source.PROXY_LOG)
    return len(freed), listed


@dataclass(frozen=True)
class Returned:
    """Hosts returned to triage because the tool they fed is gone, and their people."""

    hosts: int = 0
    people: int = 0

    def __str__(self) -> str:
        return f"{self.hosts} hosts ({self.people} people) returned to triage"


def returned_count(orphans: Iterable[triage_store.Orphan]) -> Returned:
    """How many hosts, and people on them (each once; a purged host by its count)."""
    hosts, people, purged = 0, set[int](), 0
    for orphan in orphans:
        hosts += 1
        people |= orphan.people
        purged += orphan.users if not orphan.people else 0
    return Returned(hosts, len(people) + purged)


def return_orphans(session: Session, catalog: Catalog, plan_id: int) -> Returned:
    """Hosts still feeding a tool the plan no longer has (a reviewed plan file deleted it)
    go back to triage, or to the infrastructure list when it covers them: left as they
    were, they fed no tool, showed in no list and no report, and the next log import that
    saw them created the deleted tool again."""
    found = triage_store.orphans(session, plan_id)
    if not found:
        return Returned()
    for orphan in found:
        triage_store.set_host_decision(session, orphan.id, None, None)
    classify(session, catalog, plan_id, [(o.id, o.host) for o in found])
    domains.refresh_domains(session, plan_id, sorted({o.domain or o.host for o in found}))
    return returned_count(found)
