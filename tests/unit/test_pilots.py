"""The pilot lifecycle rules."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.domain.next_actions import texts
from planner.domain.pilots import (
    Decision,
    Kpi,
    Measurement,
    Pilot,
    PilotStatus,
    check_dates,
    check_decision,
    check_transition,
    decided_status,
    pilot_actions,
    pilots_progress,
    window_warning,
)
from planner.errors import InputError

S = PilotStatus
D = dt.date


def test_status_transitions() -> None:
    check_transition(S.PROPOSED, S.APPROVED)
    check_transition(S.APPROVED, S.RUNNING)
    check_transition(S.RUNNING, S.SUCCEEDED)
    check_transition(S.PROPOSED, S.STOPPED)
    with pytest.raises(InputError, match="a proposed pilot cannot become running"):
        check_transition(S.PROPOSED, S.RUNNING)
    with pytest.raises(InputError, match=r"allowed: none \(closed\)"):
        check_transition(S.FAILED, S.RUNNING)


def test_dates_within_the_plan_and_phase_two_warning() -> None:
    start = D(2027, 1, 4)
    check_dates(D(2027, 2, 10), D(2027, 3, 30), start)
    with pytest.raises(InputError, match="ends before it starts"):
        check_dates(D(2027, 3, 1), D(2027, 2, 1), start)
    with pytest.raises(InputError, match="outside the plan year"):
        check_dates(D(2026, 12, 1), None, start)
    window = (D(2027, 2, 4), D(2027, 4, 4))
    assert window_warning(D(2027, 2, 10), D(2027, 3, 30), window) is None
    assert "outside the phase-2 window" in (
        window_warning(D(2027, 2, 10), D(2027, 5, 1), window) or ""
    )


def _pilot(**kw: object) -> Pilot:
    base: dict[str, object] = {
        "id": "p",
        "product": "jive",
        "title": "Jive for R&D",
        "status": S.RUNNING,
        "criteria": (Kpi("weekly-active-pct", 60),),
    }
    base.update(kw)
    return Pilot(**base)  # type: ignore[arg-type]


def test_no_decision_without_a_measurement() -> None:
    with pytest.raises(InputError, match="no measurement"):
        check_decision(_pilot())
    measured = _pilot(measurements=(Measurement("weekly-active-pct", D(2027, 3, 1), 55),))
    check_decision(measured)
    with pytest.raises(InputError, match="has not run yet"):
        check_decision(_pilot(status=S.APPROVED, measurements=measured.measurements))
    assert decided_status(measured, Decision.ADOPT) is S.SUCCEEDED
    assert decided_status(measured, Decision.REJECT) is S.FAILED
    assert decided_status(measured, Decision.EXTEND) is S.RUNNING


def test_kpi_against_target_uses_the_latest_measurement() -> None:
    pilot = _pilot(
        measurements=(
            Measurement("weekly-active-pct", D(2027, 3, 8), 65),
            Measurement("weekly-active-pct", D(2027, 3, 1), 40),
        )
    )
    [(kpi, actual, met)] = pilot.kpi_status()
    assert (kpi.kpi, actual, met) == ("weekly-active-pct", 65, True)


def test_progress_and_actions() -> None:
    today = D(2027, 3, 1)
    no_criteria = _pilot(id="a", title="A", criteria=())
    ending = _pilot(id="b", title="B", end=D(2027, 3, 6))
    decided = _pilot(id="c", title="C", decision=Decision.ADOPT)
    assert pilots_progress([no_criteria, ending, decided]) == pytest.approx(1 / 3)
    assert texts(pilot_actions([no_criteria, ending, decided], today)) == [
        "pilot 'A' has no success criteria",
        "pilot 'B' ends in 5 days with no measurement",
    ]
    assert pilots_progress([]) == 0.0
