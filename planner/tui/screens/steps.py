"""Screens 5 and 6: the rollout year and the review of the plan file.

Screen 5 shows the plan year and phase 3 until training and features land (issue 6);
screen 6 previews the plan file exactly as colleagues will review it (issue 7 adds the
diff and the import).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from planner.domain.text import visible
from planner.tui.screens.base import PlanScreen


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

        text = render_plan(
            self.planner.workspace, self.plan_name, self.planner.today(), self.planner.catalog
        )
        self.query_one("#yaml", Static).update(Text(visible(text, multiline=True)))
