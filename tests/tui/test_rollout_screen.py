"""Screen 5 driven with Pilot, and one snapshot of the timeline (dates frozen)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from textual.widgets import DataTable, Input

from planner.bootstrap import Planner
from planner.services.rollout import rollout
from planner.tui.app import PlannerApp
from planner.tui.screens.records.training import TrainingUpdateForm
from planner.tui.widgets.timeline import timeline_text
from tests.conftest import DemoAt

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo(demo_at: DemoAt, tmp_path: Path) -> Planner:
    planner = demo_at(tmp_path / "demo.sqlite", today=TODAY)
    return planner


async def test_rollout_screen_shows_training_and_features(demo: Planner) -> None:
    app = PlannerApp(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        training = app.screen.query_one("#training", DataTable)
        rows = [training.get_row_at(i) for i in range(training.row_count)]
        sales = next(r for r in rows if r[0].plain == "Sales onboarding kit")
        assert sales[5].plain == "62/90"
        assert any(span.style == "bold red" for span in sales[0].spans)  # late
        first = str(training.coordinate_to_cell_key((0, 0)).row_key.value)
        await pilot.press("enter")  # the first row's milestone
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TrainingUpdateForm)
        form.query_one("#trained", Input).value = "30"
        form.query_one("#ok").press()
        await pilot.pause()
    it = next(t for t in rollout(demo.workspace, None).trainings if t.id == first)
    assert it.trained == 30 and it.updates[-1].on == TODAY


async def test_timeline_snapshot(demo: Planner, snapshot: SnapshotAssertion) -> None:
    from planner.services.rollout import timeline

    start, rows = timeline(demo.workspace, None, TODAY)
    wide = timeline_text(rows, start, TODAY, 118)
    narrow = timeline_text(rows, start, TODAY, 78)
    assert max(len(line) for line in narrow.plain.splitlines()) <= 78
    assert wide.plain == snapshot(name="timeline-120")
    assert narrow.plain == snapshot(name="timeline-80")
