"""Counted words: one helper instead of "host(s)" and "strategy(ies)"."""

from __future__ import annotations

import pytest

from planner.domain.vendor_review import Rating, VendorReview, unreviewed_vendors, vendor_progress
from planner.domain.words import counted


@pytest.mark.parametrize(
    ("n", "word", "expected"),
    [
        (1, "host", "1 host"),
        (2, "host", "2 hosts"),
        (0, "tool", "0 tools"),
        (1, "vendor strategy", "1 vendor strategy"),
        (6, "vendor strategy", "6 vendor strategies"),
        (3, "open high risk", "3 open high risks"),
        (2, "day", "2 days"),
        (1200, "change", "1,200 changes"),
    ],
)
def test_counted(n: int, word: str, expected: str) -> None:
    assert counted(n, word) == expected


def test_the_vendor_count_and_the_percentage_agree() -> None:
    """With a shortlist all reviewed, Inventory says 100% and the dashboard names nothing
    to review (it used to count every product in use: "6 vendor strategy(ies)")."""
    reviews = [
        VendorReview("slack", shortlisted=True, rating=Rating.VIABLE),
        VendorReview("yammer", shortlisted=True, rating=Rating.WATCH),
    ]
    in_use = ["slack", "yammer", "facebook", "trello"]
    assert vendor_progress(reviews, in_use) == 1.0
    assert unreviewed_vendors(reviews, in_use) == set()
    # With no shortlist, the products in use are the ones to review.
    assert unreviewed_vendors([], in_use) == set(in_use)
    assert vendor_progress([], in_use) == 0.0
