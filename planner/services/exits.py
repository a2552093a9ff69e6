"""The ``retire`` use case: a tool's dated exit plan, written with the decision it takes.

Retiring a tool writes its exit steps (``domain.exits``) and records the decision
``exit`` on its contracts still undecided, so the renewal reminder gives way to the
cancellation step, due at the contract's decision date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from planner.adapters.store.contract_repo import ContractRepository
from planner.adapters.store.db import Workspace
from planner.adapters.store.repository import Repository
from planner.domain.catalog import Catalog
from planner.domain.contracts import Decision
from planner.domain.exits import ExitMilestone, exit_plan
from planner.errors import InputError, NotFoundError


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
        contracts_repo.replace_exit(record.id, found.slug, steps)
        for c in contracts:
            if c.decision is None:
                contracts_repo.save(record.id, replace(c, decision=Decision.EXIT))
    return steps
