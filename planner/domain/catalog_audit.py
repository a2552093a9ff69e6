"""The catalog's facts checked for age, dates and sources: what ``planner catalog audit`` lists.

Why this exists: a recommendation rests on vendor facts (who owns a product, since when,
whether it was renamed, retired or bought, where its data lives). Facts rot, and a catalog
written in one sitting looks checked when it is merely stamped. The audit says what a
maintainer must re-check before a review meeting: events whose date has passed, deals
without a date, facts over a year old or resting on secondary sources, dates stamped on
many products at once, hosts and application names two products claim.

Each finding names the product, the path of the field in the product's file (the adapters
turn it into ``file:line``), a kind and a severity. Errors are facts that mislead a
recommendation (an undated acquisition counts as "recent" for ever); warnings are honest
gaps (a residency nobody documented stays unknown, which is not a lie). CI fails on errors
only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

from planner.domain.catalog import Catalog, Checked, Product, VendorStatus, fold_app

MAX_AGE_DAYS = 365  # a fact checked longer ago than this is stale
# More products than this sharing one ``strategy.checked.on`` date were stamped, not
# checked: nobody re-reads twenty vendors' primary sources on one day.
BULK_THRESHOLD = 20


class Severity(StrEnum):
    ERROR = "error"  # misleads a recommendation: fix before shipping (CI fails)
    WARNING = "warning"  # an honest gap or a weak source: improve when you can


class Kind(StrEnum):
    PAST_EVENT = "past-event"
    UNDATED_ACQUISITION = "undated-acquisition"
    UNKNOWN_RESIDENCY = "unknown-residency"
    SECONDARY_SOURCE = "secondary-source"
    STALE = "stale"
    UNCHECKED = "unchecked"
    BULK_STAMPED = "bulk-stamped"
    SHARED_HOST = "shared-host"
    SHARED_APP = "shared-app"
    SUCCESSOR = "successor"
    CAPABILITIES_UNSOURCED = "capabilities-unsourced"
    UNFINISHED = "unfinished"


SEVERITY = {
    Kind.PAST_EVENT: Severity.ERROR,
    Kind.UNDATED_ACQUISITION: Severity.ERROR,
    Kind.UNKNOWN_RESIDENCY: Severity.WARNING,
    Kind.SECONDARY_SOURCE: Severity.WARNING,
    Kind.STALE: Severity.ERROR,
    Kind.UNCHECKED: Severity.ERROR,
    Kind.BULK_STAMPED: Severity.WARNING,
    Kind.SHARED_HOST: Severity.WARNING,  # the longer domain wins: often a variant (work.threema.ch)
    Kind.SHARED_APP: Severity.ERROR,
    Kind.SUCCESSOR: Severity.ERROR,
    Kind.CAPABILITIES_UNSOURCED: Severity.WARNING,
    Kind.UNFINISHED: Severity.ERROR,
}

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    product: str
    path: Path  # where in the product's file (the adapters locate it)
    kind: Kind
    message: str
    severity: Severity = Severity.WARNING

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.path)


def _finding(product: Product, path: Path, kind: Kind, message: str) -> Finding:
    return Finding(product.id, path, kind, message, SEVERITY[kind])


def _checked(
    product: Product, checked: Checked | None, where: Path, what: str, today: dt.date
) -> list[Finding]:
    found: list[Finding] = []
    if checked is None:
        return found
    if not checked.primary:
        why = "a secondary source" if checked.kind.value == "secondary" else "an unverified source"
        found.append(
            _finding(
                product,
                where,
                Kind.SECONDARY_SOURCE,
                f"{what} rests on {why} ({checked.source}): confirm it against the vendor, a "
                "filing or a news report",
            )
        )
    age = (today - checked.on).days
    if age > MAX_AGE_DAYS:
        found.append(
            Finding(
                product.id,
                (*where, "on"),
                Kind.STALE,
                f"{what} last checked {checked.on.isoformat()}, over 12 months ago",
                # an old status misleads; an old residency check is only worth redoing
                SEVERITY[Kind.STALE] if what == "status" else Severity.WARNING,
            )
        )
    elif age < 0:
        found.append(
            _finding(product, (*where, "on"), Kind.PAST_EVENT, f"{what} checked in the future")
        )
    return found


def _strategy(product: Product, catalog: Catalog, today: dt.date) -> list[Finding]:
    s = product.strategy
    status = s.status.value
    found: list[Finding] = []
    old_form = s.checked is None and s.as_of is not None
    where: Path = ("strategy", "as_of") if old_form else ("strategy", "checked")
    if s.last_checked is None:
        found.append(
            _finding(
                product,
                ("strategy",),
                Kind.UNCHECKED,
                f"status '{status}' has no strategy.checked (date, source, kind)",
            )
        )
    found += _checked(product, s.last_checked, where, "status", today)
    # Scoring dates a deal by its close, else its announcement: either one dates it.
    if s.status is VendorStatus.ACQUIRED and s.acquired_on is None and s.announced_on is None:
        found.append(
            _finding(
                product,
                ("strategy", "status"),
                Kind.UNDATED_ACQUISITION,
                f"acquired by {s.owner}, but neither strategy.acquired_on nor announced_on "
                "is set: its weight in scoring is unknown",
            )
        )
    if s.status is not VendorStatus.RETIRED:
        for key, day in (("end_of_support", s.end_of_support), ("retired_on", s.retired_on)):
            if day is not None and day <= today:
                found.append(
                    _finding(
                        product,
                        ("strategy", key),
                        Kind.PAST_EVENT,
                        f"{key.replace('_', ' ')} {day.isoformat()} has passed, status is "
                        f"still '{status}': check it ended and set status retired and "
                        "retired_on",
                    )
                )
    elif s.retired_on is not None and s.retired_on > today:
        found.append(
            _finding(
                product,
                ("strategy", "retired_on"),
                Kind.PAST_EVENT,
                f"status 'retired' but retired_on {s.retired_on.isoformat()} is still to "
                "come: keep the status until then and give end_of_support",
            )
        )
    if s.status is VendorStatus.RENAMED and not s.successor:
        found.append(
            _finding(
                product,
                ("strategy", "status"),
                Kind.SUCCESSOR,
                "renamed, but the new product is not named",
            )
        )
    if s.successor and catalog.get(s.successor) is None:
        found.append(
            _finding(
                product,
                ("strategy", "successor"),
                Kind.SUCCESSOR,
                f"successor '{s.successor}' is not in the catalog",
            )
        )
    return found


def _todos(value: object, path: Path = ()) -> Iterable[Path]:
    """Paths of the text values still reading ``TODO:`` (as ``catalog new`` writes them)."""
    if isinstance(value, str):
        if value.lstrip().startswith("TODO:"):
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _todos(item, (*path, key))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _todos(item, (*path, i))


def audit_product(product: Product, catalog: Catalog, today: dt.date) -> list[Finding]:
    """The findings about one product on its own."""
    found = [
        _finding(product, path, Kind.UNFINISHED, "still a TODO: give the fact or remove it")
        for path in _todos(asdict(product))
        if path[0] != "family"
    ]
    found += _strategy(product, catalog, today)
    security = product.security
    if security.data_residency is None and product.strategy.status is not VendorStatus.RETIRED:
        found.append(
            _finding(
                product,
                ("security",),
                Kind.UNKNOWN_RESIDENCY,
                "data residency unknown: add the regions when the vendor documents them",
            )
        )
    found += _checked(product, security.checked, ("security", "checked"), "security", today)
    if product.capabilities and not product.capabilities_source:
        found.append(
            _finding(
                product,
                ("capabilities",),
                Kind.CAPABILITIES_UNSOURCED,
                "capabilities not checked against a named documentation",
            )
        )
    return found


def _bulk(products: list[Product]) -> list[Finding]:
    by_day: dict[dt.date, list[Product]] = defaultdict(list)
    for p in products:
        checked = p.strategy.last_checked
        if checked is not None:
            by_day[checked.on].append(p)
    found = []
    for day, group in sorted(by_day.items()):
        if len(group) > BULK_THRESHOLD:
            first = group[0]
            path: Path = ("strategy", "checked", "on") if first.strategy.checked else (
                "strategy", "as_of",
            )  # fmt: skip
            names = ", ".join(p.id for p in group[:5])
            found.append(
                _finding(
                    first,
                    path,
                    Kind.BULK_STAMPED,
                    f"{len(group)} products checked on {day.isoformat()} ({names}, …): "
                    "stamped rather than checked? Date each status when you read its source",
                )
            )
    return found


def _shared(products: list[Product]) -> list[Finding]:
    """A host under another product's domain (the longer one silently wins), and an
    application name or id two products declare."""
    found = []
    domains = {d.lower().rstrip("."): p for p in products for d in p.discovery.domains}
    for domain, owner in sorted(domains.items()):
        parts = domain.split(".")
        for i in range(1, len(parts) - 1):
            parent = ".".join(parts[i:])
            other = domains.get(parent)
            if other is not None and other.id != owner.id:
                index = [d.lower().rstrip(".") for d in owner.discovery.domains].index(domain)
                found.append(
                    _finding(
                        owner,
                        ("discovery", "domains", index),
                        Kind.SHARED_HOST,
                        f"'{domain}' is under '{parent}', which '{other.id}' claims: its "
                        "hosts match here, the rest there — name the hosts, not the parent",
                    )
                )
                break
    declared: dict[str, Product] = {}
    for p in products:
        apps = p.discovery.apps
        for key, values in (("names", apps.names), ("ids", apps.ids)):
            for i, value in enumerate(values):
                other = declared.setdefault(fold_app(value), p)
                if other.id != p.id:
                    found.append(
                        _finding(
                            p,
                            ("discovery", "apps", key, i),
                            Kind.SHARED_APP,
                            f"application '{value}' is also declared by '{other.id}'",
                        )
                    )
    return found


def audit(
    catalog: Catalog, today: dt.date, products: Iterable[Product] | None = None
) -> list[Finding]:
    """Every finding: per product (by id), then those across products."""
    chosen = list(products if products is not None else catalog)
    found = [f for p in chosen for f in audit_product(p, catalog, today)]
    return found + _bulk(chosen) + _shared(chosen)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def stale_status_warnings(products: Iterable[Product], today: dt.date) -> list[str]:
    """One line per product whose vendor status was last checked over 12 months ago,
    saying what to re-check and where: what a user sees beside the vendors of their plan
    (the catalog audit is for whoever maintains the catalog)."""
    lines = []
    for product in products:
        strategy, check = product.strategy, product.strategy.last_checked
        if check is None or (today - check.on).days <= MAX_AGE_DAYS:
            continue
        lines.append(
            f"{product.id}: vendor status '{strategy.status.value}' (owner {strategy.owner}) "
            f"last checked {check.on.isoformat()}, over 12 months ago: re-check it "
            f"before relying on it (source: {check.source})"
        )
    return lines
