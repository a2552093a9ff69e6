"""The Textual app: one screen per roadmap step, switched with keys 1–7 (Textual modes).

The app holds the :class:`~planner.bootstrap.Planner` and the name of the current plan;
screens read both and call the services. Nothing here knows SQL or YAML. What the
command palette lists is :mod:`planner.tui.palette`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import AwaitMount

from planner.bootstrap import Planner
from planner.domain.text import visible
from planner.services import user_state as state
from planner.services.undo import UndoStack
from planner.tui.palette import plan_commands
from planner.tui.screens.base import PlanScreen
from planner.tui.screens.dashboard import DashboardScreen
from planner.tui.screens.discover import DiscoverScreen
from planner.tui.screens.inventory import InventoryScreen
from planner.tui.screens.modals import ConfirmScreen, NewPlanScreen, PlanSwitcher, WelcomeScreen
from planner.tui.screens.money import MoneyScreen
from planner.tui.screens.pilots import PilotsScreen
from planner.tui.screens.review import ReviewScreen
from planner.tui.screens.rollout import RolloutScreen

# mode -> (footer label, screen); the palette says "Go to <label>".
SCREENS: dict[str, tuple[str, type[Screen[None]]]] = {
    "dashboard": ("Dashboard", DashboardScreen),
    "discover": ("Discover", DiscoverScreen),
    "inventory": ("Inventory", InventoryScreen),
    "pilots": ("Pilots", PilotsScreen),
    "rollout": ("Rollout", RolloutScreen),
    "review": ("Review", ReviewScreen),
    "money": ("Money", MoneyScreen),
}


# The roadmap phase each screen serves: keys 2-5 open phases 1-3 (the header says which).
PHASE_OF = {
    "discover": "phase 1, Discover",
    "inventory": "phase 2, Inventory",
    "pilots": "phase 2, Pilots",
    "rollout": "phase 3, Introduce & train",
    "money": "phases 2-3, contracts and exits",
}


class PlannerApp(App[None]):
    """Walks an IT team through the roadmap for one plan of the workspace."""

    CSS_PATH = "planner.tcss"
    TITLE = "planner"
    MODES: ClassVar[dict[str, str | type[Screen[None]]]] = {  # type: ignore[assignment]
        mode: screen for mode, (_, screen) in SCREENS.items()
    }
    # The footer shows the screen's own keys first (the focused screen's bindings come
    # before the app's), then these: help, the six screens as one hint, plans, quit.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "toggle_help", "Help", key_display="?"),
        Binding("escape", "close_help", "Close help", show=False),
        *(
            Binding(
                str(i),
                f"switch_mode('{mode}')",
                "Screens" if i == 1 else title,
                key_display=f"1-{len(SCREENS)}" if i == 1 else str(i),
                show=i == 1,
                tooltip=f"1 to {len(SCREENS)} switch screens; {i} is {title}"
                + (f" ({PHASE_OF[mode]})" if mode in PHASE_OF else ""),
            )
            for i, (mode, (title, _)) in enumerate(SCREENS.items(), start=1)
        ),
        # Not in the footer (each change's toast says ctrl+z; ? and the palette list it).
        Binding("ctrl+z", "undo", "Undo", show=False, tooltip="Undo the latest change"),
        Binding("p", "switch_plan", "Plans"),
        Binding("y", "copy_path", "Copy path", show=False, tooltip="Copy the last file written"),
        Binding("q", "quit", "Quit"),
    ]

    # Screens get -narrow below 100 columns or -short below 30 rows: the .tcss hides detail.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (base type)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012 (base type)

    plan_name: reactive[str | None] = reactive(None)

    def __init__(self, planner: Planner) -> None:
        super().__init__()
        self.planner = planner
        self._planners: list[Planner] = []  # every workspace opened, closed when the app ends
        self.last_written: Path | None = None  # the last plan file or report written
        self.undo_stack = UndoStack()  # the changes made in this session (ctrl+z)
        # Each screen's tab, filters and sorts (PlanScreen.view_state), by mode: as the last
        # run left them, updated as screens are left; remembered on quit.
        self.views: dict[str, dict[str, object]] = {}
        self.use_planner(planner)

    def use_planner(self, planner: Planner) -> None:
        """Work on another workspace from now on: the demo's, or the user's own."""
        self.planner = planner
        self._planners.append(planner)
        planner.on_warning = partial(self.notify, severity="warning", timeout=10)

    def close_planners(self) -> None:
        while self._planners:
            self._planners.pop().close()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification of every screen passes here: messages often quote data (a
        file name, a plan name, an error about a value), so controls are made visible and
        nothing is parsed as markup, whatever the caller asked."""
        del markup
        super().notify(
            visible(message, multiline=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def on_mount(self) -> None:
        saved = state.load(self.planner.settings.db)
        theme = saved.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        screens = saved.get("screens")
        if isinstance(screens, dict):
            self.views = {k: v for k, v in screens.items() if isinstance(v, dict)}
        self._open_workspace()

    async def action_quit(self) -> None:
        if self.plan_name is not None:
            self.remember_state()
        await super().action_quit()

    def remember_state(self) -> None:
        """Keep the screen, the theme and each screen's layout for the next run on this
        workspace."""
        from textual.app import ScreenStackError, UnknownModeError

        try:
            screen: Screen[object] | None = self.screen
        except (ScreenStackError, UnknownModeError):  # ended: screens were kept as they went
            screen = None
        if isinstance(screen, PlanScreen):
            self.keep_view(screen)
        db = self.planner.settings.db
        state.remember(db, screen=self.current_mode, theme=self.theme, screens=self.views)

    def _mode_of(self, screen: Screen[Any]) -> str | None:
        return next((m for m, (_, kind) in SCREENS.items() if type(screen) is kind), None)

    def saved_view(self, screen: Screen[Any]) -> dict[str, object]:
        """What the last run left of ``screen``: its tab, its tables' filters and sorts."""
        return self.views.get(self._mode_of(screen) or "", {})

    def keep_view(self, screen: PlanScreen) -> None:
        mode = self._mode_of(screen)
        if mode is not None:
            self.views[mode] = screen.view_state()

    def wrote(self, path: Path, what: str = "Plan") -> None:
        """A file was written: say where (absolute), keep it for `y` (copy the path)."""
        self.last_written = path.resolve()
        self.notify(f"{what} written to {self.last_written} (y copies the path)", timeout=20)

    def action_copy_path(self) -> None:
        if self.last_written is None:
            self.notify("No file written yet in this session", severity="warning")
            return
        self.copy_to_clipboard(str(self.last_written))
        self.notify(f"Copied: {self.last_written}")

    def edit_file(self, path: Path) -> None:
        """Open ``path`` in the user's $VISUAL or $EDITOR, the TUI suspended meanwhile."""
        import os
        import shlex
        import subprocess

        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify("Set $EDITOR (e.g. nano, vim or code -w) to edit files", severity="warning")
            return
        if not path.is_file():
            self.notify(f"No file at {path}: e exports it first", severity="warning")
            return
        from textual.app import SuspendNotSupported

        try:
            with self.suspend():
                subprocess.run([*shlex.split(editor), str(path)], check=False)
        except SuspendNotSupported:
            self.notify(f"This terminal cannot hand over to an editor: open {path}", timeout=20)
            return
        except (OSError, ValueError) as exc:
            self.notify(f"Could not run {editor}: {exc}", severity="error")
            return
        screen = self.screen
        if isinstance(screen, PlanScreen):
            screen.reload()

    def _open_workspace(self) -> None:
        """Open the workspace; one at an older schema revision is upgraded only if the user
        says so (the app opens it asking, never upgrading on its own)."""
        from planner.errors import WorkspaceUpgradeNeeded

        try:
            self.planner.workspace  # noqa: B018 (opening is the point)
        except WorkspaceUpgradeNeeded as exc:
            detail = (
                f"{exc.where} is at {exc.at}; this planner needs revision {exc.head}. "
                "A SQLite file is first copied beside itself; planners of the older "
                "release cannot open the workspace afterwards."
            )
            question = "Upgrade this workspace?"
            self.push_screen(ConfirmScreen(question, detail, "Upgrade"), self._upgrade_answered)
            return
        if self.planner.settings.demo:
            from planner.bootstrap import DEMO_NOTICE

            self.notify(
                DEMO_NOTICE.format(demo=self.planner.settings.db)
                .removeprefix("planner: ")
                .replace("'planner plan new NAME --start YYYY-MM-DD'", "New plan (ctrl+p)"),
                timeout=10,
            )
        self._choose_plan()

    def _upgrade_answered(self, yes: bool | None) -> None:
        from planner.errors import PlannerError
        from planner.services.workspace_schema import upgrade_workspace

        if not yes:
            self.exit(return_code=1, message="planner: workspace not upgraded; nothing changed")
            return
        try:
            upgrade_workspace(self.planner.settings.db)
        except PlannerError as exc:
            self.exit(return_code=1, message=f"planner: {exc}")
            return
        self._open_workspace()

    def _choose_plan(self) -> None:
        from planner.services.plans import current_plan, list_plans

        plans = list_plans(self.planner.workspace, limit=2)
        current = current_plan(self.planner.workspace) if len(plans) > 1 else None
        if current is not None:  # made current with `plan use`, or picked here last time
            self.open_plan(current)
        elif len(plans) == 1:
            self.open_plan(plans[0].name)
        elif plans:
            self.push_screen(PlanSwitcher(self.planner), self._plan_chosen)
        else:
            self.push_screen(WelcomeScreen(self.planner), self._plan_chosen)

    def _plan_chosen(self, name: str | None) -> None:
        if name is None:
            if self.plan_name is None:
                self.exit()
            return
        from planner.services.plans import use_plan

        use_plan(self.planner.workspace, name)  # the CLI then acts on it too, as `plan use`
        self.open_plan(name)

    def switch_mode(self, mode: str) -> AwaitMount:
        done = super().switch_mode(mode)
        self._subtitle(mode)
        return done

    def _subtitle(self, mode: str) -> None:
        """The plan, and the screen's number and phase: "hexaline-2027 · 5 Rollout (phase 3…)"."""
        if self.plan_name is None:
            return
        number = list(SCREENS).index(mode) + 1 if mode in SCREENS else None
        label = SCREENS[mode][0] if mode in SCREENS else mode
        phase = f" ({PHASE_OF[mode]})" if mode in PHASE_OF else ""
        where = f" · {number} {label}{phase}" if number else ""
        self.sub_title = visible(self.plan_name) + where

    def open_plan(self, name: str) -> None:
        self.plan_name = name
        self.sub_title = visible(name)
        remembered = state.load(self.planner.settings.db).get("screen")
        target = remembered if remembered in SCREENS else "dashboard"
        if self.current_mode != target:
            self.switch_mode(target)
        else:
            self.screen.refresh_data()  # type: ignore[attr-defined]
        self._subtitle(target)

    def action_switch_plan(self) -> None:
        self.push_screen(PlanSwitcher(self.planner, current=self.plan_name), self._plan_chosen)

    def action_toggle_help(self) -> None:
        """? and F1: the keys of the focused widget, the screen and the app, beside it."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_help":  # Esc is only taken while help is open
            return bool(self.screen.query("HelpPanel"))
        return super().check_action(action, parameters)

    def action_close_help(self) -> None:
        self.action_hide_help_panel()

    def action_new_plan(self) -> None:
        """A new plan goes to the user's own workspace, never into the demo's."""
        target = self.planner
        if target.settings.demo:
            from dataclasses import replace

            from planner.bootstrap import bootstrap, own_db

            target = bootstrap(replace(target.settings, db=own_db(), demo=False))

        def created(name: str | None) -> None:
            if target is not self.planner:
                if name is None:
                    target.close()
                else:
                    self.use_planner(target)
            self._plan_chosen(name)

        self.push_screen(NewPlanScreen(target), created)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from plan_commands(self)

    def action_undo(self) -> None:
        """ctrl+z: take back the latest change made in this session, and say which."""
        from planner.errors import PlannerError

        step = self.undo_stack.pop()
        if step is None:
            self.notify("Nothing to undo", timeout=3)
            return
        try:
            step.undo()
        except PlannerError as exc:
            self.notify(f"Could not undo {step.label}: {exc}", severity="error", timeout=8)
            return
        self.notify(f"Undone: {step.label}", timeout=4)
        screen = self.screen
        if isinstance(screen, PlanScreen):
            screen.reload()

    def action_export_plan(self) -> None:
        """Export to NAME.yaml in the files folder, asking first if that file is not this
        workspace's."""
        from planner.tui.screens.review import export_asking

        if self.plan_name is not None:
            export_asking(self, self.plan_name, None, getattr(self.screen, "reload", None))

    async def run_screen_action(self, mode: str, action: str) -> None:
        """Go to ``mode``'s screen (and to the tab the action works on), then run it."""
        if self.current_mode != mode:
            await self.switch_mode(mode)
        screen = self.screen
        if isinstance(screen, PlanScreen):
            screen.prepare_action(action)
        await self.run_action(action, screen)


def run_app(planner: Planner) -> None:
    app = PlannerApp(planner)
    try:
        app.run()
    finally:
        if app.plan_name is not None:
            app.remember_state()
        app.close_planners()
