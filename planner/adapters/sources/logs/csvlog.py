"""CSV exports of proxy, firewall and DNS logs: a header row names the columns.

Every product exports its own columns, so they are matched loosely by name (``Dest Host``,
``dest_host`` and ``dest-host`` are one name) against lists of what the host, user,
client, bytes and time columns are called in the wild, DNS query logs included (``query``,
``qname``). The delimiter is sniffed from the first lines. Each physical line is parsed on
its own with ``csv`` in strict mode: a bad quote costs that one line, counted as malformed,
instead of silently swallowing the rest of the file as a never-closed quoted field would.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from planner.adapters.sources.logs.model import Aggregate, parse_size
from planner.adapters.sources.logs.source import MAX_LINE, text_lines
from planner.adapters.sources.logs.spec import LogFormat, blocks_reader, head_lines
from planner.adapters.sources.logs.times import epoch_or_iso, iso_time
from planner.domain.hosts import host_prefix, normalize_host
from planner.errors import InputError

__all__ = [
    "DELIMITERS",
    "FORMAT",
    "CsvLayout",
    "detect_layout",
    "read_csv",
]

DELIMITERS = (",", ";", "\t", "|")
HOST_COLUMNS = (
    "host", "hostname", "host_name", "domain", "domain_name", "dest_host", "dst_host",
    "destination_host", "dest_hostname", "destination_hostname", "server_name", "sni",
    "fqdn", "cs_host", "site", "destination", "dest", "dst", "query", "qname", "query_name",
    "question", "url", "uri", "request_url", "requested_url", "full_url", "dest_url",
    "cs_uri", "url_full", "request",
)  # fmt: skip
USER_COLUMNS = (
    "user", "username", "user_name", "login", "src_user", "source_user", "userid",
    "user_id", "account", "account_name", "cs_username", "upn", "email",
)  # fmt: skip
CLIENT_COLUMNS = (
    "c_ip", "client", "client_ip", "clientip", "client_address", "src", "src_ip",
    "source_ip", "source", "source_address", "ip", "device_ip",
)  # fmt: skip
BYTES_COLUMNS = (
    "bytes", "sc_bytes", "bytes_out", "size", "response_size", "resp_size", "bytes_sent",
    "sent_bytes", "bytes_received", "bytes_in", "total_bytes", "content_length",
)  # fmt: skip
TIME_COLUMNS = (
    "time", "timestamp", "date", "datetime", "date_time", "ts", "event_time", "eventtime",
    "time_generated", "timegenerated", "@timestamp", "receive_time", "start_time",
    "log_time", "logtime", "created", "created_at",
)  # fmt: skip
FIELD_SIZE_LIMIT = MAX_LINE  # a cell may be a long URL; the default 128 KB is too tight
_NAME_NOISE = re.compile(r"[^a-z0-9@]+")
_SNIFF_ROWS = 20
_HOST_CACHE_LIMIT = 200_000


def column_name(text: str) -> str:
    """``" Dest-Host "`` -> ``dest_host``: how header names are compared."""
    return _NAME_NOISE.sub("_", text.strip().strip('"').lower()).strip("_")


def split_row(line: str, delimiter: str) -> list[str] | None:
    """One physical line as cells, or None when its quoting is broken."""
    if '"' not in line:
        return line.split(delimiter)
    try:
        return next(csv.reader((line,), delimiter=delimiter, strict=True))
    except (csv.Error, StopIteration):
        return None


def _positions(names: list[str], wanted: Iterable[str]) -> list[int]:
    return [names.index(name) for name in wanted if name in names]


@dataclass(frozen=True)
class CsvLayout:
    """The delimiter and the columns that matter, from the header row."""

    delimiter: str
    width: int
    hosts: list[int]
    users: list[int]
    clients: list[int]
    size: int | None
    times: list[int]
    date_and_time: tuple[int, int] | None

    @classmethod
    def from_header(cls, header: list[str], delimiter: str) -> CsvLayout:
        names = [column_name(cell) for cell in header]
        sizes = _positions(names, BYTES_COLUMNS)
        both = None
        if "date" in names and "time" in names:
            both = (names.index("date"), names.index("time"))
        return cls(
            delimiter=delimiter,
            width=len(names),
            hosts=_positions(names, HOST_COLUMNS),
            users=_positions(names, USER_COLUMNS),
            clients=_positions(names, CLIENT_COLUMNS),
            size=sizes[0] if sizes else None,
            times=_positions(names, TIME_COLUMNS),
            date_and_time=both,
        )

    @property
    def usable(self) -> bool:
        return bool(self.hosts) and bool(self.times)

    def when(self, cells: list[str]) -> float | None:
        if self.date_and_time is not None:
            date, clock = (cells[i].strip() for i in self.date_and_time)
            moment = iso_time(f"{date}T{clock}")
            if moment is not None:
                return moment
        for index in self.times:
            moment = epoch_or_iso(cells[index])
            if moment is not None:
                return moment
        return None


def detect_layout(lines: list[str]) -> CsvLayout | None:
    """The layout whose delimiter splits the header into host and time columns and the
    next lines into as many cells; None if no delimiter does."""
    if not lines:
        return None
    best: CsvLayout | None = None
    for delimiter in DELIMITERS:
        header = split_row(lines[0], delimiter)
        if header is None or len(header) < 2:
            continue
        layout = CsvLayout.from_header(header, delimiter)
        if not layout.usable:
            continue
        rows = [split_row(line, delimiter) for line in lines[1:_SNIFF_ROWS]]
        fitting = sum(1 for row in rows if row is not None and len(row) == layout.width)
        if rows and fitting * 2 < len(rows):
            continue
        if best is None or layout.width > best.width:
            best = layout
    return best


def read_csv(blocks: Iterable[bytes], *, source: str) -> Aggregate:
    """Aggregate a CSV log given as blocks of bytes in order."""
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(min(FIELD_SIZE_LIMIT, sys.maxsize))
    agg = Aggregate()
    layout: CsvLayout | None = None
    sample: list[tuple[int, str]] = []
    hosts: dict[str, str | None] = {}

    def row(line_no: int, line: str) -> None:
        assert layout is not None
        agg.lines += 1
        cells = split_row(line, layout.delimiter)
        if cells is None or len(cells) != layout.width:
            agg.skip(line_no)
            return
        host = None
        for index in layout.hosts:
            raw = cells[index].strip()
            if raw and raw != "-":
                key = host_prefix(raw)
                host = hosts.get(key)
                if host is None and key not in hosts:
                    if len(hosts) >= _HOST_CACHE_LIMIT:
                        hosts.clear()
                    host = hosts[key] = normalize_host(key)
                if host is not None:
                    break
        when = layout.when(cells)
        size = parse_size(cells[layout.size].strip()) if layout.size is not None else 0
        if host is None or when is None or size is None:
            agg.skip(line_no)
            return
        user = None
        for index in (*layout.users, *layout.clients):
            value = cells[index].strip()
            if value and value != "-":
                user = value
                break
        agg.add(host, when, size, user)

    for line_no, line in text_lines(blocks):
        if not line.strip():
            continue
        if layout is None:
            sample.append((line_no, line))
            if len(sample) < _SNIFF_ROWS:
                continue
            layout = _layout_or_fail(sample, source)
            for number, text in sample[1:]:
                row(number, text)
            continue
        row(line_no, line)
    if layout is None and sample:
        layout = _layout_or_fail(sample, source)
        for number, text in sample[1:]:
            row(number, text)
    return agg


def _layout_or_fail(sample: list[tuple[int, str]], source: str) -> CsvLayout:
    layout = detect_layout([text for _, text in sample])
    if layout is None:
        raise InputError(
            "no usable CSV header: expected a host column (host, domain, url…) and a time "
            "column (time, timestamp, date…) separated by , ; tab or |",
            file=source,
            line=sample[0][0],
        )
    return layout


def recognise(head: bytes) -> float:
    """Fairly sure when a header names a host and a time column the next lines fit."""
    lines = [line.decode("utf-8", "replace") for line in head_lines(head)[:_SNIFF_ROWS]]
    return 0.5 if detect_layout(lines) else 0.0


FORMAT = LogFormat("csv", "CSV export with host and time columns", recognise,
                   blocks_reader(read_csv))  # fmt: skip
