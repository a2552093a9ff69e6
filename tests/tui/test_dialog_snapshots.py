"""Every dialog of the TUI, opened on the demo at 120x40 and 80x24: its title and its
buttons show (only the body between them scrolls), and the screen's text is snapshotted.

A dialog added to the TUI gets a line in :data:`DIALOGS`; ``test_every_dialog_is_listed``
fails until it has one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from textual.screen import Screen
from textual.widgets import Button

from planner.domain.plan_diff import Change
from planner.errors import StaleEditError
from planner.services.pilots import list_pilots
from planner.services.rollout import rollout
from planner.services.tools import list_tools
from planner.tui.app import PlannerApp
from planner.tui.screens.dialog import Dialog
from tests.tui.test_snapshots import screen_text

# A dialog's factory returns it (pushed by the test), or opens it itself and returns None.
Factory = Callable[[PlannerApp], Screen[object] | None]


def _tool(app: PlannerApp) -> Screen[object]:
    from planner.tui.screens.forms import ToolForm

    tools = list_tools(app.planner.workspace, None)
    return ToolForm(next(t for t in tools if t.product is None), ["chat", "wiki"])


def _pilot(app: PlannerApp):  # type: ignore[no-untyped-def]
    return list_pilots(app.planner.workspace, None)[0]


def _dialogs() -> dict[str, tuple[type[Screen[object]], Factory]]:
    from planner.domain.exits import ExitProposal
    from planner.domain.privacy import DataProtection
    from planner.domain.rollout import FeatureStatus
    from planner.services.plans import get_plan
    from planner.tui.record_forms import OPENERS
    from planner.tui.screens import (
        adoption,
        forms,
        import_dialog,
        inventory_forms,
        modals,
        pilot_forms,
        privacy_form,
        profile_form,
        review_dialogs,
    )
    from planner.tui.screens import rollout as rollout_screen
    from planner.tui.screens.conflict import ConflictScreen
    from planner.tui.screens.money_forms import ContractForm
    from planner.tui.screens.records.training import TrainingUpdateForm
    from planner.tui.screens.retire_form import RetireForm

    today = dt.date(2027, 2, 15)
    m, f, p, i, r = modals, forms, pilot_forms, inventory_forms, review_dialogs
    out: dict[str, tuple[type[Screen[object]], Factory]] = {
        "new-plan": (m.NewPlanScreen, lambda app: m.NewPlanScreen(app.planner)),
        "welcome": (m.WelcomeScreen, lambda app: m.WelcomeScreen(app.planner)),
        "plan-switcher": (m.PlanSwitcher, lambda app: m.PlanSwitcher(app.planner)),
        "confirm": (
            m.ConfirmScreen,
            lambda app: m.ConfirmScreen("Ban Slack?", "It moves to banned.", "Ban"),
        ),
        "tool": (f.ToolForm, _tool),
        "add-tool": (f.AddToolForm, lambda app: f.AddToolForm(app.planner.catalog)),
        "triage": (
            f.TriageForm,
            lambda app: f.TriageForm("wiki.example", app.planner.catalog, "mapped"),
        ),
        "import": (
            import_dialog.ImportDialog,
            lambda app: import_dialog.ImportDialog(lambda *a: ""),
        ),
        "new-pilot": (p.NewPilotForm, lambda app: p.NewPilotForm("slack", "Slack")),
        "measure": (p.MeasureForm, lambda app: p.MeasureForm(_pilot(app), today)),
        "decide": (p.DecideForm, lambda app: p.DecideForm(_pilot(app))),
        "pilot-status": (p.StatusForm, lambda app: p.StatusForm(_pilot(app))),
        "vendor-review": (i.VendorReviewForm, lambda app: i.VendorReviewForm("Slack", None)),
        "risk": (i.RiskForm, lambda app: i.RiskForm(None)),
        "need": (i.NeedForm, lambda app: i.NeedForm("chat", 3)),
        "profile": (
            profile_form.ProfileForm,
            lambda app: profile_form.ProfileForm(get_plan(app.planner.workspace, None)),
        ),
        "data-protection": (
            privacy_form.DataProtectionForm,
            lambda app: privacy_form.DataProtectionForm(DataProtection()),
        ),
        "readiness": (adoption.ReadinessForm, lambda app: adoption.ReadinessForm(None, today)),
        "training-update": (
            TrainingUpdateForm,
            lambda app: TrainingUpdateForm(
                rollout(app.planner.workspace, None).trainings[0], today.isoformat()
            ),
        ),
        "feature-status": (
            rollout_screen.FeatureStatusForm,
            lambda app: rollout_screen.FeatureStatusForm("Expert Q&A", FeatureStatus.PLANNED),
        ),
        "confirm-import": (
            r.ConfirmImport,
            lambda app: r.ConfirmImport(
                Path("plans/hexaline-2027.yaml"),
                [Change("tools", "slack", "changed", "owner", "IT", "Sales")],
            ),
        ),
        "confirm-overwrite": (
            r.ConfirmOverwrite,
            lambda app: r.ConfirmOverwrite("plans/hexaline-2027.yaml was not written here."),
        ),
        "files-folder": (
            r.FilesFolderDialog,
            lambda app: r.FilesFolderDialog("/srv/planner/workspace.sqlite"),
        ),
        "contract": (ContractForm, lambda app: ContractForm(None)),
        "retire": (
            RetireForm,
            lambda app: RetireForm(
                ["workplace-meta", "jive"],
                ["microsoft-teams", "workvivo"],
                ExitProposal(
                    "workplace-meta",
                    "Workplace from Meta",
                    dt.date(2026, 5, 31),
                    dt.date(2027, 5, 16),
                    "microsoft-teams",
                    "Microsoft Teams",
                ),
            ),
        ),
        "conflict": (
            ConflictScreen,
            lambda app: ConflictScreen(
                "Tool Slack", StaleEditError("Tool Slack", None, 2, 1, [("owner", "IT", "Sales")])
            ),
        ),
    }
    # The record forms, opened through the registry as the screens open them: a new
    # record, or (for a kind that needs one) the demo's first.
    needs = {"kpi": _pilot}
    for kind, opener in OPENERS.items():
        if kind == "measurement":  # MeasureForm is "measure" above (the opener checks first)
            continue
        record = needs.get(kind, lambda app: None)
        out[f"form-{kind}"] = (
            opener.form_class,  # type: ignore[attr-defined]
            lambda app, o=opener, r=record: o(app, app.plan_name, r(app), lambda: None),
        )
    return out


DIALOGS = _dialogs()


def test_every_dialog_is_listed() -> None:
    """Each concrete Dialog subclass of the TUI has a line in DIALOGS."""
    import importlib
    import pkgutil

    import planner.tui

    for module in pkgutil.walk_packages(planner.tui.__path__, "planner.tui."):
        importlib.import_module(module.name)

    def subclasses(cls: type) -> set[type]:
        out = set(cls.__subclasses__())
        for sub in list(out):
            out |= subclasses(sub)
        return out

    concrete = {c.__name__ for c in subclasses(Dialog) if not c.__name__.startswith("_")}
    listed = {cls.__name__ for cls, _ in DIALOGS.values()}
    assert not concrete - listed, f"dialogs with no line in DIALOGS: {sorted(concrete - listed)}"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_every_dialog_shows_title_and_buttons(
    demo_planner: object,
    snapshot: SnapshotAssertion,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    """Each dialog opened over the dashboard in turn, in one app per size (an app's start
    is most of a TUI test's time): its title and buttons on screen, its text snapshotted.
    Every dialog is checked; the problems are listed together at the end."""
    monkeypatch.chdir(tmp_path)
    problems: list[str] = []
    app = PlannerApp(demo_planner)  # type: ignore[arg-type]
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        dashboard = app.screen
        for name, (cls, factory) in DIALOGS.items():
            dialog = factory(app)
            if dialog is not None:
                await app.push_screen(dialog)
            await pilot.pause()
            await pilot.pause()
            problems += _problems(app, name, cls, size, snapshot)
            while app.screen is not dashboard:
                await app.pop_screen()
                await pilot.pause()
    assert not problems, "\n".join(problems)


def _problems(
    app: PlannerApp,
    name: str,
    cls: type[Screen[object]],
    size: tuple[int, int],
    snapshot: SnapshotAssertion,
) -> list[str]:
    """What is wrong with the dialog ``name`` as the app shows it now (nothing: [])."""
    dialog = app.screen
    if not isinstance(dialog, cls):
        return [f"{name}: {type(dialog).__name__} shows instead of {cls.__name__}"]
    text = screen_text(app)
    out = []
    title = str(dialog.query_one("#dialog-title").render()).strip()
    if not title or title[:20] not in text:
        out.append(f"{name}: title {title!r} not on screen")
    for button in dialog.query("#dialog-buttons Button").results(Button):
        label = str(button.label).strip()
        if label not in text or button.region.bottom > size[1]:
            out.append(f"{name}: button {label!r} not on screen")
    if text != snapshot(name=f"{name}-{size[0]}x{size[1]}"):
        out.append(f"{name}: the screen differs from its snapshot")
    return out
