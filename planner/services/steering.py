"""What the steering committee reads first: the decision asked, the spend now and after
consolidation, the next three dates and the top risks; then the shortlisted products side
by side.

Gathered once here as typed values (amounts ``Decimal`` per currency, never converted) so
that the HTML review pack's one-page summary and the Markdown report say the same thing.
A cost the organisation does not know (no contract for the product) is "unknown", never
a guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from planner.domain.catalog import Catalog, Product
from planner.domain.contracts import Contract, canonical_amount, money, totals_text
from planner.domain.costs import Amounts, Costs
from planner.domain.exits import ExitMilestone, ExitProposal, StepStatus
from planner.domain.plan import Tool
from planner.domain.risks import Risk
from planner.domain.rollout import Feature, FeatureStatus, Training
from planner.domain.scoring import Candidate

DECISION_HORIZON_DAYS = 365  # a contract decision within a year is asked of the committee
MAX_DECISIONS = 4
MAX_DATES = 3
MAX_RISKS = 3
MAX_SHORTLIST = 5
UNKNOWN = "unknown"


@dataclass(frozen=True)
class KeyDate:
    day: dt.date
    what: str
    kind: str  # renewal | milestone | exit


@dataclass(frozen=True)
class Summary:
    decisions: list[str]  # the decisions asked, in sentences
    spend_now: Amounts
    spend_after: Amounts  # once every overlap is consolidated (each contract ended)
    saving: Amounts
    dates: list[KeyDate]  # the next three
    risks: list[str]  # the top risks, in sentences

    @property
    def spend_now_text(self) -> str:
        return totals_text(self.spend_now) if self.spend_now else "no contract recorded"

    @property
    def spend_after_text(self) -> str:
        if not self.spend_now:
            return "no contract recorded"
        return totals_text(self.spend_after) if self.spend_after else "nothing"


@dataclass(frozen=True)
class ComparedProduct:
    product: str
    name: str
    score: str  # the ranking's score, or "—" when not ranked
    capabilities: str  # the plan's needed capabilities it provides, of those needed
    residency: str
    certifications: str
    suite_fit: str
    cost: str  # what it costs the organisation for its seats, or "unknown"


def _subtract(total: Amounts, saving: Amounts) -> Amounts:
    out = {k: canonical_amount(v - saving.get(k, Decimal(0))) for k, v in total.items()}
    return {k: v for k, v in out.items() if v}


def _decisions(
    contracts: Sequence[Contract],
    names: dict[str, str],
    proposals: Sequence[ExitProposal],
    today: dt.date,
) -> list[str]:
    out = []
    for c in sorted(contracts, key=lambda c: (c.decision_date, c.id)):
        if c.decision is not None or c.end < today:
            continue
        if (c.decision_date - today).days > DECISION_HORIZON_DAYS:
            continue
        name = names.get(c.product, c.product)
        late = " (late)" if c.late(today) else ""
        out.append(
            f"{name} contract, {money(c.annual_cost, c.currency)} a year: renew, renegotiate "
            f"or exit by {c.decision_date.isoformat()}{late}"
        )
    for p in proposals:
        onto = f" to {p.target_name or p.target}" if p.target else ""
        out.append(f"{p.headline}: approve its exit{onto} by {p.by.isoformat()}")
    return out[:MAX_DECISIONS]


def _dates(
    contracts: Sequence[Contract],
    names: dict[str, str],
    steps: Sequence[ExitMilestone],
    features: Sequence[Feature],
    trainings: Sequence[Training],
    today: dt.date,
) -> list[KeyDate]:
    found: list[KeyDate] = []
    for c in contracts:
        if c.decision is None and c.decision_date >= today:
            name = names.get(c.product, c.product)
            found.append(KeyDate(c.decision_date, f"{name}: renewal notice due", "renewal"))
    for s in steps:
        if s.status is not StepStatus.DONE and s.due >= today:
            found.append(KeyDate(s.due, s.title, "exit"))
    for f in features:
        if (
            f.status in (FeatureStatus.PLANNED, FeatureStatus.IN_PROGRESS)
            and f.due
            and f.due >= today
        ):
            found.append(KeyDate(f.due, f"feature: {f.title}", "milestone"))
    for t in trainings:
        if t.completion < 1 and t.due is not None and t.due >= today:
            found.append(KeyDate(t.due, f"training: {t.title}", "milestone"))
    return sorted(found, key=lambda d: (d.day, d.kind, d.what))[:MAX_DATES]


def summary(
    costs: Costs,
    contracts: Sequence[Contract],
    tools: Sequence[Tool],
    steps: Sequence[ExitMilestone],
    proposals: Sequence[ExitProposal],
    features: Sequence[Feature],
    trainings: Sequence[Training],
    risks: Sequence[Risk],
    today: dt.date,
    catalog: Catalog | None = None,
) -> Summary:
    from planner.domain.contracts import contract_names

    names = contract_names(contracts, tools, catalog)
    # A contract in two overlaps is saved once.
    savings = {s.contract: s for o in costs.overlaps for s in o.savings}
    saving: Amounts = {}
    for s in savings.values():
        saving[s.currency] = saving.get(s.currency, Decimal(0)) + s.amount
    saving = {k: canonical_amount(saving[k]) for k in sorted(saving)}
    top = sorted(risks, key=lambda r: (not r.open_high, r.status.value != "open", r.id))
    return Summary(
        decisions=_decisions(contracts, names, proposals, today),
        spend_now=costs.total,
        spend_after=_subtract(costs.total, saving),
        saving=saving,
        dates=_dates(contracts, names, steps, features, trainings, today),
        risks=[
            f"{r.title} (likelihood {r.likelihood.value}, impact {r.impact.value})"
            for r in top[:MAX_RISKS]
            if r.status.value == "open"
        ],
    )


def _cost(product: Product, contracts: Sequence[Contract], catalog: Catalog) -> str:
    own = [c for c in contracts if c.product == product.id]
    if own:
        spend: Amounts = {}
        for c in own:
            spend[c.currency] = spend.get(c.currency, Decimal(0)) + c.annual_cost
        seats = sum(c.seats for c in own)
        amounts = {k: canonical_amount(v) for k, v in sorted(spend.items())}
        return f"{totals_text(amounts)} a year for {seats} seats (contract)"
    suites = [s for s in product.included_in if s]
    if suites:
        from planner.domain.catalog import SUITES

        named = ", ".join(SUITES[s][0] if s in SUITES else s for s in suites)
        return f"{UNKNOWN} (included in {named} licences)"
    return UNKNOWN


def _suite_fit(product: Product, suites: Sequence[str]) -> str:
    from planner.domain.catalog import SUITES

    def name(s: str) -> str:
        return SUITES[s][0] if s in SUITES else s

    ours = set(suites)
    if product.suite and product.suite in ours:
        return f"part of {name(product.suite)} (run here)"
    included = [s for s in product.included_in if s in ours]
    if included:
        return f"included in {name(included[0])} (run here)"
    integrates = [s for s in product.integrates_with if s in ours]
    if integrates:
        return f"integrates with {', '.join(name(s) for s in integrates)}"
    if product.suite:
        return f"part of {name(product.suite)} (not run here)"
    return "standalone"


def comparison(
    shortlist: Sequence[str],
    candidates: Sequence[Candidate],
    needs: dict[str, int],
    suites: Sequence[str],
    contracts: Sequence[Contract],
    catalog: Catalog,
) -> list[ComparedProduct]:
    """The shortlisted products side by side (``shortlist``: product ids; when empty, the
    best eligible candidates of the ranking)."""
    ids = list(dict.fromkeys(shortlist)) or [c.product for c in candidates if c.eligible]
    scores = {c.product: c.score for c in candidates}
    needed = sorted(k for k, v in needs.items() if v > 0)
    out = []
    for ident in ids[:MAX_SHORTLIST]:
        product = catalog.get(ident)
        if product is None:
            continue
        if needed:
            have = [n for n in needed if product.level(n) is not None]
            caps = f"{len(have)}/{len(needed)} needed" + (f": {', '.join(have)}" if have else "")
        else:
            caps = f"{len(product.capabilities)} capabilities"
        residency = product.security.data_residency
        out.append(
            ComparedProduct(
                product=product.id,
                name=product.name,
                score=f"{scores[ident]:.2f}" if ident in scores else "—",
                capabilities=caps,
                residency=", ".join(r.value.upper() for r in residency) if residency else UNKNOWN,
                certifications=", ".join(product.security.certifications) or UNKNOWN,
                suite_fit=_suite_fit(product, suites),
                cost=_cost(product, contracts, catalog),
            )
        )
    return out
