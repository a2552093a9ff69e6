"""Byte ranges of one file for several reader processes (``parallel.RangeRead``): cut on
line starts, and re-cut while they are read.

Why they are not final: the caller's share is set when the ranges are cut, from a guess of
what its other work costs (the command's start-up, read early), and on a shared machine
one process may get less of a core than another. So a helper claims its range block by
block (``Ends.blocks``), and a caller done with its own range first takes the tail of the
helper furthest from its end (``Ends.steal``), cut on a line start, to parse it itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TypeVar

from planner.adapters.sources.logs.source import BLOCK_SIZE

__all__ = ["Ends", "fed", "range_blocks", "split_ranges"]

# The calling process also hashes the whole file (~0.5 ms/MB against ~8 ms/MB of
# parsing), so it takes a slightly smaller share of the lines.
_CALLER_SHARE = 0.93
# A caller done first takes this share of a helper's unread bytes, when that is worth a
# scanner of its own. Not half: on a log of few hosts (the common case) the helper's
# packing is cheap and a larger share left it idle at the end (1,000,000-line raw log,
# whole command: 0.87-0.90x mawk at a half, 0.75x at 0.4, same run against main); on a
# long tail the half measured no better beyond the noise (2.87x against 3.02x mawk).
_STEAL_SHARE = 0.4
_MIN_STEAL = 2 * 1024 * 1024
# What packing one host's totals costs a helper once its range is read, in bytes of
# parsing (``Ends.steal``). A long tail's Squid helper packed and sent 190,000 hosts in
# 0.15-0.2 s after its last line, about 30 bytes of the same log's parsing a host, while
# a caller that had left it the last 2-5 MB waited for it (2026-12-07).
PACK_BYTES_PER_HOST = 32


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


class Ends:
    """Where each helper's range ends, lowered by a caller that takes the rest (never
    below what the helper has claimed: each block is claimed, under the lock, before it
    is read). Shared with the helpers; slot 0, the caller's range, is unused."""

    def __init__(self, ctx: Any, ranges: list[tuple[int, int]]) -> None:
        self.lock = ctx.Lock()
        self.ends = ctx.RawArray("q", [end for _, end in ranges])
        self.claimed = ctx.RawArray("q", [start for start, _ in ranges])
        # the hosts each helper holds so far (``held``): its packing still to do
        self.hosts = ctx.RawArray("q", len(ranges))

    def held(self, slot: int, hosts: int) -> None:
        """A helper holds ``hosts`` hosts so far (told after each block: one store)."""
        self.hosts[slot] = hosts

    def blocks(self, path: str | Path, slot: int) -> Iterator[bytes]:
        """A helper's range, block by block, up to its end as it stands at each block."""
        lock, ends, claimed = self.lock, self.ends, self.claimed
        with open(path, "rb") as fh:
            fh.seek(claimed[slot])
            while True:
                with lock:
                    size = min(BLOCK_SIZE, ends[slot] - claimed[slot])
                    claimed[slot] += max(0, size)
                if size <= 0:
                    return
                block = fh.read(size)
                if not block:
                    return
                yield block

    def steal(self, path: Path) -> tuple[int, int, int] | None:
        """Take the tail of the helper with the most bytes left: (slot, start, end) of the
        piece, now the caller's to parse, or None when none is worth it.

        The share taken counts the helper's packing too (its hosts held so far, each
        worth ``PACK_BYTES_PER_HOST`` bytes of parsing), up to all it has left: a long
        tail's helper then packs while the caller parses, instead of the caller waiting
        for both. A helper of a few thousand hosts is worth some 100 KB: no change."""
        with self.lock:
            left = [end - at for end, at in zip(self.ends, self.claimed, strict=True)]
            slot = max(range(1, len(left)), key=left.__getitem__, default=0)
            if not slot:
                return None
            packing = self.hosts[slot] * PACK_BYTES_PER_HOST
            take = min(left[slot], int((left[slot] + packing) * _STEAL_SHARE))
            outweighed = 0 < left[slot] <= packing * _STEAL_SHARE  # all it has left, then
            if take < _MIN_STEAL and not outweighed:
                return None
            end = self.ends[slot]
            with open(path, "rb") as fh:
                cut = _line_start_after(fh, end - take, end)
            if cut >= end:
                return None
            self.ends[slot] = cut  # >= claimed: the helper reads no further
            return slot, cut, end


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


class _Fed(Protocol):
    def feed(self, block: bytes) -> None: ...


Scanner = TypeVar("Scanner", bound=_Fed)


def fed(scanner: Scanner, blocks: Iterable[bytes]) -> Scanner:
    """``scanner`` once every block is fed to it, in order (a range read apart)."""
    for block in blocks:
        scanner.feed(block)
    return scanner
