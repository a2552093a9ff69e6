"""The rules a plan's records obey, one function per rule, each returning what is wrong
(``None`` when nothing is).

Why a module of its own: the CLI and the screens refuse bad values as they are typed, and
a reviewed plan file must be refused for the same values at their line; when each surface
kept its own copy, a file with ``trained: 3500`` for an audience of 35, or a feature due
two years out, passed ``plan validate`` and the import, and the workspace's next export
then failed validation. The services raise the message as an :class:`InputError`; the
plan-file validation reports it at the offending line. Messages say what was given and
what is allowed, never which surface asked.
"""

from __future__ import annotations

import datetime as dt
import math

from planner.domain.roadmap import add_months

__all__ = [
    "kpi_value_problem",
    "outside_plan_year",
    "pilot_order_problem",
    "plan_year",
    "rationale_problem",
    "trained_problem",
    "undecidable_problem",
]


# The plan starts the CLI, the plan file and the import accept: anything else is a typo
# (and a year near 9999 would overflow the plan year's end).
PLAN_STARTS = (dt.date(1990, 1, 1), dt.date(2200, 1, 1))


def plan_year(start: dt.date) -> tuple[dt.date, dt.date]:
    """The plan's year: its start to twelve months on, both included."""
    return start, add_months(start, 12)


def outside_plan_year(label: str, day: dt.date | None, plan_start: dt.date) -> str | None:
    """A due date, a pilot's start or end: within the plan year."""
    first, last = plan_year(plan_start)
    if day is None or first <= day <= last:
        return None
    return (
        f"{label} {day.isoformat()} is outside the plan year "
        f"({first.isoformat()} to {last.isoformat()})"
    )


def pilot_order_problem(start: dt.date | None, end: dt.date | None) -> str | None:
    """A pilot ends on or after the day it starts."""
    if start is not None and end is not None and end < start:
        return "the pilot ends before it starts"
    return None


def trained_problem(trained: int, audience: int) -> str | None:
    """The people trained so far: none below zero, none beyond the milestone's audience."""
    if trained < 0:
        return "the number trained cannot be negative"
    if trained > audience:
        return f"{trained} trained is more than the audience of {audience}"
    return None


def kpi_value_problem(kpi: str, value: float) -> str | None:
    """A KPI's target or measured value: a finite number (``nan`` and ``inf`` parse as
    floats, but nothing can meet them and a plan file cannot hold them)."""
    if not math.isfinite(value):
        return f"{kpi}: expected a number, got {value}"
    return None


def rationale_problem(decision: object, rationale: str) -> str | None:
    """A decision on a pilot says why."""
    if decision is not None and not rationale.strip():
        return "a decision needs a rationale"
    return None


def undecidable_problem(status: str, decision: object) -> str | None:
    """A pilot is decided once it has run: not while proposed or approved."""
    if decision is not None and status in ("proposed", "approved"):
        return f"the pilot is {status}: it cannot be decided before it has run"
    return None
