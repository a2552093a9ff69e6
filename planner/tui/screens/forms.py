"""Modal forms of the Discover step: edit a tool, add one, triage a host; and the form base
(``_Form``, ``field``) every record form of the other screens builds on.

Each form gathers plain values; the screen that opened it hands it a ``submit`` callback
that calls the service (the same code the CLI uses). An error the service finds keeps the
form open, with what was typed and the error shown in the form; only a save that went
through (or a cancel) closes it. The import dialog, which runs a worker rather than a
save, is :mod:`planner.tui.screens.import_dialog`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Self

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList

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
