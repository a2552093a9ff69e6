"""The plan file's schema (DESIGN.md §4) as strict pydantic models, for import.

A record's entry is its definition (``planner.domain.records``, as the plain pydantic copy
generated in ``records/plain``: validating a file loads neither SQLModel nor SQLAlchemy)
with the file's key (``id`` or the vendor's ``product``) and the file-only fields: computed
values (a tool's ``users``, a training's ``trained``, a KPI's ``actual``) and nested lists.
So a field added to a definition is in the file's schema, and in its merge, once
``scripts/make_core_schema.py`` has regenerated the copies (a test fails until then).

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
    model_validator,
)

from planner.domain.catalog import Deployment
from planner.domain.plan import plan_name_problem
from planner.domain.profile import parse_country, parse_licence
from planner.domain.records.plain import Plain
from planner.domain.records.plain.adoption import DataProtectionFields, ReadinessFields
from planner.domain.records.plain.audience import AudienceFields
from planner.domain.records.plain.contract import ContractFields, ExitStepFields
from planner.domain.records.plain.inventory import (
    RiskFields,
    ToolFields,
    TriageRuleFields,
    VendorFields,
)
from planner.domain.records.plain.pilot import KpiFields, MeasurementFields, PilotFields
from planner.domain.records.plain.rollout import (
    ChampionFields,
    FeatureFields,
    TrainingFields,
    TrainingUpdateFields,
)
from planner.domain.records.types import MAX_COUNT, Audience, Count, Id, Name, Note
from planner.domain.rules import PLAN_STARTS
from planner.domain.scoring import Criterion

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


def _licence(value: str) -> str:
    return parse_licence(value).text  # ValueError: at the entry's line and column


def _country(value: str) -> str:
    return parse_country(value)


# The same rule as `plan new`: a reviewed file cannot name a plan '../../outside/pwn'.
PlanName = Annotated[str, AfterValidator(_plan_name)]


# NaN and infinities are not numbers a reviewer means (and NaN cannot be stored); unknown
# keys are typos.
STRICT = ConfigDict(extra="forbid", allow_inf_nan=False)


class _Strict(BaseModel):
    """The file's other parts (header, needs, base, activity): strict too."""

    model_config = STRICT


# BaseModel named beside Plain (its base) for linters, which know a pydantic model by it:
# its list defaults are copied for each instance, not shared.
class _Entry(Plain, BaseModel):
    """A record's entry: its definition, strict as the rest of the file."""

    model_config = STRICT


class DataProtectionEntry(DataProtectionFields, _Entry):
    """The data-protection step: GDPR Art. 6 basis, DPIA, works council, retention of
    evidence, who holds the pseudonym key."""


class PlanHeader(_Strict):
    name: PlanName
    organisation: str = ""
    owner: str | None = None
    start: Annotated[dt.date, Field(ge=PLAN_STARTS[0], le=PLAN_STARTS[1])]
    eu_residency_required: bool = False
    # The champions' target ratio: one champion per N people
    people_per_champion: Annotated[int, Field(ge=1, le=100_000)] = 50
    employees: Annotated[int, Field(ge=1, le=MAX_COUNT)] | None = None
    use_cases: list[UseCaseId] = []
    excluded_deployments: list[Deployment] = []
    # The organisation's profile: "microsoft-365:E3" (a tier each), ISO country codes.
    suites: list[Annotated[str, AfterValidator(_licence)]] = []
    countries: list[Annotated[str, AfterValidator(_country)]] = []
    data_protection: DataProtectionEntry | None = None


class _ToolKey(_Entry):
    id: Id


class ToolEntry(ToolFields, _ToolKey):
    users: Count = 0  # computed


class Needs(_Strict):
    capabilities: dict[Id, Annotated[int, Field(ge=0, le=5)]] = {}
    criteria: dict[Criterion, Annotated[float, Field(ge=0, le=10)]] = {}


class KpiEntry(KpiFields, _Entry):
    actual: float | None = None  # computed


class MeasurementEntry(MeasurementFields, _Entry):
    """The file's record: its definition, strict."""


class _PilotKey(_Entry):
    id: Id


class PilotEntry(PilotFields, _PilotKey):
    # Optional in a file only (not in the contract): the import names it after its product.
    title: Name | None = None  # type: ignore[assignment]
    criteria: list[KpiEntry] = []
    measurements: list[MeasurementEntry] = []


class _FeatureKey(_Entry):
    id: Id


class FeatureEntry(FeatureFields, _FeatureKey):
    """The file's record: its definition, strict."""


class UpdateEntry(TrainingUpdateFields, _Entry):
    """The file's record: its definition, strict."""


class _TrainingKey(_Entry):
    id: Id


class TrainingEntry(TrainingFields, _TrainingKey):
    audience: Audience  # required in a file
    trained: Count = 0  # computed from updates
    updates: list[UpdateEntry] = []


class ChampionEntry(ChampionFields, _Entry):
    """The file's record: its definition, strict."""


Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class ActivityEntry(_Strict):
    """One activity report attached to a pilot or an adopted product, as the aggregates
    the workspace keeps: no user is named."""

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


class ReadinessEntry(ReadinessFields, _Entry):
    """A department's readiness for change (ADKAR) as assessed on a day."""


class _VendorKey(_Entry):
    product: Id


class VendorEntry(VendorFields, _VendorKey):
    """The file's record: its definition, strict."""


class _RiskKey(_Entry):
    id: Id


class RiskEntry(RiskFields, _RiskKey):
    """The file's record: its definition, strict."""


def _registrable(value: str) -> str:
    from planner.domain.suffixes import checked_domain

    return checked_domain(value)


# A registrable domain (``bbc.co.uk``, an IP address), stored in punycode as triage keeps it.
RegistrableDomain = Annotated[
    str, StringConstraints(min_length=1, max_length=255), AfterValidator(_registrable)
]


class _TriageKey(_Entry):
    domain: RegistrableDomain


class TriageEntry(TriageRuleFields, _TriageKey):
    """The file's record: its definition, strict."""


class _ContractKey(_Entry):
    id: Id


class ContractEntry(ContractFields, _ContractKey):
    """A licence contract: its definition, strict; its dates checked together."""

    @model_validator(mode="after")
    def _dates(self) -> ContractEntry:
        from planner.domain.contracts import contract_problem

        problem = contract_problem(self.start, self.end, self.notice_days)
        if problem is not None:
            raise ValueError(problem)
        return self


class _AudienceKey(_Entry):
    id: Id


class AudienceEntry(AudienceFields, _AudienceKey):
    """An audience the plan must reach: its definition, strict."""


class _ExitKey(_Entry):
    id: Id


class ExitEntry(ExitStepFields, _ExitKey):
    """A step of a tool's exit plan: its definition, strict."""


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
    contracts: dict[str, Version] = {}
    exits: dict[str, Version] = {}
    audiences: dict[str, Version] = {}


_LIST_SECTIONS = (
    "audiences", "roadmap", "tools", "candidates", "pilots", "features", "training", "champions",
    "readiness", "activity", "vendors", "risks", "triage", "contracts", "exits",
)  # fmt: skip


class PlanFile(_Strict):
    schema_: Literal["planner.plan/1"] = Field(alias="schema")
    plan: PlanHeader
    audiences: list[AudienceEntry] = []
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
    contracts: list[ContractEntry] = []
    exits: list[ExitEntry] = []
    base: BaseSection | None = None  # written by an export; absent in a hand-written file

    model_config = ConfigDict(extra="forbid", populate_by_name=True, allow_inf_nan=False)

    @field_validator(*_LIST_SECTIONS, mode="before")
    @classmethod
    def _emptied_is_empty(cls, value: Any) -> Any:
        """A reviewer who deletes a section's last item leaves ``triage:`` with nothing
        under it, which YAML reads as null: that is the empty list, not an error."""
        return [] if value is None else value
