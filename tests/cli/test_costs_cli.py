"""``planner costs`` and ``planner retire`` through the entry point: spend per tool,
category and capability, per person reached (shelfware), the overlap priced and the saving
of consolidating it from the contract's end (exact amounts, per currency, in table, JSON
and CSV); a tool's dated exit plan in next actions, on the timeline and in the plan file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli.inprocess import run as _run


@pytest.fixture
def db(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[str, str]:
    monkeypatch.setenv("PLANNER_TODAY", "2026-10-15")
    monkeypatch.setenv("COLUMNS", "200")
    common = ("--db", str(db_path))
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "tool,users,purposes\nJive,120,internal-sharing\nYammer,40,internal-sharing\n",
        encoding="utf-8",
    )
    for argv in (
        ["plan", "new", "acme", "--start", "2026-09-01"],
        ["discover", "import", str(survey), "--format", "survey"],
        ["contract", "add", "jive", "--seats", "400", "--annual-cost", "48000.10",
         "--currency", "EUR", "--start", "2026-07-01", "--end", "2027-06-30",
         "--notice-days", "90"],
        ["contract", "add", "yammer", "--seats", "50", "--annual-cost", "6000",
         "--currency", "USD", "--start", "2026-01-01", "--end", "2027-03-31",
         "--notice-days", "30", "--auto-renew"],
    ):  # fmt: skip
        code, _, err = _run(capsys, *argv, *common)
        assert code == 0, err
    return common


def test_costs_as_json(db: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "costs", "--format", "json", *db)
    assert code == 0, err
    data = json.loads(out)
    assert data["total"] == {"EUR": "48000.10", "USD": "6000.00"}  # never converted
    tools = {t["id"]: t for t in data["tools"]}
    jive = tools["jive"]
    assert (jive["seats"], jive["users"], jive["unused_seats"]) == (400, 120, 280)
    assert jive["per_person"] == {"EUR": "400.00"}  # 48000.10 / 120, to the cent
    assert jive["shelfware"] == {"EUR": "33600.07"}  # 280 of 400 seats unused
    assert data["categories"] == {"internal": {"EUR": "48000.10", "USD": "6000.00"}}
    assert data["capabilities"]["wiki"] == {"EUR": "48000.10"}
    [overlap] = data["overlaps"]
    assert overlap["keep"] == "Jive"
    viva = "Microsoft Viva Engage"  # the survey's "Yammer", followed through the rename
    assert overlap["tools"] == {"Jive": {"EUR": "48000.10"}, viva: {"USD": "6000.00"}}
    assert overlap["saving"] == {"USD": "6000.00"}
    [saving] = overlap["savings"]
    assert (saving["from"], saving["notice_by"]) == ("2027-04-01", "2027-03-01")


def test_costs_as_a_table_and_csv(db: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "costs", *db)
    assert code == 0
    assert "48,000.10 EUR + 6,000.00 USD" in out
    assert "280 seats: 33,600.07 EUR" in out
    assert "Sharing with colleagues" in out and "notice due by 2027-03-01" in out
    code, out, _ = _run(capsys, "costs", "--format", "csv", *db)
    rows = [",".join(r) for r in csv.reader(io.StringIO(out.lstrip("\ufeff")))]
    assert rows[0].startswith("view,name,currency,amount")
    assert "tool,Jive,EUR,48000.10,400,120,280,400.00,33600.07,,internal" in rows
    assert any(row.startswith("saving,Microsoft Viva Engage,USD,6000.00,") for row in rows)
    assert "total,total,USD,6000.00,,,,,,," in rows


def test_costs_without_contracts_says_how_to_add_them(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ("--db", str(db_path))
    assert _run(capsys, "plan", "new", "empty", "--start", "2026-09-01", *common)[0] == 0
    code, out, _ = _run(capsys, "costs", *common)
    assert code == 0 and "planner contract add" in out


def test_retire_puts_dated_exit_steps_on_the_timeline_and_in_the_plan_file(
    db: tuple[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    argv = ["retire", "jive", "--by", "2027-06-30", "--to", "google-chat", "--owner", "IT Ops"]
    code, out, err = _run(capsys, *argv, *db)
    assert code == 0, err
    assert "Jive: migrate people and content to Google Chat" in out
    code, out, _ = _run(capsys, "timeline", *db)
    for line in ("Jive: switch it off", "Jive: cancel contract jive", "Jive: announce the"):
        assert line in out
    # The decision is taken: the renewal reminder gives way to the cancellation step.
    code, out, _ = _run(capsys, "contract", "list", "--format", "json", *db)
    assert {r["id"]: r["decision"] for r in json.loads(out)}["jive"] == "exit"
    monkeypatch.setenv("PLANNER_TODAY", "2027-03-25")
    code, out, _ = _run(capsys, "plan", "show", "acme", *db)
    assert "Jive: cancel contract jive (notice by 2027-04-01): due 2027-04-01" in out
    assert "Jive: renewal notice" not in out and "Yammer: renewal notice was due" in out
    monkeypatch.setenv("PLANNER_TODAY", "2027-07-01")
    code, out, _ = _run(capsys, "plan", "show", "acme", *db)
    assert "Jive: switch it off: late since 2027-06-30" in out
    # In the plan file, reviewed and imported back like the rest.
    exported = tmp_path / "acme.yaml"
    assert _run(capsys, "plan", "export", "acme", "-o", str(exported), *db)[0] == 0
    text = exported.read_text(encoding="utf-8")
    assert "- id: jive-switch-off\n  tool: jive\n  step: switch-off\n" in text
    step = text.index("- id: jive-switch-off")
    status = text.index("  status: planned", step)
    done = text[:status] + "  status: done" + text[status + len("  status: planned") :]
    exported.write_text(done, encoding="utf-8")
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    assert code == 0, err
    code, out, _ = _run(capsys, "plan", "show", "acme", *db)
    assert "Jive: switch it off" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["retire", "jive", "--by", "2026-10-01"], "the switch-off day 2026-10-01 is already past"),
        (["retire", "nope", "--by", "2027-06-30"], "no tool 'nope' in this plan"),
        (["retire", "jive", "--by", "2027-06-30", "--to", "nope"], "unknown product 'nope'"),
    ],
)
def test_retire_refuses_bad_input_and_writes_nothing(
    db: tuple[str, str], capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = _run(capsys, *argv, *db)
    assert code == 2 and err.startswith(f"planner: {message}") and "Traceback" not in err
    code, out, _ = _run(capsys, "timeline", *db)
    assert "switch it off" not in out


def test_exit_steps_are_marked_done_and_leave_the_next_actions(
    db: tuple[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _run(capsys, "retire", "jive", "--by", "2027-06-30", "--to", "google-chat", *db)[0] == 0
    monkeypatch.setenv("PLANNER_TODAY", "2027-03-25")
    code, out, _ = _run(capsys, "plan", "show", "acme", *db)
    assert (
        "Jive: announce the exit to its users: due 2027-04-01  → planner exit done jive-announce"
    ) in out
    code, _, err = _run(capsys, "exit", "done", "jive-announce", *db)
    assert code == 0 and "exit step jive-announce: done" in err
    code, out, _ = _run(capsys, "plan", "show", "acme", *db)
    assert "Jive: announce the exit" not in out
    assert "Jive: cancel contract jive (notice by 2027-04-01): due 2027-04-01" in out
    code, out, _ = _run(capsys, "exit", "list", "--format", "json", *db)
    status = {r["id"]: r["status"] for r in json.loads(out)}
    assert status["jive-announce"] == "done" and status["jive-export"] == "planned"
    # Done on the timeline: its mark is drawn as done ('='), the others planned ('-').
    code, out, _ = _run(capsys, "timeline", *db)
    [announce] = [line for line in out.splitlines() if "Jive: announce" in line]
    [export] = [line for line in out.splitlines() if "Jive: export" in line]
    assert "=" in announce and "=" not in export and "-" in export.split("|")[1]
    # In the plan file, and imported back unchanged.
    exported = tmp_path / "acme.yaml"
    assert _run(capsys, "plan", "export", "acme", "-o", str(exported), *db)[0] == 0
    text = exported.read_text(encoding="utf-8")
    announce_at = text.index("- id: jive-announce")
    assert text.index("  status: done", announce_at) < text.index("- id:", announce_at + 1)
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    assert code == 0 and "nothing to change" in err
    # Planning the exit again keeps the work done; --undo makes a step planned again.
    assert _run(capsys, "retire", "jive", "--by", "2027-06-15", *db)[0] == 0
    code, out, _ = _run(capsys, "exit", "list", "--format", "json", *db)
    assert {r["id"]: r["status"] for r in json.loads(out)}["jive-announce"] == "done"
    assert _run(capsys, "exit", "done", "jive-announce", "--undo", *db)[0] == 0
    code, out, _ = _run(capsys, "plan", "show", "acme", *db)
    assert "Jive: announce the exit to its users: due 2027-03-25" in out
    code, _, err = _run(capsys, "exit", "done", "jive-nope", *db)
    assert code == 2 and err.startswith("planner: no exit step 'jive-nope' in this plan")


def test_a_retired_product_in_use_proposes_its_exit_until_one_is_planned(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLANNER_TODAY", "2026-10-15")
    monkeypatch.setenv("COLUMNS", "200")
    common = ("--db", str(db_path))
    survey = tmp_path / "survey.csv"
    survey.write_text(
        "tool,users,purposes\nSkype,30,internal-sharing\nMicrosoft Teams,300,internal-sharing\n"
        "Google Currents,12,expertise-location\n",
        encoding="utf-8",
    )
    for argv in (
        ["plan", "new", "acme", "--start", "2026-09-01"],
        ["discover", "import", str(survey), "--format", "survey"],
    ):
        code, _, err = _run(capsys, *argv, *common)
        assert code == 0, err
    code, out, _ = _run(capsys, "plan", "show", "acme", *common)
    # Skype overlaps Teams, which the plan keeps: the exit goes there. Currents overlaps
    # nothing: its catalog successor is proposed. A quarter from today (2026-10-15).
    assert (
        "• Skype ended on 2025-05-05: plan its exit by 2027-01-13, towards Microsoft Teams  "
        "→ planner retire skype --by 2027-01-13 --to microsoft-teams\n"
    ) in out
    assert (
        "• Google Currents ended on 2023-07-05: plan its exit by 2027-01-13, towards Google "
        "Chat  → planner retire google-currents --by 2027-01-13 --to google-chat\n"
    ) in out
    code, out, _ = _run(capsys, "plan", "report", "acme", "--format", "md", "-o", "-", *common)
    assert "Skype ended on 2025-05-05: plan its exit by 2027-01-13, towards Microsoft Teams" in out
    assert "planner retire" not in out  # a report for the committee, not a script
    # The proposal is a command that works; once planned, it is no longer proposed.
    argv = ["retire", "skype", "--by", "2027-01-13", "--to", "microsoft-teams"]
    assert _run(capsys, *argv, *common)[0] == 0
    code, out, _ = _run(capsys, "plan", "show", "acme", *common)
    assert "Skype ended" not in out and "Google Currents ended" in out
