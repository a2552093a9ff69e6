"""Names equal in Unicode terms are one tool; a name of invisible characters is empty;
an application name built to pass for another is marked in the triage lists (CLI and
TUI) with its odd code points."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest
from textual.widgets import DataTable, TabbedContent

from planner.bootstrap import Planner
from planner.domain.names import display_name, lookalike, marked, name_key
from planner.errors import InputError, InputErrors
from planner.services.discover import import_file
from planner.services.plans import create_plan
from planner.services.tools import add_tool, list_tools
from planner.tui.app import PlannerApp
from tests.cli.test_cli import planner as planner_cli

NFC = "Bücherwurm"
NFD = unicodedata.normalize("NFD", NFC)
LOOKALIKES = {  # app name as the tenant logs it -> what the mark must name
    "Slаck": "U+0430",  # Cyrillic а
    "Slack\u200b": "U+200B",  # zero-width space
}


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    return "acme"


def test_name_keys() -> None:
    assert NFD != NFC and name_key(NFD) == name_key(NFC)
    assert name_key("ｓｌａｃｋ") == name_key("Slack") == name_key("Slack\u200b")
    assert name_key("Slаck") != name_key("Slack")
    assert display_name(NFD) == NFC and display_name(" \u200b\u2060 ") == ""
    assert lookalike("Slack") is None and lookalike("サイボウズ Office") is None
    assert lookalike("Слак") is None  # one script: a Russian name, not a disguise
    for name, code in LOOKALIKES.items():
        assert code in (lookalike(name) or "") and code in marked(name)


def test_a_survey_spelling_one_name_three_ways_gives_one_tool(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    path = tmp_path / "survey.csv"
    rows = [f"Lektorat;{NFC};3", f"Vertrieb;{NFD};4", "IT;ｓｌａｃｋ;5", "IT;slack\u200b;1"]
    path.write_text("Abteilung;Werkzeug;Benutzer\r\n" + "\r\n".join(rows) + "\r\n", "utf-8-sig")
    import_file(planner.workspace, planner.catalog, planner.pseudonym_key, plan, path)
    tools = {t.name: t for t in list_tools(planner.workspace, plan)}
    assert sorted(tools) == sorted([NFC, "Slack"])  # Slack: the catalog's product
    assert tools[NFC].name == NFC  # shown in NFC


def test_a_name_of_invisible_characters_is_empty(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    path = tmp_path / "survey.csv"
    path.write_text("Abteilung;Werkzeug\r\nIT;Wiki\r\nIT;\u200b\u200b\r\n", "utf-8")
    with pytest.raises(InputErrors) as caught:
        import_file(planner.workspace, planner.catalog, planner.pseudonym_key, plan, path)
    [error] = caught.value.errors
    assert (error.line, error.message) == (3, "tool: empty")
    with pytest.raises(InputError, match="needs a name"):
        add_tool(planner.workspace, planner.catalog, plan, "\u200b\ufeff")


def _signins(tmp_path: Path) -> Path:
    records = [
        {
            "createdDateTime": "2026-11-02T08:00:00Z",
            "userPrincipalName": f"u{i}@contoso.example",
            "appDisplayName": name,
            "appId": f"{i:08d}-1111-2222-3333-444444444444",
            "status": {"errorCode": 0},
        }
        for i, name in enumerate(LOOKALIKES)
    ]
    path = tmp_path / "signins.json"
    path.write_text(json.dumps({"value": records}, ensure_ascii=False), "utf-8")
    return path


def test_the_cli_triage_list_marks_lookalikes(workspace_db: str, tmp_path: Path) -> None:
    db = workspace_db
    assert planner_cli("--db", db, "plan", "new", "acme", "--start", "2027-01-04").returncode == 0
    assert planner_cli("discover", "import", str(_signins(tmp_path)), "--db", db).returncode == 0
    table = planner_cli("discover", "hosts", "--db", db).stdout
    for code in LOOKALIKES.values():
        assert "⚠" in table and code in table, table
    keys = {
        r["host"]
        for r in json.loads(planner_cli("discover", "hosts", "--db", db, "--format", "json").stdout)
    }
    assert keys == {f"app:{name}" for name in LOOKALIKES}  # data: the keys as they are


async def test_the_tui_triage_table_marks_lookalikes(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    import_file(planner.workspace, planner.catalog, planner.pseudonym_key, plan, _signins(tmp_path))
    app = PlannerApp(planner)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        app.screen.query_one(TabbedContent).active = "hosts-tab"
        await pilot.pause()
        await pilot.press("g")  # one host at a time
        await pilot.pause()
        table = app.screen.query_one("#hosts", DataTable)
        shown = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
    for name, code in LOOKALIKES.items():
        assert any(row.startswith(f"app:{name}") and "⚠" in row and code in row for row in shown)
