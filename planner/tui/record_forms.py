"""What opening, adding and deleting a record means, per record kind: the registry every
:class:`~planner.tui.widgets.record_table.RecordTable` looks its ``kind`` up in.

Why a registry: the row model (Enter/``e`` opens, ``a`` adds, ``d`` deletes) is the same
on every table; only the form differs. A kind with a form is one line in ``FORMS``; a kind
without one yet still opens a details view, and ``a`` says plainly where to add it.
Every change made through a form is undoable (``planner.tui.undo``): the record it
touches is kept before the service is called.

Each opener fetches its record by key through the services, so a screen never hands a
form a stale object, and a form works the same from any screen that lists the kind.

``OPENERS`` holds the record forms of phase 3 and the pilots' KPIs (``screens/records/``):
``OPENERS[kind](app_or_screen, plan, record_or_None, on_saved)`` (None: a new record), each
carrying ``form_class``, the dialog it opens (the dialog snapshots list them); each saves
through ``records.common.push``, which makes the save undoable. ``FORMS`` adds them to the
row model: Enter fetches the record by key and hands it to its opener.

The openers of the tools, inventory, pilots and money kinds live in
:mod:`planner.tui.record_openers`; this module keeps the registry that points at them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.domain.text import visible
from planner.errors import PlannerError
from planner.tui.record_openers import (
    add_contract,
    add_tool,
    edit_contract,
    edit_need,
    edit_risk,
    edit_tool,
    edit_vendor,
    pilot_status,
    plan_exit,
    toggle_exit_step,
)
from planner.tui.undo import undoable

if TYPE_CHECKING:
    from planner.tui.screens.base import PlanScreen

Edit = Callable[["PlanScreen", str], None]
Add = Callable[["PlanScreen"], None]


@dataclass(frozen=True)
class RecordForm:
    """How one kind of record is opened, added and deleted in the TUI."""

    noun: str  # "risk": in notices, confirmations and undo toasts
    section: str | None = None  # the plan file's section (undo, delete); None: not a record
    edit: Edit | None = None  # None: Enter shows the row's details
    add: Add | None = None  # None: ``a`` shows ``add_hint``
    deletable: bool = False  # ``d`` deletes through services.undo.delete_record
    add_hint: str = ""  # where a record of this kind is added instead
    verb: str = "Edit"  # what Enter does, in the footer, where ``edit`` is given


# -- the forms of screens/records -------------------------------------------------------------
FormOpener = Callable[[Any, str | None, Any, Callable[[], None]], None]


def _openers() -> dict[str, FormOpener]:
    from planner.tui.screens.records.activity import open_activity_form
    from planner.tui.screens.records.audience import open_audience_form
    from planner.tui.screens.records.champion import open_champion_form
    from planner.tui.screens.records.feature import open_feature_form
    from planner.tui.screens.records.kpi import open_kpi_form, open_measurement_form
    from planner.tui.screens.records.readiness import open_readiness_form
    from planner.tui.screens.records.training import open_training_form

    return {
        "training": open_training_form,
        "feature": open_feature_form,
        "champion": open_champion_form,
        "kpi": open_kpi_form,
        "measurement": open_measurement_form,
        "activity": open_activity_form,
        "readiness": open_readiness_form,
        "audience": open_audience_form,
    }


OPENERS: dict[str, FormOpener] = _openers()


def _adder(kind: str) -> Add:
    """``a`` on a table of ``kind``: its form for a new record; the screen refreshes."""

    def add(screen: PlanScreen) -> None:
        OPENERS[kind](screen, screen.plan_name, None, screen.reload)

    return add


def _editor(kind: str, listed: Callable[[PlanScreen], Iterable[Any]], key: str = "id") -> Edit:
    """Enter on a row of ``kind``: its form (``OPENERS``) on the record of that key, fetched
    through the services (``listed``); the screen refreshes once it is saved."""

    def edit(screen: PlanScreen, wanted: str) -> None:
        found = next((r for r in listed(screen) if getattr(r, key) == wanted), None)
        if found is not None:
            OPENERS[kind](screen, screen.plan_name, found, screen.reload)

    return edit


def _audiences(screen: PlanScreen) -> Iterable[Any]:
    from planner.services.audiences import list_audiences

    return list_audiences(screen.planner.workspace, screen.plan_name)


def _rollout(screen: PlanScreen) -> Any:
    from planner.services.rollout import rollout

    return rollout(screen.planner.workspace, screen.plan_name)


def _departments(screen: PlanScreen) -> Iterable[Any]:
    from planner.services.adoption import adoption

    return adoption(screen.planner.workspace, screen.plan_name, screen.planner.today()).departments


# -- the registry ------------------------------------------------------------------------------
FORMS: dict[str, RecordForm] = {
    "tool": RecordForm("tool", "tools", edit_tool, add_tool, deletable=True),
    "risk": RecordForm("risk", "risks", edit_risk, lambda s: edit_risk(s, None), deletable=True),
    "vendor": RecordForm(
        "vendor review",
        "vendors",
        edit_vendor,
        deletable=True,
        add_hint="Vendors come from the catalog: r reviews the highlighted one",
    ),
    "need": RecordForm(
        "need", None, edit_need, add_hint="Capabilities come from the catalog: Enter sets a need"
    ),
    "flag": RecordForm("risk flag", add_hint="Flags are worked out from the tools: a adds a risk"),
    "candidate": RecordForm(
        "candidate", add_hint="Candidates are ranked from the catalog: n pilots the highlighted one"
    ),
    "pilot": RecordForm(
        "pilot",
        "pilots",
        pilot_status,
        deletable=True,
        add_hint="A pilot starts from a candidate: n on the Candidates table",
    ),
    "training": RecordForm(
        "training milestone",
        "training",
        _editor("training", lambda s: _rollout(s).trainings),
        _adder("training"),
        deletable=True,
    ),
    "feature": RecordForm(
        "feature",
        "features",
        _editor("feature", lambda s: _rollout(s).features),  # its whole form, status included
        _adder("feature"),
        deletable=True,
    ),
    "readiness": RecordForm(
        "readiness assessment",
        None,
        _editor("readiness", _departments, key="department"),
        _adder("readiness"),
    ),
    "audience": RecordForm(
        "audience", "audiences", _editor("audience", _audiences), _adder("audience"), True
    ),
    "contract": RecordForm("contract", "contracts", edit_contract, add_contract, deletable=True),
    "exit": RecordForm(
        "exit step",
        "exits",
        toggle_exit_step,
        plan_exit,
        verb="Done",  # Enter marks the step done, or planned again
    ),
    "change": RecordForm("change", add_hint="Changes come from comparing the plan with a file"),
    "host": RecordForm("host", add_hint="Hosts come from imported logs: i imports one"),
    "decision": RecordForm("decision", add_hint="Decisions are taken on the Unmatched hosts tab"),
}


def register(kind: str, form: RecordForm) -> None:
    """Add (or replace) a kind's form: the one line a new form needs."""
    FORMS[kind] = form


def form_of(kind: str | None) -> RecordForm:
    return FORMS.get(kind or "", RecordForm(kind or "record"))


def delete(screen: PlanScreen, kind: str, key: str, name: str) -> None:
    """Delete a record after a confirmation; undoable."""
    from planner.services.undo import delete_record
    from planner.tui.screens.modals import ConfirmScreen

    form = form_of(kind)
    if not form.deletable or form.section is None:
        screen.notify(f"A {form.noun} cannot be deleted here", severity="warning")
        return
    section, app = form.section, screen.planner_app

    def answered(yes: bool | None) -> None:
        if not yes:
            return

        def go() -> None:
            with undoable(app, f"Deleted {form.noun} {name}", [(section, key)]):
                delete_record(screen.planner.workspace, screen.plan_name, section, key)

        screen.apply(go)

    question = f"Delete the {form.noun} {visible(name)}?"
    app.push_screen(ConfirmScreen(question, "ctrl+z undoes it.", "Delete"), answered)


__all__ = ["FORMS", "OPENERS", "PlannerError", "RecordForm", "delete", "form_of", "register"]
