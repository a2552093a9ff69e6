"""The Pilots screen driven with Pilot: candidates, a new pilot, measure, decide."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import DataTable, Input, Select, Static

from planner.bootstrap import Planner
from planner.domain.pilots import PilotStatus
from planner.services.pilots import get_pilot, list_pilots, update_pilot
from planner.services.plans import create_plan
from planner.tui.app import PlannerApp
from planner.tui.screens.pilot_forms import DecideForm, MeasureForm, NewPilotForm
from tests.conftest import TODAY


def _detail_table(app: PlannerApp) -> Table:
    content = app.screen.query_one("#pilot-detail", Static).content
    if isinstance(content, Group):  # a candidate: its table, then the sentences
        content = content.renderables[0]
    assert isinstance(content, Table)
    return content


def _detail_why(app: PlannerApp) -> str:
    content = app.screen.query_one("#pilot-detail", Static).content
    assert isinstance(content, Group)
    why = content.renderables[1]
    assert isinstance(why, Text)
    return why.plain


def _detail_title(app: PlannerApp) -> str:
    return str(_detail_table(app).title)


def _detail_caption(app: PlannerApp) -> str:
    table = app.screen.query_one("#pilot-detail", Static).content
    assert isinstance(table, Table)
    return str(table.caption)


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    return "acme"


async def test_candidates_then_a_pilot_to_a_decision(planner: Planner, plan: str) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        table = app.screen.query_one("#candidates", DataTable)
        # The plan's one use case, the internal network: internal products only.
        internal = [p for p in planner.catalog if p.category.value == "internal"]
        assert table.row_count == len(internal)
        first = table.get_row_at(0)[2].plain
        assert f"{first} (Internal network): score" in _detail_title(app)
        why = _detail_why(app)
        assert f"{first} leads the internal network ranking" in why
        # What would change the lead, and what was left out (retired products among them).
        assert "would tie with" in why or "No change of a single weight" in why
        excluded = re.search(r"Excluded \((\d+)\): ", why)
        assert excluded is not None and int(excluded.group(1)) >= 4
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewPilotForm)
        form.query_one("#start", Input).value = "2027-02-08"
        form.query_one("#end", Input).value = "2027-03-26"
        form.query_one("#users", Input).value = "40"
        form.query_one("#ok").press()
        await pilot.pause()
    pilots = list_pilots(planner.workspace, "acme")
    assert len(pilots) == 1 and pilots[0].title == f"{first} pilot"
    assert [k.kpi for k in pilots[0].criteria] == ["satisfaction-score", "weekly-active-pct"]

    pid = pilots[0].id
    update_pilot(planner.workspace, "acme", pid, status="approved")
    update_pilot(planner.workspace, "acme", pid, status="running")
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        app.screen.query_one("#pilots", DataTable).focus()
        await pilot.press("m")
        await pilot.pause()
        measure_form = app.screen
        assert isinstance(measure_form, MeasureForm)
        measure_form.query_one("#kpi", Select).value = "weekly-active-pct"
        measure_form.query_one("#value", Input).value = "66"
        measure_form.query_one("#ok").press()
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        decide_form = app.screen
        assert isinstance(decide_form, DecideForm)
        decide_form.query_one("#decision", Select).value = "adopt"
        decide_form.query_one("#rationale", Input).value = "adoption beyond target"
        decide_form.query_one("#ok").press()
        await pilot.pause()
        assert _detail_title(app) == f"{first} pilot"
        assert "adoption beyond target" in _detail_caption(app)
    decided = get_pilot(planner.workspace, "acme", pid)
    assert decided.status is PilotStatus.SUCCEEDED and decided.decided_on == TODAY
