"""The app's own entries in the command palette (ctrl+p): every screen's actions, a "Go to"
per screen, and the plan-wide commands (switch, new, undo, export, the files folder).

It exists apart from :mod:`planner.tui.app` so that the app module keeps to the app's state
and its plan switching, while this one keeps to what the palette lists and how each entry is
worded; the app's ``get_system_commands`` yields these after Textual's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from planner.domain.text import visible

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp


def plan_commands(app: PlannerApp) -> Iterator[SystemCommand]:
    """The palette entries of the planner, after Textual's (theme, quit, keys…)."""
    from planner.tui.app import PHASE_OF, SCREENS  # the app module imports this one
    from planner.tui.screens.review_dialogs import set_files_folder

    # Every action of every screen: the current screen's as they are ("Import evidence
    # …"), the others' under the screen's name ("Pilots: Measure a KPI …"), which go
    # there first. A screen's key is named in the help text.
    here = app.current_mode
    for i, (mode, (title, screen_type)) in enumerate(SCREENS.items(), start=1):
        for binding in _screen_bindings(screen_type):
            name = binding.tooltip or binding.description
            key = app.get_key_display(replace(binding, key=binding.key.split(",")[0]))
            yield SystemCommand(
                name if mode == here else f"{title}: {name}",
                f"key {key} on screen {i}, {title}",
                partial(app.run_screen_action, mode, binding.action),
            )
        # The keys of the screen's tables (they act on the table with focus).
        for name, where, action in getattr(screen_type, "PALETTE", ()):
            yield SystemCommand(
                name if mode == here else f"{title}: {name}",
                f"{where} on screen {i}, {title}",
                partial(app.run_screen_action, mode, action),
            )
    for i, (mode, (title, _)) in enumerate(SCREENS.items(), start=1):
        yield SystemCommand(
            f"Go to {title}",
            f"Screen {i}" + (f", {PHASE_OF[mode]}" if mode in PHASE_OF else ""),
            lambda m=mode: app.switch_mode(m),
        )
    yield SystemCommand("Switch plan", "Open another plan of the workspace", app.action_switch_plan)
    yield SystemCommand("New plan", "Create a plan in this workspace", app.action_new_plan)
    latest = app.undo_stack.peek()
    yield SystemCommand(
        "Undo",
        f"Undo: {visible(latest.label)} (ctrl+z)" if latest else "Nothing to undo yet",
        app.action_undo,
    )
    yield SystemCommand(
        "Export plan", "Write the plan as YAML into the files folder", app.action_export_plan
    )
    yield SystemCommand(
        "Set the files folder…",
        "Where plan files and the HTML report of this workspace go",
        lambda: set_files_folder(app, getattr(app.screen, "reload", None)),
    )


def _screen_bindings(screen_type: type[Screen[None]]) -> list[Binding]:
    """A screen's own key bindings with a description (what the palette lists): those it
    declares, not Textual's inherited ones (a copy binding showed as "key c,super+^c")."""
    out = []
    for binding in screen_type.__dict__.get("BINDINGS", []):
        if isinstance(binding, Binding) and binding.description:
            out.append(binding)
    return out
