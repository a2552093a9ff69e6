"""The organisation in the TUI, driven by keys at 80x24 on the demo: audiences on the
Inventory screen's Audiences tab (add, edit, delete after asking) and the organisation
profile (suites with tiers, countries) from the dashboard. Each saves through the service
the CLI uses, and a wrong value is named beside its field in the CLI's words."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from planner.bootstrap import Planner
from planner.services.audiences import add_audience, list_audiences
from planner.services.plans import get_plan
from planner.tui.app import PlannerApp
from planner.tui.screens.dialog import REQUIRED
from planner.tui.screens.modals import ConfirmScreen
from planner.tui.screens.profile_form import ProfileForm
from planner.tui.screens.records.audience import AudienceForm
from tests.tui.conftest import go_to, until
from tests.tui.test_record_forms import _error_beside

PLAN = "hexaline-2027"


async def _audiences_tab(pilot) -> DataTable:  # type: ignore[no-untyped-def,type-arg]
    await go_to(pilot, "3")
    await pilot.press("left_square_bracket")  # from the first tab back round to the last
    screen = pilot.app.screen
    await until(pilot, lambda: screen.query_one("#inventory-tabs").active == "inv-audiences")
    table = screen.query_one("#audiences", DataTable)
    table.focus()
    await pilot.pause()
    return table


async def test_a_manager_adds_an_audience_from_the_inventory_at_80x24(
    demo_planner: Planner,
) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _audiences_tab(pilot)
        assert table.row_count == 0
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AudienceForm))
        form = app.screen
        await pilot.press("enter")  # saved empty: the name is missing
        await pilot.pause()
        assert app.screen is form
        assert _error_beside(app, "name") == REQUIRED
        await pilot.press(*"Shop floor", "tab", *"600")
        await pilot.press("tab", "space")  # frontline
        await pilot.press("tab", "space")  # e-mail: ticked for a new audience, so unticked
        await pilot.press("tab", "space")  # shared devices
        await pilot.press("tab", *"de, p1")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form, "a wrong language code was saved"
        assert "'p1' is not an ISO 639 code" in _error_beside(app, "languages")
        form.query_one("#languages", Input).value = "de, pl"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not form)
        await until(pilot, lambda: table.row_count == 1)
    [audience] = list_audiences(demo_planner.workspace, PLAN)
    assert (audience.name, audience.people, audience.languages) == ("Shop floor", 600, ("de", "pl"))
    assert (audience.frontline, audience.email, audience.shared_devices) == (True, False, True)


async def test_enter_edits_the_highlighted_audience_keeping_what_was_not_changed(
    demo_planner: Planner,
) -> None:
    ws = demo_planner.workspace
    add_audience(ws, PLAN, "Office staff", {"people": 2400, "languages": ["de"]})
    add_audience(ws, PLAN, "Stores", {"people": 6500, "frontline": True, "email": False})
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _audiences_tab(pilot)
        assert table.row_count == 2
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, AudienceForm))
        form = app.screen
        assert form.query_one("#name", Input).value == "Stores"
        assert form.query_one("#people", Input).value == "6500"
        form.query_one("#people", Input).value = "6800"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not form)
        await pilot.pause()
        assert "6,800" in str(table.get_row_at(1)[1])
    stores = {a.name: a for a in list_audiences(ws, PLAN)}["Stores"]
    assert (stores.people, stores.frontline, stores.email) == (6800, True, False)


async def test_d_deletes_an_audience_only_once_confirmed(demo_planner: Planner) -> None:
    ws = demo_planner.workspace
    add_audience(ws, PLAN, "Stores", {"people": 6500})
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _audiences_tab(pilot)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # cancelled: nothing deleted
        await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert [a.name for a in list_audiences(ws, PLAN)] == ["Stores"]
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: table.row_count == 0)
    assert list_audiences(ws, PLAN) == []


async def test_the_organisation_profile_takes_suites_with_tiers_and_countries(
    demo_planner: Planner,
) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, ProfileForm))
        form = app.screen
        suites = form.query_one("#suites", Input)
        countries = form.query_one("#countries", Input)
        assert suites.value == "microsoft-365:E3"  # the demo's, to be changed
        suites.value = "google-workspace:business-standard, microsoft-365:E9"
        countries.value = "DE, US"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form, "an unknown tier was saved"
        assert "unknown microsoft-365 tier 'E9'" in _error_beside(app, "suites")
        assert _error_beside(app, "countries") == ""
        suites.value = "google-workspace:business-standard, microsoft-365:E3"
        countries.value = "DE, XX"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form, "an unknown country was saved"
        assert "unknown country code 'XX'" in _error_beside(app, "countries")
        countries.value = "de, us"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not form)
        await pilot.pause()
        shown = str(app.screen.query_one("#profile").render())
        assert "google-workspace:Business Standard, microsoft-365:E3" in shown  # canonical
        assert "DE, US" in shown
        plan = get_plan(demo_planner.workspace, PLAN)
        assert plan.suites == ("google-workspace:Business Standard", "microsoft-365:E3")
        assert plan.countries == ("DE", "US")
        # ctrl+z gives the demo's profile back
        await pilot.press("ctrl+z")
        await until(pilot, lambda: get_plan(demo_planner.workspace, PLAN).countries == ("FR",))
    plan = get_plan(demo_planner.workspace, PLAN)
    assert (plan.suites, plan.countries) == (("microsoft-365:E3",), ("FR",))
