"""Screen 2, Discover: the tools found in use, and the hosts waiting for triage.

Tools are few (tens to hundreds) and shown whole, sorted and filtered in memory. Hosts can
be 100,000: the triage tab shows one page from the database (most users first), filtered
in SQL as you type, so the screen opens as fast on a big workspace as on an empty one. That
tab's state and actions live in :mod:`~planner.tui.screens.discover_hosts`, which this
screen builds on; here are the bindings, the layout, the tools tab and the import.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Input, Static, TabbedContent, TabPane

from planner.domain.plan import Tool
from planner.domain.records.inventory import ToolChanges
from planner.domain.text import visible
from planner.domain.words import counted
from planner.errors import StaleEditError
from planner.services.discover import import_file
from planner.services.inventory import offer_instead
from planner.services.tools import add_tool, list_tools, update_tool
from planner.tui.screens.base import TAB_BINDINGS
from planner.tui.screens.conflict import ConflictScreen
from planner.tui.screens.discover_hosts import HostsTab
from planner.tui.screens.discover_rows import (
    COLUMN_WIDTHS,
    DOMAIN_COLUMNS,
    SORT_KEYS,
    TOOL_COLUMNS,
    tool_row,
)
from planner.tui.screens.forms import AddToolForm, ImportDialog, ImportRequest, ToolForm

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
            "u",
            "undecide",
            "Reopen",
            tooltip="Remove the rule on a decided domain (✓): its hosts go back to triage",
            group=_TRIAGE,
        ),
        Binding(
            "g", "group", "Group", tooltip="Unmatched hosts by registrable domain, or one by one"
        ),
        Binding("i", "import", "Import", tooltip="Import evidence: a proxy log or a survey CSV"),
        Binding("a", "add_tool", "Add", tooltip="Add a tool people told you about"),
        Binding("slash", "focus_filter", "Filter", tooltip="Filter tools and hosts as you type"),
        *TAB_BINDINGS,
    ]
    ACTION_TABS: ClassVar[dict[str, str]] = {
        "edit": "tools-tab",
        "set_status": "tools-tab",
        "triage": "hosts-tab",
        "undecide": "hosts-tab",
        "group": "hosts-tab",
    }

    def __init__(self) -> None:
        super().__init__()
        self.tools: list[Tool] = []
        self.shown_tools: list[Tool] = []
        self.sort_by = "Users"
        self.instead: dict[str, str] = {}  # tool slug -> what to offer instead

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            "Phase 1 — Discover: which social tools are used, officially or not, by "
            "whom and how.  o/t/u/b set a status · e edits · i imports",
            classes="intro",
            markup=False,
        )
        yield Input(
            placeholder="/ filter as you type · esc back to the table", id="filter", compact=True
        )
        with TabbedContent(id="discover-tabs"):
            with TabPane("Tools", id="tools-tab"):
                yield DataTable(id="tools", cursor_type="row", zebra_stripes=True)
            with TabPane("Unmatched hosts", id="hosts-tab"):
                yield Static(
                    "m maps a host or a whole domain to a catalog product · c makes it a "
                    "custom tool · x ignores it · Enter opens a domain · g groups or not. "
                    "Decisions apply to later imports; decided domains (✓) come last, u "
                    "removes the rule.",
                    classes="intro",
                    markup=False,
                )
                yield DataTable(id="hosts", cursor_type="row", zebra_stripes=True)
        yield Static("", classes="summary", id="discover-summary", markup=False)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        tools = self.query_one("#tools", DataTable)
        for column in TOOL_COLUMNS:
            # Lists of departments and sources are capped: cut with an ellipsis, not the edge.
            tools.add_column(column, width=COLUMN_WIDTHS.get(column), key=column)
        self.query_one("#hosts", DataTable).add_columns(*DOMAIN_COLUMNS)
        self.query_one("#tools", DataTable).focus()

    def key_escape(self) -> None:
        """From the filter back to the table of the active tab."""
        active = self.query_one(TabbedContent).active
        self.query_one("#tools" if active == "tools-tab" else "#hosts", DataTable).focus()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.key_escape()
        self.refresh_bindings()  # the footer shows the keys of this tab

    # data ------------------------------------------------------------------------------------
    def refresh_data(self) -> None:
        if self.plan_name is None:
            return
        self.tools = list_tools(self.planner.workspace, self.plan_name)
        self.instead = {
            slug: a.offer
            for slug, a in offer_instead(
                self.planner.workspace, self.planner.catalog, self.plan_name, self.tools
            ).items()
        }
        self._show_tools()
        self._show_hosts()

    def _show_tools(self) -> None:
        wanted = self.filter_text.casefold()
        tools = [
            t
            for t in self.tools
            if not wanted
            or wanted
            in " ".join(
                [t.name, t.product or "", t.status.value, *t.departments, *t.purposes]
            ).casefold()
        ]
        tools.sort(key=SORT_KEYS[self.sort_by])
        self.shown_tools = tools
        table = self.query_one("#tools", DataTable)
        row = table.cursor_row
        table.clear()
        for tool in tools:
            table.add_row(*tool_row(tool, self.instead.get(tool.slug)), key=tool.slug)
        if tools:
            table.move_cursor(row=min(row, len(tools) - 1))
        classified = sum(t.classified for t in self.tools)
        self._summary(f"{counted(len(self.tools), 'tool')} found, {classified} classified")

    def _summary(self, text: str) -> None:
        self.query_one("#discover-summary", Static).update(text)

    @on(Input.Changed, "#filter")
    def _filtered(self) -> None:
        self._show_tools()
        self._show_hosts()

    @on(DataTable.HeaderSelected, "#tools")
    def _sort(self, event: DataTable.HeaderSelected) -> None:
        self.sort_by = str(event.label)
        self._show_tools()

    # actions ---------------------------------------------------------------------------------
    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def _current_tool(self) -> Tool | None:
        table = self.query_one("#tools", DataTable)
        if self.query_one(TabbedContent).active != "tools-tab" or not self.shown_tools:
            return None
        return self.shown_tools[min(table.cursor_row, len(self.shown_tools) - 1)]

    def action_set_status(self, status: str) -> None:
        tool = self._current_tool()
        if tool is None:
            return

        def change() -> None:
            saved = self.apply(
                update_tool,
                self.planner.workspace,
                self.planner.catalog,
                self.plan_name,
                tool.slug,
                ToolChanges(status=status),
            )
            if saved is not None:  # say what changed: one key, no dialog, easy to miss
                self.notify(f"{tool.name}: {status}", timeout=3)

        if status == "banned" and tool.status.value != "banned":
            self._confirm(
                f"Ban {visible(tool.name)}?",
                f"{tool.users} users; the status can be changed back later (o, t or u).",
                "Ban",
                change,
            )
        else:
            change()

    @on(DataTable.RowSelected, "#tools")
    def action_edit(self) -> None:
        tool = self._current_tool()
        if tool is None:
            return
        planner, plan = self.planner, self.plan_name
        stale: list[StaleEditError] = []

        def submit(changes: dict[str, Any]) -> None:
            try:
                update_tool(
                    planner.workspace,
                    planner.catalog,
                    plan,
                    tool.slug,
                    ToolChanges(**changes),
                    expected_version=tool.version,
                )
            except StaleEditError as exc:
                stale.append(exc)  # the form closes; the conflict dialog takes over

        def done(changes: dict[str, Any] | None) -> None:
            if changes and stale:
                self._resolve_conflict(tool, changes, stale[0])

        from planner.services.tools import tool_comments

        comments = tool_comments(planner.workspace, plan, tool.slug)
        form = ToolForm(tool, list(planner.catalog.capabilities), comments)
        self.app.push_screen(form.submitting(submit), done)

    def _resolve_conflict(self, tool: Tool, changes: dict[str, Any], stale: StaleEditError) -> None:
        """Someone saved this tool since the form opened: show both, let the user choose."""
        planner = self.planner

        def chosen(mine: bool | None) -> None:
            if mine:
                self.apply(
                    update_tool,
                    planner.workspace,
                    planner.catalog,
                    self.plan_name,
                    tool.slug,
                    ToolChanges(**changes),
                    stale.theirs_version,
                )

        self.app.push_screen(ConflictScreen(f"Tool '{tool.name}'", stale), chosen)

    def action_add_tool(self) -> None:
        planner, plan = self.planner, self.plan_name

        def submit(fields: dict[str, Any]) -> None:
            fields = dict(fields)
            name = fields.pop("name")
            add_tool(planner.workspace, planner.catalog, plan, name, ToolChanges(**fields))

        self.app.push_screen(AddToolForm(planner.catalog).submitting(submit))

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
