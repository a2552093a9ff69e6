"""Attach an activity report (Viva Engage, Teams, SharePoint, Slack or a generic CSV) to a
pilot or an adopted product: the options of ``planner pilot activity`` and ``rollout
activity`` (file, format, staff directory, as-of day, period, encoding)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input, Select

from planner.domain.pilots import Pilot
from planner.services.activity import activity_formats, pilot_activity, product_activity
from planner.services.pilots import list_pilots
from planner.services.undo import ACTIVITY
from planner.tui.screens.forms import _Form, field
from planner.tui.screens.import_dialog import ENCODINGS, PathSuggester
from planner.tui.screens.records.common import planner_of, push


class ActivityForm(_Form):
    WIDE = True
    OK = "Attach"

    def __init__(self, subjects: list[tuple[str, str]], chosen: str | None) -> None:
        super().__init__()
        self.subjects, self.chosen = subjects, chosen

    def dialog_title(self) -> str:
        return "Attach an activity report"

    def body(self) -> ComposeResult:
        yield from field(
            "For",
            Select(
                [(Text(label), key) for key, label in self.subjects],
                value=self.chosen if self.chosen else Select.NULL,
                prompt="a pilot or an adopted product",
                id="subject",
            ),
        )
        yield from field(
            "Report file (CSV)",
            Input(
                placeholder="e.g. reports/viva-2027-03.csv", id="path", suggester=PathSuggester()
            ),
        )
        yield from field(
            "Format",
            Select(
                [(Text(label), name) for name, label in activity_formats()],
                prompt="guess from the header",
                id="format",
            ),
        )
        yield from field(
            "Staff directory (optional)",
            Input(
                placeholder="a CSV of user, department", id="directory", suggester=PathSuggester()
            ),
        )
        yield from field(
            "As of (for layouts without a day)", Input(placeholder="YYYY-MM-DD", id="as_of")
        )
        yield from field(
            "Days covered (for layouts without a period)",
            Input(placeholder="default 30", id="period_days", type="integer"),
        )
        yield from field(
            "Encoding",
            Select([(name, name) for name in ENCODINGS], prompt="detect", id="encoding"),
        )

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        errors: dict[str | None, str] = {}
        subject = self.read_choice("subject", errors)
        path = self.read_text("path", errors, required=True)
        directory = self.read_text("directory", errors)
        for name, text in (("path", path), ("directory", directory)):
            if text and not Path(text).expanduser().is_file():
                errors[name] = "no such file"
        as_of = self.read_date("as_of", errors)
        period = self.read_whole("period_days", errors, 1, 366, required=False)
        if errors:
            self.show_errors(errors)
            return
        self.finish(
            {
                "subject": subject,
                "path": Path(path).expanduser(),
                "format": self.read_choice("format", errors, required=False),
                "directory": Path(directory).expanduser() if directory else None,
                "as_of": as_of,
                "period_days": period,
                "encoding": self.read_choice("encoding", errors, required=False),
            }
        )


def subjects(pilots: list[Pilot]) -> list[tuple[str, str]]:
    """What a report can be attached to: each pilot, and each product a pilot adopted."""
    out = [(f"pilot:{p.id}", f"Pilot: {p.title}") for p in pilots]
    adopted = sorted(
        {p.product for p in pilots if p.decision is not None and p.decision == "adopt"}
    )
    out += [(f"product:{product}", f"Adopted product: {product}") for product in adopted]
    return out


def open_activity_form(
    where: Any, plan: str | None, subject: str | None, on_saved: Callable[[], None]
) -> None:
    """``subject``: "pilot:ID" or "product:ID" to preselect, or None."""
    planner = planner_of(where)
    choices = subjects(list_pilots(planner.workspace, plan))

    said: list[str] = []  # what the report gave, for the toast

    def submit(values: dict[str, Any]) -> None:
        kind, _, target = str(values["subject"]).partition(":")
        attach = pilot_activity if kind == "pilot" else product_activity
        result = attach(
            planner.workspace,
            planner.pseudonym_key,
            plan,
            target,
            values["path"],
            values["format"],
            encoding=values["encoding"],
            as_of=values["as_of"],
            period_days=values["period_days"],
            directory=values["directory"],
        )
        if result.duplicate:
            said.append(f"{values['path'].name}: already attached to {result.subject}; "
                        "counted once")  # fmt: skip
            return
        kpis = ", ".join(f"{k} {v:g}" for k, v in result.kpis.items()) or "no KPI"
        said.append(f"{values['path'].name}: as of {result.as_of}: {kpis}")

    def touched(values: dict[str, Any]) -> list[tuple[str, str]]:
        """The report's subject's reports, and a pilot's measurements."""
        kind, _, target = str(values["subject"]).partition(":")
        pilot = [("pilots", target)] if kind == "pilot" else []
        return [(ACTIVITY, str(values["subject"])), *pilot]

    form = ActivityForm(choices, subject)
    push(where, form, submit, on_saved, lambda v: said[-1], records=touched)


open_activity_form.form_class = ActivityForm  # type: ignore[attr-defined]
