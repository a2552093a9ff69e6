"""Phase 3 adoption: activity per department beside training, readiness and champions.

Why together: whether a rollout worked is read per department — are people trained, are
they active in the adopted product (activity reports), is the department ready (ADKAR),
does it have its champions — and the next actions come from those four side by side
("Sales: desire 2 — …", "Sales: 90% trained but 10% active").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.adapters.store import reads, reads_rollout
from planner.adapters.store.db import Workspace
from planner.domain.activity import (
    ActivitySnapshot,
    ChampionActivity,
    adoption_pct,
    sparkline,
)
from planner.domain.next_actions import NextAction, Screen, Subject, Target
from planner.domain.readiness import (
    Readiness,
    champion_actions,
    champions_needed,
    check_scores,
    latest,
    readiness_actions,
)
from planner.domain.rollout import Champion, Training
from planner.domain.words import counted
from planner.errors import InputError

if TYPE_CHECKING:
    from planner.adapters.store.db import Session

ACTIVE_THRESHOLD = 30.0  # % weekly active below which a trained department is "not active"


@dataclass(frozen=True)
class DepartmentAdoption:
    department: str
    people: int
    trained_pct: float | None
    as_of: dt.date | None
    active: int
    active_pct: float | None
    trend: str
    curve: tuple[tuple[dt.date, float], ...]
    readiness: str | None  # "A4 D2 K3 A3 R4"
    barrier: str | None
    champions: int
    champions_needed: int


@dataclass(frozen=True)
class AdoptionView:
    products: list[str]
    departments: list[DepartmentAdoption]
    actions: list[NextAction]
    people_per_champion: int
    # The champions followed by account, in the latest report that lists them
    champions_activity: tuple[ChampionActivity, ...] = ()
    champions_as_of: dt.date | None = None


def _plan_id(session: Session, plan: str | None) -> int:
    return reads.plan_id(session, plan)


def assess(
    ws: Workspace,
    plan: str | None,
    department: str,
    scores: Mapping[str, int],
    on: dt.date,
    note: str = "",
) -> Readiness:
    """Record a department's ADKAR scores as of ``on`` (the same day again replaces it)."""
    from planner.adapters.store.adoption_repo import AdoptionRepository

    if not department.strip():
        raise InputError("a readiness assessment needs a department").about("department")
    check_scores(scores)
    r = Readiness(
        department.strip(),
        on,
        awareness=int(scores["awareness"]),
        desire=int(scores["desire"]),
        knowledge=int(scores["knowledge"]),
        ability=int(scores["ability"]),
        reinforcement=int(scores["reinforcement"]),
        note=note.strip(),
    )
    with ws.write() as session:
        AdoptionRepository(session).save_readiness(_plan_id(session, plan), r)
    return r


def readiness(ws: Workspace, plan: str | None, history: bool = False) -> list[Readiness]:
    with ws.rows() as conn:  # Core: the listing only reads
        items = reads_rollout.readiness_of(conn, reads.plan_id(conn, plan))
    return items if history else sorted(latest(items).values(), key=lambda r: r.department)


def set_people_per_champion(ws: Workspace, plan: str | None, people: int) -> None:
    from planner.adapters.store.adoption_repo import AdoptionRepository

    if not 1 <= people <= 100_000:
        raise InputError("one champion per N people: N goes from 1 to 100000").about("people")
    with ws.write() as session:
        AdoptionRepository(session).set_people_per_champion(_plan_id(session, plan), people)


def _short(r: Readiness) -> str:
    return " ".join(f"{e[0].upper()}{s}" for e, s in r.scores().items())


def build_view(
    snapshots: Sequence[ActivitySnapshot],
    trainings: Sequence[Training],
    assessments: Sequence[Readiness],
    champions: Sequence[Champion],
    people_per_champion: int,
) -> AdoptionView:
    products = sorted({s.subject.removeprefix("product:") for s in snapshots})
    ordered = sorted(snapshots, key=lambda s: (s.as_of, s.subject))
    latest_ready = latest(assessments)
    audience: dict[str, list[int]] = {}
    for t in trainings:
        pair = audience.setdefault(t.department, [0, 0])
        pair[0] += min(t.trained, t.audience)
        pair[1] += t.audience
    have: dict[str, int] = {}
    for c in champions:
        have[c.department] = have.get(c.department, 0) + 1
    names = set(audience) | set(latest_ready) | set(have)
    for s in ordered:
        names |= set(s.departments)
    rows = []
    headcount: dict[str, int] = {}
    for name in sorted(names):
        curve = [
            (s.as_of, adoption_pct(s.departments[name])) for s in ordered if name in s.departments
        ]
        last = next((s for s in reversed(ordered) if name in s.departments), None)
        people = last.departments[name].people if last else 0
        if not people and name in audience:
            people = audience[name][1]
        headcount[name] = people
        trained = audience.get(name)
        r = latest_ready.get(name)
        rows.append(
            DepartmentAdoption(
                department=name,
                people=people,
                trained_pct=round(100 * trained[0] / trained[1], 1)
                if trained and trained[1]
                else None,
                as_of=last.as_of if last else None,
                active=last.departments[name].active if last else 0,
                active_pct=curve[-1][1] if curve else None,
                trend=sparkline([v for _, v in curve]),
                curve=tuple(curve),
                readiness=_short(r) if r else None,
                barrier=f"{r.barrier[0]} {r.barrier[1]}" if r and r.barrier else None,
                champions=have.get(name, 0),
                champions_needed=champions_needed(people, people_per_champion),
            )
        )
    milestone = {
        t.department: (t.title, t.trained, t.audience)
        for t in sorted(trainings, key=lambda t: (t.due or dt.date.max, t.id), reverse=True)
    }
    actions = readiness_actions(assessments, milestone)
    for d in rows:
        if (
            d.trained_pct is not None
            and d.trained_pct >= 50
            and d.active_pct is not None
            and d.active_pct < ACTIVE_THRESHOLD
        ):
            actions.append(
                NextAction(
                    f"{d.department}: {d.trained_pct:.0f}% trained but {d.active_pct:.0f}% "
                    f"active (as of {d.as_of}) — ask its champions why",
                    Target(Screen.ROLLOUT, Subject.ADOPTION, d.department),
                )
            )
    # Champions are asked of the departments the rollout reaches (a training milestone, a
    # readiness assessment or a champion already), not of every department a report lists.
    scope = set(audience) | set(latest_ready) | set(have)
    actions += champion_actions(
        {d: n for d, n in headcount.items() if n and d in scope}, have, people_per_champion
    )
    followed = next((s for s in reversed(ordered) if s.champions), None)
    if followed is not None:
        idle = [c for c in followed.champions if not c.active]
        if idle:
            idle_names = ", ".join(f"{c.name} ({c.department})" for c in idle)
            actions.append(
                NextAction(
                    f"{counted(len(idle), 'champion')} not active in the report of "
                    f"{followed.as_of}",
                    Target(Screen.ROLLOUT, Subject.CHAMPION),
                    f"{idle_names} — check in with them",
                )
            )
    return AdoptionView(
        products,
        rows,
        actions,
        people_per_champion,
        followed.champions if followed else (),
        followed.as_of if followed else None,
    )


def view_in(db: Any, plan_id: int) -> AdoptionView:
    """The adoption view inside the caller's session or Core connection (the dashboard's
    overview)."""
    adopted = {p.product for p in reads_rollout.pilots(db, plan_id) if p.decision == "adopt"}
    snapshots = [
        s
        for s in reads_rollout.snapshots(db, plan_id)
        if s.subject.startswith("product:") and s.subject.removeprefix("product:") in adopted
    ]
    return build_view(
        snapshots,
        reads_rollout.trainings(db, plan_id),
        reads_rollout.readiness_of(db, plan_id),
        reads_rollout.champions(db, plan_id),
        reads_rollout.people_per_champion(db, plan_id),
    )


def adoption(ws: Workspace, plan: str | None, today: dt.date) -> AdoptionView:
    with ws.rows() as conn:  # Core: the view only reads
        return view_in(conn, reads.plan_id(conn, plan))
