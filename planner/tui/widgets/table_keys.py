"""The keys of every :class:`~planner.tui.widgets.record_table.RecordTable`, in the order
the footer and the help list them.

Why apart from the table: they are the row model's vocabulary (open, add, delete, filter,
sort, mark, turn the page), read on their own when a key is added or its words change,
while the table module is about rows.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

ROW_KEYS: list[BindingType] = [
    Binding("enter,e", "open_row", "Open", tooltip="Open the highlighted row"),
    Binding("a", "add_row", "Add", tooltip="Add a record to this table"),
    Binding(
        "d",
        "delete_row",
        "Delete",
        show=False,  # the footer keeps room for help at 80 columns; ? lists it
        tooltip="Delete the highlighted record (asks first; ctrl+z undoes it)",
    ),
    Binding("slash", "filter", "Filter", key_display="/", tooltip="Filter this table"),
    Binding(
        "greater_than_sign",
        "sort(1)",
        "Sort",
        key_display=">",
        show=False,  # the footer is short: ? lists it, the header shows ▲▼
        tooltip="Sort by the next column (< the previous one, - reverses)",
    ),
    Binding("less_than_sign", "sort(-1)", "Sort by the previous column", show=False),
    Binding("minus", "reverse", "Reverse the sort", show=False),
    Binding(
        "space",
        "mark",
        "Mark",
        show=False,  # said by the tabs that take marks; ? lists it
        tooltip="Mark the row; actions apply to every mark",
    ),
    Binding("escape", "clear_query", "Clear filter", show=False),
    Binding("full_stop", "page(1)", "Next page", key_display="."),
    Binding("comma", "page(-1)", "Previous page", key_display=",", show=False),
]
