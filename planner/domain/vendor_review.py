"""Phase 2b: the plan's own view of each vendor — a rating, a shortlist — and how far the
vendor-strategy review has come.

Kept apart from the inventory rules because the review is the plan's judgement, stored and
exported with it, while the inventory is derived from tools and the catalog each time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from planner.domain.records.labels import Shown

if TYPE_CHECKING:  # the command line reads VENDOR_REVIEW_FIELDS at start-up, without pydantic
    from planner.domain.catalog import Product, VendorStatus

__all__ = [
    "VENDOR_REVIEW_FIELDS",
    "Rating",
    "VendorReview",
    "unreviewed_vendors",
    "vendor_progress",
    "vendors_to_review",
]


class Rating(StrEnum):
    VIABLE = "viable"
    WATCH = "watch"
    AVOID = "avoid"


# The review's fields shown to people, in order, with their labels (domain.records.labels);
# the shortlist is a flag of its own (``--shortlist``, ``--unshortlist``), not a field.
VENDOR_REVIEW_FIELDS: dict[str, Shown] = {
    "rating": Shown("Rating", "your view of its strategy", choices=tuple(r.value for r in Rating)),
    "note": Shown("Note", "why (shown with the rating)"),
    "reviewer": Shown("Reviewer", "who reviewed it", placeholder="e.g. CIO"),
}


@dataclass(frozen=True)
class VendorReview:
    """The plan's own view of a vendor, and the catalog status it was made against."""

    product: str
    shortlisted: bool = False
    rating: Rating | None = None
    note: str = ""
    reviewer: str | None = None
    reviewed_on: dt.date | None = None
    status_at_review: VendorStatus | None = None

    @property
    def reviewed(self) -> bool:
        return self.rating is not None

    def stale(self, product: Product | None) -> bool:
        """The catalog changed the vendor's status since the review."""
        return (
            self.reviewed
            and product is not None
            and self.status_at_review is not None
            and self.status_at_review is not product.strategy.status
        )


def vendors_to_review(reviews: Iterable[VendorReview], products_in_use: Iterable[str]) -> set[str]:
    """The products whose vendor strategy the plan must review: the shortlist, or with no
    shortlist the products in use. The dashboard's count and Inventory's percentage both
    come from here (they once disagreed: "6 to review" beside "100% reviewed")."""
    return {r.product for r in reviews if r.shortlisted} or set(products_in_use)


def unreviewed_vendors(reviews: Iterable[VendorReview], products_in_use: Iterable[str]) -> set[str]:
    reviews = list(reviews)
    return vendors_to_review(reviews, products_in_use) - {r.product for r in reviews if r.reviewed}


def vendor_progress(reviews: Iterable[VendorReview], products_in_use: Iterable[str]) -> float:
    """Shortlisted products reviewed / shortlisted; with no shortlist, the products in use."""
    reviews = list(reviews)
    shortlist = vendors_to_review(reviews, products_in_use)
    if not shortlist:
        return 0.0
    return 1 - len(unreviewed_vendors(reviews, products_in_use)) / len(shortlist)
