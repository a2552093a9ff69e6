"""Every file of tests/data/corpus through its reader: the reader returns valid records or
raises a located InputError, within the hang guard and the memory bound.

Each file runs in a forked child (see ``run_forked``) so that a reader that hangs on it
costs a few seconds instead of the whole run. Files that reproduce a known bug are strict
xfails (``CORPUS_BUGS``); see tests/data/corpus/README.txt to add a file.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from planner.adapters.catalog_files import load_catalog
from planner.adapters.sources.csv_input import read_rows
from planner.adapters.sources.logs import read_log
from planner.bootstrap import Planner
from planner.services.discover.logs import read_directory
from planner.services.discover.survey import SURVEY_COLUMNS, import_survey
from planner.services.plan_file import render_plan
from planner.services.plan_import import import_plan
from planner.services.rollout import import_lms
from tests.fuzz._common import (
    CORPUS,
    CSV_FILE_LEVEL,
    KNOWN_BUGS,
    MB,
    MEMORY_BOUND,
    PLAN,
    PLAN_READ_BUFFER,
    SECONDS_PER_INPUT,
    SHIPPED_CATALOG,
    YAML_FILE_LEVEL,
    check_rows,
    check_summary,
    db_file,
    db_snapshot,
    lms_planner,
    peak_memory,
    plan_planner,
    render_demo,
    run_forked,
    run_reader,
    survey_planner,
)

# corpus file (relative to the corpus) -> the KNOWN_BUGS entry it reproduces
CORPUS_BUGS = {}  # all fixed: the files are now fixed-* and must be refused cleanly
READERS = ("logs", "survey", "lms", "directory", "catalog", "plan")
STEP_TIMEOUT = 1.5 * SECONDS_PER_INPUT  # the child's budget per step, setup included

Send = Callable[[dict[str, Any]], None]


class KnownBugReproduced(AssertionError):
    """A bug-* corpus file failed exactly as its KNOWN_BUGS entry says (the strict xfail
    expects this and nothing else: any other failure of that file is a real failure)."""


def _corpus_files() -> list[Any]:
    params = []
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".txt"):
        rel = path.relative_to(CORPUS).as_posix()
        marks = []
        if rel in CORPUS_BUGS:
            reason = f"known bug {CORPUS_BUGS[rel]}: {KNOWN_BUGS[CORPUS_BUGS[rel]].reason}"
            marks.append(pytest.mark.xfail(strict=True, raises=KnownBugReproduced, reason=reason))
        params.append(pytest.param(rel, id=rel, marks=marks))
    return params


def _step(
    send: Send,
    label: str,
    call: Callable[[], Any],
    *,
    line: bool,
    file_level: str | None = None,
    memory: int = MEMORY_BOUND,
) -> Any:
    """One reader call, strictly (no known bug tolerated); reports to the parent."""
    outcome = run_reader(call, line=line, file_level=file_level, tolerate=False)
    send({"step": label, "refused": str(outcome.error) if outcome.error else None})
    peak, _ = peak_memory(call)  # again, traced: tracemalloc slows the first pass' clock
    send({"step": f"{label}, traced", "peak": peak})
    assert peak < memory, f"{label}: tracemalloc peak {peak / MB:.0f} MB"
    return outcome


def _logs(path: Path, send: Send, work: Path) -> None:
    size_bound = MEMORY_BOUND + 8 * path.stat().st_size
    for fmt in (None, "squid", "w3c", "csv"):
        outcome = _step(
            send,
            f"read_log(fmt={fmt})",
            partial(read_log, path, fmt, source="corpus.log", workers=1),
            line=False,
            memory=size_bound,
        )
        if outcome.error is None:
            check_summary(outcome.value)
            if fmt is None:
                forced = read_log(path, outcome.value.format, workers=1)
                assert forced == outcome.value, "sniffed and forced formats disagree"
        else:
            assert outcome.error is not None and outcome.error.file == "corpus.log"


def _workspace_step(
    send: Send, label: str, db: Path, call: Callable[[], Any], *, file_level: str
) -> None:
    before = db_snapshot(db)
    outcome = run_reader(call, line=True, file_level=file_level, tolerate=False)
    send({"step": label, "refused": str(outcome.error) if outcome.error else None})
    if outcome.refused:
        assert db_snapshot(db) == before, f"{label}: a refused import changed the workspace"


def _survey(path: Path, send: Send, work: Path) -> None:
    app = survey_planner(work / "ws")
    _workspace_step(
        send,
        "import_survey",
        db_file(app),
        lambda: import_survey(app.workspace, app.catalog, PLAN, path),
        file_level=CSV_FILE_LEVEL,
    )
    outcome = _step(
        send,
        "read_rows",
        lambda: list(read_rows(path, SURVEY_COLUMNS, ["tool"])),
        line=True,
        file_level=CSV_FILE_LEVEL,
    )
    if outcome.error is None:
        check_rows(outcome.value, set(SURVEY_COLUMNS))


def _lms(path: Path, send: Send, work: Path) -> None:
    app = lms_planner(work / "ws")
    _workspace_step(
        send,
        "import_lms",
        db_file(app),
        lambda: import_lms(app.workspace, PLAN, path),
        file_level=CSV_FILE_LEVEL,
    )


def _directory(path: Path, send: Send, work: Path) -> None:
    outcome = _step(
        send, "read_directory", lambda: read_directory(path), line=True, file_level=CSV_FILE_LEVEL
    )
    if outcome.error is None:
        assert all(user and department for user, department in outcome.value.items())


def _catalog(path: Path, send: Send, work: Path) -> None:
    shipped = work / "catalog"
    shutil.copytree(SHIPPED_CATALOG, shipped)
    shutil.copyfile(path, shipped / "enterprise-social" / "jive.yaml")
    _step(
        send,
        "load_catalog(jive.yaml replaced)",
        lambda: load_catalog(shipped=shipped),
        line=True,
        file_level=YAML_FILE_LEVEL,
    )
    extra = work / "extra"
    extra.mkdir()
    shutil.copyfile(path, extra / "product.yaml")
    _step(
        send,
        "load_catalog([extra dir])",
        lambda: load_catalog([extra]),
        line=True,
        file_level=YAML_FILE_LEVEL,
    )


def _plan(path: Path, send: Send, work: Path) -> None:
    app = plan_planner(work / "ws")
    before, snapshot = render_demo(app), db_snapshot(db_file(app))
    outcome = run_reader(
        lambda: import_plan(app.workspace, app.catalog, path),
        line=True,
        file_level=YAML_FILE_LEVEL,
        tolerate=False,
    )
    send({"step": "import_plan", "refused": str(outcome.error) if outcome.error else None})
    if outcome.refused:
        assert render_demo(app) == before, "a refused import changed the plan"
        assert db_snapshot(db_file(app)) == snapshot, "a refused import changed the workspace"
    else:
        name = outcome.value.plan
        run_reader(lambda: render_plan_named(app, name), line=True, tolerate=False)
    peak, _ = peak_memory(lambda: import_plan(app.workspace, app.catalog, path))
    assert peak < MEMORY_BOUND + PLAN_READ_BUFFER, f"tracemalloc peak {peak / MB:.0f} MB"


def render_plan_named(app: Planner, name: str) -> str:
    """What every view of an imported plan needs to work."""
    return render_plan(app.workspace, name, app.today(), app.catalog)


BODIES: dict[str, Callable[[Path, Send, Path], None]] = {
    "logs": _logs,
    "survey": _survey,
    "lms": _lms,
    "directory": _directory,
    "catalog": _catalog,
    "plan": _plan,
}


@pytest.mark.parametrize("rel", _corpus_files())
def test_corpus_file(rel: str, tmp_path: Path) -> None:
    reader = rel.split("/", 1)[0]
    assert reader in READERS, f"{rel}: corpus folders are {', '.join(READERS)}"
    path = CORPUS / rel
    steps = []
    for message in run_forked(
        lambda send: BODIES[reader](path, send, tmp_path), step_timeout=STEP_TIMEOUT
    ):
        if "hang" in message or "crash" in message:
            what = f"{rel}: {message.get('hang') or message.get('crash')}"
            expected = CORPUS_BUGS.get(rel)
            if expected is not None and (
                message.get("bug") == expected
                or ("hang" in message and not KNOWN_BUGS[expected].exc_names)
            ):
                raise KnownBugReproduced(what)
            pytest.fail(f"{what}\n{message.get('trace', '')}")
        steps.append(message)
    assert steps, f"{rel}: the reader was never called"


def test_corpus_is_large_enough_and_every_bug_has_a_file() -> None:
    files = [p for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".txt"]
    assert len(files) >= 25
    assert (CORPUS / "README.txt").is_file()
    for rel, bug in CORPUS_BUGS.items():
        assert (CORPUS / rel).is_file(), rel
        assert bug in KNOWN_BUGS, bug
    named_bug = {p.relative_to(CORPUS).as_posix() for p in files if p.name.startswith("bug-")}
    assert named_bug == set(CORPUS_BUGS), "name bug files bug-*, and list them in CORPUS_BUGS"
    # A KNOWN_BUGS entry tolerated by the properties must stay pinned by a strict xfail.
    assert set(KNOWN_BUGS) == set(CORPUS_BUGS.values())


@pytest.mark.parametrize(
    "rel",
    [
        rel
        for rel, bug in sorted(CORPUS_BUGS.items())
        if KNOWN_BUGS[bug].exc_names  # the others hang, which no matcher recognises
    ],
)
def test_known_bug_matchers_recognise_their_corpus_file(rel: str, tmp_path: Path) -> None:
    """While a bug is there, what it raises is recognised as exactly that bug, so the
    properties tolerate it and nothing else (and the refused import changed nothing)."""
    reader, path = rel.split("/", 1)[0], CORPUS / rel
    expected = CORPUS_BUGS[rel]
    if reader == "plan":
        app = plan_planner(tmp_path)
        before = db_snapshot(db_file(app))
        outcome = run_reader(
            lambda: import_plan(app.workspace, app.catalog, path), line=True, tolerate=True
        )
        if not outcome.refused:
            outcome = run_reader(
                lambda: render_plan_named(app, outcome.value.plan), line=True, tolerate=True
            )
        elif outcome.bug is not None:
            assert db_snapshot(db_file(app)) == before
    else:
        app = lms_planner(tmp_path) if reader == "lms" else survey_planner(tmp_path)
        before = db_snapshot(db_file(app))
        call: Callable[[], Any] = (
            (lambda: import_lms(app.workspace, PLAN, path))
            if reader == "lms"
            else (lambda: import_survey(app.workspace, app.catalog, PLAN, path))
        )
        outcome = run_reader(call, line=True, file_level=CSV_FILE_LEVEL, tolerate=True)
        if outcome.bug is not None:
            assert db_snapshot(db_file(app)) == before
    assert outcome.bug in (None, expected), f"{rel}: recognised as {outcome.bug}"
    app.close()
