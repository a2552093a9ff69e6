"""A champion for a department (``planner training champion``): a role or initials, and
optionally the account whose own activity reports follow (pseudonymised at once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Input

from planner.domain.rollout import Champion
from planner.services.rollout import add_champion
from planner.tui.screens.forms import _Form, field
from planner.tui.screens.records.common import planner_of, push


class ChampionForm(_Form):
    OK = "Add"

    def __init__(self, department: str = "") -> None:
        super().__init__()
        self.department = department

    def dialog_title(self) -> str:
        return "New champion"

    def body(self) -> ComposeResult:
        yield from field("Department", Input(self.department, id="department"))
        yield from field(
            "Champion (a role or initials)", Input(placeholder="e.g. Sales lead", id="name")
        )
        yield from field(
            "Account in activity reports (optional)",
            Input(placeholder="pseudonymised at once, never stored", id="account"),
        )

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        errors: dict[str | None, str] = {}
        department = self.read_text("department", errors, required=True)
        name = self.read_text("name", errors, required=True)
        account = self.read_text("account", errors)
        if errors:
            self.show_errors(errors)
            return
        self.finish({"department": department, "name": name, "account": account or None})


def open_champion_form(
    where: Any, plan: str | None, champion: Champion | None, on_saved: Callable[[], None]
) -> None:
    """Champions are named, not edited: ``champion`` only suggests its department."""
    planner = planner_of(where)

    def submit(values: dict[str, Any]) -> None:
        add_champion(
            planner.workspace,
            plan,
            values["department"],
            values["name"],
            account=values["account"],
            key=planner.pseudonym_key if values["account"] else None,
        )

    form = ChampionForm(champion.department if champion else "")
    push(
        where,
        form,
        submit,
        on_saved,
        lambda v: f"Champion for {v['department']}: {v['name']}",
        records=lambda v: [("champions", v["department"].strip())],  # its department's list
    )


open_champion_form.form_class = ChampionForm  # type: ignore[attr-defined]
