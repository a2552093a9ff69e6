"""Needs suggested from the benefits the organisation targets and the inventory's gaps.

Apart from :mod:`planner.domain.scoring` because it does not score products: it proposes
the capability weights (the plan's needs) that scoring later reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

# Needs suggested from the benefits the organisation targets (shared/domain-digest.md §1:
# the perceived benefits, most cited first) and from the inventory's gaps.
BENEFITS: dict[str, tuple[str, ...]] = {
    "communication": ("activity-stream", "microblogging", "chat", "email-integration"),
    "capitalising-knowledge": ("wiki", "blogs", "forums-qa", "file-sharing", "search"),
    "team-efficiency": ("document-coauthoring", "file-sharing", "events-calendar", "mobile"),
    "creativity": ("ideation", "communities"),
    "problem-solving": ("forums-qa", "expertise-location"),
    "team-management": ("events-calendar", "surveys-polls", "analytics"),
    "decision-support": ("analytics", "surveys-polls"),
}


def suggest_needs(
    benefits: Sequence[str], gaps: Iterable[str], current: Mapping[str, int]
) -> dict[str, int]:
    """Capability weights: 5 for the first benefit's capabilities, 4 for the second, … (at
    least 2), 4 for gaps, never lowering what the plan already says."""
    suggested = dict(current)
    for rank, benefit in enumerate(benefits):
        for capability in BENEFITS[benefit]:
            suggested[capability] = max(suggested.get(capability, 0), max(5 - rank, 2))
    for capability in gaps:
        suggested[capability] = max(suggested.get(capability, 0), 4)
    return dict(sorted(suggested.items()))
