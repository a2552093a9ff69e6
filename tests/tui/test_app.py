"""The TUI shell driven with Textual's Pilot: dashboard, keys 1–6, first run, plan switcher."""

from __future__ import annotations

import datetime as dt

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from planner.bootstrap import Planner
from planner.domain.plan import Tool, plan_name_problem
from planner.services.demo import DEMO_PLAN, build_demo
from planner.services.plans import create_plan, list_plans
from planner.services.tools import save_tools
from planner.tui.app import PlannerApp
from planner.tui.screens.dialog import DATE
from planner.tui.screens.modals import NewPlanScreen, WelcomeScreen
from planner.tui.widgets.phase_card import PhaseCard
from tests.conftest import TODAY


def _plan_with_tools(planner: Planner, name: str = "acme-2027") -> None:
    create_plan(planner.workspace, name, dt.date(2027, 1, 4), "Acme")
    save_tools(
        planner.workspace,
        name,
        [
            Tool("yammer", "Yammer", "yammer", survey_users=161, purposes=("internal-sharing",)),
            Tool("evil", "[bold red]x[/] \x1b[2J", None, survey_users=3),
        ],
    )


def _text(app: PlannerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_dashboard_shows_three_phases_and_keys_switch_screens(planner: Planner) -> None:
    _plan_with_tools(planner)
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.current_mode == "dashboard"
        cards = list(app.screen.query(PhaseCard))
        assert len(cards) == 3
        titles = [str(c.query_one(".phase-title", Static).render()) for c in cards]
        assert titles == ["1. Discover", "2. Inventory & pilots", "3. Introduce & train"]
        dates = str(cards[0].query_one(".phase-dates", Static).render())
        assert dates == "from 2027-01-04\ndue  2027-02-04"
        assert str(cards[0].query_one(".phase-status", Static).render()) == "late · 0%"
        assert any("not yet classified" in a for a in _actions(app))

        for key, mode in zip(
            "234561",
            ["discover", "inventory", "pilots", "rollout", "review", "dashboard"],
            strict=True,
        ):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode


def _actions(app: PlannerApp) -> list[str]:
    options = app.screen.query_one("#actions", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_plan_not_started_says_when_it_starts(planner: Planner) -> None:
    create_plan(planner.workspace, "later", TODAY + dt.timedelta(days=30), "Acme")
    save_tools(planner.workspace, "later", [Tool("yammer", "Yammer", "yammer", survey_users=9)])
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        title = _text(app, "#plan-title")
        assert "starts in 30 days" in title and "started" not in title
        cards = list(app.screen.query(PhaseCard))
        for card in cards:
            status = str(card.query_one(".phase-status", Static).render())
            assert status.startswith("begins in") and "%" not in status, status
        assert "ready: 1 tool found" in str(cards[0].query_one(".phase-status", Static).render())


async def test_enter_on_a_next_action_goes_where_it_is_done(planner: Planner) -> None:
    _plan_with_tools(planner)
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        actions = _actions(app)
        target = next(i for i, a in enumerate(actions) if "not yet classified" in a)
        assert "→ Discover (2)" in actions[target]
        options = app.screen.query_one("#actions", OptionList)
        options.focus()
        options.highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "discover"


async def test_untrusted_tool_names_show_literally(planner: Planner) -> None:
    _plan_with_tools(planner)
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        names = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert names == ["Yammer", "[bold red]x[/] \\x1b[2J"]


async def test_review_screen_previews_the_plan_file(planner: Planner) -> None:
    _plan_with_tools(planner)
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        preview = _text(app, "#yaml")
        assert preview.startswith("schema: planner.plan/1\nplan:\n  name: acme-2027")


async def _guided_new_plan(app: PlannerApp, pilot: Pilot[None]) -> None:
    """The first run offers the demo or a guided new plan: choose the second."""
    await pilot.pause()
    assert isinstance(app.screen, WelcomeScreen)
    await pilot.press("down", "enter")
    await pilot.pause()
    assert isinstance(app.screen, NewPlanScreen)


async def test_first_run_form_creates_a_plan(planner: Planner) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await _guided_new_plan(app, pilot)
        assert app.focused is app.screen.query_one("#name", Input)
        await pilot.press(*"newco-2027")
        start = app.screen.query_one("#start", Input)
        start.value = "2027-01-04"
        await pilot.click("#ok")
        await pilot.pause()
        assert app.plan_name == "newco-2027"
        assert app.current_mode == "dashboard"
    assert [p.name for p in list_plans(planner.workspace)] == ["newco-2027"]


async def test_first_run_form_reports_a_bad_date(planner: Planner) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await _guided_new_plan(app, pilot)
        app.screen.query_one("#name", Input).value = "x"
        app.screen.query_one("#start", Input).value = "soon"
        await pilot.click("#ok")
        await pilot.pause()
        assert DATE in _text(app, ".field-error")
    assert list_plans(planner.workspace) == []


async def test_first_run_names_follow_the_one_plan_name_rule(planner: Planner) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await _guided_new_plan(app, pilot)
        await pilot.press(*"../x")
        await pilot.pause()
        assert plan_name_problem("../x") in _text(app, "#name-error")  # shown as typed
        app.screen.query_one("#name", Input).value = "Acme 2027!"
        await pilot.pause()
        assert _text(app, "#name-error") == ""  # fine by the rule
        await pilot.click("#ok")
        await pilot.pause()
        assert app.plan_name == "Acme 2027!"


async def test_first_run_opens_the_demo_in_its_own_workspace(planner: Planner) -> None:
    """The demo never enters the user's workspace: the app switches to the demo's."""
    from planner.bootstrap import Settings, bootstrap, demo_db

    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.plan_name == DEMO_PLAN
        assert app.current_mode == "dashboard"
        assert app.planner.settings.db == demo_db()
    app.close_planners()
    assert list_plans(planner.workspace) == []
    demo = bootstrap(Settings(db=demo_db()))
    try:
        assert [p.name for p in list_plans(demo.workspace)] == [DEMO_PLAN]
    finally:
        demo.close()


async def test_a_new_plan_made_on_the_demo_goes_to_ones_own_workspace(
    planner: Planner,
) -> None:
    from dataclasses import replace

    from planner.bootstrap import bootstrap, own_db

    demo = bootstrap(replace(planner.settings, demo=True))
    build_demo(demo.workspace, demo.catalog, demo.pseudonym_key, TODAY)
    app = PlannerApp(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.plan_name == DEMO_PLAN
        app.action_new_plan()
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "acme-2027"
        app.screen.query_one("#start", Input).value = "2027-01-04"
        await pilot.click("#ok")
        await pilot.pause()
        assert app.plan_name == "acme-2027"
        assert app.planner.settings.db == own_db()
    app.close_planners()
    assert [p.name for p in list_plans(planner.workspace)] == [DEMO_PLAN]  # the demo's
    own = bootstrap(replace(planner.settings, db=own_db()))
    try:
        assert [p.name for p in list_plans(own.workspace)] == ["acme-2027"]
    finally:
        own.close()


async def test_plan_switcher_with_several_plans(planner: Planner) -> None:
    _plan_with_tools(planner, "acme-2027")
    _plan_with_tools(planner, "beta-2027")
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.plan_name == "beta-2027"
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.plan_name == "acme-2027"
        assert "acme-2027" in _text(app, "#plan-title")


async def test_q_quits(planner: Planner) -> None:
    _plan_with_tools(planner)
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_the_current_plan_opens_and_a_plan_picked_becomes_current(planner: Planner) -> None:
    from planner.services.plans import current_plan, use_plan

    _plan_with_tools(planner, "acme-2027")
    _plan_with_tools(planner, "beta-2027")
    use_plan(planner.workspace, "beta-2027")
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.plan_name == "beta-2027"  # no switcher: `plan use` said which
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.plan_name == "acme-2027"
    assert current_plan(planner.workspace) == "acme-2027"
