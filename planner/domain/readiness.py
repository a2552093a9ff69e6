"""Readiness for change per department (Prosci ADKAR) and the champions network.

Why: a rollout stalls at the first ADKAR element a department lacks — awareness, desire,
knowledge, ability, reinforcement, in that order, each scored 1–5; 3 or below is the
barrier to address first (research-notes). The next actions name that barrier with what
to do ("Sales: desire 2 — plan a sponsor message"); knowledge and ability point at the
department's training milestones. Champions: one per ``people_per_champion`` people.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner.domain.next_actions import NextAction, Screen, Subject, Target
from planner.errors import InputError

ELEMENTS = ("awareness", "desire", "knowledge", "ability", "reinforcement")
BARRIER = 3  # a score at or below this is a barrier
DEFAULT_PEOPLE_PER_CHAMPION = 50

REMEDY = {
    "awareness": "explain why the change (town hall, intranet post)",
    "desire": "plan a sponsor message",
    "knowledge": "plan a training milestone",
    "ability": "add office hours or coaching",
    "reinforcement": "recognise early successes through the champions",
}


@dataclass(frozen=True)
class Readiness:
    department: str
    on: dt.date
    awareness: int
    desire: int
    knowledge: int
    ability: int
    reinforcement: int
    note: str = ""

    def scores(self) -> dict[str, int]:
        return {e: getattr(self, e) for e in ELEMENTS}

    @property
    def barrier(self) -> tuple[str, int] | None:
        """The first element at or below the barrier level, in ADKAR order."""
        for element, score in self.scores().items():
            if score <= BARRIER:
                return element, score
        return None


def check_scores(scores: Mapping[str, int]) -> None:
    for element in ELEMENTS:
        if element not in scores:
            raise InputError(f"{element}: a score from 1 to 5 is needed").about(element)
        value = scores[element]
        if not 1 <= value <= 5:
            raise InputError(f"{element}: a score goes from 1 to 5, got {value}").about(element)


def latest(assessments: Sequence[Readiness]) -> dict[str, Readiness]:
    """Each department's latest assessment."""
    out: dict[str, Readiness] = {}
    for r in sorted(assessments, key=lambda r: (r.on, r.department)):
        out[r.department] = r
    return out


def readiness_actions(
    assessments: Sequence[Readiness], training: Mapping[str, tuple[str, int, int]]
) -> list[NextAction]:
    """One action per department with a barrier. ``training``: department -> (milestone
    title, trained, audience) of its milestone, for knowledge and ability."""
    actions = []
    for department, r in sorted(latest(assessments).items()):
        found = r.barrier
        if found is None:
            continue
        element, score = found
        remedy = REMEDY[element]
        if element in ("knowledge", "ability") and department in training:
            title, trained, audience = training[department]
            remedy = f"{title}: {trained}/{audience} trained"
        target = Target(Screen.ROLLOUT, Subject.READINESS, department)
        actions.append(NextAction(f"{department}: {element} {score} — {remedy}", target))
    return actions


def champions_needed(people: int, people_per_champion: int) -> int:
    return math.ceil(people / people_per_champion) if people > 0 and people_per_champion else 0


def champion_actions(
    headcount: Mapping[str, int], champions: Mapping[str, int], people_per_champion: int
) -> list[NextAction]:
    """One line for the departments short of champions: 'Sales 1/3, IT 0/1 champions
    (one per 50 people)'."""
    short = []
    for department, people in sorted(headcount.items()):
        needed = champions_needed(people, people_per_champion)
        have = champions.get(department, 0)
        if have < needed:
            short.append(f"{department} {have}/{needed}")
    if not short:
        return []
    return [
        NextAction(
            "champions short",
            Target(Screen.ROLLOUT, Subject.CHAMPION),
            f"{', '.join(short)} (one per {people_per_champion} people)",
        )
    ]
