"""Screen 5, Rollout & training: the year on one timeline, training progress per
department, and the social features being introduced into existing solutions."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from planner.domain.rollout import FeatureStatus, Training
from planner.domain.text import visible
from planner.services.adoption import AdoptionView, adoption
from planner.services.rollout import Rollout, rollout, timeline
from planner.tui.screens import adoption as adoption_part
from planner.tui.screens.base import PlanScreen
from planner.tui.screens.forms import _Form, field
from planner.tui.widgets.cells import cell
from planner.tui.widgets.record_table import Col, RecordTable
from planner.tui.widgets.timeline import Timeline


def _bar(done: float, width: int = 10) -> Text:
    filled = round(done * width)
    text = Text("█" * filled, style="green" if done >= 1 else "dodger_blue2")
    text.append("░" * (width - filled), style="grey58")
    return text


class TrainingUpdateForm(_Form):
    def __init__(self, training: Training, today: str) -> None:
        super().__init__()
        self.training, self.today = training, today

    def compose(self) -> ComposeResult:
        t = self.training
        with VerticalScroll(classes="dialog"):
            yield Label(
                Text(f"{visible(t.title)}: {t.trained}/{t.audience} trained"),
                classes="dialog-title",
            )
            yield from field("Trained so far", Input(str(t.trained), id="trained", type="integer"))
            yield from field("As of", Input(self.today, placeholder="YYYY-MM-DD", id="on"))
            yield from self.buttons("Record")

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        import datetime as dt

        try:
            trained = int(self.query_one("#trained", Input).value)
            on_day = dt.date.fromisoformat(self.query_one("#on", Input).value.strip())
        except ValueError:
            self.show_error("A whole number, and a date YYYY-MM-DD")
            return
        self.finish({"trained": trained, "on": on_day})


class FeatureStatusForm(_Form):
    def __init__(self, title: str, status: FeatureStatus) -> None:
        super().__init__()
        self.title_text, self.status = title, status

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label(Text(visible(self.title_text)), classes="dialog-title")
            yield from field(
                "Status",
                Select(
                    [(s.value, s.value) for s in FeatureStatus],
                    value=self.status.value,
                    allow_blank=False,
                    id="status",
                ),
            )
            yield from self.buttons("Save")

    @on(Button.Pressed, "#ok")
    def save(self) -> None:
        self.finish({"status": str(self.query_one("#status", Select).value)})


class RolloutScreen(PlanScreen):
    """Three tables, each with its own keys: the one with focus is the one acted on (a
    key never reaches a table below the fold)."""

    BINDINGS: ClassVar[list[BindingType]] = []
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
                "and training, within the year. Tab moves between the tables; Enter on a "
                "milestone records training, on a department its readiness (ADKAR), on a "
                "feature its status.",
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
        if self.plan_name is None:
            return
        today = self.planner.today()
        start, rows = timeline(self.planner.workspace, self.plan_name, today)
        self.query_one(Timeline).show(rows, start, today)
        self.data = rollout(self.planner.workspace, self.plan_name)
        training = []
        for t in sorted(self.data.trainings, key=lambda t: (t.department, t.id)):
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
        champions = "; ".join(f"{c.department}: {c.name}" for c in self.data.champions)
        self.query_one("#champions", Static).update(
            Text(f"Champions — {visible(champions)}" if champions else "No champions named yet")
        )
        self.adoption = adoption(self.planner.workspace, self.plan_name, today)
        self.query_one("#adoption", RecordTable).set_rows(adoption_part.rows(self.adoption))
        self.query_one("#adoption-actions", Static).update(adoption_part.notes(self.adoption))
        features = []
        for f in self.data.features:
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
