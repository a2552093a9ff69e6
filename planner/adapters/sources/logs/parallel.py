"""Reading one large Squid log with several processes, one byte range each.

A Python loop over a million lines is CPU-bound and the GIL keeps it on one core, while
the speed target (mawk's time, ideally half of it) needs every core. Squid lines are
independent, so an uncompressed log is cut into byte ranges aligned on newlines; each
process folds its range into an ``Aggregate`` and sends back compact totals (each user
once, then per host an array of user numbers, which pickles in one go), and the caller
merges them in file order, so line numbers and every total come out exactly as a single
pass would give them.

The calling process reads the first range itself, then hashes the whole file in order
(the digest must not depend on how the file was cut) while the others finish. It polls
progress (shared counters) and cancellation between blocks; cancelling terminates the
helper processes. Helpers are forked when the caller is single-threaded (cheap) and
spawned otherwise, because forking a threaded process — a TUI import worker — can
deadlock the child on a lock another thread held. Spawning re-imports the main script,
so, as always with multiprocessing, a script that imports logs from a thread needs the
``if __name__ == "__main__":`` guard; the planner's entry points have it (``python -m
planner`` is exempt by multiprocessing's own rule for ``__main__`` modules).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from planner.adapters.sources.logs.model import Aggregate
from planner.adapters.sources.logs.source import BLOCK_SIZE, LogSource, check_cancelled
from planner.adapters.sources.logs.squid_ranges import (
    SQUID,
    Packed,
    merge,
    merge_part,
    pack,
    send_parts,
)
from planner.errors import InputError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from planner.adapters.sources.logs.spec import ReadOptions

__all__ = [
    "PARALLEL_THRESHOLD",
    "POLL_SECONDS",
    "SQUID",
    "Packed",
    "RangeKind",
    "RangeRead",
    "answer",
    "die_with",
    "finish_early",
    "merge",
    "merge_part",
    "pack",
    "read_squid_parallel",
    "send_parts",
    "split_ranges",
    "start_context",
    "worker_count",
    "workers_for",
]

PARALLEL_THRESHOLD = 32 * 1024 * 1024  # below this, starting processes costs more than it saves
# The reader scaled to 8 workers on a 16-core server (0.95 s for 2M lines, from 3.39 s with
# one): the cores this process may use decide, up to a bound that only guards a huge host.
_MAX_WORKERS = 64
# The calling process also hashes the whole file (~0.5 ms/MB against ~8 ms/MB of
# parsing), so it takes a slightly smaller share of the lines.
_CALLER_SHARE = 0.93
POLL_SECONDS = 0.05


def worker_count() -> int:
    """Processes worth starting: the cores this process may run on (at most 64)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, _MAX_WORKERS))


def _line_start_after(fh: BinaryIO, target: int, size: int) -> int:
    """The first line start at or after ``target``."""
    if target <= 0:
        return 0
    fh.seek(target - 1)
    position = target - 1
    while position < size:
        chunk = fh.read(64 * 1024)
        if not chunk:
            break
        newline = chunk.find(b"\n")
        if newline >= 0:
            return position + newline + 1
        position += len(chunk)
    return size


def split_ranges(path: Path, size: int, parts: int, head_start: int = 0) -> list[tuple[int, int]]:
    """``parts`` byte ranges covering the file, each starting at a line start. The first
    one, the caller's, is a little shorter (see ``_CALLER_SHARE``), and shorter still by
    what the caller's other work is worth (``head_start`` bytes, spread over all parts);
    it may be empty. Other empty ranges are dropped."""
    first = _CALLER_SHARE * max(0, size - head_start * (parts - 1)) / (_CALLER_SHARE + parts - 1)
    bounds = [0]
    with path.open("rb") as fh:
        for part in range(1, parts):
            target = (
                int(first + (size - first) * (part - 1) / (parts - 1)) if part > 1 else int(first)
            )
            bounds.append(max(bounds[-1], _line_start_after(fh, target, size)))
    bounds.append(size)
    caller, *rest = itertools.pairwise(bounds)
    return [caller] + [(start, end) for start, end in rest if start < end]


def range_blocks(path: str | Path, start: int, end: int) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        fh.seek(start)
        left = end - start
        while left > 0:
            block = fh.read(min(BLOCK_SIZE, left))
            if not block:
                break
            left -= len(block)
            yield block


class RangeKind(Protocol):
    """How one format's byte ranges are read apart and put back together: a scanner per
    range (``feed(block)``, ``physical`` lines consumed), its totals packed in the helper,
    and the caller's merge of each helper's packed totals after its own range, in order."""

    def caller(self) -> Any:
        """The scanner of the caller's range, the file's first."""

    def scanner(self) -> Any:
        """The scanner of a helper's range."""

    def pack(self, scanner: Any) -> Any:
        """In the helper, once its range is fed: totals cheap to pickle."""

    def start(self, scanner: Any) -> Any:
        """In the caller, once its own range is fed: what the helpers' totals merge into."""

    def merge(self, state: Any, packed: Any, offset: int) -> int:
        """Fold the next range's packed totals in (its lines follow ``offset`` lines);
        returns its physical lines."""

    def result(self, state: Any) -> Aggregate: ...

    def send(self, conn: Connection, scanner: Any) -> None:
        """In the helper: send its totals (one ``("ok", packed)``, or parts before it)."""

    def parts(self, state: Any) -> Callable[[str, Any], None] | None:
        """In the caller: what takes a helper's parts as they come (None: it sends none)."""


def die_with(parent: int) -> None:
    """End this helper as soon as ``parent`` dies (kill -9, SIGTERM, a crash).

    Otherwise a helper whose parent was killed lives on under PID 1, blocked on a pipe that
    nobody reads (it inherited the read end at fork), holding its memory and the open log.
    On Linux the kernel signals it (PR_SET_PDEATHSIG); everywhere, a daemon thread also
    watches the parent id, which changes when the parent is gone (the thread runs while the
    main one is blocked in ``send``, which releases the GIL).
    """
    import signal
    import sys

    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(0.5)
        os._exit(1)

    if os.getppid() != parent:  # died before the guard was set
        os._exit(1)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def scan_range(
    kind: RangeKind,
    path: str,
    start: int,
    end: int,
    slot: int,
    done: Any,
    conn: Connection,
    parent: int,
) -> None:
    """Helper process body: fold one byte range, send the packed totals back (bad input
    found in it as its message and its line within the range)."""
    die_with(parent)
    try:
        # the file's start (the caller's range left empty by its head start) is read as
        # the caller would read it: a header there is a header
        scanner = kind.caller() if start == 0 else kind.scanner()
        for block in range_blocks(path, start, end):
            scanner.feed(block)
            done[slot] += len(block)
        kind.send(conn, scanner)
    except OSError as exc:
        conn.send(("input", (f"cannot read the log: {exc.strerror or exc}", None)))
    except InputError as exc:
        conn.send(("input", (exc.message, exc.line)))
    except BaseException as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def start_context() -> Any:
    import multiprocessing  # only when a log is big enough: it is slow to import

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class RangeRead:
    """One uncompressed log (Squid, or another ``kind``) read by several processes, started
    before its result is needed: the helpers parse their ranges at once, while the caller
    may do other work first (the command line imports its database layer meanwhile:
    ``head_start`` is what that work is worth in bytes of parsing, taken off the caller's
    range), then ``finish`` parses the caller's range, hashes the whole file in order and
    merges."""

    def __init__(
        self, path: Path, total: int, workers: int, head_start: int = 0, kind: RangeKind = SQUID
    ) -> None:
        self.path = path
        self.kind = kind
        self.ranges = split_ranges(path, total, workers, head_start)
        ctx = start_context()
        self.done = ctx.RawArray("q", len(self.ranges))
        self.helpers: list[tuple[Any, Connection]] = []
        try:
            for slot, (start, end) in enumerate(self.ranges[1:], start=1):
                receiver, sender = ctx.Pipe(duplex=False)
                process = ctx.Process(
                    target=scan_range,
                    args=(kind, str(path), start, end, slot, self.done, sender, os.getpid()),
                    daemon=True,
                )
                process.start()
                sender.close()
                self.helpers.append((process, receiver))
        except BaseException:
            self.close()
            raise

    def finish(self, src: LogSource, cancelled: Callable[[], bool] | None) -> tuple[Aggregate, str]:
        """The aggregate of the whole log and its digest (``src`` is the same file)."""
        mine = 0
        done = self.done

        def poll() -> None:
            check_cancelled(cancelled)
            src.report(mine + sum(done))

        try:
            digest = hashlib.sha256()
            kind = self.kind
            scanner = kind.caller()
            for block in range_blocks(self.path, *self.ranges[0]):
                digest.update(block)
                scanner.feed(block)
                mine += len(block)
                poll()
            state = kind.start(scanner)
            offset = scanner.physical
            for start, end in self.ranges[1:]:
                for block in range_blocks(self.path, start, end):
                    digest.update(block)
                    poll()
            for process, receiver in self.helpers:
                packed = answer(process, receiver, poll, src.source, offset, kind.parts(state))
                offset += kind.merge(state, packed, offset)
            src.report(src.total)
            return kind.result(state), digest.hexdigest()
        finally:
            self.close()

    def close(self) -> None:
        """Stop the helpers (idempotent): after ``finish``, or when the import is given up."""
        for process, receiver in self.helpers:
            if process.is_alive():
                process.terminate()
            process.join()
            receiver.close()
        self.helpers = []


def answer(
    process: Any,
    receiver: Connection,
    poll: Callable[[], None],
    source: str,
    offset: int = 0,
    on_part: Callable[[str, Any], None] | None = None,
) -> Any:
    """A helper's packed totals, polling progress and cancellation while it works; bad
    input it found is raised at its line in the file (its range follows ``offset`` lines);
    ``on_part(kind, payload)`` takes the messages that come before them (``send_parts``)."""
    while True:
        while not receiver.poll(POLL_SECONDS):
            poll()
            if not process.is_alive() and not receiver.poll():
                raise RuntimeError("a log reader process died without an answer")
        try:
            status, payload = receiver.recv()
        except EOFError:
            raise RuntimeError("a log reader process died without an answer") from None
        if status not in {"users", "part"} or on_part is None:
            break
        on_part(status, payload)
    if status == "input":
        message, line = payload
        raise InputError(message, file=source, line=None if line is None else line + offset)
    if status != "ok":
        raise RuntimeError(f"a log reader process failed: {payload}")
    return payload


def finish_early(src: LogSource, options: ReadOptions) -> tuple[Aggregate, str] | None:
    """The result of the helpers started on this file before start-up, if there are."""
    if options.early is None:
        return None
    work = options.early.work
    assert isinstance(work, RangeRead), work
    return work.finish(src, options.cancelled)


def workers_for(options: ReadOptions) -> tuple[int, int]:
    """(the processes a read may use, the size in bytes above which a file is cut)."""
    workers = worker_count() if options.workers is None else max(1, options.workers)
    threshold = options.parallel_threshold
    return workers, PARALLEL_THRESHOLD if threshold is None else threshold


def read_squid_parallel(
    src: LogSource, workers: int, cancelled: Callable[[], bool] | None
) -> tuple[Aggregate, str]:
    """Aggregate of the whole (uncompressed) Squid log at ``src.path`` and its digest."""
    return RangeRead(src.path, src.total, workers).finish(src, cancelled)
