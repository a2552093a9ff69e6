"""The Money screen (7) driven with Pilot: a contract added, edited and deleted through
its form, an exit step marked done; and its tabs as text at 120x40 and 80x24."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Select

from planner.bootstrap import Planner
from planner.domain.exits import StepStatus
from planner.services.contracts import add_contract, list_contracts
from planner.services.exits import list_exit_steps, retire_tool
from planner.tui.app import PlannerApp
from planner.tui.screens.modals import ConfirmScreen
from planner.tui.screens.money_forms import ContractForm
from tests.conftest import TODAY
from tests.tui.conftest import case, go_to, until
from tests.tui.test_snapshots import screen_text, settled

JIVE = {"seats": "400", "annual_cost": "48000.10", "currency": "EUR", "start": "2026-07-01",
        "end": "2027-06-30", "notice_days": "90"}  # fmt: skip


def _with_contract_and_exit(planner: Planner) -> None:
    add_contract(planner.workspace, planner.catalog, None, "jive", JIVE)
    retire_tool(
        planner.workspace, planner.catalog, None, "jive", dt.date(2027, 6, 30), TODAY,
        "microsoft-teams", "IT Ops",
    )  # fmt: skip


async def _type(app: PlannerApp, values: dict[str, str]) -> None:
    for name, value in values.items():
        app.screen.query_one(f"#{name}", Input).value = value


async def test_add_edit_and_delete_a_contract(demo_planner: Planner) -> None:
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "7")
        await until(pilot, lambda: app.screen.query_one("#money-tabs").active != "")
        await pilot.pause()
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ContractForm))
        # A bad amount keeps the form open, the error beside the field.
        await _type(app, {"product": "Jive", **JIVE, "annual_cost": "-5"})
        app.screen.query_one("#ok", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, ContractForm)
        assert "negative" in str(app.screen.query_one(".field-error").render())
        assert list_contracts(demo_planner.workspace, None) == []
        await _type(app, {"annual_cost": "48000.10"})
        app.screen.query_one("#ok", Button).press()
        await until(pilot, lambda: not isinstance(app.screen, ContractForm))
        [jive] = list_contracts(demo_planner.workspace, None)
        assert (jive.product, jive.annual_cost, jive.decision_date) == (
            "jive", Decimal("48000.10"), dt.date(2027, 4, 1)
        )  # fmt: skip
        table = app.screen.query_one("#contracts", DataTable)
        row = [str(c) for c in table.get_row_at(0)]
        assert row[:5] == ["Jive", "400", "48,000.10 EUR", "2027-06-30", "2027-04-01"]
        # Enter edits the highlighted contract: a renegotiated cost and a decision.
        table.focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ContractForm))
        assert app.screen.query_one("#annual_cost", Input).value == "48000.10"
        await _type(app, {"annual_cost": "45000.5", "owner": "CIO"})
        app.screen.query_one("#decision", Select).value = "renegotiate"
        app.screen.query_one("#ok", Button).press()
        await until(pilot, lambda: not isinstance(app.screen, ContractForm))
        [jive] = list_contracts(demo_planner.workspace, None)
        assert (jive.annual_cost, jive.owner, jive.decision) == (
            Decimal("45000.50"), "CIO", "renegotiate"
        )  # fmt: skip
        # d asks first; n keeps it, y deletes it.
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert len(list_contracts(demo_planner.workspace, None)) == 1
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: not list_contracts(demo_planner.workspace, None))
        assert list_contracts(demo_planner.workspace, None) == []


async def test_plan_an_exit_from_the_proposal_and_undo_it(demo_planner: Planner) -> None:
    from planner.tui.screens.retire_form import RetireForm

    app = PlannerApp(demo_planner)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "7")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        proposals = str(app.screen.query_one("#proposals").render())
        assert "Workplace from Meta ended on 2026-05-31" in proposals
        assert "a plans it" in proposals and "planner retire" not in proposals
        app.screen.query_one("#exit-steps").focus()
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, RetireForm))
        form = app.screen
        # filled from the proposal: the ended tool, a day, the tool the plan keeps
        assert form.query_one("#tool", Input).value == "workplace-meta"
        assert form.query_one("#target", Input).value == "microsoft-teams"
        # a switch-off day that is not a date stays in the form, the error beside it
        form.query_one("#by", Input).value = "2027-02-30"
        form.query_one("#ok", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, RetireForm)
        assert "not a date" in str(app.screen.query_one(".field-error").render())
        form.query_one("#by", Input).value = "2027-03-31"
        form.query_one("#ok", Button).press()
        await until(pilot, lambda: not isinstance(app.screen, RetireForm))
        steps = list_exit_steps(demo_planner.workspace, None)
        assert {s.tool for s in steps} == {"workplace-meta"}
        assert max(s.due for s in steps) <= dt.date(2027, 3, 31)
        assert {s.target for s in steps} == {"microsoft-teams"}
        await until(pilot, lambda: app.screen.query_one("#exit-steps", DataTable).row_count > 1)
        await pilot.press("ctrl+z")
        await until(pilot, lambda: list_exit_steps(demo_planner.workspace, None) == [])


async def _renewal_and_exit_actions_lead_to_the_money_screen(
    app: PlannerApp, pilot: Pilot[None], demo_planner: Planner
) -> None:
    from textual.widgets import OptionList

    await pilot.pause()
    options = app.screen.query_one("#actions", OptionList)
    prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    [index] = [i for i, p in enumerate(prompts) if "Workplace from Meta ended on" in p]
    assert prompts[index].endswith("→ Money (7)")
    options.focus()
    options.highlighted = index
    await pilot.press("enter")
    await until(pilot, lambda: app.current_mode == "money")
    assert app.current_mode == "money"


async def _mark_an_exit_step_done(
    app: PlannerApp, pilot: Pilot[None], demo_planner: Planner
) -> None:
    await go_to(pilot, "7")
    await pilot.press("right_square_bracket", "right_square_bracket")
    await pilot.pause()
    steps = app.screen.query_one("#exit-steps", DataTable)
    assert steps.has_focus
    assert "Jive: announce the exit" in str(steps.get_row_at(0)[1])
    await pilot.press("x")
    await until(pilot, lambda: str(steps.get_row_at(0)[3]) == "done")
    status = {s.id: s.status for s in list_exit_steps(demo_planner.workspace, None)}
    assert status["jive-announce"] is StepStatus.DONE
    assert status["jive-export"] is StepStatus.PLANNED
    await pilot.press("x")  # and back
    await until(pilot, lambda: str(steps.get_row_at(0)[3]) == "planned")


async def test_a_contract_and_an_exit_on_the_money_screen(demo_planner: Planner) -> None:
    """With a contract and an exit plan, in one app (an app's start is most of each
    check's CPU), each named in a failure: the dashboard's renewal and exit actions lead
    to the Money screen; an exit step is marked done there, and back."""
    _with_contract_and_exit(demo_planner)
    failures: list[str] = []
    app = PlannerApp(demo_planner)
    async with app.run_test(size=(120, 40)) as pilot:
        with case(failures, "the actions lead to the money screen"):
            await _renewal_and_exit_actions_lead_to_the_money_screen(app, pilot, demo_planner)
        with case(failures, "an exit step marked done"):
            await _mark_an_exit_step_done(app, pilot, demo_planner)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
async def test_money_snapshot(
    demo_planner: Planner,
    snapshot: SnapshotAssertion,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    """The three tabs in turn in one app per size, each named in a failure by its tab."""
    monkeypatch.chdir(tmp_path)
    _with_contract_and_exit(demo_planner)
    failures: list[str] = []
    app = PlannerApp(demo_planner)
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, "7")
        await app.workers.wait_for_complete()
        for tab, name in enumerate(["contracts", "costs", "exits"]):
            with case(failures, name):
                if tab:
                    await pilot.press("right_square_bracket")
                await pilot.pause()
                await until(pilot, settled(app))
                text = screen_text(app)
                assert text == snapshot(name=f"money-{tab}-{size[0]}x{size[1]}")
    assert not failures, "\n".join(failures)


async def test_a_large_plans_contracts_show_before_its_costs_are_read(
    planner: Planner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above LARGE_PLAN tools the screen is read in a worker, part by part: with the costs
    held back (they read every tool), the contracts' table and the summary are already
    there; the yearly total joins the summary once the costs are read."""
    from planner.domain.plan import Tool
    from planner.services.plans import create_plan
    from planner.services.tools import save_tools
    from planner.tui.screens import base, money
    from tests.tui.conftest import held_back

    monkeypatch.setattr(base, "LARGE_PLAN", 30)
    release = held_back(monkeypatch, money, "plan_costs")
    create_plan(planner.workspace, "big", dt.date(2027, 1, 4))
    save_tools(planner.workspace, "big", [Tool(f"t{i:03d}", f"Tool {i:03d}", None)
                                          for i in range(40)])  # fmt: skip
    add_contract(planner.workspace, planner.catalog, "big", "jive", JIVE)
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await go_to(pilot, "7")
        table = app.screen.query_one("#contracts", DataTable)
        summary = app.screen.query_one("#money-summary")
        try:
            await until(pilot, lambda: table.row_count == 1)
            assert str(summary.render()).startswith("1 contract · 0 decisions late")
            assert str(app.screen.query_one("#costs").render()).strip() == ""
        finally:
            release.set()
        await until(pilot, lambda: "a year" in str(summary.render()))
        assert str(summary.render()).startswith("1 contract, 48,000.10 EUR a year · ")
        assert str(app.screen.query_one("#costs").render()).strip() != ""
