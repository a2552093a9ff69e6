"""The plan year on one timeline: phases, pilots, features and training as bars.

:func:`timeline_rows` turns the plan into rows with a start, an end and a state;
:func:`render_text` draws them as plain text (for the Markdown report and the CLI) on a
month scale with a marker for today. The TUI draws the same rows with colours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from planner.domain.pilots import Pilot
from planner.domain.roadmap import PhaseState, add_months
from planner.domain.rollout import Feature, FeatureStatus, Training
from planner.domain.text import visible


@dataclass(frozen=True)
class Row:
    group: str  # phase | pilot | feature | training | contract
    label: str
    start: dt.date
    end: dt.date
    state: str  # done | late | active | planned
    detail: str = ""


def timeline_rows(
    start: dt.date,
    phases: Sequence[PhaseState],
    pilots: Sequence[Pilot],
    features: Sequence[Feature],
    trainings: Sequence[Training],
    today: dt.date,
    contracts: Sequence[tuple[str, dt.date, dt.date, str, str]] = (),
) -> list[Row]:
    """``contracts``: each contract's decision window (``domain.contracts.timeline_rows``)."""
    rows = [
        Row(
            "phase",
            s.phase.label,
            s.starts,
            s.due,
            {"done": "done", "late": "late", "on-track": "active"}.get(s.status.value, "planned"),
            f"{s.progress:.0%}",
        )
        for s in phases
    ]
    rollout_start = phases[-1].starts if phases else start
    for p in sorted(pilots, key=lambda p: (p.start or start, p.id)):
        begin = p.start or start
        end = p.end or begin
        state = "done" if p.closed else ("late" if end < today else "active")
        rows.append(Row("pilot", p.title, begin, end, state, p.status.value))
    for f in sorted(features, key=lambda f: (f.due or dt.date.max, f.id)):
        due = f.due or add_months(start, 12)
        state = (
            "done"
            if f.status is FeatureStatus.LIVE
            else "late"
            if f.late(today)
            else "planned"
            if f.status is FeatureStatus.PLANNED
            else "active"
        )
        if f.status is FeatureStatus.DROPPED:
            state = "done"
        rows.append(Row("feature", f.title, min(rollout_start, due), due, state, f.status.value))
    for t in sorted(trainings, key=lambda t: (t.due or dt.date.max, t.id)):
        due = t.due or add_months(start, 12)
        begin = max(start, due - dt.timedelta(days=28))
        state = "done" if t.completion >= 1 else ("late" if t.late(today) else "active")
        rows.append(Row("training", t.title, begin, due, state, f"{t.trained}/{t.audience}"))
    rows += [Row("contract", *window) for window in contracts]
    return rows


_FILL = {"done": "=", "late": "!", "active": "#", "planned": "-"}


def render_text(
    rows: Sequence[Row], start: dt.date, today: dt.date, width: int = 60, label_width: int = 28
) -> str:
    """A fixed-width Gantt chart: one line per row, months on top, '|' for today.

    Bars: '=' done, '#' under way, '-' planned, '!' late.
    """
    end = add_months(start, 12)
    span = max((end - start).days, 1)

    def col(day: dt.date) -> int:
        return max(0, min(width - 1, round((day - start).days / span * (width - 1))))

    header = [" "] * width
    for m in range(12):
        month = add_months(start, m)
        text = f"{month:%b}"
        at = col(month)
        # Room for the month and a space before the next one; dropped when too narrow.
        free = header[max(at - 1, 0) : at + len(text) + 1]
        if at + len(text) <= width and all(c == " " for c in free):
            header[at : at + len(text)] = list(text)
    lines = [" " * label_width + " " + "".join(header).rstrip()]
    now = col(today) if start <= today <= end else None
    for row in rows:
        cells = [" "] * width
        a, b = col(row.start), col(row.end)
        for i in range(a, b + 1):
            cells[i] = _FILL[row.state]
        if now is not None and cells[now] == " ":
            cells[now] = "|"
        # Escaped before it is cut, so that a control character cannot widen the column.
        label = visible(row.label)
        label = label if len(label) <= label_width else label[: label_width - 1] + "…"
        lines.append(f"{label:<{label_width}} {''.join(cells)}  {visible(row.detail)}".rstrip())
    if now is not None:
        lines.append(" " * label_width + " " + " " * now + f"^ today {today.isoformat()}")
    return "\n".join(lines)
