"""Coverage, overlaps, gaps and risk flags as pure rules, on hand-made products."""

from __future__ import annotations

import datetime as dt

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
    return Product.model_validate(data)


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
    tools = [
        _tool("alpha", 30),
        _tool("beta", 20),
        _tool("social", 99),
        _tool("banned", 5, ToolStatus.BANNED, product="alpha"),
    ]
    cover = coverage(tools, CATALOG)
    assert [t.slug for t in cover["microblogging"]] == ["alpha", "beta"]
    assert cover["crm-integration"] == []
    found = overlaps(cover, CATALOG)
    # microblogging: two internal tools; link-sharing: internal beta vs public social is
    # not an overlap (different audiences); the banned tool does not count.
    assert [(o.capability, o.tools) for o in found] == [
        ("microblogging", (("Alpha", 30), ("Beta", 20)))
    ]
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
    later = risk_flags([_tool("old")], CATALOG, PLAN, {}, today=dt.date(2026, 11, 1))
    assert later[0].message == "Old: retired — migrate to Alpha (support ended 2026-05-31)"


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
