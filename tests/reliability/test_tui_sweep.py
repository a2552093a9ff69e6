"""Every screen of the TUI, and the dialogs that show stored text, with hostile names.

The workspace is filled through the CLI with names holding an OSC title sequence, a screen
clear, BEL, a bidi override and Rich markup (organisation, tools, owners, departments,
notes, pilots, features, training, champions, risks, vendor notes, a custom catalog
product). Each screen and dialog is rendered at 120×40 and 80×24; the screenshot (what
Textual would draw) must hold none of those characters raw, and the app must still be
running (``[@click=app.quit]`` did not become an action).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input

from planner.bootstrap import Settings, bootstrap
from planner.tui.app import PlannerApp
from planner.tui.widgets.data_input import DataInput
from tests.conftest import TODAY
from tests.reliability.test_cli_sweep import HOSTILE, RAW, hostile_ws

__all__ = ["hostile_ws"]  # the fixture, shared with the CLI sweep


def _check(app: PlannerApp, where: str) -> None:
    svg = app.export_screenshot()
    leaked = [c for c in RAW if c in svg]
    assert not leaked, f"{where}: raw {leaked!r} drawn"
    assert app.is_running, f"{where}: the app quit (markup became an action)"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_every_screen_and_dialog_draws_hostile_names_as_text(
    hostile_ws: list[str], size: tuple[int, int]
) -> None:
    planner = bootstrap(
        Settings(db=hostile_ws[1], catalog_dirs=(Path(hostile_ws[3]),), today=lambda: TODAY)
    )
    app = PlannerApp(planner)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in "123456":
            await pilot.press(key)
            await pilot.pause()
            _check(app, f"screen {key}")
        # Dialogs that show stored values: the tool form, the vendor review, a risk.
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        _check(app, "tool form")
        shown = [w for w in app.screen.query(DataInput) if w.stored]
        assert shown, "the tool form shows no stored value"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        for _ in range(4):
            await pilot.press("]")
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            _check(app, f"inventory dialog {app.screen.__class__.__name__}")
            if app.screen.__class__.__name__ != "InventoryScreen":
                await pilot.press("escape")
                await pilot.pause()
        # A notification and a status line quoting a hostile file name.
        await pilot.press("6")
        await pilot.pause()
        path_box = app.screen.query_one(Input)
        path_box.value = f"/nonexistent/{HOSTILE}.yaml"
        path_box.focus()
        await pilot.press("enter")
        await pilot.pause()
        status = str(app.screen.query_one("#review-status").render())
        assert "\\x1b]0;HACKED" in status, status
        assert not [c for c in RAW if c in status], status
        path_box.value = ""  # what the user typed is theirs; the status quoting it is ours
        await pilot.pause()
        _check(app, "review screen")
        app.notify(HOSTILE, title=HOSTILE)
        await pilot.pause()
        _check(app, "notification")
    planner.close()


async def test_a_dialog_left_as_shown_saves_the_stored_bytes(hostile_ws: list[str]) -> None:
    """Shown escaped, saved exact: opening and saving the tool form changes nothing."""
    from planner.services.tools import list_tools

    planner = bootstrap(
        Settings(db=hostile_ws[1], catalog_dirs=(Path(hostile_ws[3]),), today=lambda: TODAY)
    )
    before = {t.slug: (t.owner, t.notes, t.departments) for t in list_tools(planner.workspace)}
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#ok", Button).press()
        await pilot.pause()
        assert app.screen.__class__.__name__ == "DiscoverScreen"  # saved and closed
    after = {t.slug: (t.owner, t.notes, t.departments) for t in list_tools(planner.workspace)}
    assert after == before
    assert any(HOSTILE in (owner or "") for owner, _, _ in after.values())
    planner.close()
