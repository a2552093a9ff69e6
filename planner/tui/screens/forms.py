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
from typing import Any, ClassVar, Self

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, ProgressBar, Select, SelectionList

from planner.domain.catalog import Catalog, Category
from planner.domain.plan import PURPOSES, Tool, ToolStatus
from planner.domain.text import visible
from planner.errors import PlannerError
from planner.tui.widgets.data_input import DataInput

_CATEGORIES = [(c.label, c.value) for c in Category]


Submit = Callable[[dict[str, Any]], object]

# The first field, not the dialog's scroll container, has focus when a form opens.
FIRST_FIELD = "Input, Select, SelectionList, OptionList, Button"


def field(label: str, widget: Widget) -> ComposeResult:
    """A field with its label above it: a placeholder alone is gone once the field is filled."""
    yield Label(label, classes="field-label", markup=False)
    yield widget


class _Form(ModalScreen[dict[str, Any] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = FIRST_FIELD

    submit: Submit | None = None
    result: object = None  # what the submit callback returned

    def submitting(self, submit: Submit) -> Self:
        """Save through ``submit`` before closing; a :class:`PlannerError` it raises is shown
        in the form, which stays open with what was typed."""
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

    def buttons(self, ok: str) -> ComposeResult:
        yield Label("", id="error", markup=False)
        with Horizontal(classes="dialog-buttons"):
            yield Button(ok, variant="primary", id="ok")
            yield Button("Cancel", id="cancel")

    def show_error(self, message: str, field: str | None = None) -> None:
        """Show ``message`` beside the field it is about (focused, to be corrected), or
        above the buttons when it is about the whole form."""
        for old in self.query(".field-error"):
            old.remove()
        target = self.query(f"#{field}").first() if field else None
        if target is None:
            self.query_one("#error", Label).update(visible(message, multiline=True))
            return
        self.query_one("#error", Label).update("")
        label = Label(visible(message, multiline=True), classes="field-error", markup=False)
        parent = target.parent
        if isinstance(parent, Widget):
            parent.mount(label, after=target)
        target.focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


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

    def compose(self) -> ComposeResult:
        t = self.tool
        with VerticalScroll(classes="dialog wide"):
            yield Label(Text(f"Tool: {visible(t.name)}"), classes="dialog-title")
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
                DataInput(
                    ", ".join(t.departments), placeholder="comma-separated", id="departments"
                ),
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
            yield from self.buttons("Save")

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

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label("Add a tool", classes="dialog-title")
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
            yield from self.buttons("Add")

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        if not name:
            self.show_error("A tool needs a name")
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

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            title = (
                f"Domain: {visible(self.host)} (every host under it)"
                if self.domain
                else (f"Host: {visible(self.host)}")
            )
            yield Label(Text(title), classes="dialog-title")
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
            yield from self.buttons("Map" if self.decision == "mapped" else "Create tool")

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def save(self) -> None:
        if self.decision == "mapped":
            product = self.query_one("#product", Select).value
            if product is Select.NULL:
                self.show_error("Choose a product")
                return
            self.finish({"product": product})
            return
        name = self.query_one("#name", Input).value.strip()
        category = self.query_one("#category", Select).value
        if not name:
            self.show_error("A custom tool needs a name")
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


def format_choices() -> list[tuple[str, str]]:
    """The dialog's format choices: guessing, then every format the registry knows."""
    from planner.services.discover import import_formats

    return [("guess from content", "auto"), *((label, name) for name, label in import_formats())]


class ImportDialog(ModalScreen[str | None]):
    """Import a log or survey in a worker thread, with progress; cancellable."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = FIRST_FIELD

    def __init__(self, run: Any) -> None:
        super().__init__()
        self.run_import = run  # callable(request, progress, cancelled) -> summary text
        self.cancel_event = threading.Event()
        self.running = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Label("Import evidence", classes="dialog-title")
            yield from field(
                "File", Input(placeholder="a proxy log (.log, .gz) or a survey CSV", id="path")
            )
            yield Label("Format", classes="field-label")
            choices = [(Text(label), name) for label, name in format_choices()]
            yield Select(choices, value="auto", allow_blank=False, id="format")
            yield from field(
                "Profile (format profile)",
                Input(
                    placeholder="a field-map profile: a shipped name or a YAML file", id="profile"
                ),
            )
            yield from field(
                "Staff directory (optional)",
                Input(placeholder="a CSV of user, department", id="directory"),
            )
            yield ProgressBar(total=None, show_eta=False, id="progress")
            yield Label("", id="error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False  # shown once an import runs

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def start(self) -> None:
        if self.running:
            return
        path = self.query_one("#path", Input).value.strip()
        if not path:
            self.query_one("#error", Label).update("Give the file to import")
            return
        fmt = self.query_one("#format", Select).value
        directory = self.query_one("#directory", Input).value.strip()
        profile = self.query_one("#profile", Input).value.strip()
        request = ImportRequest(
            Path(path).expanduser(),
            None if fmt == "auto" else str(fmt),
            Path(directory).expanduser() if directory else None,
            profile or None,
        )
        self.running = True
        self.query_one(ProgressBar).display = True
        self.query_one("#ok", Button).disabled = True
        self.query_one("#error", Label).update("Importing…")
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
            self.app.call_from_thread(self.dismiss, summary)

    def _failed(self, message: str) -> None:
        if self.cancel_event.is_set():
            self.app.notify("Import cancelled: nothing was written")
            self.dismiss(None)
            return
        self.running = False
        self.query_one("#ok", Button).disabled = False
        self.query_one("#error", Label).update(visible(message, multiline=True))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self.running:
            self.cancel_event.set()  # the worker stops at its next progress check
        else:
            self.dismiss(None)
