"""What the tools cost: spend per tool, category and capability, per person reached,
overlaps priced and what consolidation saves, from the plan's contracts.

Why per currency everywhere: a steering committee reads these figures as facts, and a sum
of euros and dollars at a rate nobody chose is not one. Each figure is a ``Decimal`` per
currency; a row with contracts in two currencies has two amounts. Ratios (per person, per
seat) are rounded to the cent, half up, and said to be so; sums are exact.

*Per person reached* divides a tool's spend by the people seen using it (logs or survey):
seats bought but never seen are shelfware, priced at the contract's cost per seat.
*Overlaps* are the inventory's own (``domain.inventory.overlaps``: same purpose, same
audience); the saving of consolidating one is what the tools other than the one to keep
cost, from the day after each of their contracts ends — the earliest the money stops.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from planner.domain.catalog import Catalog
from planner.domain.contracts import Contract, canonical_amount
from planner.domain.inventory import Overlap, capabilities_of, category_of
from planner.domain.plan import Tool

Amounts = dict[str, Decimal]  # currency -> amount, sorted by currency
CENT = Decimal("0.01")


def _add(into: Amounts, currency: str, amount: Decimal) -> None:
    into[currency] = into.get(currency, Decimal(0)) + amount


def _sorted(amounts: Mapping[str, Decimal]) -> Amounts:
    return {k: canonical_amount(amounts[k]) for k in sorted(amounts)}


@dataclass(frozen=True)
class ToolSpend:
    key: str  # the tool's id, or the contract's product when no tool is found for it
    name: str
    category: str | None
    capabilities: tuple[str, ...]
    spend: Amounts
    seats: int
    users: int  # people seen using it (logs or survey)
    contracts: tuple[str, ...]

    @property
    def unused_seats(self) -> int:
        return max(0, self.seats - self.users)

    @property
    def per_person(self) -> Amounts:
        """Spend per person reached (rounded to the cent); none when nobody was seen."""
        if not self.users:
            return {}
        return {c: (v / self.users).quantize(CENT, ROUND_HALF_UP) for c, v in self.spend.items()}

    @property
    def shelfware(self) -> Amounts:
        """What the seats nobody was seen using cost (at the average cost per seat)."""
        if not self.seats or not self.unused_seats:
            return {}
        return {
            c: (v * self.unused_seats / self.seats).quantize(CENT, ROUND_HALF_UP)
            for c, v in self.spend.items()
        }


@dataclass(frozen=True)
class Saving:
    contract: str
    tool: str
    amount: Decimal
    currency: str
    from_day: dt.date  # the day after the contract ends
    notice_by: dt.date
    note: str  # "notice due by …" / "notice date passed: it renews on its own" / …


@dataclass(frozen=True)
class PricedOverlap:
    overlap: Overlap
    spend: dict[str, Amounts]  # tool name -> its spend
    savings: tuple[Saving, ...] = ()

    @property
    def saving(self) -> Amounts:
        out: Amounts = {}
        for s in self.savings:
            _add(out, s.currency, s.amount)
        return _sorted(out)


@dataclass(frozen=True)
class Costs:
    tools: list[ToolSpend]
    categories: dict[str, Amounts]
    capabilities: dict[str, Amounts]
    overlaps: list[PricedOverlap]
    total: Amounts
    unpriced: list[str] = field(default_factory=list)  # overlapping tools with no contract


def _names(contract: Contract, catalog: Catalog) -> set[str]:
    """What a contract pays for: its product, or what a renamed product lives on as (a
    Yammer contract pays for the Viva Engage the logs and surveys show)."""
    product = catalog.get(contract.product)
    return {contract.product, catalog.current(product).id if product else contract.product}


class _Tools:
    """The first tool of a list with each slug and each product: the tool a contract pays
    for found by a look-up, not by going through the tools (60,000 tools and 300 contracts
    made 18 million comparisons)."""

    def __init__(self, tools: Sequence[Tool]) -> None:
        self.tools = tools
        self.first: dict[str, int] = {}
        for i, tool in enumerate(tools):
            self.first.setdefault(tool.slug, i)
            if tool.product is not None:
                self.first.setdefault(tool.product, i)

    def paid_by(self, names: set[str]) -> Tool | None:
        """The first tool whose slug or product is one of ``names``."""
        found = [self.first[n] for n in names if n in self.first]
        return self.tools[min(found)] if found else None


def _paid_for(tool: Tool | None, paying: Mapping[str, list[int]]) -> list[int]:
    """The running contracts that pay for ``tool`` (by its slug or its product), in order."""
    if tool is None:
        return []
    found = set(paying.get(tool.slug, ()))
    if tool.product is not None:
        found.update(paying.get(tool.product, ()))
    return sorted(found)


def _current(contracts: Iterable[Contract], today: dt.date) -> list[Contract]:
    """The contracts still running (or not yet started): what is paid for a year."""
    return [c for c in contracts if c.end >= today]


def tool_spend(
    contracts: Sequence[Contract], tools: Sequence[Tool], catalog: Catalog, today: dt.date
) -> list[ToolSpend]:
    groups: dict[str, tuple[Tool | None, list[Contract]]] = {}
    index = _Tools(tools)
    for c in _current(contracts, today):
        tool = index.paid_by(_names(c, catalog))
        key = tool.slug if tool is not None else c.product
        groups.setdefault(key, (tool, []))[1].append(c)
    rows = []
    for key, (tool, group) in sorted(groups.items()):
        spend: Amounts = {}
        for c in group:
            _add(spend, c.currency, c.annual_cost)
        product = catalog.get(group[0].product)
        if tool is not None:
            name = tool.name
            category = category_of(tool, catalog)
            caps = capabilities_of(tool, catalog)
        else:
            name = product.name if product else key
            category = product.category if product else None
            caps = product.capabilities if product else ()
        rows.append(
            ToolSpend(
                key,
                name,
                category.value if category is not None else None,
                tuple(caps),
                _sorted(spend),
                sum(c.seats for c in group),
                tool.users if tool is not None else 0,
                tuple(c.id for c in group),
            )
        )
    return rows


def _saving(c: Contract, tool: str, today: dt.date) -> Saving:
    if c.decision_date >= today:
        note = f"notice due by {c.decision_date.isoformat()}"
    elif c.auto_renew:
        note = "notice date passed: it renews on its own unless the vendor agrees"
    else:
        note = "notice date passed: it ends unless renewed"
    return Saving(
        c.id,
        tool,
        c.annual_cost,
        c.currency,
        c.end + dt.timedelta(days=1),
        c.decision_date,
        note,
    )


def costs(
    contracts: Sequence[Contract],
    tools: Sequence[Tool],
    catalog: Catalog,
    overlaps: Sequence[Overlap],
    today: dt.date,
) -> Costs:
    rows = tool_spend(contracts, tools, catalog, today)
    categories: dict[str, Amounts] = {}
    capabilities: dict[str, Amounts] = {}
    total: Amounts = {}
    for row in rows:
        for currency, amount in row.spend.items():
            _add(categories.setdefault(row.category or "unknown", {}), currency, amount)
            _add(total, currency, amount)
            # A tool counts under each capability it provides: this view does not add up.
            for cap in row.capabilities:
                _add(capabilities.setdefault(cap, {}), currency, amount)
    by_name = {t.name: t for t in tools}
    current = _current(contracts, today)
    # Each name a running contract pays for -> those contracts (in their order).
    paying: dict[str, list[int]] = {}
    for i, c in enumerate(current):
        for name in _names(c, catalog):
            paying.setdefault(name, []).append(i)
    priced: list[PricedOverlap] = []
    unpriced: set[str] = set()
    for overlap in overlaps:
        spend: dict[str, Amounts] = {}
        savings: list[Saving] = []
        for name, _users in overlap.tools:
            tool = by_name.get(name)
            own = [current[i] for i in _paid_for(tool, paying)]
            amounts: Amounts = {}
            for c in own:
                _add(amounts, c.currency, c.annual_cost)
                if name != overlap.keep:
                    savings.append(_saving(c, name, today))
            if not own:
                unpriced.add(name)
            spend[name] = _sorted(amounts)
        priced.append(PricedOverlap(overlap, spend, tuple(savings)))
    return Costs(
        rows,
        {k: _sorted(v) for k, v in sorted(categories.items())},
        {k: _sorted(v) for k, v in sorted(capabilities.items())},
        priced,
        _sorted(total),
        sorted(unpriced),
    )
