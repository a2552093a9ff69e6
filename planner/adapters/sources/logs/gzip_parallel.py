"""Reading one large gzipped Squid log with several processes.

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
the order in which helpers finish does not matter, and memory stays flat: each helper has
two slots of shared memory (one chunk parsing, the next waiting), and each process keeps
only per-host totals.

Chunks go through those slots, not down the pipe: a megabyte written to a pipe blocks the
caller until the helper has read all of it, which a busy helper does only between two
chunks. The caller copies a chunk into a free slot of the least busy helper and sends a
few bytes (slot, first line number, length); the helper answers ``None`` when the slot is
free again. When every slot is taken, or a chunk does not fit one, the caller parses the
chunk itself. An empty message ends the stream: the helper answers ``("ok", totals)``
(``parallel.pack``). A failure is answered ``("error", text)`` at any point.
"""

from __future__ import annotations

import ctypes
import os
import struct
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from planner.adapters.sources.logs import parallel
from planner.adapters.sources.logs.model import MAX_SKIPPED_LINES, Aggregate
from planner.adapters.sources.logs.source import MAX_LINE, OVERLONG, LogSource, check_cancelled
from planner.adapters.sources.logs.squid import SquidScanner

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

__all__ = ["GZIP_RATIO", "line_chunks", "read_squid_gzip_parallel"]

# A compressed log is worth several processes when its text (about this many times its
# size on disk, typical of proxy logs) would be.
GZIP_RATIO = 8
# A chunk is a block (1 MB) and the end of the line cut before it; longer ones (lines of
# megabytes) are parsed by the caller. Two slots a helper: it never idles between chunks.
SLOT_SIZE = 4 << 20
_SLOTS = 2
_MESSAGE = struct.Struct("<BQQ")  # slot, first line number, length


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


def parse_chunks(conn: Connection, slots: list[Any], parent: int) -> None:
    """Helper process body: parse the chunks put in its slots, answer with its totals."""
    parallel.die_with(parent)
    views = [memoryview(slot).cast("B") for slot in slots]
    try:
        scanner = SquidScanner()
        while message := conn.recv_bytes():
            slot, first, length = _MESSAGE.unpack(message)
            _feed(scanner, first, views[slot][:length].tobytes())
            conn.send(None)
        scanner.finish()
        conn.send(("ok", parallel.pack(scanner)))
    except BaseException as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class _Helper:
    """The caller's side of one helper: its process, pipe, slots and which are free."""

    def __init__(self, ctx: Any) -> None:
        self.slots = [ctx.RawArray(ctypes.c_ubyte, SLOT_SIZE) for _ in range(_SLOTS)]
        self.views = [memoryview(slot).cast("B") for slot in self.slots]
        self.free = list(range(_SLOTS))
        self.busy: list[int] = []  # slots in the order they were handed over
        self.conn, theirs = ctx.Pipe(duplex=True)
        self.process = ctx.Process(
            target=parse_chunks, args=(theirs, self.slots, os.getpid()), daemon=True
        )
        self.process.start()
        theirs.close()

    def give(self, first: int, chunk: bytes) -> None:
        slot = self.free.pop()
        self.views[slot][: len(chunk)] = chunk
        self.conn.send_bytes(_MESSAGE.pack(slot, first, len(chunk)))
        self.busy.append(slot)

    def totals(self, cancelled: Callable[[], bool] | None, source: str) -> parallel.Packed:
        """Its packed totals once the stream has ended, polling cancellation meanwhile."""
        packed: parallel.Packed = parallel.answer(
            self.process, self.conn, lambda: check_cancelled(cancelled), source
        )
        return packed

    def take_answers(self, block: bool = False) -> None:
        """Free the slots of the chunks it has parsed (waiting for all when ``block``)."""
        while self.busy and (block or self.conn.poll()):
            _answer(self.conn)
            self.free.append(self.busy.pop(0))

    def close(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.conn.close()


def _answer(conn: Connection) -> None:
    """A helper's "ready" (``None``) for a chunk it parsed; its failure or death raises."""
    try:
        message = conn.recv()
    except EOFError:
        raise RuntimeError("a log reader process died without an answer") from None
    if message is not None:  # ("error", text): nothing else comes before the stream ends
        raise RuntimeError(f"a log reader process failed: {message[1]}")


def read_squid_gzip_parallel(
    src: LogSource, workers: int, cancelled: Callable[[], bool] | None
) -> tuple[Aggregate, str]:
    """Aggregate of the whole gzipped Squid log at ``src`` and the digest of its text,
    parsed by the caller and ``workers - 1`` helper processes."""
    ctx = parallel.start_context()
    helpers: list[_Helper] = []
    try:
        for _ in range(max(1, workers - 1)):
            helpers.append(_Helper(ctx))
        scanner = SquidScanner()
        for first, chunk in line_chunks(src.blocks()):  # hashes, reports, polls cancel
            for helper in helpers:
                helper.take_answers()
            helper = max(helpers, key=lambda h: len(h.free))
            if helper.free and len(chunk) <= SLOT_SIZE:
                helper.give(first, chunk)
            else:
                _feed(scanner, first, chunk)
        agg = scanner.finish()
        skipped = list(agg.skipped_lines)
        agg.skipped_lines = []
        known = {user: user for user in scanner.users.values()}
        for helper in helpers:
            helper.take_answers(block=True)
            helper.conn.send_bytes(b"")
        for helper in helpers:
            packed = helper.totals(cancelled, src.source)
            skipped += packed[3]
            parallel.merge(agg, (*packed[:3], [], *packed[4:]), 0, known)
        # each process kept its first few skipped lines, so the first few of all are here
        agg.skipped_lines = sorted(skipped)[:MAX_SKIPPED_LINES]
        return agg, src.hexdigest()
    finally:
        for helper in helpers:
            helper.close()
