"""The Discover screen driven with Pilot: classify, edit, filter, triage, import."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Button, DataTable, Input, Select, TabbedContent

from planner.bootstrap import Planner
from planner.domain.records.inventory import ToolChanges
from planner.services.discover import import_file
from planner.services.discover.triage import list_hosts
from planner.services.plans import create_plan
from planner.services.tools import get_tool, list_tools, update_tool
from planner.tui.app import PlannerApp
from planner.tui.screens.forms import ToolForm, TriageForm
from planner.tui.screens.import_dialog import ImportDialog
from tests.conftest import DATA
from tests.tui.conftest import go_to, until

LOGS = DATA / "discover"


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    import_file(
        planner.workspace, planner.catalog, planner.pseudonym_key, "acme", LOGS / "week1.squid.log"
    )
    return "acme"


def _names(app: PlannerApp, table_id: str) -> list[str]:
    table = app.screen.query_one(table_id, DataTable)
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]


async def test_tools_table_and_quick_classification(planner: Planner, plan: str) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert _names(app, "#tools") == ["Facebook", "Microsoft Viva Engage"]
        await pilot.press("t")  # first row: Facebook -> tolerated
        await pilot.pause()
    facebook = get_tool(planner.workspace, "acme", "facebook")
    assert facebook.status.value == "tolerated" and facebook.classified


async def test_edit_form_saves_owner_and_purposes(planner: Planner, plan: str) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ToolForm)
        form.query_one("#owner", Input).value = "Head of Marketing"
        form.query_one("#status", Select).value = "official"
        form.query_one("#purposes").select("visibility-brand")
        await pilot.click("#ok")
        await pilot.pause()
    facebook = get_tool(planner.workspace, "acme", "facebook")
    assert facebook.owner == "Head of Marketing"
    assert facebook.purposes == ("visibility-brand",)
    assert facebook.done_discovering


async def test_filter_as_you_type(planner: Planner, plan: str) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "2")
        await pilot.press("slash")
        await pilot.press(*"viva-eng")  # every cell counts: its product id here
        await until(pilot, lambda: _names(app, "#tools") == ["Microsoft Viva Engage"])
        assert _names(app, "#tools") == ["Microsoft Viva Engage"]
        await pilot.press("escape")
        assert app.focused is app.screen.query_one("#tools", DataTable)


async def test_triage_custom_tool_and_ignore(planner: Planner, plan: str) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        app.screen.query_one(TabbedContent).active = "hosts-tab"
        await pilot.pause()
        await pilot.press("g")  # one host at a time (grouped by domain by default)
        await pilot.pause()
        assert _names(app, "#hosts") == ["teamtool.example.net", "intranet-wiki.example.org"]
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TriageForm)
        form.query_one("#name", Input).value = "Team Tool"
        form.query_one("#category", Select).value = "internal"
        await pilot.click("#ok")
        await pilot.pause()
        assert _names(app, "#hosts") == ["intranet-wiki.example.org"]
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")  # ignoring a host asks first
        await pilot.pause()
        assert _names(app, "#hosts") == []
    assert list_hosts(planner.workspace, "acme")[1] == 0
    assert get_tool(planner.workspace, "acme", "team-tool").log_users == 2


async def test_import_dialog_runs_in_a_worker(planner: Planner, plan: str) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: app.current_mode == "discover")
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, ImportDialog))
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#path", Input).value = str(LOGS / "survey.csv")
        await pilot.click("#ok")
        # The dialog closes once its worker has imported the file (the worker belongs to
        # the dialog: wait for what the user sees, not for the worker object).
        await until(
            pilot,
            lambda: (
                not isinstance(app.screen, ImportDialog) and "Ideas Wall" in _names(app, "#tools")
            ),
        )
        assert not isinstance(app.screen, ImportDialog)
        assert "Ideas Wall" in _names(app, "#tools")
    assert {t.slug for t in list_tools(planner.workspace, "acme")} >= {"ideas-wall", "linkedin"}


async def test_import_dialog_reads_an_export_through_a_profile(planner: Planner, plan: str) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "2")
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, ImportDialog))
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#path", Input).value = str(DATA / "privacy" / "netskope.csv")
        dialog.query_one("#format", Select).value = "profile"
        dialog.query_one("#profile", Select).value = "netskope"
        await pilot.pause()  # the format's longer label takes two lines: the buttons move
        await pilot.click("#ok")
        await dialog.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
    assert "slack" in {t.slug for t in list_tools(planner.workspace, "acme")}


async def test_import_dialog_reports_a_bad_file(planner: Planner, plan: str, tmp_path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" * 100)
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: app.current_mode == "discover")
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, ImportDialog))
        dialog = app.screen
        dialog.query_one("#path", Input).value = str(junk)
        await pilot.click("#ok")
        await dialog.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        assert "junk.bin" in str(app.screen.query_one("#error").render())


async def test_add_a_tool_people_told_us_about(planner: Planner, plan: str) -> None:
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "2")
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "Plant WhatsApp groups"
        app.screen.query_one("#category", Select).value = "public"
        await pilot.click("#ok")
        await pilot.pause()
        assert "Plant WhatsApp groups" in _names(app, "#tools")
    tool = get_tool(planner.workspace, "acme", "plant-whatsapp-groups")
    assert tool.product is None and tool.category is not None
    assert tool.category.value == "public" and tool.sources == ("manual",)


async def test_custom_tool_gets_category_and_capabilities(planner: Planner, plan: str) -> None:
    from planner.services.tools import add_tool

    add_tool(planner.workspace, planner.catalog, "acme", "Ideas Box")
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "2")
        await pilot.press("slash", *"ideas", "escape", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ToolForm)
        form.query_one("#category", Select).value = "internal"
        form.query_one("#capabilities").select("ideation")
        form.query_one("#ok", Button).press()  # below the fold at 40 rows: the form scrolls
        await pilot.pause()
    tool = get_tool(planner.workspace, "acme", "ideas-box")
    assert tool.category is not None and tool.category.value == "internal"
    assert tool.capabilities == ("ideation",)


async def test_edit_conflict_shows_both_values_and_lets_the_user_choose(
    planner: Planner, plan: str
) -> None:
    from planner.tui.screens.conflict import ConflictScreen

    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "2")
        await pilot.press("e")  # the form opens on Facebook as it is now
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ToolForm)
        # Meanwhile a colleague saves the same tool.
        update_tool(
            planner.workspace, planner.catalog, "acme", "facebook", ToolChanges(owner="Colleague")
        )
        form.query_one("#owner", Input).value = "Me"
        form.query_one("#ok", Button).press()
        await pilot.pause()
        conflict = app.screen
        assert isinstance(conflict, ConflictScreen)
        table = conflict.query_one("#conflict", DataTable)
        rows = [tuple(c.plain for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert ("owner", "Colleague", "Me") in rows
        await pilot.click("#mine")
        await pilot.pause()
    assert get_tool(planner.workspace, "acme", "facebook").owner == "Me"


async def test_the_long_tail_by_domain_opens_and_decides_on_the_row_shown(
    planner: Planner, plan: str
) -> None:
    import_file(
        planner.workspace,
        planner.catalog,
        planner.pseudonym_key,
        "acme",
        LOGS / "longtail1.squid.log",
    )
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        app.screen.query_one(TabbedContent).active = "hosts-tab"
        await pilot.pause()
        names = _names(app, "#hosts")
        # the latest import saw bbc.co.uk first; example.net came with week 1
        assert names[0] == "▸ bbc.co.uk new"
        assert "▸ example.net" in names
        tab = app.screen.query_one(TabbedContent).get_tab("hosts-tab")
        assert "domains" in str(tab.label)
        await pilot.press("enter")  # opens bbc.co.uk: its hosts under it
        await pilot.pause()
        assert _names(app, "#hosts")[:4] == [
            "▾ bbc.co.uk new",
            "   news.bbc.co.uk new",
            "   static.bbc.co.uk new",
            "   www.bbc.co.uk new",
        ]
        await pilot.press("down", "x")  # on a host row: that host only
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "   news.bbc.co.uk new" not in _names(app, "#hosts")
        names = _names(app, "#hosts")  # bbc.co.uk has 2 users left: the order may change
        app.screen.query_one("#hosts", DataTable).move_cursor(row=names.index("▾ bbc.co.uk new"))
        await pilot.press("x")  # on the domain row: every host under it
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        # decided now: gone from the triage list, listed on the Decided tab (d takes it back)
        assert not [n for n in _names(app, "#hosts") if "bbc.co.uk" in n]
        assert "✓ bbc.co.uk" in _names(app, "#decided")
    hosts, _ = list_hosts(planner.workspace, "acme", unmatched=False, search="bbc")
    assert {h.decision for h in hosts} == {"ignored"}


async def test_the_decided_tab_lists_rules_and_d_takes_one_back(
    planner: Planner, plan: str
) -> None:
    from planner.services.discover.triage import decide_domain

    import_file(
        planner.workspace,
        planner.catalog,
        planner.pseudonym_key,
        "acme",
        LOGS / "longtail1.squid.log",
    )
    decide_domain(planner.workspace, planner.catalog, "acme", "bbc.co.uk", "ignored")
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "2")
        assert "▸ bbc.co.uk new" not in _names(app, "#hosts")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await until(pilot, lambda: app.focused is app.screen.query_one("#decided"))
        assert _names(app, "#decided")[0] == "✓ bbc.co.uk"
        decided = app.screen.query_one("#decided", DataTable)
        assert decided.get_row_at(0)[1].plain == "domain: ignored"
        await pilot.press("u")  # u is "unofficial" on the tools table only: nothing here
        await pilot.pause()
        assert not app.screen.is_modal
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")  # taking a decision back asks first
        await until(pilot, lambda: "✓ bbc.co.uk" not in _names(app, "#decided"))
        assert "▸ bbc.co.uk new" in _names(app, "#hosts")
        hosts, _ = list_hosts(planner.workspace, "acme", unmatched=False, search="bbc")
        assert {h.decision for h in hosts} == {None}
        await pilot.press("ctrl+z")  # and undo decides it again
        await until(pilot, lambda: "✓ bbc.co.uk" in _names(app, "#decided"))
    hosts, _ = list_hosts(planner.workspace, "acme", unmatched=False, search="bbc")
    assert {h.decision for h in hosts} == {"ignored"}
