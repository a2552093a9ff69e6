"""Screen 6's `o`: the HTML review pack written in a worker and handed to the browser."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest

from planner.bootstrap import Planner
from planner.tui.app import PlannerApp
from tests.conftest import DemoAt
from tests.tui.conftest import go_to

TODAY = dt.date(2026, 11, 23)


def _record_notifications(app: PlannerApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    notify = app.notify

    def record(message: str, *args: Any, **kwargs: Any) -> None:
        messages.append(message)
        notify(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", record)
    return messages


@pytest.fixture
def demo(demo_at: DemoAt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Planner:
    monkeypatch.chdir(tmp_path)
    planner = demo_at(tmp_path / "d.sqlite", today=TODAY)
    return planner


async def test_o_writes_the_report_and_opens_it(
    demo: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    app = PlannerApp(demo)
    messages = _record_notifications(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
    # Beside the workspace (plans/), not in a temporary folder that vanishes.
    reports = list((tmp_path / "plans").glob("hexaline-2027.html"))
    assert len(reports) == 1
    page = reports[0].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<section id="timeline">' in page
    assert opened == [reports[0].resolve().as_uri()]
    assert any(
        m.startswith(f"HTML report (opened in your browser) written to {reports[0].resolve()}")
        for m in messages
    ), messages
    assert app.last_written == reports[0].resolve()


async def test_without_a_display_the_path_is_shown_and_no_browser_starts(
    demo: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    app = PlannerApp(demo)
    messages = _record_notifications(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "6")
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#review-written").render())
    assert opened == []
    report = (tmp_path / "plans" / "hexaline-2027.html").resolve()
    assert report.is_file()
    assert any(f"written to {report}" in m for m in messages), messages
    # The path stays on screen after the toast is gone.
    assert str(report) in shown.replace("\n", "")
