"""Modal dialogs: the first-run form that creates a plan, and the plan switcher."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from planner.bootstrap import Planner
from planner.domain.text import visible
from planner.errors import PlannerError
from planner.services.plans import create_plan
from planner.tui.screens.dialog import REQUIRED, Dialog


class NewPlanScreen(Dialog[str | None]):
    """Create a plan, guided: each field says what it is for, and the name is checked as
    it is typed by the one plan-name rule every path uses (CLI, TUI, a reviewed file).
    Dismisses with the new plan's name."""

    AUTO_FOCUS = "#name"
    WIDE = True
    OK = "Create"

    def __init__(self, planner: Planner) -> None:
        super().__init__()
        self.planner = planner

    def dialog_title(self) -> str:
        return "New plan"

    def body(self) -> ComposeResult:
        yield Label(
            "Gartner's roadmap runs one year from the start date: Discover in the first "
            "month, Inventory & pilots by month three, Introduce & train by month twelve.",
            markup=False,
            classes="intro",
        )
        yield Label("Name", classes="field-label")
        yield Input(placeholder="e.g. acme-2027 (it also names the exported file)", id="name")
        yield Label("", id="name-error", classes="field-error", markup=False)
        yield Label("Start", classes="field-label")
        yield Input(value=self.planner.today().isoformat(), placeholder="YYYY-MM-DD", id="start")
        yield Label("Organisation", classes="field-label")
        yield Input(placeholder="optional, shown in reports", id="organisation")

    @on(Input.Changed, "#name")
    def name_changed(self, event: Input.Changed) -> None:
        """The rule's own words, as the name is typed (nothing while the box is empty)."""
        from planner.domain.plan import plan_name_problem

        problem = plan_name_problem(event.value) if event.value else None
        self.query_one("#name-error", Label).update(visible(problem or ""))

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def create(self) -> None:
        from planner.domain.plan import plan_name_problem

        errors: dict[str | None, str] = {}
        name = self.query_one("#name", Input).value
        problem = plan_name_problem(name) if name else REQUIRED
        if problem:
            errors["name"] = problem
        start = self.read_date("start", errors, required=True)
        organisation = self.query_one("#organisation", Input).value
        if errors or start is None:
            self.query_one("#name-error", Label).update("")
            self.show_errors(errors)
            return
        try:
            plan = create_plan(self.planner.workspace, name, start, organisation)
        except PlannerError as exc:
            self.show_error(str(exc), exc.field)
            return
        self.dismiss(plan.name)


class WelcomeScreen(Dialog[str | None]):
    """The first run on an empty workspace: open the demo plan, or create a plan (guided).
    Dismisses with the plan to open, or None to quit."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "quit", "Quit")]
    AUTO_FOCUS = "OptionList"
    WIDE = True

    def __init__(self, planner: Planner) -> None:
        super().__init__()
        self.planner = planner

    def dialog_title(self) -> str:
        return "Welcome to planner"

    def dialog_buttons(self) -> ComposeResult:
        yield Button("Quit", id="cancel")

    def body(self) -> ComposeResult:
        yield Label(
            "This workspace has no plan yet. A plan follows Gartner's one-year roadmap "
            "for social software: discover the tools in use, take stock and pilot, then "
            "introduce and train.",
            markup=False,
        )
        yield OptionList(
            Option(
                "Open the demo: Hexaline Industries, with evidence, pilots and training",
                id="demo",
            ),
            Option("Create a new plan (guided)", id="new"),
            Option("Quit", id="quit"),
            id="welcome-options",
        )

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "demo":
            self.open_demo()
        elif event.option.id == "new":
            self.app.push_screen(NewPlanScreen(self.planner), self._created)
        else:
            self.dismiss(None)

    def _created(self, name: str | None) -> None:
        if name is not None:
            self.dismiss(name)  # cancelled: back to the choice

    def open_demo(self) -> None:
        """The demo, in its own workspace (the one ``planner demo`` builds), never in this
        one: the app switches to it; built there first if it is not there yet."""
        from dataclasses import replace

        from planner.bootstrap import bootstrap, demo_db
        from planner.services.demo import DEMO_PLAN, build_demo
        from planner.services.plans import list_plans

        settings = replace(self.planner.settings, db=demo_db(), demo=True, create_workspace=True)
        demo = bootstrap(settings)
        try:
            if DEMO_PLAN not in [p.name for p in list_plans(demo.workspace)]:
                build_demo(demo.workspace, demo.catalog, demo.pseudonym_key, demo.today())
        except PlannerError as exc:
            demo.close()
            self.show_error(str(exc))
            return
        self.app.use_planner(demo)  # type: ignore[attr-defined]
        self.dismiss(DEMO_PLAN)

    def action_quit(self) -> None:
        self.dismiss(None)


class PlanSwitcher(Dialog[str | None]):
    """Pick one of the workspace's plans: a page of names from SQL, filtered as you type.

    A workspace may hold tens of thousands of plans; an option list of all of them took
    11 s to open. The list shows at most :data:`PAGE` names and the filter narrows them.
    """

    PAGE = 200
    AUTO_FOCUS = "OptionList"

    def __init__(self, planner: Planner, current: str | None = None) -> None:
        super().__init__()
        self.planner = planner
        self.current = current

    def dialog_title(self) -> str:
        return "Open a plan"

    def dialog_buttons(self) -> ComposeResult:
        yield Button("Cancel", id="cancel")

    def body(self) -> ComposeResult:
        yield Input(placeholder="type to filter plans", id="plan-filter", select_on_focus=False)
        yield OptionList(id="plan-options")
        yield Label("", id="plan-count", markup=False)

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(OptionList).focus()

    def _fill(self, text: str) -> None:
        from planner.services.plans import count_plans, find_plan_names

        ws = self.planner.workspace
        names = find_plan_names(ws, text, limit=self.PAGE)
        total = count_plans(ws, text) if len(names) == self.PAGE else len(names)
        options = self.query_one(OptionList)
        options.clear_options()
        # Plan names are user text: shown as Text, never parsed as markup.
        options.add_options([Option(Text(visible(name)), id=name) for name in names])
        if names:
            options.highlighted = names.index(self.current) if self.current in names else 0
        count = self.query_one("#plan-count", Label)
        count.update(
            f"{len(names)} of {total:,} plans: type to narrow them" if total > len(names) else ""
        )

    def on_key(self, event: events.Key) -> None:
        """Typing on the list filters it: no need to move to the filter box first."""
        box = self.query_one("#plan-filter", Input)
        if self.focused is not box and event.character and event.character.isprintable():
            box.focus()
            box.insert_text_at_cursor(event.character)
            event.stop()

    @on(Input.Changed, "#plan-filter")
    def filtered(self, event: Input.Changed) -> None:
        self._fill(event.value.strip())

    @on(Input.Submitted, "#plan-filter")
    def to_list(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ConfirmScreen(Dialog[bool]):
    """Ask before a change that is hard to see afterwards (ban a tool, ignore a host): the
    question names what is changed. Enter or ``y`` confirms; Escape or ``n`` cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "Cancel"),
        Binding("y", "answer(True)", "Yes"),
    ]
    AUTO_FOCUS = "#ok"

    def __init__(self, question: str, detail: str, ok: str) -> None:
        super().__init__()
        self.question, self.detail, self.ok = question, detail, ok

    def dialog_title(self) -> Text:
        # The question quotes data (a tool or host name): Text, never markup.
        return Text(visible(self.question))

    def body(self) -> ComposeResult:
        yield Label(Text(visible(self.detail)), id="detail")

    def dialog_buttons(self) -> ComposeResult:
        yield Button(Text(self.ok), variant="warning", id="ok")
        yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#ok")
    def pressed(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
