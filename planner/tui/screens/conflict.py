"""When a save meets a newer version: show both values and let the user choose."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, DataTable, Label

from planner.domain.plan_diff import show
from planner.domain.text import visible
from planner.errors import StaleEditError
from planner.tui.screens.dialog import Dialog


class ConflictScreen(Dialog[bool]):
    """Dismisses True to save yours over theirs, False to keep theirs."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "theirs", "Keep theirs")]

    def __init__(self, what: str, error: StaleEditError) -> None:
        super().__init__()
        self.what, self.error = what, error

    WIDE = True

    def dialog_title(self) -> Text:
        return Text(f"{visible(self.what)} was changed by someone else")

    def body(self) -> ComposeResult:
        yield Label("Their version is saved; yours is not. Choose which to keep.", markup=False)
        # Filled here, not on mount: the values are there from the first frame.
        table: DataTable[Text] = DataTable(id="conflict", cursor_type="none")
        table.add_columns("Field", "Theirs (saved)", "Yours")
        for name, theirs, yours in self.error.differences:
            table.add_row(Text(name), Text(visible(show(theirs))), Text(visible(show(yours))))
        yield table

    def dialog_buttons(self) -> ComposeResult:
        yield Button("Keep theirs", variant="primary", id="theirs")
        yield Button("Save mine", variant="warning", id="mine")

    @on(Button.Pressed, "#mine")
    def mine(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#theirs")
    def action_theirs(self) -> None:
        self.dismiss(False)
