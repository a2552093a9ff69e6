"""What every record form shares: the app and planner behind a screen, and pushing a form
that saves through a service, undoably, and then tells its opener (``on_saved``).

Why the undo is here: each form of ``screens/records`` saves one service call; wrapping
it once in :func:`push` (the records it touches, the sections it adds to) makes every
save undoable the same way, and the undo toast is the one that says what was saved."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from textual.app import App
from textual.dom import DOMNode

from planner.tui.screens.forms import Submit, _Form
from planner.tui.undo import undoable

if TYPE_CHECKING:
    from planner.bootstrap import Planner
    from planner.tui.app import PlannerApp

Keys = Iterable[tuple[str, str]]  # (section, key) of each record a save may change


def app_of(where: DOMNode | App[Any]) -> App[Any]:
    return where if isinstance(where, App) else where.app


def planner_of(where: DOMNode | App[Any]) -> Planner:
    planner: Planner = app_of(where).planner  # type: ignore[attr-defined]
    return planner


def push(
    where: DOMNode | App[Any],
    form: _Form,
    submit: Submit,
    on_saved: Callable[[], None],
    saved: str | Callable[[dict[str, Any]], str],
    *,
    records: Keys | Callable[[dict[str, Any]], Keys] = (),
    adds: Iterable[str] = (),
    restore: Callable[[], Callable[[], object]] | None = None,
) -> None:
    """Open ``form``; ``submit`` saves under :func:`~planner.tui.undo.undoable`, keeping
    ``records`` (or those the values name) and the keys of the ``adds`` sections first, so
    ctrl+z restores them (and what ``restore()``, asked before the save, gives back);
    the toast says what was saved, then ``on_saved`` is called."""
    app = cast("PlannerApp", app_of(where))
    added = tuple(adds)

    def save(values: dict[str, Any]) -> object:
        kept = records(values) if callable(records) else records
        said = (lambda: saved) if isinstance(saved, str) else (lambda: saved(values))
        then = restore() if restore is not None else None
        with undoable(app, said, kept, added, then):
            return submit(values)

    def done(values: dict[str, Any] | None) -> None:
        if values is not None:
            on_saved()

    app.push_screen(form.submitting(save), done)
