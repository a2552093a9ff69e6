"""Screen 1, the dashboard: the plan's three phases, where today falls, what to do next.

Next actions are a list: Enter on one goes to the screen its target names (the words of
the action play no part in where it leads). A plan that has
not started says when it starts, and a phase not begun says what is already prepared for
it rather than a percentage of a phase nobody is working on yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from planner.domain.next_actions import NextAction, Screen
from planner.domain.roadmap import Phase
from planner.domain.text import visible
from planner.domain.words import counted
from planner.services.plans import Overview, overview
from planner.tui.screens.base import PlanScreen
from planner.tui.widgets.phase_card import PhaseCard
from planner.tui.widgets.year_bar import YearBar

if TYPE_CHECKING:
    from planner.services.discover.triage import NewSince

# The app's mode for each target screen; the data-protection record is a form opened here.
SCREEN_MODES: dict[Screen, str] = {
    Screen.PRIVACY: "privacy",
    Screen.DISCOVER: "discover",
    Screen.INVENTORY: "inventory",
    Screen.PILOTS: "pilots",
    Screen.ROLLOUT: "rollout",
    Screen.MONEY: "money",
}


def action_mode(action: NextAction) -> str:
    """The app mode where a next action is done, from its target."""
    return SCREEN_MODES[action.target.screen]


def starts_in(start: dt.date, today: dt.date) -> str:
    days = (start - today).days
    return "starts tomorrow" if days == 1 else f"starts in {days} days"


def _profile(suites: tuple[str, ...], countries: tuple[str, ...]) -> Text:
    """'Licenses microsoft-365:E3 · employs in FR' (o edits), as text: never markup."""
    line = Text("Licenses ", style="dim")
    line.append(visible(", ".join(suites)) if suites else "no suite declared")
    line.append(" · employs in ", style="dim")
    line.append(visible(", ".join(countries)) if countries else "no country declared")
    line.append("   o edits", style="dim")
    return line


class DashboardScreen(PlanScreen):
    # Enter or e on a next action goes where it is done (the row model of every table).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "open_action", "Open", show=False, tooltip="Go where the action is done"),
        Binding(
            "o",
            "organisation",
            "Organisation",
            tooltip="Edit the organisation profile: licensed suites (with tiers), countries",
        ),
    ]
    MODE_TITLES: ClassVar[dict[str, str]] = {
        "discover": "Discover (2)",
        "inventory": "Inventory (3)",
        "pilots": "Pilots (4)",
        "rollout": "Rollout (5)",
        "money": "Money (7)",
    }

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with VerticalScroll(id="dashboard"):
            yield Static("", id="plan-title")
            yield Static("", id="profile")
            with Horizontal(id="phases"):
                for number in (1, 2, 3):
                    yield PhaseCard(number, id=f"phase-{number}")
            yield YearBar(id="year")
            yield Static("", id="new-since", markup=False)
            yield Static("Next actions — Enter goes where it is done", classes="section-title")
            yield OptionList(id="actions")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#actions", OptionList).focus()

    def refresh_data(self) -> None:
        if self.plan_name is not None:
            self.load(partial(self._read, self.plan_name), "Reading a large plan…")

    def _read(self, plan: str, show: Callable[..., None]) -> None:
        """The plan's overview, what is in place for the phases not begun and what the
        latest import saw first: read off the UI thread on a large plan."""
        from planner.services.discover.triage import new_in_latest_import

        view = overview(self.planner.workspace, plan, self.planner.today(), self.planner.catalog)
        ready = self._prepared(view, plan)
        new = new_in_latest_import(self.planner.workspace, plan)
        show(self._show, view, ready, new)

    def _show(self, view: Overview, ready: dict[Phase, str], new: NewSince) -> None:
        plan = view.plan
        title = Text(visible(plan.name), style="bold")
        if plan.organisation:
            title.append(f" — {visible(plan.organisation)}")
        if view.today < plan.start:
            when = f"   {starts_in(plan.start, view.today)} ({plan.start:%d %b %Y})"
        else:
            when = f"   started {plan.start:%d %b %Y}, today {view.today:%d %b %Y}"
        title.append(when, style="dim")
        self.query_one("#plan-title", Static).update(title)
        self.query_one("#profile", Static).update(_profile(plan.suites, plan.countries))
        for number, state in enumerate(view.phases, start=1):
            self.query_one(f"#phase-{number}", PhaseCard).show(
                state, view.today, ready.get(state.phase, "")
            )
        self.query_one(YearBar).show(view.phases, plan.start, view.today)
        self._new_since(new)
        self._actions(view.actions)

    def _new_since(self, new: NewSince) -> None:
        """What the latest log import saw for the first time (tools, domains)."""
        shown = self.query_one("#new-since", Static)
        shown.display = bool(new.tools or new.domains)
        parts = []
        for what, names in (("tools", new.tools), ("domains", new.domains)):
            if names:
                more = f", … ({len(names)})" if len(names) > 6 else ""
                parts.append(f"{what}: " + ", ".join(names[:6]) + more)
        text = Text("New since the last import  ", style="bold")
        text.append(visible(" · ".join(parts)))
        shown.update(text)

    def _prepared(self, view: Overview, plan: str) -> dict[Phase, str]:
        """What is already in place for each phase not begun (shown instead of a %)."""
        begun = {s.phase for s in view.phases if view.today >= s.starts}
        if len(begun) == len(view.phases):
            return {}
        from planner.services.pilots import list_pilots
        from planner.services.rollout import rollout

        tools = view.tools
        classified = sum(t.classified for t in tools)
        out = {Phase.DISCOVER: f"{counted(len(tools), 'tool')} found, {classified} classified"}
        if Phase.INVENTORY not in begun:
            pilots = list_pilots(self.planner.workspace, plan)
            described = sum(bool(t.purposes) for t in tools)
            out[Phase.INVENTORY] = (
                f"{counted(described, 'tool')} described, {counted(len(pilots), 'pilot')} planned"
            )
        if Phase.ROLLOUT not in begun:
            data = rollout(self.planner.workspace, plan)
            out[Phase.ROLLOUT] = (
                f"{len(data.features)} features, {len(data.trainings)} trainings planned"
            )
        return out

    def _actions(self, actions: list[NextAction]) -> None:
        options = self.query_one("#actions", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if not actions:
            options.add_option(Option(Text("Nothing pressing: the plan is on track.", "green")))
            return
        for number, action in enumerate(actions):
            mode = action_mode(action)
            prompt = Text(f"• {visible(action.text)}")
            if mode in self.MODE_TITLES:
                prompt.append(f"  → {self.MODE_TITLES[mode]}", style="dim")
            elif mode == "privacy":
                prompt.append("  → record it here", style="dim")
            options.add_option(Option(prompt, id=f"{number}:{mode}"))
        options.highlighted = min(highlighted or 0, len(actions) - 1)

    def action_open_action(self) -> None:
        options = self.query_one("#actions", OptionList)
        if options.highlighted is not None:
            options.action_select()

    @on(OptionList.OptionSelected, "#actions")
    def _go(self, event: OptionList.OptionSelected) -> None:
        mode = (event.option.id or "").partition(":")[2]
        if mode == "privacy":
            self.record_data_protection()
        elif mode and mode != "dashboard":
            self.app.switch_mode(mode)

    def action_organisation(self) -> None:
        from planner.services.plans import get_plan
        from planner.tui.screens.profile_form import open_profile_form

        if self.plan_name is None:
            return
        plan = get_plan(self.planner.workspace, self.plan_name)
        open_profile_form(self, plan, self.reload)

    def record_data_protection(self) -> None:
        """Phase 1's first step, in a form."""
        from functools import partial

        from planner.domain.records.adoption import DataProtectionChanges
        from planner.services.privacy import (
            data_protection,
            record_data_protection,
            restore_data_protection,
        )
        from planner.tui.screens.privacy_form import DataProtectionForm
        from planner.tui.undo import undoable

        workspace, plan, today = self.planner.workspace, self.plan_name, self.planner.today()

        def submit(fields: dict[str, Any]) -> None:
            kept = data_protection(workspace, plan)
            back = partial(restore_data_protection, workspace, plan, kept)
            with undoable(self.planner_app, "Recorded the data-protection step", then=back):
                record_data_protection(workspace, plan, today, DataProtectionChanges(**fields))

        form = DataProtectionForm(data_protection(workspace, plan))
        self.app.push_screen(form.submitting(submit))
