"""What every roadmap screen shares: header, footer, the current plan, and a refresh hook.

Screens are kept alive by Textual's modes, so data is reloaded whenever a screen is shown
again (another screen, or a cron job's import, may have changed the workspace).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header
from textual.widgets.data_table import CellDoesNotExist, RowKey

from planner.tui.widgets.keys_footer import KeysFooter
from planner.tui.widgets.record_table import RecordTable
from planner.tui.widgets.table_messages import Added, Deleted, Opened

T = TypeVar("T")

if TYPE_CHECKING:
    from textual.widgets import TabbedContent

    from planner.bootstrap import Planner
    from planner.tui.app import PlannerApp


# A plan of more tools than this has its screens read in a thread worker: the screen shows
# at once and stays responsive while seconds of reading go on; a smaller plan's screens
# read in place, as they always did (their tests and snapshots see the same screen).
LARGE_PLAN = 2_000
# A large plan's long table shows this many rows as soon as the records are read, before
# what takes longer to compute (the alternatives, the report's other tabs).
FIRST_PAGE = 200


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
    # A large plan's load running in a worker, and the one asked for while it ran.
    _loading = False
    _next_load: tuple[Callable[[Callable[..., None]], None], str] | None = None
    _action_tabs: TabbedContent | None = None  # the tabs check_action asks, found once
    # Resumed and not suspended since (a dialog over it, or another screen, suspends it).
    _showing = False
    # (what it does, its key on which table, the screen action): the command palette's
    # entries for the keys that live on this screen's tables.
    PALETTE: ClassVar[list[tuple[str, str, str]]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Styled by the app's stylesheet as it is now: Textual compares this count with the
        # app's before showing a mode's screen and, while they differ, re-parses all the CSS
        # and restyles every widget of the app (it only sets the count on a screen already
        # mounted, so a new screen was restyled twice on its first showing and again on
        # later ones). A theme change still raises the app's count, so such a screen is
        # restyled when it is shown next, as before.
        # Made outside a running app (a RuntimeError), or a Textual without the count: its default.
        with suppress(RuntimeError, AttributeError):
            self._css_update_count = self.app._css_update_count

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from textual.widgets import TabbedContent

        tab = self.ACTION_TABS.get(action)
        if tab is None:
            return True
        # Asked for every binding on each refresh of the footer's keys: the screen's tabs
        # are found once (a query walks every widget of the screen), again if they went.
        tabs = self._action_tabs
        if tabs is None or not tabs.is_attached:
            tabs = self._action_tabs = next(iter(self.query(TabbedContent)), None)
        return tabs is None or tabs.active == tab

    def prepare_action(self, action: str) -> None:
        """Open the tab ``action`` works on (the palette runs actions from any tab): its
        ``ACTION_TABS`` entry, or the tab holding the table of an ``on_table('…')``."""
        from textual.widgets import TabbedContent, TabPane

        tab = self.ACTION_TABS.get(action.split("(", 1)[0])
        if tab is None and action.startswith("on_table("):
            table = self.query_one(f"#{action.split(chr(39))[1]}")
            tab = next((a.id for a in table.ancestors if isinstance(a, TabPane)), None)
        for tabs in self.query(TabbedContent):
            if tab is not None:
                tabs.active = tab
                self.refresh_bindings()

    def on_tabbed_content_tab_activated(self) -> None:
        """A tab opened: its first table takes focus, and the footer shows that table's
        keys."""
        from textual.widgets import TabbedContent

        for tabs in self.query(TabbedContent):
            pane = tabs.get_pane(tabs.active) if tabs.active else None
            tables = list(pane.query(RecordTable)) if pane is not None else []
            if tables:
                tables[0].focus()
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

    # between runs: the tab shown and each table's filter and sort ---------------------------
    def view_state(self) -> dict[str, Any]:
        """What the next run on this workspace restores of this screen."""
        from textual.widgets import TabbedContent

        out: dict[str, Any] = {}
        tabs = list(self.query(TabbedContent))
        if tabs and tabs[0].active:
            out["tab"] = tabs[0].active
        tables = {t.id: t.view_state() for t in self.query(RecordTable) if t.id}
        if any(tables.values()):
            out["tables"] = {k: v for k, v in tables.items() if v}
        return out

    @on(events.Mount)
    def _restore_view(self) -> None:
        """The filters and sorts of the last run (after the screen's own ``on_mount``, which
        sets the columns): a remembered filter shows in its bar with its count."""
        tables = self.planner_app.saved_view(self).get("tables")
        if isinstance(tables, dict):
            for table in self.query(RecordTable):
                kept = tables.get(table.id)
                if isinstance(kept, dict):
                    table.restore_view(kept)

    def focus_start(self, default: Widget) -> None:
        """The focus a screen with tabs opens with: the first table of the tab the last run
        left open, else ``default`` (focusing a table opens its tab, so the screen's
        ``on_mount`` calls this instead of focusing a table itself)."""
        from textual.widgets import DataTable, TabbedContent, TabPane

        tab = self.planner_app.saved_view(self).get("tab")
        start: Widget | None = default
        for tabs in list(self.query(TabbedContent))[:1]:
            if isinstance(tab, str) and tab in {p.id for p in tabs.query(TabPane)}:
                tabs.active = tab
                start = next(iter(tabs.get_pane(tab).query(DataTable)), None)
        if start is not None:  # a tab without a table (Money's costs): its tabs keep focus
            start.focus()

    @on(events.ScreenSuspend)
    def _keep_view(self) -> None:
        self._showing = False
        self.planner_app.keep_view(self)

    def compose_header(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")

    def compose_footer(self) -> ComposeResult:
        yield KeysFooter()

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
        # the row the user is looking at. Once per showing: Textual resumes a mode's screen
        # twice when it is first shown (as it is made, then as it is switched to), and
        # reading the data a second time changed nothing but cost a whole load.
        if self._showing:
            return
        self._showing = True
        self.reload()

    def reload(self) -> None:
        """:meth:`refresh_data`, keeping each table's cursor on the same row (by row key)."""
        kept = {
            table: _cursor_of(table)
            for table in self.query(DataTable)
            if not isinstance(table, RecordTable)  # keeps its cursor by key itself
        }
        self.refresh_data()
        for table, (key, row) in kept.items():
            _restore_cursor(table, key, row)

    def refresh_data(self) -> None:
        """Reload what the screen shows from the workspace (overridden by each screen)."""

    def large_plan(self) -> bool:
        """Whether the current plan is read in a worker (one COUNT)."""
        from planner.services.tools import count_tools

        plan = self.plan_name
        return plan is not None and count_tools(self.planner.workspace, plan) > LARGE_PLAN

    def load(self, steps: Callable[[Callable[..., None]], None], waiting: str = "") -> None:
        """Run ``steps(show)``: it reads from the workspace and calls ``show(fn, *args)``
        for each part of the screen as soon as that part's data is read (say the first
        page, then the rest). On a large plan ``steps`` runs in a thread worker (a load
        asked for while one runs follows it) and each ``fn`` on the UI thread; on a
        small one, all of it here and now. ``waiting`` is shown as a notice meanwhile."""
        if not self.large_plan():
            steps(lambda fn, *args: fn(*args))
            return
        if self._loading:  # a thread cannot be stopped: the latest load runs after it
            self._next_load = (steps, waiting)
            return
        if waiting:
            self.notify(waiting, timeout=3)
        self._loading = True
        self.run_worker(
            lambda: self._load_steps(steps),
            thread=True,
            group=f"load-{type(self).__name__}",
            exit_on_error=False,
        )

    def _loaded(self) -> None:
        """A load is done: the one asked for meanwhile, if any, starts."""
        self._loading = False
        queued, self._next_load = self._next_load, None
        if queued is not None and self.is_attached:
            self.load(*queued)

    def _load_steps(self, steps: Callable[[Callable[..., None]], None]) -> None:
        from textual.worker import get_current_worker

        from planner.domain.text import visible
        from planner.errors import PlannerError
        from planner.services.tools import sharing_tools

        worker = get_current_worker()

        def show(fn: Callable[..., None], *args: Any) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(fn, *args)

        try:
            with sharing_tools():  # each service the screen asks reads the tools once
                steps(show)
        except PlannerError as exc:
            message = visible(str(exc))
            show(lambda: self.notify(message, severity="error", markup=False, timeout=8))
        finally:
            self.app.call_from_thread(self._loaded)

    # the row model: what Enter/e, a and d do on a RecordTable of this screen ---------------
    def on_record_table_opened(self, event: Opened) -> None:
        event.stop()
        self.open_record(event.table, event.key)

    def on_record_table_added(self, event: Added) -> None:
        event.stop()
        self.add_record(event.table)

    def on_record_table_deleted(self, event: Deleted) -> None:
        event.stop()
        self.delete_record(event.table, event.key)

    def open_record(self, table: RecordTable, key: str) -> None:
        """Edit the record where a form exists, else show the row's details."""
        from planner.tui.record_forms import form_of

        form = form_of(table.kind)
        if form.edit is not None:
            self.apply(form.edit, self, key)
            return
        self.show_details(table, key, form.noun)

    def action_on_table(self, table_id: str, what: str = "open") -> None:
        """Focus a table and open (or add to) its highlighted row: the palette's way to
        the keys that live on tables."""
        table = self.query_one(f"#{table_id}", RecordTable)
        table.focus()
        if what == "add":
            self.add_record(table)
        elif table.current_key is not None:
            self.open_record(table, table.current_key)

    def show_details(self, table: RecordTable, key: str, noun: str) -> None:
        from planner.tui.screens.details import DetailsScreen

        headings = [c.label for c in table.columns_spec]
        self.app.push_screen(DetailsScreen(noun, headings, table.row_cells(key)))

    def add_record(self, table: RecordTable) -> None:
        from planner.tui.record_forms import form_of

        form = form_of(table.kind)
        if form.add is not None:
            self.apply(form.add, self)
        else:
            self.notify(form.add_hint or f"No form to add a {form.noun} here yet", timeout=6)

    def delete_record(self, table: RecordTable, key: str) -> None:
        from planner.tui.record_forms import delete

        cells = table.row_cells(key)
        name = cells[0].plain if cells and isinstance(cells[0], Text) else key
        delete(self, table.kind or "", key, name.lstrip("● ").strip() or key)

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
