"""The report's sections on the plan's schedule: roadmap phases, the Gantt of the year,
integration features, and what changed since an exported plan file.

Each function turns the services' results into the plain values (and SVG markup) one
section of the template prints; :mod:`planner.services.report_html.view` puts them together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup

from planner.adapters.render import svg
from planner.domain.next_actions import texts
from planner.domain.plan_diff import Change, show
from planner.domain.roadmap import PhaseStatus, add_months
from planner.domain.rollout import Feature
from planner.domain.timeline import Row
from planner.domain.words import counted
from planner.services.plans import Overview
from planner.services.report_html.model import (
    ChangeRow,
    ChangesView,
    FeatureRow,
    PhaseView,
    RoadmapView,
    SectionCount,
)

GROUPS = {"phase": "Phases", "pilot": "Pilots", "feature": "Features", "training": "Training",
          "contract": "Contracts and exits"}  # fmt: skip
MAX_CHANGES = 300
_TONE = {
    PhaseStatus.DONE: "good",
    PhaseStatus.ON_TRACK: "info",
    PhaseStatus.LATE: "bad",
    PhaseStatus.NOT_STARTED: "muted",
}


def _short(value: Any, limit: int = 140) -> str:
    text = show(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def roadmap_view(view: Overview, today: dt.date) -> RoadmapView:
    start = view.plan.start
    end = add_months(start, 12)
    phases = []
    for state in view.phases:
        current = state.starts <= today < state.due
        if state.status is PhaseStatus.DONE:
            when = f"done · was due {state.due:%d %b %Y}"
        elif today < state.starts:
            when = f"starts in {counted((state.starts - today).days, 'day')}"
        elif today <= state.due:
            when = f"due in {counted((state.due - today).days, 'day')}"
        else:
            when = f"{counted((today - state.due).days, 'day')} past due"
        phases.append(
            PhaseView(
                label=state.phase.label,
                steps=state.phase.steps,
                starts=state.starts.isoformat(),
                due=state.due.isoformat(),
                progress=round(state.progress * 100),
                status=state.status.value,
                tone=_TONE[state.status],
                current=current,
                when=when,
            )
        )
    elapsed = min(max((today - start).days, 0), (end - start).days)
    return RoadmapView(
        phases=phases,
        actions=texts(view.actions),
        day=elapsed,
        days=(end - start).days,
        year_pct=round(100 * elapsed / max((end - start).days, 1)),
    )


def timeline_view(start: dt.date, rows: Sequence[Row], view: Overview, today: dt.date) -> Markup:
    progress = {s.phase.label: s.progress for s in view.phases}
    gantt_rows = [
        svg.GanttRow(
            group=GROUPS.get(r.group, r.group),
            label=r.label,
            start=r.start,
            end=r.end,
            state=r.state,
            detail=r.detail,
            progress=progress.get(r.label) if r.group == "phase" else None,
        )
        for r in rows
    ]
    return Markup(svg.gantt(gantt_rows, start, today))  # noqa: S704 - escaped by svg.esc


def features_view(features: Sequence[Feature], today: dt.date) -> list[FeatureRow]:
    return [
        FeatureRow(
            title=f.title,
            target=f.target_system,
            due=f.due.isoformat() if f.due else "—",
            owner=f.owner or "—",
            status=f.status.value,
            late=f.late(today),
        )
        for f in sorted(features, key=lambda f: (f.due or dt.date.max, f.id))
    ]


def changes_view(path: Path, changes: Sequence[Change]) -> ChangesView:
    sections: dict[str, dict[str, int]] = {}
    for c in changes:
        counts = sections.setdefault(c.section, {"added": 0, "removed": 0, "changed": 0})
        counts[c.kind] = counts.get(c.kind, 0) + 1
    return ChangesView(
        path=str(path),
        total=len(changes),
        sections=[SectionCount(s, **counts) for s, counts in sorted(sections.items())],
        rows=[
            ChangeRow(
                section=c.section,
                id=c.id,
                kind=c.kind,
                field=c.field or "",
                old=_short(c.old) if c.kind == "changed" else "",
                new=_short(c.new) if c.kind == "changed" else "",
            )
            for c in changes[:MAX_CHANGES]
        ],
        more=max(len(changes) - MAX_CHANGES, 0),
    )
