"""``tools add --users``, ``tools merge`` and ``tools delete`` through the entry point: a
German shop floor's WhatsApp told in an interview, said again in a survey, merged into
one tool; a tool deleted only with confirmation, saying what goes with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.inprocess import run as _run


@pytest.fixture
def db(workspace_db: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    common = ("--db", workspace_db)
    assert _run(capsys, "plan", "new", "acme", "--start", "2027-01-04", *common)[0] == 0
    return common


def _tools(capsys: pytest.CaptureFixture[str], db: tuple[str, str]) -> dict[str, dict[str, object]]:
    code, out, err = _run(capsys, "tools", "list", "--format", "json", *db)
    assert code == 0, err
    return {t["id"]: t for t in json.loads(out)}


def test_interview_then_survey_then_merge(
    db: tuple[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = _run(capsys, "tools", "add", "WhatsApp", "--users", "600", *db)
    assert code == 0, err
    assert "added whatsapp (catalog: whatsapp), 600 users" in err
    survey = tmp_path / "umfrage.csv"
    survey.write_text("tool,department,users\nWhatsApp-Gruppe,Produktion,250\n")
    assert _run(capsys, "discover", "import", str(survey), "--format", "survey", *db)[0] == 0
    assert {k: v["users"] for k, v in _tools(capsys, db).items()} == {
        "whatsapp": 600,
        "whatsapp-gruppe": 250,
    }
    code, _, err = _run(capsys, "tools", "merge", "whatsapp-gruppe", "whatsapp", *db)
    assert code == 0, err
    assert "merged whatsapp-gruppe into whatsapp" in err and "1 survey answer" in err
    tools = _tools(capsys, db)
    assert list(tools) == ["whatsapp"]
    assert tools["whatsapp"]["users"] == 850  # two departments' people, none twice


def test_merge_and_delete_errors_are_one_line(
    db: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "tools", "merge", "nope", "other", *db)
    assert code == 2 and err.count("\n") == 1 and "no tool 'nope'" in err
    with pytest.raises(SystemExit) as exited:  # argparse's usage error
        _run(capsys, "tools", "add", "Chat", "--users", "-3", *db)
    assert exited.value.code == 2 and "expected 0 or more" in capsys.readouterr().err


def test_delete_needs_confirmation_and_says_what_goes(
    db: tuple[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    survey = tmp_path / "s.csv"
    survey.write_text("tool,department,users\nTeam Wiki,Sales,4\nTeam Wiki,HR,2\n")
    assert _run(capsys, "discover", "import", str(survey), "--format", "survey", *db)[0] == 0
    code, _, err = _run(capsys, "tools", "delete", "team-wiki", *db)
    assert code == 2 and "2 survey answers" in err and "--yes" in err
    assert "team-wiki" in _tools(capsys, db)  # nothing lost
    code, _, err = _run(capsys, "tools", "delete", "team-wiki", "--yes", *db)
    assert code == 0 and "deleted tool 'team-wiki' with 2 survey answers" in err
    assert _tools(capsys, db) == {}
