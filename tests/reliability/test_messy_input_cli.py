"""Hostile and messy evidence through the real command line: each refusal is one line
naming the file and the line, exit status 2, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import planner

RECORD = {"createdDateTime": "2026-11-02T08:00:00Z", "userPrincipalName": "a@x.example",
          "appDisplayName": "Wiki", "appId": "1", "status": {"errorCode": 0}}  # fmt: skip


def _deep_graph(path: Path) -> int:
    nested = "[" * 100_000 + "]" * 100_000
    path.write_text('{"value": [\n' + json.dumps(RECORD) + ",\n" + nested + "\n]}")
    return 3


def _deep_lines(path: Path) -> int:
    path.write_text(json.dumps(RECORD) + "\n" + '{"a":' * 50_000 + "1" + "}" * 50_000 + "\n")
    return 2


def _huge_record(path: Path) -> int:
    path.write_text(
        '{"value": [\n' + json.dumps(RECORD) + ',\n{"createdDateTime": "2026-11-02T08:00:00Z", '
        '"userPrincipalName": "a@x", "appId": "2", "appDisplayName": "' + "x" * (5 << 20) + '"}\n]}'
    )
    return 3


def _siem_placeholder(path: Path) -> int:
    path.write_text(
        "host,user,hits,bytes,first_seen,last_seen\r\n"
        "slack.com,bob,4,100,2026-03-02,2026-03-03\r\n"
        "slack.com,eve,4,100,2026-03-02,9999-12-31\r\n"
    )
    return 3


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (_deep_graph, "nested too deeply"),
        (_deep_lines, "nested too deeply"),
        (_huge_record, "4 MiB"),
        (_siem_placeholder, "in the future"),
    ],
    ids=["graph-nesting", "json-lines-nesting", "record-over-limit", "siem-9999-12-31"],
)
def test_refused_with_one_located_line(
    workspace_db: str, tmp_path: Path, make: object, needle: str
) -> None:
    assert (
        planner("--db", workspace_db, "plan", "new", "acme", "--start", "2027-01-04").returncode
        == 0
    )
    path = tmp_path / "evidence.json"
    line = make(path)  # type: ignore[operator]
    out = planner("discover", "import", str(path), "--db", workspace_db)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    [message] = out.stderr.strip().splitlines()
    assert f"{path}:{line}:" in message and needle in message, message
