"""Licence contracts through the entry point: add, list (table, JSON, CSV), show, set,
delete; a procurement CSV imported all or nothing with located errors; the plan file's
``contracts`` section round-tripped and merged three ways, with a conflict."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli.inprocess import run as _run

JIVE = ["contract", "add", "jive", "--seats", "400", "--annual-cost", "48000.10"]
JIVE += ["--currency", "EUR", "--start", "2026-07-01", "--end", "2027-06-30"]
JIVE += ["--notice-days", "90", "--auto-renew", "--tier", "Enterprise", "--owner", "CIO"]


def test_add_list_show_set_delete(db: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, *JIVE, *db)
    assert code == 0, err
    assert "contract jive: added, decide by 2027-04-01" in err
    usd = ["--annual-cost", "0.10", "--currency", "usd", "--start", "2026-01-01"]
    code, _, err = _run(capsys, "contract", "add", "Yammer", *usd, "--end", "2026-12-31", *db)
    assert code == 0, err
    code, out, _ = _run(capsys, "contract", "list", *db)
    assert "48,000.10 EUR" in out and "0.10 USD" in out
    # Totals per currency, never converted or mixed.
    assert "total a year: 48,000.10 EUR + 0.10 USD" in out
    code, out, _ = _run(capsys, "contract", "list", "--format", "json", *db)
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["jive"]["annual_cost"] == "48000.10"  # text: exact, never a float
    assert rows["jive"]["cost_per_seat"] == "120.00"
    assert rows["jive"]["decision_date"] == "2027-04-01"
    assert rows["yammer"]["currency"] == "USD" and rows["yammer"]["annual_cost"] == "0.10"
    code, out, _ = _run(capsys, "contract", "list", "--format", "csv", *db)
    table = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert table[0][:5] == ["id", "product", "seats", "annual_cost", "currency"]
    assert table[1][:7] == ["jive", "jive", "400", "48000.10", "EUR", "120.00", "Enterprise"]
    code, out, _ = _run(capsys, "contract", "show", "jive", *db)
    assert "2027-04-01" in out and "Enterprise" in out
    code, _, err = _run(capsys, "contract", "set", "jive", "--decision", "renegotiate", *db)
    assert code == 0, err
    code, out, _ = _run(capsys, "contract", "list", "--format", "json", *db)
    assert {r["id"]: r for r in json.loads(out)}["jive"]["decision"] == "renegotiate"
    assert _run(capsys, "contract", "delete", "yammer", *db)[0] == 0
    code, out, _ = _run(capsys, "contract", "list", "--format", "json", *db)
    assert [r["id"] for r in json.loads(out)] == ["jive"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--annual-cost", "-5"], "annual cost: a cost cannot be negative, got -5"),
        (["--annual-cost", "1e400x"], "annual cost: not an amount: '1e400x'"),
        (["--currency", "EUX"], "currency: unknown currency 'EUX'"),
        (["--end", "2026-06-30"], "end 2026-06-30 is not after start 2026-07-01"),
        (["--notice-days", "400"], "400 days' notice falls before the contract's start"),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(
    db: tuple[str, str], capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    argv = [*JIVE]
    for i in range(0, len(options), 2):
        at = argv.index(options[i])
        argv[at + 1] = options[i + 1]
    code, _, err = _run(capsys, *argv, *db)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(f"planner: {message}")
    code, out, _ = _run(capsys, "contract", "list", "--format", "json", *db)
    assert json.loads(out) == []


PROCUREMENT = (
    "Produit;Licences;Montant annuel;Devise;Début;Fin;Préavis;Reconduction tacite;Référence\r\n"
    "Jive;400;48 000,10;EUR;2026-07-01;2027-06-30;90;oui;PO-114\r\n"
    "Yammer;25;1200;GBP;2026-01-01;2026-12-31;30;non;PO-115\r\n"
)


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("cp1252", ";"), ("utf-16", "\t"), ("utf-8-sig", ",")],
    ids=["excel-fr-csv", "excel-unicode-text", "excel-utf8-csv"],
)
def test_import_an_excel_export(
    db: tuple[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    encoding: str,
    separator: str,
) -> None:
    path = tmp_path / "achats.csv"
    text = PROCUREMENT.replace(";", separator)
    if separator == ",":
        text = text.replace("48 000,10", '"48 000,10"')
    path.write_bytes(text.encode(encoding))
    code, _, err = _run(capsys, "contract", "import", str(path), *db)
    assert code == 0, err
    assert "2 contracts added, 0 updated" in err
    code, out, _ = _run(capsys, "contract", "list", "--format", "json", *db)
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["jive"]["annual_cost"] == "48000.10" and rows["jive"]["auto_renew"] is True
    assert rows["yammer"]["currency"] == "GBP" and rows["yammer"]["reference"] == "PO-115"
    # The same export again updates by reference: nothing is duplicated.
    code, _, err = _run(capsys, "contract", "import", str(path), *db)
    assert "0 contracts added, 2 updated" in err


def test_import_refuses_bad_lines_at_their_line_and_writes_nothing(
    db: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "procurement.csv"
    path.write_text(
        "Product,Seats,Annual cost,Currency,Start date,End date\n"
        "Jive,400,48000,EUR,2026-07-01,2027-06-30\n"
        "Yammer,10,1200,EUR,2026-13-01,2027-06-30\n"
        "Jive,10,-3,EUR,2026-01-01,2027-06-30\n"
        "Jive,10,3,XYZ,2026-01-01,2027-06-30\n",
        encoding="utf-8",
    )
    code, _, err = _run(capsys, "contract", "import", str(path), *db)
    assert code == 2
    lines = err.strip().splitlines()
    assert lines == [
        f"{path}:3: start: expected a date YYYY-MM-DD, got '2026-13-01'",
        f"{path}:4: annual cost: a cost cannot be negative, got -3",
        f"{path}:5: currency: unknown currency 'XYZ': an ISO 4217 code such as EUR, USD, GBP, CHF",
    ]
    code, out, _ = _run(capsys, "contract", "list", "--format", "json", *db)
    assert json.loads(out) == []


def test_contracts_round_trip_and_merge_three_ways(
    db: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, *JIVE, *db)[0] == 0
    exported = tmp_path / "acme.yaml"
    assert _run(capsys, "plan", "export", "acme", "-o", str(exported), *db)[0] == 0
    text = exported.read_text(encoding="utf-8")
    assert "contracts:\n- id: jive\n  product: jive\n  seats: 400\n" in text
    assert "  annual_cost: '48000.10'\n  currency: EUR\n" in text
    # export -> import -> export: the same bytes.
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    assert code == 0 and "nothing to change" in err
    again = tmp_path / "again.yaml"
    assert _run(capsys, "plan", "export", "acme", "-o", str(again), *db)[0] == 0
    assert again.read_bytes() == exported.read_bytes()
    # The reviewer lowers the cost (unquoted: still exact); the workspace changes the owner.
    reviewed = text.replace("  annual_cost: '48000.10'", "  annual_cost: 45000.5")
    exported.write_text(reviewed, encoding="utf-8")
    assert _run(capsys, "contract", "set", "jive", "--owner", "CFO", *db)[0] == 0
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    assert code == 0, err
    assert "contracts jive annual_cost" in err
    code, out, _ = _run(capsys, "contract", "list", "--format", "json", *db)
    row = json.loads(out)[0]
    assert (row["annual_cost"], row["owner"]) == ("45000.50", "CFO")
    # Both sides change the seats: a conflict at the file's line, nothing written.
    assert _run(capsys, "plan", "export", "acme", "-o", str(exported), *db)[0] == 0
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace("  seats: 400", "  seats: 350"), encoding="utf-8")
    assert _run(capsys, "contract", "set", "jive", "--seats", "380", *db)[0] == 0
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    line = text[: text.index("  seats: 400")].count("\n") + 1
    assert code == 2
    assert f"{exported}:{line}: contracts jive seats: workspace 380, file 350" in err
    code, out, _ = _run(capsys, "contract", "list", "--format", "json", *db)
    assert json.loads(out)[0]["seats"] == 380
    code, _, err = _run(capsys, "plan", "import", str(exported), "--theirs", *db)
    assert code == 0, err
    code, out, _ = _run(capsys, "contract", "list", "--format", "json", *db)
    assert json.loads(out)[0]["seats"] == 350


def test_a_plan_file_with_a_bad_contract_is_refused_at_its_line(
    db: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, *JIVE, *db)[0] == 0
    exported = tmp_path / "acme.yaml"
    assert _run(capsys, "plan", "export", "acme", "-o", str(exported), *db)[0] == 0
    text = exported.read_text(encoding="utf-8")
    bad = text.replace("  currency: EUR", "  currency: EURO")
    exported.write_text(bad, encoding="utf-8")
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    line = text[: text.index("  currency: EUR")].count("\n") + 1
    assert code == 2
    assert err.startswith(f"{exported}:{line}:") and "EURO" in err


def test_renewal_in_next_actions_from_six_months_before_and_on_the_timeline(
    db: tuple[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run(capsys, *JIVE, *db)[0] == 0
    monkeypatch.setenv("PLANNER_TODAY", "2026-09-30")
    code, out, _ = _run(capsys, "plan", "show", "acme", *db)
    assert code == 0 and "renewal notice" not in out
    monkeypatch.setenv("PLANNER_TODAY", "2026-10-01")
    code, out, _ = _run(capsys, "plan", "show", "acme", *db)
    assert (
        "Jive: renewal notice due 2027-04-01 — decide: renew, renegotiate or exit"
        "  → planner contract show jive"
    ) in out
    code, out, _ = _run(capsys, "timeline", *db)
    assert "Jive contract" in out and "jive contract" not in out and "notice due 2027-04-01" in out
    monkeypatch.setenv("PLANNER_TODAY", "2027-04-02")
    code, out, _ = _run(capsys, "plan", "show", "acme", *db)
    assert "Jive: renewal notice was due 2027-04-01 — late" in out
    assert _run(capsys, "contract", "set", "jive", "--decision", "exit", *db)[0] == 0
    code, out, _ = _run(capsys, "plan", "show", "acme", *db)
    assert "renewal notice" not in out
