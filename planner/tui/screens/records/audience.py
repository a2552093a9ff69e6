"""An audience the plan must reach (``planner audience add|set``), in a form built from its
shown fields (``AUDIENCE_FIELDS``): a field added there is in the form with no change
here. The service checks every value, so the form and the CLI say the same words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input

from planner.domain.audiences import AUDIENCE_FIELDS, Audience
from planner.domain.text import visible
from planner.services.audiences import add_audience, update_audience
from planner.tui.screens.dialog import FormErrors
from planner.tui.screens.forms import _Form, field
from planner.tui.screens.record_fields import field_inputs, field_values
from planner.tui.screens.records.common import planner_of, push


def _shown(audience: Audience | None) -> dict[str, str]:
    if audience is None:
        return {"email": "true"}  # a new audience has a mailbox unless told otherwise
    return {
        "people": str(audience.people),
        "frontline": "true" if audience.frontline else "",
        "email": "true" if audience.email else "",
        "shared_devices": "true" if audience.shared_devices else "",
        "languages": ", ".join(audience.languages),
        "notes": audience.notes,
    }


class AudienceForm(_Form):
    WIDE = True

    def __init__(self, audience: Audience | None) -> None:
        super().__init__()
        self.audience = audience
        self.OK = "Save" if audience else "Add"  # type: ignore[misc]

    def dialog_title(self) -> Text:
        if self.audience is None:
            return Text("New audience")
        return Text(f"Audience: {visible(self.audience.name)}")

    def body(self) -> ComposeResult:
        name = self.audience.name if self.audience else ""
        yield from field(
            "Name", Input(name, placeholder="e.g. Shop floor (who must be reached)", id="name")
        )
        yield from field_inputs(AUDIENCE_FIELDS, _shown(self.audience))

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        errors: dict[str | None, str] = {}
        name = self.read_text("name", errors, required=True)
        try:
            values = field_values(self, AUDIENCE_FIELDS)
        except FormErrors as exc:
            errors.update(exc.errors)
            values = {}
        if errors:
            self.show_errors(errors)
            return
        values["notes"] = values.get("notes") or ""
        self.finish({"name": name, **values})


def open_audience_form(
    where: Any, plan: str | None, audience: Audience | None, on_saved: Callable[[], None]
) -> None:
    """Add an audience (``audience`` None) or change one, through the CLI's services."""
    from planner.domain.records.audience import AudienceChanges

    planner = planner_of(where)

    def submit(values: dict[str, Any]) -> None:
        values = dict(values)
        if audience is None:
            name = values.pop("name")
            add_audience(planner.workspace, plan, name, values)
        else:
            # Unvalidated here: the service checks every value and names the field in the
            # CLI's words (a pydantic error would name the model's pattern instead).
            changes = AudienceChanges.model_construct(**values)
            update_audience(planner.workspace, plan, audience.id, changes)

    push(
        where,
        AudienceForm(audience),
        submit,
        on_saved,
        lambda v: f"Audience {'saved' if audience else 'added'}: {v['name']}",
        records=[("audiences", audience.id)] if audience else (),
        adds=() if audience else ["audiences"],
    )


open_audience_form.form_class = AudienceForm  # type: ignore[attr-defined]
