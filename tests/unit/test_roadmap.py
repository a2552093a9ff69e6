import datetime as dt

import pytest

from planner.domain.roadmap import (
    Phase,
    PhaseStatus,
    add_months,
    phase_status,
    phase_window,
    roadmap,
    year_fraction,
)

START = dt.date(2027, 1, 4)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2027, 1, 4), 1, dt.date(2027, 2, 4)),
        (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2027, 11, 15), 3, dt.date(2028, 2, 15)),
        (dt.date(2027, 1, 4), 12, dt.date(2028, 1, 4)),
    ],
)
def test_add_months_clamps_to_month_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_phase_windows_follow_gartner_roadmap() -> None:
    assert phase_window(START, Phase.DISCOVER) == (START, dt.date(2027, 2, 4))
    assert phase_window(START, Phase.INVENTORY) == (dt.date(2027, 2, 4), dt.date(2027, 4, 4))
    assert phase_window(START, Phase.ROLLOUT) == (dt.date(2027, 4, 4), dt.date(2028, 1, 4))


def test_status_rules() -> None:
    begins, due = dt.date(2027, 2, 4), dt.date(2027, 4, 4)
    assert phase_status(1.0, begins, due, dt.date(2030, 1, 1)) is PhaseStatus.DONE
    assert phase_status(0.5, begins, due, dt.date(2027, 4, 5)) is PhaseStatus.LATE
    assert phase_status(0.5, begins, due, dt.date(2027, 4, 4)) is PhaseStatus.ON_TRACK
    assert phase_status(0.0, begins, due, dt.date(2027, 1, 10)) is PhaseStatus.NOT_STARTED
    assert phase_status(0.0, begins, due, dt.date(2027, 3, 1)) is PhaseStatus.ON_TRACK


def test_roadmap_clamps_progress_and_orders_phases() -> None:
    states = roadmap(START, {Phase.DISCOVER: 1.7, Phase.INVENTORY: -1}, dt.date(2027, 3, 1))
    assert [s.phase for s in states] == [Phase.DISCOVER, Phase.INVENTORY, Phase.ROLLOUT]
    assert [s.progress for s in states] == [1.0, 0.0, 0.0]
    assert [s.status for s in states] == [
        PhaseStatus.DONE,
        PhaseStatus.ON_TRACK,
        PhaseStatus.NOT_STARTED,
    ]


def test_year_fraction() -> None:
    assert year_fraction(START, START) == 0.0
    assert year_fraction(START, dt.date(2026, 1, 1)) == 0.0
    assert year_fraction(START, dt.date(2029, 1, 1)) == 1.0
    assert year_fraction(START, dt.date(2027, 7, 5)) == pytest.approx(182 / 365)
