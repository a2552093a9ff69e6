"""Screen 6, Review: what changed since the last export (or against a chosen file), the
import of a reviewed file after a confirmation that lists what will change, the plan
file exactly as reviewers will read it, and the HTML review pack opened in a browser.

The dialogs it opens (and ``export_asking``, shared with the command palette) are in
:mod:`~planner.tui.screens.review_dialogs`."""

from __future__ import annotations

import os
import sys
import webbrowser
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Static

from planner.domain.plan import slugify
from planner.domain.plan_diff import Change
from planner.domain.text import visible
from planner.domain.words import counted
from planner.errors import PlannerError
from planner.services.plan_import import import_plan
from planner.services.review import Comparison, review_view
from planner.tui.screens.base import PlanScreen
from planner.tui.screens.merge import MergeScreen
from planner.tui.screens.review_dialogs import (
    ConfirmImport,
    ConfirmOverwrite,
    change_detail,
    change_row,
    export_asking,
)
from planner.tui.widgets.record_table import RecordTable
from planner.tui.widgets.table_columns import Col
from planner.tui.widgets.text_lines import TextLines

# The dialogs live in review_dialogs; they are named here too, beside the screen that asks.
__all__ = ["ConfirmImport", "ConfirmOverwrite", "ReviewScreen", "export_asking"]


# A plan text of more lines than this is drawn line by line (see ReviewScreen._show_text).
LONG_TEXT = 20_000


class ReviewScreen(PlanScreen):
    DEFAULT_CSS = """
    ReviewScreen #change-detail {
        height: auto;
        max-height: 5;
        padding: 0 1;
        border-top: solid $primary-darken-2;
    }
    ReviewScreen #plan-yaml, ReviewScreen #yaml-log {
        border-top: solid $primary-darken-2;
    }
    ReviewScreen #yaml-log {
        display: none;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export"),
        Binding("i", "import_file", "Import file"),
        Binding("c", "compare", "Compare"),
        Binding("o", "open_report", "HTML report"),
        Binding("E", "edit_file", "Edit file", show=False, tooltip="Open the plan file in $EDITOR"),
    ]
    # These keys are letters: while the path box has focus they are text, never actions.
    _LETTER_ACTIONS = frozenset({"export", "import_file", "compare", "open_report"})

    def __init__(self) -> None:
        super().__init__()
        self._changes: list[Change] = []
        self._exported = True

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            "Review — changes since this workspace last exported the plan, or against a "
            "colleague's file typed below (c types a path, Enter compares, Esc back to the "
            "table; i imports after confirmation, e exports, o opens the HTML review pack).",
            classes="intro",
            markup=False,
        )
        yield Input(
            placeholder="plan file to compare, import or export to (empty: the last "
            "export; NAME.yaml in the files folder, set with ctrl+p)",
            id="review-file",
            compact=True,
        )
        yield Static("", id="review-status", markup=False)
        yield Static("", id="review-written", markup=False)
        # e keeps meaning Export here (Enter opens a change); the table's other keys stand.
        yield RecordTable(
            "change",
            id="changes",
            bindings=[
                Binding("e", "screen.export", "Export"),
                # the footer keeps room for the screen's keys: / still filters (? lists it)
                Binding("slash", "filter", "Filter", key_display="/", show=False),
            ],
        )
        yield Static("", id="change-detail", markup=False)
        with VerticalScroll(id="plan-yaml"):
            yield Static("", id="yaml", markup=False)
        yield TextLines(id="yaml-log")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#changes", RecordTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self._LETTER_ACTIONS and isinstance(self.app.focused, Input):
            return None  # typed into the path box (shown dimmed in the footer)
        return super().check_action(action, parameters)

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _focus_moved(self) -> None:
        self.refresh_bindings()

    def _path(self) -> Path | None:
        text = self.query_one("#review-file", Input).value.strip()
        return Path(text).expanduser() if text else None

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        self._fill_table()

    def _fill_table(self) -> None:
        table = self.query_one("#changes", RecordTable)
        # Section, id, change and field take at most 10 + 18 + 7 + 16 columns and padding:
        # old and new share the rest, so both show at 80 columns (cut with …) and the
        # highlighted change is shown in full underneath.
        width = max(8, (self.size.width - 63) // 2)
        table.set_columns(
            [
                "Section",
                "Id",
                "Change",
                "Field",
                Col("Exported" if self._exported else "In the file", width),
                Col("Now", width),
            ]
        )
        table.set_rows((str(i), change_row(c, width)) for i, c in enumerate(self._changes))
        self._show_detail()

    @on(DataTable.RowHighlighted, "#changes")
    def _show_detail(self) -> None:
        detail = self.query_one("#change-detail", Static)
        key = self.query_one("#changes", RecordTable).current_key
        if not self._changes or key is None:
            detail.display = False
            return
        detail.display = True
        change = self._changes[int(key)]
        detail.update(change_detail(change, "exported" if self._exported else "in the file", "now"))

    def _default_file(self) -> Path:
        from planner.services.review import export_target
        from planner.services.user_state import files_folder

        try:
            name = export_target(self.plan_name or "plan", None).name
        except PlannerError:
            name = "NAME.yaml"
        return files_folder(self.planner.settings.db) / name

    def refresh_data(self) -> None:
        if self.plan_name is None:
            return
        self._show_written()
        self.load(partial(self._read, self.plan_name, self._path()), "Reading a large plan…")

    def _read(self, plan: str, path: Path | None, show: Callable[..., None]) -> None:
        """The comparison first (the status line and the changes: what the screen opens
        on), then the plan's text, read apart (on a large plan, seconds later)."""
        planner = self.planner
        text, _ = review_view(
            planner.workspace,
            planner.catalog,
            plan,
            planner.today(),
            path,
            compared=lambda found: show(self._show, path, found),
        )
        show(self._show_text, text)

    def _show(self, path: Path | None, found: Comparison | PlannerError) -> None:
        status = self.query_one("#review-status", Static)
        self._changes, self._exported = [], path is None
        if isinstance(found, PlannerError):
            self._fill_table()
            status.update(Text(visible(str(found)), style="red"))
            return
        if found.changes is None:
            self._fill_table()
            status.update(
                Text(
                    "Not exported from this workspace yet: e exports the plan to "
                    f"{visible(self._default_file())}."
                    if found.exported
                    else visible(f"No file at {found.source} yet: e exports the plan there.")
                )
            )
            return
        self._changes = found.changes
        self._fill_table()
        status.update(
            Text(
                visible(
                    f"{counted(len(found.changes), 'change')} between {found.source} "
                    "and the plan now"
                    if found.changes
                    else f"The plan matches {found.source}."
                )
            )
        )

    def _show_text(self, text: str) -> None:
        """The plan's YAML: a Static lays out every line it holds, which for a 60,000-tool
        plan's million lines took gigabytes; a long text goes to a ``TextLines``, which
        draws only the lines on screen."""
        long = text.count("\n") + 1 > LONG_TEXT
        self.query_one("#plan-yaml").display = not long
        lines = self.query_one("#yaml-log", TextLines)
        lines.display = long
        lines.show(text if long else "")
        if long:
            self.query_one("#yaml", Static).update("")
        else:
            self.query_one("#yaml", Static).update(Text(visible(text, multiline=True)))

    @on(Input.Submitted, "#review-file")
    def compare_typed(self) -> None:
        """Enter in the path box compares; the box keeps focus so the path can be edited."""
        self.refresh_data()

    def action_compare(self) -> None:
        """c: into the path box (Enter compares, Esc goes back to the table)."""
        self.query_one("#review-file", Input).focus()

    def key_escape(self) -> None:
        if isinstance(self.app.focused, Input):
            self.query_one("#changes", RecordTable).focus()

    def action_export(self) -> None:
        """e: export to the typed path (default NAME.yaml in the workspace's plans folder,
        never the launch folder); a file this workspace
        did not write, or that changed since, is only overwritten after a confirmation."""
        if self.plan_name is not None:
            export_asking(self.planner_app, self.plan_name, self._path(), self.reload)

    def action_import_file(self) -> None:
        path = self._path()
        if path is None:
            self.notify("Type the reviewed file's path first (c)", severity="warning")
            return
        planner = self.planner
        try:
            preview = import_plan(
                planner.workspace, planner.catalog, path, today=planner.today(), dry_run=True
            )
        except PlannerError as exc:
            self.notify(visible(str(exc)), severity="error", markup=False, timeout=10)
            return
        if preview.details:
            self.app.push_screen(
                MergeScreen(path, preview.details),
                lambda choices: self._import(path, choices),
            )
            return
        if not preview.changes and not preview.created:
            self.notify(f"{visible(path)}: nothing to change", markup=False)
            return

        def done(go: bool | None) -> None:
            if go:
                self._import(path, {})

        self.app.push_screen(ConfirmImport(path, preview.changes), done)

    def _import(self, path: Path, resolutions: dict[tuple[str, str, str], str] | None) -> None:
        """Import ``path`` with the conflicts settled as chosen (None: cancelled)."""
        if resolutions is None:
            self.notify("Import cancelled: nothing was written", markup=False)
            return
        planner = self.planner
        try:
            result = import_plan(
                planner.workspace,
                planner.catalog,
                path,
                today=planner.today(),
                resolutions=resolutions,
            )
        except PlannerError as exc:
            self.notify(visible(str(exc)), severity="error", markup=False, timeout=10)
            return
        if result.conflicts and not result.written:
            # The workspace changed meanwhile (a conflict nobody saw): nothing written.
            lines = "\n".join(str(c) for c in result.conflicts[:5])
            self.notify(
                visible(
                    f"{counted(len(result.conflicts), 'conflict')}, nothing imported:\n{lines}",
                    multiline=True,
                ),
                severity="error",
                markup=False,
                timeout=20,
            )
            return
        notes = "".join(f"\n{n}" for n in result.notes[:5])
        self.notify(
            visible(f"Imported {path}: {result.describe()}{notes}", multiline=True),
            markup=False,
        )
        self.reload()

    def action_open_report(self) -> None:
        if self.plan_name is None:
            return
        self.notify("Writing the HTML report…", markup=False)
        self.write_report(self.plan_name)

    @work(thread=True, exclusive=True, exit_on_error=False, group="html-report")
    def write_report(self, plan: str) -> None:
        """Render the report into a private temporary directory and open it (off the UI
        thread: rendering reads the whole plan)."""
        from planner.services.report_html import write_report
        from planner.services.user_state import files_folder

        planner = self.planner
        try:
            folder = files_folder(planner.settings.db)
            folder.mkdir(parents=True, exist_ok=True)
            path = write_report(
                planner.workspace,
                planner.catalog,
                plan,
                planner.today(),
                folder / f"{slugify(plan)}.html",
            )
        except (PlannerError, OSError) as exc:
            self.app.call_from_thread(
                self.notify, visible(str(exc)), severity="error", markup=False, timeout=10
            )
            return
        opened = False
        if _graphical():
            try:
                opened = webbrowser.open(path.resolve().as_uri())
            except (webbrowser.Error, OSError):
                opened = False
        what = "HTML report" + (" (opened in your browser)" if opened else "")
        self.app.call_from_thread(self.planner_app.wrote, path, what)
        self.app.call_from_thread(self._show_written)

    def _show_written(self) -> None:
        """The last file written stays on screen (a toast goes away)."""
        written = self.planner_app.last_written
        if written is not None:
            self.query_one("#review-written", Static).update(
                Text(f"Last written: {visible(written)}  (y copies the path, E edits a plan file)")
            )

    def action_edit_file(self) -> None:
        """E: the typed file, else the last export, in $EDITOR."""
        from planner.services.review import export_target
        from planner.services.user_state import files_folder

        if self.plan_name is None:
            return
        path = self._path()
        if path is None:
            path = files_folder(self.planner.settings.db) / export_target(self.plan_name, None).name
        self.planner_app.edit_file(path)


def _graphical() -> bool:
    """Whether a browser can open without taking over this terminal: a text-mode browser
    (lynx, w3m), which is what webbrowser falls back to without a display, would fight the
    TUI for the screen."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
