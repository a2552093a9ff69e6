"""The filter box a :class:`~planner.tui.widgets.record_table.RecordTable` mounts above
itself on ``/``.

Why its own module: the bar is a separate widget with its own keys (Esc clears) and its
own match count; it only calls the table's ``set_query``/``clear_query``, so it reads on
its own, apart from the table's row model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Static

if TYPE_CHECKING:
    from planner.tui.widgets.record_table import RecordTable


class FilterBar(Horizontal):
    """The query of a table's filter, and how many rows match: shown while a filter is
    kept, so that a table showing 3 of 40 rows says so."""

    DEFAULT_CSS = """
    FilterBar { height: 1; }
    FilterBar Input { width: 1fr; }
    FilterBar .filter-count { width: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear", "Clear filter"),
    ]

    def __init__(self, table: RecordTable, focus: bool = True) -> None:
        super().__init__(classes="filter-bar")
        self.table = table
        self.focus_box = focus  # False: a filter restored from the last run

    def compose(self) -> ComposeResult:
        yield Input(
            value=self.table.query_text,
            placeholder="filter as you type · Enter keeps it · Esc clears it",
            compact=True,
        )
        yield Static("", classes="filter-count", markup=False)

    def on_mount(self) -> None:
        if self.focus_box:
            self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.table.set_query(event.value)

    @on(Input.Submitted)
    def _kept(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()
        if not event.value.strip():
            self.table.clear_query()

    def action_clear(self) -> None:
        self.table.clear_query()
        self.table.focus()

    def show_count(self, shown: int, total: int) -> None:
        what = "match" if shown == 1 else "matches"
        self.query_one(".filter-count", Static).update(f"/ {shown} {what} of {total}")
