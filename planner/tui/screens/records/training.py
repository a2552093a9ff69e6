"""A training milestone: add one (title and the shown fields of ``TRAINING_FIELDS``, the
same as ``planner training add``), and record its progress (``training update``), where
"done" is the whole audience trained."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input

from planner.domain.rollout import TRAINING_FIELDS, Training
from planner.domain.text import visible
from planner.services.rollout import add_training, update_training
from planner.tui.screens.dialog import FormErrors
from planner.tui.screens.forms import _Form, field
from planner.tui.screens.record_fields import field_inputs, field_values
from planner.tui.screens.records.common import planner_of, push


class TrainingForm(_Form):
    """A new training milestone."""

    WIDE = True
    OK = "Add"

    def dialog_title(self) -> str:
        return "New training milestone"

    def body(self) -> ComposeResult:
        yield from field("Title", Input(placeholder="e.g. Sales workshops", id="title"))
        yield from field_inputs(TRAINING_FIELDS, {})

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        errors: dict[str | None, str] = {}
        title = self.read_text("title", errors, required=True)
        try:
            values = field_values(self, TRAINING_FIELDS)
        except FormErrors as exc:
            errors.update(exc.errors)
            values = {}
        if not errors and values.get("audience", 0) <= 0:
            errors["audience"] = "at least 1"
        if errors:
            self.show_errors(errors)
            return
        self.finish({"title": title, **values})


class TrainingUpdateForm(_Form):
    """How many of the milestone's audience are trained so far, as of a day."""

    OK = "Record"

    def __init__(self, training: Training, today: str) -> None:
        super().__init__()
        self.training, self.today = training, today

    def dialog_title(self) -> Text:
        t = self.training
        return Text(f"{visible(t.title)}: {t.trained}/{t.audience} trained")

    def body(self) -> ComposeResult:
        t = self.training
        yield from field("Trained so far", Input(str(t.trained), id="trained", type="integer"))
        yield Button(f"Mark done: all {t.audience} trained", id="done")
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


def open_training_form(
    where: Any, plan: str | None, training: Training | None, on_saved: Callable[[], None]
) -> None:
    """A new milestone (``training`` None), or the progress of ``training``."""
    planner = planner_of(where)
    if training is None:

        def add(values: dict[str, Any]) -> None:
            values = dict(values)
            add_training(
                planner.workspace,
                plan,
                values.pop("title"),
                values.pop("department"),
                values.pop("audience"),
                format=values.pop("format") or "workshop",
                **values,
            )

        push(
            where,
            TrainingForm(),
            add,
            on_saved,
            lambda v: f"Training milestone added: {v['title']}",
            adds=["training"],
        )
        return
    current = training

    def record(values: dict[str, Any]) -> None:
        update_training(planner.workspace, plan, current.id, values["trained"], values["on"])

    form = TrainingUpdateForm(current, planner.today().isoformat())
    push(
        where,
        form,
        record,
        on_saved,
        lambda v: f"{current.title}: {v['trained']}/{current.audience} trained",
        records=[("training", current.id)],
    )


open_training_form.form_class = TrainingForm  # type: ignore[attr-defined]
