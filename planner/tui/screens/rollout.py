"""Screen 5, Rollout & training: the year on one timeline, training progress per
department, and the social features being introduced into existing solutions."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button, DataTable, Select, Static

from planner.domain.records.rollout import FeatureChanges
from planner.domain.rollout import Champion, Feature, FeatureStatus, Training
from planner.domain.text import visible
from planner.services.adoption import AdoptionView, DepartmentAdoption, adoption
from planner.services.rollout import (
    Rollout,
    rollout,
    timeline,
    update_feature,
)
from planner.tui.record_forms import FORMS
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
        Binding("a", "add", "Add", tooltip="Add a record to the focused table"),
        Binding("e", "edit", "Edit", tooltip="Open the highlighted row of the focused table"),
        Binding("u", "update_training", "Trained", show=False, tooltip="Record training progress"),
        Binding("s", "feature_status", "Feature", show=False, tooltip="Set a feature's status"),
        Binding(
            "r", "readiness", "Readiness", show=False, tooltip="Record a department's ADKAR scores"
        ),
        Binding("c", "champion", "Champion", tooltip="Name a champion for a department"),
        Binding("v", "activity", "Activity", tooltip="Attach an activity report"),
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
                "and training, within the year. a adds to the focused table · Enter opens "
                "a row · u records training · c names a champion · v attaches an activity "
                "report · r records readiness (ADKAR: awareness, desire, knowledge, "
                "ability, reinforcement)",
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

    # The focused table decides what `a` adds and what Enter or `e` opens.
    def _focused_table(self) -> str:
        focused = self.app.focused
        if isinstance(focused, DataTable) and focused.id in ("training", "adoption", "features"):
            return focused.id
        return "training"

    def _training(self) -> Training | None:
        table = self.query_one("#training", DataTable)
        if not table.row_count or self.data is None:
            return None
        ordered = sorted(self.data.trainings, key=lambda t: (t.department, t.id))
        return ordered[min(table.cursor_row, len(ordered) - 1)]

    def _feature(self) -> Feature | None:
        table = self.query_one("#features", DataTable)
        if not table.row_count or self.data is None:
            return None
        return self.data.features[min(table.cursor_row, len(self.data.features) - 1)]

    def _department(self) -> DepartmentAdoption | None:
        table = self.query_one("#adoption", DataTable)
        if self.adoption is None or not self.adoption.departments or not table.row_count:
            return None
        departments = self.adoption.departments
        return departments[min(table.cursor_row, len(departments) - 1)]

    def action_add(self) -> None:
        kind = {"training": "training", "features": "feature", "adoption": "readiness"}
        FORMS[kind[self._focused_table()]](self, self.plan_name, None, self.reload)

    def action_edit(self) -> None:
        table = self._focused_table()
        if table == "training":
            if (training := self._training()) is not None:
                FORMS["training"](self, self.plan_name, training, self.reload)
        elif table == "features":
            if (feature := self._feature()) is not None:
                FORMS["feature"](self, self.plan_name, feature, self.reload)
        else:
            FORMS["readiness"](self, self.plan_name, self._department(), self.reload)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()

    def action_champion(self) -> None:
        department = self._department()
        suggested = Champion(department.department, "") if department else None
        FORMS["champion"](self, self.plan_name, suggested, self.reload)

    def action_activity(self) -> None:
        FORMS["activity"](self, self.plan_name, None, self.reload)

    def action_update_training(self) -> None:
        training = self._training()
        if training is not None:
            FORMS["training"](self, self.plan_name, training, self.reload)

    def action_readiness(self) -> None:
        FORMS["readiness"](self, self.plan_name, self._department(), self.reload)

    def action_feature_status(self) -> None:
        feature = self._feature()
        if feature is None:
            return
        planner, plan = self.planner, self.plan_name

        def submit(fields: dict[str, Any]) -> None:
            update_feature(
                planner.workspace, planner.catalog, plan, feature.id, FeatureChanges(**fields)
            )

        form = FeatureStatusForm(feature.title, feature.status)
        self.app.push_screen(form.submitting(submit))
