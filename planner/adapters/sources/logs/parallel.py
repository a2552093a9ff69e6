"""Reading one large Squid log with several processes, one byte range each.

A Python loop over a million lines is CPU-bound and the GIL keeps it on one core, while
the speed target (mawk's time, ideally half of it) needs every core. Squid lines are
independent, so an uncompressed log is cut into byte ranges aligned on newlines; each
process folds its range into an ``Aggregate`` and sends back compact totals (each user
once, then the hosts as columns of names, totals and user numbers), and the caller
merges them in file order, so line numbers and every total come out exactly as a single
pass would give them.

The calling process reads the first range itself, then hashes the whole file in order
(the digest must not depend on how the file was cut) while the others finish. How long
the caller's other work takes (the command's start-up, read early) is only guessed when
the ranges are cut, and one process may get less of the machine than another, so the
ranges are not final: a helper claims its range block by block, and a caller done first
takes the rest of the helper furthest from its end (``_steal``), cutting it on a line
start, and parses that piece itself, then takes again what the helper has not reached,
while that is worth a scanner; the pieces' lines are counted right after that helper's, so
the file is still merged in order (Squid's piece adds its hosts straight into the
caller's own totals, before the helpers' come in: sums, minima, maxima and unions do not
depend on the order). It polls
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
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from planner.adapters.processes import cores, may_fork
from planner.adapters.sources.logs.byte_ranges import Ends, range_blocks, split_ranges
from planner.adapters.sources.logs.model import Aggregate
from planner.adapters.sources.logs.source import LogSource, check_cancelled
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
POLL_SECONDS = 0.05


def worker_count() -> int:
    """Processes worth starting: the cores this process may run on (at most 64)."""
    return max(1, min(cores(), _MAX_WORKERS))


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

    def held(self, scanner: Any) -> int:
        """In the helper, after each block: the hosts whose packing is still to do, which
        the caller counts when it takes part of this range (``byte_ranges.Ends.steal``);
        0 when packing is not worth counting."""

    def start(self, scanner: Any) -> Any:
        """In the caller, once its own range is fed: what the helpers' totals merge into."""

    def merge(self, state: Any, packed: Any, offset: int) -> int:
        """Fold the next range's packed totals in (its lines follow ``offset`` lines);
        returns its physical lines."""

    def piece(self, scanner: Any, blocks: Iterable[bytes]) -> Any:
        """In the caller, its own range fed (``scanner``) and before ``start``: parse a
        piece it took from a helper's range, ``blocks`` in order (Squid's folds straight
        into the caller's own totals); what ``merge_piece`` takes."""

    def merge_piece(self, state: Any, piece: Any, offset: int) -> int:
        """Fold the piece in after its helper's totals (its lines follow ``offset``
        lines); returns its physical lines."""

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
    ends: Ends,
    slot: int,
    done: Any,
    conn: Connection,
    parent: int,
) -> None:
    """Helper process body: fold one byte range (up to its end, which the caller may
    lower), send the packed totals back (bad input found in it as its message and its
    line within the range)."""
    die_with(parent)
    try:
        # the file's start (the caller's range left empty by its head start) is read as
        # the caller would read it: a header there is a header
        scanner = kind.caller() if ends.claimed[slot] == 0 else kind.scanner()
        for block in ends.blocks(path, slot):
            scanner.feed(block)
            done[slot] += len(block)
            ends.held(slot, kind.held(scanner))
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
    if "fork" in methods and may_fork():
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
        self.ends = Ends(ctx, self.ranges)
        self.taken: list[tuple[int, int, int]] = []  # (slot, start, end) of each piece the
        # caller took from a helper, first to last
        self.helpers: list[tuple[Any, Connection]] = []
        try:
            for slot in range(1, len(self.ranges)):
                receiver, sender = ctx.Pipe(duplex=False)
                process = ctx.Process(
                    target=scan_range,
                    args=(kind, str(path), self.ends, slot, self.done, sender, os.getpid()),
                    daemon=True,
                )
                process.start()
                sender.close()
                self.helpers.append((process, receiver))
        except BaseException:
            self.close()
            raise

    @property
    def stolen(self) -> tuple[int, int, int] | None:
        """The first piece the caller took from a helper (the tail of its range), if any."""
        return self.taken[0] if self.taken else None

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
            stolen = self.ends.steal(self.path)
            self.taken = [] if stolen is None else [stolen]
            # each helper's pieces taken by the caller, in file order: (piece, bad input)
            pieces: dict[int, list[tuple[Any, InputError | None]]] = {}
            for slot, (start, end) in enumerate(self.ranges[1:], start=1):
                cut = stolen[1] if stolen is not None and stolen[0] == slot else end
                for block in range_blocks(self.path, start, cut):
                    digest.update(block)  # the helper's bytes (up to the piece taken)
                    poll()
                if cut < end:
                    pieces[slot] = [self._parse(scanner, cut, end, digest, poll)]
                    mine += end - cut
            # A helper still far from its end takes longer than the caller: its tail again
            # (bytes hashed above), until what is left is not worth a scanner. One share
            # taken once left the caller waiting for a long tail's helper (``_steal``).
            while stolen is not None and (again := self.ends.steal(self.path)) is not None:
                self.taken.append(again)
                slot, cut, end = again
                pieces.setdefault(slot, []).insert(0, self._parse(scanner, cut, end, None, poll))
                mine += end - cut
            state = kind.start(scanner)
            offset = scanner.physical
            for slot, (process, receiver) in enumerate(self.helpers, start=1):
                packed = answer(process, receiver, poll, src.source, offset, kind.parts(state))
                offset += kind.merge(state, packed, offset)
                for piece, failed in pieces.get(slot, ()):
                    if failed is not None:  # raised in file order: after the lines before
                        line = None if failed.line is None else failed.line + offset
                        raise InputError(failed.message, file=src.source, line=line)
                    offset += kind.merge_piece(state, piece, offset)
            src.report(src.total)
            return kind.result(state), digest.hexdigest()
        finally:
            self.close()

    def _parse(
        self, scanner: Any, start: int, end: int, digest: Any, poll: Callable[[], None]
    ) -> tuple[Any, InputError | None]:
        """The caller's piece taken from a helper (hashed as it is read, unless ``digest``
        is None: hashed already; ``scanner`` is the caller's own range's), and the bad
        input found in it, if any (its line within the piece)."""

        def blocks() -> Iterator[bytes]:
            for block in range_blocks(self.path, start, end):
                if digest is not None:
                    digest.update(block)
                yield block
                poll()

        try:
            return self.kind.piece(scanner, blocks()), None
        except InputError as exc:
            return None, exc

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
