"""Write a plan file's activity reports and the champions' ratio.

Apart from ``plan_store`` so each stays small: these are not record kinds (the reports are
aggregates an import brought; the ratio is a plan setting), so they are written here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, insert
from sqlmodel import Session, SQLModel

from planner.adapters.plan_schema import PlanFile
from planner.adapters.store import tables


def _t(model: Any) -> Table:
    return SQLModel.metadata.tables[model.__tablename__]


ACTIVITY = _t(tables.ActivityRecord)
SETTING = _t(tables.RolloutSettingRecord)


def replace_adoption(session: Session, plan_id: int, pf: PlanFile) -> None:
    """The activity reports (aggregates, not records a reviewer edits) and the champions'
    ratio; champions and readiness are record kinds (``record_kinds``)."""
    session.execute(delete(ACTIVITY).where(ACTIVITY.c.plan_id == plan_id))
    rows: list[dict[str, Any]] = [
        {
            "plan_id": plan_id,
            **a.model_dump(exclude={"champions"}),
            "champions": [[d, n, int(active), posts] for d, n, active, posts in a.champions],
        }
        for a in pf.activity
    ]
    if rows:
        session.execute(insert(ACTIVITY), rows)

    session.execute(delete(SETTING).where(SETTING.c.plan_id == plan_id))
    session.execute(
        insert(SETTING),
        [{"plan_id": plan_id, "people_per_champion": pf.plan.people_per_champion}],
    )
