"""The organisation as the ranking and the inventory see it: its declared licences, its
audiences and what its contracts pay, gathered from the plan in one session
or Core connection (``domain.org_fit.Organisation``)."""

from __future__ import annotations

from typing import Any

from planner.adapters.store import reads
from planner.domain.org_fit import Organisation, Paid
from planner.domain.plan import Plan
from planner.domain.profile import parse_licences


def organisation(db: Any, plan_id: int, plan: Plan) -> Organisation:
    """What the ranking knows of the organisation: its declared licences, its audiences
    and what its contracts pay per product (a contract for one of the plan's tools counts
    for the tool's catalog product)."""
    tools = {t.slug: t.product for t in reads.tools(db, plan_id)}
    paid: dict[str, list[Paid]] = {}
    for c in reads.contracts(db, plan_id):
        product = c.product if c.product not in tools else (tools[c.product] or c.product)
        paid.setdefault(product, []).append(Paid(c.id, c.seats, c.annual_cost, c.currency))
    return Organisation(
        licences=parse_licences(plan.suites),
        audiences=tuple(reads.audiences(db, plan_id)),
        employees=plan.employees,
        paid={k: tuple(v) for k, v in paid.items()},
    )
