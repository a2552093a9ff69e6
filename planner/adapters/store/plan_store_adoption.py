"""Write a plan file's champions, readiness and champions' ratio (issue 19).

Apart from ``plan_store`` so each stays small. A champion's account pseudonym is never in
the plan file: a champion the file keeps (same department and name) keeps the pseudonym
the workspace had, so an import does not lose whose activity the reports follow.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlmodel import Session, SQLModel

from planner.adapters.plan_schema import PlanFile
from planner.adapters.store import tables


def _t(model: Any) -> Table:
    return SQLModel.metadata.tables[model.__tablename__]


CHAMPION = _t(tables.ChampionRecord)
READINESS = _t(tables.ReadinessRecord)
ACTIVITY = _t(tables.ActivityRecord)
SETTING = _t(tables.RolloutSettingRecord)


def replace_adoption(session: Session, plan_id: int, pf: PlanFile) -> None:
    pseudonyms = {
        (department, name): pseudonym
        for department, name, pseudonym in session.execute(
            select(CHAMPION.c.department, CHAMPION.c.name, CHAMPION.c.pseudonym).where(
                CHAMPION.c.plan_id == plan_id
            )
        )
    }
    session.execute(delete(CHAMPION).where(CHAMPION.c.plan_id == plan_id))
    rows: list[dict[str, Any]] = [
        {
            "plan_id": plan_id,
            "department": c.department,
            "name": c.name,
            "pseudonym": pseudonyms.get((c.department, c.name)),
        }
        for c in pf.champions
    ]
    if rows:
        session.execute(insert(CHAMPION), rows)

    session.execute(delete(READINESS).where(READINESS.c.plan_id == plan_id))
    rows = [{"plan_id": plan_id, **r.model_dump()} for r in pf.readiness]
    if rows:
        session.execute(insert(READINESS), rows)

    session.execute(delete(ACTIVITY).where(ACTIVITY.c.plan_id == plan_id))
    rows = [
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
