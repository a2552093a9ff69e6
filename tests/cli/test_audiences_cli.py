"""Audiences through the entry point: add, list (table, JSON), show, set, delete; bad
values refused in one line; the plan file's ``audiences`` section round-tripped and
merged three ways, with a conflict at its line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.inprocess import run as _run

SHOP = ["audience", "add", "Shop floor", "--people", "600", "--frontline", "--no-email"]
SHOP += ["--shared-devices", "--languages", "de,PL"]


def _audiences(capsys: pytest.CaptureFixture[str], db: tuple[str, str]) -> dict[str, Any]:
    code, out, _ = _run(capsys, "audience", "list", "--format", "json", *db)
    assert code == 0
    return {a["id"]: a for a in json.loads(out)}


def test_add_list_show_set_delete(db: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, *SHOP, *db)
    assert code == 0, err
    assert "audience shop-floor: added (600 people, frontline, no e-mail, shared devices)" in err
    assert _run(capsys, "audience", "add", "Offices", "--people", "2400", *db)[0] == 0
    code, out, _ = _run(capsys, "audience", "list", *db)
    assert "2 audiences, 3,000 people" in out
    assert "frontline, no e-mail, shared devices" in out and "desk staff" in out
    rows = _audiences(capsys, db)
    assert rows["shop-floor"] == {
        "id": "shop-floor",
        "name": "Shop floor",
        "people": 600,
        "frontline": True,
        "email": False,
        "shared_devices": True,
        "languages": ["de", "pl"],
        "notes": "",
    }
    assert (rows["offices"]["email"], rows["offices"]["frontline"]) == (True, False)
    # set by name or id; only the options given change; --email turns the flag back.
    code, _, err = _run(capsys, "audience", "set", "Shop floor", "--people", "650", "--email", *db)
    assert code == 0, err
    row = _audiences(capsys, db)["shop-floor"]
    assert (row["people"], row["email"], row["frontline"]) == (650, True, True)
    code, out, _ = _run(capsys, "audience", "show", "shop-floor", *db)
    assert "650" in out and "de, pl" in out
    assert _run(capsys, "audience", "delete", "offices", *db)[0] == 0
    assert list(_audiences(capsys, db)) == ["shop-floor"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "X", "--languages", "deutsch"], "languages: 'deutsch' is not an ISO 639 code"),
        (["add", "X", "--people", "-3"], "people: a head-count from 0"),
        (["add", "  "], "name: from 1 to 500 characters"),
        (["set", "nobody", "--people", "3"], "no audience 'nobody' in this plan"),
        (["set", "shop-floor"], "nothing to change"),
        (["add", "Shop Floor"], "the plan already has an audience 'Shop floor'"),
    ],
    ids=["language", "negative", "blank-name", "unknown", "nothing", "duplicate"],
)
def test_bad_input_is_one_line_and_changes_nothing(
    db: tuple[str, str], capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert _run(capsys, *SHOP, *db)[0] == 0
    before = _audiences(capsys, db)
    code, _, err = _run(capsys, "audience", *args, *db)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _audiences(capsys, db) == before


def test_audiences_round_trip_and_merge_three_ways(
    db: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, *SHOP, *db)[0] == 0
    exported = tmp_path / "acme.yaml"
    assert _run(capsys, "plan", "export", "acme", "-o", str(exported), *db)[0] == 0
    text = exported.read_text(encoding="utf-8")
    assert "audiences:\n- id: shop-floor\n  name: Shop floor\n  people: 600\n" in text
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    assert code == 0 and "nothing to change" in err
    # The reviewer corrects the head-count; the workspace adds a language: both kept.
    exported.write_text(text.replace("  people: 600", "  people: 640"), encoding="utf-8")
    assert _run(capsys, "audience", "set", "shop-floor", "--languages", "de,pl,tr", *db)[0] == 0
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    assert code == 0, err
    row = _audiences(capsys, db)["shop-floor"]
    assert (row["people"], row["languages"]) == (640, ["de", "pl", "tr"])
    # Both sides change the head-count: a conflict at the file's line, nothing written.
    assert _run(capsys, "plan", "export", "acme", "-o", str(exported), *db)[0] == 0
    text = exported.read_text(encoding="utf-8")
    exported.write_text(text.replace("  people: 640", "  people: 700"), encoding="utf-8")
    assert _run(capsys, "audience", "set", "shop-floor", "--people", "660", *db)[0] == 0
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    line = text[: text.index("  people: 640")].count("\n") + 1
    assert code == 2
    assert f"{exported}:{line}: audiences shop-floor people: workspace 660, file 700" in err
    assert _audiences(capsys, db)["shop-floor"]["people"] == 660
    # A reviewer's bad language code is refused at its line.
    bad = text.replace("  - tr\n", "  - Turkish\n")
    exported.write_text(bad, encoding="utf-8")
    code, _, err = _run(capsys, "plan", "import", str(exported), *db)
    line = bad[: bad.index("  - Turkish")].count("\n") + 1
    assert code == 2 and f"{exported}:{line}:" in err
