"""Two organisations set up as a consultant would, through the command line: the profile
(suites with tiers, countries, head-count), the audiences, the survey of departments and
the needs — then what the ranking and the inventory tell each of them.

(a) A German Google Workspace shop, 3,000 staff, EU residency required: Slack in
    engineering, WhatsApp on the shop floor, a legacy Jive. Its own Google Chat used to rank
    last (its suite was inferred only from *other* official tools, its EU regions unknown).
(b) A US retailer on Microsoft 365 E3 with 6,500 store staff without e-mail: their
    licence tier does not include the suite's products, and nothing in use reaches them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.inprocess import run as _run


def _ok(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = _run(capsys, *args)
    assert code == 0, err
    return out


def _survey(path: Path, rows: list[str]) -> str:
    path.write_text("department,tool,official,purposes,users,comments\n" + "\n".join(rows) + "\n")
    return str(path)


def _ranking(capsys: pytest.CaptureFixture[str], db: tuple[str, ...]) -> list[dict[str, object]]:
    out = _ok(capsys, "candidates", "--format", "json", "--top", "50", *db)
    return [r for r in json.loads(out) if r["eligible"]]


def _notes(capsys: pytest.CaptureFixture[str], db: tuple[str, ...], product: str) -> str:
    """The notes ``candidates --explain`` gives of ``product`` itself (the sentences after
    them are about its list's leader)."""
    out = _ok(capsys, "candidates", "--explain", product, *db)
    return " ".join(line for line in out.splitlines() if line.startswith("note: "))


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_TODAY", "2026-12-06")
    monkeypatch.setenv("COLUMNS", "250")


@pytest.mark.usefixtures("env")
def test_german_google_workspace_shop(
    workspace_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", workspace_db)
    _ok(capsys, "plan", "new", "werk-2027", "--start", "2027-01-04", "--organisation", "Werk", *db)
    _ok(capsys, "plan", "set", "--suites", "google-workspace:business-standard",
        "--countries", "DE", "--employees", "3000", "--eu-residency", "required", *db)  # fmt: skip
    survey = _survey(
        tmp_path / "interviews.csv",
        [
            "Offices,Google Chat,yes,internal-sharing,2400,",
            "Engineering,Slack,no,project-coordination,150,",
            "Shop floor,WhatsApp,no,internal-sharing,600,shift groups",
            "Sales,Jive,yes,knowledge-management,300,the old intranet",
        ],
    )
    _ok(capsys, "discover", "import", survey, *db)
    _ok(capsys, "audience", "add", "Offices", "--people", "2400", "--languages", "de,en", *db)
    _ok(capsys, "audience", "add", "Shop floor", "--people", "600", "--frontline", "--no-email",
        "--shared-devices", "--languages", "de,pl", *db)  # fmt: skip
    for capability, weight in (("chat", 4), ("communities", 4), ("mobile", 4), ("file-sharing", 3)):
        _ok(capsys, "inventory", "need", capability, "--weight", str(weight), *db)

    ranking = _ranking(capsys, db)
    first = ranking[0]
    assert first["product"] == "google-chat", [r["product"] for r in ranking[:5]]
    # Its suite is the organisation's declared one; its EU data regions are documented.
    assert first["integration"] == 1.0 and first["security"] == 1.0
    notes = _notes(capsys, db, "google-chat")
    assert "part of the Google Workspace suite the organisation licenses" in notes
    assert (
        "included in a licence already paid (Google Workspace Business Standard) for Offices "
        "(2,400 people)" in notes
    )
    # The shop floor is not covered by Business Standard: which licence it would need.
    assert (
        "Shop floor (600 people): need Google Workspace Frontline Starter or Standard licences"
        in notes
    )
    # A Microsoft product says it means buying Microsoft 365, for whom.
    engage = _notes(capsys, db, "viva-engage")
    assert (
        "requires Microsoft 365 licences for the 3,000 people it must reach (the organisation "
        "licenses Google Workspace)" in engage
    )
    assert "included in a licence already paid" not in engage
    # The review pack's ranking says it too, on the product's line.
    report = _ok(capsys, "plan", "report", "--format", "md", "-o", "-", *db)
    engage_line = next(line for line in report.splitlines() if "| Microsoft Viva Engage |" in line)
    assert "requires Microsoft 365 licences for the 3,000 people it must reach" in engage_line
    assert "Licences: Google Workspace Business Standard · employs people in: DE" in report
    # A product whose price nobody knows shows its cost as unknown, not as a number.
    jamespot = next(r for r in ranking if r["product"] == "jamespot")
    assert jamespot["cost"] is None
    assert "cost unknown: no contract and no published price" in _notes(capsys, db, "jamespot")


@pytest.mark.usefixtures("env")
def test_us_retailer_with_store_staff_without_email(
    workspace_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", workspace_db)
    _ok(capsys, "plan", "new", "mart-2027", "--start", "2027-01-04", "--organisation", "Mart", *db)
    _ok(capsys, "plan", "set", "--suites", "microsoft-365:E3", "--countries", "US",
        "--employees", "8000", *db)  # fmt: skip
    survey = _survey(
        tmp_path / "interviews.csv",
        [
            "Head office,Microsoft Teams,yes,internal-sharing,1500,",
            "Head office,Viva Engage,yes,internal-sharing,900,",
        ],
    )
    _ok(capsys, "discover", "import", survey, *db)
    _ok(capsys, "audience", "add", "Head office", "--people", "1500", *db)
    _ok(capsys, "audience", "add", "Stores", "--people", "6500", "--frontline", "--no-email",
        "--languages", "en,es", *db)  # fmt: skip
    for capability, weight in (("chat", 4), ("news-publishing", 4), ("mobile", 5)):
        _ok(capsys, "inventory", "need", capability, "--weight", str(weight), *db)

    ranking = _ranking(capsys, db)
    suite_products = [r for r in ranking if r["product"] in ("microsoft-teams", "viva-engage")]
    assert len(suite_products) == 2
    for row in suite_products:
        notes = _notes(capsys, db, str(row["product"]))
        assert "Stores (6,500 people): need Microsoft 365 F1 or F3 licences" in notes
        assert "Microsoft 365 E3 does not cover frontline staff" in notes
        # "Already paid" only for the head office, never for the stores.
        assert "included in a licence already paid (Microsoft 365 E3) for Head office" in notes
        assert "already paid (Microsoft 365 E3) for Stores" not in notes
        # The stores' 6,500 of 8,000 people weigh: cost is far from "included".
        assert row["cost"] is not None and float(str(row["cost"])) < 0.6

    # The inventory never says "no gaps" while the stores are out of reach.
    report = " ".join(_ok(capsys, "inventory", "report", *db).split())
    assert "No gaps" not in report
    assert (
        "Stores (6,500 people: frontline, no e-mail): not reached yet — Microsoft Teams, "
        "Microsoft Viva Engage would reach them; they need Microsoft 365 F1 or F3 licences"
        in report
    )
    # Once the frontline licence is declared, the stores are covered and the gap closes.
    _ok(capsys, "plan", "set", "--suites", "microsoft-365:E3,microsoft-365:F3", *db)
    report = " ".join(_ok(capsys, "inventory", "report", *db).split())
    assert "not reached" not in report
    notes = _notes(capsys, db, "microsoft-teams")
    paid = "included in a licence already paid (Microsoft 365 F3) for Stores (6,500 people)"
    assert paid in notes
