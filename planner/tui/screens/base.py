"""What every roadmap screen shares: header, footer, the current plan, and a refresh hook.

Screens are kept alive by Textual's modes, so data is reloaded whenever a screen is shown
again (another screen, or a cron job's import, may have changed the workspace).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header
from textual.widgets.data_table import CellDoesNotExist, RowKey

T = TypeVar("T")

if TYPE_CHECKING:
    from planner.bootstrap import Planner
    from planner.tui.app import PlannerApp


# For the screens with tabs, after their own keys: the footer lists bindings in order.
TAB_BINDINGS: list[BindingType] = [
    Binding("right_square_bracket", "cycle_tab(1)", "Next tab", key_display="]"),
    Binding("left_square_bracket", "cycle_tab(-1)", "Prev tab", show=False),
]


class PlanScreen(Screen[None]):
    """A screen showing one aspect of the current plan.

    ``ACTION_TABS`` names the tab an action works on: off that tab the key is hidden from
    the footer and does nothing, and the command palette opens the tab before running it.
    """

    ACTION_TABS: ClassVar[dict[str, str]] = {}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from textual.widgets import TabbedContent

        tab = self.ACTION_TABS.get(action)
        if tab is None:
            return True
        tabs = list(self.query(TabbedContent))
        return not tabs or tabs[0].active == tab

    def prepare_action(self, action: str) -> None:
        """Open the tab ``action`` works on (the palette runs actions from any tab)."""
        from textual.widgets import TabbedContent

        tab = self.ACTION_TABS.get(action.split("(", 1)[0])
        for tabs in self.query(TabbedContent):
            if tab is not None:
                tabs.active = tab
                self.refresh_bindings()

    def action_cycle_tab(self, step: int) -> None:
        """Move between the tabs of a screen that has them, and focus the tab's table."""
        from textual.widgets import DataTable, TabbedContent, TabPane

        tabs = list(self.query(TabbedContent))
        if not tabs:
            return
        panes = [p.id for p in tabs[0].query(TabPane) if p.id]
        current = panes.index(tabs[0].active) if tabs[0].active in panes else 0
        tabs[0].active = panes[(current + step) % len(panes)]
        self.refresh_bindings()
        tables = list(tabs[0].get_pane(tabs[0].active).query(DataTable))
        if tables:
            tables[0].focus()

    def compose_header(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")

    def compose_footer(self) -> ComposeResult:
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        # Below 110 columns the footer drops its padding so the screen's keys, help and
        # quit still fit on one line.
        for footer in self.query(Footer):
            footer.compact = event.size.width < 110

    @property
    def planner_app(self) -> PlannerApp:
        from planner.tui.app import PlannerApp

        return cast(PlannerApp, self.app)

    @property
    def planner(self) -> Planner:
        return self.planner_app.planner

    @property
    def plan_name(self) -> str | None:
        return self.planner_app.plan_name

    def on_screen_resume(self) -> None:
        # Back from a dialog (saved, cancelled or failed) or from another screen: reload,
        # with every table's cursor on the row it was on, so the next one-key action hits
        # the row the user is looking at.
        self.reload()

    def reload(self) -> None:
        """:meth:`refresh_data`, keeping each table's cursor on the same row (by row key)."""
        kept = {table: _cursor_of(table) for table in self.query(DataTable)}
        self.refresh_data()
        for table, (key, row) in kept.items():
            _restore_cursor(table, key, row)

    def refresh_data(self) -> None:
        """Reload what the screen shows from the workspace (overridden by each screen)."""

    def apply(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a service call for the user: refresh on success; on the project's own errors
        show the message (as text) and return None."""
        from planner.domain.text import visible
        from planner.errors import PlannerError

        try:
            result = call(*args, **kwargs)
        except PlannerError as exc:
            self.notify(visible(str(exc)), severity="error", markup=False, timeout=8)
            return None
        self.reload()
        return result


def _cursor_of(table: DataTable[Any]) -> tuple[RowKey | None, int]:
    if not table.row_count:
        return None, 0
    row = table.cursor_row
    try:
        key = table.coordinate_to_cell_key(Coordinate(row, 0)).row_key
    except CellDoesNotExist:
        key = None
    return key, row


def _restore_cursor(table: DataTable[Any], key: RowKey | None, row: int) -> None:
    """The row with the same key if it is still there, else the same position (clamped):
    a row that moved (re-sorted) is followed, a row that went leaves the cursor nearby."""
    if not table.row_count:
        return
    if key is not None and key.value is not None and key in table.rows:
        row = table.get_row_index(key)
    table.move_cursor(row=min(row, table.row_count - 1), animate=False)
