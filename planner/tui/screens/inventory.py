"""Screen 3, Inventory: tools by category, capability coverage, risk flags, vendor
strategies and the risk register — one tab each, all from one service call."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from planner.domain.inventory import capabilities_of
from planner.domain.words import counted
from planner.services.inventory import (
    InventoryReport,
    inventory_report,
    offer_instead,
    review_vendor,
    save_risk,
    set_need,
)
from planner.tui.screens.base import TAB_BINDINGS, PlanScreen
from planner.tui.screens.inventory_audiences import TAB, AudiencesTab
from planner.tui.screens.inventory_forms import NeedForm, RiskForm, VendorReviewForm
from planner.tui.widgets.cells import cell

_LEVEL_STYLE = {"high": "bold red", "medium": "yellow", "low": "green"}


class InventoryScreen(AudiencesTab, PlanScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted risk, vendor review or need"),
        Binding("r", "review", "Review", tooltip="Review the vendor's strategy: rating, note"),
        Binding("s", "shortlist", "Shortlist", tooltip="Shortlist the vendor, or take it off"),
        Binding("a", "add_risk", "Add risk", tooltip="Add a risk to the register"),
        Binding("n", "need", "Need", tooltip="Set how much a capability is needed (0-5)"),
        Binding("a", "add_audience", "Add audience", tooltip="Add a group of people to reach"),
        Binding("d", "delete_audience", "Delete", tooltip="Delete the highlighted audience"),
        *TAB_BINDINGS,
    ]
    ACTION_TABS: ClassVar[dict[str, str]] = {
        "review": "inv-vendors",
        "shortlist": "inv-vendors",
        "add_risk": "inv-risks",
        "need": "inv-coverage",
        "edit": "inv-risks",  # and the vendors, coverage and audiences tabs: see check_action
        "add_audience": TAB,
        "delete_audience": TAB,
    }

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit":
            tabs = list(self.query(TabbedContent))
            return not tabs or tabs[0].active in ("inv-risks", "inv-vendors", "inv-coverage", TAB)
        return super().check_action(action, parameters)

    def prepare_action(self, action: str) -> None:
        if action == "edit" and self.check_action("edit", ()):
            return  # already on a tab where e edits something
        super().prepare_action(action)

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()  # the footer shows the keys of this tab

    def __init__(self) -> None:
        super().__init__()
        self.report: InventoryReport | None = None
        self.capability_rows: list[str] = []
        self.audiences = []

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
                yield DataTable(id="inv-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Coverage", id="inv-coverage"):
                yield Static(
                    "n sets how much a capability is needed (gaps are needed "
                    "capabilities no tool provides; overlaps in yellow).",
                    classes="intro",
                    markup=False,
                )
                yield DataTable(id="coverage", cursor_type="row")
            with TabPane("Flags", id="inv-flags"):
                yield DataTable(id="flags", cursor_type="row", zebra_stripes=True)
            with TabPane("Vendors", id="inv-vendors"):
                yield Static(
                    "r reviews a vendor's strategy · s adds it to the shortlist or takes it off",
                    classes="intro",
                    markup=False,
                )
                yield DataTable(id="vendors", cursor_type="row", zebra_stripes=True)
            with TabPane("Risks", id="inv-risks"):
                yield Static("e edits a risk · a adds one", classes="intro", markup=False)
                yield DataTable(id="risks", cursor_type="row", zebra_stripes=True)
            with TabPane("Audiences", id=TAB):
                yield Static(
                    "Who the plan must reach · a adds · Enter or e edits · d deletes",
                    classes="intro",
                    markup=False,
                )
                yield DataTable(id="audiences", cursor_type="row", zebra_stripes=True)
        yield Static("", classes="summary", id="inventory-summary", markup=False)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        tools = self.query_one("#inv-table", DataTable)
        for column in (
            "Category",
            "Tool",
            "Status",
            "Owner",
            "Users",
            "Departments",
            "Purposes",
            "Capabilities",
            "Deployment",
            "Offer instead",
        ):
            # Long lists are capped and cut with an ellipsis rather than by the screen edge.
            widths = {"Departments": 24, "Purposes": 24, "Offer instead": 20}
            tools.add_column(column, width=widths.get(column))
        self.query_one("#flags", DataTable).add_columns("Flag", "Explanation")
        self.query_one("#vendors", DataTable).add_columns(
            "Product",
            "Owner today",
            "Status",
            "Successor",
            "Latest event",
            "In use",
            "Shortlist",
            "Review",
            "Note",
        )
        risks = self.query_one("#risks", DataTable)
        for column in ("Risk", "Likelihood", "Impact", "Status", "Owner", "Mitigation", "Evidence"):
            risks.add_column(column, width={"Risk": 36, "Mitigation": 30}.get(column))
        self.audience_columns()
        self.query_one("#inv-table", DataTable).focus()

    def refresh_data(self) -> None:
        if self.plan_name is None:
            return
        catalog = self.planner.catalog
        report = inventory_report(
            self.planner.workspace, catalog, self.plan_name, self.planner.today()
        )
        self.report = report
        self._tools(report)
        self._coverage(report)
        flags = self.query_one("#flags", DataTable)
        flags.clear()
        for flag in report.flags:
            flags.add_row(
                cell(flag.kind, "bold red" if flag.severity == "high" else "yellow"),
                cell(flag.message),
            )
        self._vendors(report)
        self._risks(report)
        self.fill_audiences()
        open_high = sum(r.open_high for r in report.risks)
        self.query_one("#inventory-summary", Static).update(
            f"{counted(len(report.tools), 'tool')} · {counted(len(report.overlaps), 'overlap')} · "
            f"{len(report.gaps)} gaps · {len(report.flags)} flags · vendor strategies "
            f"{report.vendor_progress:.0%} reviewed · {open_high} open high risks"
        )

    def _tools(self, report: InventoryReport) -> None:
        catalog = self.planner.catalog
        table = self.query_one("#inv-table", DataTable)
        table.clear()
        instead = offer_instead(self.planner.workspace, catalog, self.plan_name, report.tools)
        for label, tools in report.by_category(catalog).items():
            for tool in tools:
                product = catalog.get(tool.product) if tool.product else None
                table.add_row(
                    cell(label),
                    cell(tool.name),
                    cell(tool.status.value),
                    cell(tool.owner),
                    Text(str(tool.users), justify="right"),
                    cell(tool.departments),
                    cell(tool.purposes),
                    Text(str(len(capabilities_of(tool, catalog))), justify="right"),
                    cell([d.value for d in product.deployment] if product else None),
                    cell(instead[tool.slug].offer if tool.slug in instead else None, "green"),
                    key=tool.slug,
                )

    def _coverage(self, report: InventoryReport) -> None:
        table = self.query_one("#coverage", DataTable)
        table.clear(columns=True)
        tools = sorted(report.tools, key=lambda t: -t.users)[:12]
        # Tool names are data: column labels as Text, or '[b]' in a name would be markup.
        table.add_columns("Capability", "Need", *(cell(t.name[:12]) for t in tools))
        overlapping = {c for o in report.overlaps for c in o.capabilities}
        self.capability_rows = list(report.coverage)
        for cap in self.capability_rows:
            providers = {t.slug for t in report.coverage[cap]}
            need = report.needs.get(cap, 0)
            style = "bold red" if cap in report.gaps else ("yellow" if cap in overlapping else "")
            table.add_row(
                cell(cap, style),
                cell(need or None),
                *(Text("●" if t.slug in providers else "·", justify="center") for t in tools),
                key=cap,
            )

    def _vendors(self, report: InventoryReport) -> None:
        table = self.query_one("#vendors", DataTable)
        table.clear()
        for v in report.vendors:
            s, r = v.product.strategy, v.review
            last = s.history[-1] if s.history else None
            review = None
            if r and r.rating:
                review = r.rating.value + (" (stale)" if v.stale else "")
            table.add_row(
                cell(v.product.name),
                cell(s.owner),
                cell(s.status.value),
                cell(s.successor),
                cell(f"{last.date or last.year}: {last.event}" if last else None),
                cell("yes" if v.in_use else ""),
                cell("yes" if r and r.shortlisted else ""),
                cell(review, "bold red" if v.stale else ""),
                cell(r.note if r else None),
                key=v.product.id,
            )

    def _risks(self, report: InventoryReport) -> None:
        table = self.query_one("#risks", DataTable)
        table.clear()
        for risk in sorted(report.risks, key=lambda r: (not r.open_high, r.id)):
            table.add_row(
                cell(risk.title),
                cell(risk.likelihood.value, _LEVEL_STYLE[risk.likelihood.value]),
                cell(risk.impact.value, _LEVEL_STYLE[risk.impact.value]),
                cell(risk.status.value),
                cell(risk.owner),
                cell(risk.mitigation),
                cell(risk.evidence),
                key=risk.id,
            )

    # actions ---------------------------------------------------------------------------------
    def _active(self) -> str:
        return str(self.query_one(TabbedContent).active)

    def _row(self, table_id: str) -> int | None:
        table = self.query_one(table_id, DataTable)
        return table.cursor_row if table.row_count else None

    def action_review(self) -> None:
        row = self._row("#vendors")
        if self._active() != "inv-vendors" or row is None or self.report is None:
            return
        vendor = self.report.vendors[row]
        planner, plan = self.planner, self.plan_name

        def submit(fields: dict[str, Any]) -> None:
            review_vendor(
                planner.workspace,
                planner.catalog,
                plan,
                vendor.product.id,
                today=planner.today(),
                **fields,
            )

        form = VendorReviewForm(vendor.product.name, vendor.review)
        self.app.push_screen(form.submitting(submit))

    def action_shortlist(self) -> None:
        row = self._row("#vendors")
        if self._active() != "inv-vendors" or row is None or self.report is None:
            return
        vendor = self.report.vendors[row]
        on = not (vendor.review and vendor.review.shortlisted)
        self.apply(
            review_vendor,
            self.planner.workspace,
            self.planner.catalog,
            self.plan_name,
            vendor.product.id,
            shortlisted=on,
            today=self.planner.today(),
        )

    @on(DataTable.RowSelected, "#audiences")
    def _audience_chosen(self) -> None:
        self.edit_audience()

    def action_edit(self) -> None:
        if self._active() == TAB:
            self.edit_audience()
            return
        if self._active() == "inv-vendors":
            self.action_review()
            return
        if self._active() == "inv-coverage":
            self.action_need()
            return
        row = self._row("#risks")
        if self._active() != "inv-risks" or row is None or self.report is None:
            return
        risk = sorted(self.report.risks, key=lambda r: (not r.open_high, r.id))[row]
        workspace, plan = self.planner.workspace, self.plan_name

        def submit(fields: dict[str, Any]) -> None:
            save_risk(workspace, plan, risk.id, **fields)

        self.app.push_screen(RiskForm(risk).submitting(submit))

    def action_add_risk(self) -> None:
        if self._active() != "inv-risks":
            return

        workspace, plan = self.planner.workspace, self.plan_name

        def submit(fields: dict[str, Any]) -> None:
            save_risk(workspace, plan, fields["title"], create=True, **fields)

        self.app.push_screen(RiskForm(None).submitting(submit))

    def action_need(self) -> None:
        row = self._row("#coverage")
        if self._active() != "inv-coverage" or row is None or self.report is None:
            return
        capability = self.capability_rows[row]
        planner, plan = self.planner, self.plan_name

        def submit(fields: dict[str, Any]) -> None:
            set_need(planner.workspace, planner.catalog, plan, capability, fields["weight"])

        form = NeedForm(capability, self.report.needs.get(capability, 0))
        self.app.push_screen(form.submitting(submit))
