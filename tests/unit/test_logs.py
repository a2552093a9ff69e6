"""Log readers: exact aggregates per format, sniffing, gzip, progress, cancellation, the
multi-process path, and robustness against arbitrary bytes."""

from __future__ import annotations

import calendar
import gzip
import itertools
import multiprocessing
import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from _squid_sample import big_squid
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.adapters.sources.logs import HostStats, LogSummary, read_log, registry, sniff_format
from planner.adapters.sources.logs.model import Aggregate
from planner.adapters.sources.logs.parallel import read_squid_parallel, split_ranges
from planner.adapters.sources.logs.source import MAX_LINE, LogSource
from planner.adapters.sources.logs.squid import url_key
from planner.domain.hosts import normalize_host
from planner.errors import InputError, PlannerError

DATA = Path(__file__).resolve().parent.parent / "data" / "logs"


def utc(*parts: int) -> float:
    """Unix seconds of a UTC date and time given as (year, month, day, hour, minute, second)."""
    return float(calendar.timegm((*parts, *(0,) * (6 - len(parts)))))


def host(
    hits: int, size: int, first: float, last: float, *users: str, blocked: int = 0
) -> HostStats:
    return HostStats(
        hits=hits, bytes=size, first=first, last=last, users=set(users), blocked=blocked
    )


# --- one test per format, exact aggregates -----------------------------------------------


def test_squid_native() -> None:
    summary = read_log(DATA / "squid_native.log")
    assert summary.format == "squid"
    assert summary.lines == 11  # 12 physical lines, one blank
    assert summary.skipped == 4
    # NONE/000 error line, too few fields, unparsable time, truncated last line
    assert summary.skipped_lines == [4, 7, 8, 12]
    assert summary.hosts == {
        # CONNECT host:443, an upper-case trailing-dot URL with a "-" user (the client
        # address stands in), and an earlier TCP_DENIED/403 line with a UTF-8 user name: a
        # blocked attempt, not use (its time still counts as seen)
        "www.yammer.com": host(
            2, 3421 + 1000, 1772446529.0, 1772446531.0, "jdoe42", "10.0.0.2", blocked=1
        ),
        # IPv6 client, URL-encoded DOMAIN\user
        "teams.microsoft.com": host(1, 500, 1772446532.25, 1772446532.25, "ACME\\jdoe"),
        # user-info and port in the URL, [headers] after the ten fields
        "static.xx.fbcdn.net": host(1, 2048, 1772446534.1, 1772446534.1, "jdoe42"),
        # invalid UTF-8 in a path (CRLF line end) and in a user name
        # (the invalid byte kept as a surrogate escape: not merged with another name)
        "www.linkedin.com": host(2, 87, 1772446535.0, 1772446536.0, "jdoe42", "bad\udcffuser"),
    }
    assert len(summary.digest) == 64


def test_squid_common() -> None:
    summary = read_log(DATA / "squid_common.log")
    assert (summary.format, summary.lines, summary.skipped) == ("squid", 6, 2)
    assert summary.skipped_lines == [4, 6]  # 31 February; NONE error:invalid-request
    assert summary.hosts == {
        "www.yammer.com": host(
            1, 3421, utc(2026, 3, 2, 10, 15, 30), utc(2026, 3, 2, 10, 15, 30), "jdoe"
        ),
        "www.facebook.com": host(
            3,
            1200 + 0 + 5,  # "-" bytes count as 0
            utc(2026, 3, 2, 9, 30),  # 09:00:00 -0030
            utc(2026, 3, 2, 10, 20),
            "192.0.2.11",  # no user: the client address
            "ACME\\mary",
            "ident42",  # no user name but an ident
        ),
    }


def test_w3c_with_quotes_and_fields_remapped_mid_file() -> None:
    summary = read_log(DATA / "w3c_proxysg.log")
    assert (summary.format, summary.lines, summary.skipped) == ("w3c", 8, 3)
    # a line with more values than fields, a bad x-timestamp, a URI without a host
    assert summary.skipped_lines == [9, 15, 16]
    assert summary.hosts == {
        "www.yammer.com": host(
            1, 3421, utc(2026, 3, 2, 10, 15, 30), utc(2026, 3, 2, 10, 15, 30), "jdoe42"
        ),
        "engage.cloud.microsoft": host(
            2,
            1100,
            utc(2026, 3, 2, 10, 16),
            utc(2026, 3, 2, 10, 17) + 0.5,
            "10.0.0.2",
            "ACME\\mary",
        ),
        # after the second #Fields: x-timestamp as epoch and as ISO, host from cs-uri
        "www.linkedin.com": host(
            2, 2300, 1772446600.0, utc(2026, 3, 2, 10, 20), "John Doe", "10.0.0.5"
        ),
    }


def test_w3c_tab_separated_with_crlf() -> None:
    summary = read_log(DATA / "w3c_tabs.log")
    assert (summary.format, summary.lines, summary.skipped, summary.skipped_lines) == (
        "w3c",
        3,
        1,
        [5],  # 25:00:00
    )
    assert summary.hosts == {
        "www.yammer.com": host(
            2, 500, utc(2026, 3, 2, 10, 15, 30), utc(2026, 3, 2, 10, 15, 31), "jdoe42", "10.0.0.2"
        )
    }


def test_csv_semicolon_with_bom() -> None:
    summary = read_log(DATA / "proxy_semicolon.csv")
    assert (summary.format, summary.lines, summary.skipped) == ("csv", 7, 2)
    assert summary.skipped_lines == [5, 6]  # an unclosed quote; a row one cell short
    assert summary.hosts == {
        "www.yammer.com": host(
            1, 3421, utc(2026, 3, 2, 10, 15, 30), utc(2026, 3, 2, 10, 15, 30), "jdoe42"
        ),
        "www.facebook.com": host(
            1, 1000, utc(2026, 3, 2, 10, 16), utc(2026, 3, 2, 10, 16), "10.0.0.2"
        ),
        # a quoted cell holding the delimiter; epoch milliseconds; "-" bytes
        "x.com": host(2, 50, 1772446600.0, 1772446603.0, "Doe; John", "jdoe42"),
        "twitter.com": host(1, 7, utc(2026, 3, 2, 9, 30), utc(2026, 3, 2, 9, 30), "jdoe42"),
    }


@pytest.mark.parametrize("delimiter", [",", "\t", "|"])
def test_csv_delimiters_and_loose_column_names(tmp_path: Path, delimiter: str) -> None:
    rows = [
        ["Event Time", "src_user", "Client", "Request URL", "response_size", "Note"],
        ["1772446530", "ACME\\jdoe", "10.0.0.1", "https://Slack.com/api/x", "12", "a | b, c"],
        ["2026-03-02T10:15:31.250Z", "-", "10.0.0.2", "slack.com:443", "8", ""],
    ]
    path = tmp_path / "export.txt"
    lines = [
        delimiter.join(f'"{cell}"' if delimiter in cell else cell for cell in row) for row in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = read_log(path)
    assert (summary.format, summary.lines, summary.skipped) == ("csv", 2, 0)
    assert summary.hosts == {
        "slack.com": host(2, 20, 1772446530.0, 1772446531.25, "ACME\\jdoe", "10.0.0.2")
    }


def test_dns_query_log_as_csv() -> None:
    summary = read_log(DATA / "dns_queries.csv")
    assert (summary.format, summary.lines, summary.skipped_lines) == ("csv", 4, [5])
    assert summary.hosts == {
        "yammer.com": host(
            1, 0, utc(2026, 3, 2, 10, 15, 30), utc(2026, 3, 2, 10, 15, 30), "10.0.0.1"
        ),
        "www.yammer.com": host(
            1, 0, utc(2026, 3, 2, 10, 15, 31), utc(2026, 3, 2, 10, 15, 31), "10.0.0.2"
        ),
        "xn--bcher-kva.example": host(
            1, 0, utc(2026, 3, 2, 10, 15, 32), utc(2026, 3, 2, 10, 15, 32), "10.0.0.1"
        ),
    }


def test_only_the_first_five_skipped_line_numbers_are_kept(tmp_path: Path) -> None:
    good = (DATA / "squid_native.log").read_bytes().split(b"\n")[0]
    lines = [good if n % 3 == 0 else b"junk %d" % n for n in range(1, 16)]
    path = tmp_path / "many.log"
    path.write_bytes(b"\n".join(lines) + b"\n\n# a comment\n")
    summary = read_log(path, "squid")
    assert (summary.lines, summary.skipped) == (15, 10)
    assert summary.skipped_lines == [1, 2, 4, 5, 7]


def test_overlong_lines_are_malformed_not_a_memory_sink(tmp_path: Path) -> None:
    good = (DATA / "squid_native.log").read_bytes().split(b"\n")[0]
    huge = b"x" * (5 * MAX_LINE // 4)
    path = tmp_path / "huge.log"
    path.write_bytes(b"\n".join([good, huge, good, huge + b" " + huge]))
    single = read_log(path, "squid", workers=1)
    assert (single.lines, single.skipped, single.skipped_lines) == (4, 2, [2, 4])
    assert single.hosts["www.yammer.com"].hits == 2
    assert read_log(path, "squid", workers=2, parallel_threshold=0) == single
    csv_path = tmp_path / "huge.csv"
    csv_path.write_bytes(b"time,host\n" + huge + b"\n1772446530,x.com\n")
    summary = read_log(csv_path)
    assert (summary.lines, summary.skipped_lines, list(summary.hosts)) == (2, [2], ["x.com"])


# --- sniffing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("squid_native.log", "squid"),
        ("squid_common.log", "squid"),
        ("w3c_proxysg.log", "w3c"),
        ("w3c_tabs.log", "w3c"),
        ("proxy_semicolon.csv", "csv"),
        ("dns_queries.csv", "csv"),
    ],
)
def test_sniff_known_formats(name: str, fmt: str) -> None:
    assert sniff_format((DATA / name).read_bytes()[:65536], source=name) == fmt


def test_a_format_chosen_only_by_an_option_is_never_a_guess() -> None:
    """Guessing leaves out the formats given only by an option (a field-map profile): they
    claim no file, so every sample file is guessed as it was among all the formats."""
    assert {f.name for f in registry.guessed()} == set(registry.NAMES) - {"profile"}
    for path in sorted(DATA.iterdir()):
        head = path.read_bytes()[:65536]
        assert registry.get("profile").recognise(head) == 0.0, path.name


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(
    "head",
    [
        PNG,
        (DATA / "README.txt").read_bytes(),
        b"",
        b"\n\n  \n",
        b"a,b,c\n1,2,3\n",  # CSV, but no host or time column
        b"#Version: 1.0\n#Date: 2026-03-02\n",  # W3C directives without #Fields
        b"\n".join(b"%d some words that are no log at all" % n for n in range(30)),
        # garbage first, the Squid lines come too late to count
        b"\n".join([b"garbage"] * 20 + [(DATA / "squid_native.log").read_bytes()]),
    ],
)
def test_sniff_refuses_what_is_not_a_log(head: bytes) -> None:
    known = re.escape(", ".join(registry.NAMES))
    with pytest.raises(InputError, match=rf"not a log in a known format \({known};") as err:
        sniff_format(head, source="upload.bin")
    assert err.value.file == "upload.bin"
    assert err.value.exit_code == 2


def test_read_log_refuses_a_png(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(PNG * 10)
    with pytest.raises(InputError) as err:
        read_log(path, source="logo.png")
    known = ", ".join(registry.NAMES)
    assert str(err.value).startswith(f"logo.png: not a log in a known format ({known};")
    assert "--format" in str(err.value)  # binary content: how to read a damaged log anyway


def test_forced_formats(tmp_path: Path) -> None:
    squid = DATA / "squid_native.log"
    as_w3c = read_log(squid, "w3c")  # no #Fields: every data line is malformed
    assert (as_w3c.lines, as_w3c.skipped, as_w3c.hosts) == (11, 11, {})
    with pytest.raises(InputError, match="no usable CSV header") as err:
        read_log(squid, "csv")
    assert err.value.line == 1
    with pytest.raises(InputError, match="unknown log format 'json'"):
        read_log(squid, "json")
    fields = tmp_path / "nohost.log"
    fields.write_text("#Fields: date time c-ip\n2026-03-02 10:00:00 10.0.0.1\n")
    with pytest.raises(InputError, match="names no host column") as err:
        read_log(fields)
    assert err.value.line == 1


# --- files: gzip, errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["squid_native.log", "squid_common.log", "w3c_proxysg.log", "proxy_semicolon.csv"],
)
def test_gzip_copy_gives_the_same_summary(tmp_path: Path, name: str) -> None:
    plain = DATA / name
    packed = tmp_path / (name + ".gz")
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert read_log(packed) == read_log(plain)  # the digest is of the content: same too


def test_digest_tells_files_apart(tmp_path: Path) -> None:
    copy = tmp_path / "copy.log"
    copy.write_bytes((DATA / "squid_native.log").read_bytes() + b"\n")
    assert read_log(copy).digest != read_log(DATA / "squid_native.log").digest


@pytest.mark.parametrize(
    "content",
    [
        b"\x1f\x8b" + b"not really gzip" * 10,
        # mtime=0: the same bytes in every xdist worker, so collection agrees
        gzip.compress((DATA / "squid_native.log").read_bytes() * 50, mtime=0)[:-40],
    ],
    ids=["not-gzip", "truncated-gzip"],
)
def test_corrupt_gzip_is_an_input_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.log.gz"
    path.write_bytes(content)
    for fmt in (None, "squid"):
        with pytest.raises(InputError, match="cannot read the gzip data"):
            read_log(path, fmt)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the log") as err:
        read_log(tmp_path / "nope.log", source="nope.log")
    assert err.value.file == "nope.log"


# --- progress and cancellation ------------------------------------------------------------


def _recorder(calls: list[tuple[int, int]]) -> Callable[[int, int], None]:
    return lambda done, total: calls.append((done, total))


def test_progress_rises_to_the_total(tmp_path: Path) -> None:
    path = big_squid(tmp_path / "big.log")
    calls: list[tuple[int, int]] = []
    read_log(path, workers=1, progress=lambda done, total: calls.append((done, total)))
    size = path.stat().st_size
    assert size > 3_000_000 and len(calls) >= 3
    done = [d for d, _ in calls]
    assert done == sorted(set(done))  # strictly increasing
    assert {t for _, t in calls} == {size}
    assert calls[-1] == (size, size)


def test_progress_on_gzip_counts_compressed_bytes(tmp_path: Path) -> None:
    packed = tmp_path / "big.log.gz"
    packed.write_bytes(gzip.compress(big_squid(tmp_path / "big.log").read_bytes()))
    calls: list[tuple[int, int]] = []
    read_log(packed, progress=lambda done, total: calls.append((done, total)))
    size = packed.stat().st_size
    assert calls[-1] == (size, size) and len(calls) >= 3
    assert [d for d, _ in calls] == sorted({d for d, _ in calls})


def test_cancel_stops_the_import(tmp_path: Path) -> None:
    path = big_squid(tmp_path / "big.log")
    polls = 0

    def cancelled() -> bool:
        nonlocal polls
        polls += 1
        return polls > 2

    with pytest.raises(PlannerError, match="import cancelled") as err:
        read_log(path, workers=1, cancelled=cancelled)
    assert not isinstance(err.value, InputError)
    with pytest.raises(PlannerError, match="import cancelled"):
        read_log(DATA / "w3c_proxysg.log", cancelled=lambda: True)


# --- several processes --------------------------------------------------------------------


def test_split_ranges_cover_the_file_on_line_starts(tmp_path: Path) -> None:
    path = big_squid(tmp_path / "big.log", lines=3000)
    content = path.read_bytes()
    for parts in (1, 2, 3, 7):
        ranges = split_ranges(path, len(content), parts)
        assert ranges[0][0] == 0 and ranges[-1][1] == len(content)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
        assert all(content[start - 1 : start] == b"\n" for start, _ in ranges[1:])


@pytest.fixture
def parallel_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the imports that took the multi-process path."""
    calls: list[int] = []

    def spy(
        src: LogSource, workers: int, cancelled: Callable[[], bool] | None
    ) -> tuple[Aggregate, str]:
        calls.append(workers)
        return read_squid_parallel(src, workers, cancelled)

    monkeypatch.setattr("planner.adapters.sources.logs.reader.read_squid_parallel", spy)
    return calls


def test_several_processes_give_exactly_the_single_process_summary(
    tmp_path: Path, parallel_calls: list[int]
) -> None:
    path = big_squid(tmp_path / "big.log")
    single = read_log(path, workers=1, parallel_threshold=0)
    assert parallel_calls == []
    assert single.skipped > 5 and len(single.hosts) == 5
    for workers in (2, 3):
        calls: list[tuple[int, int]] = []
        multi = read_log(path, workers=workers, parallel_threshold=0, progress=_recorder(calls))
        assert multi == single
        assert calls[-1] == (path.stat().st_size,) * 2
        assert [d for d, _ in calls] == sorted({d for d, _ in calls})
    assert parallel_calls == [2, 3]
    assert multiprocessing.active_children() == []


def test_several_processes_from_a_thread_use_spawn(
    tmp_path: Path, parallel_calls: list[int]
) -> None:
    # A TUI reads logs in a worker thread: forking there could deadlock, so it spawns.
    path = big_squid(tmp_path / "big.log", lines=5000)
    results: list[LogSummary] = []
    worker = threading.Thread(
        target=lambda: results.append(read_log(path, workers=2, parallel_threshold=0))
    )
    worker.start()
    worker.join(timeout=60)
    assert results == [read_log(path, workers=1)]
    assert parallel_calls == [2]


def test_cancel_stops_every_process(tmp_path: Path) -> None:
    path = big_squid(tmp_path / "big.log")
    with pytest.raises(PlannerError, match="import cancelled"):
        read_log(path, workers=2, parallel_threshold=0, cancelled=lambda: True)
    assert multiprocessing.active_children() == []


def test_gzip_is_never_split(tmp_path: Path, parallel_calls: list[int]) -> None:
    packed = tmp_path / "big.log.gz"
    packed.write_bytes(gzip.compress(big_squid(tmp_path / "big.log", lines=2000).read_bytes()))
    read_log(packed, workers=2, parallel_threshold=0)
    assert parallel_calls == []


# --- robustness ---------------------------------------------------------------------------


@settings(max_examples=300)
@given(st.lists(st.sampled_from([b"http", b"://", b"/", b":", b"@", b"?", b"a.", b"\xff", b"8"])))
def test_squid_url_key_decides_the_host(pieces: list[bytes]) -> None:
    url = b"".join(pieces)
    key = url_key(url)
    assert url.startswith(key)
    assert normalize_host(key.decode("utf-8", "replace")) == normalize_host(
        url.decode("utf-8", "replace")
    )


_SAMPLES = [
    line
    for name in ("squid_native.log", "squid_common.log", "w3c_proxysg.log", "proxy_semicolon.csv")
    for line in (DATA / name).read_bytes().splitlines()
]
_HEADERS = [
    b"",
    b"#Fields: date time cs-host c-ip cs-username sc-bytes x-timestamp cs-uri",
    b"time,host,user,bytes",
    b"\xef\xbb\xbfTimestamp;Dest Host;User Name;Bytes Out",
]
_NASTY = [b"-", b"", b'"', b"1e308", b"nan", b"-5", b"9" * 30, b"[", b"]", b"::", b"%", b"\xff"]


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    """A real log line with one field replaced by something nasty."""
    parts = re.split(rb"([ \t;,])", draw(st.sampled_from(_SAMPLES)))
    index = draw(st.integers(0, len(parts) - 1))
    parts[index] = draw(st.one_of(st.sampled_from(_NASTY), st.binary(max_size=12)))
    return b"".join(parts)


_log_like = st.tuples(
    st.sampled_from(_HEADERS),
    st.lists(
        st.one_of(
            st.sampled_from(_SAMPLES),
            _mutated(),
            st.binary(max_size=60),
            st.text(max_size=60).map(lambda text: text.encode("utf-8", "surrogatepass")),
        ),
        max_size=12,
    ),
).map(lambda parts: b"\n".join([parts[0], *parts[1]]))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    content=st.one_of(st.binary(max_size=400), _log_like),
    fmt=st.sampled_from([None, "squid", "w3c", "csv"]),
    compress=st.booleans(),
)
def test_any_bytes_give_a_summary_or_an_input_error(
    scratch: Path, content: bytes, fmt: str | None, compress: bool
) -> None:
    path = scratch / "fuzz.log"
    path.write_bytes(gzip.compress(content) if compress else content)
    try:
        summary = read_log(path, fmt)
    except InputError:
        return
    assert isinstance(summary, LogSummary)
    assert summary.format in ("squid", "w3c", "csv")
    assert 0 <= summary.skipped <= summary.lines
    assert summary.skipped_lines == sorted(summary.skipped_lines)[:5]
    for stats in summary.hosts.values():
        assert stats.hits + stats.blocked > 0 and stats.bytes >= 0 and stats.first <= stats.last


@settings(max_examples=25, deadline=None)
@given(
    lines=st.lists(st.one_of(st.sampled_from(_SAMPLES[:18]), _mutated()), min_size=1, max_size=60)
)
def test_any_split_of_a_squid_log_gives_the_same_summary(scratch: Path, lines: list[bytes]) -> None:
    path = scratch / "split.log"
    path.write_bytes(b"\n".join(lines))
    single = read_log(path, "squid", workers=1)
    assert read_log(path, "squid", workers=3, parallel_threshold=0) == single


def test_non_utf8_user_names_stay_different_people(tmp_path: Path) -> None:
    """Two Latin-1 user names that differ only in their non-UTF-8 bytes are two users
    (with replacement characters they once became one)."""
    lines = [
        f"1798000000.000 12 10.0.0.1 TCP_TUNNEL/200 4000 CONNECT www.facebook.com:443 {user} "
        "HIER_DIRECT/203.0.113.9 -\n".encode("ascii").replace(b"USER", name)
        for user, name in (
            ("USER", "h\xe9l\xe8ne".encode("latin-1")),
            ("USER", "h\xe8l\xe9ne".encode("latin-1")),
        )
    ]
    path = tmp_path / "latin1.log"
    path.write_bytes(b"".join(lines))
    summary = read_log(path, "squid")
    [stats] = summary.hosts.values()
    assert len(set(stats.users)) == 2


# --- proxy outcomes: 407 handshakes, anonymous denials, blocked attempts ------

_OUTCOMES = (DATA / "squid_outcomes.log").read_bytes()  # 407s, denials, a tunnel

_OUTCOME_HOSTS = {
    # one use (jdoe's tunnel after the handshake) and bob's denied reply; the 407s and the
    # anonymous 403 count for nobody: not the client addresses 10.0.0.1, .2, .7
    "chat.example.com": host(1, 5120, 1772446530.6, 1772446535.0, "ACME\\jdoe", blocked=1),
    # blocked attempts only: mary twice, carol once (common layout); no hit, no user
    "banned.example.org": host(0, 0, utc(2026, 3, 2, 10, 15, 30), 1772446533.0, blocked=3),
}


def test_squid_outcomes_single_process(tmp_path: Path) -> None:
    path = tmp_path / "access.log"
    path.write_bytes(_OUTCOMES)
    summary = read_log(path, workers=1)
    assert (summary.format, summary.lines, summary.skipped) == ("squid", 10, 0)
    assert summary.hosts == _OUTCOME_HOSTS


def test_squid_outcomes_parallel_equal_single(tmp_path: Path) -> None:
    # Many copies so that every range holds use, blocked and nobody's lines.
    path = tmp_path / "access.log"
    path.write_bytes(_OUTCOMES * 50)
    single = read_log(path, workers=1)
    parallel = read_log(path, workers=2, parallel_threshold=1)
    assert parallel == single
    chat, banned = parallel.hosts["chat.example.com"], parallel.hosts["banned.example.org"]
    assert (chat.hits, chat.blocked, set(chat.users)) == (50, 50, {"ACME\\jdoe"})
    assert (banned.hits, banned.blocked, set(banned.users)) == (0, 150, set())
