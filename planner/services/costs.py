"""The ``costs`` use case: the plan's contracts, tools and overlaps, read in one session
and priced by ``domain.costs`` (exact amounts, per currency)."""

from __future__ import annotations

import datetime as dt

from planner.adapters.store.contract_repo import ContractRepository
from planner.adapters.store.db import Workspace
from planner.adapters.store.repository import Repository
from planner.domain import inventory as inv
from planner.domain.catalog import Catalog
from planner.domain.costs import Costs, costs


def plan_costs(ws: Workspace, catalog: Catalog, plan: str | None, today: dt.date) -> Costs:
    with ws.read() as session:
        repo = Repository(session)
        record = repo.plan_record(plan)
        assert record.id is not None
        tools = repo.tools(record.id)
        contracts = ContractRepository(session).contracts(record.id)
    overlaps = inv.overlaps(inv.coverage(tools, catalog), catalog, tools)
    return costs(contracts, tools, catalog, overlaps, today)
