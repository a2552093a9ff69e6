"""Measured use: aggregates of an activity report, the KPIs they give, baselines, trends.

Why aggregates only: a report names every user; the workspace keeps, per report, counts
(people, active, weekly active, posts, reads, replies), the same per department and the
champions' own activity — never a name nor a pseudonym per row. KPIs are computed from
those counts so the CLI, screen 4, the report and the decision form show the same values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SPARK = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class DepartmentActivity:
    people: int  # the department's people (directory) or those the report lists
    active: int  # weekly active among them


@dataclass(frozen=True)
class ChampionActivity:
    department: str
    name: str
    active: bool
    posts: int


@dataclass(frozen=True)
class ActivitySnapshot:
    """One report, reduced to what may be stored."""

    subject: str  # "pilot:ID" or "product:ID"
    digest: str
    format: str
    source: str  # the file's name, for the user
    as_of: dt.date
    period_start: dt.date
    period_end: dt.date
    population: int  # the people the KPI is over
    listed: int  # users the report listed within that population
    active: int  # active in the period
    weekly_active: int  # active in the last seven days
    posts: int
    reads: int | None = None
    replies: int | None = None
    departments: Mapping[str, DepartmentActivity] = field(default_factory=dict)
    champions: tuple[ChampionActivity, ...] = ()

    @property
    def period_days(self) -> int:
        return (self.period_end - self.period_start).days + 1

    def as_fields(self) -> dict[str, Any]:
        """Every field as plain data (departments by name, champions as lists): one shape
        for the stored row and the plan file's entry."""
        return {
            "subject": self.subject,
            "digest": self.digest,
            "format": self.format,
            "source": self.source,
            "as_of": self.as_of,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "population": self.population,
            "listed": self.listed,
            "active": self.active,
            "weekly_active": self.weekly_active,
            "posts": self.posts,
            "reads": self.reads,
            "replies": self.replies,
            "departments": {d: [a.people, a.active] for d, a in sorted(self.departments.items())},
            "champions": [[c.department, c.name, c.active, c.posts] for c in self.champions],
        }

    def kpis(self) -> dict[str, float]:
        """The KPIs this report gives (rounded to two decimals)."""
        out: dict[str, float] = {}
        if self.population:
            out["weekly-active-pct"] = round(100 * self.weekly_active / self.population, 2)
        if self.active:
            weeks = max(1.0, self.period_days / 7)  # a shorter report is not extrapolated
            out["posts-per-active-user"] = round(self.posts / self.active / weeks, 2)
        if self.posts and self.replies is not None:
            out["reply-post-ratio"] = round(self.replies / self.posts, 2)
        if self.posts and self.reads is not None:
            out["read-post-ratio"] = round(self.reads / self.posts, 2)
        return out


def adoption_pct(department: DepartmentActivity) -> float:
    return round(100 * department.active / department.people, 1) if department.people else 0.0


def sparkline(values: Sequence[float]) -> str:
    """Unicode blocks, lowest to highest of the values (flat: all the middle block)."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARK[3] * len(values)
    return "".join(SPARK[round((v - low) / (high - low) * (len(SPARK) - 1))] for v in values)


@dataclass(frozen=True)
class KpiTrend:
    kpi: str
    target: float
    baseline: float | None
    latest: float | None
    values: tuple[float, ...]  # measured during the pilot, oldest first (baseline excluded)

    @property
    def met(self) -> bool | None:
        return None if self.latest is None else self.latest >= self.target

    @property
    def spark(self) -> str:
        return sparkline(self.values)


def kpi_trends(
    criteria: Sequence[tuple[str, float]],
    measurements: Sequence[tuple[str, dt.date, float]],
    start: dt.date | None,
) -> list[KpiTrend]:
    """Per KPI: target, baseline (the latest value measured before ``start``), latest value
    and the values since ``start``."""
    trends = []
    for kpi, target in criteria:
        mine = sorted((on, value) for name, on, value in measurements if name == kpi)
        before = [v for on, v in mine if start is not None and on < start]
        during = [v for on, v in mine if start is None or on >= start]
        trends.append(
            KpiTrend(
                kpi,
                target,
                before[-1] if before else None,
                during[-1] if during else None,
                tuple(during),
            )
        )
    return trends


def trained_not_active(
    trained: Mapping[str, float], adoption: Mapping[str, DepartmentActivity], threshold: float
) -> list[str]:
    """Departments at least half trained whose weekly-active share is below ``threshold`` %."""
    return sorted(
        d
        for d, completion in trained.items()
        if completion >= 0.5 and d in adoption and adoption_pct(adoption[d]) < threshold
    )
