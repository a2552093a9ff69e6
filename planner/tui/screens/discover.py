"""Screen 2, Discover: the tools found in use, and the hosts waiting for triage.

Tools are few (tens to hundreds) and shown whole, sorted and filtered in memory. Hosts can
be 100,000: the triage tab shows one page from the database (most users first), filtered
in SQL as you type, so the screen opens as fast on a big workspace as on an empty one. That
tab's state and actions live in :mod:`~planner.tui.screens.discover_hosts`, which this
screen builds on; here are the bindings, the layout, the tools tab and the import.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static, TabbedContent, TabPane

from planner.domain.plan import Tool
from planner.domain.records.inventory import ToolChanges
from planner.domain.text import visible
from planner.domain.words import counted
from planner.services.discover import import_file
from planner.services.inventory import offer_instead
from planner.services.tools import list_tools, update_tool
from planner.tui.screens.base import FIRST_PAGE, TAB_BINDINGS
from planner.tui.screens.discover_hosts import HostsTab
from planner.tui.screens.discover_rows import COLUMN_WIDTHS, TOOL_COLUMNS, tool_row
from planner.tui.screens.import_dialog import ImportDialog, ImportRequest
from planner.tui.undo import undoable
from planner.tui.widgets.record_table import RecordTable
from planner.tui.widgets.table_columns import Col

_STATUS = Binding.Group("Status")
_TRIAGE = Binding.Group("Triage")


class DiscoverScreen(HostsTab):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", tooltip="Edit the tool: status, owner, purposes, notes"),
        # o/t/u/b share one footer hint, as do m/c/x: the help panel (?) spells each out.
        *(
            Binding(key, f"set_status('{status}')", label, tooltip=tip, group=_STATUS)
            for key, status, label, tip in (
                ("o", "official", "Official", "Mark the tool official"),
                ("t", "tolerated", "Tolerated", "Mark the tool tolerated"),
                ("u", "unofficial", "Unofficial", "Mark the tool unofficial"),
                ("b", "banned", "Ban", "Ban the tool (asks first)"),
            )
        ),
        *(
            Binding(key, f"triage('{decision}')", label, tooltip=tip, group=_TRIAGE)
            for key, decision, label, tip in (
                ("m", "mapped", "Map", "Map the host to a catalog product"),
                ("c", "custom", "Custom", "Make the host a custom tool"),
                ("x", "ignored", "Ignore", "Ignore the host (asks first)"),
            )
        ),
        Binding(
            "g", "group", "Group", tooltip="Unmatched hosts by registrable domain, or one by one"
        ),
        Binding("i", "import", "Import", tooltip="Import evidence: a proxy log or a survey CSV"),
        Binding("a", "add_tool", "Add", tooltip="Add a tool people told you about"),
        Binding(
            "full_stop", "host_page(1)", "Next page", key_display=".", tooltip="The next 200 hosts"
        ),
        Binding("comma", "host_page(-1)", "Previous page", show=False),
        *TAB_BINDINGS,
    ]
    ACTION_TABS: ClassVar[dict[str, str]] = {
        "edit": "tools-tab",
        "set_status": "tools-tab",
        "triage": "hosts-tab",
        "group": "hosts-tab",
        "host_page": "hosts-tab",
    }

    def __init__(self) -> None:
        super().__init__()
        self.tools: dict[str, Tool] = {}
        self.instead: dict[str, str] = {}  # tool slug -> what to offer instead

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            "Phase 1 — Discover: which social tools are used, officially or not, by "
            "whom and how.  o/t/u/b set a status · Enter edits · i imports",
            classes="intro",
            markup=False,
        )
        with TabbedContent(id="discover-tabs"):
            with TabPane("Tools", id="tools-tab"):
                yield RecordTable("tool", id="tools", markable=True)
            with TabPane("Unmatched hosts", id="hosts-tab"):
                yield Static(
                    "m maps a host or a whole domain to a catalog product · c makes it a "
                    "custom tool · x ignores it · space marks rows to decide on together · "
                    "Enter opens a domain · g groups or not. Decisions apply to later imports.",
                    classes="intro",
                    markup=False,
                )
                yield RecordTable("host", id="hosts", remote_filter=True, markable=True)
            with TabPane("Decided", id="decided-tab"):
                yield Static(
                    "The domain rules (✓) and the hosts decided one by one: d takes a "
                    "decision back (its hosts return to triage); space marks several.",
                    classes="intro",
                    markup=False,
                )
                yield RecordTable(
                    "decision",
                    id="decided",
                    markable=True,
                    bindings=[
                        Binding(
                            "d",
                            "screen.undecide",
                            "Take back",
                            tooltip="Take the decision back: its hosts return to triage",
                        )
                    ],
                )
        yield Static("", classes="summary", id="discover-summary", markup=False)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#tools", RecordTable).set_columns(
            [Col(c, COLUMN_WIDTHS.get(c), minimum=20 if c == "Tool" else 10) for c in TOOL_COLUMNS]
        )
        self.focus_start(self.query_one("#tools", RecordTable))

    def open_record(self, table: RecordTable, key: str) -> None:
        """Enter on a domain opens it (its hosts under it); on a host, its details."""
        if table.id == "hosts" and self.toggle_domain(key):
            return
        super().open_record(table, key)

    # data ------------------------------------------------------------------------------------
    def refresh_data(self) -> None:
        if self.plan_name is None:
            return
        self._show_hosts()  # one page from SQL: at once, whatever the plan's size
        self.load(partial(self._read, self.plan_name), "Reading a large plan's tools…")

    def _read(self, plan: str, show: Callable[..., None]) -> None:
        """The tools, what to offer instead of each, and their table's rows (built off the
        UI thread on a large plan)."""
        ws, catalog = self.planner.workspace, self.planner.catalog
        tools = list_tools(ws, plan)
        ordered = sorted(tools, key=lambda t: (-t.users, t.name.casefold()))
        by_slug = {t.slug: t for t in tools}
        if len(ordered) > FIRST_PAGE:  # the first page before the alternatives
            first = [(tool.slug, tool_row(tool)) for tool in ordered[:FIRST_PAGE]]
            show(self._show_tools, by_slug, {}, first)
        instead = {slug: a.offer for slug, a in offer_instead(ws, catalog, plan, tools).items()}
        rows = [(tool.slug, tool_row(tool, instead.get(tool.slug))) for tool in ordered]
        show(self._show_tools, by_slug, instead, rows)

    def _show_tools(
        self, tools: dict[str, Tool], instead: dict[str, str], rows: list[tuple[str, list[Any]]]
    ) -> None:
        self.tools, self.instead = tools, instead
        self.query_one("#tools", RecordTable).set_rows(rows)
        classified = sum(t.classified for t in tools.values())
        self._summary(f"{counted(len(tools), 'tool')} found, {classified} classified")

    def _summary(self, text: str) -> None:
        self.query_one("#discover-summary", Static).update(text)

    # actions ---------------------------------------------------------------------------------
    def _targets(self) -> list[Tool]:
        """The marked tools (space), or the highlighted one, on the tools tab."""
        if self.query_one(TabbedContent).active != "tools-tab":
            return []
        table = self.query_one("#tools", RecordTable)
        return [self.tools[k] for k in table.targets() if k in self.tools]

    def action_set_status(self, status: str) -> None:
        """o/t/u/b: the status of the marked tools, or of the highlighted one (undoable)."""
        tools = self._targets()
        if not tools:
            return
        planner, plan = self.planner, self.plan_name
        what = tools[0].name if len(tools) == 1 else f"{len(tools)} tools"

        def change() -> None:
            keys = [("tools", t.slug) for t in tools]
            with undoable(self.planner_app, f"Marked {what} {status}", keys):
                for tool in tools:
                    update_tool(planner.workspace, planner.catalog, plan, tool.slug,
                                ToolChanges(status=status))  # fmt: skip
            self.query_one("#tools", RecordTable).marked.clear()

        if status == "banned" and any(t.status.value != "banned" for t in tools):
            users = sum(t.users for t in tools)
            self._confirm(
                f"Ban {visible(what)}?",
                f"{users} users; ctrl+z takes it back, or set another status (o, t or u).",
                "Ban",
                lambda: self.apply(change),
            )
        else:
            self.apply(change)

    def action_edit(self) -> None:
        key = self.query_one("#tools", RecordTable).current_key
        if key is not None:
            self.open_record(self.query_one("#tools", RecordTable), key)

    def action_add_tool(self) -> None:
        from planner.tui.record_openers import add_tool

        add_tool(self)

    def action_import(self) -> None:
        planner, plan = self.planner, self.plan_name

        def run(request: ImportRequest, progress: Any, cancelled: Any) -> str:
            result = import_file(
                planner.workspace,
                planner.catalog,
                planner.pseudonym_key,
                plan,
                request.path,
                request.fmt,
                directory=request.directory,
                profile=request.profile,
                encoding=request.encoding,
                progress=progress,
                cancelled=cancelled,
                today=planner.today(),
            )
            if result.duplicate:
                return f"{result.source} was already imported: nothing counted twice"
            return (
                f"{result.source}: {result.lines} lines, {result.skipped} skipped, "
                f"{counted(len(result.matched_tools), 'tool')}, {len(result.new_tools)} new, "
                f"{counted(result.unmatched_hosts, 'host')} to triage"
                + (f", {result.set_aside_text}" if result.set_aside else "")
                + (f", read as {result.encoding}" if result.encoding else "")
                + (f"\n{result.warning}" if result.warning else "")
            )

        def done(summary: str | None) -> None:
            if summary:
                self.notify(visible(summary), markup=False)
                self.reload()

        self.app.push_screen(ImportDialog(run), done)
