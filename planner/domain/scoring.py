"""Scoring candidate products on the organisation's needs: a pure, documented function.

Products are ranked **per use case** (``use_cases``), among the products of the category
that serves it, after the hard constraints have excluded what cannot be chosen (each with
its reason). Each remaining criterion gives the product a sub-score in [0, 1]; the score is
the weighted mean of the sub-scores, so it is in [0, 1] too and each criterion's
contribution is ``weight × sub-score / Σ weights``. The sub-scores:

* **capability_fit** — coverage of what is needed: the plan's needs (0–5) plus the use
  case's defining capabilities (at least 3), each counted 1 when native, 0.75 as an add-on,
  0.5 when partial, over all needed weight. Only the needed capabilities count, so a
  longer catalog entry wins nothing.
* **security** — single sign-on documented; when the plan requires EU residency, half SSO
  and half residency (1 documented in the EU, 0.5 "unverified": not documented — such
  products rank after the verified ones whatever their score).
* **integration** — with the suites the organisation licenses (declared in its profile,
  ``plan set --suites``) or runs (inferred from its official tools other than the product
  itself): 1 for a product of that suite (its own ``suite`` or one whose licence includes
  it), 0.75 for a product that integrates with it, else a quarter each for e-mail and CRM
  integration.
* **cost** — from what the organisation pays and licenses (``org_fit.cost_score``), per
  audience weighted by its people: 1 included in a licence it holds whose tier covers
  them, 0.8 already paid by a contract, 0.6 licensed already (an official tool, price not
  recorded), 0.5 unknown (no contract, no published price: shown as unknown), 0.4 its
  suite is licensed but not for them (frontline staff on E3 need F1/F3), 0.2 servers to
  run (on premises only) or a suite the organisation does not license (buying it).
* **reach** — only when the plan declares audiences: the share of their people the
  product can reach (``org_fit.reach_score``; unknown counted halfway and said).
* **viability** — from dated catalog facts: active 1; acquired 0.7 within three years of
  the deal (or 0.3 once the owner announced an end), else 1, and 0.85 when the catalog does
  not date the deal (its effect is unknown, and said so); declining 0.3; the plan's vendor
  review caps it (watch at 0.5).
* **adoption** — people already on the product, officially or not, counting those on a
  product renamed into it ("as Yammer"): its users over the largest count in the list.

How close the top two are lives in ``domain.sensitivity``; the needs suggested from the
benefits targeted, in ``domain.benefits``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from planner.domain.catalog import (
    AcquisitionEffect,
    Deployment,
    Level,
    Product,
    VendorStatus,
    acquisition_effect,
    suites_of,
)
from planner.domain.inventory import Rating, VendorReview
from planner.domain.org_fit import Organisation, cost_score, reach_score
from planner.domain.plan import Tool, ToolStatus
from planner.domain.use_cases import (
    DEFAULT_USE_CASES,
    USE_CASES,
    UseCase,
    eu_residency,
    exclusion,
    needs_for,
    org_suites,
    suite_names,
)


class Criterion(StrEnum):
    CAPABILITY_FIT = "capability_fit"
    SECURITY = "security"
    INTEGRATION = "integration"
    COST = "cost"
    VIABILITY = "viability"
    ADOPTION = "adoption"
    REACH = "reach"  # weighed only when the plan declares audiences


DEFAULT_WEIGHTS: dict[Criterion, float] = {
    Criterion.CAPABILITY_FIT: 0.30,
    Criterion.SECURITY: 0.20,
    Criterion.INTEGRATION: 0.15,
    Criterion.COST: 0.10,
    Criterion.VIABILITY: 0.15,
    Criterion.ADOPTION: 0.10,
}

# Reach's weight when the plan declares audiences and has not set one ('needs --weight').
REACH_WEIGHT = 0.15

_LEVEL = {Level.NATIVE: 1.0, Level.ADD_ON: 0.75, Level.PARTIAL: 0.5}
# An undated acquisition: halfway between a recent deal (0.7) and a settled one (1.0).
_UNDATED = 0.85
_VIABILITY = {
    VendorStatus.ACTIVE: 1.0,
    VendorStatus.ACQUIRED: 0.7,
    VendorStatus.DECLINING: 0.3,
    VendorStatus.RENAMED: 0.0,
    VendorStatus.RETIRED: 0.0,
}


@dataclass(frozen=True)
class Context:
    """What scoring needs to know about the plan."""

    needs: Mapping[str, int]
    eu_required: bool
    tools: Sequence[Tool]
    reviews: Mapping[str, VendorReview]
    use_cases: tuple[str, ...] = DEFAULT_USE_CASES
    excluded_deployments: tuple[Deployment, ...] = ()
    today: dt.date = dt.date(2026, 12, 1)
    # Suites whose platform domains the evidence shows in use (salesforce.com traffic:
    # the Salesforce suite), official or not: integration evidence, never a licence.
    seen_suites: frozenset[str] = frozenset()
    # The organisation's profile: licences, audiences, contracts (domain.org_fit).
    org: Organisation = field(default_factory=Organisation)

    def users_of(self, product_id: str, renamed_into: Mapping[str, str] | None = None) -> int:
        """Users of a product, with those of products renamed into it."""
        ids = {product_id} | {old for old, new in (renamed_into or {}).items() if new == product_id}
        return sum(self.product_users.get(i, 0) for i in ids)

    # What each product's score asks of the plan's tools, gathered in one pass over them:
    # every candidate asked it of all 60,000 tools of a big plan, for every use case.
    @cached_property
    def product_users(self) -> dict[str, int]:
        """Product -> users of its tools in use (banned ones do not count)."""
        users: dict[str, int] = {}
        for t in self.tools:
            if t.product is not None and t.status is not ToolStatus.BANNED:
                users[t.product] = users.get(t.product, 0) + t.users
        return users

    @cached_property
    def official_tools(self) -> tuple[Tool, ...]:
        """The first official tool of each product: what the organisation's suites and a
        product's "already official" come from."""
        first: dict[str, Tool] = {}
        for t in self.tools:
            if t.product and t.status is ToolStatus.OFFICIAL:
                first.setdefault(t.product, t)
        return tuple(first.values())

    @cached_property
    def banned_tools(self) -> tuple[Tool, ...]:
        """The banned tools of a catalog product, in the plan's order."""
        return tuple(t for t in self.tools if t.product and t.status is ToolStatus.BANNED)

    @cached_property
    def banned_by_product(self) -> dict[str, tuple[Tool, ...]]:
        """:attr:`banned_tools` by product, each in the plan's order: every product of
        every use case asks for its own (a large plan bans thousands of tools)."""
        found: dict[str, list[Tool]] = {}
        for t in self.banned_tools:
            found.setdefault(t.product or "", []).append(t)
        return {product: tuple(tools) for product, tools in found.items()}


@dataclass(frozen=True)
class Candidate:
    product: str
    name: str
    score: float
    breakdown: dict[Criterion, float]  # sub-scores in [0, 1]
    contributions: dict[Criterion, float]  # weight × sub-score / Σ weights
    eligible: bool
    reason: str | None = None  # why it is excluded
    caveat: str | None = None  # ranked, with a doubt (EU residency unverified)
    facts: tuple[str, ...] = field(default=(), compare=False)  # sentences for --explain
    # Criteria whose sub-score stands in for a value nobody knows (a cost with no contract
    # and no published price): shown as "unknown", counted as the sub-score says.
    unknown: tuple[Criterion, ...] = field(default=(), compare=False)


class Facts(list[str]):
    """The sentences behind a product's sub-scores, and the criteria whose sub-score
    stands in for a value nobody knows (shown as "unknown", never as the number)."""

    unknown: tuple[Criterion, ...] = ()


def renamed_into(products: Iterable[Product]) -> dict[str, str]:
    """Renamed product id -> its successor's id."""
    return {
        p.id: p.strategy.successor
        for p in products
        if p.strategy.status is VendorStatus.RENAMED and p.strategy.successor
    }


def sub_scores(
    product: Product,
    ctx: Context,
    case: UseCase,
    products: Mapping[str, Product],
    max_users: int,
    moved: Mapping[str, str] | None = None,
) -> tuple[dict[Criterion, float], Facts]:
    """The sub-scores (six, and reach for a plan with audiences), and the facts behind
    the notable ones (for explanations), which also name the criteria left unknown.
    ``moved``: :func:`renamed_into` of ``products``, when the caller scores many products
    (computed once rather than for each one)."""
    facts = Facts()
    needs = needs_for(case, ctx.needs)
    needed = sum(needs.values())
    got = sum(w * _LEVEL[lvl] for c, w in needs.items() if (lvl := product.level(c)) is not None)
    fit = got / needed if needed else 0.0
    missing = [c for c in sorted(needs, key=lambda c: -needs[c]) if product.level(c) is None]
    if missing:
        facts.append("lacks " + ", ".join(missing[:4]))
    sso = 1.0 if product.security.sso else 0.0
    if ctx.eu_required:
        resident = {True: 1.0, None: 0.5, False: 0.0}[eu_residency(product)]
        security = 0.5 * sso + 0.5 * resident
    else:
        security = sso
    inferred = org_suites(ctx.official_tools, products, exclude=product.id)
    declared = {lic.suite for lic in ctx.org.licences}
    suites = inferred | declared
    own = suites_of(product) & suites  # its own suite, never one it merely integrates with
    if own:
        integration = 1.0
        verb = "licenses" if own & declared else "runs"
        facts.append(f"part of the {suite_names(own)} suite the organisation {verb}")
    elif suites & set(product.integrates_with):
        integration = 0.75
        facts.append("integrates with " + suite_names(suites & set(product.integrates_with)))
    elif product.suite is not None and product.suite in ctx.seen_suites:
        integration = 0.75
        facts.append(
            f"its {suite_names([product.suite])} suite is in use (its platform domains "
            "are in the evidence)"
        )
    elif ctx.seen_suites & set(product.integrates_with):
        integration = 0.5
        used = suite_names(ctx.seen_suites & set(product.integrates_with))
        facts.append(f"integrates with {used}, in use by the evidence")
    else:
        caps = set(product.capabilities)
        integration = 0.25 * ("email-integration" in caps) + 0.25 * ("crm-integration" in caps)
    official = any(t.product == product.id for t in ctx.official_tools)
    cost, cost_known, cost_facts = cost_score(product, ctx.org, inferred, official)
    facts += cost_facts
    status = product.strategy.status
    viability = _VIABILITY[status]
    effect = acquisition_effect(product, ctx.today)
    if effect is AcquisitionEffect.NONE and status is VendorStatus.ACQUIRED:
        viability = 1.0
    elif effect is AcquisitionEffect.ENDING:
        viability = 0.3
        assert product.strategy.end_of_support is not None
        facts.append(f"end announced for {product.strategy.end_of_support.isoformat()}")
    elif effect is AcquisitionEffect.RECENT:
        deal = product.strategy.acquired_on or product.strategy.announced_on
        assert deal is not None
        facts.append(f"recently acquired by {product.strategy.owner} (deal of {deal.isoformat()})")
    elif effect is AcquisitionEffect.UNKNOWN:
        viability = _UNDATED
        facts.append(
            f"acquired by {product.strategy.owner}, date unknown: the deal's effect is unknown "
            "(counted halfway)"
        )
    review = ctx.reviews.get(product.id)
    if review is not None and review.rating is Rating.WATCH:
        viability = min(viability, 0.5)
        facts.append("the plan's vendor review says watch")
    if moved is None:
        moved = renamed_into(products.values())
    users = ctx.users_of(product.id, moved)
    for old_id in sorted(o for o, new in moved.items() if new == product.id):
        old_users = ctx.users_of(old_id)
        if old_users:
            facts.append(f"counts {old_users} people who use it as {products[old_id].name}")
    adoption = users / max_users if max_users else 0.0
    scores: dict[Criterion, float] = {
        Criterion.CAPABILITY_FIT: fit,
        Criterion.SECURITY: security,
        Criterion.INTEGRATION: integration,
        Criterion.COST: cost,
        Criterion.VIABILITY: viability,
        Criterion.ADOPTION: adoption,
    }
    if ctx.org.audiences:
        scores[Criterion.REACH], reach_facts = reach_score(product, ctx.org)
        facts += reach_facts
    if not cost_known:
        facts.unknown = (Criterion.COST,)
    return scores, facts


def effective_weights(weights: Mapping[Criterion, float], ctx: Context) -> dict[Criterion, float]:
    """The weights a ranking uses: reach's only when the plan declares audiences (its
    stored weight, or ``REACH_WEIGHT``), so a plan without audiences ranks as before."""
    out: dict[Criterion, float] = {c: w for c, w in weights.items() if c is not Criterion.REACH}
    if ctx.org.audiences:
        out[Criterion.REACH] = weights.get(Criterion.REACH, REACH_WEIGHT)
    return out


def weighted(
    sub: Mapping[Criterion, float], weights: Mapping[Criterion, float]
) -> tuple[float, dict[Criterion, float]]:
    total = sum(max(w, 0.0) for w in weights.values())
    if total <= 0:
        return 0.0, {c: 0.0 for c in sub}
    contributions = {c: max(weights.get(c, 0.0), 0.0) * s / total for c, s in sub.items()}
    return sum(contributions.values()), contributions


def score_use_case(
    products: Iterable[Product],
    ctx: Context,
    case: UseCase,
    weights: Mapping[Criterion, float] | None = None,
) -> list[Candidate]:
    """The products of the use case's category: eligible ones ranked (verified EU residency
    before unverified, then by score), then the excluded ones, each with its reason."""
    weights = effective_weights(DEFAULT_WEIGHTS if weights is None else weights, ctx)
    every = {p.id: p for p in products}
    pool = [p for p in every.values() if p.category is case.category]
    reasons = {
        p.id: exclusion(
            p,
            tools=ctx.banned_by_product.get(p.id, ()),  # all exclusion asks of the tools
            products=every,
            review=ctx.reviews.get(p.id),
            eu_required=ctx.eu_required,
            excluded_deployments=ctx.excluded_deployments,
            today=ctx.today,
        )
        for p in pool
    }
    moved = renamed_into(every.values())
    max_users = max((ctx.users_of(p.id, moved) for p in pool if reasons[p.id] is None), default=0)
    candidates = []
    for product in pool:
        sub, facts = sub_scores(product, ctx, case, every, max_users, moved)
        score, contributions = weighted(sub, weights)
        reason = reasons[product.id]
        caveat = None
        public = product.category.value == "public"
        if reason is None and ctx.eu_required and not public and eu_residency(product) is None:
            caveat = "EU data residency unverified (not documented)"
        candidates.append(
            Candidate(
                product.id,
                product.name,
                round(score, 4),
                {c: round(v, 4) for c, v in sub.items()},
                {c: round(v, 4) for c, v in contributions.items()},
                reason is None,
                reason,
                caveat,
                tuple(facts),
                facts.unknown,
            )
        )
    return sorted(
        candidates,
        key=lambda c: (not c.eligible, c.caveat is not None, -c.score * c.eligible, c.product),
    )


def score_candidates(
    products: Iterable[Product], ctx: Context, weights: Mapping[Criterion, float] | None = None
) -> list[Candidate]:
    """The ranking of the plan's first use case (see :func:`score_use_case`)."""
    case = USE_CASES[(ctx.use_cases or DEFAULT_USE_CASES)[0]]
    return score_use_case(products, ctx, case, weights)


def ranked(candidates: Iterable[Candidate]) -> list[Candidate]:
    return [c for c in candidates if c.eligible and c.reason is None]


def excluded(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The products left out of the ranking, each with its reason."""
    return [c for c in candidates if not c.eligible or c.reason is not None]
