"""``--format json|csv`` on every list command, and wide tables in a pipe.

Run on the hostile-text sweep's workspace: names hold an OSC title, a screen clear, BEL, a
bidi override and Rich markup; one tool is named like a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from planner.cli import main
from tests.reliability.test_cli_sweep import HOSTILE, RAW, hostile_ws  # noqa: F401

FORMULA = '=HYPERLINK("http://evil.example","x")'

# command -> (extra arguments, a key every record has)
LISTS = {
    "tools list": ([], "name"),
    "discover hosts": (["--all"], "host"),
    "candidates": ([], "product"),
    "pilot list": ([], "title"),
    "training list": ([], "department"),
    "feature list": ([], "title"),
    "risks list": ([], "title"),
    "vendors list": ([], "product"),
    "plan list": ([], "name"),
    "catalog list": ([], "vendor"),
}


@pytest.fixture
def ws(hostile_ws: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:  # noqa: F811
    assert main(["tools", "add", FORMULA, "--owner=-2+3", *hostile_ws]) == 0
    capsys.readouterr()
    return hostile_ws


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 0, argv
    out, _err = capsys.readouterr()
    leaked = [c for c in RAW if c in out]
    assert not leaked, f"{argv}: raw {leaked!r}"
    return out


@pytest.mark.parametrize("command", sorted(LISTS))
def test_json_is_a_list_of_objects_with_stable_keys(
    command: str, ws: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    extra, key = LISTS[command]
    out = _run([*command.split(), *extra, "--format", "json", *ws], capsys)
    records = json.loads(out)
    assert isinstance(records, list) and records, out[:300]
    assert all(isinstance(r, dict) for r in records)
    assert len({tuple(r) for r in records}) == 1, "every record has the same keys, in order"
    assert all(key in r for r in records)
    if command in ("tools list", "pilot list", "training list", "feature list", "risks list"):
        # The hostile name comes back whole: JSON escapes controls, it does not drop them.
        assert any(HOSTILE in str(v) for r in records for v in r.values())


@pytest.mark.parametrize("command", sorted(LISTS))
def test_csv_has_a_header_and_no_formula(
    command: str, ws: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    extra, key = LISTS[command]
    out = _run([*command.split(), *extra, "--format", "csv", *ws], capsys)
    assert out.startswith("\ufeff")  # a spreadsheet reads it as UTF-8
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    header, body = rows[0], rows[1:]
    assert key in header and body
    assert all(len(row) == len(header) for row in body)
    for row in body:
        for value in row:
            if re.fullmatch(r"-?[0-9.]+", value):
                continue  # a number
            # whatever separator a spreadsheet splits on, no part starts a formula
            for part in re.split(r"[,;\t|\r\n]", value):
                assert not part.lstrip(' "').startswith(("=", "+", "-", "@")), value


def test_csv_neutralises_a_formula_name(ws: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(["tools", "list", "--format", "csv", *ws], capsys)
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert "'" + FORMULA in [r["name"] for r in rows]
    assert "'-2+3" in [r["owner"] for r in rows]
    data = json.loads(_run(["tools", "list", "--format", "json", *ws], capsys))
    assert FORMULA in [r["name"] for r in data]  # JSON is data: kept as it is


def test_json_escapes_every_control(ws: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(["risks", "list", "--format", "json", *ws], capsys)
    assert "\\u001b]0;HACKED\\u0007" in out and "\\u202e" in out and "\\u009b" in out
    assert HOSTILE in [r["title"] for r in json.loads(out)]


def test_tables_in_a_pipe_are_not_folded(
    ws: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = _run(["tools", "list", *ws], capsys)
    lines = out.splitlines()
    assert max(len(line) for line in lines) > 80
    assert any(FORMULA in line for line in lines), "a long name stays on one line"
