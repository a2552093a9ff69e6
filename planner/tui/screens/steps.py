"""Screens 2–6, one per roadmap step. Each shows what the plan holds for its step today.

Later work deepens them (imports and triage on Discover, coverage and flags on Inventory,
candidates and pilots, the timeline, the review of a colleague's edits); the layout and the
data each one starts from are here.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from planner.domain.plan import Tool
from planner.domain.roadmap import Phase
from planner.domain.text import visible
from planner.services.plans import overview
from planner.tui.screens.base import PlanScreen
from planner.tui.widgets.phase_card import PhaseCard
from planner.tui.widgets.year_bar import YearBar


def _cell(value: object) -> Text:
    if value is None:
        return Text("—", style="dim")
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    return Text(visible(value))


class _TableScreen(PlanScreen):
    """A step screen made of an intro line and one table."""

    INTRO = ""
    COLUMNS: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(self.INTRO, classes="intro", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("", classes="summary", markup=False)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*self.COLUMNS)

    def rows(self) -> tuple[list[tuple[object, ...]], str]:
        raise NotImplementedError

    def refresh_data(self) -> None:
        if self.plan_name is None:
            return
        rows, summary = self.rows()
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            table.add_row(*(_cell(v) for v in row))
        self.query_one(".summary", Static).update(summary)

    def tools(self) -> list[Tool]:
        from planner.services.tools import list_tools

        return list_tools(self.planner.workspace, self.plan_name)


class PilotsScreen(_TableScreen):
    INTRO = (
        "Step 2b — Pilots: the catalog's products are the candidates; pilots run "
        "against success criteria."
    )
    COLUMNS = ("Product", "Vendor", "Category", "Vendor status", "Capabilities")

    def rows(self) -> tuple[list[tuple[object, ...]], str]:
        products = list(self.planner.catalog)
        rows: list[tuple[object, ...]] = [
            (p.name, p.vendor, p.category.value, p.strategy.status.value, len(p.capabilities))
            for p in products
        ]
        active = sum(p.strategy.status.value != "retired" for p in products)
        return rows, f"{len(products)} catalog products, {active} not retired"


class RolloutScreen(PlanScreen):
    """Step 3: the plan year, with phase 3's window and progress."""

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalScroll():
            yield Static(
                "Step 3 — Introduce & train: social features into existing solutions, "
                "and training milestones, within the year.",
                classes="intro",
                markup=False,
            )
            yield YearBar(id="year")
            yield PhaseCard(3, id="rollout-phase")
        yield from self.compose_footer()

    def refresh_data(self) -> None:
        if self.plan_name is None:
            return
        view = overview(self.planner.workspace, self.plan_name, self.planner.today())
        self.query_one(YearBar).show(view.phases, view.plan.start, view.today)
        state = next(s for s in view.phases if s.phase is Phase.ROLLOUT)
        self.query_one(PhaseCard).show(state)


class ReviewScreen(PlanScreen):
    """Step 6: the plan file exactly as colleagues will review it; ``e`` writes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("e", "app.export_plan", "Export")]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Static(
            "Review — the plan file as reviewers will read it (e exports it to plans/).",
            classes="intro",
            markup=False,
        )
        with VerticalScroll(id="plan-yaml"):
            yield Static("", id="yaml", markup=False)
        yield from self.compose_footer()

    def refresh_data(self) -> None:
        if self.plan_name is None:
            return
        from planner.services.plan_file import render_plan

        text = render_plan(self.planner.workspace, self.plan_name, self.planner.today())
        self.query_one("#yaml", Static).update(Text(visible(text, multiline=True)))
