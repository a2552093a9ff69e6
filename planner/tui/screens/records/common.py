"""What every record form shares: the app and planner behind a screen, and pushing a form
that saves through a service and then tells its opener (``on_saved``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.dom import DOMNode

from planner.tui.screens.forms import Submit, _Form

if TYPE_CHECKING:
    from planner.bootstrap import Planner


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
) -> None:
    """Open ``form``; once ``submit`` went through, say what was saved and call ``on_saved``."""
    app = app_of(where)

    def done(values: dict[str, Any] | None) -> None:
        if values is None:
            return
        app.notify(saved if isinstance(saved, str) else saved(values))
        on_saved()

    app.push_screen(form.submitting(submit), done)
