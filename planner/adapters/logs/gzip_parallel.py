"""Reading one large gzipped Squid log with several processes (issue 17).

A gzip stream cannot be cut into byte ranges the way a plain log is (``parallel``): where a
range starts, nothing can be decompressed without everything before it. But decompressing
costs a fraction of parsing (zlib runs in C at several hundred MB/s; the Python loop
parses about a hundred), so one process decompresses the stream once, in order, and hands
the text out in chunks cut on line ends to helper processes that parse them. It hashes
the text and reports progress as it goes (``LogSource.blocks``), and parses a chunk
itself whenever no helper is free, so no core waits: on two cores the caller and one
helper share the parsing; on many, the decompression is what bounds the speed.

Each chunk travels with the number of its first line, so skipped-line numbers come out as
a single pass gives them. Every total is a sum, a minimum, a maximum or a set union, so
the order in which helpers finish does not matter, and memory stays flat: at most two
chunks per helper are in flight, and each process keeps only per-host totals.

Protocol on each helper's duplex pipe: the caller sends the first line number (8 bytes)
then the chunk; the helper answers ``None`` each time it has parsed one (the caller keeps
at most two with each helper, and parses a chunk itself when every helper has two). An empty
header ends the stream: the helper answers ``("ok", totals)`` (``parallel.pack``). A
failure is answered ``("error", text)`` at any point.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any, cast

from planner.adapters.logs import parallel
from planner.adapters.logs.model import MAX_SKIPPED_LINES, Aggregate
from planner.adapters.logs.source import MAX_LINE, OVERLONG, LogSource, check_cancelled
from planner.adapters.logs.squid import SquidScanner

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

__all__ = ["GZIP_RATIO", "line_chunks", "read_squid_gzip_parallel"]

# A compressed log is worth several processes when its text (about this many times its
# size on disk, typical of proxy logs) would be.
GZIP_RATIO = 8
_HEADER = 8  # bytes of a chunk's first line number
# Chunks a helper may hold (one parsing, one waiting): it never idles while the caller
# decompresses, and memory stays a few megabytes per helper.
_QUEUE_DEPTH = 2


def line_chunks(blocks: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """(number of its first line, chunk) for each block of text, cut after its last line
    end; the line cut there goes with the next chunk. Every chunk ends with a newline (the
    last line gets one). A line longer than ``MAX_LINE`` becomes ``OVERLONG``, as
    ``LineSplitter`` makes it, instead of growing in memory."""
    line = 1
    carry = b""
    overlong = False
    for block in blocks:
        cut = block.rfind(b"\n")
        if cut < 0:
            if not overlong:
                carry += block
                if len(carry) > MAX_LINE:
                    carry, overlong = b"", True
            continue
        if overlong:
            chunk = OVERLONG + block[block.find(b"\n") : cut + 1]
            overlong = False
        else:
            chunk = carry + block[: cut + 1] if carry else block[: cut + 1]
        carry = block[cut + 1 :]
        if len(carry) > MAX_LINE:
            carry, overlong = b"", True
        yield line, chunk
        line += chunk.count(b"\n")
    if overlong:
        yield line, OVERLONG + b"\n"
    elif carry:
        yield line, carry + b"\n"


def _feed(scanner: SquidScanner, first: int, chunk: bytes) -> None:
    scanner.physical = first - 1
    scanner.feed(chunk)


def parse_chunks(conn: Connection, parent: int) -> None:
    """Helper process body: parse the chunks it is sent, answer with its totals.

    A thread takes each chunk off the pipe as soon as it comes (the read releases the
    GIL), so the caller never waits on a busy helper to hand over the next one."""
    parallel.die_with(parent)
    inbox: queue.SimpleQueue[tuple[int, bytes] | BaseException | None] = queue.SimpleQueue()

    def receive() -> None:
        try:
            while header := conn.recv_bytes():
                inbox.put((int.from_bytes(header, "little"), conn.recv_bytes()))
            inbox.put(None)
        except BaseException as exc:
            inbox.put(exc)

    threading.Thread(target=receive, name="chunk-inbox", daemon=True).start()
    try:
        scanner = SquidScanner()
        while (item := inbox.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            _feed(scanner, *item)
            conn.send(None)
        scanner.finish()
        conn.send(("ok", parallel.pack(scanner)))
    except BaseException as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _answer(conn: Connection) -> Any:
    """A helper's next answer: ``None`` (ready) or its totals; its failure or death raises."""
    try:
        message = conn.recv()
    except EOFError:
        raise RuntimeError("a log reader process died without an answer") from None
    if message is not None and message[0] != "ok":
        raise RuntimeError(f"a log reader process failed: {message[1]}")
    return message


def _totals(conn: Connection, cancelled: Callable[[], bool] | None) -> parallel.Packed:
    """A helper's packed totals, polling cancellation while it finishes."""
    while not conn.poll(parallel.POLL_SECONDS):
        check_cancelled(cancelled)
    packed: parallel.Packed = _answer(conn)[1]
    return packed


def read_squid_gzip_parallel(
    src: LogSource, workers: int, cancelled: Callable[[], bool] | None
) -> tuple[Aggregate, str]:
    """Aggregate of the whole gzipped Squid log at ``src`` and the digest of its text,
    parsed by the caller and ``workers - 1`` helper processes."""
    ctx = parallel.start_context()
    helpers: list[tuple[Any, Connection]] = []
    try:
        for _ in range(max(1, workers - 1)):
            mine_end, theirs = ctx.Pipe(duplex=True)
            process = ctx.Process(target=parse_chunks, args=(theirs, os.getpid()), daemon=True)
            process.start()
            theirs.close()
            helpers.append((process, mine_end))
        conns = [conn for _, conn in helpers]
        queued = dict.fromkeys(conns, 0)  # chunks sent to each helper and not yet parsed
        scanner = SquidScanner()
        for first, chunk in line_chunks(src.blocks()):  # hashes, reports, polls cancel
            for ready in wait([c for c in conns if queued[c]], timeout=0):
                conn = cast("Connection", ready)
                while queued[conn] and conn.poll():
                    _answer(conn)
                    queued[conn] -= 1
            conn = min(conns, key=queued.__getitem__)
            if queued[conn] < _QUEUE_DEPTH:
                conn.send_bytes(first.to_bytes(_HEADER, "little"))
                conn.send_bytes(chunk)
                queued[conn] += 1
            else:
                _feed(scanner, first, chunk)
        agg = scanner.finish()
        skipped = list(agg.skipped_lines)
        agg.skipped_lines = []
        known = {user: user for user in scanner.users.values()}
        for conn in conns:
            for _ in range(queued[conn]):
                _answer(conn)
        for _, conn in helpers:
            conn.send_bytes(b"")
        for _, conn in helpers:
            packed = _totals(conn, cancelled)
            skipped += packed[3]
            parallel.merge(agg, (*packed[:3], [], *packed[4:]), 0, known)
        # each process kept its first few skipped lines, so the first few of all are here
        agg.skipped_lines = sorted(skipped)[:MAX_SKIPPED_LINES]
        return agg, src.hexdigest()
    finally:
        for process, conn in helpers:
            if process.is_alive():
                process.terminate()
            process.join()
            conn.close()
