"""Screen 6 driven with Pilot: changes since the last export, import with confirmation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from planner.bootstrap import Planner, Settings, bootstrap
from planner.services.demo import build_demo
from planner.services.plan_file import render_plan
from planner.services.tools import get_tool, update_tool
from planner.tui.app import PlannerApp
from planner.tui.screens.review import ConfirmImport

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Planner:
    monkeypatch.chdir(tmp_path)  # exports go to ./plans/
    planner = bootstrap(Settings(db=str(tmp_path / "d.sqlite"), today=lambda: TODAY))
    build_demo(planner.workspace, planner.catalog, planner.pseudonym_key, TODAY)
    return planner


def _changes(app: PlannerApp) -> list[tuple[str, ...]]:
    table = app.screen.query_one("#changes", DataTable)
    return [tuple(c.plain for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_changes_since_export_and_import(demo: Planner, tmp_path: Path) -> None:
    app = PlannerApp(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        assert "No file at plans/hexaline-2027.yaml" in str(
            app.screen.query_one("#review-status").render()
        )
        await pilot.press("e")  # export to plans/
        await pilot.pause()
        update_tool(demo.workspace, demo.catalog, None, "facebook", owner="CMO")
        await pilot.press("1", "6")
        await pilot.pause()
        assert _changes(app) == [
            ("tools", "facebook", "changed", "owner", "Head of Marketing", "CMO")
        ]

        # A colleague's reviewed file: Slack becomes banned.
        reviewed = tmp_path / "reviewed.yaml"
        reviewed.write_text(
            render_plan(demo.workspace, None, TODAY, demo.catalog).replace(
                "  status: unofficial\n  classified: true",
                "  status: banned\n  classified: true",
                1,
            ),
            encoding="utf-8",
        )
        app.screen.query_one("#review-file", Input).value = str(reviewed)
        await pilot.press("i")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmImport)
        assert [(c.id, c.field, c.new) for c in confirm.changes] == [("slack", "status", "banned")]
        await pilot.click("#ok")
        await pilot.pause()
    assert get_tool(demo.workspace, None, "slack").status.value == "banned"


async def test_cancelled_import_changes_nothing(demo: Planner, tmp_path: Path) -> None:
    before = render_plan(demo.workspace, None, TODAY, demo.catalog)
    reviewed = tmp_path / "reviewed.yaml"
    reviewed.write_text(
        before.replace("  owner: Head of Marketing", "  owner: X", 1), encoding="utf-8"
    )
    app = PlannerApp(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        app.screen.query_one("#review-file", Input).value = str(reviewed)
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert render_plan(demo.workspace, None, TODAY, demo.catalog) == before
