"""The Inventory screen's Audiences tab: who the plan must reach, beside the tools they use.

An audience is an organisation-level fact the inventory is weighed against (how many
people a product reaches, which licences that takes), so it sits with the inventory, in a
compact :class:`RecordTable` of kind ``audience``: the row model gives ``a`` (add), Enter
or ``e`` (edit, the form in ``record_forms.OPENERS``) and ``d`` (delete after asking,
undoable). Rows are keyed by the audience's id, so the cursor follows a row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from planner.services.audiences import list_audiences
from planner.tui.widgets.cells import cell
from planner.tui.widgets.record_table import RecordTable
from planner.tui.widgets.table_columns import Col

if TYPE_CHECKING:
    from planner.tui.screens.base import PlanScreen

TAB = "inv-audiences"


def audience_columns(screen: PlanScreen) -> None:
    screen.query_one("#audiences", RecordTable).set_columns(
        [Col("Audience", 20, minimum=12), "People", Col("Languages", 12), Col("Works", 24),
         Col("Notes", 30)]
    )  # fmt: skip


def fill_audiences(screen: PlanScreen) -> None:
    rows = [
        (
            a.id,
            [
                cell(a.name),
                Text(f"{a.people:,}", justify="right"),
                cell(", ".join(a.languages)),
                cell(a.traits),
                cell(a.notes),
            ],
        )
        for a in list_audiences(screen.planner.workspace, screen.plan_name)
    ]
    screen.query_one("#audiences", RecordTable).set_rows(rows)
