"""How far each roadmap phase has got, computed from the plan's own data.

Kept pure so the dashboard, the plan file's ``roadmap`` section and the report agree, and
so the rules can be tested with hand-made tools. Later phases add their inputs here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.domain.plan import Source, Tool
from planner.domain.roadmap import Phase

# What counts as evidence: what a file showed, not what someone typed or said in a meeting.
EVIDENCE_SOURCES = frozenset(
    s.value for s in (Source.PROXY_LOG, Source.DNS_LOG, Source.SIGN_IN_LOG, Source.SURVEY)
)


def evidence_seen(tools: Sequence[Tool]) -> bool:
    """Some tool was seen in a log, a sign-in export or a survey (the tools' sources travel
    in the plan file, so a plan imported into an empty workspace keeps its progress)."""
    return any(not EVIDENCE_SOURCES.isdisjoint(t.sources) for t in tools)


@dataclass(frozen=True)
class Evidence:
    """What Discover has gathered beyond the tools typed by hand."""

    imported: bool = False  # a log, a sign-in export or a survey came in
    untriaged: int = 0  # hosts still waiting for a triage decision


def described(tools: Sequence[Tool]) -> float:
    """Tools classified and with purposes described, out of tools found (0 when none)."""
    if not tools:
        return 0.0
    return sum(t.done_discovering for t in tools) / len(tools)


def discover_progress(tools: Sequence[Tool], evidence: Evidence = Evidence()) -> float:
    """Discover's three steps, each a third: evidence imported (a log, a sign-in export, a
    survey: what people really use, not only what IT knows), its hosts triaged, and the
    tools classified with their purposes. Tools typed by hand alone never finish it: four
    of them, described, are a third of the phase. (That a phase is not done before it
    begins is ``roadmap.phase_status``'s rule.)"""
    imported = 1.0 if evidence.imported else 0.0
    triaged = 1.0 if evidence.imported and not evidence.untriaged else 0.0
    return (imported + triaged + described(tools)) / 3


def inventory_progress(tools: Sequence[Tool]) -> float:
    """Share of tools inventoried: mapped to a catalog product or given a category."""
    if not tools:
        return 0.0
    return sum(t.product is not None or t.category is not None for t in tools) / len(tools)


def phase_progress(
    tools: Sequence[Tool],
    vendor_study: float = 0.0,
    pilots: float = 0.0,
    rollout: float = 0.0,
    evidence: Evidence = Evidence(),
) -> dict[Phase, float]:
    """Each phase's progress; phase 1 is the mean of its three steps (evidence, triage,
    tools described), phase 2 of its three (inventory, vendor strategies, pilots), each
    counting as not started until the plan records it."""
    return {
        Phase.DISCOVER: discover_progress(tools, evidence),
        Phase.INVENTORY: (inventory_progress(tools) + vendor_study + pilots) / 3,
        Phase.ROLLOUT: rollout,
    }
