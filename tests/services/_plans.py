"""Plans made for a test that writes rows straight into a workspace (``bulk``), by name,
and their ids."""

from __future__ import annotations

import datetime as dt

from planner.adapters.store.repository import Repository
from planner.bootstrap import Planner
from planner.services.plans import create_plan


def plan_ids(planner: Planner, *names: str) -> list[int]:
    """The ids of new plans called ``names``, in that order."""
    for name in names:
        create_plan(planner.workspace, name, dt.date(2026, 1, 5))
    with planner.workspace.read() as session:
        repo = Repository(session)
        ids = [repo.plan_record(n).id for n in names]
    assert all(i is not None for i in ids)
    return [i for i in ids if i is not None]
