"""How far each roadmap phase has got, computed from the plan's own data.

Kept pure so the dashboard, the plan file's ``roadmap`` section and the report agree, and
so the rules can be tested with hand-made tools. Later phases add their inputs here.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.domain.plan import Tool
from planner.domain.roadmap import Phase


def discover_progress(tools: Sequence[Tool]) -> float:
    """Tools classified and with purposes described, out of tools found (0 when none)."""
    if not tools:
        return 0.0
    return sum(t.done_discovering for t in tools) / len(tools)


def inventory_progress(tools: Sequence[Tool]) -> float:
    """Share of tools inventoried: mapped to a catalog product or given a category."""
    if not tools:
        return 0.0
    return sum(t.product is not None or t.category is not None for t in tools) / len(tools)


def phase_progress(
    tools: Sequence[Tool], vendor_study: float = 0.0, pilots: float = 0.0, rollout: float = 0.0
) -> dict[Phase, float]:
    """Each phase's progress; phase 2 is the mean of its three steps (inventory, vendor
    strategies, pilots), each counting as not started until the plan records it."""
    return {
        Phase.DISCOVER: discover_progress(tools),
        Phase.INVENTORY: (inventory_progress(tools) + vendor_study + pilots) / 3,
        Phase.ROLLOUT: rollout,
    }
