"""A Gantt-style timeline of the plan year: the rows of ``domain.timeline`` in colour.

Drawn as a Rich renderable at the widget's width (so it snapshots well and degrades at 80
columns by shortening labels and bars); the today column is marked on every row.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from rich.text import Text
from textual.widgets import Static

from planner.domain.roadmap import add_months
from planner.domain.text import visible
from planner.domain.timeline import Row

STYLE = {"done": "green", "late": "bold red", "active": "dodger_blue2", "planned": "grey62"}
LEGEND = (("done", "done"), ("active", "under way"), ("late", "late"), ("planned", "planned"))
# Each state has its own bar symbol too, so done and late differ without colour.
BAR = {"done": "█", "active": "▆", "late": "▚", "planned": "░"}
# Contract rows: decision windows and exit steps (domain.contracts, domain.exits).
GROUP_STYLE = {"phase": "bold", "pilot": "", "feature": "", "training": "", "contract": ""}


def timeline_text(rows: list[Row], start: dt.date, today: dt.date, width: int) -> Text:
    label_width = 30 if width >= 110 else 18
    bar_width = max(12, width - label_width - 2)
    end = add_months(start, 12)
    span = max((end - start).days, 1)

    def col(day: dt.date) -> int:
        return max(0, min(bar_width - 1, round((day - start).days / span * (bar_width - 1))))

    now = col(today) if start <= today <= end else None
    header = [" "] * bar_width
    years = [" "] * (bar_width + 4)
    for m in range(12):
        month = add_months(start, m)
        label = f"{month:%b}" if bar_width >= 48 else f"{month:%b}"[0]
        if m == 0 or month.month == 1:  # the year above where it starts and where it turns
            at = col(month)
            years[at : at + 4] = list(f"{month:%Y}")
        at = col(month)
        free = header[max(at - 1, 0) : at + len(label) + 1]
        if at + len(label) <= bar_width and all(c == " " for c in free):
            header[at : at + len(label)] = list(label)
    # No-break spaces: a renderable's leading spaces are trimmed when the line is wrapped.
    pad = "\u00a0"
    out = Text(pad * (label_width + 1) + "".join(years).rstrip().replace(" ", pad) + "\n")
    out.append(pad * (label_width + 1) + "".join(header).replace(" ", pad))
    for row in rows:
        line = Text("\n")
        name = visible(row.label)
        name = name if len(name) <= label_width else name[: label_width - 1] + "…"
        line.append(f"{name:<{label_width}} ", style=GROUP_STYLE[row.group])
        a, b = col(row.start), col(row.end)
        # One span per run of equal cells, not per cell: 5,600 rows of a large plan made
        # half a million spans (and their segments) before the screen showed.
        cells = [
            (BAR[row.state], STYLE[row.state])
            if a <= i <= b
            else ("│", "yellow")
            if i == now
            else ("·" if row.group == "phase" else " ", "grey50")
            for i in range(bar_width)
        ]
        for (char, style), run in groupby(cells):
            line.append(char * len(list(run)), style=style)
        out.append_text(line)
    if now is not None:
        out.append(
            "\n" + pad * (label_width + 1 + now) + f"▲ today {today:%d %b %Y}",
            style="bold yellow",
        )
    legend = Text("\n" + pad * (label_width + 1))
    for state, label in LEGEND:
        legend.append(f"{BAR[state]} ", style=STYLE[state]).append(f"{label}   ", style="")
    legend.append("│ today", style="yellow")
    out.append_text(legend)
    return out


class Timeline(Static):
    DEFAULT_CSS = "Timeline { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._data: tuple[list[Row], dt.date, dt.date] | None = None

    def show(self, rows: list[Row], start: dt.date, today: dt.date) -> None:
        self._data = (rows, start, today)
        self.refresh(layout=True)

    def render(self) -> Text:
        if self._data is None:
            return Text("")
        rows, start, today = self._data
        return timeline_text(rows, start, today, self.content_size.width or 80)
