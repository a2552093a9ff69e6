"""The Gantt chart of the plan year: phases, pilots, features and training on one page.

Its own module because it is the largest chart and the only one drawn on a calendar: a
month scale with the year, bars clipped to the twelve months, today's line and a legend of
the row states.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from planner.adapters.render.svg.common import (
    BAND,
    FAINT,
    GRID,
    INK,
    MUTED,
    STATE_COLOURS,
    STATE_LABELS,
    TODAY,
    esc,
    figure,
    fit,
    num,
    swatch,
    text_at,
    text_width,
)
from planner.domain.roadmap import add_months
from planner.domain.text import visible


# Gantt -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GanttRow:
    group: str  # heading the row is shown under (Phases, Pilots, ...)
    label: str
    start: dt.date
    end: dt.date
    state: str  # done | active | planned | late
    detail: str = ""
    progress: float | None = None  # for phases: the part of the bar filled


def gantt(rows: Sequence[GanttRow], start: dt.date, today: dt.date, *, width: float = 1080) -> str:
    """The plan year: month scale (with the year), one bar per row, today, a legend."""
    label_w, detail_w, row_h, head_h = 280.0, 150.0, 24.0, 46.0
    x0, x1 = label_w, width - detail_w
    end = add_months(start, 12)
    span = max((end - start).days, 1)

    def x(day: dt.date) -> float:
        days = min(max((day - start).days, 0), span)
        return x0 + (x1 - x0) * days / span

    groups: list[str] = []
    for row in rows:
        if row.group not in groups:
            groups.append(row.group)
    body_h = len(rows) * row_h + len(groups) * 26
    height = head_h + body_h + 64
    out: list[str] = []
    # Month bands with the month's name, the year on the first month of each year.
    for m in range(12):
        first, following = add_months(start, m), add_months(start, m + 1)
        a, b = x(first), x(following)
        if m % 2 == 0:
            out.append(
                f'<rect x="{num(a)}" y="{num(head_h - 18)}" width="{num(b - a)}" '
                f'height="{num(body_h + 18)}" fill="{BAND}"/>'
            )
        out.append(
            f'<line x1="{num(x(first))}" y1="{num(head_h - 18)}" x2="{num(x(first))}" '
            f'y2="{num(head_h + body_h)}" stroke="{GRID}"/>'
        )
        out.append(text_at((a + b) / 2, head_h - 5, f"{first:%b}", anchor="middle", fill=MUTED))
        if m == 0 or first.month == 1:
            out.append(text_at(x(first) + 3, head_h - 26, f"{first.year}", weight="bold", fill=INK))
    out.append(
        f'<line x1="{num(x1)}" y1="{num(head_h - 18)}" x2="{num(x1)}" '
        f'y2="{num(head_h + body_h)}" stroke="{GRID}"/>'
    )
    y = head_h
    current = None
    for row in rows:
        if row.group != current:
            current = row.group
            out.append(
                text_at(4, y + 18, row.group.upper(), size=11, weight="bold", fill=FAINT)
                + f'<line x1="0" y1="{num(y + 24)}" x2="{num(width)}" y2="{num(y + 24)}" '
                f'stroke="{GRID}"/>'
            )
            y += 26
        colour = STATE_COLOURS.get(row.state, STATE_COLOURS["planned"])
        a, b = x(row.start), max(x(row.end), x(row.start) + 4)
        bar_y = y + 5
        tip = f"{visible(row.label)}: {row.start.isoformat()} → {row.end.isoformat()}"
        tip += f" ({STATE_LABELS.get(row.state, row.state).lower()}"
        tip += f", {row.detail})" if row.detail else ")"
        out.append(f"<g><title>{esc(tip)}</title>")
        weight = "bold" if row.progress is not None else "normal"
        out.append(text_at(12, y + 16, fit(row.label, label_w - 20, 13), size=13, weight=weight))
        if row.progress is not None:
            out.append(
                f'<rect x="{num(a)}" y="{num(bar_y)}" width="{num(b - a)}" height="14" rx="3" '
                f'fill="{colour}" fill-opacity="0.22" stroke="{colour}"/>'
                f'<rect x="{num(a)}" y="{num(bar_y)}" width="{num((b - a) * row.progress)}" '
                f'height="14" rx="3" fill="{colour}"/>'
            )
        elif row.state == "planned":
            out.append(
                f'<rect x="{num(a)}" y="{num(bar_y)}" width="{num(b - a)}" height="14" rx="3" '
                f'fill="#e2e8f0" stroke="{colour}" stroke-dasharray="4 2"/>'
            )
        else:
            out.append(
                f'<rect x="{num(a)}" y="{num(bar_y)}" width="{num(b - a)}" height="14" rx="3" '
                f'fill="{colour}"/>'
            )
        detail = row.detail
        detail_colour = MUTED
        if row.state == "late":
            # A marker after the bar and the word in the detail column: not colour alone.
            out.append(
                f'<circle cx="{num(b + 9)}" cy="{num(bar_y + 7)}" r="7" fill="{colour}"/>'
                + text_at(
                    b + 9, bar_y + 11, "!", size=11, anchor="middle", fill="#fff", weight="bold"
                )
            )
            detail = f"LATE · {detail}" if detail else "LATE"
            detail_colour = colour
        out.append(
            text_at(x1 + 10, y + 16, fit(detail, detail_w - 14, 12), size=12, fill=detail_colour)
        )
        out.append("</g>")
        y += row_h
    if start <= today <= end:
        tx = x(today)
        out.append(
            f'<line x1="{num(tx)}" y1="{num(head_h)}" x2="{num(tx)}" y2="{num(y + 4)}" '
            f'stroke="{TODAY}" stroke-width="2"/>'
        )
        label = f"today {today:%d %b %Y}"
        lw = text_width(label, 12) + 12
        lx = min(max(tx - lw / 2, 0), width - lw)
        out.append(
            f'<rect x="{num(lx)}" y="{num(y + 4)}" width="{num(lw)}" height="18" rx="9" '
            f'fill="{TODAY}"/>'
            + text_at(lx + lw / 2, y + 17, label, anchor="middle", fill="#fff", weight="bold")
        )
    lx, ly = 12.0, height - 12
    for state in ("done", "active", "planned", "late"):
        colour = STATE_COLOURS[state]
        fill = "#e2e8f0" if state == "planned" else colour
        mark, w = swatch(lx, ly, fill, STATE_LABELS[state], stroke=colour)
        out.append(mark)
        lx += w
    out.append(
        f'<line x1="{num(lx)}" y1="{num(ly - 11)}" x2="{num(lx)}" y2="{num(ly + 2)}" '
        f'stroke="{TODAY}" stroke-width="2"/>' + text_at(lx + 8, ly, "Today", fill=MUTED)
    )
    out.append(
        text_at(
            lx + 70,
            ly,
            "Phase bars: the filled part is the progress.",
            fill=FAINT,
        )
    )
    return figure(width, height, "Timeline of the plan year", out)
