"""Property-based fuzzing of the line-oriented readers: proxy logs (Squid, W3C/ELFF, CSV,
gzip), survey and LMS CSV imports, the staff directory and ``read_rows`` itself.

The property (see _common.py): every input gives valid records or a located InputError,
within the hang guard; a refused import leaves the workspace as it was. The generators
build almost-valid input — real field shapes with near-miss values, then mutated — since
that is what reaches the deep code paths; plain random bytes and gzip cover the rest.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from planner.adapters.sources.csv_input import read_rows
from planner.adapters.sources.logs import LogSummary, read_log
from planner.adapters.sources.logs import source as log_source
from planner.adapters.sources.logs.csvlog import (
    BYTES_COLUMNS,
    CLIENT_COLUMNS,
    HOST_COLUMNS,
    TIME_COLUMNS,
    USER_COLUMNS,
)
from planner.adapters.sources.logs.w3c import (
    BYTES_FIELDS,
    CLIENT_FIELDS,
    HOST_FIELDS,
    LOCALTIME_FIELDS,
    STAMP_FIELDS,
    USER_FIELDS,
)
from planner.bootstrap import Planner
from planner.domain.plan import PURPOSES
from planner.services.discover.logs import read_directory
from planner.services.discover.survey import SURVEY_COLUMNS, import_survey
from planner.services.rollout import LMS_COLUMNS, import_lms
from tests.fuzz._common import (
    CSV_FILE_LEVEL,
    FEWER,
    FUZZ,
    PLAN,
    check_rows,
    check_summary,
    db_file,
    db_snapshot,
    lms_planner,
    run_reader,
    survey_planner,
)

# --- building blocks -----------------------------------------------------------------------
# Each kind of value comes as (good, bad): good values are what real logs hold, bad ones
# are near misses (impossible dates, overflowing numbers, Unicode digits…). A line is
# mostly good values with, sometimes, one bad value or a mutation: files then pass the
# format sniffer and reach the parsers with a few malformed lines in them.
NO_BLANKS = st.characters(blacklist_categories=("Zs", "Cc", "Zl", "Zp"))
TOKEN = st.text(NO_BLANKS, min_size=1, max_size=12)
GOOD_HOSTS = st.one_of(
    st.sampled_from(
        ["www.yammer.com", "teams.microsoft.com", "WWW.Facebook.COM.", "static.xx.fbcdn.net",
         "xn--80ak6aa92e.com", "bücher.example", "slack.com"]
    ),
    st.from_regex(r"[a-z0-9-]{1,10}(\.[a-z0-9-]{1,10}){1,3}", fullmatch=True),
)  # fmt: skip
BAD_HOSTS = st.one_of(
    st.sampled_from(
        ["10.0.0.1", "[2001:db8::1]", "localhost", "a..b", "-", ".", "x" * 70 + ".com",
         "%77ww.slack.com", "-a-.com", "*.x.com", "", "xn--.com", "a.b:99999"]
    ),
    TOKEN,
)  # fmt: skip


@st.composite
def urls(draw: st.DrawFn, good: bool = True) -> str:
    host = draw(GOOD_HOSTS if good else st.one_of(GOOD_HOSTS, BAD_HOSTS))
    schemes = ["HTTP://", "ftp://", "//", ":/", "http:/", "https://"]
    scheme = draw(st.sampled_from(["http://", "https://", ""] if good else schemes))
    userinfo = "" if good else draw(st.sampled_from(["", "user:pw@", "@", "a@b@"]))
    port = draw(st.sampled_from(["", ":443", ":8080"] if good else [":99999", ":", ":-1", ""]))
    path = draw(st.sampled_from(["", "/", "/feed?x=1", "/a%2F..", "/é"]))
    tail = draw(st.text(NO_BLANKS, max_size=6)) if not good else ""
    return f"{scheme}{userinfo}{host}{port}{path}{tail}"


GOOD = {
    "epoch": st.floats(1e9, 2e9).map(lambda x: f"{x:.3f}"),
    "size": st.integers(0, 10**6).map(str),
    "user": st.sampled_from(["-", "jdoe42", "ACME%5Cjdoe", "béatrice", "mary"]),
    "iso": st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2100, 1, 1)).flatmap(
        lambda d: st.sampled_from([d.isoformat(), d.isoformat(sep=" "), d.isoformat() + "Z"])
    ),
    "date": st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)).map(str),
    "clock": st.times().map(lambda t: t.isoformat(timespec="seconds")),
    "clf": st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2100, 1, 1)).map(
        lambda d: d.strftime("%d/%b/%Y:%H:%M:%S +0000")
    ),
    "client": st.sampled_from(["10.0.0.1", "192.0.2.7", "2001:db8::1"]),
}
BAD = {
    "epoch": st.one_of(
        st.sampled_from(["nan", "inf", "-inf", "-1", "1e400", "", "0", "253402300800",
                         "1772446530,5", "1e11", "9" * 20, "1772446530000", "٣", "1_772_446"]),
        TOKEN,
    ),
    "size": st.one_of(
        st.sampled_from(["-", "", "-5", "1e3", "10000000000000", "1000000000001", "٣", "0x10"]),
        st.integers(10**12, 10**30).map(str),
    ),
    "user": st.one_of(st.sampled_from(["%ff%fe", "%", "%%41", '"x"', "a b"]), TOKEN),
    "iso": st.sampled_from(
        ["2026-02-30T10:00:00", "2026-03-02T25:00:00", "0001-01-01T00:00:00+14:00",
         "9999-12-31T23:59:59-14:00", "02/Mar/2026:10:15:30 +0000", "1969-12-31T23:59:59Z",
         "[02/Mar/2026:10:15:30 +0000]", "2026-03-02T10:15:30+25:00", "2026-03-02T"]
    ),
    "date": st.one_of(
        st.sampled_from(["2026-02-30", "2026-13-01", "2026-1-1", "26-03-02", "2026-03", "-",
                         "", "1969-12-31", "0000-01-01", "٢٠٢٦-03-02"]),
        TOKEN,
    ),
    "clock": st.one_of(
        st.sampled_from(["24:00:00", "23:59:60", "23:60:00", "1:2:3", "10:15", "10:15:30.",
                         "-", "10:15:30.5x"]),
        TOKEN,
    ),
    "clf": st.builds(
        "{:02d}/{}/{}:{:02d}:{:02d}:{:02d} {}".format,
        st.integers(0, 32), st.sampled_from(["Mar", "mar", "Feb", "Foo", ""]),
        st.sampled_from(["2026", "1969", "9999", "99999", "20a6"]),
        st.integers(0, 25), st.integers(0, 61), st.integers(0, 61),
        st.sampled_from(["+0000", "-0030", "+9999", "+00:00", "", "Z", "+1"]),
    ),
    "client": st.one_of(st.sampled_from(["-", "", "192.0.2.300"]), TOKEN),
}  # fmt: skip
GOOD["elapsed"] = st.integers(0, 10**6).map(str)
BAD["elapsed"] = TOKEN
GOOD["host"] = st.one_of(GOOD_HOSTS, urls())
BAD["host"] = st.one_of(urls(good=False), BAD_HOSTS)
MIXED = {kind: st.one_of(GOOD[kind], BAD[kind]) for kind in GOOD}


def values(good: bool) -> dict[str, st.SearchStrategy[str]]:
    """The value strategies for one line: all good, or each one good or bad."""
    return GOOD if good else MIXED


LINE_ENDS = st.sampled_from(["\n", "\n", "\r\n", "\r\n", "\r", "\r\r\n", "\n\n"])


@st.composite
def mutated(draw: st.DrawFn, line: str, separator: str = " ") -> str:
    """A line with, one time in four, one or two field-level or byte-level accidents."""
    if draw(st.integers(0, 3)):
        return line
    for _ in range(draw(st.integers(1, 2))):
        fields = line.split(separator)
        op = draw(st.sampled_from(["drop", "dup", "swap", "cut", "insert", "tab", "blank"]))
        i = draw(st.integers(0, max(0, len(fields) - 1)))
        j = draw(st.integers(0, max(0, len(fields) - 1)))
        if op == "drop" and len(fields) > 1:
            del fields[i]
        elif op == "dup":
            fields.insert(i, fields[i])
        elif op == "swap":
            fields[i], fields[j] = fields[j], fields[i]
        elif op == "tab":
            fields[i] = fields[i].replace(" ", "\t")
        elif op == "blank":
            fields[i] = ""
        line = separator.join(fields)
        if op == "cut":
            line = line[: draw(st.integers(0, len(line)))]
        elif op == "insert":
            at = draw(st.integers(0, len(line)))
            line = line[:at] + draw(st.text(max_size=4)) + line[at:]
    return line


def join_lines(lines: list[str], ends: list[str], bom: bool, final: bool) -> str:
    text = "".join(line + ends[i % len(ends)] for i, line in enumerate(lines))
    if not final and text:
        text = text.rstrip("\r\n")
    return ("\ufeff" if bom else "") + text


@st.composite
def encode(draw: st.DrawFn, text: str) -> bytes:
    """Mostly UTF-8; sometimes cp1252/latin-1 (or both: mixed encodings), UTF-16, a NUL."""
    kind = draw(st.sampled_from(["utf-8"] * 8 + ["cp1252", "utf-16", "nul", "mixed"]))
    if kind == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    if kind == "cp1252":
        return text.encode("cp1252", "replace")
    raw = text.encode("utf-8", "surrogatepass")
    if kind == "nul":
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + b"\x00" + raw[at:]
    if kind == "mixed":
        cut = draw(st.integers(0, len(text)))
        return text[:cut].encode("utf-8", "surrogatepass") + text[cut:].encode("latin-1", "replace")
    return raw


@st.composite
def text_file(draw: st.DrawFn, lines: list[str]) -> bytes:
    ends = draw(st.lists(LINE_ENDS, min_size=1, max_size=3))
    return draw(encode(join_lines(lines, ends, draw(st.booleans()), draw(st.booleans()))))


# --- Squid -------------------------------------------------------------------------------
@st.composite
def squid_native(draw: st.DrawFn) -> str:
    v = values(draw(st.booleans()) or draw(st.booleans()))
    method = draw(st.sampled_from(["GET", "CONNECT", "POST", "GET", "NONE", "get", "-"]))
    url = draw(st.one_of(urls(), urls(), urls(good=False)))
    if method == "CONNECT" and draw(st.booleans()):
        url = draw(GOOD_HOSTS) + draw(st.sampled_from([":443", ":443", ":", ""]))
    fields = [
        draw(v["epoch"]),
        draw(v["elapsed"]),
        draw(v["client"]),
        draw(st.sampled_from(["TCP_MISS/200", "TCP_TUNNEL/200", "NONE/000", "TCP_MISS", "/"])),
        draw(v["size"]),
        method,
        url,
        draw(v["user"]).replace(" ", "%20"),
        draw(st.sampled_from(["HIER_DIRECT/203.0.113.10", "HIER_NONE/-", "-"])),
        draw(st.sampled_from(["text/html", "-", "application/json;charset=utf-8"])),
    ]
    fields += draw(st.lists(st.sampled_from(["[Accept: */*]", "-", "x"]), max_size=2))
    spacing = draw(st.sampled_from([" ", " ", "  ", "   "]))
    return draw(mutated(spacing.join(fields), spacing))


@st.composite
def squid_common(draw: st.DrawFn) -> str:
    v = values(draw(st.booleans()) or draw(st.booleans()))
    client = draw(v["client"])
    ident, user = draw(st.sampled_from(["-", "-", "ident"])), draw(v["user"])
    stamp = draw(v["clf"])
    request = draw(st.sampled_from(["GET", "CONNECT", ""])) + " " + draw(urls())
    request += draw(st.sampled_from([" HTTP/1.1", " HTTP/1.0", "", " HTTP/1.1 extra"]))
    status = draw(st.sampled_from(["200", "200", "000", "-", "2x0"]))
    size = draw(v["size"])
    line = f'{client} {ident} {user} [{stamp}] "{request}" {status} {size} TCP_MISS:HIER_DIRECT'
    return draw(mutated(line))


@st.composite
def squid_files(draw: st.DrawFn) -> bytes:
    line = draw(st.sampled_from([squid_native(), squid_common(), squid_native()]))
    other = st.one_of(
        squid_native(),
        squid_common(),
        st.sampled_from(["", "   ", "# comment", "#Fields: date time"]),
        st.text(max_size=40),
    )
    lines = draw(st.lists(st.one_of(line, line, line, other), max_size=25))
    return draw(text_file(lines))


# --- W3C / ELFF ----------------------------------------------------------------------------
TIME_LAYOUTS = [("date", "time"), ("x-timestamp",), ("timestamp",), ("localtime",), ("gmttime",)]
W3C_EXTRA = ["time-taken", "sc-status", "cs-method", "cs-uri-path", "cs(User-Agent)", "s-ip"]


def w3c_value(name: str, good: bool) -> st.SearchStrategy[str]:
    v, name = values(good), name.lower()
    if name == "date":
        return v["date"]
    if name == "time":
        return v["clock"]
    if name in HOST_FIELDS:
        return v["host"]
    if name in USER_FIELDS:
        return v["user"]
    if name in CLIENT_FIELDS:
        return v["client"]
    if name in BYTES_FIELDS:
        return v["size"]
    if name in STAMP_FIELDS:
        return st.one_of(v["epoch"], v["iso"])
    if name in LOCALTIME_FIELDS:
        return st.one_of(v["clf"], v["clf"].map(lambda s: f"[{s}]"))
    return st.one_of(st.just("-"), st.text(max_size=15))


def w3c_quote(value: str, tabs: bool) -> str:
    if value == "" or any(c in value for c in ' "\t'):
        return '"' + value.replace('"', '""') + '"'
    return value


@st.composite
def w3c_layout(draw: st.DrawFn) -> list[str]:
    """The names of a #Fields: directive: usually a time and a host column among others."""
    if draw(st.sampled_from([False] * 9 + [True])):  # anything at all
        return draw(st.lists(st.one_of(st.sampled_from(W3C_EXTRA), TOKEN), min_size=1, max_size=6))
    names = [*draw(st.sampled_from(TIME_LAYOUTS)), draw(st.sampled_from(HOST_FIELDS))]
    for group in (USER_FIELDS, CLIENT_FIELDS, BYTES_FIELDS, HOST_FIELDS, W3C_EXTRA):
        if draw(st.booleans()):
            names.append(draw(st.sampled_from(group)))
    names = list(dict.fromkeys(draw(st.permutations(names))))
    return [draw(st.sampled_from([n, n, n.upper(), n.title()])) for n in names]


@st.composite
def w3c_files(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(st.sampled_from(["#Software: SGOS 6.7", "#Version: 1.0"]), max_size=2))
    for _ in range(draw(st.integers(1, 3))):
        names = draw(w3c_layout())
        directive = draw(st.sampled_from(["#Fields:", "#Fields:", "#fields:", "#FIELDS:"]))
        lines.append(directive + draw(st.sampled_from([" ", "  ", ""])) + " ".join(names))
        tabs = not draw(st.integers(0, 3))
        for _ in range(draw(st.integers(0, 8))):
            good = draw(st.booleans()) or draw(st.booleans())
            cells = [w3c_quote(draw(w3c_value(n, good)), tabs) for n in names]
            lines.append(draw(mutated(("\t" if tabs else " ").join(cells), "\t" if tabs else " ")))
        lines += draw(st.lists(st.sampled_from(["", "#Date: 2026-03-02", "# x", "#Fields"]),
                               max_size=2))  # fmt: skip
    return draw(text_file(lines))


# --- CSV -----------------------------------------------------------------------------------
CSV_KINDS = {
    "host": HOST_COLUMNS,
    "user": USER_COLUMNS,
    "client": CLIENT_COLUMNS,
    "bytes": BYTES_COLUMNS,
    "time": TIME_COLUMNS,
}


@st.composite
def column_spelling(draw: st.DrawFn, name: str) -> str:
    """``dest_host`` as an export spells it: Dest Host, DEST-HOST, " dest_host "…"""
    words = name.split("_")
    joiner = draw(st.sampled_from(["_", " ", "-", "", "."]))
    case = draw(st.sampled_from([str.lower, str.upper, str.title, str.capitalize]))
    pad = draw(st.sampled_from(["", "", " ", "  "]))
    return pad + case(joiner.join(words)) + pad


def log_csv_value(kind: str, good: bool) -> st.SearchStrategy[str]:
    v = values(good)
    return {
        "host": v["host"],
        "user": v["user"],
        "client": v["client"],
        "bytes": v["size"],
        "time": st.one_of(v["epoch"], v["iso"], v["date"]),
    }.get(kind, st.text(max_size=15))


def csv_cell(value: str, delimiter: str, quoting: str) -> str:
    needs = any(c in value for c in (delimiter, '"', "\n", "\r"))
    if quoting == "all" or (quoting == "minimal" and needs):
        return '"' + value.replace('"', '""') + '"'
    if quoting == "broken" and value:
        return '"' + value
    return value


@st.composite
def csv_table(
    draw: st.DrawFn,
    kinds: dict[str, tuple[str, ...]],
    value: Callable[[str, bool], st.SearchStrategy[str]],
    core: tuple[str, ...],
    rows: int = 8,
) -> bytes:
    """A delimited file: a header naming the ``core`` columns (usually) and others, spelt
    as exports spell them, plus junk names; rows of mostly good values; Excel quoting,
    no quoting or broken quoting; and, sometimes, one mutated line."""
    wanted = [k for k in core if draw(st.integers(0, 9))] + draw(
        st.lists(st.sampled_from(sorted(kinds)), max_size=3)
    )
    chosen = [(k, draw(st.sampled_from(kinds[k]))) for k in wanted]
    chosen += [("junk", name) for name in draw(st.lists(TOKEN, max_size=2))]
    chosen = draw(st.permutations(chosen)) or [("junk", "x")]
    delimiter = draw(st.sampled_from([",", ",", ";", "\t", "|", " "]))
    quoting = draw(st.sampled_from(["none", "minimal", "minimal", "all", "broken"]))
    header = [csv_cell(draw(column_spelling(name)), delimiter, quoting) for _, name in chosen]
    lines = [delimiter.join(header)]
    clean = draw(st.booleans())  # every row good: an import that should go through
    for _ in range(draw(st.integers(0, rows))):
        # A near-miss row: one cell (or, for logs, any cell) from the bad values.
        bad = -1 if clean or draw(st.booleans()) else draw(st.integers(0, len(chosen) - 1))
        cells = [
            csv_cell(draw(value(kind, i != bad)), delimiter, quoting)
            for i, (kind, _) in enumerate(chosen)
        ]
        if not draw(st.integers(0, 9)):
            cells.append("")  # a trailing delimiter
        line = delimiter.join(cells)
        lines.append(line if clean else draw(mutated(line, delimiter)))
    return draw(text_file(lines))


LOG_CSV = csv_table(CSV_KINDS, log_csv_value, ("host", "time"), rows=25)


# --- gzip and raw bytes ----------------------------------------------------------------------
@st.composite
def gzipped(draw: st.DrawFn, content: bytes) -> bytes:
    packed = gzip.compress(content, compresslevel=draw(st.integers(0, 9)))
    accident = draw(st.sampled_from(["none", "none", "truncate", "trailer", "flip", "twice"]))
    if accident == "truncate":
        packed = packed[: draw(st.integers(2, len(packed)))]
    elif accident == "trailer":
        packed += draw(st.binary(min_size=1, max_size=20))
    elif accident == "flip":
        at = draw(st.integers(2, len(packed) - 1))
        packed = packed[:at] + bytes([packed[at] ^ draw(st.integers(1, 255))]) + packed[at + 1 :]
    elif accident == "twice":
        packed += gzip.compress(content)  # two members, as `cat a.gz b.gz` makes
    return packed


RAW = st.one_of(
    st.binary(max_size=600),
    st.binary(max_size=40).map(lambda b: b"\x1f\x8b" + b),  # claims to be gzip
    st.binary(max_size=300).map(gzip.compress),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


# --- log properties --------------------------------------------------------------------------
def _read(path: Path, fmt: str | None) -> LogSummary | None:
    outcome = run_reader(lambda: read_log(path, fmt, source="fuzz.log", workers=1), line=False)
    if outcome.error is not None:
        assert outcome.error.file == "fuzz.log"
        event(f"refused: {outcome.error.message[:30]}")
        return None
    check_summary(outcome.value)
    event(f"read as {outcome.value.format}, {'some' if outcome.value.hosts else 'no'} hosts")
    if fmt is not None:
        assert outcome.value.format == fmt
    return outcome.value  # type: ignore[no-any-return]


def _log_property(path: Path, content: bytes, fmt: str | None, compress: bool) -> None:
    path.write_bytes(content)
    summary = _read(path, fmt)
    if summary is not None and fmt is None:
        # Sniffing picks a format; forcing that format reads the same thing.
        assert _read(path, summary.format) == summary
    if compress:
        # gzip is transparent: same aggregates, same digest (of the decompressed content).
        path.write_bytes(gzip.compress(content))
        assert _read(path, fmt) == summary


@FUZZ
@given(content=squid_files(), fmt=st.sampled_from([None, "squid"]), compress=st.booleans())
def test_squid_like_logs(tmp_path: Path, content: bytes, fmt: str | None, compress: bool) -> None:
    _log_property(tmp_path / "access.log", content, fmt, compress)


@FUZZ
@given(content=w3c_files(), fmt=st.sampled_from([None, "w3c"]), compress=st.booleans())
def test_w3c_like_logs(tmp_path: Path, content: bytes, fmt: str | None, compress: bool) -> None:
    _log_property(tmp_path / "elff.log", content, fmt, compress)


@FUZZ
@given(
    content=LOG_CSV,
    fmt=st.sampled_from([None, "csv"]),
    compress=st.booleans(),
)
def test_csv_like_logs(tmp_path: Path, content: bytes, fmt: str | None, compress: bool) -> None:
    _log_property(tmp_path / "export.csv", content, fmt, compress)


@FUZZ
@given(
    content=st.one_of(RAW, squid_files().flatmap(gzipped), w3c_files().flatmap(gzipped)),
    fmt=st.sampled_from([None, "squid", "w3c", "csv"]),
)
def test_random_bytes_and_broken_gzip(tmp_path: Path, content: bytes, fmt: str | None) -> None:
    path = tmp_path / "any.log.gz"
    path.write_bytes(content)
    _read(path, fmt)


@FEWER
@given(
    content=st.one_of(squid_files(), w3c_files(), LOG_CSV),
    block=st.integers(1, 97),
    fallback=st.sampled_from(["squid", "w3c", "csv"]),
)
def test_block_boundaries_do_not_matter(
    tmp_path: Path, content: bytes, block: int, fallback: str
) -> None:
    """Logs are read in ~1 MB blocks after a 64 KB head; a line cut between two blocks is
    read whole. With tiny blocks every line is cut somewhere: the summary must not change.
    (The format is forced: sniffing looks at the head, which is tiny here too.)"""
    path = tmp_path / "blocks.log"
    path.write_bytes(content)
    sniffed = _read(path, None)
    fmt = sniffed.format if sniffed is not None else fallback
    whole = _read(path, fmt)
    with (
        mock.patch.object(log_source, "BLOCK_SIZE", block),
        mock.patch.object(log_source, "HEAD_SIZE", block),
    ):
        assert _read(path, fmt) == whole


@FEWER
@given(content=st.one_of(squid_files(), w3c_files()), polls=st.integers(0, 3))
def test_cancellation_stops_cleanly(tmp_path: Path, content: bytes, polls: int) -> None:
    """``cancelled()`` becoming true stops the import with PlannerError("import
    cancelled") — the only PlannerError read_log may raise — or the import finishes."""
    path = tmp_path / "cancel.log"
    path.write_bytes(content)
    calls = iter(range(10**6))

    def cancelled() -> bool:
        return next(calls) >= polls

    outcome = run_reader(
        lambda: read_log(path, cancelled=cancelled, workers=1), line=False, cancelled_ok=True
    )
    if outcome.error is None:
        check_summary(outcome.value)


# --- CSV imports -------------------------------------------------------------------------------
def _pick(
    good: bool, ok: st.SearchStrategy[str], bad: st.SearchStrategy[str]
) -> st.SearchStrategy[str]:
    return ok if good else bad


def _survey_value(kind: str, good: bool) -> st.SearchStrategy[str]:
    purpose = st.sampled_from(sorted(PURPOSES) + sorted(PURPOSES.values()))
    return {
        "tool": _pick(
            good,
            st.one_of(st.sampled_from(["Facebook", "Yammer", "Microsoft Teams", "slack"]), TOKEN),
            st.sampled_from(["", " ", "\u200b"]),
        ),
        "department": st.one_of(st.sampled_from(["Marketing", "R&D", ""]), TOKEN),
        "official": _pick(
            good,
            st.sampled_from(["yes", "No", "OUI", "don't know", "?", "-", "", "1", "true"]),
            st.one_of(st.just("maybe"), TOKEN),
        ),
        "purposes": _pick(
            good,
            st.lists(purpose, max_size=3).map("; ".join),
            st.lists(st.one_of(purpose, TOKEN), max_size=3).map("|".join),
        ),
        "users": _pick(
            good,
            st.one_of(st.integers(0, 10**4).map(str), st.just("")),
            st.one_of(
                st.sampled_from(["-3", "1.5", "twelve", "0x10", "1e3", "٣", "²", "①"]),
                st.integers(2**63, 10**30).map(str),
            ),
        ),
        "comments": st.text(max_size=20),
    }.get(kind, st.text(max_size=10))


SURVEY_KINDS = {k: (k, *aliases) for k, aliases in SURVEY_COLUMNS.items()}
LMS_KINDS = {k: (k, *aliases) for k, aliases in LMS_COLUMNS.items()}
DIRECTORY_KINDS = {
    "user": ("user", "login", "email", "samaccountname"),
    "department": ("department", "dept", "ou"),
}


def _lms_value(kind: str, good: bool) -> st.SearchStrategy[str]:
    return {
        "milestone": _pick(
            good,
            st.sampled_from(["sales-onboarding", "it-office-hours", "marketing-e-learning"]),
            st.one_of(st.sampled_from(["nope", "", "Sales", "SALES-ONBOARDING"]), TOKEN),
        ),
        "department": st.sampled_from(["Sales", "it", "Marketing", "HR", ""]),
        "trained": _pick(
            good,
            st.integers(0, 20).map(str),
            st.one_of(
                st.sampled_from(["", "-1", "3.0", "x", "٣", "10 ", "²", "9" * 4301]),
                st.integers(21, 10**30).map(str),
            ),
        ),
        "date": _pick(
            good,
            st.one_of(st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31)).map(str), st.just("")),
            st.sampled_from(["2027-02-30", "02/01/2027", "20270201", "2027-W05-1", "٢٠٢٧-02-01"]),
        ),
    }.get(kind, st.text(max_size=10))


def _directory_value(kind: str, good: bool) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(["jdoe", "JDOE", "Sales", "", "é"]), st.text(max_size=10))


CSV_INPUT = {
    "survey": st.one_of(
        csv_table(SURVEY_KINDS, _survey_value, ("tool", "users", "official", "purposes")), RAW
    ),
    "lms": st.one_of(csv_table(LMS_KINDS, _lms_value, ("milestone", "trained", "date")), RAW),
    "directory": st.one_of(
        csv_table(DIRECTORY_KINDS, _directory_value, ("user", "department")), RAW
    ),
}


@pytest.fixture
def survey_app(tmp_path: Path) -> Iterator[Planner]:
    app = survey_planner(tmp_path / "survey")
    yield app
    app.close()


@pytest.fixture
def lms_app(tmp_path: Path) -> Iterator[Planner]:
    app = lms_planner(tmp_path / "lms")
    yield app
    app.close()


def _all_or_nothing(app: Planner, call: Callable[[], object]) -> None:
    """The import returns, or refuses (every error located) and changes nothing."""
    before = db_snapshot(db_file(app))
    outcome = run_reader(call, line=True, file_level=CSV_FILE_LEVEL)
    if outcome.refused:
        assert db_snapshot(db_file(app)) == before, "a refused import changed the workspace"
    event("imported" if not outcome.refused else "refused" if outcome.bug is None else "bug")


@FUZZ
@given(content=CSV_INPUT["survey"])
def test_survey_import(survey_app: Planner, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "survey.csv"
    path.write_bytes(content)
    _all_or_nothing(
        survey_app, lambda: import_survey(survey_app.workspace, survey_app.catalog, PLAN, path)
    )


@FUZZ
@given(content=CSV_INPUT["lms"])
def test_lms_import(lms_app: Planner, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "lms.csv"
    path.write_bytes(content)
    _all_or_nothing(lms_app, lambda: import_lms(lms_app.workspace, PLAN, path))


@FUZZ
@given(content=CSV_INPUT["directory"])
def test_staff_directory(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "directory.csv"
    path.write_bytes(content)
    outcome = run_reader(lambda: read_directory(path), line=True, file_level=CSV_FILE_LEVEL)
    if outcome.error is None:
        assert all(user and department for user, department in outcome.value.items())
        assert all(user == user.casefold() for user in outcome.value)


@FUZZ
@given(
    content=st.one_of(*CSV_INPUT.values()),
    columns=st.dictionaries(
        st.sampled_from(["tool", "user", "department", "trained", "x"]),
        st.lists(st.one_of(st.sampled_from(["login", "dept", "Tool Name", "ou"]), TOKEN)).map(
            tuple
        ),
        min_size=1,
        max_size=4,
    ),
    data=st.data(),
)
def test_read_rows(
    tmp_path: Path, content: bytes, columns: dict[str, tuple[str, ...]], data: st.DataObject
) -> None:
    required = data.draw(st.lists(st.sampled_from(sorted(columns)), unique=True))
    path = tmp_path / "rows.csv"
    path.write_bytes(content)
    outcome = run_reader(
        lambda: list(read_rows(path, columns, required, source="rows.csv")),
        line=True,
        file_level=CSV_FILE_LEVEL,
    )
    if outcome.error is None:
        check_rows(outcome.value, set(columns))
    else:
        assert outcome.error.file == "rows.csv"
