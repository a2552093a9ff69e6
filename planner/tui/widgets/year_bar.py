"""The plan year on three lines: a 'today' marker, the phases as bars, their names and dues.

Segments are proportional to each phase's length (1, 2 and 9 months), coloured by status;
labels shrink with the width so the bar still reads at 80 columns.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import Static

from planner.domain.roadmap import PhaseState, PhaseStatus, year_fraction

STATUS_STYLE = {
    PhaseStatus.DONE: "green",
    PhaseStatus.LATE: "red",
    PhaseStatus.ON_TRACK: "dodger_blue2",
    PhaseStatus.NOT_STARTED: "grey62",
}


def _fit(label: str, cells: int) -> str:
    if cells <= 1:
        return " " * max(cells, 0)
    return label if len(label) < cells else label[: cells - 2] + "…"


def year_text(phases: list[PhaseState], start: dt.date, today: dt.date, width: int) -> Text:
    width = max(width, 24)
    span = max((phases[-1].due - start).days, 1)
    edges = [0] + [round((s.due - start).days / span * width) for s in phases]
    bar, labels = Text(), Text()
    for state, left, right in zip(phases, edges, edges[1:], strict=False):
        cells = right - left
        style = STATUS_STYLE[state.status]
        bar.append("▆" * max(cells - 1, 0) + " ", style=style)
        label = f"{state.phase.label} · due {state.due:%d %b}"
        labels.append(_fit(label, cells).ljust(cells), style=style)
    at = min(width - 1, round(year_fraction(start, today) * (width - 1)))
    tag = f"▼ today {today:%d %b %Y}"
    # A dim rule up to the marker (leading spaces would be trimmed when rendered).
    marker = Text()
    if at + len(tag) <= width:
        marker.append("┈" * at, style="grey58").append(tag, style="bold yellow")
    else:
        lead = max(at - len(tag) + 1, 0)
        marker.append("┈" * lead, style="grey58").append(tag[2:] + " ▼", style="bold yellow")
    return Text("\n").join([marker, bar, labels])


class YearBar(Static):
    DEFAULT_CSS = "YearBar { height: 3; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._data: tuple[list[PhaseState], dt.date, dt.date] | None = None

    def show(self, phases: list[PhaseState], start: dt.date, today: dt.date) -> None:
        self._data = (phases, start, today)
        self.refresh(layout=True)

    def render(self) -> Text:
        if self._data is None:
            return Text("")
        phases, start, today = self._data
        return year_text(phases, start, today, self.content_size.width or 80)
