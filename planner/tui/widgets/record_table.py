"""One row model for every table of the TUI: open, add, delete, filter, sort, mark.

Why one widget: the keys belong to the table that has focus, not to the screen, so a key
acts on the rows the user is looking at and the footer lists that table's keys (Textual
shows the focused widget's bindings first). Enter/``e`` open the highlighted record,
``a`` adds one of the table's kind, ``d`` deletes it after a confirmation; what opening,
adding and deleting mean for each record kind is looked up in
:mod:`planner.tui.record_forms` by the table's ``kind``.

The table keeps every row it was given (``set_rows``) and shows them filtered (``/``)
and sorted (``<`` ``>`` pick the column, ``-`` reverses; the header shows ▲▼), with the
columns fitted to the width so that every cut cell ends with "…" instead of running off
the edge. More rows than a page (``PAGE_ROWS``) are shown a page at a time (``.`` and ``,``
turn the pages; the bottom edge says which rows show): a Textual ``DataTable`` keeps about
a kilobyte for each row it holds, 70 MB for a 60,000-tool inventory, while the filter and
the sort still see every row. A table whose rows come a page at a time from the database
(the Discover hosts) filters in SQL instead: it posts a ``FilterChanged`` or
``SortChanged`` and the screen refills it.

This module is the row model and its keys; the columns (``Col``, how a cell sorts, how the
widths are fitted) are in :mod:`planner.tui.widgets.table_columns`, and the ``/`` filter
box in :mod:`planner.tui.widgets.filter_bar`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input
from textual.widgets.data_table import CellDoesNotExist

from planner.tui.widgets.filter_bar import FilterBar
from planner.tui.widgets.table_columns import Col, fit, natural_widths, visible_rows
from planner.tui.widgets.table_keys import ROW_KEYS
from planner.tui.widgets.table_messages import Added, Deleted, FilterChanged, Opened, SortChanged
from planner.tui.widgets.table_views import restore_view, view_state

MARK = "● "
# A table of more rows than this shows them a batch at a time: the first batch at once,
# each next one after the screen has had its turn (a DataTable adds rows on the event
# loop: 60,000 rows at once froze the screen for seconds). Sorting and filtering still
# see every row (``all_rows``).
FILL_BATCH = 2_000
# A table of more rows than this shows one page of them (see the module's docstring).
PAGE_ROWS = 5_000


class RecordTable(DataTable[Any]):
    """A table of records of one ``kind`` (see :mod:`planner.tui.record_forms`)."""

    DEFAULT_CSS = """
    RecordTable.-paged { border-bottom: solid $primary-darken-2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = ROW_KEYS

    def __init__(
        self,
        kind: str | None = None,
        *,
        bindings: Iterable[Binding] = (),
        remote_filter: bool = False,
        sortable: bool = True,
        markable: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.kind = kind
        self.remote_filter = remote_filter
        self.sortable = sortable
        self.markable = markable
        self.columns_spec: list[Col] = []
        self.all_rows: list[tuple[str, list[Any]]] = []
        self.shown_keys: list[str] = []  # the rows in the DataTable: the page shown
        self.visible_keys: list[str] = []  # every row the filter keeps, in the shown order
        self.page_rows: list[tuple[str, list[Any]]] = []  # the rows of the page shown
        self.page = 0  # which page of ``visible_keys`` is shown
        self.query_text = ""
        self.total: int | None = None  # remote tables: how many records in all
        self.matching: int | None = None  # … and how many of them match the filter
        self.sort_column: int | None = None
        self.shown_columns: list[int] = []  # indexes into columns_spec: those that fit
        self.sort_reverse = False
        self._wanted_sort: str | None = None  # restored before the columns are set
        self.marked: set[str] = set()
        self.filter_bar: FilterBar | None = None
        self._filling = 0  # which fill the batches being added belong to
        # Enter says what it does for this kind: Edit where a form exists, else Details.
        from planner.tui.record_forms import form_of

        form = form_of(kind)
        opens = form.verb if form.edit is not None else "Details"
        keys = dict(self._bindings.key_to_bindings)
        if form.add is None:  # a still says where such records come from, unlisted
            keys["a"] = [Binding("a", "add_row", "Add", show=False)]
        keys["enter"] = [Binding("enter", "open_row", opens, key_display="⏎")]
        keys["e"] = [Binding("e", "open_row", opens, show=False)]
        self._bindings.key_to_bindings = keys
        # This table's own keys (a milestone's "Trained", a host's "Map"): on the table,
        # so they act on its rows only and the footer shows them while it has focus.
        if bindings:
            keys = dict(self._bindings.key_to_bindings)
            for binding in bindings:
                for key in binding.key.split(","):
                    keys[key.strip()] = [binding.with_key(key.strip(), binding.key_display)]
            self._bindings.key_to_bindings = keys

    # columns and rows ----------------------------------------------------------------------
    def set_columns(self, columns: Sequence[Col | str]) -> None:
        """The columns; the sort follows its column by heading (``g`` on the hosts swaps
        the columns; a sort remembered from the last run waits for its column)."""
        wanted = self._wanted_sort or self.sort_label
        self.columns_spec = [c if isinstance(c, Col) else Col(c) for c in columns]
        labels = [c.label for c in self.columns_spec]
        self.sort_column = labels.index(wanted) if wanted in labels else None
        self._wanted_sort = None
        self._fill()

    @property
    def sort_label(self) -> str | None:
        """The heading of the column sorted by (None: the order the rows were given)."""
        i = self.sort_column
        return self.columns_spec[i].label if i is not None and i < len(self.columns_spec) else None

    def set_rows(
        self,
        rows: Iterable[tuple[str, Sequence[Any]]],
        total: int | None = None,
        matching: int | None = None,
    ) -> None:
        """Every row of the table as (key, cells); shown filtered and sorted. A remote table
        gives how many records there are in all (``total``) and match its filter."""
        self.all_rows = [(key, list(cells)) for key, cells in rows]
        self.total, self.matching = total, matching
        keys = {key for key, _ in self.all_rows}
        self.marked &= keys
        self._fill()

    @property
    def current_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key
        except CellDoesNotExist:
            return None
        return None if key.value is None else str(key.value)

    def move_to_key(self, key: str | None) -> bool:
        """The cursor on ``key``'s row, turning to its page if need be."""
        if key is not None and key not in self.shown_keys and key in self.visible_keys:
            self._fill(keep=key)
        if key is not None and key in self.shown_keys:
            self.move_cursor(row=self.shown_keys.index(key), animate=False)
            return True
        return False

    def row_cells(self, key: str) -> list[Any]:
        for k, cells in self.all_rows:
            if k == key:
                return cells
        return []

    def targets(self) -> list[str]:
        """The marked rows, in table order, or else the highlighted one."""
        if self.marked:
            return [k for k in self.visible_keys if k in self.marked] or sorted(self.marked)
        key = self.current_key
        return [key] if key is not None else []

    def _visible_rows(self) -> list[tuple[str, list[Any]]]:
        if self.remote_filter:  # the screen's query filtered and sorted them
            return self.all_rows
        column = self.sort_column if self.sortable else None
        return visible_rows(self.all_rows, self.query_text, column, self.sort_reverse)

    def _fill(self, keep: str | None = None) -> None:
        """Rebuild what is shown, the cursor staying on the same record (or on ``keep``),
        on the page that holds it."""
        if not self.columns_spec:
            return
        kept, row = keep or self.current_key, self.cursor_row
        rows = self._visible_rows()
        widths = self._fit(rows)
        self.visible_keys = [key for key, _ in rows]
        pages = max(1, -(-len(rows) // PAGE_ROWS))
        if kept is not None and pages > 1 and kept in self.visible_keys:
            self.page = self.visible_keys.index(kept) // PAGE_ROWS
        self.page = min(self.page, pages - 1)
        start = self.page * PAGE_ROWS
        self.page_rows = rows[start : start + PAGE_ROWS]
        self.clear(columns=True)
        self._filling += 1  # a later fill stops an earlier one's batches
        for i, width in zip(self.shown_columns, widths, strict=True):
            label = Text(self.columns_spec[i].label, overflow="ellipsis", no_wrap=True)
            if i == self.sort_column:
                label.append(" ▼" if self.sort_reverse else " ▲", style="bold")
            self.add_column(label, width=width, key=f"c{i}")
        hidden = len(self.columns_spec) - len(self.shown_columns)
        if hidden:  # say that there is more than the window shows
            self.add_column(Text(f"+{hidden}", style="dim"), width=len(f"+{hidden}"), key="more")
        if (pages > 1) != self.has_class("-paged"):  # the page keys show, or go
            self.set_class(pages > 1, "-paged")
            self.refresh_bindings()
        self.border_subtitle = (
            f"rows {start + 1:,}–{start + len(self.page_rows):,} of {len(rows):,} · "
            ". next page · , previous"
            if pages > 1
            else None
        )
        self.shown_keys = []
        self._add_rows(self.page_rows, 0, self._filling, kept, row)
        self._show_count(len(rows))

    def _add_rows(
        self,
        rows: list[tuple[str, list[Any]]],
        start: int,
        filling: int,
        kept: str | None,
        row: int,
    ) -> None:
        """Add the batch of ``rows`` from ``start``, and ask for the next one after the
        screen has refreshed; the cursor goes back on its record once that record is in."""
        if filling != self._filling:
            return  # a newer fill replaced these rows
        end = min(start + FILL_BATCH, len(rows))
        hidden = len(self.columns_spec) - len(self.shown_columns)
        for key, cells in rows[start:end]:
            every = list(cells[: len(self.columns_spec)])
            every += [Text("")] * (len(self.columns_spec) - len(every))
            shown = [every[i] for i in self.shown_columns] + ([Text("")] if hidden else [])
            for value in shown:
                if isinstance(value, Text) and value.overflow != "ellipsis":
                    value.overflow, value.no_wrap = "ellipsis", True  # cut with "…"
            if key in self.marked:
                first = Text(MARK, style="bold magenta", overflow="ellipsis", no_wrap=True)
                first.append_text(shown[0] if isinstance(shown[0], Text) else Text(str(shown[0])))
                shown[0] = first
            self.add_row(*shown, key=key)
            self.shown_keys.append(key)
        if end < len(rows):
            if start == 0 and rows and kept is None:
                self.move_cursor(row=min(max(row, 0), end - 1), animate=False)
            self.set_timer(0.01, lambda: self._add_rows(rows, end, filling, kept, row))
            return
        if kept is not None and kept in self.shown_keys:
            self.move_cursor(row=self.shown_keys.index(kept), animate=False)
        elif rows:
            self.move_cursor(row=min(max(row, 0), len(rows) - 1), animate=False)

    def _fit(self, rows: list[tuple[str, list[Any]]]) -> list[int]:
        """The shown columns' widths (``table_columns.fit``); ``shown_columns`` says which."""
        spec = self.columns_spec
        natural = natural_widths(spec, rows, self.sort_column)
        if self.size.width <= 0:
            self.shown_columns = list(range(len(spec)))
            return natural
        width = self.scrollable_content_region.width
        self.shown_columns, widths = fit(spec, natural, width, 2 * self.cell_padding)
        return widths

    def on_resize(self, event: events.Resize) -> None:
        self._fill()

    # filter -------------------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        self.query_text = text
        if self.remote_filter:
            self.post_message(FilterChanged(self, text.strip()))
        else:
            self._fill()

    def clear_query(self) -> None:
        """Esc: the filter goes, the cursor stays on the record it was on."""
        bar, self.filter_bar = self.filter_bar, None
        if bar is not None:
            bar.remove()
        if self.query_text:
            self.set_query("")

    def action_clear_query(self) -> None:
        if self.query_text or self.filter_bar is not None:
            self.clear_query()
        elif self.marked:
            self.marked.clear()
            self._fill()

    def _show_count(self, shown: int) -> None:
        if self.filter_bar is not None and self.filter_bar.is_mounted:
            total = self.total if self.total is not None else len(self.all_rows)
            self.filter_bar.show_count(shown if self.matching is None else self.matching, total)

    def action_filter(self, focus: bool = True) -> None:
        if self.filter_bar is None:
            self.filter_bar = FilterBar(self, focus=focus)
            self.parent_widget().mount(self.filter_bar, before=self)  # focuses its box
            self.call_after_refresh(self._show_count, len(self.shown_keys))
        elif self.filter_bar.is_mounted:
            self.filter_bar.query_one(Input).focus()

    def parent_widget(self) -> Any:
        return self.parent

    # sort ---------------------------------------------------------------------------------
    def action_sort(self, step: int) -> None:
        if not self.columns_spec:
            return
        order = self.shown_columns or list(range(len(self.columns_spec)))  # what is on screen
        if self.sort_column not in order:
            self.sort_column = order[0] if step > 0 else order[-1]
        else:
            self.sort_column = order[(order.index(self.sort_column) + step) % len(order)]
        self.sort_reverse = False
        self._sorted()

    def action_reverse(self) -> None:
        if self.sort_column is None:
            self.sort_column = 0
        else:
            self.sort_reverse = not self.sort_reverse
        self._sorted()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        if not self.sortable:
            return
        if event.column_index >= len(self.shown_columns):
            return  # the "+N" column
        column = self.shown_columns[event.column_index]
        if self.sort_column == column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self._sorted()

    def _sorted(self) -> None:
        """Show the new order: sorted here, or by the screen's query (remote rows)."""
        if self.remote_filter:
            self.post_message(SortChanged(self))
        self._fill()

    # between runs -------------------------------------------------------------------------
    def view_state(self) -> dict[str, Any]:
        """What the next run restores: the filter kept and the sort, if any."""
        return view_state(self)

    def restore_view(self, saved: dict[str, Any]) -> None:
        """Filter and sort as :meth:`view_state` kept them (``table_views``)."""
        restore_view(self, saved)

    # the row model --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page":  # else the key is the screen's (the hosts' own pages)
            return len(self.visible_keys) > PAGE_ROWS
        if action == "mark":
            return self.markable
        if action in ("sort", "reverse"):
            return self.sortable
        if action == "delete_row":
            from planner.tui.record_forms import form_of

            return form_of(self.kind).deletable
        return True

    def action_mark(self) -> None:
        key = self.current_key
        if key is None:
            return
        self.marked ^= {key}
        self._fill()
        if self.cursor_row < self.row_count - 1:
            self.move_cursor(row=self.cursor_row + 1, animate=False)

    def action_open_row(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(Opened(self, key))

    def action_page(self, step: int) -> None:
        """. and ,: the next or previous page, the cursor on its first row."""
        last = (len(self.visible_keys) - 1) // PAGE_ROWS
        page = min(max(self.page + step, 0), last)
        if page != self.page:
            self.page = page
            self._fill(keep=self.visible_keys[page * PAGE_ROWS])

    def action_add_row(self) -> None:
        self.post_message(Added(self))

    def action_delete_row(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(Deleted(self, key))
