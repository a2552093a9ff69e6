"""A ranking told in sentences: why the leader leads, what would change it, what was left out.

Why this exists: a score table convinces nobody in a review meeting. The CLI's
``candidates --explain``, screen 4 and the report all say the same few sentences, built
here from the sub-scores, the sensitivity swap and the exclusions, with no front end in the
way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.domain.scoring import Candidate, Criterion
    from planner.domain.sensitivity import Swap
    from planner.domain.use_cases import UseCase

_LABEL = {
    "capability_fit": "capability fit",
    "security": "security",
    "integration": "integration with the suites in use",
    "cost": "cost",
    "viability": "vendor viability",
    "adoption": "existing adoption",
    "reach": "reach of the plan's audiences",
}


def label(criterion: Criterion) -> str:
    return _LABEL[criterion.value]


def explain(
    case: UseCase,
    candidates: Sequence[Candidate],
    weights: Mapping[Criterion, float],
    swap: Swap | None,
) -> list[str]:
    """Sentences about one use case's ranking, most important first."""
    ranked = [c for c in candidates if c.eligible and c.reason is None]
    out: list[str] = []
    if not ranked:
        out.append(f"No {case.label.lower()} product is left once the hard constraints apply.")
    else:
        leader = ranked[0]
        if len(ranked) == 1:
            out.append(f"{leader.name} is the only {case.label.lower()} product left.")
        else:
            second = ranked[1]
            ahead = sorted(
                leader.breakdown,
                key=lambda c: second.contributions[c] - leader.contributions[c],
            )
            wins = [
                f"{label(c)} ({leader.breakdown[c]:.2f} against {second.breakdown[c]:.2f})"
                for c in ahead[:2]
                if leader.contributions[c] > second.contributions[c] + 1e-9
            ]
            if leader.score - second.score < 0.0005:
                out.append(
                    f"{leader.name} and {second.name} tie at the top of the "
                    f"{case.label.lower()} ranking ({leader.score:.3f}): the facts do not "
                    "separate them; your needs, or the people already on each, will."
                )
            else:
                out.append(
                    f"{leader.name} leads the {case.label.lower()} ranking with "
                    f"{leader.score:.3f}, {leader.score - second.score:.3f} ahead of "
                    f"{second.name}" + (f", mostly on {' and '.join(wins)}." if wins else ".")
                )
            behind = [
                label(c)
                for c in ahead[::-1]
                if second.contributions[c] > leader.contributions[c] + 1e-9
            ][:2]
            if behind:
                out.append(f"{second.name} does better on {' and '.join(behind)}.")
        positive = [f for f in leader.facts if not f.startswith("lacks ")]
        if positive:
            out.append(f"{leader.name}: " + "; ".join(positive) + ".")
        if len(ranked) > 1:
            out.append(_sensitivity(ranked[0], ranked[1], weights, swap))
    unverified = [c.name for c in ranked if c.caveat]
    if unverified:
        out.append(
            "Ranked after the verified ones because their EU data residency is not "
            f"documented: {', '.join(unverified)}."
        )
    for c in candidates:
        if not c.eligible and c.reason:
            out.append(f"Excluded: {c.name} — {c.reason}.")
    return out


def _sensitivity(
    first: Candidate, second: Candidate, weights: Mapping[Criterion, float], swap: Swap | None
) -> str:
    if swap is None:
        return (
            f"No change of a single weight would put {second.name} ahead of {first.name}; "
            "only different facts or needs would."
        )
    return (
        f"{second.name} would tie with {first.name} if the weight of {label(swap.criterion)} "
        f"went from {weights.get(swap.criterion, 0.0):.2f} to {swap.weight:.2f}."
    )
