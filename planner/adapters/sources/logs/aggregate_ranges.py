"""How a large aggregate export is read by several processes (``parallel.RangeRead``):
one byte range each, the helpers reading theirs with the layout of the header the caller
finds at the head of the file, their totals merged in file order (the same as one pass).

Why a module of its own: the range machinery (``parallel``) is every splittable format's;
what an export's range starts from (the header's layout), what it sends (its scanner's
per-user numbers, one message) and how it is merged are the aggregate's own, as
``squid_ranges`` holds Squid's. ``aggregate`` imports this module only for a file big
enough to be read in ranges.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from planner.adapters.sources.logs.aggregate import COLUMNS, WHAT, AggregateScanner, PackedRange
from planner.adapters.sources.logs.byte_ranges import fed
from planner.adapters.sources.logs.model import Aggregate
from planner.adapters.sources.logs.source import LogSource, _text
from planner.adapters.sources.logs.tabular import Layout, header_layout
from planner.errors import InputError

if TYPE_CHECKING:
    from planner.adapters.sources.logs.parallel import RangeRead

__all__ = ["HEAD_START", "AggregateRanges", "layout_of", "range_read"]


class AggregateRanges:
    """A large export read by several processes (``parallel.RangeRead``), one byte range
    each: the caller reads the header and its range, the helpers theirs with the header's
    layout, and their totals are merged in file order (the same as one pass)."""

    def __init__(self, source: str, layout: Layout) -> None:
        self.source = source
        self.layout = layout

    def caller(self) -> AggregateScanner:
        """The caller's range starts the file: its scanner reads the header itself."""
        return AggregateScanner(self.source)

    def scanner(self) -> AggregateScanner:
        return AggregateScanner(self.source, self.layout)

    def pack(self, scanner: AggregateScanner) -> PackedRange:
        scanner.close()
        return scanner.packed()

    def held(self, scanner: AggregateScanner) -> int:
        """Not counted: the range is taken from by its bytes alone (its packing, per-user
        numbers in one message, was never measured as a long tail's was)."""
        return 0

    def start(self, scanner: AggregateScanner) -> AggregateScanner:
        scanner.close()
        return scanner

    def merge(self, state: AggregateScanner, packed: PackedRange, offset: int) -> int:
        return state.merge(packed, offset)

    def piece(self, scanner: AggregateScanner, blocks: Iterable[bytes]) -> AggregateScanner:
        return fed(self.scanner(), blocks)  # a range of its own, merged after its helper's

    def merge_piece(self, state: AggregateScanner, piece: AggregateScanner, offset: int) -> int:
        return state.merge(self.pack(piece), offset)

    def result(self, state: AggregateScanner) -> Aggregate:
        return state.finish()

    def send(self, conn: Any, scanner: AggregateScanner) -> None:
        conn.send(("ok", self.pack(scanner)))

    def parts(self, state: AggregateScanner) -> None:
        return None  # its totals are per-user numbers already: one message


# What the command's start-up is worth in bytes of parsing, taken off the caller's range
# (see ``squid.HEAD_START``): some 0.3 s of imports against ~15 ms a megabyte.
HEAD_START = 20 * 1024 * 1024


def layout_of(src: LogSource) -> Layout | None:
    """The header's layout, from the head of the file; None when the head does not hold
    a good header (the read, in one process, then says what is wrong)."""
    for line_no, raw in enumerate(src.head().split(b"\n")[:-1], start=1):
        line = _text(raw, line_no == 1)
        if line.strip():
            try:
                return header_layout(line, line_no, COLUMNS, source=src.source, what=WHAT)
            except InputError:
                return None
    return None


def range_read(src: LogSource, workers: int, head_start: int) -> RangeRead | None:
    """``src`` read by ``workers`` processes, the caller's range ``head_start`` bytes
    shorter (its start-up, when begun early); None when the head holds no good header."""
    from planner.adapters.sources.logs import parallel

    layout = layout_of(src)
    if layout is None:
        return None
    kind = AggregateRanges(src.source, layout)
    return parallel.RangeRead(src.path, src.total, workers, head_start, kind)
