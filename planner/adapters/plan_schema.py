"""The plan file's schema (DESIGN.md §4) as strict pydantic models, for import.

Every section a reviewer can edit is validated here: types, enums, ISO dates, unknown keys
(typos are errors). Computed sections (``roadmap``, ``candidates``) and computed fields
(``users``, ``trained``, KPI ``actual``) are accepted and ignored. Cross-references
(catalog products, the plan's own tools and pilots, unique ids) are checked by the import
service, which knows the catalog.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from planner.domain.catalog import Category, Deployment
from planner.domain.inventory import Rating
from planner.domain.pilots import Decision, PilotStatus
from planner.domain.plan import ToolStatus, plan_name_problem
from planner.domain.privacy import LegalBasis
from planner.domain.risks import Level, RiskStatus
from planner.domain.rollout import FeatureStatus, TrainingFormat
from planner.domain.scoring import Criterion

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Note = Annotated[str, StringConstraints(max_length=10_000)]
UseCaseId = Literal[
    "internal-network",
    "customer-community",
    "knowledge-management",
    "innovation",
    "social-selling",
    "public-presence",
]


def _plan_name(value: str) -> str:
    problem = plan_name_problem(value)
    if problem is not None:
        raise ValueError(problem)  # pydantic reports it at the name's line and column
    return value


# The same rule as `plan new`: a reviewed file cannot name a plan '../../outside/pwn'.
PlanName = Annotated[str, AfterValidator(_plan_name)]


MAX_COUNT = 10**9  # users, audiences: nothing real comes near; the database stores int64
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]


class _Strict(BaseModel):
    # NaN and infinities are not numbers a reviewer means (and NaN cannot be stored).
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class DataProtectionEntry(_Strict):
    """The data-protection step (issue 18): GDPR Art. 6 basis, DPIA, works council,
    retention of evidence, who holds the pseudonym key."""

    legal_basis: LegalBasis | None = None
    purpose: Note = ""
    dpia_reference: Annotated[str, StringConstraints(max_length=500)] | None = None
    dpia_date: dt.date | None = None
    works_council_date: dt.date | None = None
    retention_days: Annotated[int, Field(ge=1, le=3650)] | None = None
    key_holder: Annotated[str, StringConstraints(max_length=500)] | None = None
    recorded_on: dt.date | None = None


class PlanHeader(_Strict):
    name: PlanName
    organisation: str = ""
    owner: str | None = None
    start: Annotated[dt.date, Field(ge=dt.date(1990, 1, 1), le=dt.date(2200, 1, 1))]
    eu_residency_required: bool = False
    # The champions' target ratio: one champion per N people (issue 19)
    people_per_champion: Annotated[int, Field(ge=1, le=100_000)] = 50
    employees: Annotated[int, Field(ge=1, le=MAX_COUNT)] | None = None
    use_cases: list[UseCaseId] = []
    excluded_deployments: list[Deployment] = []
    data_protection: DataProtectionEntry | None = None


class ToolEntry(_Strict):
    id: Id
    name: Name
    product: Id | None = None
    category: Category | None = None
    status: ToolStatus = ToolStatus.UNOFFICIAL
    classified: bool = False
    purposes: list[Id] = []
    departments: list[Name] = []
    capabilities: list[Id] = []
    users: Count = 0
    sources: list[Id] = []
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    owner: str | None = None
    notes: Note = ""


class Needs(_Strict):
    capabilities: dict[Id, Annotated[int, Field(ge=0, le=5)]] = {}
    criteria: dict[Criterion, Annotated[float, Field(ge=0, le=10)]] = {}


class KpiEntry(_Strict):
    kpi: Id
    target: float
    actual: float | None = None  # computed


class MeasurementEntry(_Strict):
    kpi: Id
    on: dt.date
    value: float
    source: Note | None = None  # None: typed in; else the activity report (issue 19)


class PilotEntry(_Strict):
    id: Id
    product: Id
    title: Name | None = None  # not in the contract: the import names it after its product
    departments: list[Name] = []
    users: Count = 0
    sponsor: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    criteria: list[KpiEntry] = []
    measurements: list[MeasurementEntry] = []
    status: PilotStatus = PilotStatus.PROPOSED
    decision: Decision | None = None
    rationale: Note = ""
    decided_on: dt.date | None = None


class FeatureEntry(_Strict):
    id: Id
    title: Name
    product: Id | None = None
    target_system: Id = "intranet"
    departments: list[Name] = []
    due: dt.date | None = None
    owner: str | None = None
    status: FeatureStatus = FeatureStatus.PLANNED
    pilot: Id | None = None


class UpdateEntry(_Strict):
    on: dt.date
    trained: Count


class TrainingEntry(_Strict):
    id: Id
    title: Name
    department: Name
    audience: Annotated[int, Field(gt=0, le=MAX_COUNT)]
    trained: Count = 0  # computed from updates
    format: TrainingFormat = TrainingFormat.WORKSHOP
    due: dt.date | None = None
    owner: str | None = None
    updates: list[UpdateEntry] = []


class ChampionEntry(_Strict):
    department: Name
    name: Name


Score = Annotated[int, Field(ge=1, le=5)]


Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class ActivityEntry(_Strict):
    """One activity report attached to a pilot or an adopted product, as the aggregates
    the workspace keeps (issue 19): no user is named."""

    subject: Annotated[str, StringConstraints(pattern=r"^(pilot|product):[a-z0-9][a-z0-9-]*$")]
    digest: Digest
    format: Id
    source: Note = ""
    as_of: dt.date
    period_start: dt.date
    period_end: dt.date
    population: Count = 0
    listed: Count = 0
    active: Count = 0
    weekly_active: Count = 0
    posts: Count = 0
    reads: Count | None = None
    replies: Count | None = None
    departments: dict[Name, Annotated[list[Count], Field(min_length=2, max_length=2)]] = {}
    champions: list[tuple[Name, Name, bool, Count]] = []


class ReadinessEntry(_Strict):
    """A department's readiness for change (ADKAR) as assessed on a day (issue 19)."""

    department: Name
    on: dt.date
    awareness: Score
    desire: Score
    knowledge: Score
    ability: Score
    reinforcement: Score
    note: Note = ""


class VendorEntry(_Strict):
    product: Id
    shortlisted: bool = False
    rating: Rating | None = None
    note: Note = ""
    reviewer: str | None = None
    reviewed_on: dt.date | None = None
    status_at_review: Literal["active", "acquired", "declining", "retired"] | None = None


class RiskEntry(_Strict):
    id: Id
    title: Name
    likelihood: Level = Level.MEDIUM
    impact: Level = Level.MEDIUM
    mitigation: Note = ""
    owner: str | None = None
    status: RiskStatus = RiskStatus.OPEN
    evidence: Note = ""


def _registrable(value: str) -> str:
    from planner.domain.suffixes import checked_domain

    return checked_domain(value)


# A registrable domain (``bbc.co.uk``, an IP address), stored in punycode as triage keeps it.
RegistrableDomain = Annotated[
    str, StringConstraints(min_length=1, max_length=255), AfterValidator(_registrable)
]


class TriageEntry(_Strict):
    """A decision on a registrable domain (issue 17): it covers every host under the
    domain that no catalog product claims, now and in later imports."""

    domain: RegistrableDomain
    decision: Literal["mapped", "custom", "ignored"]
    tool: Id | None = None  # the catalog product (mapped) or the plan's tool (custom)


Version = Annotated[int, Field(ge=0, le=2**62)]


class BaseSection(_Strict):
    """What an export was taken from: the plan's revision and each record's version."""

    revision: Version
    tools: dict[str, Version] = {}
    pilots: dict[str, Version] = {}
    features: dict[str, Version] = {}
    training: dict[str, Version] = {}
    vendors: dict[str, Version] = {}
    risks: dict[str, Version] = {}


_LIST_SECTIONS = (
    "roadmap", "tools", "candidates", "pilots", "features", "training", "champions",
    "readiness", "activity", "vendors", "risks", "triage",
)  # fmt: skip


class PlanFile(_Strict):
    schema_: Literal["planner.plan/1"] = Field(alias="schema")
    plan: PlanHeader
    roadmap: list[Any] = []  # computed, ignored on import
    tools: list[ToolEntry] = []
    needs: Needs = Needs()
    candidates: list[Any] = []  # computed, ignored on import
    pilots: list[PilotEntry] = []
    features: list[FeatureEntry] = []
    training: list[TrainingEntry] = []
    champions: list[ChampionEntry] = []
    readiness: list[ReadinessEntry] = []
    activity: list[ActivityEntry] = []
    vendors: list[VendorEntry] = []
    risks: list[RiskEntry] = []
    triage: list[TriageEntry] = []
    base: BaseSection | None = None  # written by an export; absent in a hand-written file

    model_config = ConfigDict(extra="forbid", populate_by_name=True, allow_inf_nan=False)

    @field_validator(*_LIST_SECTIONS, mode="before")
    @classmethod
    def _emptied_is_empty(cls, value: Any) -> Any:
        """A reviewer who deletes a section's last item leaves ``triage:`` with nothing
        under it, which YAML reads as null: that is the empty list, not an error."""
        return [] if value is None else value
