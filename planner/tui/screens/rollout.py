"""Screen 5, Rollout & training: the year on one timeline, training progress per
department, and the social features being introduced into existing solutions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button, Select, Static

from planner.domain.rollout import Champion, FeatureStatus
from planner.domain.text import visible
from planner.services.adoption import AdoptionView, adoption
from planner.services.rollout import Rollout, rollout, timeline
from planner.tui.record_forms import OPENERS
from planner.tui.screens import adoption as adoption_part
from planner.tui.screens.base import PlanScreen
from planner.tui.screens.forms import _Form, field
from planner.tui.widgets.cells import cell
from planner.tui.widgets.record_table import RecordTable
from planner.tui.widgets.table_columns import Col
from planner.tui.widgets.timeline import Timeline


def _bar(done: float, width: int = 10) -> Text:
    filled = round(done * width)
    text = Text("█" * filled, style="green" if done >= 1 else "dodger_blue2")
    text.append("░" * (width - filled), style="grey58")
    return text


class FeatureStatusForm(_Form):
    def __init__(self, title: str, status: FeatureStatus) -> None:
        super().__init__()
        self.title_text, self.status = title, status

    def dialog_title(self) -> Text:
        return Text(visible(self.title_text))

    def body(self) -> ComposeResult:
        yield from field(
            "Status",
            Select(
                [(s.value, s.value) for s in FeatureStatus],
                value=self.status.value,
                allow_blank=False,
                id="status",
            ),
        )

    @on(Button.Pressed, "#ok")
    def save(self) -> None:
        self.finish({"status": str(self.query_one("#status", Select).value)})


class RolloutScreen(PlanScreen):
    """Three tables, each with its own keys: the one with focus is the one acted on (a
    key never reaches a table below the fold); c and v are the screen's own."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "champion", "Champion", tooltip="Name a champion for a department"),
        Binding("v", "activity", "Activity", tooltip="Attach an activity report"),
    ]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Record training progress", "Enter on Training", "on_table('training')"),
        ("Record a department's ADKAR readiness", "Enter on Adoption", "on_table('adoption')"),
        ("Set a feature's status", "Enter on Features", "on_table('features')"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: Rollout | None = None
        self.adoption: AdoptionView | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalScroll(id="rollout"):
            yield Static(
                "Phase 3 — Introduce & train: social features into existing solutions "
                "and training, within the year. Tab moves between the tables; a adds to "
                "the focused one; Enter on a milestone records training, on a department "
                "its readiness (ADKAR: awareness, desire, knowledge, ability, "
                "reinforcement), on a feature its status; c names a champion; v attaches "
                "an activity report.",
                classes="intro",
                markup=False,
            )
            yield Timeline(id="timeline")
            yield Static("Training", classes="section-title")
            yield RecordTable("training", id="training")
            yield Static("", id="champions", classes="intro")
            yield Static("Adoption & readiness per department", classes="section-title")
            yield RecordTable(
                "readiness",
                id="adoption",
                bindings=[Binding("r", "open_row", "Readiness", show=False)],
            )
            yield Static("", id="adoption-actions", classes="intro")
            yield Static("Features", classes="section-title")
            yield RecordTable("feature", id="features")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#training", RecordTable).set_columns(
            [Col("Milestone", minimum=12), "Department", "Format", "Due", "Progress", "Trained"]
        )
        self.query_one("#adoption", RecordTable).set_columns(list(adoption_part.COLUMNS))
        self.query_one("#features", RecordTable).set_columns(
            [Col("Feature", minimum=12), "Lands in", "Departments", "Due", "Owner",
             Col("Status", minimum=12)]
        )  # fmt: skip
        self.query_one("#training", RecordTable).focus()

    def refresh_data(self) -> None:
        if self.plan_name is not None:
            self.load(partial(self._read, self.plan_name), "Reading a large plan's rollout…")

    def _read(self, plan: str, show: Callable[..., None]) -> None:
        """The training and features first (the tables), then the timeline, then adoption:
        each shown as soon as it is read (off the UI thread on a large plan)."""
        ws, today = self.planner.workspace, self.planner.today()
        show(self._show_rollout, rollout(ws, plan), today)
        start, rows = timeline(ws, plan, today, self.planner.catalog)
        show(lambda: self.query_one(Timeline).show(rows, start, today))
        show(self._show_adoption, adoption(ws, plan, today))

    def _show_rollout(self, data: Rollout, today: dt.date) -> None:
        self.data = data
        training = []
        for t in sorted(data.trainings, key=lambda t: (t.department, t.id)):
            late = t.late(today)
            training.append((t.id, [
                cell(t.title, "bold red" if late else ""),
                cell(t.department),
                cell(t.format.value),
                cell(t.due.isoformat() if t.due else None, "bold red" if late else ""),
                _bar(t.completion),
                Text(f"{t.trained}/{t.audience}"),
            ]))  # fmt: skip
        self.query_one("#training", RecordTable).set_rows(training)
        champions = "; ".join(f"{c.department}: {c.name}" for c in data.champions)
        self.query_one("#champions", Static).update(
            Text(f"Champions — {visible(champions)}" if champions else "No champions named yet")
        )
        features = []
        for f in data.features:
            late = f.late(today)
            features.append((f.id, [
                cell(f.title, "bold red" if late else ""),
                cell(f.target_system),
                cell(f.departments),
                cell(f.due.isoformat() if f.due else None),
                cell(f.owner),
                cell(f.status.value + (" (late)" if late else ""), "bold red" if late else ""),
            ]))  # fmt: skip
        self.query_one("#features", RecordTable).set_rows(features)

    def _show_adoption(self, view: AdoptionView) -> None:
        self.adoption = view
        self.query_one("#adoption", RecordTable).set_rows(adoption_part.rows(view))
        self.query_one("#adoption-actions", Static).update(adoption_part.notes(view))

    def _department_name(self) -> str | None:
        key = self.query_one("#adoption", RecordTable).current_key
        return key if isinstance(key, str) else None

    def action_champion(self) -> None:
        department = self._department_name()
        suggested = Champion(department, "") if department else None
        OPENERS["champion"](self, self.plan_name, suggested, self.reload)

    def action_activity(self) -> None:
        OPENERS["activity"](self, self.plan_name, None, self.reload)
