"""Pilots: a candidate tried by some departments against success criteria, then decided.

The lifecycle rules live here so the CLI, the screen and a plan import refuse the same
things: status moves proposed → approved → running → succeeded / failed / stopped (and can
stop early); a decision needs at least one measurement; dates stay within the plan year,
and a pilot outside the phase-2 window gets a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from planner.domain import rules
from planner.domain.activity import KpiTrend, kpi_trends
from planner.domain.next_actions import NextAction, Screen, Subject, Target
from planner.domain.records.labels import Shown
from planner.domain.words import counted
from planner.errors import InputError


class PilotStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    STOPPED = "stopped"


class Decision(StrEnum):
    ADOPT = "adopt"
    EXTEND = "extend"
    REJECT = "reject"


TRANSITIONS: dict[PilotStatus, set[PilotStatus]] = {
    PilotStatus.PROPOSED: {PilotStatus.APPROVED, PilotStatus.STOPPED},
    PilotStatus.APPROVED: {PilotStatus.RUNNING, PilotStatus.STOPPED},
    PilotStatus.RUNNING: {PilotStatus.SUCCEEDED, PilotStatus.FAILED, PilotStatus.STOPPED},
    PilotStatus.SUCCEEDED: set(),
    PilotStatus.FAILED: set(),
    PilotStatus.STOPPED: set(),
}

# Success criteria people use for enterprise social pilots (research-notes: Microsoft's
# adoption guidance, Viva Engage reports, ESN benchmarks).
KPIS: dict[str, str] = {
    "weekly-active-pct": "Weekly active users (% of pilot users)",
    "posts-per-active-user": "Posts or contributions per active user per week",
    "questions-answered": "Questions answered",
    "documents-shared": "Documents shared",
    "satisfaction-score": "Satisfaction score (1-5)",
    "emails-avoided": "E-mails avoided (estimated)",
    "reply-post-ratio": "Replies per post",
    "read-post-ratio": "Messages read per message posted",
}


# The pilot's fields shown to people, in order, with their labels (domain.records.labels).
PILOT_FIELDS: dict[str, Shown] = {
    "title": Shown("Title", "the pilot's title (default: product and departments)"),
    "departments": Shown(
        "Departments",
        "departments taking part, comma-separated",
        "list",
        metavar="D1,D2",
        placeholder="comma-separated, e.g. R&D, Sales",
        aliases=("--department",),
    ),
    "users": Shown(
        "Users", "how many people take part", "int", metavar="N", placeholder="how many"
    ),
    "sponsor": Shown("Sponsor", "who sponsors it"),
    "start": Shown(
        "Start", "first day", "date", metavar="YYYY-MM-DD", placeholder="YYYY-MM-DD", pair=True
    ),
    "end": Shown("End", "last day", "date", metavar="YYYY-MM-DD", placeholder="YYYY-MM-DD"),
}


@dataclass(frozen=True)
class Measurement:
    kpi: str
    on: dt.date
    value: float
    source: str | None = None  # None: typed in; else the activity report it came from


@dataclass(frozen=True)
class Kpi:
    kpi: str
    target: float

    def actual(self, measurements: list[Measurement]) -> float | None:
        """The latest measured value of this KPI."""
        mine = sorted((m for m in measurements if m.kpi == self.kpi), key=lambda m: m.on)
        return mine[-1].value if mine else None


@dataclass(frozen=True)
class Pilot:
    id: str
    product: str
    title: str
    departments: tuple[str, ...] = ()
    users: int = 0
    sponsor: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    status: PilotStatus = PilotStatus.PROPOSED
    criteria: tuple[Kpi, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    decision: Decision | None = None
    rationale: str = ""
    decided_on: dt.date | None = None
    version: int = field(default=1, compare=False)

    @property
    def closed(self) -> bool:
        return self.decision is not None and self.decision is not Decision.EXTEND

    @property
    def during(self) -> list[Measurement]:
        """Measurements from the start on (earlier ones are baselines)."""
        return [m for m in self.measurements if self.start is None or m.on >= self.start]

    def kpi_status(self) -> list[tuple[Kpi, float | None, bool | None]]:
        """Each KPI with its latest value and whether it meets the target (None: unmeasured);
        a baseline measured before the start is not the pilot's result."""
        rows = []
        for kpi in self.criteria:
            actual = kpi.actual(self.during)
            rows.append((kpi, actual, None if actual is None else actual >= kpi.target))
        return rows

    def trends(self) -> list[KpiTrend]:
        """Per KPI: target, baseline, latest value and the trend (domain/activity)."""
        return kpi_trends(
            [(k.kpi, k.target) for k in self.criteria],
            [(m.kpi, m.on, m.value) for m in self.measurements],
            self.start,
        )


def check_transition(current: PilotStatus, new: PilotStatus) -> None:
    if new is current:
        return
    if new not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "none (closed)"
        raise InputError(f"a {current.value} pilot cannot become {new.value} (allowed: {allowed})")


def check_dates(start: dt.date | None, end: dt.date | None, plan_start: dt.date) -> None:
    """Dates within the plan year (:func:`rules.plan_year`), end after start."""
    problem = rules.pilot_order_problem(start, end)
    if problem is not None:
        raise InputError(problem).about("end")
    for label, day in (("start", start), ("end", end)):
        problem = rules.outside_plan_year(label, day, plan_start)
        if problem is not None:
            raise InputError(problem).about(label)


def window_warning(
    start: dt.date | None, end: dt.date | None, window: tuple[dt.date, dt.date]
) -> str | None:
    """A warning when the pilot runs outside phase 2 (inventory & pilots)."""
    begins, due = window
    if any(day and not begins <= day <= due for day in (start, end)):
        return (
            f"the pilot runs outside the phase-2 window ({begins.isoformat()} to {due.isoformat()})"
        )
    return None


def check_decision(pilot: Pilot) -> None:
    if not pilot.measurements:
        raise InputError(f"pilot '{pilot.id}' has no measurement yet: record KPIs before deciding")
    if rules.undecidable_problem(pilot.status.value, "decision") is not None:
        raise InputError(f"pilot '{pilot.id}' has not run yet ({pilot.status.value})")
    if pilot.closed:
        raise InputError(f"pilot '{pilot.id}' is already decided ({pilot.decision})")


def decided_status(pilot: Pilot, decision: Decision) -> PilotStatus:
    """The status a decision leaves the pilot in."""
    if pilot.status is not PilotStatus.RUNNING:
        return pilot.status
    return {
        Decision.ADOPT: PilotStatus.SUCCEEDED,
        Decision.REJECT: PilotStatus.FAILED,
        Decision.EXTEND: PilotStatus.RUNNING,
    }[decision]


def pilots_progress(pilots: list[Pilot]) -> float:
    """Phase-2 pilot step: decided pilots over pilots (0 when none chosen yet)."""
    if not pilots:
        return 0.0
    return sum(p.closed for p in pilots) / len(pilots)


def pilot_actions(pilots: list[Pilot], today: dt.date) -> list[NextAction]:
    actions = []
    for p in pilots:
        if p.closed:
            continue
        target = Target(Screen.PILOTS, Subject.PILOT, p.id)
        if not p.criteria:
            actions.append(NextAction(f"pilot '{p.title}' has no success criteria", target))
        days = (p.end - today).days if p.end else None
        if p.status is PilotStatus.RUNNING and days is not None:
            if days < 0:
                actions.append(
                    NextAction(
                        f"pilot '{p.title}' ended {counted(-days, 'day')} ago: decide", target
                    )
                )
            elif days <= 14 and not p.measurements:
                actions.append(
                    NextAction(
                        f"pilot '{p.title}' ends in {counted(days, 'day')} with no measurement",
                        target,
                    )
                )
    return actions
