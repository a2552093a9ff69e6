"""Screen 5's adoption part: per department, training, weekly active people with the trend
of the adopted products' activity reports, ADKAR readiness and champions; and the form that
records a department's readiness (the same service as ``planner readiness set``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.renderables.sparkline import Sparkline
from textual.widgets import Button, Input

from planner.domain.readiness import BARRIER, ELEMENTS
from planner.domain.text import visible
from planner.domain.words import counted
from planner.services.adoption import AdoptionView, DepartmentAdoption
from planner.tui.screens.forms import _Form, field
from planner.tui.widgets.cells import cell

COLUMNS = ("Department", "People", "Trained", "Active", "Trend", "ADKAR", "Champions")


def rows(view: AdoptionView) -> list[tuple[str, list[Any]]]:
    """One row per department, keyed by its name."""
    out: list[tuple[str, list[Any]]] = []
    for d in view.departments:
        trend = (
            Sparkline([v for _, v in d.curve], width=min(10, 2 * len(d.curve)))
            if len(d.curve) > 1
            else Text(d.trend)
        )
        out.append((d.department, [
            cell(d.department),
            Text(str(d.people) if d.people else "—"),
            Text("—" if d.trained_pct is None else f"{d.trained_pct:.0f}%"),
            Text("—" if d.active_pct is None else f"{d.active_pct:.0f}% ({d.as_of:%d %b})"),
            trend,
            Text(d.readiness or "—", style="bold red" if d.barrier else ""),
            Text(
                f"{d.champions}/{d.champions_needed}",
                style="bold red" if d.champions < d.champions_needed else "",
            ),
        ]))  # fmt: skip
    return out


def notes(view: AdoptionView) -> Text:
    """The champions' own activity (when followed) and the adoption next actions."""
    lines = []
    if any(d.readiness for d in view.departments):  # "A2 D2 K1 A1 R1" explained
        lines.append(
            f"ADKAR scores 1-5: Awareness, Desire, Knowledge, Ability, Reinforcement "
            f"({BARRIER} or below is a barrier, in red)"
        )
    if view.champions_activity:
        followed = "; ".join(
            f"{c.name} ({c.department}) {'active' if c.active else 'not active'}, "
            f"{counted(c.posts, 'post')}"
            for c in view.champions_activity
        )
        lines.append(f"Champions as of {view.champions_as_of}: {followed}")
    lines += [f"• {a.text}" for a in view.actions]
    return Text(visible("\n".join(lines), multiline=True))


class ReadinessForm(_Form):
    """ADKAR scores 1–5 for a department as of a day, with a note."""

    def __init__(self, department: DepartmentAdoption | None, today: dt.date) -> None:
        super().__init__()
        self.department, self.today = department, today

    OK = "Record"

    def dialog_title(self) -> Text:
        name = self.department.department if self.department else ""
        return Text(f"Readiness for change: {visible(name)}" if name else "Readiness for change")

    def body(self) -> ComposeResult:
        name = self.department.department if self.department else ""
        yield from field("Department", Input(name, id="department"))
        for element in ELEMENTS:
            yield from field(
                f"{element.capitalize()} (1-5, {BARRIER} or below is a barrier)",
                Input(id=element, type="integer", max_length=1),
            )
        yield from field("As of", Input(self.today.isoformat(), id="on"))
        yield from field("Note", Input(id="note"))

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        errors: dict[str | None, str] = {}
        department = self.read_text("department", errors, required=True)
        scores = {e: self.read_whole(e, errors, 1, 5) for e in ELEMENTS}
        on_day = self.read_date("on", errors, required=True)
        if errors:
            self.show_errors(errors)
            return
        self.finish(
            {
                "department": department,
                "scores": scores,
                "on": on_day,
                "note": self.query_one("#note", Input).value,
            }
        )
