"""A SIEM aggregate read column by column gives exactly what reading it row by row gives:
the same hosts, counts, times and people, the same skipped lines, the same refusal at the
same line, however the file is cut into blocks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.adapters.sources.logs import aggregate_columns, early, read_log
from planner.adapters.sources.logs.aggregate import read_aggregate
from planner.adapters.sources.logs.model import LogSummary
from planner.adapters.sources.logs.spec import EarlyRead
from planner.errors import InputError

NOW = int(time.time())
DAY = 1772438400  # 2026-03-02
HOSTS = ["www.yammer.com", "WWW.Yammer.com", "slack.com", "app:Kudos Board", " slack.com ",
         "files.slack.com:443", "", "bad host!", "xn--caf-dma.example"]  # fmt: skip
USERS = ["alice", "Alice", "bob", "", "-", " carol ", "d\u00e9sir\u00e9e", "10.0.0.5"]
COUNTS = ["1", "7", "250", "0", "", "-", "00000000000001", "1000000000000", "1e3", " 5"]
TIMES = ["1772438400", "1772524800", "1772611200", "2026-03-02T08:00:00Z", "2026-03-04",
         "1772438400000", "x", "1980-01-01", str(NOW + 10 * 86400)]  # fmt: skip

plain = st.tuples(
    st.sampled_from(HOSTS[:4]),
    st.sampled_from(USERS[:3]),
    st.sampled_from(COUNTS[:3]),
    st.sampled_from(COUNTS[:3]),
    st.sampled_from(TIMES[:2]),
    st.sampled_from(TIMES[1:3]),
).map(",".join)
odd = st.one_of(
    st.tuples(*(st.sampled_from(c) for c in (HOSTS, USERS, COUNTS, COUNTS, TIMES, TIMES))).map(
        ",".join
    ),
    st.sampled_from(["", "   ", 'slack.com,"bob, jr",1,2,1772438400,1772524800', "a,b,c"]),
)


def _read(content: bytes, size: int, columns: bool) -> LogSummary | tuple[str, int | None]:
    blocks = [content[k : k + size] for k in range(0, len(content), size)]
    try:
        if columns:
            agg = read_aggregate(blocks, source="siem.csv")
        else:
            saved = aggregate_columns.fold_columns
            aggregate_columns.fold_columns = lambda *args: False  # type: ignore[assignment]
            try:
                agg = read_aggregate(blocks, source="siem.csv")
            finally:
                aggregate_columns.fold_columns = saved
    except InputError as exc:
        return exc.message, exc.line
    return agg.summary("aggregate", "")


def _same(content: bytes, size: int) -> None:
    by_columns, by_rows = _read(content, size, True), _read(content, size, False)
    assert by_columns == by_rows
    if isinstance(by_columns, LogSummary) and isinstance(by_rows, LogSummary):
        for host, stats in by_columns.hosts.items():
            assert set(stats.users) == set(by_rows.hosts[host].users)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.one_of(plain, plain, plain, odd), max_size=60),
    size=st.integers(8, 400),
    crlf=st.booleans(),
)
def test_columns_and_rows_agree(rows: list[str], size: int, crlf: bool) -> None:
    end = "\r\n" if crlf else "\n"
    content = end.join(["host,user,hits,bytes,first_seen,last_seen", *rows]) + end
    _same(content.encode("utf-8"), size)


@pytest.mark.parametrize("size", [64, 1 << 20])
def test_a_long_grouped_export_agrees(size: int) -> None:
    """Thousands of rows grouped by host, then the same rows shuffled (sorted per block)."""
    rows = [
        f"h{h}.example,user{(h * 7 + u) % 300},{u + 1},{u * 10},{DAY + u},{DAY + 2 * u}"
        for h in range(150)
        for u in range(20)
    ]
    header = "bytes,host,hits,user,last_seen,first_seen,extra"
    shuffled = [row for k in range(7) for row in rows[k::7]]
    for ordered in (rows, shuffled):
        moved = []
        for row in ordered:
            host, user, hits, size_, first, last = row.split(",")
            moved.append(",".join([size_, host, hits, user, last, first, "x"]))
        content = "\n".join([header, *moved]).encode()
        _same(content, size)
        summary = _read(content, size, True)
        assert isinstance(summary, LogSummary)
        assert len(summary.hosts) == 150 and summary.skipped == 0
        assert sum(s.hits for s in summary.hosts.values()) == 150 * sum(range(1, 21))


def _export(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "siem.csv"
    lines = ["\ufeffhost,user,hits,bytes,first_seen,last_seen", *rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


def test_two_processes_read_what_one_reads(tmp_path: Path) -> None:
    rows = [
        f"h{i % 97}.example,user{i % 41},{i % 5},{i * 3},{DAY + i},{DAY + 2 * i}"
        for i in range(4000)
    ]
    rows[3500] = 'h1.example,"quoted, user",2,2,1772438400,1772438400'
    path = _export(tmp_path, rows)
    one = read_log(path, "aggregate", workers=1)
    two = read_log(path, "aggregate", workers=2, parallel_threshold=1000)
    assert two == one
    assert one.skipped == 799 and one.skipped_lines == [2, 7, 12, 17, 22]
    assert {u for s in two.hosts.values() for u in s.users} >= {"user0", "quoted, user"}


def test_a_time_refused_in_another_process_is_refused_at_its_line(tmp_path: Path) -> None:
    rows = [f"h{i % 97}.example,u{i},1,1,{DAY + i},{DAY + i}" for i in range(4000)]
    rows[3900] = "h1.example,u,1,1,1772438400,9999999999"
    path = _export(tmp_path, rows)
    with pytest.raises(InputError) as caught:
        read_log(path, "aggregate", workers=2, parallel_threshold=1000)
    assert caught.value.line == 3902
    assert "future" in caught.value.message


def test_an_export_read_early_gives_the_single_process_summary(tmp_path: Path) -> None:
    rows = [f"h{i % 89}.example,u{i % 31},{i % 4},{i},{DAY + i},{DAY + i}" for i in range(3000)]
    path = _export(tmp_path, rows)
    started = early.start(path, workers=2, threshold=0)
    assert isinstance(started, EarlyRead) and started.format == "aggregate"
    assert read_log(path, early=started) == read_log(path, workers=1)
    broken = tmp_path / "broken.csv"
    broken.write_text("host,user,hits\n" + "slack.com,a,1\n" * 100)
    assert early.start(broken, workers=2, threshold=0) is None  # the read says what is wrong
