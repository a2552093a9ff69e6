"""The vendor catalog as the rest of the code sees it: validated, immutable products.

The objects here are plain frozen dataclasses, and they are the one definition of the
catalog contract of DESIGN.md §3: a read command takes the catalog from the cache
(``adapters/catalog_cache``) without importing pydantic, which was a fifth of the start-up
of ``plan report``, while ``domain/catalog_schema`` has pydantic validate a reviewer's YAML
against these same classes (unknown keys refused, each value checked against its
``Bounds``). Nothing here imports pydantic: it reads the hooks of ``domain/catalog_bounds``
only when it validates. Loading the YAML and locating errors in files is the adapters'
job (``adapters/catalog_files``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import field
from enum import StrEnum
from typing import Annotated

from planner.domain.catalog_bounds import APP_NAME, DOMAIN_NAME, SLUG, TEXT, YEAR, record

ONE_WAY_TO_DATE = "give 'checked' alone: 'as_of' and 'source' are its old form"

Slug = Annotated[str, SLUG]
Text = Annotated[str, TEXT]


class Category(StrEnum):
    """Gartner's three categories of social offers."""

    INTERNAL = "internal"  # intra-enterprise platforms
    EXTERNAL = "external"  # platforms open to customers and partners
    PUBLIC = "public"  # public social media

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    Category.INTERNAL: "Internal platform",
    Category.EXTERNAL: "Open to customers & partners",
    Category.PUBLIC: "Public social media",
}


class Deployment(StrEnum):
    CLOUD = "cloud"
    ON_PREMISES = "on-premises"
    HYBRID = "hybrid"


class SsoProtocol(StrEnum):
    SAML = "saml"
    OIDC = "oidc"
    WS_FEDERATION = "ws-federation"
    LDAP = "ldap"
    KERBEROS = "kerberos"
    OAUTH = "oauth"


class Region(StrEnum):
    EU = "eu"
    US = "us"
    UK = "uk"
    CA = "ca"
    AU = "au"
    JP = "jp"
    IN = "in"
    CH = "ch"
    FR = "fr"
    DE = "de"
    GLOBAL = "global"


class VendorStatus(StrEnum):
    ACTIVE = "active"
    ACQUIRED = "acquired"
    DECLINING = "declining"
    RENAMED = "renamed"  # lives on as ``successor`` (Yammer -> Viva Engage): not an exit
    RETIRED = "retired"


class Level(StrEnum):
    """How a product provides a capability, checked against its own documentation."""

    NATIVE = "native"
    PARTIAL = "partial"  # present but limited (e.g. polls but no surveys)
    ADD_ON = "add-on"  # a paid option, a marketplace app or a companion product


# Suites an organisation can run, each with its platform domains: hosts that show the
# suite is used, not which of its products (all of salesforce.com is not Chatter).
SUITES: dict[str, tuple[str, tuple[str, ...]]] = {
    "microsoft-365": ("Microsoft 365", ("office.com", "microsoft365.com", "office365.com")),
    "google-workspace": ("Google Workspace", ("workspace.google.com",)),
    "salesforce": ("Salesforce", ("salesforce.com", "force.com", "lightning.force.com")),
    "atlassian": ("Atlassian Cloud", ("atlassian.net", "atlassian.com")),
    "zoom": ("Zoom Workplace", ("zoom.us",)),
}
# The registrable domain of each platform domain above that is not one itself (a test
# checks them against the Public Suffix List): ranking looks hosts up by registrable
# domain without loading the list.
PLATFORM_REGISTRABLE = {"workspace.google.com": "google.com", "lightning.force.com": "force.com"}


@record
class Capability:
    id: Slug
    name: Text
    description: Text


class SourceKind(StrEnum):
    """Where a fact was read: a primary source (the vendor's own page, a regulatory
    filing), a reputable news report, or a secondary one (aggregator, wiki, blog)."""

    VENDOR = "vendor"
    FILING = "filing"
    NEWS = "news"
    SECONDARY = "secondary"


@record
class Checked:
    """When a group of facts was last checked, against what, and whether a primary source
    confirmed them (``verified: false`` is shown as unverified, never as fact)."""

    on: dt.date
    source: Text
    kind: SourceKind
    verified: bool = False

    @property
    def primary(self) -> bool:
        return self.verified and self.kind is not SourceKind.SECONDARY


@record
class Security:
    sso: tuple[SsoProtocol, ...] = ()
    data_residency: tuple[Region, ...] | None = None  # None: not known
    certifications: tuple[Slug, ...] = ()  # iso-27001, soc-2, c5, hds, ... (free slugs)
    checked: Checked | None = None  # when residency and certifications were checked


@record
class Reach:
    """Whom the product can reach beyond desk staff, as its vendor documents it: people
    who sign in without a corporate mailbox (a phone number, a code, a user name), and
    staff sharing one device per shift (sign out between users). ``None``: no page read
    says, and the ranking says "unknown" rather than guess."""

    without_email: bool | None = None
    shared_devices: bool | None = None
    checked: Checked | None = None  # when and where it was read


@record
class DiscoveryApps:
    """How an identity provider names the product: the application display names its
    sign-in logs and consent grants show, and its application (client) ids."""

    names: tuple[Annotated[str, APP_NAME], ...] = ()
    ids: tuple[Annotated[str, APP_NAME], ...] = ()


@record
class Discovery:
    domains: tuple[Annotated[str, DOMAIN_NAME], ...] = ()
    apps: DiscoveryApps = DiscoveryApps()


@record
class HistoryEvent:
    year: Annotated[int, YEAR]
    date: dt.date | None = None
    event: Text
    source: Text | None = None


@record
class Strategy:
    """``checked``, or before it the old ``as_of``/``source`` pair, never both."""

    status: VendorStatus
    owner: Text
    successor: Slug | None = None
    end_of_support: dt.date | None = None  # or the end the owner announced
    acquired_on: dt.date | None = None  # the deal that made ``owner`` the owner
    announced_on: dt.date | None = None  # when the owner announced the deal or the end
    retired_on: dt.date | None = None  # when it actually ended
    checked: Checked | None = None  # when the status was last checked, and against what
    # Before ``checked``: still read so that users' catalogs keep loading.
    as_of: dt.date | None = None
    source: Text | None = None
    history: tuple[HistoryEvent, ...] = ()

    def __post_init__(self) -> None:
        if self.checked is not None and (self.as_of is not None or self.source is not None):
            raise ValueError(ONE_WAY_TO_DATE)

    @property
    def last_checked(self) -> Checked | None:
        """``checked``, or the old ``as_of``/``source`` pair read as an unverified check of
        unknown kind (counted as secondary)."""
        if self.checked is not None:
            return self.checked
        if self.as_of is None or self.source is None:
            return None
        return Checked(on=self.as_of, source=self.source, kind=SourceKind.SECONDARY)


@record
class Adoption:
    source: Text
    metric: Text
    value: Text


@record
class Product:
    id: Slug
    name: Text
    vendor: Text
    category: Category
    summary: Text
    aliases: tuple[Text, ...] = ()
    capabilities: tuple[Slug, ...] = ()
    deployment: tuple[Deployment, ...] = ()
    security: Security = Security()
    reach: Reach = Reach()  # frontline reach: sign-in without e-mail, shared devices
    discovery: Discovery = Discovery()
    strategy: Strategy
    adoption: tuple[Adoption, ...] = ()
    sources: tuple[Text, ...] = ()
    # Suite fit: the suite the product belongs to, the suites whose licences include it,
    # the suites it integrates with (ids of SUITES).
    suite: Slug | None = None
    included_in: tuple[Slug, ...] = ()
    integrates_with: tuple[Slug, ...] = ()
    # Capabilities not provided natively (absent: native), and the documentation checked.
    capability_levels: dict[Slug, Level] = field(default_factory=dict)
    capabilities_source: Text | None = None
    # The catalog folder the file sits in (enterprise-social, frontline, ...): set by the
    # loader from the file's place, never written in the file.
    family: Slug | None = None

    @property
    def has_sso(self) -> bool:
        return bool(self.security.sso)

    def level(self, capability: str) -> Level | None:
        if capability not in self.capabilities:
            return None
        return self.capability_levels.get(capability, Level.NATIVE)


ACQUISITION_WINDOW_YEARS = 3  # an acquisition weighs while the new owner settles the roadmap


class AcquisitionEffect(StrEnum):
    """What an acquisition means for a product on a given day, from the catalog's dates."""

    NONE = "none"  # not acquired, or the deal is old enough to be settled (LinkedIn, 2016)
    RECENT = "recent"  # within ACQUISITION_WINDOW_YEARS of the deal
    ENDING = "ending"  # the owner announced an end
    UNKNOWN = "unknown"  # acquired, but the catalog does not date the deal


def acquisition_effect(product: Product, today: dt.date) -> AcquisitionEffect:
    """The deal's effect follows its date (the close, else the announcement); an undated
    deal's effect is unknown, never "recent" for ever."""
    strategy = product.strategy
    if strategy.status is not VendorStatus.ACQUIRED:
        return AcquisitionEffect.NONE
    if strategy.end_of_support is not None:
        return AcquisitionEffect.ENDING
    deal = strategy.acquired_on or strategy.announced_on
    if deal is None:
        return AcquisitionEffect.UNKNOWN
    recent = (today - deal).days < ACQUISITION_WINDOW_YEARS * 365.25
    return AcquisitionEffect.RECENT if recent else AcquisitionEffect.NONE


def acquisition_weighs(product: Product, today: dt.date) -> bool:
    """'acquired' is a known risk within a few years of the deal, or once the owner
    announced an end; LinkedIn, Microsoft's since 2016, is a healthy platform."""
    return acquisition_effect(product, today) in (
        AcquisitionEffect.RECENT,
        AcquisitionEffect.ENDING,
    )


def suites_of(product: Product) -> set[str]:
    """The suites a product is part of: its own, and those whose licences include it."""
    return {*([product.suite] if product.suite else []), *product.included_in}


class Catalog:
    """Products and capabilities by id, in a stable (id) order."""

    def __init__(self, capabilities: Iterable[Capability], products: Iterable[Product]) -> None:
        self.capabilities: dict[str, Capability] = {c.id: c for c in capabilities}
        self.products: dict[str, Product] = {p.id: p for p in sorted(products, key=lambda p: p.id)}

    def __iter__(self) -> Iterator[Product]:
        return iter(self.products.values())

    def __len__(self) -> int:
        return len(self.products)

    def get(self, product_id: str) -> Product | None:
        return self.products.get(product_id)

    def filter(
        self, *, category: Category | None = None, capability: str | None = None
    ) -> list[Product]:
        return [
            p
            for p in self
            if (category is None or p.category is category)
            and (capability is None or capability in p.capabilities)
        ]

    def domains(self) -> dict[str, str]:
        """Discovery domain -> product id, for matching hosts seen in logs."""
        return {d.lower().rstrip("."): p.id for p in self for d in p.discovery.domains}

    def apps(self) -> dict[str, str]:
        """Application display name or id (folded) -> product id, for matching what
        identity providers and CASBs log (sign-ins, consents, app columns) to products.

        A product's name and aliases match too; a name or id a product declares in
        ``discovery.apps`` wins over another product's name or alias that folds the same.
        """
        found = {_fold(n): p.id for p in self for n in (p.name, *p.aliases)}
        found.update(
            {_fold(n): p.id for p in self for n in (*p.discovery.apps.names, *p.discovery.apps.ids)}
        )
        return found

    def find_by_name(self, name: str) -> Product | None:
        """The product whose id, name or alias equals ``name`` (case and spacing ignored),
        followed through renames: people still say "Yammer" of what is now Viva Engage,
        and a survey's or an interview's name must land on the tool the logs feed, not
        start a second one beside it."""
        wanted = _fold(name)
        for p in self:
            if wanted in {_fold(p.id), _fold(p.name), *(_fold(a) for a in p.aliases)}:
                return self.current(p)
        return None

    def current(self, product: Product) -> Product:
        """What ``product`` lives on as: its successor when it was renamed (Yammer -> Viva
        Engage), followed to the end; itself otherwise. A retired product is not renamed:
        its successor is where people should go, not what they use."""
        seen = {product.id}
        while product.strategy.status is VendorStatus.RENAMED and product.strategy.successor:
            successor = self.get(product.strategy.successor)
            if successor is None or successor.id in seen:
                break  # the audit reports a missing or looping successor
            seen.add(successor.id)
            product = successor
        return product


def fold_app(text: str) -> str:
    """How application names and ids are compared: case, accents, dashes, spacing and
    trademark signs ignored ("Jamespot®" and "JAMESPOT" are one name, "Équipe" "equipe")."""
    return _fold(text)


_MARKS = str.maketrans({"\u2122": " ", "\u00ae": " ", "\u00a9": " ", "-": " ", "\u2010": " "})


def _fold(text: str) -> str:
    """Compatibility forms (fullwidth ``ｓｌａｃｋ``) and accents fold away; format
    characters do not: ``Slack`` plus a zero-width space is another registration passing
    for Slack, left for triage (and shown marked there), not matched."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_MARKS))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())
