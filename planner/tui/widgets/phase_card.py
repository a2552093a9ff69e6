"""A card for one roadmap phase: title, window, due date, progress and status.

A phase not begun yet shows when it begins and what is already prepared for it, not a
percentage (67 % of a phase that starts in a month reads as a phase two-thirds done).
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar

from planner.domain.roadmap import PhaseState


class PhaseCard(Vertical):
    """Shows a :class:`PhaseState`; colours come from the status class in the .tcss."""

    DEFAULT_CSS = """
    PhaseCard { height: auto; border: round $primary; padding: 0 1; }
    PhaseCard .phase-title { text-style: bold; }
    PhaseCard .phase-steps { width: 100%; color: $text-muted; }
    PhaseCard ProgressBar Bar { width: 1fr; }
    PhaseCard .phase-status { text-style: italic; width: 100%; }
    PhaseCard.-late { border: round $error; }
    PhaseCard.-done { border: round $success; }
    PhaseCard.-ahead ProgressBar { display: none; }
    """

    def __init__(self, number: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.number = number

    def compose(self) -> ComposeResult:
        yield Label("", classes="phase-title", markup=False)
        yield Label("", classes="phase-steps", markup=False)
        yield Label("", classes="phase-dates", markup=False)
        yield ProgressBar(total=100, show_eta=False, show_percentage=False)
        yield Label("", classes="phase-status", markup=False)

    def show(self, state: PhaseState, today: dt.date | None = None, ready: str = "") -> None:
        self.query_one(".phase-title", Label).update(f"{self.number}. {state.phase.label}")
        self.query_one(".phase-steps", Label).update(state.phase.steps)
        self.query_one(".phase-dates", Label).update(
            f"from {state.starts.isoformat()}\ndue  {state.due.isoformat()}"
        )
        self.query_one(ProgressBar).update(progress=round(state.progress * 100))
        ahead = today is not None and today < state.starts and state.progress < 1
        if ahead:
            assert today is not None
            days = (state.starts - today).days
            status = f"begins in {days} day{'s' if days != 1 else ''}"
            if ready:
                status += f"\nready: {ready}"
        else:
            status = f"{state.status.value} · {state.progress:.0%}"
        self.query_one(".phase-status", Label).update(status)
        self.set_class(ahead, "-ahead")
        for name in ("not-started", "on-track", "late", "done"):
            self.set_class(state.status.value == name and not ahead, f"-{name}")
