"""The organisation profile (``planner plan set --suites … --countries …``), in a form
opened from the dashboard (``o``).

The suites the organisation licenses, with their tiers, decide suite fit and which
licences are already paid; the countries where it employs people decide residency and
works-council questions. The form reads the same comma-separated text as the CLI's
options and saves through the same service, so a wrong tier or country gets the CLI's
words, shown beside the field it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input, Label

from planner.domain.plan import Plan
from planner.tui.screens.forms import _Form, field
from planner.tui.screens.records.common import planner_of, push


def _items(text: str) -> list[str]:
    """'a, b,,c' → ['a', 'b', 'c']: the CLI's reading of a comma-separated option."""
    return [v.strip() for v in text.split(",") if v.strip()]


class ProfileForm(_Form):
    WIDE = True
    OK = "Save"

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan

    def dialog_title(self) -> str:
        return "Organisation profile"

    def body(self) -> ComposeResult:
        yield Label(
            "Suites licensed and countries of staff: suite fit and licences already paid.",
            markup=False,
            classes="intro",
        )
        yield from field(
            "Suites, each with its tier where known (empty: none)",
            Input(
                ", ".join(self.plan.suites),
                placeholder="e.g. google-workspace:business-standard, microsoft-365:E3",
                id="suites",
            ),
        )
        yield from field(
            "Countries, ISO 3166-1 alpha-2 codes (empty: none)",
            Input(", ".join(self.plan.countries), placeholder="e.g. DE, US", id="countries"),
        )

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        self.finish(
            {
                "suites": _items(self.query_one("#suites", Input).value),
                "countries": _items(self.query_one("#countries", Input).value),
            }
        )


def open_profile_form(where: Any, plan: Plan, on_saved: Callable[[], None]) -> None:
    """Edit the plan's suites and countries through ``update_plan`` (as ``plan set``)."""
    from functools import partial

    from planner.services.plans import get_plan, update_plan

    planner = planner_of(where)

    def restore() -> Callable[[], object]:  # the profile as it is before the save
        now = get_plan(planner.workspace, plan.name)
        return partial(
            update_plan, planner.workspace, plan.name, suites=now.suites, countries=now.countries
        )

    def submit(values: dict[str, Any]) -> None:
        update_plan(planner.workspace, plan.name, **values)

    def saved(values: dict[str, Any]) -> str:
        suites = ", ".join(values["suites"]) or "no suite"
        countries = ", ".join(values["countries"]) or "no country"
        return f"Organisation profile saved: {suites}; {countries}"

    push(where, ProfileForm(plan), submit, on_saved, saved, restore=restore)
