"""Screen 7, Money: the plan's licence contracts, what the tools cost, and the exit plans.

Phase 2b (vendor strategies) ends in decisions about money and dates: which contract must
be decided when, what overlapping tools cost, and how a tool is switched off. One tab
each, every figure from the services the command line uses (``contract``, ``costs``,
``exit``), amounts exact and per currency. Contracts are added, edited and deleted here;
a tool's exit is planned here (``r``, filled from the plan's proposal for an ended
product) and each exit step marked done (or planned again) with one key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from planner.domain.contracts import Contract, money, totals_text
from planner.domain.costs import Costs
from planner.domain.exits import ExitMilestone, ExitProposal, StepStatus
from planner.domain.text import visible
from planner.domain.words import counted
from planner.services.contracts import delete_contract, list_contracts, save_contract_text
from planner.services.costs import plan_costs
from planner.services.exits import list_exit_steps, mark_step, retirement_proposals
from planner.tui.screens.base import TAB_BINDINGS, PlanScreen
from planner.tui.screens.money_forms import ContractForm
from planner.tui.widgets.cells import cell

SOON_DAYS = 90  # a decision date this close is shown as soon


class MoneyScreen(PlanScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="Add a licence contract"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted contract (or Enter)"),
        Binding("d", "delete", "Delete", tooltip="Delete the highlighted contract (asks first)"),
        Binding("r", "retire", "Plan exit", tooltip="Plan a tool's exit (switch-off date, target)"),
        Binding("x", "done", "Done", tooltip="Mark the highlighted exit step done, or not"),
        *TAB_BINDINGS,
    ]
    ACTION_TABS: ClassVar[dict[str, str]] = {
        "add": "money-contracts",
        "edit": "money-contracts",
        "delete": "money-contracts",
        "done": "money-exits",
        "retire": "money-exits",
    }

    def __init__(self) -> None:
        super().__init__()
        self.contracts: list[Contract] = []
        self.steps: list[ExitMilestone] = []
        self.proposals: list[ExitProposal] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            "Phase 2b — Money: contracts and their decision dates, what the tools cost, "
            "and the exit plans of the tools to switch off.",
            classes="intro",
            markup=False,
        )
        with TabbedContent(id="money-tabs"):
            with TabPane("Contracts", id="money-contracts"):
                yield DataTable(id="contracts", cursor_type="row", zebra_stripes=True)
            with TabPane("Costs", id="money-costs"), VerticalScroll():
                yield Static("", id="costs", markup=False)
            with TabPane("Exits", id="money-exits"):
                yield DataTable(id="exit-steps", cursor_type="row", zebra_stripes=True)
                yield Static("", id="proposals", markup=False)
        yield Static("", classes="summary", id="money-summary", markup=False)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        contracts = self.query_one("#contracts", DataTable)
        for column, width in (
            ("Product", 18),
            ("Seats", None),
            ("Annual cost", None),
            ("End", None),
            ("Decide by", None),
            ("Status", None),
        ):
            contracts.add_column(column, width=width)
        steps = self.query_one("#exit-steps", DataTable)
        for column, width in (("Due", None), ("Step", 40), ("Owner", 12), ("Status", None)):
            steps.add_column(column, width=width)
        self.focus_start(contracts)

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()  # the footer shows the keys of this tab

    def refresh_data(self) -> None:
        if self.plan_name is not None:
            self.load(partial(self._read, self.plan_name), "Reading a large plan's costs…")

    def _read(self, plan: str, show: Callable[..., None]) -> None:
        """Contracts, exit steps and proposals, and the costs (off the UI thread on a large
        plan: the costs read every tool)."""
        planner, today = self.planner, self.planner.today()
        contracts = list_contracts(planner.workspace, plan)
        steps = list_exit_steps(planner.workspace, plan)
        proposals = retirement_proposals(planner.workspace, planner.catalog, plan, today)
        costs = plan_costs(planner.workspace, planner.catalog, plan, today)
        show(self._show, contracts, steps, proposals, costs, today)

    def _show(
        self,
        contracts: list[Contract],
        steps_: list[ExitMilestone],
        proposals_: list[ExitProposal],
        costs: Costs,
        today: dt.date,
    ) -> None:
        planner = self.planner
        self.contracts, self.steps, self.proposals = contracts, steps_, proposals_

        table = self.query_one("#contracts", DataTable)
        table.clear()
        for c in self.contracts:
            product = planner.catalog.get(c.product)
            table.add_row(
                cell(product.name if product else c.product),
                Text(str(c.seats), justify="right"),
                Text(money(c.annual_cost, c.currency), justify="right"),
                cell(c.end.isoformat()),
                cell(c.decision_date.isoformat()),
                _status(c, today),
                key=c.id,
            )
        if not self.contracts:
            table.add_row(Text("no contract yet: a adds one", style="dim"), "", "", "", "", "")

        steps = self.query_one("#exit-steps", DataTable)
        steps.clear()
        for s in self.steps:
            state = "late" if s.late(today) else s.status.value
            style = {"late": "bold red", "done": "green"}.get(state, "")
            steps.add_row(
                cell(s.due.isoformat()),
                cell(s.title),
                cell(s.owner),
                Text(state, style=style),
                key=s.id,
            )
        proposals = Text()
        if not self.steps:
            proposals.append("No exit plan yet: r plans a tool's exit.\n")
        for p in self.proposals:
            proposals.append(f"{visible(p.headline)}: ", style="yellow")
            proposals.append(f"{p.advice} — r plans it\n")
        self.query_one("#proposals", Static).update(proposals)

        self.query_one("#costs", Static).update(_costs_view(costs))
        late = sum(c.late(today) for c in self.contracts)
        summary = (
            f"{counted(len(self.contracts), 'contract')}, {totals_text(costs.total)} a year · "
            f"{counted(late, 'decision')} late · "
            f"{sum(s.status is StepStatus.DONE for s in self.steps)} of "
            f"{counted(len(self.steps), 'exit step')} done"
        )
        self.query_one("#money-summary", Static).update(summary)

    # actions ------------------------------------------------------------------------------------
    def _contract(self) -> Contract | None:
        table = self.query_one("#contracts", DataTable)
        if not self.contracts:
            return None
        return self.contracts[min(table.cursor_row, len(self.contracts) - 1)]

    def _step(self) -> ExitMilestone | None:
        table = self.query_one("#exit-steps", DataTable)
        if not self.steps:
            return None
        return self.steps[min(table.cursor_row, len(self.steps) - 1)]

    def _open_form(self, contract: Contract | None) -> None:
        planner, plan = self.planner, self.plan_name

        def submit(fields: dict[str, Any]) -> None:
            values = dict(fields)
            product = str(values.pop("product", "")).strip()
            save_contract_text(
                planner.workspace,
                planner.catalog,
                plan,
                contract.id if contract else None,
                product,
                values,
            )

        self.app.push_screen(ContractForm(contract).submitting(submit))

    @on(DataTable.RowSelected, "#contracts")
    def _selected(self) -> None:
        self.action_edit()  # Enter on a contract edits it

    @on(DataTable.RowSelected, "#exit-steps")
    def _step_selected(self) -> None:
        self.action_done()  # Enter on an exit step marks it done (or planned again)

    def action_add(self) -> None:
        self._open_form(None)

    def action_edit(self) -> None:
        contract = self._contract()
        if contract is not None:
            self._open_form(contract)

    def action_delete(self) -> None:
        from planner.tui.screens.modals import ConfirmScreen

        contract = self._contract()
        if contract is None:
            return
        planner, plan = self.planner, self.plan_name

        def answered(yes: bool | None) -> None:
            if yes:
                self.apply(delete_contract, planner.workspace, plan, contract.id)

        question = f"Delete the contract {contract.id}?"
        detail = (
            f"{contract.product}: {money(contract.annual_cost, contract.currency)} a year, "
            f"ends {contract.end.isoformat()}. It leaves the costs and the renewal calendar."
        )
        self.app.push_screen(ConfirmScreen(question, detail, "Delete"), answered)

    def action_retire(self) -> None:
        from planner.services.exits import retire_tool
        from planner.services.tools import list_tools
        from planner.tui.screens.retire_form import RetireForm
        from planner.tui.undo import undoable

        planner, plan, app = self.planner, self.plan_name, self.planner_app
        today = planner.today()
        tools = [t.slug for t in list_tools(planner.workspace, plan)]
        products = sorted(p.id for p in planner.catalog)
        proposal = self.proposals[0] if self.proposals else None

        def submit(values: dict[str, Any]) -> None:
            # the steps it rewrites and the contracts it decides come back with ctrl+z
            kept = [("exits", s.id) for s in self.steps] + [
                ("contracts", c.id) for c in self.contracts
            ]
            with undoable(app, f"Planned the exit of {values['tool']}", kept, adds=["exits"]):
                retire_tool(
                    planner.workspace,
                    planner.catalog,
                    plan,
                    values["tool"],
                    values["by"],
                    today,
                    values["target"],
                    values["owner"],
                )

        app.push_screen(RetireForm(tools, products, proposal).submitting(submit))

    def action_done(self) -> None:
        step = self._step()
        if step is None:
            return
        done = step.status is not StepStatus.DONE
        self.apply(mark_step, self.planner.workspace, self.plan_name, step.id, done)


def _status(c: Contract, today: Any) -> Text:
    if c.decision is not None:
        return Text(c.decision.value, style="green")
    if c.late(today):
        return Text("late", style="bold red")
    if (c.decision_date - today).days <= SOON_DAYS:
        return Text("soon", style="yellow")
    return Text("")


def _costs_view(costs: Any) -> Group:
    """Spend per currency, the overlaps priced and what consolidation saves (exact)."""
    parts: list[Any] = []
    total = Table(title="Spend a year", title_justify="left", expand=True)
    for column in ("Tool", "Spend", "Seats", "Users", "Shelfware"):
        total.add_column(column)
    for t in costs.tools:
        total.add_row(
            Text(visible(t.name)),
            totals_text(t.spend),
            str(t.seats),
            str(t.users),
            totals_text(t.shelfware) if t.shelfware else "—",
        )
    total.add_row(Text("total", style="bold"), Text(totals_text(costs.total), style="bold"))
    parts.append(total)
    if costs.overlaps:
        overlaps = Table(title="Overlaps priced", title_justify="left", expand=True)
        for column in ("Purpose", "Tools", "Keep", "Saving a year"):
            overlaps.add_column(column)
        for o in costs.overlaps:
            spent = "; ".join(
                f"{visible(name)}: {totals_text(v) if v else 'no contract'}"
                for name, v in o.spend.items()
            )
            overlaps.add_row(
                Text(o.overlap.label),
                Text(spent),
                Text(visible(o.overlap.keep)),
                totals_text(o.saving) if o.saving else "—",
            )
        parts.append(overlaps)
        savings = [s for o in costs.overlaps for s in o.savings]
        if savings:
            lines = Text("Savings of consolidation:\n", style="bold")
            for s in savings:
                lines.append(
                    f"  {visible(s.tool)}: {money(s.amount, s.currency)} a year from "
                    f"{s.from_day.isoformat()} ({visible(s.note)})\n",
                    style="",
                )
            parts.append(lines)
    return Group(*parts)
