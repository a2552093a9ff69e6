"""Inventory, vendor reviews, needs and risks on a real SQLite workspace; CSV safety."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from planner.adapters.render.csv_output import neutralise, render_csv
from planner.bootstrap import Planner
from planner.domain.inventory import Rating
from planner.domain.next_actions import texts
from planner.domain.plan import Tool
from planner.domain.risks import SEED_RISKS, Level, RiskStatus
from planner.errors import InputError, NotFoundError
from planner.services.inventory import (
    export_inventory_csv,
    inventory_report,
    list_risks,
    review_vendor,
    save_risk,
    set_need,
)
from planner.services.plan_file import render_plan
from planner.services.plans import create_plan, overview, update_plan
from planner.services.tools import save_tools
from tests.conftest import TODAY


@pytest.fixture
def plan(planner: Planner) -> str:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    save_tools(
        planner.workspace,
        "acme",
        [
            Tool("yammer", "Yammer", "yammer", survey_users=85, purposes=("internal-sharing",)),
            Tool(
                "viva-engage",
                "Viva Engage",
                "viva-engage",
                survey_users=136,
                purposes=("internal-sharing", "expertise-location"),
            ),
            Tool("workplace-meta", "Workplace", "workplace-meta", survey_users=20),
            Tool("box", '=HYPERLINK("http://x")', None, capabilities=("ideation",)),
        ],
    )
    return "acme"


def test_new_plan_has_the_seeded_risk_register(planner: Planner, plan: str) -> None:
    risks = {r.id: r for r in list_risks(planner.workspace, plan)}
    assert set(risks) == {r.id for r in SEED_RISKS}
    security = risks["security-concerns"]
    assert "76%" in security.evidence and "Avanade" in security.evidence
    assert security.open_high
    assert any(
        "open high risk" in a for a in texts(overview(planner.workspace, plan, TODAY).actions)
    )


def test_report_has_overlaps_gaps_and_retired_flags(planner: Planner, plan: str) -> None:
    set_need(planner.workspace, planner.catalog, plan, "crm-integration", 4)
    set_need(planner.workspace, planner.catalog, plan, "ideation", 3)
    report = inventory_report(planner.workspace, planner.catalog, plan, TODAY)
    assert report.gaps == ["crm-integration"]  # ideation comes from the custom tool
    (overlap,) = report.overlaps
    assert (overlap.purpose, overlap.keep) == ("internal-sharing", "Viva Engage")
    assert overlap.why.startswith("Yammer is Microsoft Viva Engage under its former name")
    kinds = {(f.tool, f.kind) for f in report.flags}
    assert ("workplace-meta", "successor") in kinds
    assert ("yammer", "renamed") in kinds  # a rename, not a retirement: no "migrate" flag
    assert ("yammer", "successor") not in kinds
    with pytest.raises(InputError, match="unknown capability"):
        set_need(planner.workspace, planner.catalog, plan, "telepathy", 3)
    with pytest.raises(InputError, match="from 0"):
        set_need(planner.workspace, planner.catalog, plan, "wiki", 9)


def test_eu_residency_is_a_plan_setting(planner: Planner, plan: str) -> None:
    before = inventory_report(planner.workspace, planner.catalog, plan)
    assert not any(f.kind == "no-eu-residency" for f in before.flags)
    update_plan(planner.workspace, plan, eu_residency_required=True)
    after = inventory_report(planner.workspace, planner.catalog, plan)
    assert any(f.kind == "no-eu-residency" for f in after.flags)


def test_vendor_review_shortlist_and_progress(planner: Planner, plan: str) -> None:
    ws, catalog = planner.workspace, planner.catalog
    review_vendor(ws, catalog, plan, "jamespot", shortlisted=True, today=TODAY)
    review_vendor(ws, catalog, plan, "viva-engage", shortlisted=True, today=TODAY)
    report = inventory_report(ws, catalog, plan)
    assert report.vendor_progress == 0.0
    assert "jamespot" in {v.product.id for v in report.vendors}  # shortlisted, not in use
    review = review_vendor(
        ws, catalog, plan, "viva-engage", rating="viable", note="M365", reviewer="CIO", today=TODAY
    )
    assert review.rating is Rating.VIABLE and review.reviewed_on == TODAY
    assert review.status_at_review is not None
    assert inventory_report(ws, catalog, plan).vendor_progress == 0.5
    with pytest.raises(InputError, match="rating must be one of"):
        review_vendor(ws, catalog, plan, "jive", rating="great", today=TODAY)
    with pytest.raises(InputError, match="no product"):
        review_vendor(ws, catalog, plan, "myspace", rating="avoid", today=TODAY)


def test_risks_can_be_edited_and_added(planner: Planner, plan: str) -> None:
    ws = planner.workspace
    save_risk(ws, plan, "cost", status="mitigated", owner="CFO")
    risk = save_risk(ws, plan, "Works council objects", create=True, likelihood="high")
    assert risk.id == "works-council-objects" and risk.likelihood is Level.HIGH
    risks = {r.id: r for r in list_risks(ws, plan)}
    assert risks["cost"].status is RiskStatus.MITIGATED and risks["cost"].owner == "CFO"
    with pytest.raises(NotFoundError):
        save_risk(ws, plan, "ghost", status="open")
    with pytest.raises(InputError, match="likelihood must be one of"):
        save_risk(ws, plan, "cost", likelihood="huge")


def test_plan_file_carries_needs_vendors_and_risks(planner: Planner, plan: str) -> None:
    import yaml

    set_need(planner.workspace, planner.catalog, plan, "wiki", 2)
    review_vendor(planner.workspace, planner.catalog, plan, "jive", rating="watch", today=TODAY)
    text = render_plan(planner.workspace, plan, TODAY)
    assert text == render_plan(planner.workspace, plan, TODAY)
    doc = yaml.safe_load(text)
    assert doc["needs"]["capabilities"] == {"wiki": 2}
    assert doc["vendors"][0]["product"] == "jive" and doc["vendors"][0]["rating"] == "watch"
    assert [r["id"] for r in doc["risks"]] == sorted(r.id for r in SEED_RISKS)


def test_csv_export_neutralises_formulas(planner: Planner, plan: str, tmp_path: Path) -> None:
    target = tmp_path / "inventory.csv"
    report = inventory_report(planner.workspace, planner.catalog, plan)
    export_inventory_csv(report, planner.catalog, target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.reader(target.open(encoding="utf-8-sig", newline="")))
    names = [r[1] for r in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in names
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert neutralise("plain") == "plain"
    assert render_csv(["h"], [[cell]]).splitlines()[1].startswith(("'", "\"'"))


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("Wiki;=cmd|' /C calc'!A0", "Wiki;'=cmd|' /C calc'!A0"),
        ("Wiki,=1+1", "Wiki,'=1+1"),
        ("a\t+1", "a\t'+1"),
        ("a | @SUM(A1)", "a | '@SUM(A1)"),
        ('x; "=2+3"', 'x; "\'=2+3"'),
        ("Zeile 1\n-1+2", "Zeile 1\n'-1+2"),
        ("e-mail, wiki", "e-mail, wiki"),
    ],
)
def test_a_formula_after_any_separator_is_neutralised(cell: str, shown: str) -> None:
    assert neutralise(cell) == shown


def test_every_text_cell_is_quoted_and_numbers_stay_numbers() -> None:
    text = render_csv(["name", "users"], [["Bücherwurm", "12"], ["-", "-3"], ["", "0"]])
    assert text == '"name","users"\r\n"Bücherwurm",12\r\n"\'-",-3\r\n"",0\r\n'
