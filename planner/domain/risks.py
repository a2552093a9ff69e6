"""The risk register, seeded with the adoption barriers the surveys measured.

Every new plan starts with these six risks, each citing its figure and source (Avanade /
Coleman Parkes 2008, CompTIA 2012; see shared/domain-digest.md), so the IT team begins
from evidence rather than a blank page. Users edit them and add their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from planner.domain.records.labels import Shown


class Level(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RiskStatus(StrEnum):
    OPEN = "open"
    MITIGATED = "mitigated"
    ACCEPTED = "accepted"
    CLOSED = "closed"


# The risk's fields shown to people, in order, with their labels (domain.records.labels).
RISK_FIELDS: dict[str, Shown] = {
    "title": Shown("Title", "what the risk is"),
    "likelihood": Shown("Likelihood", "how likely", choices=tuple(v.value for v in Level)),
    "impact": Shown("Impact", "how bad if it happens", choices=tuple(v.value for v in Level)),
    "mitigation": Shown("Mitigation", "what reduces it"),
    "owner": Shown("Owner", "who watches it"),
    "status": Shown("Status", "where it stands", choices=tuple(v.value for v in RiskStatus)),
    "evidence": Shown("Evidence", "the source or figure behind it"),
}


@dataclass(frozen=True)
class Risk:
    id: str
    title: str
    likelihood: Level = Level.MEDIUM
    impact: Level = Level.MEDIUM
    mitigation: str = ""
    owner: str | None = None
    status: RiskStatus = RiskStatus.OPEN
    evidence: str = ""  # the figure and its source
    version: int = field(default=1, compare=False)

    @property
    def open_high(self) -> bool:
        return self.status is RiskStatus.OPEN and Level.HIGH in (self.likelihood, self.impact)


AVANADE = "Avanade survey by Coleman Parkes Research, Oct 2008, 541 managers in 17 countries"
COMPTIA = "CompTIA, March 2012, 241 US companies using social networks"

SEED_RISKS: tuple[Risk, ...] = (
    Risk(
        "security-concerns",
        "Security concerns block adoption",
        Level.HIGH,
        Level.HIGH,
        "Make SSO and data residency selection criteria; security review of every pilot.",
        evidence=f"Security concerns are the barrier most cited worldwide (76% of managers); "
        f"in France 69%, among the barriers after management's apathy — {AVANADE}",
    ),
    Risk(
        "management-apathy",
        "Senior management's incomprehension and apathy",
        Level.HIGH,
        Level.HIGH,
        "An executive sponsor per pilot; report pilot KPIs to the board.",
        evidence=f"57% worldwide; in France the main barrier, cited by 75% — {AVANADE}",
    ),
    Risk(
        "unproven-technology",
        "Reluctance to use unproven technology",
        Level.MEDIUM,
        Level.MEDIUM,
        "Run pilots with success criteria before any rollout.",
        evidence=f"58% worldwide, 63% in France — {AVANADE}",
    ),
    Risk(
        "cost",
        "Cost of the platform and its rollout",
        Level.MEDIUM,
        Level.MEDIUM,
        "Prefer features in existing solutions; score cost in pilot selection.",
        evidence=f"Named, with integration and after unfamiliarity, as a reason companies "
        f"do not adopt internal social networks (no order given between the two) — {COMPTIA}",
    ),
    Risk(
        "integration",
        "Difficulty integrating into the IT environment",
        Level.MEDIUM,
        Level.HIGH,
        "Favour integration with e-mail, SharePoint and CRM; check it in pilots.",
        evidence=f"Named, with cost and after unfamiliarity, as a reason companies do not "
        f"adopt internal social networks (no order given between the two) — {COMPTIA}",
    ),
    Risk(
        "unfamiliarity",
        "People do not know what an enterprise social network is",
        Level.HIGH,
        Level.MEDIUM,
        "Awareness campaign, champions and training per department.",
        evidence="68% of the companies surveyed that had not adopted social networks (outside "
        f"the 241 adopters) and 10% of the adopters did not know the concept — {COMPTIA}",
    ),
)
