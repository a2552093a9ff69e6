"""Scoring candidate products on the organisation's needs: a pure, documented function.

Each criterion gives the product a sub-score in [0, 1]; the score is the weighted mean of
the sub-scores, so it is in [0, 1] too and each criterion's contribution is
``weight × sub-score / Σ weights``. The sub-scores:

* **capability_fit** — needed capabilities the product has, weighted by need (0–5), over
  all needed weight; 0 when nothing is marked as needed.
* **security** — half single sign-on (any SSO protocol documented), half data residency:
  when the plan requires EU residency, 1 if the EU (or an EU country) is offered, 0.5 if
  the catalog does not say, 0 otherwise; 1 when the plan does not require it.
* **integration** — with what the company already runs: a third each for e-mail
  integration (action e-mails), CRM integration, and belonging to the same vendor as an
  official tool in use (a Microsoft 365 company integrates Viva Engage more easily).
* **cost** — the catalog holds no prices, so a documented proxy: 1 if the product is
  already an official tool (licences and skills exist), 0.6 if it is offered in the cloud
  (subscription, no servers), 0.3 if on-premises only.
* **viability** — from the catalog: active 1, acquired 0.7, declining 0.3, retired 0;
  the plan's vendor review caps it: viable keeps it, watch caps at 0.5, avoid gives 0.
* **adoption** — people already on the product, officially or not: its users over the
  largest user count among candidates (a tool people chose is cheaper to roll out).

Retired products are not eligible (they cannot win); products reviewed "avoid" are ranked
last with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from planner.domain.catalog import Deployment, Product, Region, VendorStatus
from planner.domain.inventory import Rating, VendorReview
from planner.domain.plan import Tool, ToolStatus


class Criterion(StrEnum):
    CAPABILITY_FIT = "capability_fit"
    SECURITY = "security"
    INTEGRATION = "integration"
    COST = "cost"
    VIABILITY = "viability"
    ADOPTION = "adoption"


DEFAULT_WEIGHTS: dict[Criterion, float] = {
    Criterion.CAPABILITY_FIT: 0.30,
    Criterion.SECURITY: 0.20,
    Criterion.INTEGRATION: 0.15,
    Criterion.COST: 0.10,
    Criterion.VIABILITY: 0.15,
    Criterion.ADOPTION: 0.10,
}

_VIABILITY = {
    VendorStatus.ACTIVE: 1.0,
    VendorStatus.ACQUIRED: 0.7,
    VendorStatus.DECLINING: 0.3,
    VendorStatus.RETIRED: 0.0,
}
_EU = {Region.EU, Region.FR, Region.DE}


@dataclass(frozen=True)
class Context:
    """What scoring needs to know about the plan."""

    needs: Mapping[str, int]
    eu_required: bool
    tools: Sequence[Tool]
    reviews: Mapping[str, VendorReview]

    def users_of(self, product_id: str) -> int:
        return sum(t.users for t in self.tools if t.product == product_id)

    def official_owners(self, products: Mapping[str, Product]) -> set[str]:
        return {
            products[t.product].strategy.owner
            for t in self.tools
            if t.status is ToolStatus.OFFICIAL and t.product and t.product in products
        }


@dataclass(frozen=True)
class Candidate:
    product: str
    name: str
    score: float
    breakdown: dict[Criterion, float]  # sub-scores in [0, 1]
    contributions: dict[Criterion, float]  # weight × sub-score / Σ weights
    eligible: bool
    reason: str | None = None  # why it is not eligible or ranked last


def sub_scores(
    product: Product, ctx: Context, official_owners: set[str], max_users: int
) -> dict[Criterion, float]:
    caps = set(product.capabilities)
    needed = sum(w for w in ctx.needs.values() if w > 0)
    fit = sum(w for c, w in ctx.needs.items() if w > 0 and c in caps) / needed if needed else 0.0
    residency = product.security.data_residency
    if not ctx.eu_required:
        resident = 1.0
    elif residency is None:
        resident = 0.5
    else:
        resident = 1.0 if _EU & set(residency) else 0.0
    security = 0.5 * bool(product.security.sso) + 0.5 * resident
    integration = (
        ("email-integration" in caps)
        + ("crm-integration" in caps)
        + (product.strategy.owner in official_owners)
    ) / 3
    official = any(t.product == product.id and t.status is ToolStatus.OFFICIAL for t in ctx.tools)
    if official:
        cost = 1.0
    elif Deployment.CLOUD in product.deployment:
        cost = 0.6
    else:
        cost = 0.3
    viability = _VIABILITY[product.strategy.status]
    review = ctx.reviews.get(product.id)
    if review is not None and review.rating is Rating.WATCH:
        viability = min(viability, 0.5)
    elif review is not None and review.rating is Rating.AVOID:
        viability = 0.0
    adoption = ctx.users_of(product.id) / max_users if max_users else 0.0
    return {
        Criterion.CAPABILITY_FIT: fit,
        Criterion.SECURITY: security,
        Criterion.INTEGRATION: integration,
        Criterion.COST: cost,
        Criterion.VIABILITY: viability,
        Criterion.ADOPTION: adoption,
    }


def weighted(
    sub: Mapping[Criterion, float], weights: Mapping[Criterion, float]
) -> tuple[float, dict[Criterion, float]]:
    total = sum(max(w, 0.0) for w in weights.values())
    if total <= 0:
        return 0.0, {c: 0.0 for c in sub}
    contributions = {c: max(weights.get(c, 0.0), 0.0) * s / total for c, s in sub.items()}
    return sum(contributions.values()), contributions


def score_candidates(
    products: Iterable[Product], ctx: Context, weights: Mapping[Criterion, float] | None = None
) -> list[Candidate]:
    """Every product scored and ranked: eligible first by score, then "avoid", then retired."""
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    products = list(products)
    by_id = {p.id: p for p in products}
    owners = ctx.official_owners(by_id)
    max_users = max((ctx.users_of(p.id) for p in products), default=0)
    candidates = []
    for product in products:
        sub = sub_scores(product, ctx, owners, max_users)
        score, contributions = weighted(sub, weights)
        review = ctx.reviews.get(product.id)
        eligible, reason = True, None
        if product.strategy.status is VendorStatus.RETIRED:
            eligible = False
            reason = "retired" + (
                f": succeeded by {product.strategy.successor}" if product.strategy.successor else ""
            )
        elif review is not None and review.rating is Rating.AVOID:
            reason = "vendor review: avoid" + (f" ({review.note})" if review.note else "")
        candidates.append(
            Candidate(
                product.id,
                product.name,
                round(score, 4),
                {c: round(v, 4) for c, v in sub.items()},
                {c: round(v, 4) for c, v in contributions.items()},
                eligible,
                reason,
            )
        )
    return sorted(
        candidates, key=lambda c: (not c.eligible, c.reason is not None, -c.score, c.product)
    )


def excluded(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The products left out of the ranking, each with its reason: retired products (not
    eligible) and products the plan's vendor review says to avoid (ranked last)."""
    return [c for c in candidates if not c.eligible or c.reason is not None]


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
