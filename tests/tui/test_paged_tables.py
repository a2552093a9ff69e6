"""A table of more rows than a page shows them a page at a time, driven with Pilot: . and ,
turn the pages and the bottom edge says which rows show; the filter, the sort, the marks
and a move to a record see every row, whatever the page."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from planner.bootstrap import Planner
from planner.domain.plan import Tool
from planner.services.plans import create_plan
from planner.services.tools import save_tools
from planner.tui.app import PlannerApp
from planner.tui.widgets.record_table import RecordTable
from tests.tui.conftest import go_to, until


@pytest.fixture
def plan(planner: Planner, monkeypatch: pytest.MonkeyPatch) -> str:
    from planner.tui.widgets import record_table

    monkeypatch.setattr(record_table, "PAGE_ROWS", 25)
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    tools = [Tool(f"t{i:03d}", f"Tool {i:03d}", None, survey_users=i) for i in range(60)]
    save_tools(planner.workspace, "acme", tools)
    return "acme"


def _names(table: DataTable[object]) -> list[str]:
    return [table.get_row_at(i)[1].plain for i in range(table.row_count)]


def _footer_keys(app: PlannerApp) -> set[str]:
    return {b.key for _, b, enabled, _ in app.screen.active_bindings.values() if enabled}


async def _inventory_table(pilot: Pilot[None], app: PlannerApp) -> RecordTable:
    """Screen 3's tool table, filled and focused."""
    await go_to(pilot, "3")
    table = app.screen.query_one("#inv-table", RecordTable)
    await until(pilot, lambda: table.row_count > 0)
    table.focus()
    await pilot.pause()
    return table


async def test_pages_turn_with_full_stop_and_comma(planner: Planner, plan: str) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await _inventory_table(pilot, app)
        # Most users first: the first page is tools 59 to 35.
        assert _names(table) == [f"Tool {i:03d}" for i in range(59, 34, -1)]
        assert table.border_subtitle is not None
        assert table.border_subtitle.startswith("rows 1–25 of 60")
        assert "full_stop" in _footer_keys(app)

        await pilot.press("full_stop")
        await until(pilot, lambda: "rows 26–50" in str(table.border_subtitle))
        assert _names(table) == [f"Tool {i:03d}" for i in range(34, 9, -1)]
        assert table.current_key == "t034"  # on the page's first row
        await pilot.press("full_stop", "full_stop")  # the last page, and no further
        await until(pilot, lambda: "rows 51–60 of 60" in str(table.border_subtitle))
        assert _names(table) == [f"Tool {i:03d}" for i in range(9, -1, -1)]
        await pilot.press("comma")
        await until(pilot, lambda: "rows 26–50" in str(table.border_subtitle))

        # Sorted the other way: across every page, not within the one shown.
        await pilot.press("greater_than_sign")  # by the first column, then reversed
        await pilot.press("greater_than_sign", "greater_than_sign", "greater_than_sign")
        await pilot.press("greater_than_sign")  # Users
        await until(pilot, lambda: table.sort_label == "Users")
        assert table.move_to_key("t000")  # turns to the record's page
        assert table.current_key == "t000"
        assert "rows 1–25 of 60" in str(table.border_subtitle)
        assert _names(table)[:3] == ["Tool 000", "Tool 001", "Tool 002"]


async def test_a_filter_sees_every_page_and_one_page_has_no_page_keys(
    planner: Planner, plan: str
) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await _inventory_table(pilot, app)
        table.set_query("Tool 00")  # tools 0-9: all on the last page
        await pilot.pause()
        assert sorted(_names(table)) == [f"Tool {i:03d}" for i in range(10)]
        assert table.border_subtitle is None
        assert "full_stop" not in _footer_keys(app)
        table.clear_query()
        await until(pilot, lambda: table.border_subtitle is not None)
        assert "full_stop" in _footer_keys(app)
        table.marked = {"t000", "t059"}  # marks on the first page and on the last
        assert table.targets() == ["t059", "t000"]  # in the table's order
