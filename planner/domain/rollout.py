"""Phase 3: social features introduced into existing solutions, and training milestones.

Pure rules (completion, lateness, progress, next actions, features proposed by an adopted
pilot) so the dashboard, the timeline, the report and the plan file agree, and tests can
freeze "today".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from planner.domain.next_actions import NextAction, Screen, Subject, Target
from planner.domain.records.labels import Shown
from planner.domain.words import counted

if TYPE_CHECKING:  # the command line reads FEATURE_FIELDS at start-up, without pydantic
    from planner.domain.catalog import Product


class FeatureStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    LIVE = "live"
    DROPPED = "dropped"


class TrainingFormat(StrEnum):
    WORKSHOP = "workshop"
    E_LEARNING = "e-learning"
    CHAMPIONS = "champions-network"
    OFFICE_HOURS = "office-hours"
    ONBOARDING_KIT = "onboarding-kit"


# Where social features land: the company's existing solutions (Gartner's step 3).
TARGET_SYSTEMS = ("intranet", "email", "crm", "sharepoint", "teams", "mobile-app", "erp", "other")

# The feature's fields shown to people, in order, with their labels (domain.records.labels).
# ``feature add`` takes the title as its argument; ``feature set`` as an option.
FEATURE_FIELDS: dict[str, Shown] = {
    "title": Shown("Title", "a new title"),
    "product": Shown("Product", "the catalog product that brings it", metavar="ID"),
    "target_system": Shown(
        "Lands in", ", ".join(TARGET_SYSTEMS), metavar="SYSTEM", option="target"
    ),
    "departments": Shown(
        "Departments",
        "departments it is for, comma-separated",
        "list",
        metavar="D1,D2",
        aliases=("--department",),
    ),
    "due": Shown("Due", "due date", "date", metavar="YYYY-MM-DD"),
    "owner": Shown("Owner", "who delivers it"),
    "status": Shown("Status", "where it stands", choices=tuple(s.value for s in FeatureStatus)),
}

# A training milestone's shown fields; ``training add`` takes the title as its argument.
TRAINING_FIELDS: dict[str, Shown] = {
    "department": Shown(
        "Department", "the department to train", aliases=("--departments",), required=True
    ),
    "audience": Shown("Audience", "headcount to train", "int", required=True),
    "format": Shown(
        "Format",
        "how it is taught (default workshop)",
        choices=tuple(f.value for f in TrainingFormat),
        default=TrainingFormat.WORKSHOP.value,
    ),
    "due": Shown("Due", "due date", "date", metavar="YYYY-MM-DD"),
    "owner": Shown("Owner", "who delivers it"),
}


@dataclass(frozen=True)
class Feature:
    id: str
    title: str
    product: str | None = None
    target_system: str = "intranet"
    departments: tuple[str, ...] = ()
    due: dt.date | None = None
    owner: str | None = None
    status: FeatureStatus = FeatureStatus.PLANNED
    pilot: str | None = None  # the adopted pilot that proposed it
    version: int = field(default=1, compare=False)

    def late(self, today: dt.date) -> bool:
        return (
            self.due is not None
            and self.due < today
            and self.status in (FeatureStatus.PLANNED, FeatureStatus.IN_PROGRESS)
        )


@dataclass(frozen=True)
class TrainingUpdate:
    on: dt.date
    trained: int  # people trained so far (a running total, not an increment)


@dataclass(frozen=True)
class Training:
    id: str
    title: str
    department: str
    audience: int
    format: TrainingFormat = TrainingFormat.WORKSHOP
    due: dt.date | None = None
    owner: str | None = None
    updates: tuple[TrainingUpdate, ...] = ()
    version: int = field(default=1, compare=False)

    @property
    def trained(self) -> int:
        """The latest count recorded (updates are running totals)."""
        if not self.updates:
            return 0
        return max(self.updates, key=lambda u: (u.on, u.trained)).trained

    @property
    def completion(self) -> float:
        return min(1.0, self.trained / self.audience) if self.audience > 0 else 0.0

    def late(self, today: dt.date) -> bool:
        """Late when the due date has passed below 100 %."""
        return self.due is not None and self.due < today and self.completion < 1.0


@dataclass(frozen=True)
class Champion:
    department: str
    name: str  # a role title or initials: no personal data is needed
    # Their account pseudonymised with the workspace key (to find their own activity in
    # reports); never exported
    pseudonym: str | None = field(default=None, compare=False)


def rollout_progress(features: Sequence[Feature], trainings: Sequence[Training]) -> float:
    """Mean of features live (of those not dropped) and people trained against audience;
    a side with nothing planned does not count."""
    parts = []
    active = [f for f in features if f.status is not FeatureStatus.DROPPED]
    if active:
        parts.append(sum(f.status is FeatureStatus.LIVE for f in active) / len(active))
    audience = sum(t.audience for t in trainings)
    if audience:
        parts.append(sum(min(t.trained, t.audience) for t in trainings) / audience)
    return sum(parts) / len(parts) if parts else 0.0


def rollout_actions(
    features: Sequence[Feature], trainings: Sequence[Training], today: dt.date, horizon: int = 14
) -> list[NextAction]:
    """'Sales training due in 5 days: 40/120 trained', 'feature 'action e-mails' late'."""
    actions = []
    for t in sorted(trainings, key=lambda t: (t.due or dt.date.max, t.id)):
        if t.completion >= 1.0 or t.due is None:
            continue
        days = (t.due - today).days
        progress = f"{t.trained}/{t.audience} trained"
        target = Target(Screen.ROLLOUT, Subject.TRAINING, t.id)
        if days < 0:
            actions.append(
                NextAction(f"{t.title} late since {t.due.isoformat()}", target, progress)
            )
        elif days <= horizon:
            actions.append(NextAction(f"{t.title} due in {counted(days, 'day')}", target, progress))
    for f in sorted(features, key=lambda f: (f.due or dt.date.max, f.id)):
        if f.late(today):
            target = Target(Screen.ROLLOUT, Subject.FEATURE, f.id)
            actions.append(NextAction(f"feature '{f.title}' late (due {f.due})", target))
    return actions


# Features an adopted pilot proposes: the product's capabilities the plan needs most,
# each landing in the existing solution it fits.
_TARGET_OF = {
    "email-integration": "email",
    "crm-integration": "crm",
    "mobile": "mobile-app",
    "file-sharing": "sharepoint",
    "document-coauthoring": "sharepoint",
    "wiki": "sharepoint",
    "chat": "teams",
    "video-meetings": "teams",
}


def propose_features(
    product: Product,
    needs: Mapping[str, int],
    departments: Sequence[str],
    due: dt.date,
    pilot: str,
    capability_names: Mapping[str, str],
    limit: int = 3,
) -> list[Feature]:
    wanted = sorted(
        (c for c in product.capabilities if needs.get(c, 0) > 0), key=lambda c: (-needs[c], c)
    )[:limit]
    features = []
    for capability in wanted:
        name = capability_names.get(capability, capability)
        features.append(
            Feature(
                id=f"{product.id}-{capability}",
                title=f"{name} with {product.name}",
                product=product.id,
                target_system=_TARGET_OF.get(capability, "intranet"),
                departments=tuple(departments),
                due=due,
                pilot=pilot,
            )
        )
    return features
