"""Workspaces with many plans: lists page in SQL, pickers filter, messages stay short."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, Label, OptionList

from planner.bootstrap import Planner
from planner.cli import main
from planner.errors import NotFoundError
from planner.services.plans import count_plans, create_plan, find_plan_names, list_plans
from planner.services.tools import list_tools
from planner.tui.app import PlannerApp
from planner.tui.screens.modals import PlanSwitcher

NAMES = [f"plan-{i:02d}" for i in range(12)] + ["zeta réseau"]


@pytest.fixture
def many(planner: Planner) -> Planner:
    for name in NAMES:
        create_plan(planner.workspace, name, dt.date(2027, 1, 4))
    return planner


def test_plans_are_listed_a_page_at_a_time(many: Planner) -> None:
    assert [p.name for p in list_plans(many.workspace, limit=3, offset=2)] == [
        "plan-02",
        "plan-03",
        "plan-04",
    ]
    assert len(list_plans(many.workspace)) == count_plans(many.workspace) == 13
    assert count_plans(many.workspace, "réseau") == 1
    assert find_plan_names(many.workspace, "PLAN-1", limit=5) == ["plan-10", "plan-11"]


def test_the_which_plan_error_names_a_few_and_counts_the_rest(many: Planner) -> None:
    with pytest.raises(NotFoundError) as info:
        list_tools(many.workspace, None)
    message = str(info.value)
    assert "plan-00, plan-01" in message and "plan-09 and 3 more" in message
    assert "plan-11" not in message and "use --plan" in message


def test_plan_list_pages_on_the_command_line(
    many: Planner, workspace_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", "list", "--limit", "2", "--offset", "10", "--db", workspace_db]) == 0
    out = capsys.readouterr().out
    assert "13 plans, 11-12 shown" in " ".join(out.split())
    assert "plan-10" in out and "plan-11" in out
    assert "plan-09" not in out and "plan-12" not in out
    assert main(["plan", "list", "--limit", "0", "--db", workspace_db]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in NAMES) and "shown" not in out


async def test_the_plan_switcher_shows_a_page_and_filters_as_you_type(
    many: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PlanSwitcher, "PAGE", 5)
    app = PlannerApp(many)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.option_count == 5
        assert "5 of 13 plans" in str(app.screen.query_one("#plan-count", Label).render())
        await pilot.press("z", "e", "t")  # typed on the list: goes to the filter
        await pilot.pause()
        assert app.screen.query_one("#plan-filter", Input).value == "zet"
        assert options.option_count == 1
        await pilot.press("enter", "enter")  # to the list, then choose
        await pilot.pause()
        assert app.plan_name == "zeta réseau"
