"""The ``costs`` use case: the plan's contracts, tools and overlaps, read in one session
and priced by ``domain.costs`` (exact amounts, per currency)."""

from __future__ import annotations

import datetime as dt

from planner.adapters.store import reads
from planner.adapters.store.db import Workspace
from planner.domain.catalog import Catalog
from planner.domain.costs import Costs, costs


def plan_costs(ws: Workspace, catalog: Catalog, plan: str | None, today: dt.date) -> Costs:
    with ws.rows() as conn:  # Core: the costs only read
        plan_id = reads.plan_id(conn, plan)
        tools = reads.tools(conn, plan_id)
        contracts = reads.contracts(conn, plan_id)
    from planner.services.inventory import plan_overlaps

    overlaps = plan_overlaps(tools, catalog)
    return costs(contracts, tools, catalog, overlaps, today)
