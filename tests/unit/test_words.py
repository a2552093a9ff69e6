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
        (3, "catalog capability", "3 catalog capabilities"),
        (1, "more change", "1 more change"),
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


def test_no_hand_written_plurals_in_what_people_read() -> None:
    """No string of the program nor line of a template says "tool(s)", "capability(ies)"
    or "match(es)": each count goes through ``counted`` (or ``plural``)."""
    import io
    import re
    import tokenize
    from pathlib import Path

    import planner

    hand_made = re.compile(r"[a-z]\((?:s|es|ies)\)")
    root = Path(planner.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "words.py":  # its docstring names what it replaces
            continue
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        found += [
            f"{path.relative_to(root)}:{t.start[0]}: {t.string[:60]}"
            for t in tokens
            # the text of the literal, without an f-string's code ("name(s) for s in …")
            if t.type == tokenize.STRING and hand_made.search(re.sub(r"\{[^{}]*\}", "", t.string))
        ]
    for path in sorted(root.rglob("*.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if hand_made.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()[:60]}")
    assert not found, "\n".join(found)
