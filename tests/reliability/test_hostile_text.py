"""Names from files are text, never markup or terminal control: CLI tables, the TUI
(tables, titles, dialogs, notifications) and the Markdown report."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from textual.widgets import DataTable, OptionList

from planner.bootstrap import Planner
from planner.domain.plan import Tool
from planner.services.plans import create_plan
from planner.services.tools import save_tools
from planner.tui.app import PlannerApp
from tests.conftest import ROOT

HOSTILE = [
    "[bold red]x[/]",
    "[link=file:///etc/passwd]click[/link]",
    "[@click=app.quit]bye[/]",
    "evil[/]",
    "\x1b]0;pwned\x07title",
    "\x1b[2Jclear",
    "bidi\u202etxt.exe",
    "nul\x00byte",
]
SHOWN = [
    "[bold red]x[/]",
    "[link=file:///etc/passwd]click[/link]",
    "[@click=app.quit]bye[/]",
    "evil[/]",
    "\\x1b]0;pwned\\x07title",
    "\\x1b[2Jclear",
    "bidi\\u202etxt.exe",
    "nul\ufffdbyte",  # NUL is stored as U+FFFD (PostgreSQL text cannot hold it)
]


def _plan(planner: Planner, name: str = "acme") -> None:
    create_plan(planner.workspace, name, dt.date(2027, 1, 4))
    save_tools(
        planner.workspace,
        name,
        [Tool(f"t{i}", text, None, survey_users=100 - i) for i, text in enumerate(HOSTILE)],
    )


def test_cli_tables_show_names_literally(planner: Planner, workspace_db: str) -> None:
    _plan(planner)
    out = subprocess.run(
        [sys.executable, "-m", "planner", "tools", "list", "--db", workspace_db],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "300"},
        check=True,
    )
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout and "\u202e" not in out.stdout
    for shown in SHOWN:
        assert shown in out.stdout, shown


async def test_tui_shows_names_literally_everywhere(planner: Planner) -> None:
    _plan(planner, "acme")
    _plan(planner, "[b]plan[red]")
    app = PlannerApp(planner)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        switcher = app.screen.query_one(OptionList)
        prompts = [
            str(switcher.get_option_at_index(i).prompt) for i in range(switcher.option_count)
        ]
        assert "[b]plan[red]" in prompts
        await pilot.press("down", "enter")  # "acme" sorts after "[b]plan[red]"
        await pilot.pause()
        assert app.plan_name == "acme"
        for key, table_id in (("2", "#tools"), ("3", "#inv-table")):
            await pilot.press(key)
            await pilot.pause()
            table = app.screen.query_one(table_id, DataTable)
            column = 0 if table_id == "#tools" else 1
            cells = {table.get_row_at(i)[column].plain for i in range(table.row_count)}
            assert set(SHOWN) <= cells, cells
        app.screen.query_one("#inv-table", DataTable).focus()
        assert app.is_running  # '[@click=app.quit]' did not become an action
