"""The details of one row, for a record kind with no form to edit it (yet): each heading
with its value, whole (a table cuts long values with "…")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class DetailsScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,e", "close", "Close"),
    ]

    def __init__(self, noun: str, headings: Sequence[str], cells: Sequence[Any]) -> None:
        super().__init__()
        self.noun, self.headings, self.cells = noun, list(headings), list(cells)

    def compose(self) -> ComposeResult:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        for heading, value in zip(self.headings, self.cells, strict=False):
            if isinstance(value, Text):
                value = value.copy()
                value.overflow, value.no_wrap = "fold", False
            grid.add_row(Text(heading), value)
        with VerticalScroll(classes="dialog wide"):
            yield Label(Text(self.noun.capitalize()), classes="dialog-title")
            yield Static(grid)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", variant="primary", id="close")

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
