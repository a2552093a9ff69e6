"""The record forms of phase 3 and the pilots, driven as a manager would at 80x24: keys
only, on the demo. Each saves through the service the CLI uses; errors all show at once,
beside their fields; a measurement of a closed pilot is refused before a form opens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Button, DataTable, Input

from planner.bootstrap import Planner
from planner.services.pilots import decide, list_pilots
from planner.services.rollout import rollout
from planner.tui.app import PlannerApp
from planner.tui.record_forms import OPENERS
from planner.tui.screens.dialog import DATE, REQUIRED
from planner.tui.screens.pilot_forms import MeasureForm
from planner.tui.screens.records.champion import ChampionForm
from planner.tui.screens.records.feature import FeatureForm
from planner.tui.screens.records.kpi import KpiForm
from planner.tui.screens.records.training import TrainingForm, TrainingUpdateForm
from tests.conftest import DemoAt
from tests.tui.conftest import each_in_one_app, go_to, plan_state, toasts, until


def _error_beside(app: PlannerApp, field: str) -> str:
    widget = app.screen.query_one(f"#{field}")
    siblings = list(widget.parent.children) if widget.parent else []
    after = siblings[siblings.index(widget) + 1 :][:1]
    return str(after[0].render()) if after and after[0].has_class("field-error") else ""


async def _type(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text)


async def test_a_manager_adds_a_training_milestone_and_marks_it_done_at_80x24(
    demo_planner: Planner,
) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "5")
        assert app.focused is app.screen.query_one("#training", DataTable)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, TrainingForm))
        form = app.screen
        # Saved empty: every missing field says so at once, the first one focused.
        await pilot.press("enter")
        await pilot.pause()
        assert _error_beside(app, "title") == REQUIRED
        assert _error_beside(app, "department") == REQUIRED
        assert app.focused is form.query_one("#title", Input)
        await _type(pilot, "Finance onboarding")
        await pilot.press("tab")
        await _type(pilot, "Finance")
        await pilot.press("tab")
        await _type(pilot, "12")
        await pilot.press("tab", "tab")  # past the format (workshop)
        await _type(pilot, "2027-02-30")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form, "an impossible date was saved"
        assert _error_beside(app, "due") == DATE
        form.query_one("#due", Input).value = "2027-06-30"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not form)
        added = {t.title: t for t in rollout(demo_planner.workspace, None).trainings}
        assert added["Finance onboarding"].audience == 12
        assert added["Finance onboarding"].department == "Finance"

        # Highlight it (the table is ordered by department) and open it with Enter.
        table = app.screen.query_one("#training", DataTable)
        await until(pilot, lambda: "finance-onboarding" in [r.value for r in table.rows])
        table.move_cursor(row=table.get_row_index("finance-onboarding"))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TrainingUpdateForm))
        update = app.screen
        assert update.query_one("#dialog-title").region.y >= 0
        await pilot.click("#done")
        await until(pilot, lambda: app.screen is not update)
    done = {t.title: t for t in rollout(demo_planner.workspace, None).trainings}
    assert done["Finance onboarding"].trained == 12
    assert done["Finance onboarding"].completion == 1.0


async def test_features_are_added_and_edited_from_rollout(demo_planner: Planner) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "5")
        features = app.screen.query_one("#features", DataTable)
        features.focus()
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, FeatureForm))
        form = app.screen
        await _type(pilot, "Kudos in the intranet")
        form.query_one("#due", Input).value = "soon"
        await pilot.press("enter")
        await pilot.pause()
        assert _error_beside(app, "due") == DATE
        form.query_one("#due", Input).value = "2027-06-01"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not form)
        titles = {f.title for f in rollout(demo_planner.workspace, None).features}
        assert "Kudos in the intranet" in titles
        # Enter on a feature opens it filled in; a change is saved.
        features.focus()
        features.move_cursor(row=0)
        first = rollout(demo_planner.workspace, None).features[0]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FeatureForm))
        edit = app.screen
        assert edit.query_one("#title", Input).value == first.title
        edit.query_one("#owner", Input).value = "Digital workplace team"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not edit)
    again = {f.id: f for f in rollout(demo_planner.workspace, None).features}
    assert again[first.id].owner == "Digital workplace team"


async def test_a_champion_is_named_from_rollout(demo_planner: Planner) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "5")
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ChampionForm))
        form = app.screen
        form.query_one("#department", Input).value = "Finance"
        form.query_one("#name", Input).value = "Finance lead"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not form)
    champions = rollout(demo_planner.workspace, None).champions
    assert ("Finance", "Finance lead") in {(c.department, c.name) for c in champions}


async def test_measuring_a_closed_pilot_is_refused_before_the_form_opens(
    demo_planner: Planner,
) -> None:
    pilots = list_pilots(demo_planner.workspace, None)
    closed = [p for p in pilots if p.closed]
    if not closed:  # close one the way a manager would
        target = next(p for p in pilots if p.criteria)
        decide(demo_planner.workspace, None, target.id, "reject", "too few users",
               demo_planner.today(), None, demo_planner.catalog)  # fmt: skip
    closed_id = next(p.id for p in list_pilots(demo_planner.workspace, None) if p.closed)
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "4")
        table = app.screen.query_one("#pilots", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(closed_id))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(app.screen, MeasureForm)
        assert any("closed" in str(n.message) for n in app._notifications)


async def test_kpi_targets_are_set_with_every_bad_one_shown(demo_planner: Planner) -> None:
    open_pilot = list_pilots(demo_planner.workspace, None)[0]
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "4")
        table = app.screen.query_one("#pilots", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(open_pilot.id))
        await pilot.press("k")
        await until(pilot, lambda: isinstance(app.screen, KpiForm))
        form = app.screen
        form.query_one("#weekly-active-pct", Input).value = "lots"
        form.query_one("#satisfaction-score", Input).value = "many"
        await pilot.press("enter")
        await pilot.pause()
        assert _error_beside(app, "weekly-active-pct")
        assert _error_beside(app, "satisfaction-score")
        form.query_one("#weekly-active-pct", Input).value = "75"
        form.query_one("#satisfaction-score", Input).value = ""
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not form)
    after = next(p for p in list_pilots(demo_planner.workspace, None) if p.id == open_pilot.id)
    targets = {k.kpi: k.target for k in after.criteria}
    assert targets["weekly-active-pct"] == 75
    assert "satisfaction-score" not in targets


# -- every record form's save is undone by ctrl+z ----------------------------------------------
def _running_pilot(planner: Planner) -> Any:
    """A pilot of the demo's plan that runs and tracks the weekly active share (made once:
    the forms opened on it before were undone)."""
    from planner.domain.records.pilot import PilotChanges
    from planner.services.pilots import add_pilot, get_pilot, parse_kpis, update_pilot

    ws = planner.workspace
    made = [p for p in list_pilots(ws, None) if p.id == "teams-pilot"]
    if made:
        return made[0]
    changes = PilotChanges(title="Teams pilot", departments=["Sales"], users=4,
                           start=dt.date(2027, 2, 1), end=dt.date(2027, 4, 30))  # fmt: skip
    pilot, _ = add_pilot(ws, planner.catalog, None, "microsoft-teams", changes,
                         kpis=parse_kpis(["weekly-active-pct=60"]))  # fmt: skip
    for status in ("approved", "running"):
        update_pilot(ws, None, pilot.id, status=status)
    return get_pilot(ws, None, pilot.id)


def _report(planner: Planner, tmp_path: Path) -> dict[str, str]:
    from tests.services.test_activity_reports import ROWS, viva

    path = viva(tmp_path / "engage.csv", "2027-02-14", ROWS)
    return {"path": str(path)}


def _audience(planner: Planner) -> Any:
    from planner.services.audiences import add_audience, list_audiences

    add_audience(planner.workspace, None, "Shop floor", {"people": 300})
    return list_audiences(planner.workspace, None)[0]


# For each form of OPENERS: the record it opens on (None: a new one) and what is typed.
Recipe = tuple[Callable[[Planner], Any], Callable[[Planner, Path], dict[str, str]]]
RECIPES: dict[str, Recipe] = {
    "training": (lambda p: rollout(p.workspace, None).trainings[0],
                 lambda p, _: {"trained": "7"}),
    "feature": (lambda p: rollout(p.workspace, None).features[0],
                lambda p, _: {"owner": "Digital workplace team", "status": "live"}),
    "champion": (lambda p: None, lambda p, _: {"department": "Sales", "name": "Inside sales"}),
    "kpi": (_running_pilot, lambda p, _: {"weekly-active-pct": "75", "posts-per-active-user": "2"}),
    "measurement": (_running_pilot, lambda p, _: {"kpi": "weekly-active-pct", "value": "40"}),
    "activity": (lambda p: f"pilot:{_running_pilot(p).id}", _report),
    "readiness": (lambda p: None, lambda p, _: {"department": "Sales", "awareness": "4",
                  "desire": "4", "knowledge": "3", "ability": "3", "reinforcement": "2"}),
    "audience": (_audience, lambda p, _: {"people": "450", "notes": "two shifts"}),
}  # fmt: skip


async def test_every_record_form_is_undone_by_ctrl_z(demo_at: DemoAt, tmp_path: Path) -> None:
    """Saved through its form, a record changes in the workspace; ctrl+z puts back exactly
    what was there (an added one gone, a changed one as it was) and names it. Every form of
    OPENERS in one app, each named by its kind when it fails, its record made just before."""
    planners: list[Planner] = []

    def new_app(n: int) -> PlannerApp:
        planners.append(demo_at(tmp_path / f"demo-{n}.sqlite"))
        app = PlannerApp(planners[-1])
        toasts(app)
        return app

    async def check(app: PlannerApp, pilot: Any, kind: str) -> None:
        planner, (opened_on, typed) = planners[-1], RECIPES[kind]
        record = opened_on(planner)
        values = typed(planner, tmp_path)
        start, steps, said = plan_state(planner), len(app.undo_stack), len(toasts(app))
        await go_to(pilot, "5")
        OPENERS[kind](app.screen, None, record, app.screen.reload)  # type: ignore[attr-defined]
        await until(pilot, lambda: app.screen.is_modal and bool(app.screen.query("#ok")))
        form = app.screen
        for name, value in values.items():
            form.query_one(f"#{name}").value = value  # type: ignore[attr-defined]
        form.query_one("#ok", Button).press()
        await until(pilot, lambda: app.screen is not form)
        assert app.screen is not form, [str(e.render()) for e in form.query(".field-error")]
        assert plan_state(planner) != start, f"{kind}: nothing saved"
        step = app.undo_stack.peek()
        assert step is not None and len(app.undo_stack) == steps + 1
        await pilot.press("ctrl+z")
        await until(pilot, lambda: plan_state(planner) == start)
        assert plan_state(planner) == start
        assert f"{step.label} — ctrl+z to undo" in toasts(app)[said:]  # the save said what
        assert f"Undone: {step.label}" in toasts(app)[said:]

    await each_in_one_app(sorted(OPENERS), new_app, (80, 24), check)
