"""Use cases on plans: create, list, look at, and the dashboard's overview.

Every function takes the workspace (and the catalog where it needs product facts) and
returns domain objects, so the CLI and the TUI show the same thing from the same call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.adapters.store.db import Workspace
from planner.adapters.store.reads_evidence import INTERVIEW
from planner.adapters.store.rows import plan_from_record
from planner.domain.next_actions import NextAction, Screen, Subject, Target
from planner.domain.plan import PLAN_NAME_MAX, Plan, Tool, plan_name_problem
from planner.domain.progress import phase_progress
from planner.domain.risks import SEED_RISKS
from planner.domain.roadmap import Phase, PhaseState, PhaseStatus, roadmap
from planner.domain.rules import PLAN_STARTS
from planner.domain.words import counted
from planner.errors import InputError

# The listings read through Core (light for the read-only commands); used from here too.
from planner.services.listings import count_plans as count_plans
from planner.services.listings import current_plan as current_plan
from planner.services.listings import list_plans as list_plans

if TYPE_CHECKING:
    from planner.domain.catalog import Catalog

SHADOW_IT_USERS = 20  # unmatched hosts with more users than this are worth a look first


def check_plan_name(name: str) -> str:
    """``name`` without surrounding spaces, or InputError saying why it cannot name a plan."""
    cleaned = name.strip()
    problem = plan_name_problem(cleaned)
    if problem is not None:
        raise InputError(f"{problem}: {cleaned[:PLAN_NAME_MAX]!r}")
    return cleaned


def create_plan(
    ws: Workspace,
    name: str,
    start: dt.date,
    organisation: str = "",
    owner: str | None = None,
) -> Plan:
    from planner.adapters.store.repository import Repository

    if not PLAN_STARTS[0] <= start <= PLAN_STARTS[1]:
        raise InputError(f"start {start.isoformat()} is not a plausible plan start")
    plan = Plan(
        name=check_plan_name(name), start=start, organisation=organisation.strip(), owner=owner
    )
    with ws.write() as session:
        repo = Repository(session)
        record = repo.add_plan(plan)  # ConflictError if the name is taken
        assert record.id is not None
        for risk in SEED_RISKS:  # every plan starts from the barriers the surveys measured
            repo.save_risk(record.id, risk)
    return plan


def find_plan_names(ws: Workspace, containing: str = "", limit: int = 200) -> list[str]:
    """Up to ``limit`` plan names containing a text (case aside), for a picker."""
    from planner.adapters.store.repository import Repository

    with ws.read() as session:
        return Repository(session).plan_names(containing=containing, limit=limit)


def get_plan(ws: Workspace, name: str | None = None) -> Plan:
    from planner.adapters.store.repository import Repository

    with ws.read() as session:
        return plan_from_record(Repository(session).plan_record(name))


@dataclass(frozen=True)
class Overview:
    """What the dashboard shows: the plan, its phases as of today, and what to do next."""

    plan: Plan
    today: dt.date
    phases: list[PhaseState]
    tools: list[Tool]
    actions: list[NextAction]


# Where a late phase's work is done (phase 2 ends with the pilots' decisions)
_PHASE_SCREEN = {
    Phase.DISCOVER: Screen.DISCOVER,
    Phase.INVENTORY: Screen.PILOTS,
    Phase.ROLLOUT: Screen.ROLLOUT,
}


def next_actions(
    plan: Plan,
    phases: list[PhaseState],
    tools: list[Tool],
    today: dt.date,
    unmatched: tuple[int, int] = (0, 0),
    evidence: bool | None = None,
) -> list[NextAction]:
    """The discovery's next actions (and late phases), most urgent first.

    ``unmatched`` is (hosts awaiting triage, of which used by many people); ``evidence``
    whether a log, a sign-in export or a survey was imported (None: judged from the tools
    and hosts, as before).
    """
    if evidence is None:
        evidence = bool(tools) or unmatched != (0, 0)
    actions: list[NextAction] = []
    for state in phases:
        if state.status is PhaseStatus.LATE:
            target = Target(_PHASE_SCREEN[state.phase], Subject.PHASE, state.phase.value)
            actions.append(
                NextAction(f"{state.phase.label} is late", target, f"it was due {state.due}")
            )
    tools_target = Target(Screen.DISCOVER, Subject.TOOL)
    if not evidence:
        actions.append(
            NextAction(
                "No tools found yet" if not tools else "No evidence imported yet",
                Target(Screen.DISCOVER, Subject.EVIDENCE),
                "import a proxy log or a survey"
                if not tools
                else "import a proxy log, a sign-in export or a survey: tools typed by hand "
                "are what IT knows, not what people use",
            )
        )
    unclassified = sum(not t.classified for t in tools)
    if unclassified:
        actions.append(
            NextAction(f"{counted(unclassified, 'tool')} not yet classified", tools_target)
        )
    undescribed = sum(not t.purposes for t in tools)
    if undescribed:
        actions.append(
            NextAction(f"{counted(undescribed, 'tool')} with no purposes described", tools_target)
        )
    unmapped = sum(t.product is None and t.category is None for t in tools)
    if unmapped:
        actions.append(
            NextAction(
                f"{counted(unmapped, 'tool')} neither mapped to a product nor categorised",
                tools_target,
            )
        )
    hosts, busy = unmatched
    hosts_target = Target(Screen.DISCOVER, Subject.HOST)
    if busy:
        actions.append(
            NextAction(
                f"{counted(busy, 'unmatched host')} with over {SHADOW_IT_USERS} users to triage",
                hosts_target,
            )
        )
    elif hosts:
        actions.append(NextAction(f"{counted(hosts, 'unmatched host')} to triage", hosts_target))
    return actions


def overview(
    ws: Workspace, name: str | None, today: dt.date, catalog: Catalog | None = None
) -> Overview:
    """The plan, its phases and its next actions as of ``today``; given the ``catalog``,
    the actions include an exit to plan for each tool whose product has ended."""
    from planner.adapters.store import reads, reads_evidence, reads_rollout
    from planner.domain.inventory import in_use, vendor_progress
    from planner.domain.jurisdiction import jurisdiction
    from planner.domain.pilots import pilot_actions, pilots_progress
    from planner.domain.privacy import STEP, DataProtection
    from planner.domain.progress import Evidence, evidence_seen
    from planner.domain.rollout import rollout_actions, rollout_progress
    from planner.domain.vendor_review import unreviewed_vendors
    from planner.services.adoption import view_in as adoption_view
    from planner.services.contracts import contract_actions

    with ws.rows() as conn:  # Core: the overview only reads
        record = reads.plan_row(conn, name)
        plan = plan_from_record(record)
        plan_id = record.id
        tools = reads.tools(conn, plan_id)
        reviews = reads.vendor_reviews(conn, plan_id)
        risks = reads.risks(conn, plan_id)
        pilots = reads_rollout.pilots(conn, plan_id)
        features, trainings = (
            reads_rollout.features(conn, plan_id),
            reads_rollout.trainings(conn, plan_id),
        )
        adoption = adoption_view(conn, plan_id)
        unmatched = (
            reads_evidence.count_unmatched(conn, plan_id),
            reads_evidence.count_unmatched(conn, plan_id, SHADOW_IT_USERS),
        )
        protection = reads_evidence.data_protection_of(conn, plan_id) or DataProtection()
        # users typed after an interview (tools add --users) are not evidence
        sources = reads_evidence.imported_formats(conn, plan_id) - {INTERVIEW}
        where = jurisdiction(reads_evidence.countries(conn, plan_id))
        renewals = contract_actions(conn, plan_id, tools, today, catalog)
    evidence = bool(sources) or evidence_seen(tools)
    used = {t.product for t in in_use(tools) if t.product}
    vendors = vendor_progress(reviews.values(), used)
    progress = phase_progress(
        tools,
        vendors,
        pilots_progress(pilots),
        rollout_progress(features, trainings),
        Evidence(imported=evidence, untriaged=unmatched[0]),
    )
    phases = roadmap(plan.start, progress, today)
    actions = next_actions(plan, phases, tools, today, unmatched, evidence)
    missing = protection.missing_in(where)
    if missing:
        # Phase 1's first step, shown like any other until it is recorded
        actions.insert(
            0,
            NextAction(
                STEP,
                Target(Screen.PRIVACY, Subject.DATA_PROTECTION),
                f"record {', '.join(missing)} before importing logs",
            ),
        )
    if not pilots and tools:
        actions.append(
            NextAction(
                "No pilot chosen yet",
                Target(Screen.PILOTS, Subject.CANDIDATE),
                "pick one from the candidates",
            )
        )
    actions += pilot_actions(pilots, today)
    actions += rollout_actions(features, trainings, today)
    actions += adoption.actions
    actions += renewals
    unreviewed = len(unreviewed_vendors(reviews.values(), used))
    if unreviewed:
        actions.append(
            NextAction(
                f"{counted(unreviewed, 'vendor strategy')} to review",
                Target(Screen.INVENTORY, Subject.VENDOR),
            )
        )
    high = [r for r in risks if r.open_high]
    if high:
        actions.append(
            NextAction(
                f"{counted(len(high), 'open high risk')}",
                Target(Screen.INVENTORY, Subject.RISK, high[0].id if len(high) == 1 else None),
                ", ".join(r.title for r in high[:3]) + ("…" if len(high) > 3 else ""),
            )
        )
    return Overview(plan, today, phases, tools, actions)


def update_plan(
    ws: Workspace,
    name: str | None,
    *,
    organisation: str | None = None,
    owner: str | None = None,
    start: dt.date | None = None,
    eu_residency_required: bool | None = None,
    employees: int | None = None,
    use_cases: Sequence[str] | None = None,
    excluded_deployments: Sequence[str] | None = None,
    suites: Sequence[str] | None = None,
    countries: Sequence[str] | None = None,
) -> Plan:
    """Change the plan's settings; fields left None keep their value (``employees=0``
    forgets the head-count; an empty ``suites`` or ``countries`` forgets them)."""
    from planner.adapters.store.repository import Repository
    from planner.domain.catalog import Deployment
    from planner.domain.use_cases import USE_CASES

    for case in use_cases or ():
        if case not in USE_CASES:
            raise InputError(f"unknown use case '{case}' (known: {', '.join(USE_CASES)})")
    for kind in excluded_deployments or ():
        if kind not in {d.value for d in Deployment}:
            known = ", ".join(d.value for d in Deployment)
            raise InputError(f"unknown deployment '{kind}' (known: {known})")
    from planner.domain.profile import parse_countries, parse_licences

    # Each error names its field, so a form shows it beside the box that was wrong.
    try:
        licences = None if suites is None else parse_licences(suites)
    except ValueError as exc:
        raise InputError(str(exc)).about("suites") from None
    try:
        codes = None if countries is None else parse_countries(countries)
    except ValueError as exc:
        raise InputError(str(exc)).about("countries") from None
    if employees is not None and not 0 <= employees <= 10**9:
        raise InputError("employees: a head-count from 1 to 1,000,000,000 (0 forgets it)")
    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(name)
        if organisation is not None:
            record.organisation = organisation.strip()
        if owner is not None:
            record.owner = owner.strip() or None
        if start is not None:
            record.start = start
        if eu_residency_required is not None:
            record.eu_residency_required = eu_residency_required
        if employees is not None:
            record.employees = employees or None
        if use_cases is not None:
            record.use_cases = ",".join(dict.fromkeys(use_cases))
        if excluded_deployments is not None:
            record.excluded_deployments = ",".join(dict.fromkeys(excluded_deployments))
        if licences is not None:
            record.suites = ",".join(lic.text for lic in licences)
        if codes is not None:
            record.countries = ",".join(codes)
        repo.plan_changed(record)
        return plan_from_record(record)


def delete_plan(ws: Workspace, name: str) -> None:
    """Remove a plan and everything it holds (evidence included: foreign keys cascade).
    A plan that was current (``plan use``) is current no more."""
    from planner.adapters.store.repository import Repository

    with ws.write() as session:
        Repository(session).delete_plan(name)


def use_plan(ws: Workspace, name: str) -> Plan:
    """Make ``name`` the plan commands act on when they are given none."""
    from planner.adapters.store.repository import Repository

    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(name)
        repo.set_current_plan(record.name)
        return plan_from_record(record)


def rename_plan(ws: Workspace, old: str, new: str) -> Plan:
    """Give a plan another name (the one plan-name rule applies); it stays current if it
    was. Files exported under the old name still import into a plan of that name."""
    from planner.adapters.store.repository import Repository

    cleaned = check_plan_name(new)
    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(old)
        if cleaned == record.name:
            raise InputError(f"plan '{record.name}' already has that name")
        was_current = repo.current_plan_name() == record.name
        repo.rename_plan(record, cleaned)  # ConflictError if the name is taken
        if was_current:
            repo.set_current_plan(cleaned)
        return plan_from_record(record)
