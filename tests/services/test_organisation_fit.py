"""The organisation in the ranking, through the services on a real workspace: what a
contract already pays and what the audience would cost at its price, a plan without
audiences ranked as before (no reach criterion), reach of a frontline audience, and the
inventory's audience gaps."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.bootstrap import Planner
from planner.domain.plan import Tool, ToolStatus
from planner.domain.scoring import DEFAULT_WEIGHTS, Criterion
from planner.services.audiences import add_audience
from planner.services.contracts import add_contract
from planner.services.inventory import inventory_report, set_need
from planner.services.plans import create_plan, update_plan
from planner.services.ranking import rank_candidates
from planner.services.tools import save_tools

START = dt.date(2027, 1, 4)
TODAY = dt.date(2026, 12, 6)


@pytest.fixture
def plan(planner: Planner) -> str:
    """A 3,000-person company with no suite licensed, Jive official under contract."""
    ws = planner.workspace
    create_plan(ws, "acme", START)
    update_plan(ws, "acme", employees=3000)
    save_tools(ws, "acme", [Tool("jive", "Jive", "jive", status=ToolStatus.OFFICIAL)])
    for capability, weight in (("communities", 4), ("mobile", 3)):
        set_need(ws, planner.catalog, "acme", capability, weight)
    return "acme"


def _candidate(planner: Planner, plan: str, product: str) -> object:
    ranking = rank_candidates(planner.workspace, planner.catalog, plan, TODAY)
    return next(c for c in ranking.candidates if c.product == product)


def test_a_contract_is_what_the_organisation_pays_and_prices_the_audience(
    planner: Planner, plan: str
) -> None:
    add_contract(
        planner.workspace,
        planner.catalog,
        plan,
        "jive",
        {
            "seats": 400,
            "annual_cost": "48000.00",
            "currency": "EUR",
            "start": "2026-07-01",
            "end": "2027-06-30",
        },
    )
    add_audience(planner.workspace, plan, "Everyone", {"people": 3000})
    ranking = rank_candidates(planner.workspace, planner.catalog, plan, TODAY)
    jive = next(c for c in ranking.candidates if c.product == "jive")
    assert jive.breakdown[Criterion.COST] == 0.8
    assert Criterion.COST not in jive.unknown
    assert "already paid: 48,000.00 EUR a year for 400 seats (contract jive)" in jive.facts
    # The price per seat the organisation pays, for everyone it must reach (exact decimals).
    assert "3,000 people at 120.00 EUR a seat would cost 360,000.00 EUR a year" in jive.facts
    # Another product of no suite, with no contract: unknown, and said so.
    jamespot = next(c for c in ranking.candidates if c.product == "jamespot")
    assert jamespot.unknown == (Criterion.COST,)
    assert any(f.startswith("cost unknown: no contract") for f in jamespot.facts)
    # No suite declared nor in use: a suite's product means buying the suite.
    engage = next(c for c in ranking.candidates if c.product == "viva-engage")
    assert engage.breakdown[Criterion.COST] == 0.2
    assert (
        "requires Microsoft 365 licences for the 3,000 people it must reach (no suite "
        "declared: planner plan set --suites)" in engage.facts
    )


def test_without_audiences_reach_is_not_weighed(planner: Planner, plan: str) -> None:
    ranking = rank_candidates(planner.workspace, planner.catalog, plan, TODAY)
    assert set(ranking.weights) == set(DEFAULT_WEIGHTS)
    assert all(Criterion.REACH not in c.breakdown for c in ranking.candidates)
    # With one, reach is a criterion of every candidate, at its default weight.
    add_audience(planner.workspace, plan, "Offices", {"people": 3000})
    ranking = rank_candidates(planner.workspace, planner.catalog, plan, TODAY)
    assert ranking.weights[Criterion.REACH] == 0.15
    assert all(c.breakdown[Criterion.REACH] == 1.0 for c in ranking.candidates if c.eligible)


def test_a_frontline_audience_without_email_is_reached_only_by_some(
    planner: Planner, plan: str
) -> None:
    add_audience(planner.workspace, plan, "Offices", {"people": 2400})
    add_audience(
        planner.workspace, plan, "Plant", {"people": 600, "frontline": True, "email": False}
    )
    ranking = rank_candidates(planner.workspace, planner.catalog, plan, TODAY)
    by_id = {c.product: c for c in ranking.candidates}
    # A product without a mobile app reaches the offices only: 2,400 of 3,000.
    no_app = next(
        c
        for c in ranking.candidates
        if c.eligible and "mobile" not in planner.catalog.products[c.product].capabilities
    )
    assert no_app.breakdown[Criterion.REACH] == pytest.approx(0.8)
    assert any("Plant (600, frontline, no e-mail): not reached — no mobile app" in f
               for f in no_app.facts)  # fmt: skip
    # A suite's product reaches them through the suite's frontline accounts.
    teams = by_id["microsoft-teams"]
    assert teams.breakdown[Criterion.REACH] == 1.0
    assert "reaches Plant (600, frontline, no e-mail) through Microsoft 365 F1 or F3 accounts" in (
        teams.facts
    )
    # The inventory never says "no gaps" of the plant: Jive, in use, has a mobile app but
    # no documented sign-in without e-mail.
    report = inventory_report(planner.workspace, planner.catalog, plan, TODAY)
    assert report.reach_gaps == [
        "Plant (600 people: frontline, no e-mail): not known to be reached — Jive: the "
        "catalog does not say whether it signs in without a corporate e-mail"
    ]
    # With Jive banned, nothing in use reaches them: what is needed is said.
    save_tools(planner.workspace, plan, [Tool("jive", "Jive", "jive", status=ToolStatus.BANNED)])
    report = inventory_report(planner.workspace, planner.catalog, plan, TODAY)
    assert report.reach_gaps == [
        "Plant (600 people: frontline, no e-mail): no tool in use reaches them — a "
        "mobile-first product that signs in without a corporate e-mail is needed"
    ]
