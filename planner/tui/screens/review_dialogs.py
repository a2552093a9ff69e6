"""The Review screen's dialogs and table rows: the confirmation that lists what importing a
reviewed file will change, the question before an export overwrites a file, the files
folder set once, and ``export_asking`` and ``set_files_folder``, which the screen and the
app's command palette share.

Kept apart from :mod:`~planner.tui.screens.review` so each module holds one job: this one
asks, the screen compares, imports and opens the report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, DataTable, Input, Label

from planner.domain.plan_diff import Change, show
from planner.domain.text import visible
from planner.domain.words import counted
from planner.errors import PlannerError
from planner.services.plan_file import export_plan
from planner.services.review import export_target, overwrite_warning
from planner.tui.screens.dialog import Dialog
from planner.tui.screens.modals import ConfirmScreen

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp

__all__ = [
    "ConfirmImport",
    "ConfirmOverwrite",
    "FilesFolderDialog",
    "change_detail",
    "change_row",
    "export_asking",
    "set_files_folder",
]


def _cut(value: str, width: int) -> str:
    return value if len(value) <= width else value[: max(1, width - 1)] + "…"


def change_row(change: Change, width: int = 60) -> list[Text]:
    old = show(change.old) if change.kind == "changed" else ""
    new = show(change.new) if change.kind == "changed" else ""
    style = {"added": "green", "removed": "red"}.get(change.kind, "yellow")
    return [
        Text(_cut(visible(change.section), 10)),
        Text(_cut(visible(change.id), 18)),
        Text(change.kind, style=style),
        Text(_cut(visible(change.field), 16)),
        Text(_cut(visible(old), width)),
        Text(_cut(visible(new), width)),
    ]


def change_detail(change: Change, before: str, after: str) -> Text:
    """One change in full, wrapped: what a narrow table cuts short."""
    text = Text()
    text.append(f"{visible(change.section)} {visible(change.id)}", style="bold")
    if change.kind != "changed":
        text.append(f" {change.kind}", style="green" if change.kind == "added" else "red")
        return text
    text.append(f" {visible(change.field)}\n", style="bold")
    for label, value, style in ((before, change.old, "red"), (after, change.new, "green")):
        shown = visible(show(value))
        text.append(f"\n{label}: " if label == after else f"{label}: ", style="dim")
        text.append(shown or "(empty)", style=style if shown else "dim italic")
    return text


class _YesNo(Dialog[bool]):
    """A question answered by its ``#ok`` button (True) or by Cancel / Escape (False)."""

    OK_VARIANT = "warning"

    @on(Button.Pressed, "#ok")
    def confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ConfirmImport(_YesNo):
    """Lists what importing the file will change; dismisses True to go ahead."""

    def __init__(self, path: Path, changes: list[Change]) -> None:
        super().__init__()
        self.path, self.changes = path, changes

    WIDE = True
    OK = "Import"

    def dialog_title(self) -> Text:
        return Text(f"Import {visible(self.path)}?")

    def body(self) -> ComposeResult:
        yield Label(f"{counted(len(self.changes), 'change')} to the plan:")
        table: DataTable[Text] = DataTable(id="import-changes", cursor_type="row")
        yield table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Section", "Id", "Change", "Field", "Now", "After import")
        width = max(8, (self.app.size.width - 70) // 2)
        for change in self.changes:
            table.add_row(*change_row(change, width))


class ConfirmOverwrite(ConfirmScreen):
    """Asks before an export replaces a file this workspace did not write (or that was
    changed since); dismisses True to overwrite. Cancel has the focus: Enter keeps the file."""

    AUTO_FOCUS = "#cancel"

    def __init__(self, message: str) -> None:
        super().__init__("Overwrite a file?", message, "Overwrite")


def export_asking(
    app: PlannerApp, plan: str, path: Path | None, after: Callable[[], None] | None = None
) -> None:
    """Export ``plan`` to ``path`` (default NAME.yaml in the workspace's files folder, see
    :func:`planner.services.user_state.files_folder`), first asking in a dialog when the file exists
    and this workspace did not write it or it changed since; ``after`` runs once the file
    is written (screen 6 refreshes its count)."""
    from planner.services.user_state import files_folder

    planner = app.planner
    try:
        target = export_target(plan, path)
        if path is None:  # never relative to the folder the TUI was started from
            target = files_folder(planner.settings.db) / target.name
        warning = overwrite_warning(planner.workspace, plan, target)
    except PlannerError as exc:
        app.notify(visible(str(exc)), severity="error", markup=False)
        return

    def go(yes: bool | None = True) -> None:
        if not yes:
            app.notify("Not exported: the file is unchanged", markup=False)
            return
        try:
            written = export_plan(planner.workspace, plan, planner.today(), target, planner.catalog)
        except (PlannerError, OSError) as exc:
            app.notify(visible(str(exc)), severity="error", markup=False, timeout=10)
            return
        app.wrote(written)
        if after is not None:
            after()

    if warning is None:
        go()
    else:
        app.push_screen(ConfirmOverwrite(warning), go)


class FilesFolderDialog(Dialog[Path | None]):
    """Set once where this workspace's plan files and HTML report go (exports, the "last
    export" compared with, ``planner plan export`` without ``-o``); blank goes back to
    ``plans/`` beside the workspace. Checked before it is kept: made if missing and
    written to, else one line beside the field. Dismisses with the folder now in use."""

    AUTO_FOCUS = "#folder"
    WIDE = True
    OK = "Set"

    def __init__(self, workspace: str) -> None:
        super().__init__()
        self.workspace = workspace

    def dialog_title(self) -> str:
        return "Set the files folder"

    def body(self) -> ComposeResult:
        from planner.services.user_state import chosen_folder, default_folder

        default = default_folder(self.workspace)
        chosen = chosen_folder(self.workspace)
        yield Label(
            Text(
                "Plan files (e exports NAME.yaml) and the HTML report (o) are written here. "
                f"Empty: {visible(default)}. A relative path starts from {visible(default.parent)}."
            ),
            classes="intro",
        )
        yield Label("Folder", classes="field-label")
        yield Input(value=visible(chosen) if chosen else "", placeholder=str(default), id="folder")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def set_folder(self) -> None:
        from planner.services.user_state import choose_folder

        try:
            folder = choose_folder(self.workspace, self.text_of("folder"))
        except PlannerError as exc:
            self.show_error(str(exc), "folder")
            return
        self.dismiss(folder)


def set_files_folder(app: PlannerApp, after: Callable[[], None] | None = None) -> None:
    """Open :class:`FilesFolderDialog` for the app's workspace; say where files go now."""

    def done(folder: Path | None) -> None:
        if folder is not None:
            app.notify(f"Plan files and reports now go to {folder}", timeout=8)
            if after is not None:
                after()

    app.push_screen(FilesFolderDialog(app.planner.settings.db), done)
