"""Keys are discoverable: the footer shows each screen's own keys first and keeps Help,
Plans and Quit visible at 120 columns; ? and F1 open the help panel; the command palette
finds every screen's actions by what they do."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Footer, HelpPanel, Input, OptionList
from textual.widgets._footer import FooterKey, FooterLabel

from planner.bootstrap import Planner
from planner.tui.app import PlannerApp
from tests.tui.conftest import case, go_to, until

SCREEN_KEYS = {
    "1": [],
    "2": ["Edit", "Add", "Filter", "Status", "Import"],
    "3": ["Edit", "Add", "Filter", "Next tab"],
    "4": ["Details", "New pilot"],  # the candidates table's keys (the pilots' on focus)
    "5": ["Edit", "Add", "Filter", "Champion", "Activity"],  # the training table's, the screen's
    "6": ["Export", "Compare", "HTML report"],
}


def _visible_footer(app: PlannerApp) -> list[str]:
    """The descriptions of the footer's keys (and group labels) drawn whole on screen."""
    footer = app.screen.query_one(Footer)
    right = footer.region.right
    shown = []
    for widget in footer.query("FooterKey, FooterLabel"):
        if widget.region.width and widget.region.right <= right:
            if isinstance(widget, FooterKey) and widget.description:
                shown.append(widget.description)
            elif isinstance(widget, FooterLabel):
                shown.append(str(widget.render()))
    return shown


async def test_footer_at_80_columns_keeps_help(demo_planner: Planner) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        for screen in SCREEN_KEYS:
            await go_to(pilot, screen)
            await until(pilot, lambda: "Help" in _visible_footer(app))
            assert "Help" in _visible_footer(app), screen


async def _palette(app: PlannerApp, pilot: object, text: str) -> list[str]:
    app.action_command_palette()
    await pilot.pause()  # type: ignore[attr-defined]
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(Input).value = text
    for _ in range(20):  # the search runs in the background
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        options = palette.query_one(OptionList)
        if options.option_count:
            break
    found = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    await pilot.press("escape")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return found


async def _footer_shows_the_screen_keys_then_the_app_keys(
    app: PlannerApp, pilot: Pilot[None], screen: str
) -> None:
    await go_to(pilot, screen)
    expected = [*SCREEN_KEYS[screen], "Help", "Screens", "Plans", "Quit"]
    await until(pilot, lambda e=expected: all(d in _visible_footer(app) for d in e))
    shown = _visible_footer(app)
    for description in expected:
        assert description in shown, (screen, shown)
    assert shown.index("Help") >= len(SCREEN_KEYS[screen])  # the screen's keys first
    assert "Next tab" in shown or screen not in ("2", "3")


async def _help_panel_opens_and_closes(app: PlannerApp, pilot: Pilot[None], screen: str) -> None:
    """? and F1 each open the help panel and close it again."""
    for key in ("question_mark", "f1"):
        if screen == "6":
            app.screen.set_focus(None)  # the path box would take the '?' as text
        await pilot.press(key)
        await pilot.pause()
        assert app.screen.query(HelpPanel), (screen, key)
        await pilot.press(key)
        await pilot.pause()
        assert not app.screen.query(HelpPanel), (screen, key)


async def _next_tab_only_where_there_are_tabs_and_keys_follow_the_tab(
    app: PlannerApp, pilot: Pilot[None]
) -> None:
    for screen in "145":
        await go_to(pilot, screen)
        await pilot.pause()
        assert "Next tab" not in _visible_footer(app)
    await go_to(pilot, "2")
    await pilot.pause()
    assert "Triage" not in _visible_footer(app)
    await pilot.press("]")
    await pilot.pause()
    shown = _visible_footer(app)
    assert "Triage" in shown and "Status" not in shown


async def _palette_finds_every_screens_actions(app: PlannerApp, pilot: Pilot[None]) -> None:
    await pilot.press("2")
    await pilot.pause()
    found = await _palette(app, pilot, "import")
    assert any(f.startswith("Import evidence") for f in found), found
    for word, expected in [
        ("risk", "Inventory: Add a risk"),
        ("train", "Rollout: Record training"),
        ("measure", "Pilots: Measure"),
        ("export", "Export plan"),
        ("compare", "Review: Compare"),
        ("shortlist", "Inventory: Shortlist"),
    ]:
        found = await _palette(app, pilot, word)
        assert any(expected in f for f in found), (word, found)


async def _palette_action_of_another_screen_goes_there_and_runs(
    app: PlannerApp, pilot: Pilot[None]
) -> None:
    from planner.tui.screens.inventory_forms import RiskForm

    await app.run_screen_action("inventory", "on_table('risks', 'add')")
    await pilot.pause()
    assert isinstance(app.screen, RiskForm)
    await pilot.press("escape")
    await pilot.pause()
    assert app.current_mode == "inventory"


async def test_keys_at_120_columns(demo_planner: Planner) -> None:
    """At 120x40, in one app (an app's start and each screen's first showing are most of
    these checks' CPU), each check named in a failure: the command palette finds every
    screen's actions; on every screen the footer shows the screen's keys first and keeps
    Help, Plans and Quit, and ? and F1 each open and close the help panel; Next tab shows
    only where there are tabs and the keys follow the tab; a palette action of another
    screen goes there and runs. Screen 6 comes last: its path box takes the digits typed
    there as text."""
    failures: list[str] = []
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        with case(failures, "the palette finds every screen's actions"):
            await _palette_finds_every_screens_actions(app, pilot)
        for screen in "12345":
            with case(failures, f"screen {screen}: the footer"):
                await _footer_shows_the_screen_keys_then_the_app_keys(app, pilot, screen)
            with case(failures, f"screen {screen}: the help panel"):
                await _help_panel_opens_and_closes(app, pilot, screen)
        with case(failures, "Next tab only where there are tabs"):
            await _next_tab_only_where_there_are_tabs_and_keys_follow_the_tab(app, pilot)
        with case(failures, "a palette action of another screen"):
            await _palette_action_of_another_screen_goes_there_and_runs(app, pilot)
        with case(failures, "screen 6: the footer"):
            await _footer_shows_the_screen_keys_then_the_app_keys(app, pilot, "6")
        with case(failures, "screen 6: the help panel"):
            await _help_panel_opens_and_closes(app, pilot, "6")
    assert not failures, "\n".join(failures)
