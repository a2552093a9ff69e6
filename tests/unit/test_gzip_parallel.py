"""One gzipped Squid log parsed by several processes: the same summary as one process."""

from __future__ import annotations

import gzip
import multiprocessing
from collections.abc import Callable
from pathlib import Path

import pytest
from _squid_sample import big_squid
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.adapters.sources.logs import read_log
from planner.adapters.sources.logs.gzip_parallel import line_chunks, read_squid_gzip_parallel
from planner.adapters.sources.logs.model import Aggregate
from planner.adapters.sources.logs.source import MAX_LINE, OVERLONG, LineSplitter, LogSource
from planner.errors import InputError, PlannerError


@pytest.fixture
def gzip_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the imports that took the parallel gzip path."""
    calls: list[int] = []

    def spy(
        src: LogSource, workers: int, cancelled: Callable[[], bool] | None
    ) -> tuple[Aggregate, str]:
        calls.append(workers)
        return read_squid_gzip_parallel(src, workers, cancelled)

    monkeypatch.setattr("planner.adapters.sources.logs.reader.read_squid_gzip_parallel", spy)
    return calls


def _gzipped(tmp_path: Path, lines: int = 40_000) -> Path:
    plain = big_squid(tmp_path / "big.log", lines=lines)
    packed = tmp_path / "big.log.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes(), compresslevel=1))
    return packed


def test_several_processes_give_exactly_the_single_process_summary(
    tmp_path: Path, gzip_calls: list[int]
) -> None:
    path = _gzipped(tmp_path)
    single = read_log(path, workers=1, parallel_threshold=0)
    plain = read_log(tmp_path / "big.log", workers=1)
    assert gzip_calls == []
    # the sample has malformed lines past the fifth block, so line numbers are tested
    assert single == plain and single.skipped > 5 and len(single.hosts) == 5
    for workers in (2, 3, 5):
        progress: list[tuple[int, int]] = []
        multi = read_log(path, workers=workers, parallel_threshold=0, progress=_recorder(progress))
        assert multi == single
        assert progress[-1] == (path.stat().st_size,) * 2
    assert gzip_calls == [2, 3, 5]
    assert multiprocessing.active_children() == []


def test_a_small_gzip_file_is_read_by_one_process(tmp_path: Path, gzip_calls: list[int]) -> None:
    path = _gzipped(tmp_path, lines=2000)
    read_log(path, workers=4)  # default threshold: far below it
    assert gzip_calls == []


def test_cancel_stops_every_process(tmp_path: Path) -> None:
    path = _gzipped(tmp_path)
    with pytest.raises(PlannerError, match="import cancelled"):
        read_log(path, workers=2, parallel_threshold=0, cancelled=lambda: True)
    assert multiprocessing.active_children() == []


def test_corrupt_gzip_is_bad_input_and_stops_every_process(tmp_path: Path) -> None:
    path = _gzipped(tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="gzip"):
        read_log(path, workers=3, parallel_threshold=0)
    assert multiprocessing.active_children() == []


def _recorder(calls: list[tuple[int, int]]) -> Callable[[int, int], None]:
    return lambda done, total: calls.append((done, total))


def _lines_of(blocks: list[bytes]) -> list[bytes]:
    splitter = LineSplitter()
    lines = [line for block in blocks for line in splitter.split(block)]
    return lines + splitter.rest()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\r", b"\n")), max_size=12))
def test_chunks_hold_the_lines_a_splitter_finds_numbered_in_order(blocks: list[bytes]) -> None:
    chunks = list(line_chunks(blocks))
    lines: list[bytes] = []
    for first, chunk in chunks:
        assert chunk.endswith(b"\n")
        assert first == len(lines) + 1
        lines += chunk.split(b"\n")[:-1]
    assert lines == _lines_of(blocks)


def test_an_overlong_line_is_one_malformed_line_as_with_one_process() -> None:
    blocks = [b"a\nb", b"x" * (MAX_LINE // 2), b"x" * (MAX_LINE // 2 + 10), b"y\nc\nd"]
    chunks = list(line_chunks(blocks))
    lines = [line for _, chunk in chunks for line in chunk.split(b"\n")[:-1]]
    assert lines == _lines_of(blocks) == [b"a", OVERLONG, b"c", b"d"]
    assert [first for first, _ in chunks] == [1, 2, 4]  # "d" has no newline of its own
