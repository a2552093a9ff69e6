"""Files tied to the workspace (never the launch folder), the written path kept and
copyable, $EDITOR on a plan file, layout remembered between runs, Esc closing help, the
palette's key names and the Gantt legend's symbols."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from planner.bootstrap import Planner
from planner.domain.timeline import Row
from planner.tui.app import PlannerApp
from planner.tui.widgets.timeline import BAR, timeline_text
from tests.tui.conftest import case, go_to, until


async def test_export_with_an_empty_box_writes_beside_the_workspace(
    demo_planner: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launch = tmp_path / "launched-here"
    launch.mkdir()
    monkeypatch.chdir(launch)
    expected = Path(demo_planner.settings.db).resolve().parent / "plans" / "hexaline-2027.yaml"
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "6")
        await pilot.press("e")
        await until(pilot, expected.exists)
        assert expected.exists()
        assert not (launch / "plans").exists(), "wrote relative to the launch folder"
        await pilot.pause()
        shown = str(app.screen.query_one("#review-written", Static).render())
        assert str(expected) in shown.replace("\n", "")
        await pilot.press("y")
        assert app.clipboard == str(expected)


async def test_e_key_opens_the_plan_file_in_the_editor(
    demo_planner: Planner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    script = "import sys; open(sys.argv[1], 'a').write('# seen by the editor\\n')"
    monkeypatch.setenv("EDITOR", f'{sys.executable} -c "{script}"')
    monkeypatch.delenv("VISUAL", raising=False)
    target = Path(demo_planner.settings.db).resolve().parent / "plans" / "hexaline-2027.yaml"
    app = PlannerApp(demo_planner)

    @contextlib.contextmanager
    def suspended() -> Iterator[None]:  # a headless test terminal cannot suspend
        yield

    monkeypatch.setattr(app, "suspend", suspended)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "6")
        await pilot.press("e")
        await until(pilot, target.exists)
        await pilot.press("E")
        await until(pilot, lambda: "seen by the editor" in target.read_text())
    assert target.read_text().endswith("# seen by the editor\n")


async def test_screen_and_theme_are_remembered_between_runs(demo_planner: Planner) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "5")
        app.theme = "textual-light"
        await pilot.press("q")
    again = PlannerApp(demo_planner)
    async with again.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: again.current_mode == "rollout")
        assert again.current_mode == "rollout"
        assert again.theme == "textual-light"
        assert "phase 3" in again.sub_title


async def _escape_closes_help(app: PlannerApp, pilot: Pilot[None]) -> None:
    await pilot.press("question_mark")
    await until(pilot, lambda: bool(app.screen.query("HelpPanel")))
    await pilot.press("escape")
    await until(pilot, lambda: not app.screen.query("HelpPanel"))
    assert not app.screen.query("HelpPanel")


async def _the_palette_names_keys_plainly(app: PlannerApp, pilot: Pilot[None]) -> None:
    await pilot.pause()
    helps = [c.help for c in app.get_system_commands(app.screen)]
    assert helps
    keys = [h.split(" on ")[0] for h in helps if h.startswith("key ")]
    assert keys
    # one key each ("key ," is the comma key itself, not a list of keys)
    assert not [k for k in keys if "super" in k or ("," in k and k != "key ,")]


async def _adkar_scores_are_explained_where_they_are_shown(
    app: PlannerApp, pilot: Pilot[None]
) -> None:
    await go_to(pilot, "5")
    await pilot.pause()
    notes = str(app.screen.query_one("#adoption-actions", Static).render())
    assert "Awareness, Desire, Knowledge, Ability, Reinforcement" in notes


async def test_words_at_80x24(demo_planner: Planner) -> None:
    """The palette names keys plainly, Esc closes help, the ADKAR scores are explained where
    they are shown: in one app (an app's start is most of each check's CPU), each named in
    a failure."""
    failures: list[str] = []
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        with case(failures, "the palette names keys plainly"):
            await _the_palette_names_keys_plainly(app, pilot)
        with case(failures, "escape closes help"):
            await _escape_closes_help(app, pilot)
        with case(failures, "ADKAR scores explained"):
            await _adkar_scores_are_explained_where_they_are_shown(app, pilot)
    assert not failures, "\n".join(failures)


def test_the_gantt_tells_done_from_late_without_colour() -> None:
    start = dt.date(2027, 1, 1)
    rows = [
        Row("pilot", "Pilot A", start, dt.date(2027, 3, 1), "done"),
        Row("training", "Training B", start, dt.date(2027, 2, 1), "late"),
    ]
    text = timeline_text(rows, start, dt.date(2027, 4, 1), 80).plain
    lines = text.splitlines()
    done_line = next(line for line in lines if line.startswith("Pilot A"))
    late_line = next(line for line in lines if line.startswith("Training B"))
    assert BAR["done"] in done_line and BAR["late"] not in done_line
    assert BAR["late"] in late_line and BAR["done"] not in late_line
    assert BAR["done"] != BAR["late"]
    assert f"{BAR['done']} done" in lines[-1] and f"{BAR['late']} late" in lines[-1]


async def test_the_files_folder_is_set_once_from_the_palette_and_exports_follow(
    demo_planner: Planner, tmp_path: Path
) -> None:
    from textual.widgets import Input, Label

    from planner.tui.screens.review_dialogs import FilesFolderDialog

    chosen = tmp_path / "review packs"
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "6")
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Set the files folder…"
        )
        command.callback()
        await until(pilot, lambda: bool(app.screen.query("#folder")))
        dialog = app.screen
        assert isinstance(dialog, FilesFolderDialog)
        blocker = tmp_path / "a-file"
        blocker.write_text("x", encoding="utf-8")
        dialog.query_one("#folder", Input).value = str(blocker)
        await pilot.press("enter")
        await until(pilot, lambda: bool(dialog.query(".field-error")))
        error = str(dialog.query_one(".field-error", Label).render())
        assert error == f"{blocker}: is a file, not a folder"
        dialog.query_one("#folder", Input).value = str(chosen)
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, FilesFolderDialog))
        assert chosen.is_dir()
        await pilot.press("e")  # the export goes there, and so does the next run's
        await until(pilot, (chosen / "hexaline-2027.yaml").exists)
        assert (chosen / "hexaline-2027.yaml").exists()
    again = PlannerApp(demo_planner)
    async with again.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "6")
        await pilot.press("o")  # the HTML report too, in the next run
        await until(pilot, (chosen / "hexaline-2027.html").exists)
        assert (chosen / "hexaline-2027.html").exists()
