"""Coverage, overlaps, gaps and risk flags as pure rules, on hand-made products."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from planner.domain import catalog_schema
from planner.domain.catalog import Capability, Catalog, Product
from planner.domain.inventory import (
    Rating,
    VendorReview,
    coverage,
    gaps,
    overlaps,
    risk_flags,
    vendor_progress,
)
from planner.domain.plan import Plan, Tool, ToolStatus


def _product(
    pid: str,
    caps: list[str],
    *,
    category: str = "internal",
    status: str = "active",
    sso: list[str] | None = None,
    residency: list[str] | None = None,
    successor: str | None = None,
    end: str | None = None,
) -> Product:
    data: dict[str, object] = {
        "id": pid,
        "name": pid.title(),
        "vendor": "V",
        "category": category,
        "summary": "s",
        "capabilities": caps,
        "security": {"sso": sso if sso is not None else ["saml"]},
        "strategy": {
            "status": status,
            "owner": "Owner Inc",
            "successor": successor,
            "end_of_support": end,
            "history": [{"year": 2023, "date": "2023-02-13", "event": "e"}],
        },
    }
    if residency is not None:
        data["security"] = {
            "sso": sso if sso is not None else ["saml"],
            "data_residency": residency,
        }
    return catalog_schema.product(data)


CAPS = [
    Capability(id=c, name=c, description=c)
    for c in ("wiki", "microblogging", "crm-integration", "link-sharing")
]
CATALOG = Catalog(
    CAPS,
    [
        _product("alpha", ["wiki", "microblogging"]),
        _product("beta", ["microblogging", "link-sharing"], sso=[], residency=["us"]),
        _product("old", ["wiki"], status="retired", successor="alpha", end="2026-05-31"),
        _product("gone", ["wiki"], status="retired"),
        _product("social", ["link-sharing"], category="public", sso=[]),
    ],
)
PLAN = Plan("p", dt.date(2027, 1, 4))


def _tool(
    slug: str, users: int = 10, status: ToolStatus = ToolStatus.OFFICIAL, **kw: object
) -> Tool:
    return Tool(
        slug,
        slug.title(),
        kw.pop("product", slug),
        status=status,  # type: ignore[arg-type]
        survey_users=users,
        **kw,
    )  # type: ignore[arg-type]


def test_coverage_overlaps_and_gaps() -> None:
    sharing = ("internal-sharing",)
    tools = [
        _tool("alpha", 30, purposes=sharing),
        _tool("beta", 40, ToolStatus.UNOFFICIAL, purposes=sharing, departments=("R&D",)),
        _tool("social", 99, purposes=sharing),
        _tool("banned", 5, ToolStatus.BANNED, product="alpha", purposes=sharing),
    ]
    cover = coverage(tools, CATALOG)
    assert [t.slug for t in cover["microblogging"]] == ["alpha", "beta"]
    assert cover["crm-integration"] == []
    found = overlaps(cover, CATALOG, tools)
    # Alpha (whole company) and Beta (R&D) share a purpose and an audience; the public
    # network is never compared with them, and the banned tool does not count.
    assert [(o.purpose, o.audience, o.tools, o.keep) for o in found] == [
        ("internal-sharing", "R&D", (("Beta", 40), ("Alpha", 30)), "Alpha")
    ]
    assert found[0].why == (
        "Alpha is official, with 30 users; bring the others' people and content onto it"
    )
    assert found[0].capabilities == ("microblogging",)
    # Same purpose, different departments: two audiences, nothing to consolidate.
    apart = [
        _tool("alpha", 30, purposes=sharing, departments=("Sales",)),
        _tool("beta", 40, purposes=sharing, departments=("R&D",)),
    ]
    assert overlaps(coverage(apart, CATALOG), CATALOG, apart) == []
    # Two public networks with the same purpose are where the audience is: no overlap.
    public = [_tool("social", 99, purposes=sharing), _tool("social2", 5, purposes=sharing)]
    assert overlaps(coverage(public, CATALOG), CATALOG, public) == []
    assert gaps({"crm-integration": 4, "wiki": 3}, cover) == ["crm-integration"]


def test_custom_tools_bring_their_own_capabilities() -> None:
    tool = Tool("box", "Ideas Box", None, capabilities=("crm-integration",))
    assert [t.slug for t in coverage([tool], CATALOG)["crm-integration"]] == ["box"]


def test_flags_explain_themselves() -> None:
    plan = Plan("p", dt.date(2027, 1, 4), eu_residency_required=True)
    tools = [
        _tool("beta"),
        _tool("old"),
        _tool("gone"),
        _tool("social"),
        _tool("alpha", 80, ToolStatus.UNOFFICIAL),
    ]
    flags = {
        (f.tool, f.kind): f.message
        for f in risk_flags(tools, CATALOG, plan, {}, today=dt.date(2026, 1, 1))
    }
    assert flags[("beta", "no-sso")] == "Beta: no single sign-on documented"
    assert (
        flags[("beta", "no-eu-residency")] == "Beta: EU data residency required, offered only in us"
    )
    assert (
        flags[("alpha", "no-eu-residency")] == "Alpha: EU data residency required, not documented"
    )
    assert flags[("old", "successor")] == "Old: retired — migrate to Alpha before 2026-05-31"
    assert (
        flags[("gone", "vendor-retired")]
        == "Gone: retired by Owner Inc (retired 2023-02-13) — plan an exit"
    )
    assert flags[("alpha", "shadow-it")].startswith("Alpha: unofficial yet used by 80 people")
    assert ("social", "no-sso") not in flags  # public social media: SSO is not expected
    banned = _tool("beta", 71, ToolStatus.BANNED, last_seen=dt.date(2026, 11, 20))
    flags = {(f.tool, f.kind): f.message for f in risk_flags([banned], CATALOG, plan, {})}
    assert flags[("beta", "banned-in-use")] == (
        "Beta: banned, 71 people last seen 2026-11-20 — enforce the ban or lift it"
    )
    later = risk_flags([_tool("old")], CATALOG, PLAN, {}, today=dt.date(2026, 11, 1))
    assert later[0].message == "Old: retired — migrate to Alpha (support ended 2026-05-31)"


def test_shadow_it_threshold_follows_head_count() -> None:
    tool = _tool("alpha", 30, ToolStatus.UNOFFICIAL)
    small = Plan("p", dt.date(2027, 1, 4), employees=400)  # threshold 8
    big = Plan("p", dt.date(2027, 1, 4), employees=20_000)  # threshold 400
    unknown = Plan("p", dt.date(2027, 1, 4))  # threshold 50
    kinds = {
        name: {f.kind for f in risk_flags([tool], CATALOG, plan, {})}
        for name, plan in (("small", small), ("big", big), ("unknown", unknown))
    }
    assert "shadow-it" in kinds["small"]
    assert "shadow-it" not in kinds["big"] and "shadow-it" not in kinds["unknown"]
    message = next(
        f.message for f in risk_flags([tool], CATALOG, small, {}) if f.kind == "shadow-it"
    )
    assert "30 people (8% of staff), over the threshold of 8" in message


def test_acquisition_weighs_only_while_recent() -> None:
    def bought(on: str, end: str | None = None) -> Product:
        data = asdict(_product("x", ["wiki"], status="acquired"))
        data["strategy"]["acquired_on"] = on
        data["strategy"]["end_of_support"] = end
        return catalog_schema.product(data)

    today = dt.date(2026, 12, 1)
    catalog = Catalog(CAPS, [bought("2016-12-08")])
    assert risk_flags([_tool("x")], catalog, PLAN, {}, today=today) == []  # LinkedIn-like
    catalog = Catalog(CAPS, [bought("2025-08-24")])
    (flag,) = risk_flags([_tool("x")], catalog, PLAN, {}, today=today)
    assert (
        flag.message == "X: recently acquired by Owner Inc (deal of 2025-08-24) — check the roadmap"
    )
    catalog = Catalog(CAPS, [bought("2016-12-08", end="2029-03-28")])  # the owner set an end
    assert [f.kind for f in risk_flags([_tool("x")], catalog, PLAN, {}, today=today)] == [
        "vendor-acquired"
    ]


def test_stale_review_is_flagged() -> None:
    from planner.domain.catalog import VendorStatus

    review = VendorReview("beta", rating=Rating.VIABLE, status_at_review=VendorStatus.ACTIVE)
    assert not review.stale(CATALOG.get("beta"))
    old_review = VendorReview("old", rating=Rating.VIABLE, status_at_review=VendorStatus.ACTIVE)
    flags = risk_flags([_tool("old")], CATALOG, PLAN, {"old": old_review})
    assert any(
        f.kind == "stale-review" and "reviewed as active, catalog now says retired" in f.message
        for f in flags
    )


def test_vendor_progress() -> None:
    reviews = [
        VendorReview("alpha", shortlisted=True, rating=Rating.VIABLE),
        VendorReview("beta", shortlisted=True),
        VendorReview("old", rating=Rating.AVOID),
    ]
    assert vendor_progress(reviews, {"gone"}) == 0.5  # shortlist wins over products in use
    assert vendor_progress([VendorReview("old", rating=Rating.AVOID)], {"old", "gone"}) == 0.5
    assert vendor_progress([], set()) == 0.0
