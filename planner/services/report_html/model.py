"""The HTML page's view-model as types: what each section of the template prints.

The section builders fill these from the gathered report; the template reads their fields
by name (``{{ coverage.gaps }}``), so a field renamed or forgotten shows in ``mypy`` rather
than as a blank in a page nobody checks. Values are already worded for the page — strings,
numbers, flags — and the charts are SVG :class:`~markupsafe.Markup` escaped by their maker.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from markupsafe import Markup


@dataclass(frozen=True)
class Glance:
    value: str
    label: str
    tone: str


@dataclass(frozen=True)
class PlanHeader:
    name: str
    organisation: str
    owner: str
    start: str
    end: str


@dataclass(frozen=True)
class PhaseView:
    label: str
    steps: str
    starts: str
    due: str
    progress: int  # percent
    status: str
    tone: str
    current: bool
    when: str


@dataclass(frozen=True)
class RoadmapView:
    phases: list[PhaseView]
    actions: list[str]
    day: int  # days of the plan year elapsed
    days: int
    year_pct: int


@dataclass(frozen=True)
class FeatureRow:
    title: str
    target: str
    due: str
    owner: str
    status: str
    late: bool


@dataclass(frozen=True)
class SectionCount:
    section: str
    added: int
    removed: int
    changed: int


@dataclass(frozen=True)
class ChangeRow:
    section: str
    id: str
    kind: str
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class ChangesView:
    path: str
    total: int
    sections: list[SectionCount]
    rows: list[ChangeRow]
    more: int  # changes not listed


@dataclass(frozen=True)
class OverlapRow:
    capability: str
    tools: str


@dataclass(frozen=True)
class FlagRow:
    kind: str
    message: str
    severity: str


@dataclass(frozen=True)
class ToolRow:
    name: str
    category: str
    status: str
    classified: bool
    users: int
    owner: str
    departments: int
    tone: str


@dataclass(frozen=True)
class CoverageView:
    svg: Markup | None
    gaps: list[str]
    overlaps: list[OverlapRow]
    hidden_tools: int
    left_out: int
    flags: list[FlagRow]
    tools: list[ToolRow]


@dataclass(frozen=True)
class WeightRow:
    label: str
    weight: str


@dataclass(frozen=True)
class ExcludedRow:
    name: str
    reason: str


@dataclass(frozen=True)
class CandidatesView:
    svg: Markup | None
    count: int
    shown: int
    needs: int
    weights: list[WeightRow]
    sensitivity: str | None
    excluded: list[ExcludedRow]
    label: str | None = None  # the use case of this ranking, when the plan has several
    why: str | None = None


@dataclass(frozen=True)
class KpiRow:
    kpi: str
    label: str
    baseline: str
    target: str
    actual: str
    measured: str
    result: str
    tone: str
    bullet: Markup
    trend: Markup | None
    points: int


@dataclass(frozen=True)
class PilotView:
    title: str
    product: str
    status: str
    decision: str | None
    tone: str
    departments: str
    users: int
    # The shown fields the layout does not place itself (PILOT_FIELDS beyond title,
    # departments, users, start and end): label in lower case and value, in their order.
    others: list[tuple[str, str]]
    start: str
    end: str
    rationale: str
    kpis: list[KpiRow]


@dataclass(frozen=True)
class MilestoneRow:
    title: str
    department: str
    format: str
    due: str
    trained: str
    completion: str
    late: bool


@dataclass(frozen=True)
class ChampionRow:
    department: str
    name: str


@dataclass(frozen=True)
class AdoptionRow:
    department: str
    people: int | str
    trained: str
    active: str
    as_of: str
    trend: Markup | None
    readiness: str
    barrier: str | None
    champions: str


@dataclass(frozen=True)
class AdoptionSection:
    products: str
    ratio: int
    rows: list[AdoptionRow]
    actions: list[str]


@dataclass(frozen=True)
class TrainingView:
    svg: Markup | None
    overall: str
    milestones: list[MilestoneRow]
    champions: list[ChampionRow]
    adoption: AdoptionSection | None = None


@dataclass(frozen=True)
class RiskRow:
    number: int
    title: str
    likelihood: str
    impact: str
    status: str
    open_high: bool
    owner: str
    mitigation: str
    evidence: str


@dataclass(frozen=True)
class RisksView:
    svg: Markup | None
    rows: list[RiskRow]
    open_high: int


@dataclass(frozen=True)
class PrivacyView:
    rows: list[tuple[str, str | None]]
    missing: list[str]
    purges: list[str]


@dataclass(frozen=True)
class SummaryView:
    """The steering committee's first page (``services.steering.Summary`` worded)."""

    decisions: list[str]
    spend_now: str
    spend_after: str
    saving: str
    dates: list[tuple[str, str, str]]  # (day, what, kind)
    risks: list[str]


@dataclass(frozen=True)
class ComparisonRow:
    name: str
    score: str
    capabilities: str
    residency: str
    certifications: str
    suite_fit: str
    cost: str
    unknown_cost: bool


@dataclass(frozen=True)
class Page:
    """Every section of the page, as the template names them."""

    title: str
    plan: PlanHeader
    today: str
    today_long: str
    glance: list[Glance]
    summary: SummaryView
    comparison: list[ComparisonRow]
    roadmap: RoadmapView
    timeline: Markup
    features: list[FeatureRow]
    changes: ChangesView | None
    coverage: CoverageView
    candidate_lists: list[CandidatesView]
    pilots: list[PilotView]
    training: TrainingView
    risks: RisksView
    privacy: PrivacyView

    def context(self) -> dict[str, Any]:
        """The template's variables: one per section (the sections stay typed)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}
