"""The TUI's side of undo: take the records a change touches before it is made, and push
a step onto the app's stack once the service call went through.

The stack and the snapshots are headless (:mod:`planner.services.undo`); here they meet
the app: a toast names what changed and says how to take it back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING

from planner.services.undo import Step, before, put_back

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp


def remember(app: PlannerApp, label: str, undo: Callable[[], object]) -> None:
    """Push a step whose ``undo`` was worked out by the caller (a triage decision), and
    say what changed."""
    app.undo_stack.push(Step(label, undo))
    app.notify(f"{label} — ctrl+z to undo", timeout=4)


@contextmanager
def undoable(
    app: PlannerApp,
    label: str | Callable[[], str],
    records: Iterable[tuple[str, str]] = (),
    adds: Iterable[str] = (),
    then: Callable[[], object] | None = None,
) -> Iterator[None]:
    """Around a service call: ``records`` ((section, key)) and the keys of the ``adds``
    sections are kept first; if the call returns, the change can be undone. A call that
    raises leaves no step (nothing changed). ``label`` may be worked out once the call
    returned (an activity report says what it recorded). ``then`` puts back what is no
    record of a section (the plan's profile, its data-protection step), worked out by
    the caller before the call."""
    ws = app.planner.workspace
    kept = before(ws, app.plan_name, list(records), list(adds))
    yield
    restore = partial(put_back, ws, kept)
    undo = restore if then is None else lambda: (restore(), then())
    remember(app, label if isinstance(label, str) else label(), undo)
