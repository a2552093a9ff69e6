"""A reviewed plan file that deletes tools, and one that leaves the criteria weights out,
imported through the real entry point.

The workspace is made as a user makes it: a proxy log imported, the plan exported, the
file edited as a reviewer would (the tool entries deleted, or the ``criteria`` block)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import planner

TODAY = {"PLANNER_TODAY": "2027-02-01"}
HOSTS = {"app.slack.com": 30, "files.slack-edge.com": 12, "wiki.example-corp.io": 5}


def _log(path: Path, start: int = 1_800_000_000) -> Path:
    lines = [
        f"{start + i}.000 12 10.0.0.{i % 250} TCP_TUNNEL/200 4000 CONNECT {host}:443 "
        f"user{i} HIER_DIRECT/203.0.113.9 -\n"
        for host, people in HOSTS.items()
        for i in range(people)
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _workspace(tmp_path: Path) -> str:
    db = str(tmp_path / "ws.sqlite")
    assert planner("plan", "new", "acme", "--start", "2027-01-04", "--db", db).returncode == 0
    out = planner("discover", "import", str(_log(tmp_path / "a.log")), "--format", "squid",
                  "--db", db, env=TODAY)  # fmt: skip
    assert out.returncode == 0, out.stderr
    out = planner("discover", "custom", "wiki.example-corp.io", "--name", "Corp wiki",
                  "--db", db, env=TODAY)  # fmt: skip
    assert out.returncode == 0, out.stderr
    return db


def _hosts(db: str, *extra: str) -> list[dict[str, object]]:
    out = planner("discover", "hosts", "--limit", "0", "--format", "json", *extra, "--db", db)
    assert out.returncode == 0, out.stderr
    records: list[dict[str, object]] = json.loads(out.stdout)
    return records


def _export(db: str, target: Path) -> str:
    assert planner("plan", "export", "-o", str(target), "--db", db, env=TODAY).returncode == 0
    return target.read_text(encoding="utf-8")


def test_hosts_of_deleted_tools_return_to_triage_and_say_so(tmp_path: Path) -> None:
    db = _workspace(tmp_path)
    assert _hosts(db) == []  # every host feeds a tool
    text = _export(db, tmp_path / "plan.yaml")
    start, end = text.index("\ntools:\n"), text.index("\nneeds:\n")
    reviewed = tmp_path / "reviewed.yaml"
    reviewed.write_text(text[:start] + "\ntools: []" + text[end:], encoding="utf-8")

    out = planner("plan", "import", str(reviewed), "--db", db, env=TODAY)
    assert out.returncode == 0, out.stderr
    # user0…user29 are seen on several hosts: each counts once.
    assert "tools: 2 removed; 3 hosts (30 people) returned to triage" in out.stderr
    assert sorted(str(h["host"]) for h in _hosts(db)) == sorted(HOSTS)
    listed = planner("tools", "list", "--format", "json", "--db", db)
    assert json.loads(listed.stdout) == []
    # A later log that sees them again leaves them in triage: no deleted tool comes back.
    out = planner("discover", "import", str(_log(tmp_path / "b.log", 1_800_100_000)),
                  "--format", "squid", "--db", db, env=TODAY)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert json.loads(planner("tools", "list", "--format", "json", "--db", db).stdout) == []
    assert len(_hosts(db)) == len(HOSTS)


def test_the_preview_says_which_hosts_would_return(tmp_path: Path) -> None:
    """The TUI's merge view previews an import (dry run) before it is confirmed."""
    import datetime as dt

    from planner.bootstrap import Settings, bootstrap
    from planner.services.plan_import import import_plan

    db = _workspace(tmp_path)
    text = _export(db, tmp_path / "plan.yaml")
    start, end = text.index("\ntools:\n"), text.index("\nneeds:\n")
    reviewed = tmp_path / "reviewed.yaml"
    reviewed.write_text(text[:start] + "\ntools: []" + text[end:], encoding="utf-8")
    planner_ = bootstrap(Settings(db=db, catalog_cache=False))
    try:
        result = import_plan(
            planner_.workspace, planner_.catalog, reviewed, today=dt.date(2027, 2, 1), dry_run=True
        )
    finally:
        planner_.close()
    assert result.returned == "3 hosts (30 people) returned to triage" and not result.written
    assert _hosts(db) == []  # nothing changed


def test_unchanged_criteria_weights_are_not_listed(tmp_path: Path) -> None:
    db = _workspace(tmp_path)
    text = _export(db, tmp_path / "plan.yaml")
    start = text.index("  criteria:\n")
    end = text.index("\n", text.index("    adoption:", start)) + 1
    reviewed = tmp_path / "reviewed.yaml"
    # The reviewer drops the criteria block (defaults are what it holds) and changes one
    # capability weight.
    reviewed.write_text(text[:start] + text[end:], encoding="utf-8")
    out = planner("plan", "import", str(reviewed), "--db", db, env=TODAY)
    assert out.returncode == 0 and "nothing to change" in out.stderr, out.stderr
    changed = text.replace("    security: 0.2\n", "    security: 0.5\n")
    reviewed.write_text(changed, encoding="utf-8")
    out = planner("plan", "import", str(reviewed), "--db", db, env=TODAY)
    assert out.returncode == 0, out.stderr
    assert [ln for ln in out.stderr.splitlines() if "criteria." in ln] == [
        "  needs needs criteria.security: 0.2 -> 0.5"
    ]
    again = planner("plan", "import", str(reviewed), "--db", db, env=TODAY)
    assert again.returncode == 0 and "nothing to change" in again.stderr, again.stderr
