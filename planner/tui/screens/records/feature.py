"""A social feature introduced into an existing solution: added or changed with the fields
``FEATURE_FIELDS`` shows (the same as ``planner feature add`` and ``feature set``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input

from planner.domain.records.rollout import FeatureChanges
from planner.domain.rollout import FEATURE_FIELDS, Feature
from planner.domain.text import visible
from planner.services.rollout import add_feature, update_feature
from planner.tui.screens.dialog import REQUIRED, FormErrors
from planner.tui.screens.forms import _Form
from planner.tui.screens.record_fields import field_inputs, field_values
from planner.tui.screens.records.common import planner_of, push


def _shown(feature: Feature | None) -> dict[str, str]:
    if feature is None:
        return {}
    return {
        "title": feature.title,
        "product": feature.product or "",
        "target_system": feature.target_system,
        "departments": ", ".join(feature.departments),
        "due": feature.due.isoformat() if feature.due else "",
        "owner": feature.owner or "",
        "status": feature.status.value,
    }


class FeatureForm(_Form):
    WIDE = True

    def __init__(self, feature: Feature | None) -> None:
        super().__init__()
        self.feature = feature
        self.OK = "Save" if feature else "Add"  # type: ignore[misc]

    def dialog_title(self) -> Text:
        if self.feature is None:
            return Text("New feature")
        return Text(f"Feature: {visible(self.feature.title)}")

    def body(self) -> ComposeResult:
        yield from field_inputs(FEATURE_FIELDS, _shown(self.feature))

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        try:
            values = field_values(self, FEATURE_FIELDS)
        except FormErrors as exc:
            self.show_errors(exc.errors)
            return
        if not values.get("title", "").strip():
            self.show_errors({"title": REQUIRED})
            return
        self.finish(values)


def open_feature_form(
    where: Any, plan: str | None, feature: Feature | None, on_saved: Callable[[], None]
) -> None:
    planner = planner_of(where)

    def submit(values: dict[str, Any]) -> None:
        values = dict(values)
        if feature is None:
            title = values.pop("title")
            add_feature(planner.workspace, planner.catalog, plan, title, FeatureChanges(**values))
        else:
            update_feature(
                planner.workspace, planner.catalog, plan, feature.id, FeatureChanges(**values)
            )

    push(
        where,
        FeatureForm(feature),
        submit,
        on_saved,
        lambda v: f"Feature {'saved' if feature else 'added'}: {v['title']}",
        records=[("features", feature.id)] if feature else (),
        adds=() if feature else ["features"],
    )


open_feature_form.form_class = FeatureForm  # type: ignore[attr-defined]
