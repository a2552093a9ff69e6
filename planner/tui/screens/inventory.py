"""Screen 3, Inventory: tools by category, capability coverage, risk flags, vendor
strategies and the risk register — one tab each, all from one service call."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static, TabbedContent, TabPane

from planner.domain.inventory import capabilities_of
from planner.domain.plan import Tool
from planner.domain.text import visible
from planner.domain.words import counted
from planner.services.inventory import (
    InventoryReport,
    inventory_report,
    offer_instead,
    tools_by_category,
)
from planner.services.tools import list_tools
from planner.tui.screens.base import FIRST_PAGE, TAB_BINDINGS, PlanScreen
from planner.tui.screens.inventory_audiences import TAB, audience_columns, fill_audiences
from planner.tui.widgets.cells import cell, number
from planner.tui.widgets.record_table import RecordTable
from planner.tui.widgets.table_columns import Col

_LEVEL_STYLE = {"high": "bold red", "medium": "yellow", "low": "green"}


class InventoryScreen(PlanScreen):
    """Each tab's table carries its own keys (see RecordTable): Enter edits the
    highlighted tool, risk, vendor review or need, ``a`` adds, ``d`` deletes."""

    BINDINGS: ClassVar[list[BindingType]] = [*TAB_BINDINGS]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Edit a tool: status, owner, purposes", "Enter on Tools", "on_table('inv-table')"),
        ("Set how much a capability is needed", "Enter on Coverage", "on_table('coverage')"),
        ("Review a vendor's strategy", "Enter or r on Vendors", "on_table('vendors')"),
        ("Shortlist a vendor, or take it off", "s on Vendors", "shortlist"),
        ("Add a risk to the register", "a on Risks", "on_table('risks', 'add')"),
        ("Edit a risk", "Enter on Risks", "on_table('risks')"),
    ]
    ACTION_TABS: ClassVar[dict[str, str]] = {"shortlist": "inv-vendors"}

    def __init__(self) -> None:
        super().__init__()
        self.report: InventoryReport | None = None
        self.capability_rows: list[str] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            "Phase 2a/2b — Inventory and vendor strategies: the tools in use against "
            "the catalog, overlaps, gaps, risks, and what became of each vendor.",
            classes="intro",
            markup=False,
        )
        with TabbedContent(id="inventory-tabs"):
            with TabPane("Tools", id="inv-tools"):
                yield RecordTable("tool", id="inv-table")
            with TabPane("Coverage", id="inv-coverage"):
                yield Static(
                    "Enter sets how much a capability is needed (gaps are needed "
                    "capabilities no tool provides; overlaps in yellow).",
                    classes="intro",
                    markup=False,
                )
                yield RecordTable("need", id="coverage")
            with TabPane("Flags", id="inv-flags"):
                yield RecordTable("flag", id="flags")
            with TabPane("Vendors", id="inv-vendors"):
                yield Static(
                    "Enter (or r) reviews a vendor's strategy · s shortlists it or takes it off",
                    classes="intro",
                    markup=False,
                )
                yield RecordTable(
                    "vendor",
                    id="vendors",
                    bindings=[
                        Binding(
                            "s",
                            "screen.shortlist",
                            "Shortlist",
                            tooltip="Shortlist the vendor, or take it off",
                        ),
                        Binding("r", "open_row", "Review", tooltip="Review the vendor's strategy"),
                    ],
                )
            with TabPane("Risks", id="inv-risks"):
                yield Static(
                    "Enter edits a risk · a adds one · d deletes it", classes="intro", markup=False
                )
                yield RecordTable("risk", id="risks")
            with TabPane("Audiences", id=TAB):
                yield Static(
                    "Who the plan must reach · a adds · Enter edits · d deletes",
                    classes="intro",
                    markup=False,
                )
                yield RecordTable("audience", id="audiences")
        yield Static("", classes="summary", id="inventory-summary", markup=False)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#inv-table", RecordTable).set_columns(
            [
                Col("Category"),
                Col("Tool", minimum=20),
                Col("Status"),
                Col("Owner"),
                Col("Users"),
                Col("Departments", 24),
                Col("Purposes", 24),
                Col("Capabilities"),
                Col("Deployment"),
                Col("Offer instead", 20),
            ]
        )
        self.query_one("#flags", RecordTable).set_columns(["Flag", Col("Explanation", minimum=20)])
        self.query_one("#vendors", RecordTable).set_columns(
            [
                Col("Product", minimum=20),
                "Owner today",
                "Status",
                "Successor",
                "Latest event",
                "In use",
                "Shortlist",
                "Review",
                "Note",
            ]
        )
        self.query_one("#risks", RecordTable).set_columns(
            [
                Col("Risk", 36, minimum=12),
                "Likelihood",
                "Impact",
                "Status",
                "Owner",
                Col("Mitigation", 30),
                "Evidence",
            ]
        )
        audience_columns(self)
        self.focus_start(self.query_one("#inv-table", RecordTable))

    def refresh_data(self) -> None:
        if self.plan_name is not None:
            self.load(partial(self._read, self.plan_name), "Reading a large plan's inventory…")

    def _read(self, plan: str, show: Callable[..., None]) -> None:
        """The tools first (their table's first page shows as soon as they are read), then
        the report and what to offer instead of each tool, for every tab."""
        planner = self.planner
        tools = list_tools(planner.workspace, plan)
        groups = tools_by_category(tools, planner.catalog)
        first = [(label, t) for label, group in groups.items() for t in group][:FIRST_PAGE]
        show(self._first_page, self._tool_rows(first, {}))
        del tools, groups, first
        report = inventory_report(planner.workspace, planner.catalog, plan, planner.today())
        # Only what to offer is shown: the reasons go before the rows are made (a 60,000-tool
        # plan has 30,000 of them), and the rows take the memory they held.
        instead = {
            slug: alternative.offer
            for slug, alternative in offer_instead(
                planner.workspace, planner.catalog, plan, report.tools
            ).items()
        }
        rows = [(label, t) for label, group in report.by_category(planner.catalog).items()
                for t in group]  # fmt: skip
        show(self._show, report, self._tool_rows(rows, instead))

    def _first_page(self, rows: list[tuple[str, list[Any]]]) -> None:
        self.query_one("#inv-table", RecordTable).set_rows(rows)

    def _show(self, report: InventoryReport, tool_rows: list[tuple[str, list[Any]]]) -> None:
        self.report = report
        self.query_one("#inv-table", RecordTable).set_rows(tool_rows)
        self._coverage(report)
        self.query_one("#flags", RecordTable).set_rows(
            (
                f"{i}:{flag.kind}",
                [
                    cell(flag.kind, "bold red" if flag.severity == "high" else "yellow"),
                    cell(flag.message),
                ],
            )
            for i, flag in enumerate(report.flags)
        )
        self._vendors(report)
        self._risks(report)
        open_high = sum(r.open_high for r in report.risks)
        self.query_one("#inventory-summary", Static).update(
            f"{counted(len(report.tools), 'tool')} · {counted(len(report.overlaps), 'overlap')} · "
            f"{counted(len(report.gaps), 'gap')} · {counted(len(report.flags), 'flag')} · "
            f"vendor strategies {report.vendor_progress:.0%} reviewed · "
            f"{counted(open_high, 'open high risk')}"
        )

    def _tool_rows(
        self, tools: list[tuple[str, Tool]], instead: dict[str, str]
    ) -> list[tuple[str, list[Any]]]:
        """The tools table's rows (category label, tool): plain cells, built off the UI
        thread on a large plan."""
        catalog = self.planner.catalog
        rows: list[tuple[str, list[Any]]] = []
        for label, tool in tools:
            product = catalog.get(tool.product) if tool.product else None
            rows.append(
                (
                    tool.slug,
                    [
                        cell(label),
                        cell(tool.name),
                        cell(tool.status.value),
                        cell(tool.owner),
                        number(tool.users),
                        cell(tool.departments),
                        cell(tool.purposes),
                        number(len(capabilities_of(tool, catalog))),
                        cell([d.value for d in product.deployment] if product else None),
                        cell(instead.get(tool.slug), "green"),
                    ],
                )
            )
        return rows

    def _coverage(self, report: InventoryReport) -> None:
        table = self.query_one("#coverage", RecordTable)
        tools = sorted(report.tools, key=lambda t: -t.users)[:12]
        # Tool names are data: RecordTable labels are Text, never markup.
        table.set_columns(["Capability", "Need", *(Col(visible(t.name), 12) for t in tools)])
        rows = []
        overlapping = {c for o in report.overlaps for c in o.capabilities}
        self.capability_rows = list(report.coverage)
        for cap in self.capability_rows:
            providers = {t.slug for t in report.coverage[cap]}
            need = report.needs.get(cap, 0)
            style = "bold red" if cap in report.gaps else ("yellow" if cap in overlapping else "")
            rows.append(
                (
                    cap,
                    [
                        cell(cap, style),
                        cell(need or None),
                        *(
                            Text("●" if t.slug in providers else "·", justify="center")
                            for t in tools
                        ),
                    ],
                )
            )
        table.set_rows(rows)

    def _vendors(self, report: InventoryReport) -> None:
        rows = []
        for v in report.vendors:
            s, r = v.product.strategy, v.review
            last = s.history[-1] if s.history else None
            review = None
            if r and r.rating:
                review = r.rating.value + (" (stale)" if v.stale else "")
            rows.append(
                (
                    v.product.id,
                    [
                        cell(v.product.name),
                        cell(s.owner),
                        cell(s.status.value),
                        cell(s.successor),
                        cell(f"{last.date or last.year}: {last.event}" if last else None),
                        cell("yes" if v.in_use else ""),
                        cell("yes" if r and r.shortlisted else ""),
                        cell(review, "bold red" if v.stale else ""),
                        cell(r.note if r else None),
                    ],
                )
            )
        self.query_one("#vendors", RecordTable).set_rows(rows)

    def _risks(self, report: InventoryReport) -> None:
        rows = []
        for risk in sorted(report.risks, key=lambda r: (not r.open_high, r.id)):
            rows.append(
                (
                    risk.id,
                    [
                        cell(risk.title),
                        cell(risk.likelihood.value, _LEVEL_STYLE[risk.likelihood.value]),
                        cell(risk.impact.value, _LEVEL_STYLE[risk.impact.value]),
                        cell(risk.status.value),
                        cell(risk.owner),
                        cell(risk.mitigation),
                        cell(risk.evidence),
                    ],
                )
            )
        self.query_one("#risks", RecordTable).set_rows(rows)
        fill_audiences(self)

    # actions ---------------------------------------------------------------------------------
    def action_shortlist(self) -> None:
        """s on the vendors table: shortlist the vendor or take it off (a toast says which)."""
        from planner.tui.record_openers import toggle_shortlist

        key = self.query_one("#vendors", RecordTable).current_key
        if key is not None:
            toggle_shortlist(self, key)
