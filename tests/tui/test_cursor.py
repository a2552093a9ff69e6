"""After any dialog closes (saved, cancelled, failed) each table's cursor stays on its row:
the next one-key action must hit the row the user is looking at."""

from __future__ import annotations

from textual.widgets import DataTable, TabbedContent

from planner.bootstrap import Planner
from planner.tui.app import PlannerApp
from tests.tui.conftest import case, go_to


async def _open(app: PlannerApp, pilot: object, key: str) -> None:
    await pilot.press(key)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


CASES = [
    ("2", None, "#tools", "e"),
    ("3", "inv-vendors", "#vendors", "r"),
    ("3", "inv-risks", "#risks", "e"),
    ("4", None, "#candidates", "n"),
    ("5", None, "#training", "e"),
]


async def test_cancelled_dialog_keeps_the_cursor(demo_planner: Planner) -> None:
    """Each table's dialog opened and cancelled in turn, in one app (an app's start is most
    of such a check's CPU), each named in a failure by its table."""
    failures: list[str] = []
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(120, 40)) as pilot:
        for screen, tab, table, key in CASES:
            with case(failures, table):
                await go_to(pilot, screen)
                if tab:
                    app.screen.query_one(TabbedContent).active = tab
                    await pilot.pause()
                data = app.screen.query_one(table, DataTable)
                data.focus()
                data.move_cursor(row=3)
                await pilot.pause()
                expected = data.coordinate_to_cell_key(data.cursor_coordinate).row_key
                await _open(app, pilot, key)
                assert app.screen is not None and app.screen.is_modal
                await _open(app, pilot, "escape")
                assert not app.screen.is_modal
                assert data.cursor_row == 3
                assert data.coordinate_to_cell_key(data.cursor_coordinate).row_key == expected
    assert not failures, "\n".join(failures)
