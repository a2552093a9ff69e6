"""Candidate scoring and sensitivity as pure functions, with hand-checked numbers."""

from __future__ import annotations

import pytest

from planner.domain import catalog_schema
from planner.domain.benefits import suggest_needs
from planner.domain.catalog import Deployment, Product
from planner.domain.inventory import Rating, VendorReview
from planner.domain.plan import Tool, ToolStatus
from planner.domain.scoring import (
    DEFAULT_WEIGHTS,
    Candidate,
    Context,
    Criterion,
    excluded,
    score_candidates,
    weighted,
)
from planner.domain.sensitivity import sensitivity

C = Criterion


def _product(
    pid: str,
    caps: list[str],
    status: str = "active",
    owner: str = "Acme",
    deployment: tuple[str, ...] = ("cloud",),
    residency: list[str] | None = None,
) -> Product:
    security: dict[str, object] = {"sso": ["saml"]}
    if residency is not None:
        security["data_residency"] = residency
    return catalog_schema.product(
        {
            "id": pid,
            "name": pid.title(),
            "vendor": "V",
            "category": "internal",
            "summary": "s",
            "capabilities": caps,
            "deployment": list(deployment),
            "security": security,
            "strategy": {"status": status, "owner": owner},
        }
    )


def test_hand_checked_score() -> None:
    alpha = _product("alpha", ["wiki", "email-integration"])
    big = _product("big", [], owner="Other")
    ctx = Context(
        needs={"wiki": 3, "crm-integration": 1},
        eu_required=False,
        tools=[
            Tool("alpha", "Alpha", "alpha", survey_users=50),
            Tool("big", "Big", "big", survey_users=100),
        ],
        reviews={},
    )
    ranked = {c.product: c for c in score_candidates([alpha, big], ctx)}
    a = ranked["alpha"]
    # Needs: wiki 3, crm 1, and the internal network's four defining capabilities at 3.
    assert a.breakdown == {
        C.CAPABILITY_FIT: pytest.approx(3 / 16, abs=1e-4),
        C.SECURITY: 1.0,
        C.INTEGRATION: 0.25,  # e-mail integration, no suite in use
        C.COST: 0.5,  # a new cloud subscription at a price nobody knows: halfway
        C.VIABILITY: 1.0,
        C.ADOPTION: 0.5,
    }
    # Said as unknown, never as a price.
    assert a.unknown == (C.COST,)
    assert "cost unknown: no contract and no published price in the catalog" in " ".join(a.facts)
    # 0.3·0.1875 + 0.2·1 + 0.15·0.25 + 0.1·0.5 + 0.15·1 + 0.1·0.5 = 0.54375
    assert a.score == pytest.approx(0.54375, abs=1e-4)
    assert sum(a.contributions.values()) == pytest.approx(a.score, abs=1e-3)
    assert 0 <= ranked["big"].score <= 1


def test_security_and_cost_rules() -> None:
    eu = _product("eu", [], residency=["eu"])
    eu_servers = _product("servers", [], residency=["fr"], deployment=("on-premises",))
    us = _product("us", [], residency=["us"])
    unknown = _product("unknown", [])
    ctx = Context(
        needs={},
        eu_required=True,
        reviews={},
        tools=[Tool("eu", "Eu", "eu", status=ToolStatus.OFFICIAL)],
    )
    ranked = score_candidates([eu, eu_servers, us, unknown], ctx)
    by_id = {c.product: c for c in ranked}
    assert by_id["eu"].breakdown[C.SECURITY] == 1.0
    assert by_id["unknown"].breakdown[C.SECURITY] == 0.75  # residency not documented
    assert by_id["unknown"].caveat == "EU data residency unverified (not documented)"
    assert by_id["eu"].breakdown[C.COST] == 0.6  # licensed on its own already
    assert by_id["servers"].breakdown[C.COST] == 0.2  # on-premises only
    # No EU residency when it is required is a hard constraint, not a low sub-score.
    assert not by_id["us"].eligible and by_id["us"].reason == "no EU data residency (offered: us)"
    # Unverified residency ranks after every verified product, whatever its score.
    assert [c.product for c in ranked][-2:] == ["unknown", "us"]


def test_hard_constraints_exclude_with_reasons() -> None:
    best_but_retired = _product("old", ["wiki"], status="retired")
    avoided = _product("avoided", ["wiki"])
    servers = _product("servers", ["wiki"], deployment=("on-premises",))
    plain = _product("plain", [])
    ctx = Context(
        needs={"wiki": 5},
        eu_required=False,
        tools=[],
        reviews={"avoided": VendorReview("avoided", rating=Rating.AVOID, note="bad roadmap")},
        excluded_deployments=(Deployment.ON_PREMISES,),
    )
    ranked = score_candidates([best_but_retired, avoided, servers, plain], ctx)
    assert ranked[0].product == "plain"
    # What the review pack lists as left out of the ranking, with the reasons.
    assert [(c.product, c.reason) for c in excluded(ranked)] == [
        ("avoided", "vendor review: avoid (bad roadmap)"),
        ("old", "retired"),
        ("servers", "deployment excluded by the plan (on-premises)"),
    ]


def _candidate(name: str, **sub: float) -> Candidate:
    breakdown = {c: sub.get(c.value, 0.0) for c in Criterion}
    return Candidate(name, name, 0.0, breakdown, {}, True)


def test_sensitivity_finds_the_smallest_single_weight_change() -> None:
    weights = {
        **dict.fromkeys(Criterion, 0.0),
        C.CAPABILITY_FIT: 0.3,
        C.SECURITY: 0.2,
        C.ADOPTION: 0.1,
    }
    a = _candidate("a", capability_fit=1.0, security=0.5)
    b = _candidate("b", adoption=0.5, security=1.0)
    # gap = 0.3·1 + 0.2·(−0.5) + 0.1·(−0.5) = 0.15 → fit −0.15, security +0.3, adoption +0.3
    swap = sensitivity(a, b, weights)
    assert swap is not None
    assert (swap.criterion, swap.weight, swap.change) == (C.CAPABILITY_FIT, 0.15, -0.15)
    changed = {**weights, swap.criterion: swap.weight}
    assert weighted(a.breakdown, changed)[0] == pytest.approx(weighted(b.breakdown, changed)[0])


def test_sensitivity_ignores_negative_weights_and_equal_candidates() -> None:
    a = _candidate("a", capability_fit=1.0)
    b = _candidate("b", capability_fit=0.5)
    weights = dict(DEFAULT_WEIGHTS)
    # only capability_fit differs: the tie needs weight 0 for it, which is allowed (≥ 0)
    swap = sensitivity(a, b, weights)
    assert swap is not None and swap.weight == 0.0
    assert sensitivity(a, a, weights) is None


def test_suggest_needs_from_benefits_and_gaps() -> None:
    suggested = suggest_needs(
        ["problem-solving", "communication"],
        ["crm-integration"],
        {"expertise-location": 2, "wiki": 5},
    )
    assert suggested["expertise-location"] == 5  # first benefit
    assert suggested["forums-qa"] == 5
    assert suggested["chat"] == 4  # second benefit
    assert suggested["crm-integration"] == 4  # a gap
    assert suggested["wiki"] == 5  # never lowered
