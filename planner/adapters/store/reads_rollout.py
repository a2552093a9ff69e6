"""The read-only commands' queries of phases 2c and 3, on the Core tables (see ``reads``):
pilots, features, training milestones, champions, activity snapshots, readiness.

As in ``reads``, each function takes a Core ``Connection`` or an ORM ``Session``, and the
repositories (``pilot_repo``, ``rollout_repo``, ``adoption_repo``) call them: each query
is written once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select

from planner.adapters.store.core_schema import (
    activity_report,
    champion,
    feature,
    pilot,
    pilot_kpi,
    pilot_measurement,
    readiness,
    rollout_setting,
    training,
    training_update,
)
from planner.adapters.store.reads import Executor, of_plan
from planner.adapters.store.rows import keyed, unkeyed
from planner.domain.activity import ActivitySnapshot, ChampionActivity, DepartmentActivity
from planner.domain.pilots import Kpi, Measurement, Pilot
from planner.domain.readiness import DEFAULT_PEOPLE_PER_CHAMPION, Readiness
from planner.domain.rollout import Champion, Feature, Training, TrainingUpdate


def pilots(db: Executor, plan_id: int) -> list[Pilot]:
    """The plan's pilots by id, each with its KPIs (by name) and measurements (by day)."""
    rows = list(db.execute(of_plan(pilot, plan_id)))
    ids = [r.id for r in rows]
    kpis: dict[int, list[Kpi]] = {}
    build_kpi = unkeyed(Kpi, "pilot_kpi")
    query = select(pilot_kpi).where(pilot_kpi.c.pilot_id.in_(ids)).order_by(pilot_kpi.c.kpi)
    for k in db.execute(query):
        kpis.setdefault(k.pilot_id, []).append(build_kpi(k))
    measured: dict[int, list[Measurement]] = {}
    build_measurement = unkeyed(Measurement, "pilot_measurement")
    m_table = pilot_measurement
    query = select(m_table).where(m_table.c.pilot_id.in_(ids)).order_by(m_table.c.on, m_table.c.kpi)
    for m in db.execute(query):
        measured.setdefault(m.pilot_id, []).append(build_measurement(m))
    build = keyed(Pilot, "pilot")
    return [
        replace(
            build(r),
            criteria=tuple(kpis.get(r.id, ())),
            measurements=tuple(measured.get(r.id, ())),
        )
        for r in rows
    ]


def features(db: Executor, plan_id: int) -> list[Feature]:
    """The plan's features in existing solutions, by id."""
    build = keyed(Feature, "feature")
    return [build(r) for r in db.execute(of_plan(feature, plan_id))]


def trainings(db: Executor, plan_id: int) -> list[Training]:
    """The plan's training milestones by id, each with its dated updates."""
    rows = list(db.execute(of_plan(training, plan_id)))  # thousands of milestones
    updates: dict[int, list[TrainingUpdate]] = {}
    build_update = unkeyed(TrainingUpdate, "training_update")
    upd = training_update
    of_this_plan = select(training.c.id).where(training.c.plan_id == plan_id).scalar_subquery()
    query = select(upd).where(upd.c.training_id.in_(of_this_plan)).order_by(upd.c.on, upd.c.trained)
    for u in db.execute(query):
        updates.setdefault(u.training_id, []).append(build_update(u))
    build = keyed(Training, "training")
    return [replace(build(r), updates=tuple(updates.get(r.id, ()))) for r in rows]


def champions(db: Executor, plan_id: int) -> list[Champion]:
    """The plan's champions by department and name."""
    build = unkeyed(Champion, "champion")
    query = of_plan(champion, plan_id).order_by(champion.c.department, champion.c.name)
    return [build(r) for r in db.execute(query)]


def snapshot(r: Any) -> ActivitySnapshot:
    """An activity snapshot from its row or its record."""
    return ActivitySnapshot(
        subject=r.subject,
        digest=r.digest,
        format=r.format,
        source=r.source,
        as_of=r.as_of,
        period_start=r.period_start,
        period_end=r.period_end,
        population=r.population,
        listed=r.listed,
        active=r.active,
        weekly_active=r.weekly_active,
        posts=r.posts,
        reads=r.reads,
        replies=r.replies,
        departments={
            d: DepartmentActivity(int(v[0]), int(v[1])) for d, v in (r.departments or {}).items()
        },
        champions=tuple(
            ChampionActivity(str(c[0]), str(c[1]), bool(c[2]), int(c[3]))
            for c in (r.champions or [])
        ),
    )


def snapshots(db: Executor, plan_id: int, subject: str | None = None) -> list[ActivitySnapshot]:
    """The plan's activity snapshots (of ``subject`` only, when given)."""
    table = activity_report
    query = of_plan(table, plan_id)
    if subject is not None:
        query = query.where(table.c.subject == subject)
    query = query.order_by(table.c.subject, table.c.as_of, table.c.digest)
    return [snapshot(r) for r in db.execute(query)]


def readiness_of(db: Executor, plan_id: int) -> list[Readiness]:
    """The plan's readiness assessments, by department and day."""
    build = unkeyed(Readiness, "readiness")
    query = of_plan(readiness, plan_id).order_by(readiness.c.department, readiness.c.on)
    return [build(r) for r in db.execute(query)]


def people_per_champion(db: Executor, plan_id: int) -> int:
    """The champions' target ratio the plan set, else the default."""
    table = rollout_setting
    query = select(table.c.people_per_champion).where(table.c.plan_id == plan_id)
    value = db.execute(query).scalar_one_or_none()
    return DEFAULT_PEOPLE_PER_CHAMPION if value is None else int(value)
