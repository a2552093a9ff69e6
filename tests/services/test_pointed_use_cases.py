"""Needs that belong to a use case the plan did not choose: a consultant setting up a
customer community's needs (external communities 5, CRM integration 5) under the default
internal network is shown community products too, or told which use case to add."""

from __future__ import annotations

import datetime as dt

from planner.bootstrap import Planner
from planner.domain.use_cases import pointed_use_cases
from planner.services.inventory import set_need
from planner.services.plans import create_plan, update_plan
from planner.services.ranking import rank_candidates

TODAY = dt.date(2026, 12, 6)


def test_heavy_needs_point_to_the_use_case_they_define() -> None:
    needs = {"external-communities": 5, "crm-integration": 5}
    found = pointed_use_cases(needs, ["internal-network"])
    assert [(p.case.id, p.needs) for p in found] == [
        ("customer-community", (("external-communities", 5), ("crm-integration", 5)))
    ]
    # light needs, or needs the chosen use case defines, point nowhere
    assert pointed_use_cases({"crm-integration": 3}, ["internal-network"]) == []
    assert pointed_use_cases({"profiles": 5, "communities": 5}, ["internal-network"]) == []
    assert pointed_use_cases({"crm-integration": 5}, ["customer-community"]) == []


def _community_needs(planner: Planner) -> None:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    for capability in ("external-communities", "crm-integration"):
        set_need(planner.workspace, planner.catalog, "acme", capability, 5)


def test_without_use_cases_the_pointed_one_is_ranked_too(planner: Planner) -> None:
    _community_needs(planner)
    ranking = rank_candidates(planner.workspace, planner.catalog, "acme", TODAY)
    assert [lst.use_case.id for lst in ranking.lists] == ["internal-network", "customer-community"]
    community = ranking.lists[1].candidates[0]
    assert planner.catalog.products[community.product].category.value == "external"
    assert not ranking.use_cases_set and ranking.pointed[0].case.id == "customer-community"


def test_with_use_cases_chosen_the_pointed_one_is_only_named(planner: Planner) -> None:
    _community_needs(planner)
    update_plan(planner.workspace, "acme", use_cases=["internal-network"])
    ranking = rank_candidates(planner.workspace, planner.catalog, "acme", TODAY)
    assert [lst.use_case.id for lst in ranking.lists] == ["internal-network"]
    assert ranking.use_cases_set and ranking.pointed[0].case.id == "customer-community"
