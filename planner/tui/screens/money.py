"""Screen 7, Money: the plan's licence contracts, what the tools cost, and the exit plans.

Phase 2b (vendor strategies) ends in decisions about money and dates: which contract must
be decided when, what overlapping tools cost, and how a tool is switched off. One tab
each, every figure from the services the command line uses (``contract``, ``costs``,
``exit``), amounts exact and per currency. Both tables are the row model's
(``RecordTable``): a contract is added (``a``), edited (Enter) and deleted (``d``); a
tool's exit is planned (``a`` on Exits, the form filled from the plan's proposal for an
ended product) and each step marked done or planned again (Enter or ``x``); ctrl+z undoes
each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from planner.domain.contracts import Contract, money, totals_text
from planner.domain.costs import Costs
from planner.domain.exits import ExitMilestone, ExitProposal, StepStatus
from planner.domain.text import visible
from planner.domain.words import counted
from planner.services.contracts import list_contracts
from planner.services.costs import plan_costs
from planner.services.exits import list_exit_steps, retirement_proposals
from planner.tui.screens.base import TAB_BINDINGS, PlanScreen
from planner.tui.widgets.cells import cell
from planner.tui.widgets.record_table import RecordTable
from planner.tui.widgets.table_columns import Col

SOON_DAYS = 90  # a decision date this close is shown as soon


class MoneyScreen(PlanScreen):
    BINDINGS: ClassVar[list[BindingType]] = [*TAB_BINDINGS]
    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        ("Add a licence contract", "a on Contracts", "on_table('contracts', 'add')"),
        ("Edit a contract", "Enter on Contracts", "on_table('contracts')"),
        ("Plan a tool's exit", "a on Exits", "on_table('exit-steps', 'add')"),
        ("Mark an exit step done, or not", "x on Exits", "on_table('exit-steps')"),
    ]

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
                yield Static(
                    "a adds a contract · Enter edits · d deletes · ctrl+z undoes",
                    classes="intro",
                    markup=False,
                )
                yield RecordTable("contract", id="contracts")
            with TabPane("Costs", id="money-costs"), VerticalScroll():
                yield Static("", id="costs", markup=False)
            with TabPane("Exits", id="money-exits"):
                yield RecordTable(
                    "exit",
                    id="exit-steps",
                    # x as before: Enter (shown as Done) marks it done or planned again
                    bindings=[Binding("x", "open_row", "Done", show=False)],
                )
                yield Static("", id="proposals", markup=False)
        yield Static("", classes="summary", id="money-summary", markup=False)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#contracts", RecordTable).set_columns(
            [Col("Product", minimum=12), "Seats", "Annual cost", "End", "Decide by", "Status"]
        )
        self.query_one("#exit-steps", RecordTable).set_columns(
            ["Due", Col("Step", minimum=20), "Owner", "Status"]
        )
        self.focus_start(self.query_one("#contracts", RecordTable))

    def refresh_data(self) -> None:
        if self.plan_name is not None:
            self.load(partial(self._read, self.plan_name), "Reading a large plan's costs…")

    def _read(self, plan: str, show: Callable[..., None]) -> None:
        """The contracts and the exit steps first (a few rows each: the screen's first
        page), then the exit proposals, then the costs, each shown as it is read (off the UI
        thread on a large plan: proposals and costs read every tool, some ten seconds for
        60,000 tools, while the contracts took a second)."""
        planner, today = self.planner, self.planner.today()
        contracts = list_contracts(planner.workspace, plan)
        steps = list_exit_steps(planner.workspace, plan)
        show(self._show_records, contracts, steps, today)
        proposals = retirement_proposals(planner.workspace, planner.catalog, plan, today)
        show(self._show_proposals, proposals)
        costs = plan_costs(planner.workspace, planner.catalog, plan, today)
        show(self._show_costs, costs, today)

    def _show_records(
        self, contracts: list[Contract], steps_: list[ExitMilestone], today: dt.date
    ) -> None:
        """The contracts' and the exit steps' tables, and the summary without the costs."""
        planner = self.planner
        self.contracts, self.steps = contracts, steps_

        rows: list[tuple[str, list[Any]]] = []
        for c in self.contracts:
            product = planner.catalog.get(c.product)
            rows.append((c.id, [
                cell(product.name if product else c.product),
                Text(str(c.seats), justify="right"),
                Text(money(c.annual_cost, c.currency), justify="right"),
                cell(c.end.isoformat()),
                cell(c.decision_date.isoformat()),
                _status(c, today),
            ]))  # fmt: skip
        self.query_one("#contracts", RecordTable).set_rows(rows)

        steps: list[tuple[str, list[Any]]] = []
        for s in self.steps:
            state = "late" if s.late(today) else s.status.value
            style = {"late": "bold red", "done": "green"}.get(state, "")
            steps.append((s.id, [cell(s.due.isoformat()), cell(s.title), cell(s.owner),
                                 Text(state, style=style)]))  # fmt: skip
        self.query_one("#exit-steps", RecordTable).set_rows(steps)
        self._summary(None, today)

    def _show_proposals(self, proposals_: list[ExitProposal]) -> None:
        self.proposals = proposals_
        proposals = Text()
        if not self.steps:
            proposals.append("No exit plan yet: a plans a tool's exit.\n")
        for p in self.proposals:
            proposals.append(f"{visible(p.headline)}: ", style="yellow")
            proposals.append(f"{p.advice} — a plans it\n")
        self.query_one("#proposals", Static).update(proposals)

    def _show_costs(self, costs: Costs, today: dt.date) -> None:
        self.query_one("#costs", Static).update(_costs_view(costs))
        self._summary(costs, today)

    def _summary(self, costs: Costs | None, today: dt.date) -> None:
        """The line under the tabs; the yearly total once the costs are read."""
        late = sum(c.late(today) for c in self.contracts)
        total = f", {totals_text(costs.total)} a year" if costs is not None else ""
        summary = (
            f"{counted(len(self.contracts), 'contract')}{total} · "
            f"{counted(late, 'decision')} late · "
            f"{sum(s.status is StepStatus.DONE for s in self.steps)} of "
            f"{counted(len(self.steps), 'exit step')} done"
        )
        self.query_one("#money-summary", Static).update(summary)


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
