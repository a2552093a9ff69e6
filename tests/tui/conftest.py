"""Helpers for TUI tests: the demo workspace (a copy of one built once per test process,
with a frozen today) and waits that hold on a loaded machine."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import traceback
from collections.abc import Awaitable, Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from textual.pilot import Pilot

from planner.bootstrap import Planner
from tests.conftest import HANG_GUARD_S, DemoAt

T = TypeVar("T")


@pytest.fixture
def demo_planner(demo_at: DemoAt, tmp_path: Path) -> Iterator[Planner]:
    planner = demo_at(tmp_path / "demo.sqlite")
    yield planner
    planner.close()


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Let the app run until ``condition`` holds: a screen switch or a key's effect may take
    several frames on a loaded machine (several test processes share its cores), where one
    ``pilot.pause()`` is not enough. Gives up after the hang guard; the caller asserts."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + HANG_GUARD_S
    while not condition() and loop.time() < deadline:
        await pilot.pause(0.05)


@contextlib.contextmanager
def case(failures: list[str], name: str) -> Iterator[None]:
    """One named case of a test that checks several in one app: an exception ends the case,
    not the test, and is recorded with the case's name and traceback; the test then asserts
    ``not failures`` (all of them listed). Works on the pytest the project declares (8.4+),
    which has no built-in subtests."""
    try:
        yield
    except Exception:
        failures.append(f"{name}: {traceback.format_exc()}")


async def each_in_one_app(
    names: Iterable[str],
    new_app: Callable[[int], Any],
    size: tuple[int, int],
    check: Callable[[Any, Pilot[None], str], Awaitable[None]],
) -> None:
    """``check(app, pilot, name)`` for each name, in one app run rather than one per name (an
    app's start and first frames are most of a short TUI test's CPU); fails at the end
    naming each name whose check failed. A failed check may leave the app anywhere (a form
    open, a change not taken back), so the names after it run in a new app:
    ``new_app(n)`` makes the n-th (0 first) on a fresh workspace."""
    remaining, runs, failures = list(names), 0, []
    while remaining:
        app = new_app(runs)
        runs += 1
        async with app.run_test(size=size) as pilot:
            while remaining:
                name, failed = remaining.pop(0), len(failures)
                with case(failures, name):
                    await check(app, pilot, name)
                if len(failures) > failed:
                    break
    assert not failures, "\n".join(failures)


async def go_to(pilot: Pilot[None], key: str) -> None:
    """Press a screen's key (1-7) and wait until that screen is the one showing, so that
    the keys pressed next reach it (see :func:`until`)."""
    from planner.tui.app import SCREENS

    mode = list(SCREENS)[int(key) - 1]
    await pilot.press(key)
    await until(pilot, lambda: pilot.app.current_mode == mode)


async def open_form(pilot: Pilot[None], key: str, kind: type[T]) -> T:
    """Press ``key`` and wait until a ``kind`` (a form, a dialog) is the screen showing;
    that screen."""
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, kind))
    form = pilot.app.screen
    assert isinstance(form, kind), f"{key!r} opened {type(form).__name__}, not {kind.__name__}"
    return form


def plan_state(planner: Planner) -> dict[str, Any]:
    """The plan as the services give it (without the records' edit counts), and the hosts'
    triage: what every change on these tables touches."""
    from planner.services.discover.triage import list_hosts
    from planner.services.discover.undecide import list_decided_hosts
    from planner.services.plan_file import plan_document

    ws = planner.workspace
    document = plan_document(ws, None, planner.today())
    del document["base"]  # versions: an undone record is one edit further
    hosts, _ = list_hosts(ws, None, limit=None)
    decided, _ = list_decided_hosts(ws, None, limit=None)
    document["open hosts"] = sorted(h.host for h in hosts)
    document["decided hosts"] = sorted(h.host for h in decided)
    return document


def toasts(app: Any) -> list[str]:
    """Every toast the app showed so far (kept here: a toast expires, on a loaded machine
    before the test looks)."""
    said: list[str] | None = getattr(app, "said", None)
    if said is None:
        said = []
        notify = app.notify

        def kept(message: str, *args: Any, **kwargs: Any) -> None:
            said.append(str(message))
            notify(message, *args, **kwargs)

        app.notify = kept  # type: ignore[method-assign]
        app.said = said  # type: ignore[attr-defined]
    return said


def held_back(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> threading.Event:
    """``module.name`` made to wait, in whatever thread calls it, until the event returned
    is set (at most 30 s), then to do what it did: a part of a screen's staged load held
    back, to see what the screen shows before it."""
    release = threading.Event()
    real = getattr(module, name)

    def held(*args: object, **kwargs: object) -> object:
        release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, held)
    return release
