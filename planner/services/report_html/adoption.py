"""The report's sections on adoption: pilots with their KPIs (bullet and trend), training
completion per department with the champions, and the risk register.

Each function turns the services' results into the plain values (and SVG markup) one
section of the template prints; :mod:`planner.services.report_html.view` puts them together.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from markupsafe import Markup

from planner.adapters.render import svg
from planner.domain.catalog import Catalog
from planner.domain.next_actions import texts
from planner.domain.pilots import KPIS, PILOT_FIELDS, Pilot
from planner.domain.risks import Level, Risk, RiskStatus
from planner.domain.rollout import Champion, Training
from planner.domain.words import counted
from planner.services.adoption import ACTIVE_THRESHOLD, AdoptionView
from planner.services.report_html.model import (
    AdoptionRow,
    AdoptionSection,
    ChampionRow,
    KpiRow,
    MilestoneRow,
    PilotView,
    RiskRow,
    RisksView,
    TrainingView,
)


def _num(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:g}"


def kpi_rows(pilot: Pilot) -> list[KpiRow]:
    """Each KPI of a pilot: the baseline (the last measurement before the pilot started),
    the latest value since, the target, whether it is met, and the series for a trend."""
    rows = []
    for kpi in pilot.criteria:
        series = sorted((m for m in pilot.measurements if m.kpi == kpi.kpi), key=lambda m: m.on)
        before = [m for m in series if pilot.start is not None and m.on < pilot.start]
        during = [m for m in series if m not in before]
        baseline = before[-1].value if before else None
        actual = during[-1].value if during else None
        met = None if actual is None else actual >= kpi.target
        values = [m.value for m in series]
        rows.append(
            KpiRow(
                kpi=kpi.kpi,
                label=KPIS.get(kpi.kpi, kpi.kpi),
                baseline=_num(baseline),
                target=_num(kpi.target),
                actual=_num(actual),
                measured=f"{during[-1].on:%d %b}" if during else "",
                result="—" if met is None else ("met" if met else "below target"),
                tone="muted" if met is None else ("good" if met else "warn"),
                bullet=Markup(svg.bullet(actual, kpi.target, baseline)),  # noqa: S704
                trend=Markup(svg.sparkline(values, kpi.target))  # noqa: S704
                if len(values) >= 2
                else None,
                points=len(values),
            )
        )
    return rows


# The shown fields the pilot's subtitle lays out itself; any other shown field follows as
# "label value", so a field added to PILOT_FIELDS reaches the report without a change here.
_PLACED = ("title", "departments", "users", "start", "end")


def _other_fields(pilot: Pilot) -> list[tuple[str, str]]:
    return [
        (shown.label.lower(), str(getattr(pilot, name) or "—"))
        for name, shown in PILOT_FIELDS.items()
        if name not in _PLACED
    ]


def pilots_view(pilots: Sequence[Pilot], catalog: Catalog) -> list[PilotView]:
    out = []
    for p in sorted(pilots, key=lambda p: (p.start or dt.date.max, p.id)):
        product = catalog.get(p.product)
        out.append(
            PilotView(
                title=p.title,
                product=product.name if product else p.product,
                status=p.status.value,
                decision=p.decision.value if p.decision else None,
                tone="good"
                if p.decision and p.decision.value == "adopt"
                else "bad"
                if p.decision and p.decision.value == "reject"
                else "info",
                departments=", ".join(p.departments) or "—",
                users=p.users,
                others=_other_fields(p),
                start=p.start.isoformat() if p.start else "?",
                end=p.end.isoformat() if p.end else "?",
                rationale=p.rationale,
                kpis=kpi_rows(p),
            )
        )
    return out


def training_view(
    trainings: Sequence[Training], champions: Sequence[Champion], today: dt.date
) -> TrainingView:
    by_department: dict[str, list[Training]] = {}
    for t in trainings:
        by_department.setdefault(t.department, []).append(t)
    bars = []
    total_audience = total_trained = 0
    for department in sorted(by_department, key=str.casefold):
        items = by_department[department]
        audience = sum(max(t.audience, 0) for t in items)
        trained = sum(min(max(t.trained, 0), max(t.audience, 0)) for t in items)
        total_audience += audience
        total_trained += trained
        done = trained / audience if audience else 0.0
        late = [t for t in items if t.late(today)]
        state = "done" if audience and done >= 1 else "late" if late else "active"
        text = f"{trained}/{audience} · {done:.0%}"
        if late:
            text += f" · {len(late)} late"
        bars.append(
            svg.Bar(
                department,
                done,
                text,
                state,
                f"{department}: {counted(len(items), 'milestone')}, "
                f"{trained} of {audience} trained",
            )
        )
    return TrainingView(
        svg=Markup(svg.bars(bars)) if bars else None,  # noqa: S704 - escaped by svg.esc
        overall=f"{total_trained / total_audience:.0%}" if total_audience else "—",
        milestones=[
            MilestoneRow(
                title=t.title,
                department=t.department,
                format=t.format.value,
                due=t.due.isoformat() if t.due else "—",
                trained=f"{t.trained}/{t.audience}",
                completion=f"{t.completion:.0%}",
                late=t.late(today),
            )
            for t in sorted(trainings, key=lambda t: (t.due or dt.date.max, t.id))
        ],
        champions=[ChampionRow(department=c.department, name=c.name) for c in champions],
    )


def adoption_view(view: AdoptionView) -> AdoptionSection:
    """Adoption per department beside training, ADKAR and champions."""
    return AdoptionSection(
        products=", ".join(view.products),
        ratio=view.people_per_champion,
        rows=[
            AdoptionRow(
                department=d.department,
                people=d.people or "—",
                trained="—" if d.trained_pct is None else f"{d.trained_pct:.0f}%",
                active="—" if d.active_pct is None else f"{d.active_pct:.0f}%",
                as_of=d.as_of.isoformat() if d.as_of else "",
                trend=Markup(svg.sparkline([v for _, v in d.curve], ACTIVE_THRESHOLD))  # noqa: S704
                if len(d.curve) >= 2
                else None,
                readiness=d.readiness or "—",
                barrier=d.barrier,
                champions=f"{d.champions}/{d.champions_needed}",
            )
            for d in view.departments
        ],
        actions=texts(view.actions),
    )


def risks_view(risks: Sequence[Risk]) -> RisksView:
    levels = list(Level)
    ordered = sorted(
        risks,
        key=lambda r: (
            r.status is not RiskStatus.OPEN,
            -(levels.index(r.likelihood) + levels.index(r.impact)),
            r.id,
        ),
    )
    marks = [
        svg.RiskMark(
            n,
            levels.index(r.likelihood),
            levels.index(r.impact),
            r.status is RiskStatus.OPEN,
            r.title,
        )
        for n, r in enumerate(ordered, start=1)
    ]
    return RisksView(
        svg=Markup(svg.risk_matrix(marks)) if marks else None,  # noqa: S704
        rows=[
            RiskRow(
                number=n,
                title=r.title,
                likelihood=r.likelihood.value,
                impact=r.impact.value,
                status=r.status.value,
                open_high=r.open_high,
                owner=r.owner or "—",
                mitigation=r.mitigation or "—",
                evidence=r.evidence,
            )
            for n, r in enumerate(ordered, start=1)
        ],
        open_high=sum(r.open_high for r in risks),
    )
