"""The Inventory screen driven with Pilot: tabs, vendor review, risk edit, needs."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, Input, Select, TabbedContent

from planner.bootstrap import Planner
from planner.domain.plan import Tool
from planner.services.inventory import inventory_report, list_risks
from planner.services.plans import create_plan
from planner.services.tools import save_tools
from planner.tui.app import PlannerApp
from planner.tui.screens.inventory_forms import NeedForm, RiskForm, VendorReviewForm
from tests.tui.conftest import go_to


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    save_tools(
        planner.workspace,
        "acme",
        [
            Tool("yammer", "Yammer", "yammer", survey_users=85),
            Tool("viva-engage", "Viva Engage", "viva-engage", survey_users=136),
            Tool("evil", "[link=file:///etc/passwd]x[/link]\x1b]0;t\x07", None),
        ],
    )
    return "acme"


def _column(app: PlannerApp, table_id: str, index: int) -> list[str]:
    table = app.screen.query_one(table_id, DataTable)
    return [table.get_row_at(i)[index].plain for i in range(table.row_count)]


async def test_tabs_show_tools_flags_vendors_and_risks(planner: Planner, plan: str) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        tools = _column(app, "#inv-table", 1)
        assert "[link=file:///etc/passwd]x[/link]\\x1b]0;t\\x07" in tools
        flags = _column(app, "#flags", 1)
        assert (
            "Yammer: renamed Microsoft Viva Engage — the same service under its new name; "
            "count it there"
        ) in flags
        assert set(_column(app, "#vendors", 0)) == {"Yammer", "Microsoft Viva Engage"}
        assert len(_column(app, "#risks", 0)) == 6
        tabs = ("inv-coverage", "inv-flags", "inv-vendors", "inv-risks", "inv-audiences")
        for expected in (*tabs, "inv-tools"):
            await pilot.press("right_square_bracket")
            assert app.screen.query_one(TabbedContent).active == expected


async def test_review_a_vendor_from_the_vendors_tab(planner: Planner, plan: str) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "3")
        await pilot.press(*["right_square_bracket"] * 3, "r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, VendorReviewForm)
        form.query_one("#rating", Select).value = "watch"
        form.query_one("#note", Input).value = "check roadmap"
        await pilot.click("#ok")
        await pilot.pause()
        assert "watch" in _column(app, "#vendors", 7)
    report = inventory_report(planner.workspace, planner.catalog, "acme")
    reviewed = [v for v in report.vendors if v.review and v.review.rating]
    assert [v.review.note for v in reviewed if v.review] == ["check roadmap"]


async def test_edit_a_risk_and_set_a_need(planner: Planner, plan: str) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "3")
        await pilot.press(*["right_square_bracket"] * 4, "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RiskForm)
        form.query_one("#owner", Input).value = "CISO"
        await pilot.click("#ok")
        await pilot.pause()
        await pilot.press(
            "left_square_bracket", "left_square_bracket", "left_square_bracket"
        )  # back to Coverage
        assert app.screen.query_one(TabbedContent).active == "inv-coverage"
        await pilot.press("enter")
        await pilot.pause()
        need = app.screen
        assert isinstance(need, NeedForm)
        need.query_one("#weight", Select).value = "5"
        await pilot.click("#ok")
        await pilot.pause()
    owners = {r.owner for r in list_risks(planner.workspace, "acme")}
    assert "CISO" in owners
    report = inventory_report(planner.workspace, planner.catalog, "acme")
    assert report.needs == {"activity-stream": 5}


async def test_a_large_plan_shows_its_first_page_then_every_tool(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above LARGE_PLAN tools the inventory is read in a worker: the tools table shows its
    first page once the tools are read, then every tool, added a batch at a time, in the
    order a small plan has (by users, most first), with the summary of the whole report."""
    from planner.tui.screens import base, inventory
    from planner.tui.widgets import record_table
    from tests.tui.conftest import until

    monkeypatch.setattr(base, "LARGE_PLAN", 30)
    monkeypatch.setattr(inventory, "FIRST_PAGE", 10)
    monkeypatch.setattr(record_table, "FILL_BATCH", 25)
    create_plan(planner.workspace, "big", dt.date(2027, 1, 4))
    tools = [Tool(f"t{i:03d}", f"Tool {i:03d}", None, survey_users=i) for i in range(80)]
    save_tools(planner.workspace, "big", tools)
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "3")
        table = app.screen.query_one("#inv-table", DataTable)
        await until(pilot, lambda: table.row_count == 80)
        assert _column(app, "#inv-table", 1) == [f"Tool {i:03d}" for i in reversed(range(80))]
        summary = str(app.screen.query_one("#inventory-summary").render())
        assert summary.startswith("80 tools")


async def test_the_first_page_shows_before_the_report_is_read(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first page does not wait for the report: with the report held back, the tools
    table already shows the first page's tools, the most used first."""
    from planner.tui.screens import base, inventory
    from tests.tui.conftest import held_back, until

    monkeypatch.setattr(base, "LARGE_PLAN", 30)
    monkeypatch.setattr(inventory, "FIRST_PAGE", 10)
    release = held_back(monkeypatch, inventory, "inventory_report")
    create_plan(planner.workspace, "big", dt.date(2027, 1, 4))
    save_tools(
        planner.workspace,
        "big",
        [Tool(f"t{i:03d}", f"Tool {i:03d}", None, survey_users=i) for i in range(40)],
    )
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "3")
        table = app.screen.query_one("#inv-table", DataTable)
        await until(pilot, lambda: table.row_count == 10)
        try:
            assert _column(app, "#inv-table", 1) == [f"Tool {i:03d}" for i in range(39, 29, -1)]
        finally:
            release.set()
        await until(pilot, lambda: table.row_count == 40)
        assert table.row_count == 40
