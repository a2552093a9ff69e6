"""Opening a workspace of an older schema revision in the TUI asks before upgrading it:
"Upgrade" upgrades (keeping a copy) and opens the plan; anything else leaves the file as it
was and closes the app."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from planner.adapters.store.schema import HEAD
from planner.bootstrap import Access, Settings, bootstrap
from planner.services.workspace_schema import workspace_status
from planner.tui.app import PlannerApp
from planner.tui.screens.modals import ConfirmScreen, PlanSwitcher
from tests.conftest import DATA, TODAY

OLD = DATA / "workspaces" / "rev-0003.sqlite"


def _old_copy(tmp_path: Path) -> Path:
    """The fixture as planner leaves a workspace: in WAL mode (the fixture is stored in
    rollback-journal mode to be one file)."""
    db = tmp_path / "old.sqlite"
    shutil.copy(OLD, db)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return db


async def test_an_old_workspace_is_upgraded_once_the_user_says_so(tmp_path: Path) -> None:
    db = _old_copy(tmp_path)
    planner = bootstrap(Settings(db=str(db), today=lambda: TODAY, access=Access.ASK))
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "is at revision 0003; this planner needs revision " + HEAD in app.screen.detail
        assert workspace_status(db).revision == "0003"  # nothing done before the answer
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, PlanSwitcher)  # the fixture holds two plans
    planner.close()
    assert workspace_status(db).revision == HEAD
    assert (tmp_path / "old.sqlite.bak-0003").is_file()


async def test_declining_leaves_the_workspace_as_it_was(tmp_path: Path) -> None:
    db = _old_copy(tmp_path)
    before = db.read_bytes()
    planner = bootstrap(Settings(db=str(db), today=lambda: TODAY, access=Access.ASK))
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
    planner.close()
    assert app.return_code == 1
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.sqlite"]
