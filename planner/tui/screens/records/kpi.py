"""A pilot's KPIs: their targets (``planner pilot set --kpi``) and dated measurements
(``pilot measure``). A closed pilot is refused before the measurement form opens, not
after it was filled in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input

from planner.domain.pilots import KPIS, Kpi, Pilot
from planner.domain.text import visible
from planner.services.pilots import measure, update_pilot
from planner.tui.screens.forms import _Form, field
from planner.tui.screens.pilot_forms import MeasureForm
from planner.tui.screens.records.common import app_of, planner_of, push


class KpiForm(_Form):
    """One target per KPI the pilot tracks; a blank target stops tracking it."""

    WIDE = True

    def __init__(self, pilot: Pilot) -> None:
        super().__init__()
        self.pilot = pilot

    def dialog_title(self) -> Text:
        return Text(f"Success criteria: {visible(self.pilot.title)}")

    def body(self) -> ComposeResult:
        targets = {k.kpi: k.target for k in self.pilot.criteria}
        for kpi, label in KPIS.items():
            value = targets.get(kpi)
            yield from field(
                f"{label} ({kpi})",
                Input(
                    f"{value:g}" if value is not None else "",
                    placeholder="target (blank: not tracked)",
                    id=kpi,
                ),
            )

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        errors: dict[str | None, str] = {}
        kpis = []
        for kpi in KPIS:
            if self.text_of(kpi).strip():
                value = self.read_number(kpi, errors)
                if value is not None:
                    kpis.append(Kpi(kpi, float(value)))
        if errors:
            self.show_errors(errors)
            return
        self.finish({"kpis": kpis})


def open_kpi_form(
    where: Any, plan: str | None, pilot: Pilot | None, on_saved: Callable[[], None]
) -> None:
    if pilot is None:
        app_of(where).notify("Highlight a pilot first", severity="warning")
        return
    planner = planner_of(where)

    def submit(values: dict[str, Any]) -> None:
        update_pilot(planner.workspace, plan, pilot.id, criteria=values["kpis"])

    push(
        where,
        KpiForm(pilot),
        submit,
        on_saved,
        f"Success criteria saved: {pilot.title}",
        records=[("pilots", pilot.id)],
    )


def measurement_refused(pilot: Pilot) -> str | None:
    """Why ``pilot`` cannot be measured now (None: it can), known before any form opens."""
    if pilot.closed:
        return f"{pilot.title} is closed ({pilot.decision}): it takes no more measurements"
    if not pilot.criteria:
        return f"{pilot.title} tracks no KPI yet: set its success criteria first (k)"
    return None


def open_measurement_form(
    where: Any, plan: str | None, pilot: Pilot | None, on_saved: Callable[[], None]
) -> None:
    app = app_of(where)
    if pilot is None:
        app.notify("Highlight a pilot first", severity="warning")
        return
    refused = measurement_refused(pilot)
    if refused is not None:
        app.notify(refused, severity="error")
        return
    planner = planner_of(where)

    def submit(values: dict[str, Any]) -> None:
        measure(planner.workspace, plan, pilot.id, **values)

    form = MeasureForm(pilot, planner.today())
    push(
        where,
        form,
        submit,
        on_saved,
        lambda v: f"{pilot.title}: {v['kpi']} = {v['value']:g}",
        records=[("pilots", pilot.id)],
    )


open_kpi_form.form_class = KpiForm  # type: ignore[attr-defined]
open_measurement_form.form_class = MeasureForm  # type: ignore[attr-defined]
