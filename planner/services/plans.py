"""Use cases on plans: create, list, look at, and the dashboard's overview.

Every function takes the workspace (and the catalog where it needs product facts) and
returns domain objects, so the CLI and the TUI show the same thing from the same call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from planner.adapters import evidence
from planner.adapters.db import Workspace
from planner.adapters.repository import Repository, plan_from_record
from planner.domain.plan import Plan, Tool
from planner.domain.progress import phase_progress
from planner.domain.roadmap import PhaseState, PhaseStatus, roadmap
from planner.errors import ConflictError, InputError

MAX_NAME = 120
SHADOW_IT_USERS = 20  # unmatched hosts with more users than this are worth a look first


def check_plan_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > MAX_NAME or any(ord(c) < 32 for c in cleaned):
        raise InputError(f"a plan name needs 1 to {MAX_NAME} printable characters")
    if "/" in cleaned or cleaned in {".", ".."}:
        raise InputError("a plan name cannot contain '/' (it names the exported file)")
    return cleaned


def create_plan(
    ws: Workspace,
    name: str,
    start: dt.date,
    organisation: str = "",
    owner: str | None = None,
) -> Plan:
    plan = Plan(
        name=check_plan_name(name), start=start, organisation=organisation.strip(), owner=owner
    )
    try:
        with ws.write() as session:
            Repository(session).add_plan(plan)
    except IntegrityError as exc:
        raise ConflictError(f"a plan named '{plan.name}' already exists") from exc
    return plan


def list_plans(ws: Workspace) -> list[Plan]:
    with ws.read() as session:
        repo = Repository(session)
        return [plan_from_record(repo.plan_record(n)) for n in repo.plan_names()]


def get_plan(ws: Workspace, name: str | None = None) -> Plan:
    with ws.read() as session:
        return plan_from_record(Repository(session).plan_record(name))


@dataclass(frozen=True)
class Overview:
    """What the dashboard shows: the plan, its phases as of today, and what to do next."""

    plan: Plan
    today: dt.date
    phases: list[PhaseState]
    tools: list[Tool]
    actions: list[str]


def next_actions(
    plan: Plan,
    phases: list[PhaseState],
    tools: list[Tool],
    today: dt.date,
    unmatched: tuple[int, int] = (0, 0),
) -> list[str]:
    """Short imperative hints, most urgent first.

    ``unmatched`` is (hosts awaiting triage, of which used by many people).
    """
    actions: list[str] = []
    for state in phases:
        if state.status is PhaseStatus.LATE:
            actions.append(f"{state.phase.label} is late: it was due {state.due.isoformat()}")
    if not tools and unmatched == (0, 0):
        actions.append("No tools found yet: import a proxy log or a survey (Discover, key 2)")
    unclassified = sum(not t.classified for t in tools)
    if unclassified:
        actions.append(f"{unclassified} tool(s) not yet classified")
    undescribed = sum(not t.purposes for t in tools)
    if undescribed:
        actions.append(f"{undescribed} tool(s) with no purposes described")
    unmapped = sum(t.product is None and t.category is None for t in tools)
    if unmapped:
        actions.append(f"{unmapped} tool(s) neither mapped to a product nor categorised")
    hosts, busy = unmatched
    if busy:
        actions.append(f"{busy} unmatched host(s) with over {SHADOW_IT_USERS} users to triage")
    elif hosts:
        actions.append(f"{hosts} unmatched host(s) to triage")
    return actions


def overview(ws: Workspace, name: str | None, today: dt.date) -> Overview:
    with ws.read() as session:
        repo = Repository(session)
        record = repo.plan_record(name)
        plan = plan_from_record(record)
        assert record.id is not None
        tools = repo.tools(record.id)
        unmatched = (
            evidence.count_unmatched(session, record.id),
            evidence.count_unmatched(session, record.id, SHADOW_IT_USERS),
        )
    phases = roadmap(plan.start, phase_progress(tools), today)
    return Overview(plan, today, phases, tools, next_actions(plan, phases, tools, today, unmatched))
