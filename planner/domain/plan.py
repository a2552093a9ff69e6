"""Plans and the tools found in use, as the services and front ends handle them.

Plain frozen dataclasses: no database session behind them, so a screen can keep one after
the unit of work that produced it has closed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from planner.domain.names import name_key
from planner.domain.records.labels import Shown

if TYPE_CHECKING:  # the command line reads TOOL_FIELDS at start-up, without pydantic
    from planner.domain.catalog import Category


class ToolStatus(StrEnum):
    OFFICIAL = "official"
    TOLERATED = "tolerated"
    UNOFFICIAL = "unofficial"
    BANNED = "banned"


# The tool's fields shown to people, in order, with their labels (domain.records.labels).
# Its name is the argument of ``tools add`` and ``tools set --name``, asked for on its own.
TOOL_FIELDS: dict[str, Shown] = {
    "status": Shown(
        "Status",
        "the tool's standing in the organisation",
        choices=tuple(s.value for s in ToolStatus),
    ),
    "owner": Shown("Owner", "who answers for the tool", placeholder="a role or team"),
    "notes": Shown("Notes", "free text"),
    "purposes": Shown("Purposes", "ids from the purposes vocabulary", "list", metavar="P1,P2"),
    "departments": Shown(
        "Departments",
        "departments using it, comma-separated",
        "list",
        metavar="D1,D2",
        placeholder="comma-separated",
        aliases=("--department",),
    ),
    "product": Shown("Catalog product", "map to a catalog product ('' to unmap)", metavar="ID"),
    "category": Shown(
        "Gartner category",
        "Gartner category of a custom tool",
        choices=("internal", "external", "public"),  # Category's (a test keeps them equal)
    ),
}


class Source(StrEnum):
    PROXY_LOG = "proxy-log"
    DNS_LOG = "dns-log"
    SIGN_IN_LOG = "sign-in-log"  # identity providers: sign-ins, consents, OAuth tokens
    SURVEY = "survey"
    INTERVIEW = "interview"
    MANUAL = "manual"


# The purposes vocabulary, from the source documents (CompTIA 2012, CareerBuilder, Avanade,
# the Jamespot interview): what people use social tools for.
PURPOSES: dict[str, str] = {
    "visibility-brand": "Visibility and brand",
    "customer-relations": "Customer relations",
    "recruiting": "Recruiting",
    "internal-sharing": "Sharing with colleagues",
    "expertise-location": "Expertise location",
    "project-coordination": "Project coordination",
    "knowledge-management": "Knowledge management",
    "innovation": "Innovation and ideas",
    "social-selling": "Social selling",
    "partner-collaboration": "Partner collaboration",
    "data-gathering": "Data gathering and analysis",
}


@dataclass(frozen=True)
class Plan:
    name: str
    start: dt.date
    organisation: str = ""
    owner: str | None = None
    eu_residency_required: bool = False
    employees: int | None = None  # head-count: shadow-IT thresholds are relative to it
    use_cases: tuple[str, ...] = ()  # ids of planner.domain.use_cases.USE_CASES
    excluded_deployments: tuple[str, ...] = ()  # "on-premises", "hybrid", "cloud"
    # The organisation's profile (domain.profile): licences as "suite" or "suite:tier",
    # countries as ISO 3166-1 alpha-2 codes.
    suites: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()

    @property
    def shadow_it_users(self) -> int:
        """Unofficial tools with more users than this need bringing in: 2 % of the
        head-count (at least 5), or 50 while the head-count is unknown."""
        if not self.employees:
            return 50
        return max(5, round(self.employees * 0.02))


@dataclass(frozen=True)
class Tool:
    slug: str
    name: str
    product: str | None = None
    category: Category | None = None
    status: ToolStatus = ToolStatus.UNOFFICIAL
    purposes: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    capabilities: tuple[str, ...] = ()
    log_users: int = 0  # distinct pseudonymous users seen in logs, all hosts and imports
    survey_users: int = 0  # users reported by surveys
    requests: int = 0
    bytes: int = 0
    sources: tuple[str, ...] = ()
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    owner: str | None = None
    notes: str = ""
    version: int = field(default=1, compare=False)
    # Requests the proxy denied to a known user (Squid TCP_DENIED/403): evidence that a
    # ban bites, never counted as use (not in requests, not in log_users).
    blocked: int = 0

    classified: bool = False  # an IT manager decided the status (logs only suggest one)

    @property
    def users(self) -> int:
        """Users of the tool: the larger of what logs show and what people report."""
        return max(self.log_users, self.survey_users)

    @property
    def custom(self) -> bool:
        return self.product is None

    @property
    def done_discovering(self) -> bool:
        """Discover's done-ness for one tool: status decided and purposes described."""
        return self.classified and bool(self.purposes)


PLAN_NAME_MAX = 120
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plan_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a plan, or None. One rule for every path that makes a plan
    (``plan new``, the TUI's form, a reviewed file's ``plan.name``): the name becomes the
    default export file ``plans/NAME.yaml``, so it may not steer that path (separators, a
    leading dot, ``..``) nor hold characters a terminal or file name would act on."""
    if not name or name != name.strip():
        return "a plan name cannot be empty or start or end with spaces"
    if len(name) > PLAN_NAME_MAX:
        return f"a plan name has at most {PLAN_NAME_MAX} characters"
    if _UNPRINTABLE.search(name):
        return "a plan name cannot hold control or bidi characters"
    if "/" in name or "\\" in name:
        return "a plan name cannot contain '/' or '\\' (it names the exported file)"
    if name.startswith("."):
        return "a plan name cannot start with '.' (it names the exported file)"
    return None


SLUG_MAX = 80


def slugify(text: str, fallback: str = "tool") -> str:
    """A stable id from a name: ASCII, lowercase, hyphens (``Viva Engage`` -> ``viva-engage``).

    Lossy on purpose (ids are typed on command lines): "C++ forum" and "C forum" both give
    ``c-forum``. Wherever two names can meet, use :func:`unique_slug` instead.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:SLUG_MAX].rstrip("-") or fallback


def same_name(a: str, b: str) -> bool:
    """Names compared in full: case, runs of spaces, Unicode spelling (NFC or NFD,
    fullwidth) and invisible characters aside, every character counts (``names``)."""
    return name_key(a) == name_key(b)


def unique_slug(name: str, taken: Mapping[str, str], fallback: str = "tool") -> str:
    """The id for ``name`` given ``taken`` (id -> the name that holds it).

    The name's own id when free or held by the same name; otherwise the first free of
    ``id-2``, ``id-3``…, so that two different names never share a record (a survey's
    "C++ forum" and "C forum" stay two tools with their own answers).
    """
    base = slugify(name, fallback)
    candidate, n = base, 1
    while candidate in taken and not same_name(taken[candidate], name):
        n += 1
        suffix = f"-{n}"
        candidate = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
    return candidate
