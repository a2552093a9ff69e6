"""Sensitive sites as the user meets them: the import line says how many requests were set
aside per category, ``privacy sensitive add`` reaches hosts already stored, a shipped entry
cannot be removed."""

from __future__ import annotations

import sqlite3

from tests.cli.test_cli import planner
from tests.conftest import DATA


def _hosts(db: str) -> set[str]:
    with sqlite3.connect(db) as con:
        rows = {h for (h,) in con.execute("SELECT host FROM host")}
    con.close()
    return rows


def test_import_reports_the_set_aside_and_add_reaches_stored_hosts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "ws.sqlite")
    assert planner("plan", "new", "acme", "--start", "2026-03-01", "--db", db).returncode == 0
    log = DATA / "sensitive" / "proxy.squid.log"
    out = planner("discover", "import", str(log), "--db", db)
    assert out.returncode == 0, out.stderr
    assert "5 requests to sensitive sites set aside (trade unions: 4, health: 1)" in out.stderr
    assert "ideas.acme.example" in _hosts(db)
    # The works council's own intranet site, added by the user: the stored host goes.
    out = planner(
        "privacy", "sensitive", "add", "Ideas.Acme.Example", "--category", "trade-union",
        "--db", db,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "now dropped: 1 request to sensitive sites set aside (trade unions: 1)" in out.stderr
    assert "ideas.acme.example" not in _hosts(db)
    listed = planner("privacy", "sensitive", "list", "--format", "csv", "--db", db)
    assert '"ideas.acme.example","trade-union"' in listed.stdout
    record = planner("privacy", "record", "--db", db)
    assert "6 requests to sensitive sites set aside (trade unions: 5, health: 1)" in record.stdout
    refused = planner("privacy", "sensitive", "remove", "igmetall.de", "--db", db)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "shipped list" in refused.stderr
    assert (
        planner("privacy", "sensitive", "remove", "ideas.acme.example", "--db", db).returncode == 0
    )


def test_a_german_plan_is_warned_a_us_plan_is_not_asked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "ws.sqlite")
    today = {"PLANNER_TODAY": "2026-12-06"}
    step = ("--legal-basis", "legitimate-interests", "--dpia-reference", "D-1", "--dpia-date",
            "2026-11-30", "--retention-days", "180", "--key-holder", "DPO")  # fmt: skip
    for name, country in (("werk", "DE"), ("store", "US")):
        assert planner("plan", "new", name, "--start", "2027-01-04", "--db", db).returncode == 0
        out = planner("plan", "set", "--plan", name, "--countries", country, "--db", db)
        assert out.returncode == 0, out.stderr
    out = planner("privacy", "set", "--plan", "store", *step, "--db", db, env=today)
    assert out.stderr.startswith("Data protection (phase 1, step 1): complete")
    assert "New York Civil Rights Law §52-c" in out.stderr
    out = planner("privacy", "set", "--plan", "werk", *step, "--works-council-date",
                  "2027-01-15", "--db", db, env=today)  # fmt: skip
    assert "BetrVG §87(1) no. 6" in out.stderr
    logs = [str(DATA / "logs" / "squid_native.log"), str(DATA / "sensitive" / "proxy.squid.log")]
    out = planner("discover", "import", *logs, "--plan", "werk", "--db", db, env=today)
    assert out.returncode == 0, out.stderr
    warnings = [line for line in out.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: the works council consultation (BetrVG §87(1) no. 6) is dated 2027-01-15, "
        "after today (2026-12-06): this log is processed before the consultation"
    ]
    out = planner("discover", "import", logs[0], "--plan", "store", "--db", db, env=today)
    assert out.returncode == 0 and "warning" not in out.stderr, out.stderr
