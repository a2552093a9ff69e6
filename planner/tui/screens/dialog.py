"""The one modal base every dialog of the TUI is built on: a title, a scrolling body, and
the buttons, always in that order and always on screen.

Why one base: dialogs used to be a single scrolling box, so a tall form (Tool, New pilot,
Data protection, Readiness) opened scrolled to its first field, with its title and its
Save/Cancel buttons out of view at 80x24. Here only the body scrolls; the title and the
buttons keep their rows whatever the terminal's height, and the body gets what is left.

It also holds the one wording per kind of input error (:data:`DATE`, :data:`WHOLE`, …) and
the readers that check a field and collect its error, so a form shows every problem at
once, each beside its field, instead of the first one somewhere at the bottom.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select

from planner.domain.text import visible

ResultType = TypeVar("ResultType")

# One wording per kind of error, whichever form finds it.
DATE = "not a date: use YYYY-MM-DD"
WHOLE = "not a whole number"
NUMBER = "not a number"
REQUIRED = "required"
CHOOSE = "choose one"


def in_range(low: int, high: int) -> str:
    return f"a whole number from {low} to {high}"


# The first field, not the dialog's body, has focus when a dialog opens.
FIRST_FIELD = "Input, Select, SelectionList, OptionList, Button"

# Of the screen's height, what a dialog may take (the rest shows the screen behind it).
HEIGHT_SHARE = 0.9


class FormErrors(ValueError):
    """Every problem found in a form's fields: field id → message (None: the whole form)."""

    def __init__(self, errors: Mapping[str | None, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = dict(errors)


def parse_date(text: str) -> dt.date | None:
    """A typed date (blank: None); ValueError with the one date wording otherwise, also
    for an impossible day such as 2026-02-30."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(DATE) from None


class Dialog(ModalScreen[ResultType]):
    """Title, scrolling body, buttons. Subclasses give :meth:`dialog_title` and
    :meth:`body`, and either :attr:`OK` (a primary button ``#ok`` and Cancel) or their own
    :meth:`dialog_buttons`."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = FIRST_FIELD
    WIDE: ClassVar[bool] = False  # 80 columns instead of 64 (still at most 95 %)
    OK: ClassVar[str] = "Save"
    OK_VARIANT: ClassVar[str] = "primary"

    def dialog_title(self) -> str | Text:
        return ""

    def body(self) -> ComposeResult:
        yield from ()

    def dialog_buttons(self) -> ComposeResult:
        yield Button(Text(self.OK), variant=self.OK_VARIANT, id="ok")  # type: ignore[arg-type]
        yield Button("Cancel", id="cancel")

    def compose(self) -> ComposeResult:
        title = self.dialog_title()
        with Vertical(classes="dialog wide" if self.WIDE else "dialog", id="dialog"):
            # Titles quote data (a tool, a host): Text, never markup.
            yield Label(
                title if isinstance(title, Text) else Text(title),
                classes="dialog-title",
                id="dialog-title",
            )
            with VerticalScroll(id="dialog-body"):
                yield from self.body()
            yield Label("", id="error", markup=False)
            with Horizontal(classes="dialog-buttons", id="dialog-buttons"):
                yield from self.dialog_buttons()

    # Fitting -------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.query_one("#error").display = False  # shown with a problem about the whole form
        # A first guess from the styles, so that the first frame already fits (a key or a
        # click may come before the refresh); fit() then measures.
        dialog = self.query_one("#dialog")
        title = self.query_one("#dialog-title")
        fixed = dialog.styles.gutter.height + 1 + title.styles.margin.height + 3
        self._set_room(int(self.app.size.height * HEIGHT_SHARE) - fixed)
        self.call_after_refresh(self.fit)
        # Focusing the first field scrolls it into view; its label above it stays visible.
        self.call_after_refresh(self.query_one("#dialog-body").scroll_home, animate=False)

    def _set_room(self, room: int) -> None:
        body = self.query_one("#dialog-body")
        room = max(3, room)
        if body.styles.max_height is None or body.styles.max_height.value != room:
            body.styles.max_height = room

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """Give the body the rows the title, the error line and the buttons leave."""
        dialogs = self.query("#dialog")
        if not dialogs:
            return
        dialog = dialogs.first()
        fixed = dialog.styles.gutter.height + sum(
            self.query_one(selector).outer_size.height
            for selector in ("#dialog-title", "#error", "#dialog-buttons")
        )
        self._set_room(int(self.size.height * HEIGHT_SHARE) - fixed)

    # Errors --------------------------------------------------------------------------------
    def show_error(self, message: str, field: str | None = None) -> None:
        """One problem: beside ``field``, or above the buttons when about the whole form."""
        self.show_errors({field: message})

    def show_errors(self, errors: Mapping[str | None, str]) -> None:
        """Every problem at once, each under its field (the first one focused, to be
        corrected); those about no field (or a field not in this form) above the buttons."""
        for old in self.query(".field-error"):
            old.remove()
        general: list[str] = []
        first: Widget | None = None
        for name, message in errors.items():
            found = self.query(f"#{name}") if name else None
            target = found.first() if found else None
            if target is None:
                general.append(message)
                continue
            label = Label(visible(message, multiline=True), classes="field-error", markup=False)
            parent = target.parent
            if isinstance(parent, Widget):
                parent.mount(label, after=target)
            first = first or target
        error = self.query_one("#error", Label)
        error.update(visible("\n".join(general), multiline=True))
        error.display = bool(general)
        if first is not None:
            first.focus()
        self.call_after_refresh(self.fit)

    # Readers that collect errors -------------------------------------------------------------
    def text_of(self, name: str) -> str:
        widget = self.query_one(f"#{name}", Input)
        data = getattr(widget, "data", None)  # a DataInput gives back stored text untouched
        return data if isinstance(data, str) else widget.value

    def read_text(self, name: str, errors: dict[str | None, str], required: bool = False) -> str:
        text = self.text_of(name).strip()
        if required and not text:
            errors[name] = REQUIRED
        return text

    def read_date(
        self, name: str, errors: dict[str | None, str], required: bool = False
    ) -> dt.date | None:
        try:
            day = parse_date(self.text_of(name))
        except ValueError as exc:
            errors[name] = str(exc)
            return None
        if day is None and required:
            errors[name] = REQUIRED
        return day

    def read_whole(
        self,
        name: str,
        errors: dict[str | None, str],
        low: int | None = None,
        high: int | None = None,
        required: bool = True,
    ) -> int | None:
        text = self.text_of(name).strip()
        if not text:
            if required:
                errors[name] = REQUIRED
            return None
        try:
            value = int(text)
        except ValueError:
            errors[name] = WHOLE
            return None
        if low is not None and high is not None and not low <= value <= high:
            errors[name] = in_range(low, high)
            return None
        if low is not None and high is None and value < low:
            errors[name] = f"at least {low}"
            return None
        return value

    def read_number(self, name: str, errors: dict[str | None, str]) -> Decimal | None:
        text = self.text_of(name).strip()
        if not text:
            errors[name] = REQUIRED
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            errors[name] = NUMBER
            return None
        if not value.is_finite():
            errors[name] = NUMBER
            return None
        return value

    def read_choice(
        self, name: str, errors: dict[str | None, str], required: bool = True
    ) -> str | None:
        value: Any = self.query_one(f"#{name}", Select).value
        if value is Select.NULL:
            if required:
                errors[name] = CHOOSE
            return None
        return str(value)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Escape and Cancel: close without a result (a dialog may answer otherwise)."""
        self.dismiss(None)
