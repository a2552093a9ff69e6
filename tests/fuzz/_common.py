"""Shared pieces of the fuzz suite: the hypothesis profile, the reader property, the list
of known bugs, workspace snapshots and a forked runner that survives a hang.

The property every reader must keep (issue "Reliability and security"): for any input it
returns valid records or raises ``planner.errors.InputError`` located in the file (``file``
and, for content errors, ``line``) — never another exception, never a hang, bounded memory.

Known bugs: a bug found by this suite is not fixed here. Its failing input goes into the
corpus (``tests/data/corpus``) where the corpus test for that one file is a strict xfail,
and it is listed in ``KNOWN_BUGS`` below so that the hypothesis properties, which find it
again and again, count it (``hypothesis.event``) instead of failing on it. Each entry is
matched narrowly (exception type, message and the planner function that raised), so any
other failure still fails the properties. When a bug is fixed its corpus test XPASSes,
which fails the run: delete the xfail and the ``KNOWN_BUGS`` entry together.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import sqlite3
import time
import traceback
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, currently_in_test_context, event, settings

import planner
from planner.adapters.sources.csv_input import Row
from planner.adapters.sources.logs import LogSummary, registry
from planner.adapters.sources.logs.model import APP_PREFIX, app_key
from planner.bootstrap import Planner, Settings, bootstrap
from planner.errors import InputError, InputErrors, PlannerError
from planner.services.plan_file import render_plan
from planner.services.plan_import import import_plan
from planner.services.plans import create_plan
from planner.services.rollout import add_training
from tests.conftest import HANG_GUARD_S

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"
DEMO_PLAN = ROOT / "plans" / "hexaline-2027.yaml"
SHIPPED_CATALOG = ROOT / "catalog"
PLANNER_DIR = Path(planner.__file__).resolve().parent

# --- hypothesis profile -------------------------------------------------------------------
# Sized for the whole suite on a 2-core machine: 80 examples per property (60 for the
# slower ones) — each run draws new ones, and the corpus keeps every input that ever failed.
# They were about a tenth of the suite's CPU at 120/100. PLANNER_FUZZ_EXAMPLES=2000
# runs a longer campaign locally or nightly.
EXAMPLES = int(os.environ.get("PLANNER_FUZZ_EXAMPLES", "80"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written to .hypothesis/; a failure prints its reproduction
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    print_blob=True,
)
FEWER = settings(FUZZ, max_examples=max(60, EXAMPLES * 2 // 3))  # the slower properties

# Hang guards, not performance measurements: generous on purpose (see tests/conftest.py).
SECONDS_PER_INPUT = HANG_GUARD_S
MB = 1024 * 1024
MEMORY_BOUND = 50 * MB
SCALAR_MEMORY_BOUND = 300 * MB
# load_yaml_file() once allocated a 64 MiB read buffer for every plan whatever its size;
# it now reads the file's size. Kept as a name so the bounds below say what they budget.
PLAN_READ_BUFFER = 0


# --- known bugs ----------------------------------------------------------------------------
@dataclass(frozen=True)
class KnownBug:
    """A bug found by the fuzz suite, recognised by what it raises and where."""

    reason: str
    exc_names: tuple[str, ...]  # class names of the exception
    module: str  # file name, relative to planner/, of the innermost planner frame
    function: str  # and its function
    message: str  # regular expression searched in str(exception)

    def matches(self, exc: BaseException) -> bool:
        if type(exc).__name__ not in self.exc_names:
            return False
        frame = innermost_planner_frame(exc)
        return (
            frame == (self.module, self.function)
            and re.search(self.message, str(exc), re.DOTALL) is not None
        )


# Every bug found so far is fixed; its input stays in the corpus as fixed-*.
KNOWN_BUGS: dict[str, KnownBug] = {}


def innermost_planner_frame(exc: BaseException) -> tuple[str, str] | None:
    """(file relative to planner/, function) of the deepest planner frame of a traceback;
    comprehensions and lambdas (``<setcomp>``…) count as the function around them."""
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename).resolve()
        if path.is_relative_to(PLANNER_DIR) and not frame.name.startswith("<"):
            found = (path.relative_to(PLANNER_DIR).as_posix(), frame.name)
    return found


def known_bug(exc: BaseException) -> str | None:
    return next((name for name, bug in KNOWN_BUGS.items() if bug.matches(exc)), None)


def describe(exc: BaseException) -> str:
    where = innermost_planner_frame(exc)
    at = f" in {where[0]}:{where[1]}" if where else ""
    return f"{type(exc).__name__}{at}: {str(exc)[:300]}"


# --- the property --------------------------------------------------------------------------
@dataclass
class Outcome:
    """What one reader call did: returned ``value``, refused with ``error``, or hit the
    known bug ``bug``."""

    value: Any = None
    error: InputError | None = None
    bug: str | None = None
    seconds: float = 0.0

    @property
    def refused(self) -> bool:
        return self.error is not None or self.bug is not None


def all_errors(error: InputError) -> list[InputError]:
    return list(error.errors) if isinstance(error, InputErrors) else [error]


def check_located(error: InputError, *, line: bool, file_level: str | None = None) -> None:
    """Every error names its file; with ``line`` every error also names its line, except
    errors about the whole file whose message matches ``file_level``."""
    errors = all_errors(error)
    assert errors, f"an InputErrors without errors: {error!r}"
    for each in errors:
        assert each.file, f"error without a file: {each!s}"
        if each.line is not None:
            assert each.line >= 1, f"line {each.line} in {each!s}"
        if each.col is not None:
            assert each.col >= 1, f"column {each.col} in {each!s}"
        if line and each.line is None:
            whole_file = file_level is not None and re.search(file_level, each.message)
            assert whole_file, f"error without a line: {each!s}"


def run_reader(
    call: Callable[[], Any],
    *,
    line: bool,
    file_level: str | None = None,
    tolerate: bool = True,
    cancelled_ok: bool = False,
    bound: float = SECONDS_PER_INPUT,
) -> Outcome:
    """Run one reader call and check the property; a KNOWN_BUGS exception is returned as
    ``Outcome.bug`` when ``tolerate`` (hypothesis) and fails otherwise (corpus, hostile)."""
    started = time.perf_counter()
    outcome = Outcome()
    try:
        outcome.value = call()
    except InputError as exc:
        check_located(exc, line=line, file_level=file_level)
        outcome.error = exc
    except PlannerError as exc:
        if not (cancelled_ok and str(exc) == "import cancelled"):
            raise AssertionError(f"PlannerError that is not an InputError: {exc!r}") from exc
        outcome.error = InputError(str(exc))
    except Exception as exc:
        bug = known_bug(exc) if tolerate else None
        if bug is None:
            raise AssertionError(f"reader raised {describe(exc)}") from exc
        if currently_in_test_context():
            event(f"known bug {bug}")
        outcome.bug = bug
    outcome.seconds = time.perf_counter() - started
    assert outcome.seconds < bound, f"took {outcome.seconds:.2f} s (hang guard {bound} s)"
    return outcome


def peak_memory(call: Callable[[], Any]) -> tuple[int, BaseException | None]:
    """tracemalloc peak (bytes) of one call, and what it raised."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    raised: BaseException | None = None
    try:
        call()
    except Exception as exc:
        raised = exc
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak, raised


# --- workspaces ----------------------------------------------------------------------------
def db_snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read with plain sqlite3 (committed state only)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: [tuple(row) for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1')]
            for table in tables
        }


# --- running in a forked child -------------------------------------------------------------
def _child(body: Callable[[Callable[[dict[str, Any]], None]], None], conn: Any) -> None:
    try:
        body(conn.send)
        conn.send({"done": True})
    except BaseException as exc:
        cause = exc.__cause__ if exc.__cause__ is not None else exc
        trace = traceback.format_exc()[-3000:]
        conn.send({"crash": describe(exc), "bug": known_bug(cause), "trace": trace})
    finally:
        conn.close()


def run_forked(
    body: Callable[[Callable[[dict[str, Any]], None]], None], *, step_timeout: float
) -> Iterator[dict[str, Any]]:
    """Run ``body(send)`` in a forked child and yield what it sends; a child silent for
    ``step_timeout`` seconds is killed and reported as ``{"hang": ...}``.

    Forking keeps a hung reader from hanging the suite: the corpus runs every file this
    way, so a file that never finishes costs ``step_timeout`` seconds, not forever.
    """
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(body, sender), daemon=True)
    process.start()
    sender.close()
    try:
        while True:
            if not receiver.poll(step_timeout):
                yield {"hang": f"no answer within {step_timeout} s: killed"}
                return
            try:
                message: dict[str, Any] = receiver.recv()
            except EOFError:
                yield {"crash": f"child died (exit code {process.exitcode})"}
                return
            if message.get("done"):
                return
            yield message
            if "crash" in message:
                return
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()


# --- readers under test, with the workspaces they need -------------------------------------
TODAY = dt.date(2027, 2, 15)
PLAN = "p"
PLAN_START = dt.date(2027, 1, 4)
DEMO_NAME = "hexaline-2027"
TRAININGS = (  # title, department, audience: ids sales-onboarding, it-office-hours, ...
    ("Sales onboarding", "Sales", 50),
    ("IT office hours", "IT", 35),
    ("Marketing e-learning", "Marketing", 45),
    ("Sales advanced", "Sales", 20),  # two Sales milestones: a department alone is ambiguous
)
# InputErrors about a whole file, which have no line to point at.
CSV_FILE_LEVEL = r"^(file too large|cannot read|no rows to import)"
YAML_FILE_LEVEL = r"^(file is too large|cannot read)"


def new_planner(directory: Path) -> Planner:
    directory.mkdir(parents=True, exist_ok=True)
    return bootstrap(Settings(db=str(directory / "w.sqlite"), today=lambda: TODAY))


def survey_planner(directory: Path) -> Planner:
    """A workspace with an empty plan ``p``: what a survey import needs."""
    app = new_planner(directory)
    create_plan(app.workspace, PLAN, PLAN_START)
    return app


def lms_planner(directory: Path) -> Planner:
    """Plan ``p`` with the training milestones of ``TRAININGS``: what an LMS import needs."""
    app = survey_planner(directory)
    for title, department, audience in TRAININGS:
        add_training(
            app.workspace, PLAN, title, department, audience, due=PLAN_START + dt.timedelta(60)
        )
    return app


def plan_planner(directory: Path) -> Planner:
    """A workspace holding the shipped demo plan, imported from its file."""
    app = new_planner(directory)
    import_plan(app.workspace, app.catalog, DEMO_PLAN)
    return app


def db_file(app: Planner) -> Path:
    return Path(app.settings.db)


def render_demo(app: Planner) -> str:
    return render_plan(app.workspace, DEMO_NAME, TODAY, app.catalog)


def check_summary(summary: LogSummary) -> None:
    """What every LogSummary must satisfy."""
    assert isinstance(summary, LogSummary)
    assert summary.format in registry.NAMES
    assert 0 <= summary.skipped <= summary.lines
    assert summary.skipped_lines == sorted(set(summary.skipped_lines))
    if summary.format in ("entra-signins", "entra-grants", "zeek-dns"):
        # records of a JSON list can share a line, named once
        assert 0 < len(summary.skipped_lines) <= min(summary.skipped, 5) or not summary.skipped
    else:
        assert len(summary.skipped_lines) == min(summary.skipped, 5)
    assert all(line >= 1 for line in summary.skipped_lines)
    assert len(summary.digest) == 64
    for host, stats in summary.hosts.items():
        if host.startswith(APP_PREFIX):  # an application: its name as the source gives it
            assert host == app_key(host.removeprefix(APP_PREFIX)), host
        else:
            assert host and host == host.strip().lower(), host
        assert stats.hits > 0 or stats.blocked > 0  # use, or only refused attempts
        assert 0 <= stats.bytes <= stats.hits * 10**12
        assert 0 <= stats.first <= stats.last < 253402300800.0
        assert len(stats.users) <= stats.hits
    if summary.format != "aggregate":  # whose rows each sum many hits
        used = sum(s.hits + s.blocked for s in summary.hosts.values())
        assert used <= summary.lines - summary.skipped


def check_rows(rows: list[Row], columns: set[str]) -> None:
    """What read_rows must yield: increasing physical line numbers, known columns only."""
    lines = [row.line for row in rows]
    assert lines == sorted(set(lines)) and all(line >= 2 for line in lines)
    for row in rows:
        assert set(row.values) <= columns
        assert all(value == value.strip() for value in row.values.values())
