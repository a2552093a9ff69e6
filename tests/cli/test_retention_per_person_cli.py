"""Retention per person and host, as a user meets it: a proxy log from last year with ten
people on a wiki, this month's log with one of them on it again, a retention period, and
``planner privacy purge``. The nine who have not been seen since go; before, the host's
recent request kept all ten. Counts stay: the tool still had ten users."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from tests.cli.test_cli import planner

HOST = "app.slack.com"


def _log(path: Path, day: dt.date, users: range) -> Path:
    start = int(dt.datetime.combine(day, dt.time(9), dt.UTC).timestamp())
    path.write_text(
        "".join(
            f"{start + i}.000 12 10.0.0.{i} TCP_TUNNEL/200 4000 CONNECT {HOST}:443 "
            f"user{i} HIER_DIRECT/203.0.113.9 -\n"
            for i in users
        ),
        encoding="utf-8",
    )
    return path


def _persons(db: str) -> int:
    with sqlite3.connect(db) as con:
        (count,) = con.execute("SELECT count(*) FROM person").fetchone()
    con.close()
    return int(count)


def test_a_person_not_seen_since_the_retention_period_goes_though_the_host_was(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "ws.sqlite")
    today = {"PLANNER_TODAY": "2027-06-20"}
    assert planner("plan", "new", "acme", "--start", "2026-04-06", "--db", db).returncode == 0
    for log in (
        _log(tmp_path / "last-year.log", dt.date(2026, 5, 4), range(10)),
        _log(tmp_path / "this-month.log", dt.date(2027, 6, 1), range(1)),
    ):
        out = planner("discover", "import", str(log), "--format", "squid", "--db", db, env=today)
        assert out.returncode == 0, out.stderr
    assert _persons(db) == 10
    out = planner("privacy", "set", "--retention-days", "90", "--db", db, env=today)
    assert out.returncode == 0, out.stderr

    out = planner("privacy", "purge", "--db", db, env=today)
    assert out.returncode == 0, out.stderr
    assert "pseudonyms dropped from 1 host, counts kept" in out.stderr
    assert _persons(db) == 1  # user0, seen this month
    tools = json.loads(planner("tools", "list", "--format", "json", "--db", db).stdout)
    assert [(t["id"], t["users"]) for t in tools] == [("slack", 10)]
    # A third log sees user0 and someone new: the counts go on from there.
    out = planner("discover", "import", str(_log(tmp_path / "next.log", dt.date(2027, 6, 10),
                  range(0, 20, 10))), "--format", "squid", "--db", db, env=today)  # fmt: skip
    assert out.returncode == 0, out.stderr
    tools = json.loads(planner("tools", "list", "--format", "json", "--db", db).stdout)
    assert [(t["id"], t["users"]) for t in tools] == [("slack", 11)]
    out = planner("privacy", "purge", "--db", db, env=today)
    assert "pseudonyms dropped from 0 hosts" in out.stderr and _persons(db) == 2
