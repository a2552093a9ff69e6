"""Gartner's one-year roadmap: the three phases, their due dates and their status.

Pure functions on dates and numbers, so the dashboard, the plan file and the report all
agree, and tests can freeze "today".
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Phase(StrEnum):
    DISCOVER = "discover"
    INVENTORY = "inventory"
    ROLLOUT = "rollout"

    @property
    def label(self) -> str:
        return _TITLES[self][0]

    @property
    def steps(self) -> str:
        return _TITLES[self][1]

    @property
    def months(self) -> int:
        """Months from the plan's start to the phase's default due date."""
        return _MONTHS[self]


_TITLES = {
    Phase.DISCOVER: (
        "Discover",
        "Find which social tools are used, officially or not, by whom and how",
    ),
    Phase.INVENTORY: (
        "Inventory & pilots",
        "Inventory against the vendor catalog, study vendor strategies, select pilots",
    ),
    Phase.ROLLOUT: (
        "Introduce & train",
        "Bring the chosen social features into existing solutions; train employees",
    ),
}
_MONTHS = {Phase.DISCOVER: 1, Phase.INVENTORY: 3, Phase.ROLLOUT: 12}


class PhaseStatus(StrEnum):
    NOT_STARTED = "not-started"
    ON_TRACK = "on-track"
    LATE = "late"
    DONE = "done"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PhaseState:
    phase: Phase
    starts: dt.date
    due: dt.date
    progress: float  # 0..1
    status: PhaseStatus


def phase_window(start: dt.date, phase: Phase) -> tuple[dt.date, dt.date]:
    """The dates a phase runs between: from the previous phase's due date to its own."""
    order = list(Phase)
    index = order.index(phase)
    begins = start if index == 0 else add_months(start, order[index - 1].months)
    return begins, add_months(start, phase.months)


def phase_status(progress: float, begins: dt.date, due: dt.date, today: dt.date) -> PhaseStatus:
    """Done at 100 % once the phase has begun (never before: the plan's dates are when the
    work is meant to happen, and a phase "done" before it starts was filled in, not
    done); late once past due below 100 %; not started when nothing is done."""
    if progress >= 1.0 and today >= begins:
        return PhaseStatus.DONE
    if today > due:
        return PhaseStatus.LATE
    if progress <= 0.0 and today < begins:
        return PhaseStatus.NOT_STARTED
    return PhaseStatus.ON_TRACK


def roadmap(start: dt.date, progress: dict[Phase, float], today: dt.date) -> list[PhaseState]:
    """The three phases of a plan that starts on ``start``, as of ``today``."""
    states = []
    for phase in Phase:
        begins, due = phase_window(start, phase)
        done = min(1.0, max(0.0, progress.get(phase, 0.0)))
        states.append(PhaseState(phase, begins, due, done, phase_status(done, begins, due, today)))
    return states


def year_fraction(start: dt.date, today: dt.date) -> float:
    """Where ``today`` falls in the plan year, clamped to 0..1 (for the 'today' marker)."""
    end = add_months(start, 12)
    span = (end - start).days
    return min(1.0, max(0.0, (today - start).days / span))
