"""Features, training and the LMS import on a real SQLite workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from planner.bootstrap import Planner
from planner.domain.next_actions import texts
from planner.domain.pilots import PilotStatus
from planner.domain.records.pilot import PilotChanges
from planner.domain.records.rollout import FeatureChanges
from planner.errors import InputError, InputErrors, NotFoundError
from planner.services.inventory import set_need
from planner.services.pilots import add_pilot, decide, measure, parse_kpis, update_pilot
from planner.services.plan_file import render_plan
from planner.services.plans import create_plan, overview
from planner.services.rollout import (
    add_champion,
    add_feature,
    add_training,
    import_lms,
    rollout,
    update_feature,
    update_training,
)
from tests.conftest import TODAY

START = dt.date(2027, 1, 4)


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", START)
    add_training(
        planner.workspace, "acme", "Sales training", "Sales", 120, due=dt.date(2027, 2, 20)
    )
    add_training(
        planner.workspace,
        "acme",
        "HR e-learning",
        "HR",
        30,
        format="e-learning",
        due=dt.date(2027, 5, 1),
    )
    add_training(
        planner.workspace,
        "acme",
        "HR office hours",
        "HR",
        30,
        format="office-hours",
        due=dt.date(2027, 6, 1),
    )
    return "acme"


def test_training_updates_have_a_history(planner: Planner, plan: str) -> None:
    update_training(planner.workspace, plan, "sales-training", 20, dt.date(2027, 2, 1))
    update_training(planner.workspace, plan, "sales-training", 40, dt.date(2027, 2, 10))
    sales = next(t for t in rollout(planner.workspace, plan).trainings if t.id == "sales-training")
    assert [u.trained for u in sales.updates] == [20, 40]
    assert sales.trained == 40
    assert "Sales training due in 5 days: 40/120 trained" in texts(
        overview(planner.workspace, plan, TODAY).actions
    )
    with pytest.raises(InputError, match="more than the audience"):
        update_training(planner.workspace, plan, "sales-training", 500, TODAY)
    with pytest.raises(NotFoundError):
        update_training(planner.workspace, plan, "ghost", 1, TODAY)


def test_training_and_feature_validation(planner: Planner, plan: str) -> None:
    with pytest.raises(InputError, match="format must be one of"):
        add_training(planner.workspace, plan, "x", "IT", 3, format="hypnosis")
    with pytest.raises(InputError, match="outside the plan year"):
        add_training(planner.workspace, plan, "y", "IT", 3, due=dt.date(2029, 1, 1))
    with pytest.raises(InputError, match="target system"):
        add_feature(
            planner.workspace,
            planner.catalog,
            plan,
            "Action e-mails",
            FeatureChanges(target_system="fax"),
        )
    feature = add_feature(
        planner.workspace,
        planner.catalog,
        plan,
        "Action e-mails",
        FeatureChanges(target_system="email", due=dt.date(2027, 2, 1)),
    )
    assert feature.id == "action-e-mails"
    assert "feature 'Action e-mails' late (due 2027-02-01)" in texts(
        overview(planner.workspace, plan, TODAY).actions
    )
    update_feature(
        planner.workspace, planner.catalog, plan, feature.id, FeatureChanges(status="live")
    )
    assert not any(
        "Action e-mails" in a for a in texts(overview(planner.workspace, plan, TODAY).actions)
    )


def _lms(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lms.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_lms_import_by_milestone_or_department(planner: Planner, plan: str, tmp_path: Path) -> None:
    path = _lms(
        tmp_path,
        "Course ID;Department;Completions;Completion date\n"
        "sales-training;;55;2027-02-12\n"
        ";Sales;60;2027-02-14\n"
        "hr-e-learning;;12;2027-02-14\n",
    )
    changed = import_lms(planner.workspace, plan, path)
    assert {t.id for t in changed} == {"sales-training", "hr-e-learning"}
    trainings = {t.id: t for t in rollout(planner.workspace, plan).trainings}
    assert trainings["sales-training"].trained == 60
    assert len(trainings["sales-training"].updates) == 2


def test_lms_import_is_all_or_nothing_with_line_numbers(
    planner: Planner, plan: str, tmp_path: Path
) -> None:
    path = _lms(
        tmp_path,
        "milestone,department,trained,date\n"
        "sales-training,,50,2027-02-12\n"
        ",HR,5,2027-02-12\n"
        "ghost,,5,2027-02-12\n"
        "sales-training,,many,2027-02-12\n"
        "sales-training,,10,12/02/2027\n"
        ",Legal,3,2027-02-12\n",
    )
    with pytest.raises(InputErrors) as info:
        import_lms(planner.workspace, plan, path)
    got = [(e.line, e.message) for e in info.value.errors]
    assert [line for line, _ in got] == [3, 4, 5, 6, 7]
    assert "department 'HR' has 2 milestones" in got[0][1]
    assert "no training milestone 'ghost'" in got[1][1]
    assert all(e.file == str(path) for e in info.value.errors)
    assert all(t.trained == 0 for t in rollout(planner.workspace, plan).trainings)


def test_adopting_a_pilot_proposes_features(planner: Planner, plan: str) -> None:
    ws = planner.workspace
    set_need(ws, planner.catalog, plan, "email-integration", 5)
    set_need(ws, planner.catalog, plan, "mobile", 3)
    pilot, _ = add_pilot(
        ws,
        planner.catalog,
        plan,
        "viva-engage",
        PilotChanges(departments=["R&D"], start=dt.date(2027, 2, 8), end=dt.date(2027, 3, 1)),
        kpis=parse_kpis(["weekly-active-pct=50"]),
    )
    update_pilot(ws, plan, pilot.id, status="approved")
    update_pilot(ws, plan, pilot.id, status="running")
    measure(ws, plan, pilot.id, "weekly-active-pct", 55, dt.date(2027, 2, 20))
    decided = decide(ws, plan, pilot.id, "adopt", "met", TODAY, catalog=planner.catalog)
    assert decided.status is PilotStatus.SUCCEEDED
    features = rollout(ws, plan).features
    assert [(f.id, f.pilot, f.departments) for f in features] == [
        ("viva-engage-email-integration", pilot.id, ("R&D",)),
        ("viva-engage-mobile", pilot.id, ("R&D",)),
    ]


def test_plan_file_carries_features_training_and_champions(planner: Planner, plan: str) -> None:
    update_training(planner.workspace, plan, "sales-training", 40, dt.date(2027, 2, 10))
    add_feature(
        planner.workspace,
        planner.catalog,
        plan,
        "Action e-mails",
        FeatureChanges(target_system="email"),
    )
    add_champion(planner.workspace, plan, "Sales", "A.M.")
    doc = yaml.safe_load(render_plan(planner.workspace, plan, TODAY, planner.catalog))
    sales = next(t for t in doc["training"] if t["id"] == "sales-training")
    assert (sales["trained"], sales["audience"]) == (40, 120)
    assert sales["updates"] == [{"on": dt.date(2027, 2, 10), "trained": 40}]
    assert doc["features"][0]["target_system"] == "email"
    assert doc["champions"] == [{"department": "Sales", "name": "A.M."}]
    assert [t["id"] for t in doc["training"]] == sorted(t["id"] for t in doc["training"])
