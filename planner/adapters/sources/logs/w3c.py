"""W3C extended / ELFF logs (Blue Coat ProxySG, IIS-style, Zscaler-style exports).

The ``#Fields:`` directive names the columns and sites choose their own order, so nothing
here assumes positions: each ``#Fields:`` (it may come again mid-file, e.g. after a proxy
restart with a new layout) rebuilds a ``Layout`` of where the host, user, bytes and time
come from, and later lines are read through it. Values may be double-quoted with spaces
inside; ``-`` means empty; some writers separate columns by tabs. A data line whose number
of values does not match the layout, or without a usable host or time, is malformed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from planner.adapters.sources.logs.model import Aggregate, parse_size
from planner.adapters.sources.logs.source import text_lines
from planner.adapters.sources.logs.spec import LogFormat, blocks_reader, head_lines
from planner.adapters.sources.logs.times import clf_time, epoch_or_iso, w3c_time
from planner.domain.hosts import host_prefix, normalize_host
from planner.errors import InputError

__all__ = ["FORMAT", "Layout", "is_fields_directive", "read_w3c", "split_values"]

# Where the destination host can be read, best first: the Host header, the remote (server)
# side, then the requested URI (a full URL in proxy logs), then the server's own name.
HOST_FIELDS = (
    "cs-host",
    "cs(host)",
    "x-cs-host",
    "r-host",
    "r-dns",
    "cs-uri",
    "cs-uri-stem",
    "s-dns",
)
USER_FIELDS = ("cs-username", "cs-user", "x-cs-username", "cs(username)", "username")
CLIENT_FIELDS = ("c-ip", "c-dns", "x-client-ip")
BYTES_FIELDS = ("sc-bytes", "bytes", "x-sc-bytes")
STAMP_FIELDS = ("x-timestamp", "timestamp", "x-datetime", "datetime")
LOCALTIME_FIELDS = ("localtime", "x-localtime", "gmttime")

_QUOTED = re.compile(r'"((?:[^"]|"")*)"|(\S+)')
_HOST_CACHE_LIMIT = 200_000
_EMPTY = ("", "-")  # "-" is how W3C writes an empty value


def is_fields_directive(line: str) -> bool:
    return line[:8].lower() == "#fields:"


def split_values(line: str) -> list[str]:
    """A data line's values: tab-separated when it has tabs, else space-separated with
    double quotes around values that hold spaces (``""`` inside is a quote)."""
    if "\t" in line:
        values = [value.strip() for value in line.split("\t")]
        return [
            value[1:-1].replace('""', '"')
            if len(value) >= 2 and value[0] == value[-1] == '"'
            else value
            for value in values
        ]
    if '"' not in line:
        return line.split()
    return [
        quoted.replace('""', '"') if bare == "" else bare for quoted, bare in _QUOTED.findall(line)
    ]


def _first(names: list[str], wanted: Iterable[str]) -> list[int]:
    return [names.index(name) for name in wanted if name in names]


@dataclass(frozen=True)
class Layout:
    """Column positions of one ``#Fields:`` directive."""

    width: int
    hosts: list[int]
    users: list[int]
    clients: list[int]
    size: int | None
    stamp: int | None
    date: int | None
    time: int | None
    localtime: int | None

    @classmethod
    def parse(cls, directive: str) -> Layout:
        names = [name.lower() for name in directive.split(":", 1)[1].split()]
        sizes = _first(names, BYTES_FIELDS)
        stamps = _first(names, STAMP_FIELDS)
        locals_ = _first(names, LOCALTIME_FIELDS)
        return cls(
            width=len(names),
            hosts=_first(names, HOST_FIELDS),
            users=_first(names, USER_FIELDS),
            clients=_first(names, CLIENT_FIELDS),
            size=sizes[0] if sizes else None,
            stamp=stamps[0] if stamps else None,
            date=names.index("date") if "date" in names else None,
            time=names.index("time") if "time" in names else None,
            localtime=locals_[0] if locals_ else None,
        )

    @property
    def usable(self) -> bool:
        """Names a host and a time: without both no line can count."""
        has_time = (
            self.stamp is not None
            or self.localtime is not None
            or (self.date is not None and self.time is not None)
        )
        return bool(self.hosts) and has_time

    def when(self, values: list[str]) -> float | None:
        if self.stamp is not None and values[self.stamp] not in _EMPTY:
            return epoch_or_iso(values[self.stamp])
        if self.date is not None and self.time is not None:
            return w3c_time(values[self.date], values[self.time])
        if self.localtime is not None:
            return clf_time(values[self.localtime].strip("[]"))
        return None


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.agg = Aggregate()
        self.layout: Layout | None = None
        self._hosts: dict[str, str | None] = {}

    def _host(self, raw: str) -> str | None:
        hosts = self._hosts
        key = host_prefix(raw)
        try:
            return hosts[key]
        except KeyError:
            pass
        host = normalize_host(key)
        if len(hosts) >= _HOST_CACHE_LIMIT:
            hosts.clear()
        hosts[key] = host
        return host

    def line(self, line_no: int, line: str) -> None:
        if line.startswith("#"):
            if is_fields_directive(line):
                self.layout = Layout.parse(line)
                if not self.layout.usable:
                    raise InputError(
                        "#Fields: names no host column (cs-host, cs-uri, r-host…) or no "
                        "time column (date and time, x-timestamp…)",
                        file=self.source,
                        line=line_no,
                    )
            return
        if not line.strip():
            return
        agg = self.agg
        agg.lines += 1
        layout = self.layout
        values = split_values(line)
        if layout is None or len(values) != layout.width:
            agg.skip(line_no)
            return
        host = None
        for index in layout.hosts:
            if values[index] not in _EMPTY:
                host = self._host(values[index])
                if host is not None:
                    break
        when = layout.when(values)
        size = parse_size(values[layout.size]) if layout.size is not None else 0
        if host is None or when is None or size is None:
            agg.skip(line_no)
            return
        user = next((values[i] for i in layout.users if values[i] not in _EMPTY), None)
        if user is not None and "%" in user:
            user = unquote(user)
        if user is None:
            user = next((values[i] for i in layout.clients if values[i] not in _EMPTY), None)
        agg.add(host, when, size, user)


def read_w3c(blocks: Iterable[bytes], *, source: str) -> Aggregate:
    """Aggregate a W3C/ELFF log given as blocks of bytes in order."""
    reader = _Reader(source)
    for line_no, line in text_lines(blocks):
        reader.line(line_no, line)
    return reader.agg


def recognise(head: bytes) -> float:
    """Sure when a ``#Fields:`` directive comes among the leading directives."""
    for line in head_lines(head):
        if not line.startswith(b"#"):
            break
        if is_fields_directive(line.decode("utf-8", "replace")):
            return 0.95
    return 0.0


FORMAT = LogFormat("w3c", "W3C extended / ELFF log (#Fields: directive)", recognise,
                   blocks_reader(read_w3c))  # fmt: skip
