"""Forms of the Pilots step: new pilot, measurement, decision, status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input, Label, Select, Static

from planner.domain.pilots import KPIS, PILOT_FIELDS, TRANSITIONS, Decision, Pilot
from planner.domain.text import visible
from planner.tui.screens.dialog import FormErrors
from planner.tui.screens.forms import _Form, field
from planner.tui.screens.record_fields import field_inputs, field_values
from planner.tui.widgets.pilot_kpis import kpi_table


class NewPilotForm(_Form):
    def __init__(self, product_id: str, product_name: str) -> None:
        super().__init__()
        self.product_id, self.product_name = product_id, product_name

    WIDE = True
    OK = "Create"

    def dialog_title(self) -> Text:
        return Text(f"New pilot of {visible(self.product_name)}")

    def body(self) -> ComposeResult:
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

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        try:
            result: dict[str, Any] = field_values(self, PILOT_FIELDS)
        except FormErrors as exc:
            self.show_errors(exc.errors)
            return
        kpis = self.query_one("#kpis", Input).value
        result["kpis"] = [k for k in kpis.split(",") if k.strip()]
        self.finish(result)


class MeasureForm(_Form):
    def __init__(self, pilot: Pilot, today: dt.date) -> None:
        super().__init__()
        self.pilot, self.today = pilot, today

    OK = "Record"

    def dialog_title(self) -> Text:
        return Text(f"Measure: {visible(self.pilot.title)}")

    def body(self) -> ComposeResult:
        yield from field(
            "KPI",
            Select([(k.kpi, k.kpi) for k in self.pilot.criteria], prompt="choose", id="kpi"),
        )
        yield from field("Value", Input(id="value", type="number"))
        yield from field(
            "Measured on", Input(self.today.isoformat(), placeholder="YYYY-MM-DD", id="on")
        )

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        errors: dict[str | None, str] = {}
        kpi = self.read_choice("kpi", errors)
        value = self.read_number("value", errors)
        on_day = self.read_date("on", errors) or self.today
        if errors or kpi is None or value is None:
            self.show_errors(errors)
            return
        self.finish({"kpi": kpi, "value": float(value), "on": on_day})


class DecideForm(_Form):
    def __init__(self, pilot: Pilot) -> None:
        super().__init__()
        self.pilot = pilot

    OK = "Decide"

    def dialog_title(self) -> Text:
        return Text(f"Decide: {visible(self.pilot.title)}")

    def body(self) -> ComposeResult:
        yield Static(kpi_table(self.pilot, title=False), id="decide-kpis")
        yield from field(
            "Decision",
            Select([(d.value, d.value) for d in Decision], prompt="choose", id="decision"),
        )
        yield from field("Rationale", Input(id="rationale"))
        yield from field("New end (to extend)", Input(placeholder="YYYY-MM-DD", id="end"))

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        errors: dict[str | None, str] = {}
        decision = self.read_choice("decision", errors)
        end = self.read_date("end", errors)
        if errors:
            self.show_errors(errors)
            return
        self.finish(
            {
                "decision": decision,
                "rationale": self.query_one("#rationale", Input).value,
                "new_end": end,
            }
        )


class StatusForm(_Form):
    OK = "Move"

    def __init__(self, pilot: Pilot) -> None:
        super().__init__()
        self.pilot = pilot

    def dialog_title(self) -> Text:
        return Text(f"{visible(self.pilot.title)}: {self.pilot.status.value} →")

    def body(self) -> ComposeResult:
        allowed = sorted(TRANSITIONS[self.pilot.status])
        yield from field(
            "New status",
            Select([(s.value, s.value) for s in allowed], prompt="choose", id="status"),
        )

    @on(Button.Pressed, "#ok")
    def save(self) -> None:
        status = self.query_one("#status", Select).value
        if status is Select.NULL:
            self.show_error("choose one", "status")
            return
        self.finish({"status": str(status)})
