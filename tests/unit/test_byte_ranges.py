"""A caller done with its own range first takes the rest of a helper's (``byte_ranges``):
every byte is still read exactly once, on whole lines, and merged in file order."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest
from _squid_sample import big_squid

from planner.adapters.sources.logs import byte_ranges, read_log
from planner.adapters.sources.logs.aggregate_ranges import AggregateRanges, layout_of
from planner.adapters.sources.logs.parallel import RangeRead, start_context
from planner.adapters.sources.logs.source import LogSource
from planner.adapters.sources.logs.spec import EarlyRead
from planner.adapters.sources.logs.squid import SquidScanner
from planner.adapters.sources.logs.squid_ranges import _SquidRanges
from planner.errors import InputError


def test_a_helper_stops_where_the_caller_took_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_squid(tmp_path / "big.log", lines=20_000)
    content = path.read_bytes()
    size = len(content)
    monkeypatch.setattr(byte_ranges, "BLOCK_SIZE", 4096)
    monkeypatch.setattr(byte_ranges, "_MIN_STEAL", 1)
    start = content.index(b"\n", size // 3) + 1
    ends = byte_ranges.Ends(multiprocessing.get_context("spawn"), [(0, start), (start, size)])
    blocks = ends.blocks(path, 1)
    read = [next(blocks) for _ in range(5)]  # the helper is five blocks in
    taken = ends.steal(path)
    assert taken is not None
    slot, cut, end = taken
    assert (slot, end) == (1, size) and start + 5 * 4096 < cut < size
    assert content[cut - 1 : cut] == b"\n"  # the piece starts a line
    assert cut - (start + 5 * 4096) >= size - cut  # the helper keeps half, up to a line start
    read += list(blocks)
    assert b"".join(read) == content[start:cut]  # up to the cut, each byte once
    assert ends.steal(path) is None  # nothing left to take


def test_nothing_is_taken_from_a_helper_done_or_nearly_done(tmp_path: Path) -> None:
    path = big_squid(tmp_path / "big.log", lines=2_000)
    size = path.stat().st_size
    ends = byte_ranges.Ends(multiprocessing.get_context("spawn"), [(0, 0), (0, size)])
    assert size * byte_ranges._STEAL_SHARE < byte_ranges._MIN_STEAL
    assert ends.steal(path) is None  # not worth a scanner of its own
    assert b"".join(ends.blocks(path, 1)) == path.read_bytes()


def test_a_helper_holding_many_hosts_leaves_the_caller_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper's packing counts: with hosts enough, the caller takes more than its
    share, and everything left when the packing outweighs it, even below the size a
    scanner is otherwise worth."""
    path = big_squid(tmp_path / "big.log", lines=2_000)
    content = path.read_bytes()
    size = len(content)
    ctx = multiprocessing.get_context("spawn")
    ends = byte_ranges.Ends(ctx, [(0, 0), (0, size)])
    ends.held(1, 3 * size // byte_ranges.PACK_BYTES_PER_HOST)  # packing: 3 times what is left
    assert size < byte_ranges._MIN_STEAL  # alone, not worth a scanner (test above)
    assert ends.steal(path) == (1, 0, size)  # all of it: the helper packs meanwhile
    assert b"".join(ends.blocks(path, 1)) == b""

    monkeypatch.setattr(byte_ranges, "_MIN_STEAL", 1)
    big = big_squid(tmp_path / "bigger.log", lines=20_000)
    total = big.stat().st_size
    for hosts, more in ((0, False), (total // byte_ranges.PACK_BYTES_PER_HOST, True)):
        ends = byte_ranges.Ends(ctx, [(0, 0), (0, total)])
        ends.held(1, hosts)
        taken = ends.steal(big)
        assert taken is not None
        share = (total - taken[1]) / total
        assert (share > byte_ranges._STEAL_SHARE + 0.1) is more
        assert big.read_bytes()[taken[1] - 1 : taken[1]] == b"\n"  # on a line start


class Held(_SquidRanges):
    """Squid's ranges, the helpers held back until the caller has parsed what it took."""

    def __init__(self, go: Any) -> None:
        self.go, self.caller_pid = go, os.getpid()

    def scanner(self) -> SquidScanner:
        if os.getpid() != self.caller_pid:  # a helper
            self.go.wait(60)
        return SquidScanner()

    caller = scanner

    def parts(self, state: Any) -> Any:
        self.go.set()  # in the caller, about to wait for its helpers: it took its piece
        return super().parts(state)


def test_a_read_whose_caller_takes_part_of_a_helper_range_is_the_single_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_squid(tmp_path / "big.log")
    size = path.stat().st_size
    monkeypatch.setattr(byte_ranges, "_MIN_STEAL", 1)
    single = read_log(path, workers=1)
    for workers, head_start in ((2, size), (2, 0), (3, size // 3)):
        work = RangeRead(path, size, workers, head_start, Held(start_context().Event()))
        summary = read_log(path, early=EarlyRead("squid", work))
        assert work.stolen is not None and work.stolen[2] == work.ranges[work.stolen[0]][1]
        # the helpers held back, the caller took their tails again and again, each piece
        # just before the one taken before it
        assert len(work.taken) > 2
        before: dict[int, int] = {}  # each helper's piece taken last: where it starts
        for slot, start, end in work.taken:
            assert start < end == before.get(slot, work.ranges[slot][1])
            before[slot] = start
        assert summary == single  # hosts, counts, skipped lines' numbers, digest
        assert summary.skipped_lines == single.skipped_lines
    assert multiprocessing.active_children() == []


class HeldExport(AggregateRanges):
    """An aggregate export's ranges, the helpers held back as in ``Held``."""

    def __init__(self, source: str, layout: Any, go: Any) -> None:
        super().__init__(source, layout)
        self.go, self.caller_pid = go, os.getpid()

    def scanner(self) -> Any:
        if os.getpid() != self.caller_pid:
            self.go.wait(60)
        return super().scanner()

    def parts(self, state: Any) -> None:
        self.go.set()
        return super().parts(state)


@pytest.mark.parametrize("bad", [3900, 2500])  # in the first piece taken, in a later one
def test_bad_input_in_the_part_the_caller_took_is_refused_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: int
) -> None:
    day = 1772438400
    rows = [f"h{i % 97}.example,u{i},1,1,{day + i},{day + i}" for i in range(4000)]
    rows[bad] = "h1.example,u,1,1,1772438400,9999999999"  # in the future: refused
    path = tmp_path / "siem.csv"
    path.write_text("host,user,hits,bytes,first_seen,last_seen\n" + "\n".join(rows) + "\n")
    monkeypatch.setattr(byte_ranges, "_MIN_STEAL", 1)
    with LogSource(path, "siem.csv") as src:
        layout = layout_of(src)
    kind = HeldExport("siem.csv", layout, start_context().Event())
    work = RangeRead(path, path.stat().st_size, 2, 0, kind)
    with pytest.raises(InputError) as caught:
        read_log(path, early=EarlyRead("aggregate", work))
    at = path.read_bytes().index(b"9999999999")
    (piece,) = [i for i, (_, start, end) in enumerate(work.taken) if start <= at < end]
    assert piece == 0 if bad == 3900 else piece > 0  # a piece taken first, or later
    assert caught.value.line == bad + 2 and "future" in caught.value.message
    assert multiprocessing.active_children() == []


def test_people_only_a_helper_saw_count_on_hosts_the_caller_saw_too(tmp_path: Path) -> None:
    # users arrive over time: the file's second half names people its first half never did
    lines = [
        b"%d.000 5 10.0.0.1 TCP_MISS/200 100 GET http://h%d.example/x u%d HIER_DIRECT/- -"
        % (1772446530 + n, n % 3, n // 2)
        for n in range(6000)
    ]
    path = tmp_path / "access.log"
    path.write_bytes(b"\n".join(lines) + b"\n")
    single = read_log(path, workers=1)
    summary = read_log(path, workers=2, parallel_threshold=0)
    assert summary == single
    for host in range(3):
        people = {f"u{n // 2}" for n in range(6000) if n % 3 == host}
        assert set(summary.hosts[f"h{host}.example"].users) == people
