"""How a product fits the organisation as it is: the licences it holds, the audiences it
must reach and the contracts it already pays. Pure functions for ``scoring``.

Why a module of its own: three questions a consultant asks before any score — *can the
product reach these people at all* (a frontline audience without e-mail needs a mobile app
that signs in without a mailbox), *is it already paid for them* (a suite's product is
"included" only for the audiences the licensed tier covers: Microsoft 365 E3 does not
license shop-floor staff, F1/F3 do), and *what would it cost* (a contract's price per
seat, or buying another suite) — each answered with the sentence that explains it, and
"unknown" where the catalog or the plan does not say.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from planner.domain.audiences import Audience
from planner.domain.catalog import SUITES, Deployment, Product
from planner.domain.profile import FRONTLINE_LICENCE, Licence


def suite_label(suites: Iterable[str]) -> str:
    return ", ".join(sorted(SUITES[s][0] if s in SUITES else s for s in suites))


def licence_label(licence: Licence) -> str:
    """'Microsoft 365 E3' (or 'Microsoft 365' when the tier was not said)."""
    name = SUITES[licence.suite][0] if licence.suite in SUITES else licence.suite
    return f"{name} {licence.tier}" if licence.tier else name


@dataclass(frozen=True)
class Paid:
    """What the organisation pays for a product, from one of its contracts."""

    contract: str
    seats: int
    annual_cost: Decimal
    currency: str

    @property
    def per_seat(self) -> Decimal | None:
        if not self.seats:
            return None
        return (self.annual_cost / self.seats).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Organisation:
    """What the ranking knows of the organisation beyond its tools: its declared licences
    (empty: none declared, the suites of its official tools stand in, tier unknown), its
    audiences (empty: none declared, reach is not weighed) and its contracts by product."""

    licences: tuple[Licence, ...] = ()
    audiences: tuple[Audience, ...] = ()
    employees: int | None = None
    paid: Mapping[str, tuple[Paid, ...]] | None = None

    @property
    def people(self) -> int:
        return sum(a.people for a in self.audiences)


class Reach(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


def reaches(product: Product, audience: Audience) -> tuple[Reach, str]:
    """Whether ``product`` can reach ``audience``, and why when it is not plainly yes.

    Desk staff: every product. A mobile-first audience (frontline, shared devices or no
    e-mail) needs a mobile app (the catalog's ``mobile`` capability); without e-mail it
    needs a sign-in without a mailbox — a suite with frontline licences gives those
    accounts, otherwise the product's ``reach.without_email``; on shared devices, the
    product's ``reach.shared_devices``. What the catalog does not say is unknown."""
    if not audience.mobile_first:
        return Reach.YES, ""
    if "mobile" not in product.capabilities:
        return Reach.NO, "no mobile app in the catalog"
    doubts: list[str] = []
    via = ""
    if not audience.email:
        frontline = sorted(s for s in product.included_in if s in FRONTLINE_LICENCE)
        if frontline:
            via = f"through {FRONTLINE_LICENCE[frontline[0]]} accounts"
        elif product.reach.without_email is False:
            return Reach.NO, "needs a corporate e-mail to sign in"
        elif product.reach.without_email is None:
            doubts.append("whether it signs in without a corporate e-mail")
    if audience.shared_devices:
        if product.reach.shared_devices is False:
            return Reach.NO, "does not support devices shared by a shift"
        if product.reach.shared_devices is None:
            doubts.append("whether it supports shared devices")
    if doubts:
        return Reach.UNKNOWN, "the catalog does not say " + " or ".join(doubts)
    return Reach.YES, via


def reach_score(product: Product, org: Organisation) -> tuple[float, list[str]]:
    """The share of the audiences' people the product reaches (unknown counted halfway,
    and said), and the sentences behind it."""
    total = org.people
    if not total:
        return 1.0, []
    reached = 0.0
    facts: list[str] = []
    missed: list[str] = []
    for audience in org.audiences:
        verdict, why = reaches(product, audience)
        who = f"{audience.name} ({audience.people:,}, {audience.traits})"
        if verdict is Reach.YES:
            reached += audience.people
            if why:
                facts.append(f"reaches {who} {why}")
        elif verdict is Reach.UNKNOWN:
            reached += audience.people / 2
            missed.append(f"{who}: unknown — {why} (counted halfway)")
        else:
            missed.append(f"{who}: not reached — {why}")
    share = reached / total
    if missed:
        facts.insert(0, f"reaches {share:.0%} of the {total:,} people in the plan's audiences")
        facts += missed
    return share, facts


class Cost(StrEnum):
    """Where a product's cost for an audience comes from, best first."""

    INCLUDED = "included"  # in a licence the organisation holds, whose tier covers them
    PAID = "paid"  # a contract the organisation already pays
    OFFICIAL = "official"  # licensed already (an official tool), price not recorded
    UNKNOWN = "unknown"  # no contract, no published price: unknown
    OTHER_TIER = "other-tier"  # the suite is licensed, not for them (frontline tiers)
    SERVERS = "servers"  # on premises only: servers to run
    BUY_SUITE = "buy-suite"  # a suite the organisation does not license


# The cost sub-score of each source (docs/design.md, "The organisation in the ranking").
COST_SCORE = {
    Cost.INCLUDED: 1.0,
    Cost.PAID: 0.8,
    Cost.OFFICIAL: 0.6,
    Cost.UNKNOWN: 0.5,
    Cost.OTHER_TIER: 0.4,
    Cost.SERVERS: 0.2,
    Cost.BUY_SUITE: 0.2,
}


def _held(product: Product, org: Organisation, inferred: set[str]) -> list[Licence]:
    """The organisation's licences of the suites whose licences include the product:
    declared ones, or (none declared) the suites its official tools show, tier unknown."""
    suites = set(product.included_in)
    if org.licences:
        return [lic for lic in org.licences if lic.suite in suites]
    return [Licence(s) for s in sorted(suites & inferred)]


def licence_cost(
    product: Product, audience: Audience | None, held: Sequence[Licence]
) -> tuple[Cost, str]:
    """A suite product's cost for one audience (None: the whole organisation, desk
    staff): included when a held tier covers them; frontline staff need a frontline tier
    (F1/F3, Frontline); a tier not given is unknown."""
    frontline = audience is not None and audience.frontline
    if frontline:
        if any(lic.frontline for lic in held):
            covering = [lic for lic in held if lic.frontline]
            return Cost.INCLUDED, ", ".join(licence_label(lic) for lic in covering)
        if any(lic.tier is None for lic in held):
            suite = held[0].suite
            need = FRONTLINE_LICENCE.get(suite, "a frontline licence")
            return Cost.UNKNOWN, f"check that their licence is {need} (tier not declared)"
        suite = held[0].suite
        need = FRONTLINE_LICENCE.get(suite, "a frontline licence")
        current = ", ".join(licence_label(lic) for lic in held)
        return Cost.OTHER_TIER, f"need {need} licences ({current} does not cover frontline staff)"
    desk = [lic for lic in held if not lic.frontline]
    if desk:
        return Cost.INCLUDED, ", ".join(licence_label(lic) for lic in desk)
    name = suite_label({held[0].suite})
    return Cost.OTHER_TIER, f"need {name} licences for desk staff (only frontline tiers held)"


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


def cost_score(
    product: Product, org: Organisation, inferred: set[str], official: bool
) -> tuple[float, bool, list[str]]:
    """The cost sub-score (people-weighted over the audiences, or the organisation as one
    desk audience), whether it rests on something known, and the sentences behind it."""
    suites = set(product.included_in)  # a suite's own add-on (sold apart) is not included
    held = _held(product, org, inferred) if suites else []
    paid = (org.paid or {}).get(product.id, ())
    audiences: list[Audience | None] = list(org.audiences) or [None]
    total = sum(a.people for a in org.audiences) or 0
    score = 0.0
    known = True
    facts: list[str] = []
    for audience in audiences:
        share = (audience.people / total) if audience is not None and total else 1.0
        who = f"{audience.name} ({audience.people:,} people)" if audience is not None else ""
        if suites and held:
            kind, text = licence_cost(product, audience, held)
            if kind is Cost.INCLUDED:
                facts.append(
                    f"included in a licence already paid ({text})" + (f" for {who}" if who else "")
                )
            else:
                facts.append((f"{who}: " if who else "") + text)
        elif suites:
            kind = Cost.BUY_SUITE
        elif paid:
            kind = Cost.PAID
        elif official:
            kind = Cost.OFFICIAL
        elif Deployment.CLOUD in product.deployment or not product.deployment:
            kind = Cost.UNKNOWN
        else:
            kind = Cost.SERVERS
        if kind is Cost.UNKNOWN:
            known = False
        score += share * COST_SCORE[kind]
    if suites and not held:
        facts.append(_buy_suite(suites, org, inferred))
    if not suites:
        facts += _standalone_facts(product, org, paid, official)
        if product.suite and not paid and not official:
            facts.append(f"sold apart from the {suite_label({product.suite})} licences")
    return score, known, _merged(facts)


def _buy_suite(suites: set[str], org: Organisation, inferred: set[str]) -> str:
    """'requires Microsoft 365 licences for the 3,000 people … (the organisation
    licenses Google Workspace)': choosing it means buying the suite."""
    people = org.people or org.employees
    held = {lic.suite for lic in org.licences} or inferred
    licensed = (
        f"the organisation licenses {suite_label(held)}"
        if held
        else "no suite declared: planner plan set --suites"
    )
    whom = f" for the {people:,} people it must reach" if people else ""
    return f"requires {suite_label(suites)} licences{whom} ({licensed})"


def _standalone_facts(
    product: Product, org: Organisation, paid: Sequence[Paid], official: bool
) -> list[str]:
    if paid:
        out = []
        for p in paid:
            out.append(
                f"already paid: {_money(p.annual_cost, p.currency)} a year for {p.seats:,} "
                f"seats (contract {p.contract})"
            )
        price = next((p for p in paid if p.per_seat is not None), None)
        need = org.people or org.employees or 0
        seats = sum(p.seats for p in paid)
        if price is not None and price.per_seat is not None and need > seats:
            cost = price.per_seat * need
            out.append(
                f"{need:,} people at {_money(price.per_seat, price.currency)} a seat would "
                f"cost {_money(cost, price.currency)} a year"
            )
        return out
    if official:
        return ["licensed already (an official tool); its cost is not recorded: add its contract"]
    if Deployment.CLOUD in product.deployment or not product.deployment:
        return ["cost unknown: no contract and no published price in the catalog (counted halfway)"]
    return ["on premises only: servers to run"]


def _merged(facts: list[str]) -> list[str]:
    """Each sentence once, in order."""
    return list(dict.fromkeys(facts))


def covers(product: Product, audience: Audience, org: Organisation, inferred: set[str]) -> bool:
    """Whether the organisation's licences already cover ``audience`` on ``product``: a
    suite product when a held tier covers them, any other product in use (its own
    licence, whatever it is, is the organisation's business)."""
    if not product.included_in:
        return True
    held = _held(product, org, inferred)
    return bool(held) and licence_cost(product, audience, held)[0] is Cost.INCLUDED


def audience_gaps(org: Organisation, in_use: Sequence[Product], inferred: set[str]) -> list[str]:
    """Mobile-first audiences no product in use reaches under a licence the organisation
    holds, each as a sentence saying what it would take — so "no gaps" is never said of
    them."""
    gaps: list[str] = []
    # Desk staff are reached by whatever is in use (the capability gaps speak for them).
    for audience in (a for a in org.audiences if a.mobile_first):
        reachable = [p for p in in_use if reaches(p, audience)[0] is Reach.YES]
        if any(covers(p, audience, org, inferred) for p in reachable):
            continue
        who = f"{audience.name} ({audience.people:,} people: {audience.traits})"
        if reachable:
            names = ", ".join(sorted(p.name for p in reachable))
            held = _held(reachable[0], org, inferred)
            need = licence_cost(reachable[0], audience, held)[1] if held else ""
            need = f"they {need}" if need.startswith("need ") else need
            gaps.append(
                f"{who}: not reached yet — {names} would reach them" + (f"; {need}" if need else "")
            )
        elif doubtful := [p for p in in_use if reaches(p, audience)[0] is Reach.UNKNOWN]:
            names = ", ".join(sorted(p.name for p in doubtful))
            gaps.append(
                f"{who}: not known to be reached — {names}: " + reaches(doubtful[0], audience)[1]
            )
        else:
            what = "a mobile-first product"
            if not audience.email:
                what += " that signs in without a corporate e-mail"
            gaps.append(f"{who}: no tool in use reaches them — {what} is needed")
    return gaps


def licence_notes(facts: Iterable[str]) -> list[str]:
    """The facts that say what choosing a product would mean buying: another suite, or
    another tier for an audience (for a report's one-line note)."""
    return [f for f in facts if f.startswith("requires ") or ": need " in f]
