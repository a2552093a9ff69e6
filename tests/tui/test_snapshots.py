"""Snapshots of screens 1-6 on the demo at 120x40 and 80x24 (7, Money, in
test_money_screen.py), as the text a terminal would show: a review reads them as plain
text, and a change of layout shows as a diff.

The demo is built for the frozen ``TODAY``, in a scratch working directory (screen 6 looks
for ``plans/NAME.yaml`` there); no clock is shown and text snapshots carry no cursor blink.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from planner.bootstrap import Planner
from planner.tui.app import PlannerApp
from tests.tui.conftest import case, go_to, until

SCREENS = {"1": "dashboard", "2": "discover", "3": "inventory", "4": "pilots", "5": "rollout"}
SCREENS["6"] = "review"


def screen_text(app: PlannerApp) -> str:
    """What the terminal shows, line by line, without styles (trailing spaces dropped)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def settled(app: PlannerApp) -> Callable[[], bool]:
    """A condition for ``until``: the screen shows its footer (the palette's key, at its
    right end at any width) and drew the same text twice in a row. A screen shown after
    others, in an app already running, may take a few frames to compose, lay out and load
    on a loaded machine."""
    seen: list[str] = []

    def check() -> bool:
        seen.append(screen_text(app))
        return len(seen) > 1 and seen[-1] == seen[-2] and "palette" in seen[-1].splitlines()[-1]

    return check


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_screen_snapshot(
    demo_planner: Planner,
    snapshot: SnapshotAssertion,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    """Each screen in turn in one app per size (an app's start is most of a snapshot's
    CPU), each named in a failure by its screen."""
    monkeypatch.chdir(tmp_path)
    # Files go beside the workspace, a temporary path that differs per run and worker:
    # a fixed one keeps the Review screen's default file path the same in every snapshot.
    monkeypatch.setattr(
        "planner.services.user_state.files_folder", lambda workspace: Path("/srv/plans")
    )
    failures: list[str] = []
    app = PlannerApp(demo_planner)
    async with app.run_test(size=size) as pilot:
        for key, mode in SCREENS.items():
            with case(failures, mode):
                await go_to(pilot, key)
                await app.workers.wait_for_complete()
                await pilot.pause()
                await until(pilot, settled(app))
                assert app.current_mode == mode
                assert screen_text(app) == snapshot(name=f"{mode}-{size[0]}x{size[1]}")
    assert not failures, "\n".join(failures)
