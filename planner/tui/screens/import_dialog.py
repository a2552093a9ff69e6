"""The Import evidence dialog of the Discover step: a log or survey imported in a worker
thread, with progress, cancellable; its path boxes complete from the file system.

It exists apart from :mod:`planner.tui.screens.forms` because it is no save-and-close form:
it runs a long import in a thread and closes once that worker is done.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.suggester import Suggester
from textual.widgets import Button, Input, ProgressBar, Select
from textual.worker import Worker, WorkerState

from planner.errors import PlannerError
from planner.tui.screens.dialog import Dialog
from planner.tui.screens.forms import field


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    fmt: str | None
    directory: Path | None
    profile: str | None = None  # a field-map profile's name or file (format "profile")
    encoding: str | None = None  # a survey's or directory's encoding (None: detected)


# The encodings offered (others can be given on the command line): what Excel and
# Windows tools write, besides UTF-8.
ENCODINGS = ("utf-8", "cp1252", "latin-1", "utf-16")


class PathSuggester(Suggester):
    """Completes a typed path with the first file or folder that starts with it."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, stem = (typed, "") if value.endswith(("/", "\\")) else (typed.parent, typed.name)
        try:
            names = sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir())
        except OSError:
            return None
        for name in names:
            if name.startswith(stem) and name != stem and not name.startswith("."):
                return value + name[len(stem) :]
        return None


def format_choices() -> list[tuple[str, str]]:
    """The dialog's format choices: guessing, then every format the registry knows."""
    from planner.services.discover import import_formats

    return [("guess from content", "auto"), *((label, name) for name, label in import_formats())]


class ImportDialog(Dialog[str | None]):
    """Import a log or survey in a worker thread, with progress; cancellable. The options
    are the CLI's ``discover import`` ones: format, profile, staff directory, encoding;
    the path boxes complete what is typed from the file system (Tab or → accepts)."""

    WIDE = True
    OK = "Import"

    def __init__(self, run: Any) -> None:
        super().__init__()
        self.run_import = run  # callable(request, progress, cancelled) -> summary text
        self.cancel_event = threading.Event()
        self.running = False
        self.imported: str | None = None  # the summary of an import that went through

    def dialog_title(self) -> str:
        return "Import evidence"

    def body(self) -> ComposeResult:
        from planner.services.discover import import_profiles

        yield from field(
            "File",
            Input(
                placeholder="a proxy log (.log, .gz) or a survey CSV",
                id="path",
                suggester=PathSuggester(),
            ),
        )
        choices = [(Text(label), name) for label, name in format_choices()]
        yield from field("Format", Select(choices, value="auto", allow_blank=False, id="format"))
        yield from field(
            'Profile (for the format "profile")',
            Select(
                [(Text(name), name) for name in import_profiles()],
                prompt="none",
                id="profile",
            ),
        )
        yield from field(
            "… or your own profile file",
            Input(
                placeholder="a field-map profile YAML", id="profile_file", suggester=PathSuggester()
            ),
        )
        yield from field(
            "Staff directory (optional)",
            Input(
                placeholder="a CSV of user, department", id="directory", suggester=PathSuggester()
            ),
        )
        yield from field(
            "Encoding of a survey or directory",
            Select([(name, name) for name in ENCODINGS], prompt="detect", id="encoding"),
        )
        yield ProgressBar(total=None, show_eta=False, id="progress")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False  # shown once an import runs

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def start(self) -> None:
        if self.running:
            return
        errors: dict[str | None, str] = {}
        path = self.read_text("path", errors, required=True)
        directory = self.read_text("directory", errors)
        for name, text in (("path", path), ("directory", directory)):
            if text and not Path(text).expanduser().is_file():
                errors[name] = "no such file"
        profile_file = self.read_text("profile_file", errors)
        profile = profile_file or self.read_choice("profile", errors, required=False)
        if errors:
            self.show_errors(errors)
            return
        fmt = self.query_one("#format", Select).value
        encoding = self.read_choice("encoding", errors, required=False)
        request = ImportRequest(
            Path(path).expanduser(),
            "profile" if fmt == "auto" and profile else (None if fmt == "auto" else str(fmt)),
            Path(directory).expanduser() if directory else None,
            profile or None,
            encoding,
        )
        self.running = True
        self.query_one(ProgressBar).display = True
        self.query_one("#ok", Button).disabled = True
        self.show_errors({None: "Importing…"})
        self.work(request)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def work(self, request: ImportRequest) -> None:
        bar = self.query_one(ProgressBar)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        try:
            summary = self.run_import(request, progress, self.cancel_event.is_set)
        except PlannerError as exc:
            self.app.call_from_thread(self._failed, str(exc))
        except Exception as exc:  # a bug: say so instead of leaving the dialog hanging
            import traceback

            self.app.log.error(traceback.format_exc())
            self.app.call_from_thread(self._failed, f"import failed: {exc!r}")
        else:
            self.imported = summary
        # The dialog closes once the worker has finished (on_worker_state_changed): closing
        # it from here would cancel the very worker that is closing it.

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.SUCCESS and self.imported is not None:
            self.dismiss(self.imported)

    def _failed(self, message: str) -> None:
        if self.cancel_event.is_set():
            self.app.notify("Import cancelled: nothing was written")
            self.dismiss(None)
            return
        self.running = False
        self.query_one("#ok", Button).disabled = False
        self.show_errors({None: message})

    def action_cancel(self) -> None:
        if self.running:
            self.cancel_event.set()  # the worker stops at its next progress check
        else:
            self.dismiss(None)
