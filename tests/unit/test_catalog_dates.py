"""Scoring, risk flags, overlaps and alternatives read the catalog's dates and suites: an
acquisition weighs while recent and is *unknown* when undated; a product earns suite
credit from its own suite; products of a suite the organisation runs complement it."""

from __future__ import annotations

import datetime as dt

from planner.domain import catalog_schema, scoring
from planner.domain.alternatives import alternatives
from planner.domain.catalog import (
    AcquisitionEffect,
    Capability,
    Catalog,
    Category,
    Product,
    acquisition_effect,
)
from planner.domain.inventory import overlaps, risk_flags
from planner.domain.plan import Plan, Tool, ToolStatus
from planner.domain.use_cases import USE_CASES

TODAY = dt.date(2026, 12, 6)
CAPS = [Capability(id=c, name=c, description=c) for c in ("wiki", "chat", "communities")]
PLAN = Plan("p", dt.date(2027, 1, 4))
OFFICIAL, UNOFFICIAL = ToolStatus.OFFICIAL, ToolStatus.UNOFFICIAL


def _product(pid: str, **strategy: object) -> Product:
    suite = strategy.pop("suite", None)
    included = strategy.pop("included_in", ())
    return catalog_schema.product(
        {
            "id": pid,
            "name": pid.title(),
            "vendor": "V",
            "category": "internal",
            "summary": "s",
            "capabilities": ["wiki", "chat", "communities"],
            "capabilities_source": "docs",
            "security": {"sso": ["saml"]},
            "suite": suite,
            "included_in": included,
            "strategy": {"status": "active", "owner": "Owner Inc", **strategy},
        }
    )


def test_an_acquisition_follows_its_date_and_is_unknown_undated() -> None:
    def effect(**strategy: object) -> AcquisitionEffect:
        return acquisition_effect(_product("x", status="acquired", **strategy), TODAY)

    assert effect(acquired_on="2016-12-08") is AcquisitionEffect.NONE  # settled long ago
    assert effect(acquired_on="2025-03-28") is AcquisitionEffect.RECENT
    assert effect(announced_on="2025-08-24") is AcquisitionEffect.RECENT  # close not dated
    assert effect(acquired_on="2016-12-08", end_of_support="2029-03-28") is (
        AcquisitionEffect.ENDING
    )
    assert effect() is AcquisitionEffect.UNKNOWN
    assert acquisition_effect(_product("y"), TODAY) is AcquisitionEffect.NONE


def test_an_undated_acquisition_is_explained_as_unknown_not_recent() -> None:
    catalog = Catalog(
        CAPS,
        [
            _product("undated", status="acquired"),
            _product("recent", status="acquired", acquired_on="2025-03-28"),
            _product("settled", status="acquired", acquired_on="2016-12-08"),
        ],
    )
    ctx = scoring.Context(needs={"wiki": 3}, eu_required=False, tools=[], reviews={}, today=TODAY)
    case = USE_CASES["internal-network"]
    viability = {}
    for product in catalog:
        sub, facts = scoring.sub_scores(product, ctx, case, catalog.products, 0)
        viability[product.id] = sub[scoring.Criterion.VIABILITY]
        if product.id == "undated":
            assert "acquired by Owner Inc, date unknown" in " ".join(facts)
            assert not any("recently" in f for f in facts)
        if product.id == "recent":
            assert "recently acquired by Owner Inc (deal of 2025-03-28)" in facts
    assert viability == {"undated": 0.85, "recent": 0.7, "settled": 1.0}
    flags = {
        f.tool: f.message
        for f in risk_flags(
            [Tool(p.id, p.name, p.id, status=OFFICIAL, survey_users=5) for p in catalog],
            catalog,
            PLAN,
            {},
            today=TODAY,
        )
        if f.kind == "vendor-acquired"
    }
    assert flags == {
        "undated": "Undated: acquired by Owner Inc, date unknown — check the roadmap",
        "recent": "Recent: recently acquired by Owner Inc (deal of 2025-03-28) — check the roadmap",
    }


def test_suite_credit_comes_from_the_products_own_suite() -> None:
    """Included in the licence of a suite the organisation runs: its suite. Integrating
    with it is worth less; a product earns nothing from itself."""
    catalog = Catalog(
        CAPS,
        [
            _product("sites", suite="microsoft-365"),
            _product("loop", included_in=("microsoft-365",)),
            _product("other", suite="google-workspace"),
        ],
    )
    tools = [Tool("sites", "Sites", "sites", status=OFFICIAL, survey_users=100)]
    ctx = scoring.Context(
        needs={"wiki": 3}, eu_required=False, tools=tools, reviews={}, today=TODAY
    )
    case = USE_CASES["internal-network"]

    def integration(pid: str) -> float:
        product = catalog.products[pid]
        sub, _ = scoring.sub_scores(product, ctx, case, catalog.products, 100)
        return sub[scoring.Criterion.INTEGRATION]

    assert integration("loop") == 1.0
    assert integration("other") < 1.0
    assert integration("sites") < 1.0  # no credit from itself


def test_products_of_a_suite_the_organisation_runs_complement_it() -> None:
    catalog = Catalog(
        CAPS,
        [
            _product("sites", suite="microsoft-365"),
            _product("loop", included_in=("microsoft-365",)),
            _product("rival", suite="google-workspace"),
        ],
    )
    purposes = ("knowledge-management",)

    def tool(pid: str, status: ToolStatus) -> Tool:
        return Tool(pid, pid.title(), pid, Category.INTERNAL, status, purposes, survey_users=50)

    official, loop, rival = (
        tool("sites", OFFICIAL),
        tool("loop", UNOFFICIAL),
        tool("rival", UNOFFICIAL),
    )
    # overlaps: Loop complements the official suite product; the rival overlaps with it
    found = overlaps({}, catalog, [official, loop, rival])
    assert [sorted(n for n, _ in o.tools) for o in found] == [["Rival", "Sites"]]
    # alternatives: Loop is to be made official, the rival is replaced by the suite's tool
    offers = alternatives([official, loop, rival], catalog, [])
    assert (offers["loop"].offer, offers["loop"].official) == ("Loop", False)
    assert offers["loop"].why.startswith("a complement, not a substitute: part of Microsoft 365")
    assert (offers["rival"].offer, offers["rival"].official) == ("Sites", True)
