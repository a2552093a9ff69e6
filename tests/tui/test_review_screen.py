"""Screen 6 driven with Pilot: changes since this workspace's last export, export that asks
before overwriting a file it did not write, a path box whose letters stay text, import with
confirmation, and the merge view that settles conflicts one by one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from planner.bootstrap import Planner
from planner.domain.records.inventory import ToolChanges
from planner.services.plan_file import export_plan, render_plan
from planner.services.tools import get_tool, update_tool
from planner.tui.app import PlannerApp
from planner.tui.screens.merge import MergeScreen
from planner.tui.screens.review import ConfirmImport, ConfirmOverwrite, ReviewScreen
from tests.conftest import DemoAt
from tests.tui.conftest import go_to

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo(demo_at: DemoAt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Planner:
    monkeypatch.chdir(tmp_path)  # exports go to plans/ beside the workspace (tmp_path)
    planner = demo_at(tmp_path / "d.sqlite", today=TODAY)
    return planner


def _changes(app: PlannerApp) -> list[tuple[str, ...]]:
    table = app.screen.query_one("#changes", DataTable)
    return [tuple(c.plain for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_changes_since_export_and_import(demo: Planner, tmp_path: Path) -> None:
    app = PlannerApp(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        assert "Not exported from this workspace yet" in str(
            app.screen.query_one("#review-status").render()
        )
        await pilot.press("e")  # export to plans/
        await pilot.pause()
        update_tool(demo.workspace, demo.catalog, None, "facebook", ToolChanges(owner="CMO"))
        await go_to(pilot, "1")
        await pilot.press("6")
        await pilot.pause()
        assert _changes(app) == [
            ("tools", "facebook", "changed", "owner", "Head of Marketing", "CMO")
        ]

        # A colleague's reviewed file: Workplace (deleted by Meta, still unofficial) is banned.
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
        assert [(c.id, c.field, c.new) for c in confirm.changes] == [
            ("workplace-meta", "status", "banned")
        ]
        await pilot.click("#ok")
        await pilot.pause()
    assert get_tool(demo.workspace, None, "workplace-meta").status.value == "banned"


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


def _status(app: PlannerApp) -> str:
    return str(app.screen.query_one("#review-status").render())


def _detail(app: PlannerApp) -> str:
    return str(app.screen.query_one("#change-detail").render())


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_compares_with_the_last_export_not_the_tracked_file(
    demo: Planner, tmp_path: Path, size: tuple[int, int]
) -> None:
    tracked = tmp_path / "plans" / "hexaline-2027.yaml"
    tracked.parent.mkdir()
    tracked.write_text("# the repository's committed copy\nschema: planner.plan/1\n")
    app = PlannerApp(demo)
    async with app.run_test(size=size) as pilot:
        await pilot.press("6")
        await pilot.pause()
        assert "Not exported from this workspace yet" in _status(app)
        assert _changes(app) == []
        # e over a file this workspace did not write: asks; Cancel keeps the file.
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOverwrite)
        await pilot.press("escape")
        await pilot.pause()
        assert tracked.read_text().startswith("# the repository's committed copy")
        await pilot.press("e")
        await pilot.pause()
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert tracked.read_text().startswith("schema: planner.plan/1")
        # The export beside the workspace, named in full (not relative to the launch folder).
        assert f"The plan matches the last export ({tracked.resolve()}" in _status(app)
        assert _changes(app) == []

        update_tool(demo.workspace, demo.catalog, None, "facebook", ToolChanges(owner="CMO"))
        await go_to(pilot, "1")
        await pilot.press("6")
        await pilot.pause()
        [row] = _changes(app)
        assert row[:4] == ("tools", "facebook", "changed", "owner")
        assert row[4].startswith("Head of") and row[5] == "CMO"  # cut with … when narrow
        assert "exported: Head of Marketing" in _detail(app) and "now: CMO" in _detail(app)
        assert "1 change between the last export" in _status(app)

        # Its own file, unchanged since: e writes without asking; the count refreshes.
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert _changes(app) == [] and "The plan matches" in _status(app)
        assert "owner: CMO" in tracked.read_text()

        # Someone edits the file: it is no longer what this workspace wrote, so e asks.
        tracked.write_text(tracked.read_text().replace("owner: CMO", "owner: Board"))
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOverwrite)
        await pilot.press("escape")
        await pilot.pause()
    assert "owner: Board" in tracked.read_text()


async def test_letters_typed_in_the_path_box_stay_text(demo: Planner, tmp_path: Path) -> None:
    app = PlannerApp(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("c")  # into the path box
        box = app.screen.query_one("#review-file", Input)
        assert app.focused is box
        await pilot.press(*"nice-reviewed.yaml", "enter")
        await pilot.pause()
        await pilot.press(*"oic", "enter")  # a second path after a compare
        await pilot.pause()
        assert box.value == "nice-reviewed.yamloic"
        assert app.focused is box and isinstance(app.screen, ReviewScreen)
        assert "No file at nice-reviewed.yamloic" in _status(app)
        assert not (tmp_path / "plans").exists()  # e did not export
        await pilot.press("escape")  # back to the table: letters are keys again
        assert app.focused is app.screen.query_one("#changes", DataTable)
        await pilot.press("c")
        assert app.focused is box


def _set(text: str, ident: str, field: str, value: str) -> str:
    start = text.index(f"- id: {ident}\n")
    end = text.find("\n- ", start + 1)
    lines = text[start:end].split("\n")
    [i] = [i for i, line in enumerate(lines) if line.startswith(f"  {field}:")]
    lines[i] = f"  {field}: {value}"
    return text[:start] + "\n".join(lines) + text[end:]


def _two_conflicts(demo: Planner, tmp_path: Path) -> Path:
    path = tmp_path / "reviewed.yaml"
    export_plan(demo.workspace, None, TODAY, path, demo.catalog)
    text = path.read_text(encoding="utf-8")
    update_tool(
        demo.workspace, demo.catalog, None, "sharepoint", ToolChanges(owner="Platform team")
    )
    update_tool(demo.workspace, demo.catalog, None, "facebook", ToolChanges(notes="ours"))
    text = _set(_set(text, "sharepoint", "owner", "Board"), "facebook", "notes", "theirs")
    path.write_text(text, encoding="utf-8")
    return path


async def _open_merge(app: PlannerApp, pilot: object, path: Path) -> MergeScreen:
    await pilot.press("6")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    app.screen.query_one("#review-file", Input).value = str(path)
    await pilot.press("i")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    merge = app.screen
    assert isinstance(merge, MergeScreen)
    return merge


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_merge_view_settles_each_conflict(
    demo: Planner, tmp_path: Path, size: tuple[int, int]
) -> None:
    path = _two_conflicts(demo, tmp_path)
    app = PlannerApp(demo)
    async with app.run_test(size=size) as pilot:
        merge = await _open_merge(app, pilot, path)
        assert [(c.id, c.field, c.ours, c.theirs) for c in merge.conflicts] == [
            ("facebook", "notes", "ours", "theirs"),
            ("sharepoint", "owner", "Platform team", "Board"),
        ]
        detail = str(merge.query_one("#merge-detail").render())
        assert f"{path}:" in detail and "mine:   ours" in detail and "theirs: theirs" in detail
        await pilot.press("a")  # nothing settled yet: stays open
        await pilot.pause()
        assert app.screen is merge
        await pilot.press("m", "t")  # facebook notes: mine; sharepoint owner: theirs
        await pilot.pause()
        table = merge.query_one("#merge-table", DataTable)
        assert [table.get_row_at(i)[0].plain for i in range(2)] == ["mine", "theirs"]
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert get_tool(demo.workspace, None, "facebook").notes == "ours"
    assert get_tool(demo.workspace, None, "sharepoint").owner == "Board"


async def test_cancelled_merge_writes_nothing(demo: Planner, tmp_path: Path) -> None:
    path = _two_conflicts(demo, tmp_path)
    before = render_plan(demo.workspace, None, TODAY, demo.catalog)
    app = PlannerApp(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_merge(app, pilot, path)
        await pilot.press("t", "t", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert render_plan(demo.workspace, None, TODAY, demo.catalog) == before


async def test_export_from_the_palette_asks_too(demo: Planner, tmp_path: Path) -> None:
    tracked = tmp_path / "plans" / "hexaline-2027.yaml"
    tracked.parent.mkdir()
    tracked.write_text("schema: planner.plan/1\n")
    app = PlannerApp(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_export_plan()  # "Export plan" in the command palette, from screen 1
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOverwrite)
        await pilot.press("escape")
        await pilot.pause()
    assert tracked.read_text() == "schema: planner.plan/1\n"


async def test_a_large_plan_shows_its_changes_before_its_text(
    demo: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above LARGE_PLAN tools the review is read in a worker: the status line and the
    changes show while the plan's text is still being written, then the text."""
    from planner.services import plan_file
    from planner.tui.screens import base
    from tests.tui.conftest import held_back, until

    monkeypatch.setattr(base, "LARGE_PLAN", 5)
    export_plan(demo.workspace, None, TODAY, tmp_path / "out.yaml", demo.catalog)
    update_tool(demo.workspace, demo.catalog, None, "facebook", ToolChanges(owner="CMO"))
    release = held_back(monkeypatch, plan_file, "plan_text")
    app = PlannerApp(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "6")
        await until(pilot, lambda: bool(_changes(app)))
        try:
            assert "1 change between the last export" in _status(app)
            assert _changes(app) == [
                ("tools", "facebook", "changed", "owner", "Head of Marketing", "CMO")
            ]
            assert "owner: CMO" not in str(app.screen.query_one("#yaml").render())
        finally:
            release.set()
        await app.workers.wait_for_complete()
        await until(pilot, lambda: "owner: CMO" in str(app.screen.query_one("#yaml").render()))
        assert "owner: CMO" in str(app.screen.query_one("#yaml").render())
