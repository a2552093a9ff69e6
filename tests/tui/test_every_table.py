"""Every kind of table the app shows, driven the same way on the demo at 80x24: ``a`` adds a
record through its form (or says where such records come from), Enter opens its form or
its details, ``d`` asks and deletes where the kind is deletable, and ctrl+z takes each
change back, which is checked in the workspace through the services, not on the screen.

The kinds are the registry's (``record_forms.FORMS``), and a first check makes sure they
are exactly the kinds of the tables the screens mount: a new table is covered here, or
fails. All kinds run in one app, one after the other, each named by its kind when it fails,
and each leaves the workspace as it found it: one app per kind cost about 100 s of CPU for the
whole suite, mostly Textual starting the app and drawing its first frames (issue 27).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import Button, Input, Select, TabbedContent, TabPane

from planner.adapters.store.record_kinds import BY_SECTION
from planner.bootstrap import Planner
from planner.services.discover import import_file
from planner.services.exits import retire_tool
from planner.services.inventory import list_risks, save_risk
from planner.services.plan_file import export_plan
from planner.tui.app import SCREENS, PlannerApp
from planner.tui.record_forms import FORMS
from planner.tui.screens.details import DetailsScreen
from planner.tui.screens.modals import ConfirmScreen
from planner.tui.widgets.record_table import RecordTable
from tests.conftest import DATA, TODAY, DemoAt
from tests.tui.conftest import each_in_one_app, plan_state, toasts, until
from tests.tui.test_snapshots import settled

KINDS = sorted(FORMS)
SIZE = (80, 24)

# What each kind's add form is filled with (the inputs by id): a kind whose ``a`` opens a
# form and is not listed here fails.
ADD: dict[str, dict[str, str]] = {
    "tool": {"name": "Plant WhatsApp groups"},
    "risk": {"title": "Shadow IT comes back"},
    "candidate": {},  # a pilot of the highlighted candidate: the form's defaults
    "training": {"title": "Finance onboarding", "department": "Finance", "audience": "12"},
    "feature": {"title": "Kudos in the intranet"},
    "readiness": {
        "department": "Finance",
        "awareness": "3",
        "desire": "2",
        "knowledge": "2",
        "ability": "1",
        "reinforcement": "1",
    },
    "audience": {"name": "Shop floor", "people": "300"},
    "contract": {
        "product": "jive",
        "seats": "400",
        "annual_cost": "48000.10",
        "currency": "EUR",
        "start": "2026-07-01",
        "end": "2027-06-30",
        "notice_days": "90",
    },
    # an exit plan (its steps are this table's rows), filled from the plan's proposal
    "exit": {"tool": "workplace-meta", "by": "2027-03-31", "target": "microsoft-teams"},
}


def _hosts(planner: Planner) -> None:
    import_file(planner.workspace, planner.catalog, planner.pseudonym_key, None,
                DATA / "discover" / "week1.squid.log")  # fmt: skip


def _changes(planner: Planner) -> None:
    """An export, then a risk changed since: the Review table lists the change."""
    path = Path(planner.settings.db).with_suffix(".plan.yaml")
    export_plan(planner.workspace, None, TODAY, path, planner.catalog)
    risk = list_risks(planner.workspace, None)[0]
    save_risk(planner.workspace, None, risk.id, owner="Someone else")


def _exit(planner: Planner) -> None:
    retire_tool(planner.workspace, planner.catalog, None, "jive", dt.date(2027, 6, 30), TODAY,
                "microsoft-teams", "IT Ops")  # fmt: skip


# What the demo lacks for a kind's table to have a row (all done before the app opens).
SETUP: dict[str, Callable[[Planner], None]] = {
    "host": _hosts,
    "change": _changes,
    "exit": _exit,
}


def _records(state: dict[str, Any], section: str | None) -> set[str]:
    """The keys of a section's records in ``state`` (the registry names each key)."""
    if section is None or section not in BY_SECTION or BY_SECTION[section].key is None:
        return set()
    key = BY_SECTION[section].key[0]  # type: ignore[index]
    return {str(r[key]) for r in state[section]}


async def _each_table(
    app: PlannerApp, pilot: Any, where: dict[str, int]
) -> list[tuple[RecordTable, str | None]]:
    """Every RecordTable of every screen, with the tab it is on, in screen order; ``where``
    remembers the first screen (by number) showing each kind."""
    found: list[tuple[RecordTable, str | None]] = []
    for i, mode in enumerate(SCREENS, start=1):
        await pilot.press(str(i))
        await until(pilot, lambda m=mode: app.current_mode == m)
        await until(pilot, settled(app))  # composed and drawn: all its tables mounted
        for table in app.screen.query(RecordTable):
            pane = next((a.id for a in table.ancestors if isinstance(a, TabPane)), None)
            found.append((table, pane))
            where.setdefault(table.kind, i)
    return found


async def _table(app: PlannerApp, pilot: Any, kind: str, where: dict[str, int]) -> RecordTable:
    """Go to the first table of ``kind``, open its tab, focus it once filled. The screen
    the registry check found it on (``where``: kind -> screen number) is tried first:
    walking every screen before it and waiting for each to settle was most of this
    test's time; the others are still looked at if the table is not there."""
    order = sorted(range(1, len(SCREENS) + 1), key=lambda i: i != where.get(kind, i))
    for i in order:
        mode = list(SCREENS)[i - 1]
        await pilot.press(str(i))
        await until(pilot, lambda m=mode: app.current_mode == m)
        await until(pilot, settled(app))  # composed and drawn: all its tables mounted
        tables = [t for t in app.screen.query(RecordTable) if t.kind == kind]
        if not tables:
            continue
        table = tables[0]
        pane = next((a.id for a in table.ancestors if isinstance(a, TabPane)), None)
        if pane is not None:
            app.screen.query_one(TabbedContent).active = pane
        await until(pilot, lambda t=table: t.region.width > 0)
        table.focus()
        await until(pilot, lambda t=table: app.focused is t)
        return table
    raise AssertionError(f"no table of kind {kind!r} on any screen")


async def _fill_and_save(app: PlannerApp, pilot: Any, values: dict[str, str]) -> None:
    form = app.screen
    await until(pilot, lambda: bool(form.query("#ok")))  # composed
    for name, value in values.items():
        widget = form.query_one(f"#{name}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value
    form.query_one("#ok", Button).press()
    await until(pilot, lambda: app.screen is not form)
    assert app.screen is not form, [str(e.render()) for e in form.query(".field-error")]


async def _undo(app: PlannerApp, pilot: Any, planner: Planner, state: dict[str, Any]) -> None:
    """ctrl+z takes the latest change back: the workspace is ``state`` again, and a toast
    names what was undone."""
    label, said = app.undo_stack.peek(), len(toasts(app))
    assert label is not None
    await pilot.press("ctrl+z")
    await until(pilot, lambda: plan_state(planner) == state)
    assert plan_state(planner) == state
    assert f"Undone: {label.label}" in toasts(app)[said:]


async def _scenario(
    app: PlannerApp, pilot: Any, planner: Planner, kind: str, where: dict[str, int]
) -> None:
    """One kind's table: a, Enter, d and ctrl+z; the workspace is as it was at the end."""
    form = FORMS[kind]
    start = plan_state(planner)
    table = await _table(app, pilot, kind, where)

    # a: a form that adds a record, or a notice of where such records come from.
    before, said = {k for k, _ in table.all_rows}, len(toasts(app))
    await pilot.press("a")
    await until(pilot, lambda: app.screen.is_modal or len(toasts(app)) > said)
    added: str | None = None  # the row added to this table, if one was
    adds = app.screen.is_modal
    if adds:
        assert not isinstance(app.screen, DetailsScreen), kind
        await _fill_and_save(app, pilot, ADD[kind])
        await until(pilot, lambda: plan_state(planner) != start)
        assert plan_state(planner) != start, f"{kind}: nothing added"
        assert any(m.endswith("— ctrl+z to undo") for m in toasts(app)[said:])
        # a record of this table's kind is its new row (a candidate's pilot is not)
        new = _records(plan_state(planner), form.section) - _records(start, form.section)
        if new:
            await until(pilot, lambda: bool(new & ({k for k, _ in table.all_rows} - before)))
            added = min(new)  # one record, or the first step of an exit plan
    else:
        assert form.add is None, kind
        assert toasts(app)[-1] == form.add_hint
    with_add = plan_state(planner)

    # Enter: the record's form (cancelled here) or its details; a domain of hosts
    # opens in place, an exit step is marked done (and ctrl+z takes it back).
    table.focus()
    if added is not None:
        table.move_to_key(added)
    assert table.current_key is not None, f"{kind}: an empty table"
    shown = list(table.shown_keys)
    await pilot.press("enter")
    await until(pilot, lambda: app.screen.is_modal or table.shown_keys != shown
                or plan_state(planner) != with_add)  # fmt: skip
    if app.screen.is_modal:
        assert form.edit is not None or isinstance(app.screen, DetailsScreen), kind
        await pilot.press("escape")
        await until(pilot, lambda: not app.screen.is_modal)
        assert plan_state(planner) == with_add, f"{kind}: a cancelled form saved"
    elif plan_state(planner) != with_add:
        await _undo(app, pilot, planner, with_add)
    else:
        assert table.shown_keys != shown, f"{kind}: Enter did nothing"

    # d: asks, then deletes (or takes a decision back); ctrl+z restores it.
    table.focus()
    if added is not None:
        table.move_to_key(added)
    else:  # a row that is a record of the plan, where the kind has records
        records = _records(with_add, form.section)
        target = next((k for k in table.shown_keys if k in records), None)
        table.move_to_key(target)
    own = table._bindings.key_to_bindings["d"][0].action != "delete_row"  # Take back
    deletes = own or form.deletable
    await pilot.press("d")
    if deletes:
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen), kind
        await pilot.press("y")
        await until(pilot, lambda: plan_state(planner) != with_add)
        assert plan_state(planner) != with_add, f"{kind}: d deleted nothing"
        if form.section is not None and form.deletable:
            gone = _records(with_add, form.section) - _records(plan_state(planner), form.section)
            assert gone, kind
        await _undo(app, pilot, planner, with_add)
    else:
        await pilot.pause()
        assert not app.screen.is_modal and plan_state(planner) == with_add, kind

    # and the add, taken back last: the workspace is as it was before this kind.
    if adds:
        await _undo(app, pilot, planner, start)
    assert plan_state(planner) == start, f"{kind}: the workspace changed"


async def test_a_enter_d_and_ctrl_z_on_every_kind_of_table(demo_at: DemoAt, tmp_path: Path) -> None:
    """Every kind in one app, each named by its kind when it fails, after a first one
    ("registry") checking that the tables the screens mount are exactly the kinds of FORMS.
    The demo gets every kind's SETUP first."""
    planners: list[Planner] = []
    where: dict[str, int] = {}  # kind -> the screen its table is on, found by "registry"

    def new_app(n: int) -> PlannerApp:
        planners.append(demo_at(tmp_path / f"demo-{n}.sqlite"))
        for setup in SETUP.values():
            setup(planners[-1])
        app = PlannerApp(planners[-1])
        toasts(app)
        return app

    async def check(app: PlannerApp, pilot: Any, kind: str) -> None:
        if kind == "registry":
            kinds = {table.kind for table, _ in await _each_table(app, pilot, where)}
            assert kinds == set(FORMS)
        else:
            await _scenario(app, pilot, planners[-1], kind, where)

    await each_in_one_app(["registry", *KINDS], new_app, SIZE, check)
