"""Licence contracts: what the organisation pays for each tool, and when it must decide.

The decision an IT manager takes to the steering committee is about money and dates, so
two rules matter here and nowhere else:

* **Amounts are exact.** An annual cost is a ``Decimal`` from the text the user typed,
  never a float (0.1 + 0.2 is not 0.3 in binary), and sums are kept per currency: adding
  euros to dollars at a rate nobody chose is a silent error, so there is no conversion.
* **The date that matters is the decision date**, not the end: a contract ending on
  2027-06-30 with 90 days' notice must be decided by 2027-04-01, or it renews (or lapses)
  on its own. It becomes a next action six months before, and is late once passed
  without a decision.

Pure functions and values: no I/O, no SQLModel (the stored definition is in
``domain.records.contract``), so the CLI's start-up stays light.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from planner.domain.records.labels import Shown
from planner.domain.roadmap import add_months

if TYPE_CHECKING:
    from planner.domain.catalog import Catalog

# Active ISO 4217 currency codes (the list maintained by SIX, as of 2026), without the
# fund codes, precious metals and testing codes nobody signs a licence in.
_ISO_4217 = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
    BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
    FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
    KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
    MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
    RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT
    TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR
    ZMW ZWG
    """
CURRENCIES: frozenset[str] = frozenset(_ISO_4217.split())

MAX_AMOUNT = Decimal("1e12")  # a trillion a year: nothing real comes near
MAX_PLACES = 4  # cents, and the mills of BHD/KWD/OMR, with room for a unit price
NOTICE_MAX_DAYS = 3650
LEAD_MONTHS = 6  # a renewal decision shows in next actions this long before it


class Decision(StrEnum):
    RENEW = "renew"
    RENEGOTIATE = "renegotiate"
    EXIT = "exit"


def currency_problem(code: str) -> str | None:
    if code not in CURRENCIES:
        return f"unknown currency {code!r}: an ISO 4217 code such as EUR, USD, GBP, CHF"
    return None


def canonical_amount(value: Decimal) -> Decimal:
    """The amount as stored and shown: at least two decimals (``12000`` -> ``12000.00``),
    more only when given (``1.234`` stays): the same amount always has the same text, so
    a plan file's diff and its merge never see ``12000`` and ``12000.00`` as a change."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or an infinity
        raise ValueError("not a number")
    return value.quantize(Decimal("0.01")) if exponent > -2 else value


def amount_problem(value: Decimal) -> str | None:
    if not value.is_finite():
        return "not a number"
    if value < 0:
        return f"a cost cannot be negative, got {value}"
    if value >= MAX_AMOUNT:
        return f"too large: {value}"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        return f"at most {MAX_PLACES} decimals, got {value}"
    return None


def parse_amount(text: str) -> Decimal:
    """An amount as typed (``12000``, ``12000.50``, ``12 000,50`` from a French sheet), exact.
    Raises ValueError with the reason."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # a decimal comma
    elif "," in cleaned and "." in cleaned and cleaned.rfind(",") < cleaned.rfind("."):
        cleaned = cleaned.replace(",", "")  # thousands separators: 12,000.50
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None
    problem = amount_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return canonical_amount(value)


def money(amount: Decimal, currency: str) -> str:
    """``12,000.00 EUR``: exact, grouped, with its currency."""
    return f"{amount:,} {currency}"


@dataclass(frozen=True)
class Contract:
    id: str
    product: str  # a catalog product or one of the plan's own tools
    annual_cost: Decimal
    currency: str
    start: dt.date
    end: dt.date
    seats: int = 0
    notice_days: int = 0
    auto_renew: bool = False
    tier: str | None = None
    owner: str | None = None
    reference: str | None = None
    decision: Decision | None = None
    version: int = field(default=1, compare=False)

    @property
    def decision_date(self) -> dt.date:
        """The last day to give notice: the end minus the notice period."""
        return self.end - dt.timedelta(days=self.notice_days)

    @property
    def cost_per_seat(self) -> Decimal | None:
        return (self.annual_cost / self.seats).quantize(Decimal("0.01")) if self.seats else None

    def late(self, today: dt.date) -> bool:
        """The decision date has passed with no decision taken."""
        return self.decision is None and today > self.decision_date


def contract_problem(start: dt.date, end: dt.date, notice_days: int) -> str | None:
    """What is wrong with a contract's dates, in the user's words (None when fine)."""
    if end <= start:
        return f"end {end.isoformat()} is not after start {start.isoformat()}"
    if not 0 <= notice_days <= NOTICE_MAX_DAYS:
        return f"notice days must be between 0 and {NOTICE_MAX_DAYS}, got {notice_days}"
    if end - dt.timedelta(days=notice_days) < start:
        return f"{notice_days} days' notice falls before the contract's start"
    return None


def renewal_actions(
    contracts: Iterable[Contract],
    today: dt.date,
    names: dict[str, str] | None = None,
    lead_months: int = LEAD_MONTHS,
) -> list[str]:
    """'Jive: renewal notice due 2027-04-01 — decide: renew, renegotiate or exit', from
    ``lead_months`` before the decision date; late ones first and said so. A contract
    with its decision taken asks nothing more. ``names``: product id -> shown name."""
    late: list[str] = []
    due: list[str] = []
    for c in sorted(contracts, key=lambda c: (c.decision_date, c.id)):
        if c.decision is not None or c.end < today:
            continue
        name = (names or {}).get(c.product, c.product)
        when = c.decision_date.isoformat()
        if c.late(today):
            late.append(
                f"{name}: renewal notice was due {when} — late: decide renew, renegotiate "
                f"or exit before it ends {c.end.isoformat()}"
            )
        elif today >= add_months(c.decision_date, -lead_months):
            due.append(f"{name}: renewal notice due {when} — decide: renew, renegotiate or exit")
    return late + due


def product_names(tools: Iterable[Any]) -> dict[str, str]:
    """How a contract's product is called in the plan: its tool's name (``Jive``), by the
    tool's product and by its own id."""
    names: dict[str, str] = {}
    for tool in tools:
        if tool.product:
            names.setdefault(tool.product, tool.name)
        names.setdefault(tool.slug, tool.name)
    return names


def contract_names(
    contracts: Iterable[Contract], tools: Iterable[Any], catalog: Catalog | None
) -> dict[str, str]:
    """How each contract's product is called: its tool's name in the plan (``Jive``), else
    the catalog's name as the catalog spells it (never its id, "jive")."""
    names = product_names(tools)
    for c in contracts:  # a product no tool uses (any more) by its catalog name
        product = catalog.get(c.product) if catalog is not None else None
        if product is not None:
            names.setdefault(c.product, product.name)
    return names


def timeline_rows(
    contracts: Iterable[Contract], today: dt.date, names: dict[str, str] | None = None
) -> list[tuple[str, dt.date, dt.date, str, str]]:
    """Each contract's decision window on the year's timeline, as (label, start, end,
    state, detail): from the decision date to the end, late when passed undecided."""
    rows = []
    for c in sorted(contracts, key=lambda c: (c.decision_date, c.id)):
        name = (names or {}).get(c.product, c.product)
        if c.decision is not None:
            state, detail = "done", c.decision.value
        elif c.late(today):
            state, detail = "late", f"notice was due {c.decision_date.isoformat()}"
        else:
            state, detail = "planned", f"notice due {c.decision_date.isoformat()}"
        rows.append((f"{name} contract", c.decision_date, c.end, state, detail))
    return rows


def totals(contracts: Iterable[Contract]) -> dict[str, Decimal]:
    """Annual spend per currency, sorted by currency: never converted, never mixed."""
    out: dict[str, Decimal] = {}
    for c in contracts:
        out[c.currency] = out.get(c.currency, Decimal(0)) + c.annual_cost
    return {k: canonical_amount(out[k]) for k in sorted(out)}


def totals_text(amounts: dict[str, Decimal]) -> str:
    return " + ".join(money(v, k) for k, v in amounts.items()) or "none"


def active_on(contracts: Sequence[Contract], day: dt.date) -> list[Contract]:
    return [c for c in contracts if c.start <= day <= c.end]


# How each field is shown: options of ``contract add`` and ``contract set``, columns of
# ``contract list``, rows of ``contract show`` (see ``domain.records.labels``).
CONTRACT_FIELDS: dict[str, Shown] = {
    "seats": Shown("Seats", "licences bought", "int", metavar="N"),
    "annual_cost": Shown(
        "Annual cost", "what it costs a year, exactly (e.g. 12000.00)", metavar="AMOUNT", pair=True
    ),
    "currency": Shown("Currency", "ISO 4217 code (EUR, USD, GBP, …)", metavar="CODE"),
    "start": Shown("Start", "first day of the contract", "date", metavar="YYYY-MM-DD", pair=True),
    "end": Shown("End", "last day of the contract", "date", metavar="YYYY-MM-DD"),
    "notice_days": Shown(
        "Notice (days)", "days of notice before the end", "int", metavar="N", pair=True
    ),
    "tier": Shown("Tier", "the licence tier (e.g. Enterprise)", metavar="T"),
    "owner": Shown("Owner", "who owns the contract", metavar="NAME", pair=True),
    "reference": Shown("Reference", "the procurement reference", metavar="R"),
}
