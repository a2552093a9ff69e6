"""Forms keep what was typed when the service refuses it, show the error inside, and open
with the first field focused; ban and ignore ask first."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, TabbedContent

from planner.bootstrap import Planner
from planner.services.discover import import_file
from planner.services.discover.triage import list_hosts
from planner.services.pilots import list_pilots
from planner.services.rollout import rollout
from planner.services.tools import list_tools
from planner.tui.app import PlannerApp
from planner.tui.screens.discover import DiscoverScreen
from planner.tui.screens.forms import AddToolForm, ToolForm
from planner.tui.screens.modals import ConfirmScreen
from planner.tui.screens.pilot_forms import NewPilotForm
from planner.tui.screens.records.training import TrainingUpdateForm
from tests.tui.conftest import case, go_to, open_form, until


def _beside(app: PlannerApp, field: str) -> str:
    """The error shown right under the field ``field`` ("" when there is none)."""
    widget = app.screen.query_one(f"#{field}")
    siblings = list(widget.parent.children) if widget.parent else []
    after = siblings[siblings.index(widget) + 1 :][:1]
    return str(after[0].render()) if after and after[0].has_class("field-error") else ""


async def _pilot_ending_before_it_starts(
    app: PlannerApp, pilot: Pilot[None], demo_planner: Planner
) -> None:
    before = len(list_pilots(demo_planner.workspace, None))
    await go_to(pilot, "4")
    table = app.screen.query_one("#candidates", DataTable)
    table.move_cursor(row=3)
    form = await open_form(pilot, "n", NewPilotForm)
    form.query_one("#start", Input).value = "2027-03-26"
    form.query_one("#end", Input).value = "2027-02-08"
    form.query_one("#users", Input).value = "40"
    form.query_one("#ok").press()
    await pilot.pause()
    assert app.screen is form, "the form closed on an error"
    assert "ends before it starts" in _beside(app, "end")
    assert app.focused is form.query_one("#end", Input)
    assert form.query_one("#users", Input).value == "40"  # what was typed is kept
    await pilot.press("escape")
    await pilot.pause()
    assert table.cursor_row == 3  # and the cursor did not move after the error
    assert len(list_pilots(demo_planner.workspace, None)) == before


async def _training_above_its_audience_keeps_the_form_open(
    app: PlannerApp, pilot: Pilot[None], demo_planner: Planner
) -> None:
    await go_to(pilot, "5")
    form = await open_form(pilot, "e", TrainingUpdateForm)
    assert app.focused is form.query_one("#trained", Input)  # first field focused
    form.query_one("#trained", Input).value = str(form.training.audience + 1)
    form.query_one("#ok").press()
    await pilot.pause()
    assert app.screen is form
    assert "more than the audience" in _beside(app, "trained")
    form.query_one("#trained", Input).value = "1"
    form.query_one("#ok").press()
    await pilot.pause()
    assert app.screen is not form
    trained = {t.id: t.trained for t in rollout(demo_planner.workspace, None).trainings}
    assert trained[form.training.id] == 1


async def _a_tool_that_already_exists_keeps_the_form_open(
    app: PlannerApp, pilot: Pilot[None], demo_planner: Planner
) -> None:
    existing = list_tools(demo_planner.workspace, None)[0].name
    await go_to(pilot, "2")
    form = await open_form(pilot, "a", AddToolForm)
    assert app.focused is form.query_one("#name", Input)
    await pilot.press(*existing)
    await pilot.press("enter")
    await pilot.pause()
    assert app.screen is form
    assert "already has a tool" in _beside(app, "name")
    assert form.query_one("#name", Input).value == existing


async def _tool_form_owner_after_one_tab_is_saved(
    app: PlannerApp, pilot: Pilot[None], demo_planner: Planner
) -> None:
    await go_to(pilot, "2")
    slug = app.screen.query_one("#tools", DataTable).coordinate_to_cell_key((0, 0)).row_key
    await open_form(pilot, "e", ToolForm)
    assert app.focused is app.screen.query_one("#status")  # the first field
    await pilot.press("tab", *"R&D PMO")
    assert app.focused is app.screen.query_one("#owner")
    await pilot.press("enter")  # Enter in a field saves the form
    await pilot.pause()
    assert isinstance(app.screen, DiscoverScreen)
    owners = {t.slug: t.owner for t in list_tools(demo_planner.workspace, None)}
    assert owners[slug.value] == "R&D PMO"


async def test_forms_on_the_demo(demo_planner: Planner) -> None:
    """Four forms in one app (an app's start is most of each check's CPU), each named in a
    failure; the two that change the demo (a training's count, a tool's owner) come last,
    each on a record no check before it touched."""
    failures: list[str] = []
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(120, 40)) as pilot:
        for name, check in [
            ("a pilot ending before it starts", _pilot_ending_before_it_starts),
            ("a tool that already exists", _a_tool_that_already_exists_keeps_the_form_open),
            ("training above its audience", _training_above_its_audience_keeps_the_form_open),
            ("the owner after one tab", _tool_form_owner_after_one_tab_is_saved),
        ]:  # fmt: skip
            with case(failures, name):
                await check(app, pilot, demo_planner)
            while app.screen.is_modal:  # a form a check left open, closed
                modal = app.screen  # before the key: the form may be gone when it returns
                await pilot.press("escape")
                await until(pilot, lambda m=modal: app.screen is not m)
    assert not failures, "\n".join(failures)


async def test_ban_and_ignore_ask_first_and_name_what_they_change(
    demo_planner: Planner, tmp_path: Path
) -> None:
    # The demo leaves nothing to triage (its last unknown host is a health site, set
    # aside): a log of one unknown host gives the Hosts tab a row to ignore.
    log = tmp_path / "proxy.log"
    log.write_text(
        "1772546530.000     10 10.0.0.5 TCP_TUNNEL/200 100 CONNECT teamtool.example.net:443 "
        "alice HIER_DIRECT/203.0.113.10 -\n"
    )
    import_file(demo_planner.workspace, demo_planner.catalog, demo_planner.pseudonym_key,
                None, log)  # fmt: skip
    tools = {t.slug: t for t in list_tools(demo_planner.workspace, None)}
    hosts_before, _ = list_hosts(demo_planner.workspace, None)
    assert hosts_before
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#tools", DataTable)
        slug = str(table.coordinate_to_cell_key((0, 0)).row_key.value)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert tools[slug].name in str(app.screen.query_one("#dialog-title", Label).render())
        await pilot.press("escape")  # cancelled: nothing changed
        await pilot.pause()
        now = {t.slug: t.status for t in list_tools(demo_planner.workspace, None)}
        assert now[slug] == tools[slug].status
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("enter")  # the confirm button has focus
        await pilot.pause()
        banned = {t.slug: t.status.value for t in list_tools(demo_planner.workspace, None)}
        assert banned[slug] == "banned"
        said = [n.message for n in app._notifications]
        # a one-key change says what it did, and how to take it back
        assert f"Marked {tools[slug].name} banned — ctrl+z to undo" in said

        app.screen.query_one(TabbedContent).active = "hosts-tab"
        await pilot.pause()
        await pilot.press("g")  # one host at a time (the tab groups by domain first)
        await pilot.pause()
        first = hosts_before[0].host
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert first in str(app.screen.query_one("#dialog-title", Label).render())
        await pilot.press("y")
        await pilot.pause()
    hosts_after, _ = list_hosts(demo_planner.workspace, None)
    assert first not in {h.host for h in hosts_after}
