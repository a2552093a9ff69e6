"""What a user of the installed command gets: the demo rule (its own workspace, opened
while they have none, --db and $PLANNER_DB winning), a custom catalog remembered by the
workspace, the version, the documented environment and exit codes, shell completion."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from tests.cli.test_cli import planner

PRODUCT = (
    "id: acme-social\nname: Acme Social\nvendor: Acme\ncategory: internal\n"
    "summary: Our own network.\ncapabilities: [wiki]\n"
    "discovery: {domains: [social.acme.example]}\n"
    "strategy: {status: active, owner: Acme}\n"
)
LOG_LINE = (
    "1700000000.000    120 10.0.0.1 TCP_MISS/200 1500 GET https://social.acme.example/ "
    "alice DIRECT/1.2.3.4 text/html\n"
)


def _data_dir() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "planner"


def test_the_demo_is_what_plan_list_shows_until_one_has_a_workspace() -> None:
    out = planner("demo", "--no-tui")
    assert out.returncode == 0, out.stderr
    assert (_data_dir() / "demo.sqlite").is_file()
    out = planner("plan", "list")
    assert out.returncode == 0, out.stderr
    assert "hexaline-2027" in out.stdout
    [notice] = [line for line in out.stderr.splitlines() if "demo" in line]
    assert "plan new" in notice  # how to start one's own
    # Starting one's own workspace: the demo stays out of it, and is no longer shown.
    out = planner("plan", "new", "acme-2027", "--start", "2027-01-04")
    assert out.returncode == 0, out.stderr
    out = planner("plan", "list")
    assert "acme-2027" in out.stdout
    assert "hexaline-2027" not in out.stdout
    assert "demo" not in out.stderr


def test_db_and_planner_db_win_over_the_demo(tmp_path: Path) -> None:
    assert planner("demo", "--no-tui").returncode == 0
    out = planner("plan", "list", "--db", str(tmp_path / "none.sqlite"))
    assert out.returncode == 2  # that workspace, not the demo
    assert "hexaline" not in out.stdout
    # planner demo honours $PLANNER_DB, as its help says.
    env_db = tmp_path / "from-env.sqlite"
    out = planner("demo", "--no-tui", env={"PLANNER_DB": str(env_db)})
    assert out.returncode == 0, out.stderr
    assert env_db.is_file()
    out = planner("plan", "list", env={"PLANNER_DB": str(env_db)})
    assert "hexaline-2027" in out.stdout
    assert "demo" not in out.stderr  # it is the workspace asked for: nothing to announce


def test_the_demo_never_enters_a_workspace_with_plans_of_its_own(tmp_path: Path) -> None:
    db = str(tmp_path / "real.sqlite")
    assert planner("plan", "new", "acme-2027", "--start", "2027-01-04", "--db", db).returncode == 0
    out = planner("demo", "--no-tui", "--yes", "--db", db)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr
    listing = planner("plan", "list", "--db", db)
    assert "hexaline" not in listing.stdout


@pytest.fixture
def custom(tmp_path: Path) -> Path:
    directory = tmp_path / "my-products"
    directory.mkdir()
    (directory / "acme-social.yaml").write_text(PRODUCT, encoding="utf-8")
    return directory


def _capabilities(db: str, tmp_path: Path) -> str:
    """The custom tool's capabilities as the inventory export gives them."""
    out = tmp_path / "inventory.csv"
    done = planner("inventory", "export", "--csv", str(out), "--db", db)
    assert done.returncode == 0, done.stderr
    [row] = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    return row["capabilities"]


def _plan_with_custom_tool(db: str, custom: Path, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(LOG_LINE, encoding="utf-8")
    out = planner(
        "plan", "new", "acme", "--start", "2027-01-04", "--db", db, "--catalog", str(custom)
    )
    assert out.returncode == 0, out.stderr
    out = planner("discover", "import", str(log), "--db", db)
    assert out.returncode == 0, out.stderr


def test_a_plan_made_with_a_catalog_validates_without_repeating_it(
    custom: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "w.sqlite")
    _plan_with_custom_tool(db, custom, tmp_path)
    assert _capabilities(db, tmp_path) == "wiki"  # the product's, not an unknown product's
    exported = tmp_path / "acme.yaml"
    assert planner("plan", "export", "acme", "-o", str(exported), "--db", db).returncode == 0
    assert "product: acme-social" in exported.read_text(encoding="utf-8")
    out = planner("plan", "validate", str(exported), "--db", db)
    assert out.returncode == 0, out.stderr
    # Elsewhere (a plans repository's CI, no workspace): --catalog or $PLANNER_CATALOG.
    elsewhere = str(tmp_path / "ci.sqlite")
    assert planner("plan", "validate", str(exported), "--db", elsewhere).returncode == 2
    out = planner("plan", "validate", str(exported), "--db", elsewhere, "--catalog", str(custom))
    assert out.returncode == 0, out.stderr
    out = planner(
        "plan", "validate", str(exported), "--db", elsewhere, env={"PLANNER_CATALOG": str(custom)}
    )
    assert out.returncode == 0, out.stderr


def test_a_remembered_catalog_missing_or_changed_is_a_warning(custom: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "w.sqlite")
    _plan_with_custom_tool(db, custom, tmp_path)
    (custom / "acme-social.yaml").write_text(
        PRODUCT.replace("[wiki]", "[wiki, blogs]"), encoding="utf-8"
    )
    out = planner("candidates", "--db", db)
    assert out.returncode == 0, out.stderr
    [warning] = [line for line in out.stderr.splitlines() if str(custom) in line]
    assert "changed" in warning
    assert "catalog validate" in warning  # what to re-check
    moved = custom.rename(tmp_path / "moved")
    out = planner("candidates", "--db", db)
    assert out.returncode == 0, out.stderr
    [warning] = [line for line in out.stderr.splitlines() if str(custom) in line]
    assert "missing" in warning
    # Given again from its new place, it is remembered there.
    out = planner(
        "tools", "set", "acme-social", "--owner", "IT", "--db", db, "--catalog", str(moved)
    )
    assert out.returncode == 0, out.stderr
    assert _capabilities(db, tmp_path) == "wiki; blogs"


def test_version_environment_and_exit_codes_are_documented() -> None:
    for flag in ("-V", "--version"):
        out = planner(flag)
        assert out.returncode == 0
        assert out.stdout.startswith("planner ")
    help_text = planner("--help").stdout
    for variable in ("PLANNER_DB", "PLANNER_CATALOG", "PLANNER_KEY_FILE", "PLANNER_TODAY"):
        assert variable in help_text
    for code in ("0  success", "1  failure", "2  bad usage"):
        assert code in help_text


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_shell_completion_lists_the_commands(shell: str) -> None:
    out = planner("completion", shell)
    assert out.returncode == 0, out.stderr
    for word in ("discover", "--catalog", "validate"):
        assert word in out.stdout


def test_completion_for_an_unknown_shell_is_bad_usage() -> None:
    out = planner("completion", "cmd.exe")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


def test_stale_vendor_facts_are_warnings_that_say_what_to_recheck(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.sqlite")
    assert planner("demo", "--no-tui", "--db", db).returncode == 0
    # As of a day within a year of the catalog's checks (pinned: the test must not age).
    fresh = planner("vendors", "list", "--db", db, env={"PLANNER_TODAY": "2026-12-05"})
    assert fresh.returncode == 0, fresh.stderr
    assert "warning" not in fresh.stderr
    later = planner("vendors", "list", "--db", db, env={"PLANNER_TODAY": "2099-01-01"})
    assert later.returncode == 0, later.stderr  # a warning, not a failure
    jive = [line for line in later.stderr.splitlines() if line.startswith("warning: jive:")]
    assert len(jive) == 1
    assert "re-check" in jive[0]
    assert "source:" in jive[0]
