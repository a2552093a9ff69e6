"""Measurements with their source, readiness per department, champions and their ratio in
the plan file: exported, imported back, merged three ways; no account leaks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.bootstrap import Planner, Settings, bootstrap
from planner.domain.records.pilot import PilotChanges
from planner.services.activity import pilot_activity
from planner.services.adoption import adoption, assess, readiness, set_people_per_champion
from planner.services.pilots import add_pilot, get_pilot, parse_kpis, update_pilot
from planner.services.plan_file import export_plan, render_plan
from planner.services.plan_import import import_plan
from planner.services.plans import create_plan
from planner.services.rollout import add_champion, rollout
from tests.conftest import TODAY

KEY = b"k" * 32
SCORES = dict(awareness=4, desire=2, knowledge=3, ability=4, reinforcement=5)


def _plan(planner: Planner, tmp_path: Path) -> None:
    ws = planner.workspace
    create_plan(ws, "acme", dt.date(2027, 1, 4))
    add_pilot(
        ws,
        planner.catalog,
        "acme",
        "viva-engage",
        PilotChanges(title="P", users=2, start=dt.date(2027, 2, 1), end=dt.date(2027, 4, 30)),
        kpis=parse_kpis(["weekly-active-pct=50"]),
    )
    update_pilot(ws, "acme", "p", status="approved")
    update_pilot(ws, "acme", "p", status="running")
    report = tmp_path / "activity.csv"
    report.write_text(
        "user,date,posts,reads\nchampion-account,2027-02-20,3,4\nother,2027-02-20,0,0\n",
        encoding="utf-8",
    )
    add_champion(ws, "acme", "Sales", "S.C.", account="champion-account", key=KEY)
    pilot_activity(ws, KEY, "acme", "p", report)
    assess(ws, "acme", "Sales", SCORES, dt.date(2027, 2, 1), "workshop, 12 managers")
    set_people_per_champion(ws, "acme", 40)


def test_round_trip_keeps_source_readiness_ratio_and_champion_account(
    planner: Planner, tmp_path: Path
) -> None:
    _plan(planner, tmp_path)
    text = render_plan(planner.workspace, "acme", TODAY)
    assert "  people_per_champion: 40\n" in text
    assert "    source: generic activity.csv\n" in text
    assert (
        "readiness:\n- department: Sales\n  'on': 2027-02-01\n  awareness: 4\n  desire: 2\n"
        "  knowledge: 3\n  ability: 4\n  reinforcement: 5\n  note: workshop, 12 managers\n"
    ) in text
    assert "champion-account" not in text
    assert "activity:\n- subject: pilot:p\n" in text and "  weekly_active: 1\n" in text
    path = tmp_path / "acme.yaml"
    path.write_text(text, encoding="utf-8")
    import_plan(planner.workspace, planner.catalog, path)
    assert render_plan(planner.workspace, "acme", TODAY) == text
    # The champion is still followed by account after the import.
    assert rollout(planner.workspace, "acme").champions[0].pseudonym is not None
    fresh = bootstrap(Settings(db=str(tmp_path / "fresh.sqlite"), today=lambda: TODAY))
    try:
        import_plan(fresh.workspace, fresh.catalog, path)
        assert render_plan(fresh.workspace, "acme", TODAY) == text
        assert adoption(fresh.workspace, "acme", TODAY).people_per_champion == 40
        assert get_pilot(fresh.workspace, "acme", "p").measurements[0].source == (
            "generic activity.csv"
        )
    finally:
        fresh.close()


def test_three_way_merge_of_readiness(planner: Planner, tmp_path: Path) -> None:
    _plan(planner, tmp_path)
    path = tmp_path / "acme.yaml"
    export_plan(planner.workspace, "acme", TODAY, path)
    # The reviewer raises Sales' desire and assesses IT; meanwhile the workspace assesses HR.
    text = path.read_text(encoding="utf-8").replace("  desire: 2\n", "  desire: 4\n")
    text = text.replace(
        "readiness:\n",
        "readiness:\n- department: IT\n  'on': 2027-02-03\n  awareness: 2\n  desire: 3\n"
        "  knowledge: 3\n  ability: 3\n  reinforcement: 3\n",
    )
    path.write_text(text, encoding="utf-8")
    assess(planner.workspace, "acme", "HR", SCORES, dt.date(2027, 2, 2))
    result = import_plan(planner.workspace, planner.catalog, path)
    assert not result.conflicts
    latest = {r.department: r for r in readiness(planner.workspace, "acme")}
    assert set(latest) == {"HR", "IT", "Sales"}
    assert latest["Sales"].desire == 4
    assert latest["IT"].barrier == ("awareness", 2)
