"""The Inventory screen's Audiences tab: who the plan must reach, beside the tools they use.

An audience is an organisation-level fact the inventory is weighed against (how many
people a product reaches, which licences that takes), so it sits with the inventory, in a
compact table: ``a`` adds, Enter or ``e`` edits (the form registered in ``FORMS``), ``d``
deletes after asking. Rows are keyed by the audience's id, so the cursor follows a row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from planner.domain.audiences import Audience
from planner.domain.text import visible
from planner.services.audiences import delete_audience, list_audiences
from planner.tui.widgets.cells import cell

if TYPE_CHECKING:
    from planner.tui.screens.base import PlanScreen

    _Base = PlanScreen
else:
    _Base = object

TAB = "inv-audiences"
COLUMNS = ("Audience", "People", "Languages", "Works", "Notes")


class AudiencesTab(_Base):
    """Mixed into the Inventory screen (it supplies the workspace, plan and reload)."""

    audiences: list[Audience]

    def audience_columns(self) -> None:
        table = self.query_one("#audiences", DataTable)
        for column in COLUMNS:
            table.add_column(
                column,
                width={"Audience": 20, "Languages": 12, "Works": 24, "Notes": 30}.get(column),
            )

    def fill_audiences(self) -> None:
        self.audiences = list_audiences(self.planner.workspace, self.plan_name)
        table = self.query_one("#audiences", DataTable)
        table.clear()
        for a in self.audiences:
            table.add_row(
                cell(a.name),
                Text(f"{a.people:,}", justify="right"),
                cell(", ".join(a.languages)),
                cell(a.traits),
                cell(a.notes),
                key=a.id,
            )

    def _audience(self) -> Audience | None:
        table = self.query_one("#audiences", DataTable)
        if not table.row_count or not 0 <= table.cursor_row < len(self.audiences):
            return None
        return self.audiences[table.cursor_row]

    def open_audience(self, audience: Audience | None) -> None:
        from planner.tui.record_forms import FORMS

        FORMS["audience"](self, self.plan_name, audience, self.reload)

    def action_add_audience(self) -> None:
        self.open_audience(None)

    def edit_audience(self) -> None:
        audience = self._audience()
        if audience is not None:
            self.open_audience(audience)

    def action_delete_audience(self) -> None:
        from planner.tui.screens.modals import ConfirmScreen

        audience = self._audience()
        if audience is None:
            return
        plan = self.plan_name

        def answered(yes: bool | None) -> None:
            if yes and self.apply(delete_audience, self.planner.workspace, plan, audience.id):
                self.notify(f"Audience deleted: {visible(audience.name)}", markup=False)

        question = f"Delete the audience '{audience.name}'?"
        detail = f"{audience.people:,} people ({audience.traits}); the plan forgets it."
        self.app.push_screen(ConfirmScreen(question, detail, "Delete"), answered)
