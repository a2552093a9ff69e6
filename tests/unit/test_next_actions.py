"""Next actions are values: the core words what to do, and no front end's keys.

Services and domain rules name where an action is done (a target); a key to press belongs
to the TUI and a command to the CLI. A hint such as "(Pilots, key 4)" left in a core
string would show in reports and on the command line, where no key does anything.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import planner
from planner.domain.next_actions import NextAction, Screen, Subject, Target, texts
from planner.domain.pilots import Pilot, PilotStatus, pilot_actions
from planner.domain.plan import Plan
from planner.domain.roadmap import roadmap
from planner.services.plans import next_actions

PACKAGE = Path(planner.__file__).parent
# A key or a keystroke named for a person to press: "key 3", "keys 1-6", "(press n",
# "press Enter", "ctrl+s", "(key r)".
KEY_HINT = re.compile(
    r"\bkeys? \d|\(press\b|\bpress (enter|escape|tab|space|[a-z0-9])\b|\bctrl\+|\(key \w\)",
    re.IGNORECASE,
)


@pytest.mark.parametrize("layer", ["domain", "services"])
def test_no_core_string_carries_a_key_hint(layer: str) -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if KEY_HINT.search(line)
    ]
    assert found == []


def test_the_scan_catches_the_hints_it_is_for() -> None:
    for hint in ("(Pilots, key 4)", "keys 1-6", "(press n to add)", "press Enter", "ctrl+s"):
        assert KEY_HINT.search(hint), hint
    for text in ("Pseudonym key holder", "A.M. (key accounts)", "pressing need"):
        assert not KEY_HINT.search(text), text


def test_an_action_reads_what_then_why() -> None:
    target = Target(Screen.PILOTS, Subject.CANDIDATE)
    action = NextAction("No pilot chosen yet", target, "pick one from the candidates")
    assert action.text == str(action) == "No pilot chosen yet: pick one from the candidates"
    assert NextAction("3 tools not yet classified", target).text == "3 tools not yet classified"
    assert texts([action]) == [action.text]


def test_rules_target_the_record_they_are_about() -> None:
    today = dt.date(2027, 3, 1)
    pilot = Pilot("engage", "viva-engage", "Engage for Sales", status=PilotStatus.RUNNING,
                  end=dt.date(2027, 2, 20))  # fmt: skip
    [no_criteria, ended] = pilot_actions([pilot], today)
    assert no_criteria.target == ended.target == Target(Screen.PILOTS, Subject.PILOT, "engage")
    plan = Plan("acme", dt.date(2027, 1, 4))
    late = roadmap(plan.start, {}, dt.date(2027, 3, 1))
    actions = next_actions(plan, late, [], dt.date(2027, 3, 1), (4, 0))
    assert [a.target for a in actions] == [
        Target(Screen.DISCOVER, Subject.PHASE, "discover"),
        Target(Screen.DISCOVER, Subject.HOST),
    ]
