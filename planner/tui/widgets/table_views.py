"""What a table keeps between runs: its ``/`` filter and its sort, by column heading.

Why by heading and not by position: a screen may change its columns (``g`` on the hosts
swaps them) and a later release may add one; a sort remembered as "Users" finds its
column again, or waits until it is there. A restored filter comes back in its bar with
its count, so a table is never silently shorter than it looks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.tui.widgets.table_messages import SortChanged

if TYPE_CHECKING:
    from planner.tui.widgets.record_table import RecordTable


def view_state(table: RecordTable) -> dict[str, Any]:
    """The filter kept and the sort, if any."""
    out: dict[str, Any] = {}
    if table.query_text.strip():
        out["filter"] = table.query_text.strip()
    if table.sort_label is not None and table.sortable:
        out["sort"], out["reverse"] = table.sort_label, table.sort_reverse
    return out


def restore_view(table: RecordTable, saved: dict[str, Any]) -> None:
    """Filter and sort as :func:`view_state` kept them; the focus stays where it is."""
    sort, query = saved.get("sort"), saved.get("filter")
    if isinstance(sort, str) and table.sortable:
        table._wanted_sort, table.sort_reverse = sort, saved.get("reverse") is True
        if table.columns_spec:
            table.set_columns(table.columns_spec)
            if table.remote_filter:
                table.post_message(SortChanged(table))
    if isinstance(query, str) and query.strip():
        table.action_filter(focus=False)
        table.set_query(query.strip())
