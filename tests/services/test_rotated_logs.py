"""A month of rotated logs in one command: many gzipped files read in parallel,
each person counted once across them, and a re-run over a growing set importing only the
new files (each file's digest recorded)."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from planner.services.discover import import_file
from planner.services.discover.rotated import import_logs
from planner.services.discover.triage import list_domains
from planner.services.plans import create_plan
from planner.services.tools import list_tools
from tests.cli.test_cli import planner as run
from tests.conftest import DATA

LOGS = DATA / "discover"
DAYS = ("week1.squid.log", "week2.squid.log", "longtail1.squid.log", "longtail2.squid.log")


def _gz(tmp_path: Path, names: tuple[str, ...]) -> list[Path]:
    out = []
    for i, name in enumerate(names, start=1):
        path = tmp_path / f"access.log-202611{i:02d}.gz"
        path.write_bytes(gzip.compress((LOGS / name).read_bytes(), mtime=0))
        out.append(path)
    return out


def _state(planner: Planner, plan: str) -> object:
    tools = {
        t.slug: (t.log_users, t.requests, t.bytes) for t in list_tools(planner.workspace, plan)
    }
    domains = {
        (d.domain, d.hosts, d.users, d.hits) for d in list_domains(planner.workspace, plan)[0]
    }
    return tools, domains


@pytest.mark.parametrize("workers", [1, 2])
def test_many_files_give_what_one_import_after_another_gives(
    planner: Planner, tmp_path: Path, workers: int
) -> None:
    for plan in ("one-by-one", "all-at-once"):
        create_plan(planner.workspace, plan, dt.date(2027, 1, 4))
    files = _gz(tmp_path, DAYS)
    for path in files:
        import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "one-by-one", path)
    seen: list[str] = []
    results = import_logs(
        planner.workspace,
        planner.catalog,
        planner.pseudonym_key,
        "all-at-once",
        files,
        workers=workers,
        done=lambda r: seen.append(r.source),
    )
    assert [r.source for r in results] == [p.name for p in files] == seen
    assert not any(r.duplicate for r in results)
    assert _state(planner, "all-at-once") == _state(planner, "one-by-one")
    facebook = {t.slug: t for t in list_tools(planner.workspace, "all-at-once")}["facebook"]
    assert facebook.log_users == 4  # bob in week 1 and week 2 counts once


def test_a_rerun_over_a_growing_set_imports_only_the_new_files(
    planner: Planner, tmp_path: Path
) -> None:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    files = _gz(tmp_path, DAYS)

    def run_over(paths: list[Path]) -> list[tuple[str, bool]]:
        results = import_logs(
            planner.workspace, planner.catalog, planner.pseudonym_key, "acme", paths, workers=2
        )
        return [(r.source, r.duplicate) for r in results]

    assert run_over(files[:2]) == [(files[0].name, False), (files[1].name, False)]
    before = _state(planner, "acme")
    assert run_over(files[:2]) == [(files[0].name, True), (files[1].name, True)]
    assert _state(planner, "acme") == before
    # two more days; the same file twice in the list counts once
    assert run_over([*files, files[3]]) == [
        (files[0].name, True),
        (files[1].name, True),
        (files[2].name, False),
        (files[3].name, False),
    ]
    # a renamed copy of a day already in is the same bytes: skipped
    copy = tmp_path / "renamed.gz"
    copy.write_bytes(files[2].read_bytes())
    assert run_over([copy]) == [("renamed.gz", True)]


def test_the_command_takes_a_month_of_files(workspace_db: str, tmp_path: Path) -> None:
    assert run("--db", workspace_db, "plan", "new", "acme", "--start", "2027-01-04").returncode == 0
    files = [str(p) for p in _gz(tmp_path, DAYS[:3])]
    out = run("--db", workspace_db, "discover", "import", *files[:2])
    assert out.returncode == 0, out.stderr
    assert "access.log-20261101.gz (squid): 8 lines" in out.stderr
    assert "2 files: 2 imported, 0 already in" in out.stderr
    again = run("--db", workspace_db, "discover", "import", *files)
    assert again.returncode == 0, again.stderr
    assert "access.log-20261101.gz: already imported; skipped" in again.stderr
    assert "3 files: 1 imported, 2 already in" in again.stderr
    assert "new domains (" in again.stderr  # the long tail's domains, new since week 2
    bad = run("--db", workspace_db, "discover", "import", files[0], str(tmp_path / "missing.gz"))
    assert bad.returncode == 2 and "missing.gz" in bad.stderr


def _evidence(planner: Planner, plan: str) -> object:
    """Every host's counts with the pseudonyms of its people, and the plan's persons."""
    from sqlalchemy import select

    from planner.adapters.store import evidence, imports, triage_store
    from planner.adapters.store.repository import Repository
    from planner.services.discover.common import plan_id_of

    with planner.workspace.read() as session:
        plan_id = plan_id_of(Repository(session), plan)
        persons = dict(
            session.execute(
                select(evidence.PERSON.c.id, evidence.PERSON.c.pseudonym).where(
                    evidence.PERSON.c.plan_id == plan_id
                )
            ).all()
        )
        hosts = {
            host: (hits, size, last, frozenset(persons[i] for i in evidence.unpack(blob)))
            for host, hits, blob, last, size in triage_store.host_rows(
                session, plan_id, unmatched=False, search=""
            )
        }
        runs = imports.IMPORT.c
        imported = sorted(
            session.execute(
                select(runs.source, runs.digest, runs.file_digest, runs.lines).where(
                    runs.plan_id == plan_id
                )
            ).all()
        )
    return hosts, sorted(persons.values()), imported


def test_a_month_in_one_command_is_the_days_imported_one_by_one(
    workspace_db: str, tmp_path: Path
) -> None:
    from planner.bootstrap import Settings, bootstrap

    for plan in ("daily", "month"):
        out = run("--db", workspace_db, "plan", "new", plan, "--start", "2027-01-04")
        assert out.returncode == 0, out.stderr
    files = [str(p) for p in _gz(tmp_path, DAYS[:3])]
    for path in files:
        out = run("--db", workspace_db, "discover", "import", path, "--plan", "daily")
        assert out.returncode == 0, out.stderr
    out = run("--db", workspace_db, "discover", "import", *files, "--plan", "month")
    assert out.returncode == 0, out.stderr
    assert "3 files: 3 imported, 0 already in" in out.stderr
    planner = bootstrap(Settings(db=workspace_db))
    tools, _ = _state(planner, "month")
    assert tools and (tools, _evidence(planner, "month")) == (
        _state(planner, "daily")[0],
        _evidence(planner, "daily"),
    )
    # each day is recorded as imported: any of them again is skipped
    again = run("--db", workspace_db, "discover", "import", files[1], "--plan", "month")
    assert again.returncode == 0 and "already" in again.stderr
