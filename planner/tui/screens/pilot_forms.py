"""Forms of the Pilots step: new pilot, measurement, decision, status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from planner.domain.pilots import KPIS, PILOT_FIELDS, TRANSITIONS, Decision, Pilot
from planner.domain.text import visible
from planner.tui.screens.forms import _Form, field
from planner.tui.screens.record_fields import field_inputs, field_values, read_date
from planner.tui.widgets.pilot_kpis import kpi_table


class NewPilotForm(_Form):
    def __init__(self, product_id: str, product_name: str) -> None:
        super().__init__()
        self.product_id, self.product_name = product_id, product_name

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Label(Text(f"New pilot of {visible(self.product_name)}"), classes="dialog-title")
            yield from field_inputs(PILOT_FIELDS, {"title": f"{self.product_name} pilot"})
            yield from field(
                "Success criteria",
                Input(
                    "weekly-active-pct=60, satisfaction-score=4",
                    placeholder="kpi=target, …",
                    id="kpis",
                ),
            )
            yield Label(Text("KPIs: " + ", ".join(KPIS), style="dim"))
            yield from self.buttons("Create")

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        try:
            result: dict[str, Any] = field_values(self, PILOT_FIELDS)
        except ValueError as exc:
            self.show_error(str(exc))
            return
        kpis = self.query_one("#kpis", Input).value
        result["kpis"] = [k for k in kpis.split(",") if k.strip()]
        self.finish(result)


class MeasureForm(_Form):
    def __init__(self, pilot: Pilot, today: dt.date) -> None:
        super().__init__()
        self.pilot, self.today = pilot, today

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label(Text(f"Measure: {visible(self.pilot.title)}"), classes="dialog-title")
            yield from field(
                "KPI",
                Select([(k.kpi, k.kpi) for k in self.pilot.criteria], prompt="choose", id="kpi"),
            )
            yield from field("Value", Input(id="value", type="number"))
            yield from field(
                "Measured on", Input(self.today.isoformat(), placeholder="YYYY-MM-DD", id="on")
            )
            yield from self.buttons("Record")

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        kpi = self.query_one("#kpi", Select).value
        if kpi is Select.NULL:
            self.show_error("Choose a KPI")
            return
        try:
            value = float(self.query_one("#value", Input).value)
            on_day = read_date(self.query_one("#on", Input).value, "date") or self.today
        except ValueError as exc:
            self.show_error(str(exc) if "expected" in str(exc) else "The value must be a number")
            return
        self.finish({"kpi": str(kpi), "value": value, "on": on_day})


class DecideForm(_Form):
    def __init__(self, pilot: Pilot) -> None:
        super().__init__()
        self.pilot = pilot

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label(Text(f"Decide: {visible(self.pilot.title)}"), classes="dialog-title")
            yield Static(kpi_table(self.pilot, title=False), id="decide-kpis")
            yield from field(
                "Decision",
                Select([(d.value, d.value) for d in Decision], prompt="choose", id="decision"),
            )
            yield from field("Rationale", Input(id="rationale"))
            yield from field("New end (to extend)", Input(placeholder="YYYY-MM-DD", id="end"))
            yield from self.buttons("Decide")

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        decision = self.query_one("#decision", Select).value
        if decision is Select.NULL:
            self.show_error("Choose a decision")
            return
        try:
            end = read_date(self.query_one("#end", Input).value, "new end")
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.finish(
            {
                "decision": str(decision),
                "rationale": self.query_one("#rationale", Input).value,
                "new_end": end,
            }
        )


class StatusForm(_Form):
    def __init__(self, pilot: Pilot) -> None:
        super().__init__()
        self.pilot = pilot

    def compose(self) -> ComposeResult:
        allowed = sorted(TRANSITIONS[self.pilot.status])
        with VerticalScroll(classes="dialog"):
            yield Label(
                Text(f"{visible(self.pilot.title)}: {self.pilot.status.value} →"),
                classes="dialog-title",
            )
            yield from field(
                "New status",
                Select([(s.value, s.value) for s in allowed], prompt="choose", id="status"),
            )
            yield from self.buttons("Move")

    @on(Button.Pressed, "#ok")
    def save(self) -> None:
        status = self.query_one("#status", Select).value
        if status is Select.NULL:
            self.show_error("Choose a status (a closed pilot has none)")
            return
        self.finish({"status": str(status)})
