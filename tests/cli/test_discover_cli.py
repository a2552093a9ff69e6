"""Discover and tools commands through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import planner
from tests.conftest import DATA

LOGS = DATA / "discover"


@pytest.fixture
def db(workspace_db: str) -> str:
    path = workspace_db
    out = planner("--db", path, "plan", "new", "acme", "--start", "2027-01-04")
    assert out.returncode == 0, out.stderr
    return path


def test_import_summary_and_tools(db: str) -> None:
    out = planner(
        "discover",
        "import",
        str(LOGS / "week1.squid.log"),
        "--db",
        db,
        "--directory",
        str(LOGS / "directory.csv"),
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""  # diagnostics go to stderr; no progress bar when piped
    warning, summary = out.stderr.strip().splitlines()
    # the plan's data-protection step is not recorded: the first import says so, once
    assert warning.startswith("warning: personal data imported before the plan's 'Data ")
    assert summary.startswith(
        "week1.squid.log (squid): 8 lines, 1 malformed line skipped "
        "(lines 7), 5 hosts, 2 tools matched, 2 new, 2 unmatched hosts"
    )
    out = planner("tools", "list", "--db", db)
    assert "facebook" in out.stdout and "Marketing" in out.stdout
    again = planner("discover", "import", str(LOGS / "week1.squid.log"), "--db", db)
    assert again.returncode == 0
    assert "already imported" in again.stderr


def test_triage_commands(db: str) -> None:
    planner("discover", "import", str(LOGS / "week1.squid.log"), "--db", db)
    out = planner("discover", "hosts", "--db", db)
    assert out.returncode == 0
    assert out.stdout.index("teamtool.example.net") < out.stdout.index("intranet-wiki")
    assert (
        planner(
            "discover",
            "custom",
            "teamtool.example.net",
            "--name",
            "Team Tool",
            "--category",
            "internal",
            "--db",
            db,
        ).returncode
        == 0
    )
    assert planner("discover", "ignore", "intranet-wiki.example.org", "--db", db).returncode == 0
    out = planner("discover", "hosts", "--db", db)
    assert "0 unmatched hosts" in out.stdout
    out = planner("discover", "map", "ghost.example", "slack", "--db", db)
    assert out.returncode == 2
    assert out.stderr.strip() == "planner: no host 'ghost.example' in this plan's evidence"


def test_survey_and_template(db: str, tmp_path: Path) -> None:
    template = tmp_path / "survey.csv"
    out = planner("discover", "template", "-o", str(template))
    assert out.returncode == 0
    assert template.read_text().startswith("department,tool,official,purposes,users,comments")
    out = planner("discover", "import", str(template), "--db", db)
    assert out.returncode == 0, out.stderr
    assert "(survey): 0 answers" in out.stderr  # the examples are comments
    examples = template.read_text().split("# Examples (delete them or leave them):\n")[1]
    template.write_text(  # the examples, as answers
        "department,tool,official,purposes,users,comments\n"
        + "".join(line.removeprefix("# ") for line in examples.splitlines(keepends=True))
    )
    out = planner("discover", "import", str(template), "--db", db)
    assert out.returncode == 0, out.stderr
    assert "(survey): 3 answers" in out.stderr
    out = planner("tools", "show", "facebook", "--db", db)
    assert "visibility-brand" in out.stdout


def test_bad_survey_lists_every_bad_row(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("department,tool,users\nSales,LinkedIn,ten\nHR,,3\n", encoding="utf-8")
    out = planner("discover", "import", str(bad), "--db", db)
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        f"{bad}:2: users: expected a whole number, got 'ten'",
        f"{bad}:3: tool: empty",
    ]


def test_not_a_log_and_missing_file(db: str, tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("Dear team,\nplease find attached\n")
    out = planner("discover", "import", str(junk), "--db", db)
    assert out.returncode == 2
    assert "not a log" in out.stderr and "Traceback" not in out.stderr
    out = planner("discover", "import", str(tmp_path / "nope.log"), "--db", db)
    assert out.returncode == 2
    assert out.stderr.strip() == f"{tmp_path / 'nope.log'}: no such file"


def test_tools_set_and_add(db: str) -> None:
    planner("discover", "import", str(LOGS / "week1.squid.log"), "--db", db)
    out = planner(
        "tools",
        "set",
        "facebook",
        "--status",
        "tolerated",
        "--owner",
        "Marketing",
        "--purposes",
        "visibility-brand,customer-relations",
        "--db",
        db,
    )
    assert out.returncode == 0, out.stderr
    out = planner("tools", "show", "facebook", "--db", db)
    assert "tolerated" in out.stdout and "Marketing" in out.stdout
    out = planner("tools", "set", "facebook", "--purposes", "gossip", "--db", db)
    assert out.returncode == 2
    assert out.stderr.startswith("planner: unknown purpose 'gossip'")
    out = planner("tools", "add", "Plant WhatsApp groups", "--category", "public", "--db", db)
    assert out.returncode == 0
    assert "custom tool" in out.stderr
    out = planner("tools", "add", "Slack", "--db", db)
    assert "(catalog: slack)" in out.stderr


def test_docs_template_is_the_one_the_command_writes(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    target = tmp_path / "t.csv"
    planner("discover", "template", "-o", str(target))
    assert target.read_text() == (ROOT / "docs" / "survey-template.csv").read_text()


def test_blocked_attempts_beside_the_tool(db: str) -> None:
    planner("discover", "import", str(LOGS / "week1.squid.log"), "--db", db)
    out = planner("discover", "import", str(LOGS / "denied.squid.log"), "--db", db)
    assert out.returncode == 0, out.stderr
    listed = planner("tools", "list", "--db", db, "--format", "json")
    assert listed.returncode == 0, listed.stderr
    rows = {r["id"]: r for r in json.loads(listed.stdout)}
    assert (rows["facebook"]["users"], rows["facebook"]["blocked"]) == (3, 1)
    assert (rows["slack"]["users"], rows["slack"]["blocked"]) == (0, 2)
    table = planner("tools", "list", "--db", db)
    assert "blocked" in table.stdout
    shown = planner("tools", "show", "slack", "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert "blocked attempts" in shown.stdout and "2" in shown.stdout


def test_directory_after_the_fact(db: str) -> None:
    planner("discover", "import", str(LOGS / "week1.squid.log"), "--db", db)
    before = json.loads(planner("tools", "list", "--db", db, "--format", "json").stdout)
    assert {r["id"]: r["departments"] for r in before}["facebook"] == []
    again = planner(
        "discover",
        "import",
        str(LOGS / "week1.squid.log"),
        "--db",
        db,
        "--directory",
        str(LOGS / "directory.csv"),
    )
    assert again.returncode == 0, again.stderr
    assert "already imported" in again.stderr
    assert "directory.csv: 3 people already seen given a department" in again.stderr
    after = json.loads(planner("tools", "list", "--db", db, "--format", "json").stdout)
    assert {r["id"]: r["departments"] for r in after}["facebook"] == ["Marketing"]
    # counts unchanged
    strip = [{k: v for k, v in r.items() if k != "departments"} for r in after]
    assert strip == [{k: v for k, v in r.items() if k != "departments"} for r in before]
    out = planner("discover", "directory", str(LOGS / "directory.csv"), "--db", db)
    assert out.returncode == 0, out.stderr
    assert "4 users with a department" in out.stderr
    assert "0 people already seen given a department" in out.stderr


def test_directory_command_errors_are_one_line(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "staff.csv"
    bad.write_text("colour;shape\nred;round\n", encoding="utf-8")
    out = planner("discover", "directory", str(bad), "--db", db)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    missing = planner("discover", "directory", str(tmp_path / "nope.csv"), "--db", db)
    assert missing.returncode != 0 and "Traceback" not in missing.stderr


def test_triage_by_domain(db: str) -> None:
    planner("discover", "import", str(LOGS / "longtail1.squid.log"), "--db", db)
    out = planner("discover", "hosts", "--by", "domain", "--db", db, "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = {r["domain"]: r for r in json.loads(out.stdout)}
    assert (rows["bbc.co.uk"]["hosts"], rows["bbc.co.uk"]["users"]) == (3, 2)
    assert "203.0.113.99" in rows and "co.uk" not in rows
    table = planner("discover", "hosts", "--by", "domain", "--db", db)
    assert "bbc.co.uk" in table.stdout and "6 domains" in table.stdout
    done = planner("discover", "ignore", "--domain", "bbc.co.uk", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "bbc.co.uk: ignored (3 hosts now; later imports follow the rule)" in done.stderr
    bad = planner("discover", "ignore", "--domain", "www.bbc.co.uk", "--db", db)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert "its registrable domain is 'bbc.co.uk'" in bad.stderr
    planner("discover", "import", str(LOGS / "longtail2.squid.log"), "--db", db)
    after = planner("discover", "hosts", "--by", "domain", "--db", db, "--format", "json")
    assert "bbc.co.uk" not in {r["domain"] for r in json.loads(after.stdout)}


def test_undecide_a_domain_and_a_host(db: str) -> None:
    planner("discover", "import", str(LOGS / "longtail1.squid.log"), "--db", db)
    assert planner("discover", "ignore", "--domain", "bbc.co.uk", "--db", db).returncode == 0
    out = planner("discover", "map", "www.bbc.co.uk", "slack", "--db", db)
    assert out.returncode == 0, out.stderr
    out = planner("discover", "undecide", "--domain", "bbc.co.uk", "--db", db)
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""
    assert out.stderr == (
        "bbc.co.uk: rule removed; 2 hosts back to triage, 1 keep their own decision\n"
    )
    rows = planner("discover", "hosts", "--by", "domain", "--db", db, "--format", "json")
    listed = {r["domain"]: r for r in json.loads(rows.stdout)}
    assert (listed["bbc.co.uk"]["hosts"], listed["bbc.co.uk"]["rule"]) == (2, None)
    out = planner("discover", "undecide", "www.bbc.co.uk", "--db", db)
    assert out.returncode == 0, out.stderr
    assert out.stderr == "www.bbc.co.uk: decision cleared; back to triage\n"
    hosts = planner("discover", "hosts", "--search", "bbc", "--db", db, "--format", "json")
    assert len(json.loads(hosts.stdout)) == 3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--domain", "bbc.co.uk"], "planner: no rule on 'bbc.co.uk' in this plan"),
        (["--domain", "www.bbc.co.uk"], "its registrable domain is 'bbc.co.uk'"),
        (["www.bbc.co.uk"], "planner: 'www.bbc.co.uk' has no decision to clear"),
        (["ghost.example"], "planner: no host 'ghost.example' in this plan's evidence"),
    ],
)
def test_undecide_refuses_what_has_nothing_to_clear(db: str, argv: list[str], message: str) -> None:
    planner("discover", "import", str(LOGS / "longtail1.squid.log"), "--db", db)
    out = planner("discover", "undecide", *argv, "--db", db)
    assert out.returncode == 2
    assert len(out.stderr.splitlines()) == 1 and "Traceback" not in out.stderr
    assert message in out.stderr
