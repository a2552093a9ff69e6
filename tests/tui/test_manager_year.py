"""The demo's year carried on by a manager in the TUI alone, at 80x24: evidence imported
through the import dialog, a host triaged, a vendor reviewed, a pilot started with a KPI, run,
measured and decided, a feature and a training milestone added, progress recorded and the
last milestone marked done. The plan's state is then checked through the services."""

from __future__ import annotations

from typing import Any

from textual.widgets import Button, Input, TabbedContent

from planner.bootstrap import Planner
from planner.services.discover.triage import list_hosts
from planner.services.inventory import inventory_report
from planner.services.pilots import list_pilots
from planner.services.rollout import rollout
from planner.services.tools import get_tool
from planner.tui.app import PlannerApp
from planner.tui.screens.forms import TriageForm
from planner.tui.screens.import_dialog import ImportDialog
from planner.tui.screens.inventory_forms import VendorReviewForm
from planner.tui.screens.pilot_forms import DecideForm, MeasureForm, NewPilotForm, StatusForm
from planner.tui.screens.records.feature import FeatureForm
from planner.tui.screens.records.training import TrainingForm, TrainingUpdateForm
from planner.tui.widgets.record_table import RecordTable
from tests.conftest import DATA
from tests.tui.conftest import go_to, until

LOG = DATA / "discover" / "week1.squid.log"


async def _form(pilot: Any, kind: type) -> Any:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, kind) and bool(app.screen.query("#ok")))
    assert isinstance(app.screen, kind), f"{kind.__name__} did not open"
    return app.screen


async def _save(pilot: Any, form: Any, **values: str) -> None:
    """Type ``values`` into the form (Selects chosen) and press its OK button."""
    for name, value in values.items():
        widget = form.query_one(f"#{name}")
        widget.value = value
    form.query_one("#ok", Button).press()
    await until(pilot, lambda: pilot.app.screen is not form)
    errors = [str(e.render()) for e in form.query(".field-error")]
    assert pilot.app.screen is not form, errors


async def _table(pilot: Any, table_id: str, tab: str | None = None) -> RecordTable:
    app = pilot.app
    if tab is not None:
        app.screen.query_one(TabbedContent).active = tab
    table = app.screen.query_one(f"#{table_id}", RecordTable)
    await until(pilot, lambda: table.region.width > 0 and table.row_count > 0)
    table.focus()
    await until(pilot, lambda: app.focused is table)
    return table


async def test_a_manager_carries_the_demo_year_in_the_tui_at_80x24(
    demo_planner: Planner,
) -> None:
    planner = demo_planner
    ws = planner.workspace
    app = PlannerApp(planner)
    async with app.run_test(size=(80, 24)) as pilot:
        # Discover: import a week of proxy log through the dialog.
        await go_to(pilot, "2")
        await pilot.press("i")
        dialog = await _form(pilot, ImportDialog)
        dialog.query_one("#path", Input).value = str(LOG)
        dialog.query_one("#ok", Button).press()
        await until(pilot, lambda: not isinstance(app.screen, ImportDialog))
        assert not isinstance(app.screen, ImportDialog)
        hosts = {h.host for h in list_hosts(ws, None, limit=None)[0]}
        assert "teamtool.example.net" in hosts

        # Triage a host: a custom tool made of it.
        table = await _table(pilot, "hosts", "hosts-tab")
        await pilot.press("g")  # one host a row
        await until(pilot, lambda: "h:teamtool.example.net" in table.shown_keys)
        table.move_to_key("h:teamtool.example.net")
        await pilot.press("c")
        form = await _form(pilot, TriageForm)
        await _save(pilot, form, name="Team Tool", category="internal")
        assert get_tool(ws, None, "team-tool").log_users > 0

        # Inventory: review a vendor's strategy.
        await go_to(pilot, "3")
        table = await _table(pilot, "vendors", "inv-vendors")
        vendor = table.current_key
        assert vendor is not None
        await pilot.press("enter")
        form = await _form(pilot, VendorReviewForm)
        await _save(pilot, form, rating="watch", note="Roadmap unclear", reviewer="CIO")

        # Pilots: a pilot of the first candidate, with one KPI; measured, then decided.
        await go_to(pilot, "4")
        before = {p.id for p in list_pilots(ws, None)}
        await _table(pilot, "candidates")
        await pilot.press("n")
        form = await _form(pilot, NewPilotForm)
        await _save(pilot, form, kpis="weekly-active-pct=60")
        [new_id] = {p.id for p in list_pilots(ws, None)} - before
        table = await _table(pilot, "pilots")
        await until(pilot, lambda: new_id in table.shown_keys)
        for status in ("approved", "running"):  # it runs before it is measured
            table.move_to_key(new_id)
            await pilot.press("s")
            form = await _form(pilot, StatusForm)
            await _save(pilot, form, status=status)
        table.move_to_key(new_id)
        await pilot.press("m")
        form = await _form(pilot, MeasureForm)
        await _save(pilot, form, kpi="weekly-active-pct", value="72")
        table.move_to_key(new_id)
        await pilot.press("c")
        form = await _form(pilot, DecideForm)
        await _save(pilot, form, decision="adopt", rationale="Above its target")

        # Rollout: a feature, a training milestone, progress, the last milestone done.
        await go_to(pilot, "5")
        await _table(pilot, "features")
        await pilot.press("a")
        form = await _form(pilot, FeatureForm)
        await _save(pilot, form, title="Kudos in the intranet", due="2027-06-01")
        table = await _table(pilot, "training")
        await pilot.press("a")
        form = await _form(pilot, TrainingForm)
        await _save(pilot, form, title="Finance onboarding", department="Finance",
                    audience="12", due="2027-06-30")  # fmt: skip
        added = next(t.id for t in rollout(ws, None).trainings if t.title == "Finance onboarding")
        await until(pilot, lambda: added in table.shown_keys)
        table.move_to_key(added)
        await pilot.press("enter")
        form = await _form(pilot, TrainingUpdateForm)
        await _save(pilot, form, trained="5")
        last = table.shown_keys[-1]
        table.move_to_key(last)
        await pilot.press("enter")
        form = await _form(pilot, TrainingUpdateForm)
        form.query_one("#done", Button).press()
        await until(pilot, lambda: app.screen is not form)

    # The plan, as the services give it.
    report = inventory_report(ws, planner.catalog, None, planner.today())
    review = next(v.review for v in report.vendors if v.product.id == vendor)
    assert review is not None and (review.rating, review.reviewer) == ("watch", "CIO")
    pilot_ = next(p for p in list_pilots(ws, None) if p.id == new_id)
    assert [k.kpi for k in pilot_.criteria] == ["weekly-active-pct"]
    assert [(m.kpi, m.value) for m in pilot_.measurements] == [("weekly-active-pct", 72)]
    assert pilot_.decision == "adopt" and pilot_.closed
    plan = rollout(ws, None)
    assert "Kudos in the intranet" in {f.title for f in plan.features}
    trainings = {t.id: t for t in plan.trainings}
    assert trainings[added].trained == (12 if added == last else 5)
    assert trainings[last].completion == 1.0
    assert not any(h.host == "teamtool.example.net" for h in list_hosts(ws, None, limit=None)[0])
