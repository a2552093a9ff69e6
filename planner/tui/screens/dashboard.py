"""Screen 1, the dashboard: the plan's three phases, where today falls, what to do next."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from planner.domain.text import visible
from planner.services.plans import overview
from planner.tui.screens.base import PlanScreen
from planner.tui.widgets.phase_card import PhaseCard
from planner.tui.widgets.year_bar import YearBar


class DashboardScreen(PlanScreen):
    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalScroll(id="dashboard"):
            yield Static("", id="plan-title")
            with Horizontal(id="phases"):
                for number in (1, 2, 3):
                    yield PhaseCard(number, id=f"phase-{number}")
            yield YearBar(id="year")
            yield Static("Next actions", classes="section-title")
            yield Static("", id="actions")
        yield from self.compose_footer()

    def refresh_data(self) -> None:
        if self.plan_name is None:
            return
        view = overview(self.planner.workspace, self.plan_name, self.planner.today())
        plan = view.plan
        title = Text(visible(plan.name), style="bold")
        if plan.organisation:
            title.append(f" — {visible(plan.organisation)}")
        title.append(
            f"   started {plan.start.isoformat()}, today {view.today.isoformat()}", style="dim"
        )
        self.query_one("#plan-title", Static).update(title)
        for number, state in enumerate(view.phases, start=1):
            self.query_one(f"#phase-{number}", PhaseCard).show(state)
        self.query_one(YearBar).show(view.phases, plan.start, view.today)
        actions = (
            Text("\n").join(Text(f"• {visible(a)}") for a in view.actions)
            if view.actions
            else Text("Nothing pressing: the plan is on track.", style="green")
        )
        self.query_one("#actions", Static).update(actions)
