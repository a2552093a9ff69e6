"""Screen 5, Rollout & training: the year on one timeline, training progress per
department, and the social features being introduced into existing solutions."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button, DataTable, Input, Select, Static

from planner.domain.records.rollout import FeatureChanges
from planner.domain.rollout import FeatureStatus, Training
from planner.domain.text import visible
from planner.services.adoption import AdoptionView, adoption, assess
from planner.services.rollout import (
    Rollout,
    rollout,
    timeline,
    update_feature,
    update_training,
)
from planner.tui.screens import adoption as adoption_part
from planner.tui.screens.base import PlanScreen
from planner.tui.screens.forms import _Form, field
from planner.tui.widgets.cells import cell
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

    OK = "Record"

    def dialog_title(self) -> Text:
        t = self.training
        return Text(f"{visible(t.title)}: {t.trained}/{t.audience} trained")

    def body(self) -> ComposeResult:
        t = self.training
        yield from field("Trained so far", Input(str(t.trained), id="trained", type="integer"))
        yield Button(f"All {t.audience} trained (done)", id="done")
        yield from field("As of", Input(self.today, placeholder="YYYY-MM-DD", id="on"))

    @on(Button.Pressed, "#done")
    def all_trained(self) -> None:
        """Marking a milestone done is recording its whole audience as trained."""
        self.query_one("#trained", Input).value = str(self.training.audience)
        self.save()

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        errors: dict[str | None, str] = {}
        trained = self.read_whole("trained", errors, low=0)
        on_day = self.read_date("on", errors, required=True)
        if errors:
            self.show_errors(errors)
            return
        self.finish({"trained": trained, "on": on_day})


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
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "update_training", "Trained", tooltip="Record training progress"),
        Binding("s", "feature_status", "Feature", tooltip="Set a feature's status"),
        Binding("r", "readiness", "Readiness", tooltip="Record a department's ADKAR scores"),
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
                "and training, within the year. u records training · s sets a "
                "feature's status · r records a department's readiness (ADKAR)",
                classes="intro",
                markup=False,
            )
            yield Timeline(id="timeline")
            yield Static("Training", classes="section-title")
            yield DataTable(id="training", cursor_type="row", zebra_stripes=True)
            yield Static("", id="champions", classes="intro")
            yield Static("Adoption & readiness per department", classes="section-title")
            yield DataTable(id="adoption", cursor_type="row", zebra_stripes=True)
            yield Static("", id="adoption-actions", classes="intro")
            yield Static("Features", classes="section-title")
            yield DataTable(id="features", cursor_type="row", zebra_stripes=True)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#training", DataTable).add_columns(
            "Milestone", "Department", "Format", "Due", "Progress", "Trained"
        )
        self.query_one("#adoption", DataTable).add_columns(*adoption_part.COLUMNS)
        self.query_one("#features", DataTable).add_columns(
            "Feature", "Lands in", "Departments", "Due", "Owner", "Status"
        )
        self.query_one("#training", DataTable).focus()

    def refresh_data(self) -> None:
        if self.plan_name is None:
            return
        today = self.planner.today()
        start, rows = timeline(self.planner.workspace, self.plan_name, today)
        self.query_one(Timeline).show(rows, start, today)
        self.data = rollout(self.planner.workspace, self.plan_name)
        table = self.query_one("#training", DataTable)
        table.clear()
        for t in sorted(self.data.trainings, key=lambda t: (t.department, t.id)):
            late = t.late(today)
            table.add_row(
                cell(t.title, "bold red" if late else ""),
                cell(t.department),
                cell(t.format.value),
                cell(t.due.isoformat() if t.due else None, "bold red" if late else ""),
                _bar(t.completion),
                Text(f"{t.trained}/{t.audience}"),
                key=t.id,
            )
        champions = "; ".join(f"{c.department}: {c.name}" for c in self.data.champions)
        self.query_one("#champions", Static).update(
            Text(f"Champions — {visible(champions)}" if champions else "No champions named yet")
        )
        self.adoption = adoption(self.planner.workspace, self.plan_name, today)
        adoption_part.fill(self.query_one("#adoption", DataTable), self.adoption)
        self.query_one("#adoption-actions", Static).update(adoption_part.notes(self.adoption))
        features = self.query_one("#features", DataTable)
        features.clear()
        for f in self.data.features:
            late = f.late(today)
            features.add_row(
                cell(f.title, "bold red" if late else ""),
                cell(f.target_system),
                cell(f.departments),
                cell(f.due.isoformat() if f.due else None),
                cell(f.owner),
                cell(f.status.value + (" (late)" if late else ""), "bold red" if late else ""),
                key=f.id,
            )

    def action_update_training(self) -> None:
        table = self.query_one("#training", DataTable)
        if not table.row_count or self.data is None:
            return
        ordered = sorted(self.data.trainings, key=lambda t: (t.department, t.id))
        training = ordered[min(table.cursor_row, len(ordered) - 1)]

        workspace, plan = self.planner.workspace, self.plan_name

        def submit(fields: dict[str, Any]) -> None:
            update_training(workspace, plan, training.id, fields["trained"], fields["on"])

        form = TrainingUpdateForm(training, self.planner.today().isoformat())
        self.app.push_screen(form.submitting(submit))

    def action_readiness(self) -> None:
        table = self.query_one("#adoption", DataTable)
        chosen = None
        if self.adoption is not None and self.adoption.departments and table.row_count:
            departments = self.adoption.departments
            chosen = departments[min(table.cursor_row, len(departments) - 1)]
        workspace, plan = self.planner.workspace, self.plan_name

        def submit(fields: dict[str, Any]) -> None:
            assess(workspace, plan, fields["department"], fields["scores"], fields["on"],
                   fields["note"])  # fmt: skip

        form = adoption_part.ReadinessForm(chosen, self.planner.today())
        self.app.push_screen(form.submitting(submit))

    def action_feature_status(self) -> None:
        table = self.query_one("#features", DataTable)
        if not table.row_count or self.data is None:
            return
        feature = self.data.features[min(table.cursor_row, len(self.data.features) - 1)]

        planner, plan = self.planner, self.plan_name

        def submit(fields: dict[str, Any]) -> None:
            update_feature(
                planner.workspace, planner.catalog, plan, feature.id, FeatureChanges(**fields)
            )

        form = FeatureStatusForm(feature.title, feature.status)
        self.app.push_screen(form.submitting(submit))
