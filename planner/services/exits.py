"""The ``retire`` use case: a tool's dated exit plan, written with the decision it takes;
and the steps of exit plans listed and marked done.

Retiring a tool writes its exit steps (``domain.exits``) and records the decision
``exit`` on its contracts still undecided, so the renewal reminder gives way to the
cancellation step, due at the contract's decision date. Retiring it again (a new date, a
new target) re-plans the steps but keeps those already done: work done is not undone by
a new plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from planner.adapters.store import reads
from planner.adapters.store.db import Workspace
from planner.domain.catalog import Catalog, VendorStatus
from planner.domain.contracts import Decision
from planner.domain.exits import (
    ExitMilestone,
    ExitProposal,
    StepStatus,
    exit_plan,
    retired_in_use,
)
from planner.domain.plan import Tool
from planner.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from planner.adapters.store.reads import Executor
    from planner.domain.next_actions import NextAction


def retire_tool(
    ws: Workspace,
    catalog: Catalog,
    plan: str | None,
    tool: str,
    by: dt.date,
    today: dt.date,
    target: str | None = None,
    owner: str | None = None,
) -> list[ExitMilestone]:
    """Write (or rewrite) the exit plan of ``tool`` (its id, or its product's) to be
    switched off by ``by``, moving people to ``target`` (a catalog product)."""
    from planner.adapters.store.contract_repo import ContractRepository
    from planner.adapters.store.repository import Repository

    if target is not None and catalog.get(target) is None:
        raise InputError(f"unknown product '{target}': see catalog list").about("target")
    with ws.write() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        tools = repo.tools(record.id)
        found = next((t for t in tools if t.slug == tool), None) or next(
            (t for t in tools if t.product == tool), None
        )
        if found is None:
            raise NotFoundError(f"no tool '{tool}' in this plan (see tools list)")
        if target is not None and target == found.product:
            raise InputError(f"'{found.name}' cannot be retired to itself").about("target")
        contracts_repo = ContractRepository(session)
        contracts = [
            c
            for c in contracts_repo.contracts(record.id)
            if c.product in (found.slug, found.product) and c.end >= today
        ]
        target_product = catalog.get(target) if target else None
        try:
            steps = exit_plan(
                found.slug,
                found.name,
                by,
                today,
                target,
                target_product.name if target_product else None,
                owner if owner is not None else found.owner,
                contracts,
            )
        except ValueError as exc:
            raise InputError(str(exc)).about("by") from None
        done = {s.id for s in contracts_repo.exit_steps(record.id) if s.status is StepStatus.DONE}
        steps = [replace(s, status=StepStatus.DONE) if s.id in done else s for s in steps]
        contracts_repo.replace_exit(record.id, found.slug, steps)
        for c in contracts:
            if c.decision is None:
                contracts_repo.save(record.id, replace(c, decision=Decision.EXIT))
    return steps


def list_exit_steps(
    ws: Workspace, plan: str | None, tool: str | None = None
) -> list[ExitMilestone]:
    """The plan's exit steps (of ``tool`` only, when given), by due date."""
    with ws.rows() as conn:  # Core: the listing only reads
        steps = reads.exit_steps(conn, reads.plan_id(conn, plan))
    if tool is not None:
        steps = [s for s in steps if s.tool == tool]
    return sorted(steps, key=lambda s: (s.due, s.id))


def mark_step(ws: Workspace, plan: str | None, step_id: str, done: bool = True) -> ExitMilestone:
    """Mark the exit step ``step_id`` done (or planned again with ``done=False``): it
    leaves (or rejoins) the next actions and shows done on the timeline."""
    from planner.adapters.store.contract_repo import ContractRepository
    from planner.adapters.store.repository import Repository

    status = StepStatus.DONE if done else StepStatus.PLANNED
    with ws.write() as session:
        record = Repository(session).plan_record(plan)
        assert record.id is not None
        repo = ContractRepository(session)
        steps = repo.exit_steps(record.id)
        found = next((s for s in steps if s.id == step_id), None)
        if found is None:
            known = ", ".join(s.id for s in steps[:6]) + ("…" if len(steps) > 6 else "")
            hint = f" (steps: {known})" if steps else " (retire a tool first: planner retire)"
            raise NotFoundError(f"no exit step '{step_id}' in this plan{hint}")
        if found.status is status:
            return found
        updated = replace(found, status=status)
        repo.save_step(record.id, updated)
    return replace(updated, version=found.version + 1)


def exit_proposals(
    session: Executor, plan_id: int, tools: Sequence[Tool], catalog: Catalog, today: dt.date
) -> list[ExitProposal]:
    """The exits to plan: the plan's tools whose catalog product has ended, with no exit
    plan yet. The proposed target is the tool the inventory keeps where the retired one
    overlaps (the organisation's strategic platform for that purpose), else the catalog's
    successor."""
    from planner.services.inventory import plan_overlaps

    planned = {s.tool for s in reads.exit_steps(session, plan_id)}
    if not any(_retired(t, catalog) and t.slug not in planned for t in tools):
        return []  # nothing to propose: the overlaps (seconds for a large plan) are not asked
    by_name = {t.name: t for t in tools}
    strategic: dict[str, str] = {}
    for overlap in plan_overlaps(tools, catalog):
        keep = by_name.get(overlap.keep)
        if keep is None or keep.product is None:
            continue
        for name, _users in overlap.tools:
            tool = by_name.get(name)
            if tool is not None and tool is not keep:
                strategic.setdefault(tool.slug, keep.product)
    return retired_in_use(tools, catalog, planned, today, strategic)


def proposal_actions(proposals: Sequence[ExitProposal]) -> list[NextAction]:
    """'Skype ended on 2025-05-05: plan its exit by …, towards …'; the proposed day and
    target travel in the target's ``params`` for a front end to fill its form or command."""
    from planner.domain.next_actions import NextAction, Screen, Subject, Target

    return [
        NextAction(
            p.headline,
            Target(
                Screen.MONEY,
                Subject.RETIREMENT,
                p.tool,
                (("by", p.by.isoformat()), *((("to", p.target),) if p.target else ())),
            ),
            p.advice,
        )
        for p in proposals
    ]


def retirement_proposals(
    ws: Workspace, catalog: Catalog, plan: str | None, today: dt.date
) -> list[ExitProposal]:
    """:func:`exit_proposals` in its own read."""
    from planner.adapters.store.repository import Repository

    with ws.read() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        return exit_proposals(session, record.id, repo.tools(record.id), catalog, today)


def _retired(tool: Tool, catalog: Catalog) -> bool:
    """The tool's catalog product is retired (what ``retired_in_use`` proposes exits for)."""
    product = catalog.get(tool.product) if tool.product else None
    return product is not None and product.strategy.status is VendorStatus.RETIRED
