"""Screen 6, Review: what changed since the last export (or against a chosen file), the
import of a reviewed file after a confirmation that lists what will change, the plan
file exactly as reviewers will read it, and the HTML review pack opened in a browser."""

from __future__ import annotations

import os
import sys
import tempfile
import webbrowser
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Static

from planner.domain.plan import slugify
from planner.domain.plan_diff import Change, show
from planner.domain.text import visible
from planner.errors import PlannerError
from planner.services.plan_import import import_plan
from planner.services.review import changes_on_import, changes_since, current_text
from planner.tui.screens.base import PlanScreen


def _row(change: Change) -> list[Text]:
    old = show(change.old) if change.kind == "changed" else ""
    new = show(change.new) if change.kind == "changed" else ""
    style = {"added": "green", "removed": "red"}.get(change.kind, "yellow")
    return [
        Text(visible(change.section)),
        Text(visible(change.id)),
        Text(change.kind, style=style),
        Text(visible(change.field)),
        Text(visible(old)[:60]),
        Text(visible(new)[:60]),
    ]


class ConfirmImport(ModalScreen[bool]):
    """Lists what importing the file will change; dismisses True to go ahead."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, path: Path, changes: list[Change]) -> None:
        super().__init__()
        self.path, self.changes = path, changes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(f"Import {visible(self.path)}?"), classes="dialog-title")
            yield Label(f"{len(self.changes)} change(s) to the plan:")
            table: DataTable[Text] = DataTable(id="import-changes", cursor_type="row")
            yield table
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import", variant="warning", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Section", "Id", "Change", "Field", "Now", "After import")
        for change in self.changes:
            table.add_row(*_row(change))

    @on(Button.Pressed, "#ok")
    def confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class ReviewScreen(PlanScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "app.export_plan", "Export"),
        Binding("i", "import_file", "Import file"),
        Binding("c", "compare", "Compare"),
        Binding("o", "open_report", "HTML report"),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            "Review — changes since the last export, or against a colleague's file "
            "(c compares, i imports after confirmation, e exports to plans/, "
            "o opens the HTML review pack in a browser).",
            classes="intro",
            markup=False,
        )
        yield Input(
            placeholder="plan file to compare or import (default: plans/NAME.yaml)",
            id="review-file",
            compact=True,
        )
        yield Static("", id="review-status", markup=False)
        yield DataTable(id="changes", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="plan-yaml"):
            yield Static("", id="yaml", markup=False)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#changes", DataTable).add_columns(
            "Section", "Id", "Change", "Field", "In the file", "Now"
        )
        self.query_one("#changes", DataTable).focus()

    def _path(self) -> Path | None:
        text = self.query_one("#review-file", Input).value.strip()
        return Path(text).expanduser() if text else None

    def refresh_data(self) -> None:
        if self.plan_name is None:
            return
        planner = self.planner
        text = current_text(planner.workspace, planner.catalog, self.plan_name, planner.today())
        self.query_one("#yaml", Static).update(Text(visible(text, multiline=True)))
        table = self.query_one("#changes", DataTable)
        table.clear()
        status = self.query_one("#review-status", Static)
        try:
            path, changes = changes_since(
                planner.workspace, planner.catalog, self.plan_name, planner.today(), self._path()
            )
        except PlannerError as exc:
            status.update(Text(visible(str(exc)), style="red"))
            return
        if changes is None:
            status.update(Text(visible(f"No file at {path} yet: e exports the plan there.")))
            return
        for change in changes:
            table.add_row(*_row(change))
        status.update(
            Text(
                visible(
                    f"{len(changes)} change(s) between {path} and the plan now"
                    if changes
                    else f"The plan matches {path}."
                )
            )
        )

    @on(Input.Submitted, "#review-file")
    def action_compare(self) -> None:
        if self.app.focused is not self.query_one("#review-file", Input):
            self.query_one("#review-file", Input).focus()
            return
        self.refresh_data()
        self.query_one("#changes", DataTable).focus()

    def action_import_file(self) -> None:
        path = self._path()
        if path is None:
            self.notify("Type the reviewed file's path first (c)", severity="warning")
            return
        planner = self.planner
        try:
            changes = changes_on_import(
                planner.workspace, planner.catalog, self.plan_name or "", planner.today(), path
            )
        except PlannerError as exc:
            self.notify(visible(str(exc)), severity="error", markup=False)
            return

        def done(go: bool | None) -> None:
            if not go:
                return
            try:
                result = import_plan(
                    planner.workspace, planner.catalog, path, today=planner.today()
                )
            except PlannerError as exc:
                self.notify(visible(str(exc)), severity="error", markup=False, timeout=10)
                return
            if result.conflicts and not result.written:
                # Nothing was written: say so, with the located conflicts (the CLI's
                # --theirs / --ours settle them).
                lines = "\n".join(str(c) for c in result.conflicts[:5])
                self.notify(
                    visible(
                        f"{len(result.conflicts)} conflict(s), nothing imported:\n{lines}",
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
            self.refresh_data()

        self.app.push_screen(ConfirmImport(path, changes), done)

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

        planner = self.planner
        try:
            folder = Path(tempfile.mkdtemp(prefix="planner-report-"))
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
        message = f"HTML report written to {visible(path)}" + (
            " and opened in your browser" if opened else ": open it in a browser"
        )
        self.app.call_from_thread(self.notify, message, markup=False, timeout=15)


def _graphical() -> bool:
    """Whether a browser can open without taking over this terminal: a text-mode browser
    (lynx, w3m), which is what webbrowser falls back to without a display, would fight the
    TUI for the screen."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
