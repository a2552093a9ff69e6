"""How close a ranking's top two are: the smallest one-weight change that swaps them.

Apart from :mod:`planner.domain.scoring` because it does not score anything: it reads two
scored candidates' sub-scores and the weights, and answers a question about the ranking
(its robustness), which the explanations and the reports quote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from planner.domain.scoring import Candidate, Criterion


@dataclass(frozen=True)
class Swap:
    criterion: Criterion
    weight: float  # the weight that makes the top two tie
    change: float  # new weight - current weight


def sensitivity(
    first: Candidate, second: Candidate, weights: Mapping[Criterion, float]
) -> Swap | None:
    """The smallest change of one weight that makes ``second`` catch up with ``first``.

    With D(w) = Σ w_j (a_j − b_j) / Σ w_j the score gap, changing w_i by δ gives a tie when
    Σ w_j (a_j − b_j) + δ (a_i − b_i) = 0. Only non-negative resulting weights count.
    """
    gap = sum(
        weights.get(c, 0.0) * (first.breakdown[c] - second.breakdown[c]) for c in first.breakdown
    )
    best: Swap | None = None
    for criterion in first.breakdown:
        diff = first.breakdown[criterion] - second.breakdown[criterion]
        if abs(diff) < 1e-12:
            continue
        delta = -gap / diff
        new = weights.get(criterion, 0.0) + delta
        if new < 0:
            continue
        if best is None or abs(delta) < abs(best.change):
            best = Swap(criterion, round(new, 4), round(delta, 4))
    return best
