"""Modal forms of the Discover step: edit a tool, add one, triage a host, import a file.

Each form gathers plain values; the screen that opened it hands it a ``submit`` callback
that calls the service (the same code the CLI uses). An error the service finds keeps the
form open, with what was typed and the error shown in the form; only a save that went
through (or a cancel) closes it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Button, Input, Label, ProgressBar, Select, SelectionList
from textual.worker import Worker, WorkerState

from planner.domain.catalog import Catalog, Category
from planner.domain.plan import PURPOSES, Tool, ToolStatus
from planner.domain.text import visible
from planner.errors import PlannerError
from planner.tui.screens.dialog import REQUIRED, Dialog
from planner.tui.widgets.data_input import DataInput

_CATEGORIES = [(c.label, c.value) for c in Category]


Submit = Callable[[dict[str, Any]], object]


def field(label: str, widget: Widget) -> ComposeResult:
    """A field with its label above it: a placeholder alone is gone once the field is filled."""
    yield Label(label, classes="field-label", markup=False)
    yield widget


class _Form(Dialog[dict[str, Any] | None]):
    """A dialog that gathers values and saves them through a ``submit`` callback."""

    submit: Submit | None = None
    result: object = None  # what the submit callback returned

    def submitting(self, submit: Submit) -> Self:
        """Save through ``submit`` before closing; a :class:`PlannerError` it raises is shown
        in the form (beside the field it is about), which stays open with what was typed."""
        self.submit = submit
        return self

    def finish(self, values: dict[str, Any]) -> None:
        if self.submit is not None:
            try:
                self.result = self.submit(values)
            except PlannerError as exc:
                self.show_error(str(exc), exc.field)
                return
        self.dismiss(values)


class ToolForm(_Form):
    """Classify and describe a tool: status, owner, purposes, departments, notes; a custom
    tool (no catalog product) also gets its Gartner category and capabilities here."""

    def __init__(
        self,
        tool: Tool,
        capabilities: Sequence[str] = (),
        comments: Sequence[tuple[str | None, str]] = (),
    ) -> None:
        super().__init__()
        self.tool = tool
        self.capabilities = capabilities
        self.comments = comments

    WIDE = True

    def dialog_title(self) -> Text:
        return Text(f"Tool: {visible(self.tool.name)}")

    def body(self) -> ComposeResult:
        t = self.tool
        yield from field(
            "Status",
            Select(
                [(s.value, s.value) for s in ToolStatus],
                value=t.status.value,
                allow_blank=False,
                id="status",
            ),
        )
        yield from field(
            "Owner", DataInput(t.owner or "", placeholder="a role or team", id="owner")
        )
        yield from field(
            "Purposes",
            SelectionList[str](
                *((label, key, key in t.purposes) for key, label in PURPOSES.items()),
                id="purposes",
            ),
        )
        yield from field(
            "Departments",
            DataInput(", ".join(t.departments), placeholder="comma-separated", id="departments"),
        )
        yield from field("Notes", DataInput(t.notes, id="notes"))
        if t.product is None:
            yield from field(
                "Gartner category",
                Select(
                    _CATEGORIES,
                    prompt="Gartner category",
                    value=t.category.value if t.category else Select.NULL,
                    id="category",
                ),
            )
            yield from field(
                "Capabilities",
                SelectionList[str](
                    *((c, c, c in t.capabilities) for c in self.capabilities),
                    id="capabilities",
                ),
            )
        if self.comments:
            yield Label("What survey respondents wrote")
            for department, comment in self.comments:
                said = f"{department}: {comment}" if department else comment
                yield Label(Text(visible(said), style="italic"), classes="comment")

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        result: dict[str, Any] = {
            "status": self.query_one("#status", Select).value,
            "owner": self.query_one("#owner", DataInput).data,
            "purposes": list(self.query_one("#purposes", SelectionList).selected),
            "departments": self.query_one("#departments", DataInput).data.split(","),
            "notes": self.query_one("#notes", DataInput).data,
        }
        if self.tool.product is None:
            category = self.query_one("#category", Select).value
            result["category"] = None if category is Select.NULL else str(category)
            result["capabilities"] = list(self.query_one("#capabilities", SelectionList).selected)
        self.finish(result)


class AddToolForm(_Form):
    """A tool people told IT about: a name, a catalog product or a category."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    OK = "Add"

    def dialog_title(self) -> str:
        return "Add a tool"

    def body(self) -> ComposeResult:
        yield from field(
            "Name", Input(placeholder="e.g. Yammer or 'Plant WhatsApp groups'", id="name")
        )
        yield from field(
            "Catalog product (optional)",
            Select(
                [(Text(visible(p.name)), p.id) for p in self.catalog],
                prompt="none: a custom tool",
                id="product",
            ),
        )
        yield from field(
            "Category (for a custom tool)",
            Select(_CATEGORIES, prompt="Gartner category", id="category"),
        )

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        if not name:
            self.show_error(REQUIRED, "name")
            return
        result: dict[str, Any] = {"name": name}
        product = self.query_one("#product", Select).value
        category = self.query_one("#category", Select).value
        if product is not Select.NULL:
            result["product"] = product
        if category is not Select.NULL:
            result["category"] = category
        self.finish(result)


class TriageForm(_Form):
    """Decide about an unmatched host: map it to a product, or make it a custom tool."""

    def __init__(self, host: str, catalog: Catalog, decision: str, domain: bool = False) -> None:
        super().__init__()
        self.host, self.catalog, self.decision, self.domain = host, catalog, decision, domain

        self.OK = "Map" if decision == "mapped" else "Create tool"  # type: ignore[misc]

    def dialog_title(self) -> str:
        if self.domain:
            return f"Domain: {visible(self.host)} (every host under it)"
        return f"Host: {visible(self.host)}"

    def body(self) -> ComposeResult:
        if self.decision == "mapped":
            yield from field(
                "Catalog product",
                Select(
                    [(Text(visible(p.name)), p.id) for p in self.catalog],
                    prompt="choose a product",
                    id="product",
                ),
            )
        else:
            yield from field("Tool name", Input(id="name"))
            yield from field(
                "Category", Select(_CATEGORIES, prompt="Gartner category", id="category")
            )

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        if self.decision == "mapped":
            product = self.query_one("#product", Select).value
            if product is Select.NULL:
                self.show_error("choose one", "product")
                return
            self.finish({"product": product})
            return
        name = self.query_one("#name", Input).value.strip()
        category = self.query_one("#category", Select).value
        if not name:
            self.show_error(REQUIRED, "name")
            return
        self.finish(
            {
                "name": name,
                "category": None if category is Select.NULL else Category(str(category)),
            }
        )


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
