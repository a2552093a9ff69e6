"""Each front end has a way to every target a next action can have, and the dashboard goes
by the target, whatever the action's words say."""

from __future__ import annotations

from textual.widgets import OptionList

from planner.bootstrap import Planner
from planner.cli.next_actions import command_for
from planner.domain.next_actions import NextAction, Screen, Subject, Target
from planner.services.plans import overview
from planner.tui.app import SCREENS, PlannerApp
from planner.tui.screens.dashboard import SCREEN_MODES, action_mode
from tests.conftest import TODAY


def test_every_target_screen_is_a_screen_of_the_app() -> None:
    assert set(SCREEN_MODES) == set(Screen)
    for screen, mode in SCREEN_MODES.items():
        # the data-protection record is a form the dashboard opens
        assert mode in SCREENS or (screen is Screen.PRIVACY and mode == "privacy"), screen


def test_every_target_has_a_command() -> None:
    for screen in Screen:
        for subject in Subject:
            command = command_for(NextAction("x", Target(screen, subject)))
            assert command.startswith("planner "), (screen, subject)


def test_the_demos_actions_all_lead_somewhere(demo_planner: Planner) -> None:
    view = overview(demo_planner.workspace, None, TODAY)
    assert view.actions
    for action in view.actions:
        assert action_mode(action) in {*SCREENS, "privacy"}, action
        assert command_for(action).startswith("planner "), action


async def test_the_dashboard_routes_by_target_not_by_words(demo_planner: Planner) -> None:
    # An action worded like a pilot's but about a training goes to the rollout screen.
    misleading = NextAction(
        "pilot 'Engage' vendor risk", Target(Screen.ROLLOUT, Subject.TRAINING, "sales")
    )
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen._actions([misleading])  # type: ignore[attr-defined]
        options = app.screen.query_one("#actions", OptionList)
        assert "→ Rollout (5)" in str(options.get_option_at_index(0).prompt)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "rollout"
