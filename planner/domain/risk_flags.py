"""Phase 2a's risk flags: what makes a tool in use a risk — no single sign-on, data outside
the EU when the plan requires it, a vendor retired, declining or acquired, shadow IT, a ban
not enforced, a review the catalog has since contradicted.

Each flag explains itself in one line, for the report, the screen and the plan file; the
rules read one tool with its catalog product and the plan's review of its vendor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.domain.catalog import (
    AcquisitionEffect,
    Catalog,
    Category,
    Product,
    Region,
    VendorStatus,
    acquisition_effect,
)
from planner.domain.plan import Plan, Tool, ToolStatus
from planner.domain.vendor_review import VendorReview

__all__ = ["Flag", "risk_flags", "tool_flags"]


@dataclass(frozen=True)
class Flag:
    tool: str  # tool slug
    kind: str  # no-sso | no-eu-residency | vendor-retired | vendor-declining |
    # vendor-acquired | successor | renamed | shadow-it | banned-in-use | stale-review
    message: str

    @property
    def severity(self) -> str:
        high = {"vendor-retired", "successor", "shadow-it", "banned-in-use"}
        return "high" if self.kind in high else "medium"


# An acquisition flags a tool while it weighs, or when the catalog cannot date it.
_WEIGHS = (AcquisitionEffect.RECENT, AcquisitionEffect.ENDING, AcquisitionEffect.UNKNOWN)


def _retirement(product: Product, today: dt.date | None) -> str:
    """' before <end of support>', ' (support ended <date>)' or ' (retired <date>)'."""
    if product.strategy.retired_on:
        return f" (retired {product.strategy.retired_on.isoformat()})"
    end = product.strategy.end_of_support
    if end:
        return (
            f" (support ended {end.isoformat()})"
            if today and end < today
            else f" before {end.isoformat()}"
        )
    dated = [h.date for h in product.strategy.history if h.date]
    return f" (retired {dated[-1].isoformat()})" if dated else ""


def tool_flags(
    tool: Tool,
    product: Product | None,
    plan: Plan,
    catalog: Catalog,
    review: VendorReview | None = None,
    today: dt.date | None = None,
) -> list[Flag]:
    """The risk flags of one tool, each a one-line explanation."""
    flags: list[Flag] = []
    name = tool.name
    if tool.status is ToolStatus.BANNED and tool.users:
        seen = f" last seen {tool.last_seen.isoformat()}" if tool.last_seen else ""
        flags.append(
            Flag(
                tool.slug,
                "banned-in-use",
                f"{name}: banned, {tool.users} people{seen} — enforce the ban or lift it",
            )
        )
    threshold = plan.shadow_it_users
    if tool.status is ToolStatus.UNOFFICIAL and tool.users > threshold:
        share = f" ({tool.users / plan.employees:.0%} of staff)" if plan.employees else ""
        flags.append(
            Flag(
                tool.slug,
                "shadow-it",
                f"{name}: unofficial yet used by {tool.users} people{share}, over the "
                f"threshold of {threshold} — shadow IT to bring under control (classify "
                "it, or offer an official tool)",
            )
        )
    if product is None:
        return flags
    strategy = product.strategy
    if product.category is not Category.PUBLIC and not product.security.sso:
        flags.append(Flag(tool.slug, "no-sso", f"{name}: no single sign-on documented"))
    residency = product.security.data_residency
    if plan.eu_residency_required and product.category is not Category.PUBLIC:
        if residency is None:
            flags.append(
                Flag(
                    tool.slug,
                    "no-eu-residency",
                    f"{name}: EU data residency required, not documented",
                )
            )
        elif (checked := product.security.checked) is not None and not checked.primary:
            flags.append(
                Flag(tool.slug, "no-eu-residency", f"{name}: EU data residency not verified")
            )
        elif not {Region.EU, Region.FR, Region.DE} & set(residency):
            flags.append(
                Flag(
                    tool.slug,
                    "no-eu-residency",
                    f"{name}: EU data residency required, offered only in "
                    f"{', '.join(r.value for r in residency)}",
                )
            )
    if strategy.status is VendorStatus.RENAMED:
        successor = catalog.get(strategy.successor) if strategy.successor else None
        flags.append(
            Flag(
                tool.slug,
                "renamed",
                f"{name}: renamed {successor.name if successor else strategy.successor} — "
                "the same service under its new name; count it there",
            )
        )
    elif strategy.status is VendorStatus.RETIRED:
        when = _retirement(product, today)
        successor = catalog.get(strategy.successor) if strategy.successor else None
        if successor is not None:
            flags.append(
                Flag(tool.slug, "successor", f"{name}: retired — migrate to {successor.name}{when}")
            )
        else:
            flags.append(
                Flag(
                    tool.slug,
                    "vendor-retired",
                    f"{name}: retired by {strategy.owner}{when} — plan an exit",
                )
            )
    elif strategy.status is VendorStatus.DECLINING:
        flags.append(
            Flag(
                tool.slug,
                "vendor-declining",
                f"{name}: declining at {strategy.owner} — avoid new investment",
            )
        )
    elif (effect := acquisition_effect(product, today or dt.date.today())) in _WEIGHS:
        deal = strategy.acquired_on or strategy.announced_on
        if effect is AcquisitionEffect.ENDING and strategy.end_of_support:
            what = f"acquired by {strategy.owner}, end announced for {strategy.end_of_support}"
        elif deal is None:  # AcquisitionEffect.UNKNOWN: said so, not "recently"
            what = f"acquired by {strategy.owner}, date unknown"
        else:
            what = f"recently acquired by {strategy.owner} (deal of {deal.isoformat()})"
        flags.append(Flag(tool.slug, "vendor-acquired", f"{name}: {what} — check the roadmap"))
    if review is not None and review.stale(product):
        assert review.status_at_review is not None
        flags.append(
            Flag(
                tool.slug,
                "stale-review",
                f"{name}: vendor review stale — reviewed as "
                f"{review.status_at_review.value}, catalog now says "
                f"{strategy.status.value}",
            )
        )
    return flags


def risk_flags(
    tools: Sequence[Tool],
    catalog: Catalog,
    plan: Plan,
    reviews: Mapping[str, VendorReview],
    today: dt.date | None = None,
) -> list[Flag]:
    flags = []
    for tool in tools:
        if tool.status is ToolStatus.BANNED:  # the ban and the review, not the product's risks
            product = catalog.get(tool.product) if tool.product else None
            review = reviews.get(tool.product) if tool.product else None
            flags += [
                f
                for f in tool_flags(tool, product, plan, catalog, review, today)
                if f.kind in ("banned-in-use", "stale-review")
            ]
            continue
        product = catalog.get(tool.product) if tool.product else None
        flags += tool_flags(
            tool, product, plan, catalog, reviews.get(tool.product) if tool.product else None, today
        )
    return flags
