"""The contract rules: exact amounts, totals per currency, the decision date and when it
becomes a next action, late when passed undecided."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planner.domain.contracts import (
    Contract,
    Decision,
    contract_problem,
    parse_amount,
    renewal_actions,
    timeline_rows,
    totals,
)

D = dt.date
JIVE = Contract(
    "jive", "jive", Decimal("48000.10"), "EUR", D(2026, 7, 1), D(2027, 6, 30), notice_days=90
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12000", "12000.00"),
        ("12000.5", "12000.50"),
        ("12 000,50", "12000.50"),
        ("12,000.50", "12000.50"),
        ("0.1", "0.10"),
        ("1.234", "1.234"),
    ],
)
def test_amounts_are_read_exactly(text: str, value: str) -> None:
    assert str(parse_amount(text)) == value


@pytest.mark.parametrize("text", ["-1", "abc", "NaN", "Infinity", "1e13", "0.00001"])
def test_bad_amounts_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


def test_totals_per_currency_are_exact_and_never_mixed() -> None:
    dimes = [
        Contract(f"c{i}", "x", Decimal("0.10"), "EUR", D(2026, 1, 1), D(2026, 12, 31))
        for i in range(3)
    ]
    usd = Contract("u", "x", Decimal("5"), "USD", D(2026, 1, 1), D(2026, 12, 31))
    assert totals([*dimes, usd]) == {"EUR": Decimal("0.30"), "USD": Decimal("5.00")}
    assert str(totals(dimes)["EUR"]) == "0.30"  # 0.1 + 0.1 + 0.1 in floats is not 0.3


def test_decision_date_is_the_end_minus_the_notice() -> None:
    assert JIVE.decision_date == D(2027, 4, 1)


def test_renewal_becomes_a_next_action_six_months_before_its_decision_date() -> None:
    names = {"jive": "Jive"}
    assert renewal_actions([JIVE], D(2026, 9, 30), names) == []
    assert renewal_actions([JIVE], D(2026, 10, 1), names) == [
        "Jive: renewal notice due 2027-04-01 — decide: renew, renegotiate or exit"
    ]
    assert renewal_actions([JIVE], D(2027, 4, 1), names)[0].startswith("Jive: renewal notice due")


def test_renewal_is_late_when_passed_without_a_decision() -> None:
    late = renewal_actions([JIVE], D(2027, 4, 2), {"jive": "Jive"})
    assert late == [
        "Jive: renewal notice was due 2027-04-01 — late: decide renew, renegotiate or exit "
        "before it ends 2027-06-30"
    ]
    assert JIVE.late(D(2027, 4, 2)) and not JIVE.late(D(2027, 4, 1))
    decided = Contract(**{**JIVE.__dict__, "decision": Decision.EXIT})
    assert renewal_actions([decided], D(2027, 4, 2)) == []
    assert not decided.late(D(2027, 4, 2))
    assert renewal_actions([JIVE], D(2027, 7, 1)) == []  # over: nothing left to decide


def test_timeline_window_from_decision_to_end() -> None:
    assert timeline_rows([JIVE], D(2026, 10, 15), {"jive": "Jive"}) == [
        ("Jive contract", D(2027, 4, 1), D(2027, 6, 30), "planned", "notice due 2027-04-01")
    ]
    assert timeline_rows([JIVE], D(2027, 5, 1))[0][3] == "late"


def test_dates_are_checked_together() -> None:
    assert contract_problem(D(2027, 1, 1), D(2027, 1, 1), 0) is not None
    assert contract_problem(D(2027, 1, 1), D(2027, 3, 1), 90) is not None
    assert contract_problem(D(2026, 7, 1), D(2027, 6, 30), 90) is None


def test_exit_plan_counts_back_from_the_switch_off_and_cancels_at_the_decision_date() -> None:
    from planner.domain.exits import ExitStep, exit_plan

    steps = exit_plan("jive", "Jive", D(2027, 6, 30), D(2027, 5, 15), "google-chat",
                      "Google Chat", "IT Ops", [JIVE])  # fmt: skip
    due = {s.step: s.due for s in steps}
    assert due[ExitStep.SWITCH_OFF] == D(2027, 6, 30)
    assert due[ExitStep.REDIRECT] == D(2027, 6, 23)
    assert due[ExitStep.MIGRATE] == D(2027, 5, 31)
    # Steps that would fall before today are due today; so is a notice already missed.
    assert due[ExitStep.ANNOUNCE] == due[ExitStep.EXPORT] == D(2027, 5, 15)
    assert due[ExitStep.CANCEL] == D(2027, 5, 15)
    assert [s.due for s in steps] == sorted(s.due for s in steps)
    with pytest.raises(ValueError, match="already past"):
        exit_plan("jive", "Jive", D(2027, 5, 14), D(2027, 5, 15))


def test_contract_rows_draw_in_the_tui_timeline() -> None:
    from planner.domain.timeline import timeline_rows as plan_rows
    from planner.tui.widgets.timeline import timeline_text

    rows = plan_rows(D(2026, 9, 1), [], [], [], [], D(2026, 10, 15),
                     timeline_rows([JIVE], D(2026, 10, 15), {"jive": "Jive"}))  # fmt: skip
    assert "Jive contract" in timeline_text(rows, D(2026, 9, 1), D(2026, 10, 15), 120).plain


def test_an_ended_product_in_use_proposes_an_exit_to_the_kept_tool_or_its_successor() -> None:
    from planner.adapters.catalog_files import load_catalog
    from planner.domain.exits import retired_in_use
    from planner.domain.plan import Tool

    catalog = load_catalog(cache_dir=None)
    tools = [
        Tool("workplace", "Workplace", "workplace-meta"),
        Tool("currents", "Currents", "google-currents"),
        Tool("tibbr", "tibbr", "tibbr"),
        Tool("teams", "Teams", "microsoft-teams"),  # alive: no proposal
    ]
    today = D(2026, 12, 5)
    found = retired_in_use(tools, catalog, planned=["tibbr"], today=today,
                           strategic={"workplace": "microsoft-teams"})  # fmt: skip
    assert [(p.tool, p.target, p.by) for p in found] == [
        ("currents", "google-chat", D(2027, 3, 5)),  # the catalog's successor
        ("workplace", "microsoft-teams", D(2027, 3, 5)),  # the plan's kept tool wins
    ]
    assert found[0].headline == "Currents ended on 2023-07-05"
    assert found[1].advice == "plan its exit by 2027-03-05, towards Microsoft Teams"
