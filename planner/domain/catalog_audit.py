"""The catalog's facts checked for age and sources: what ``planner catalog audit`` lists.

Why this exists: a recommendation rests on vendor facts (who owns a product, whether it
was renamed, retired or recently bought, what it does). Facts rot: a status checked more
than a year ago, or stated without a source, is a finding to fix before a review meeting.
CI runs the audit offline on the shipped catalog, so it stays clean.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from planner.domain.catalog import Catalog, Product, VendorStatus

MAX_AGE_DAYS = 365  # a status checked longer ago than this is stale


@dataclass(frozen=True)
class Finding:
    product: str
    field: str
    message: str


def audit_product(product: Product, catalog: Catalog, today: dt.date) -> list[Finding]:
    found: list[Finding] = []
    strategy = product.strategy
    status = strategy.status.value

    def add(field: str, message: str) -> None:
        found.append(Finding(product.id, field, message))

    if not strategy.source:
        add("strategy.source", f"status '{status}' has no source")
    if strategy.as_of is None:
        add("strategy.as_of", f"status '{status}' has no as_of date")
    elif (today - strategy.as_of).days > MAX_AGE_DAYS:
        add(
            "strategy.as_of",
            f"status '{status}' last checked {strategy.as_of.isoformat()}, over 12 months ago",
        )
    if strategy.status in (VendorStatus.RENAMED,) and not strategy.successor:
        add("strategy.successor", "renamed, but the new product is not named")
    if strategy.successor and catalog.get(strategy.successor) is None:
        add("strategy.successor", f"successor '{strategy.successor}' is not in the catalog")
    if product.capabilities and not product.capabilities_source:
        add("capabilities_source", "capabilities not checked against a named documentation")
    return found


def audit(
    catalog: Catalog, today: dt.date, products: Iterable[Product] | None = None
) -> list[Finding]:
    """Every finding, by product id."""
    return [f for p in (products or catalog) for f in audit_product(p, catalog, today)]


def stale_status_warnings(products: Iterable[Product], today: dt.date) -> list[str]:
    """One line per product whose vendor status is over 12 months old, saying what to
    re-check and where: what a user sees beside the vendors of their plan (the catalog
    audit is for whoever maintains the catalog)."""
    lines = []
    for product in products:
        strategy = product.strategy
        if strategy.as_of is None or (today - strategy.as_of).days <= MAX_AGE_DAYS:
            continue
        where = f" (source: {strategy.source})" if strategy.source else ""
        lines.append(
            f"{product.id}: vendor status '{strategy.status.value}' (owner {strategy.owner}) "
            f"last checked {strategy.as_of.isoformat()}, over 12 months ago: re-check it "
            f"before relying on it{where}"
        )
    return lines
