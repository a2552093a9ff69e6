"""Running a command: the project's errors become one-line messages and exit codes, the
machine's failures (a full disk, a read-only database) one line saying what to fix, and
only a bug shows a traceback.

A command runs with the cyclic garbage collector's oldest generation collected ten times
less often (:func:`_fewer_full_collections`): each full collection walks every object the
process holds, and a command on a 60,000-tool plan holds millions of them (its tools, their
tuples and strings) while it allocates millions more. Fifteen full collections took 1.9 s of
the HTML report's 8 s, 1.5 s of the three-way re-import's 17 s; now one or two, for the same
peak memory (nearly all of a command's garbage is freed by reference counting, not by the
collector). The TUI, a long-lived process, keeps Python's defaults.
"""

from __future__ import annotations

import argparse
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from planner.cli.commands import Handler, close_opened
from planner.errors import MAX_PROBLEMS, InputError, InputErrors, PlannerError

# A file with 100,000 bad entries is refused with its first 100 problems, each at most a
# long line: enough to fix the first ones, not a flood that hides the terminal. The readers
# already stop at MAX_PROBLEMS and add their own located count line; this is the backstop
# for a list of problems built elsewhere.
MAX_ERROR_LINES = MAX_PROBLEMS
MAX_ERROR_CHARS = 2_000
# Full collections: after this many collections of the middle generation (Python: 10).
FULL_COLLECTION_EVERY = 100


def run(handler: Handler, args: argparse.Namespace) -> int:
    """Run a command; turn the project's errors into one-line messages and exit codes.

    The workspaces the command opened are closed when it is over, whatever happened.
    """
    try:
        return _run(handler, args)
    finally:
        close_opened()


def _run(handler: Handler, args: argparse.Namespace) -> int:
    from planner.cli.output import error_line, visible_streams

    try:
        if getattr(args, "owns_terminal", False):  # Textual: it shows data as Text
            return handler(args)
        with visible_streams(), _fewer_full_collections():
            return handler(args)
    except PlannerError as exc:
        lines = _error_lines(exc)
        # One more line fits where the count would go (a reader's own located count line).
        shown = lines if len(lines) <= MAX_ERROR_LINES + 1 else lines[:MAX_ERROR_LINES]
        for line in shown:
            error_line(line[:MAX_ERROR_CHARS])
        if len(shown) < len(lines):
            error_line(f"planner: … and {len(lines) - len(shown):,} more problems")
        return exc.exit_code
    except KeyboardInterrupt:
        error_line("planner: interrupted")
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:
        message = _environment_error(exc, args)
        if message is None:
            raise  # a bug: the traceback is what a bug report needs
        error_line(message)
        return 1


@contextmanager
def _fewer_full_collections() -> Iterator[None]:
    """The oldest generation collected every ``FULL_COLLECTION_EVERY`` collections of the
    middle one while the command runs; Python's setting again after it (a test runs many
    commands in one process)."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, FULL_COLLECTION_EVERY))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


def _environment_error(exc: Exception, args: argparse.Namespace) -> str | None:
    """One line for failures of the machine rather than of planner: a database that is full,
    read-only or locked, a file that cannot be written. Never the SQL or its parameters
    (they may hold plan data); the driver's own reason, which says what to fix."""
    if type(exc).__module__.startswith("sqlalchemy"):
        from planner.bootstrap import default_db

        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        where = getattr(args, "db", None) or default_db()
        hint = ""
        lowered = reason.lower()
        if "full" in lowered:
            hint = ": free some disk space and retry (nothing was saved)"
        elif "readonly" in lowered or "read-only" in lowered:
            hint = ": the workspace or its directory is read-only (nothing was saved)"
        return f"planner: database error on {where}: {reason}{hint}"
    if isinstance(exc, OSError):
        target = f"{exc.filename}: " if exc.filename else ""
        return f"planner: {target}{exc.strerror or exc}"
    return None


def _error_lines(exc: PlannerError) -> list[str]:
    """Located input errors read ``file:line:col: message``; the rest ``planner: message``."""
    if isinstance(exc, InputErrors):
        return [line for err in exc.errors for line in _error_lines(err)]
    if isinstance(exc, InputError) and exc.file:
        return [str(exc)]
    return [f"planner: {exc}"]
