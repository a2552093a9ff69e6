"""Screen 5's adoption part: per department, training, weekly active people with the trend
of the adopted products' activity reports, ADKAR readiness and champions; and the form that
records a department's readiness (the same service as ``planner readiness set``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.renderables.sparkline import Sparkline
from textual.widgets import Button, Input, Label

from planner.domain.readiness import BARRIER, ELEMENTS
from planner.domain.text import visible
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
    if view.champions_activity:
        followed = "; ".join(
            f"{c.name} ({c.department}) {'active' if c.active else 'not active'}, {c.posts} post(s)"
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

    def compose(self) -> ComposeResult:
        name = self.department.department if self.department else ""
        with VerticalScroll(classes="dialog"):
            yield Label(
                Text(f"Readiness for change: {visible(name)}" if name else "Readiness for change"),
                classes="dialog-title",
            )
            yield from field("Department", Input(name, id="department"))
            for element in ELEMENTS:
                yield from field(
                    f"{element.capitalize()} (1-5, {BARRIER} or below is a barrier)",
                    Input(id=element, type="integer", max_length=1),
                )
            yield from field("As of", Input(self.today.isoformat(), id="on"))
            yield from field("Note", Input(id="note"))
            yield from self.buttons("Record")

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        try:
            scores = {e: int(self.query_one(f"#{e}", Input).value) for e in ELEMENTS}
            on_day = dt.date.fromisoformat(self.query_one("#on", Input).value.strip())
        except ValueError:
            self.show_error("Five scores from 1 to 5, and a date YYYY-MM-DD")
            return
        self.finish(
            {
                "department": self.query_one("#department", Input).value,
                "scores": scores,
                "on": on_day,
                "note": self.query_one("#note", Input).value,
            }
        )
