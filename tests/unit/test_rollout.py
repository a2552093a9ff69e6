"""Phase 3 rules (dates frozen): completion, lateness, progress, next actions, proposals,
and the text timeline."""

from __future__ import annotations

import datetime as dt

from planner.domain import catalog_schema
from planner.domain.next_actions import texts
from planner.domain.pilots import Pilot, PilotStatus
from planner.domain.roadmap import roadmap
from planner.domain.rollout import (
    Feature,
    FeatureStatus,
    Training,
    TrainingUpdate,
    propose_features,
    rollout_actions,
    rollout_progress,
)
from planner.domain.timeline import render_text, timeline_rows

TODAY = dt.date(2027, 6, 1)
D = dt.date

SOON = D(2027, 6, 6)


def _training(
    trained: int | None,
    audience: int = 120,
    due: dt.date = SOON,
    title: str = "Sales training",
) -> Training:
    updates = (
        ()
        if trained is None
        else (TrainingUpdate(D(2027, 5, 1), trained // 2), TrainingUpdate(D(2027, 5, 20), trained))
    )
    return Training("t", title, "Sales", audience, due=due, updates=updates)


def test_completion_uses_the_latest_running_total() -> None:
    t = _training(40)
    assert t.trained == 40 and t.completion == 40 / 120
    assert _training(None).trained == 0
    assert _training(150).completion == 1.0


def test_lateness() -> None:
    assert not _training(40, due=D(2027, 6, 1)).late(TODAY)  # due today is not late yet
    assert _training(40, due=D(2027, 5, 31)).late(TODAY)
    assert not _training(120, due=D(2027, 5, 31)).late(TODAY)  # complete
    feature = Feature("f", "Action e-mails", due=D(2027, 5, 1))
    assert feature.late(TODAY)
    assert not Feature("f", "x", due=D(2027, 5, 1), status=FeatureStatus.LIVE).late(TODAY)
    assert not Feature("f", "x", due=D(2027, 5, 1), status=FeatureStatus.DROPPED).late(TODAY)


def test_progress_mixes_features_live_and_people_trained() -> None:
    features = [
        Feature("a", "a", status=FeatureStatus.LIVE),
        Feature("b", "b"),
        Feature("c", "c", status=FeatureStatus.DROPPED),
    ]
    trainings = [_training(30, audience=100), _training(70, audience=100)]
    assert rollout_progress(features, trainings) == (0.5 + 0.5) / 2
    assert rollout_progress([], trainings) == 0.5
    assert rollout_progress([], []) == 0.0


def test_next_actions() -> None:
    actions = rollout_actions(
        [Feature("f", "action e-mails", due=D(2027, 5, 20))],
        [
            _training(40, due=D(2027, 6, 6)),
            _training(10, due=D(2027, 5, 25), title="HR training"),
            _training(40, due=D(2027, 9, 1), title="Later"),
        ],
        TODAY,
    )
    assert texts(actions) == [
        "HR training late since 2027-05-25: 10/120 trained",
        "Sales training due in 5 days: 40/120 trained",
        "feature 'action e-mails' late (due 2027-05-20)",
    ]


def test_adopted_pilot_proposes_its_most_needed_features() -> None:
    product = catalog_schema.product(
        {
            "id": "engage",
            "name": "Engage",
            "vendor": "V",
            "category": "internal",
            "summary": "s",
            "capabilities": ["email-integration", "wiki", "mobile", "chat"],
            "strategy": {"status": "active", "owner": "O"},
        }
    )
    features = propose_features(
        product,
        {"wiki": 5, "email-integration": 3, "mobile": 3, "blogs": 5},
        ["R&D"],
        D(2027, 10, 1),
        "p",
        {"wiki": "Wiki"},
    )
    assert [(f.id, f.target_system) for f in features] == [
        ("engage-wiki", "sharepoint"),
        ("engage-email-integration", "email"),
        ("engage-mobile", "mobile-app"),
    ]
    assert features[0].title == "Wiki with Engage" and features[0].pilot == "p"


def test_text_timeline() -> None:
    start = D(2027, 1, 4)
    phases = roadmap(start, {}, TODAY)
    pilot = Pilot(
        "p",
        "jive",
        "Jive pilot",
        start=D(2027, 2, 8),
        end=D(2027, 3, 26),
        status=PilotStatus.RUNNING,
    )
    rows = timeline_rows(
        start,
        phases,
        [pilot],
        [Feature("f", "Action e-mails", due=D(2027, 5, 20))],
        [_training(40)],
        TODAY,
    )
    assert [r.group for r in rows] == ["phase"] * 3 + ["pilot", "feature", "training"]
    assert [r.state for r in rows][3:] == ["late", "late", "active"]
    text = render_text(rows, start, TODAY, width=60, label_width=16)
    lines = text.splitlines()
    assert lines[0].split() == [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ]
    assert lines[1].startswith("Discover         !!!!")  # past due with nothing done
    assert "!" in lines[4] and lines[4].startswith("Jive pilot")
    assert lines[-1].strip() == "^ today 2027-06-01"
    assert all(len(line) <= 16 + 1 + 60 + 20 for line in lines)
    narrow = render_text(rows, start, TODAY, width=24, label_width=16).splitlines()[0]
    assert 2 <= len(narrow.split()) < 12  # months that do not fit are left out


def test_text_timeline_escapes_labels_before_cutting_them() -> None:
    from planner.domain.timeline import Row

    start = D(2027, 1, 4)
    hostile = Row("feature", "\x1b]0;HACKED\x07 a long feature name", start, D(2027, 3, 1), "late")
    plain = Row("feature", "Action e-mails", start, D(2027, 3, 1), "late")
    lines = render_text([hostile, plain], start, TODAY, width=60, label_width=16).splitlines()
    assert "\x1b" not in "".join(lines) and "\x07" not in "".join(lines)
    assert lines[1].startswith("\\x1b]0;HACKED\\x…")
    # The bars start in the same column: the escape did not widen the label.
    assert lines[1].index("!") == lines[2].index("!")
