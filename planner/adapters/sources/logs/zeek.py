"""Zeek's ``dns.log`` (format ``zeek-dns``): which names the network's clients looked up.

A DNS query is evidence of use even when the traffic itself never crosses a proxy (home
working over a VPN, an app with pinned certificates). Zeek writes TSV with ``#separator``,
``#fields`` (which may come again when a log is rotated into another) and ``-`` for unset,
``(empty)`` for empty; with JSON logging, one object per line with the same field names.
The client address ``id.orig_h`` is the person (pseudonymised like a user name by the
caller); the query name is the host, matched to products like any host.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from planner.adapters.sources.logs.jsonrecords import json_records
from planner.adapters.sources.logs.model import Aggregate
from planner.adapters.sources.logs.source import peek, text_lines
from planner.adapters.sources.logs.spec import LogFormat, blocks_reader, head_lines
from planner.adapters.sources.logs.times import epoch_or_iso, number_time
from planner.domain.hosts import normalize_host
from planner.domain.plan import Source

__all__ = ["FORMAT", "read_zeek_dns"]

_UNSET = ("-", "(empty)", "")
_HOST_CACHE_LIMIT = 200_000


def recognise(head: bytes) -> float:
    lines = head_lines(head)
    for line in lines:
        if line.startswith(b"#fields") and b"id.orig_h" in line and b"query" in line:
            return 1.0
        if not line.startswith(b"#"):
            break
    if lines and lines[0].lstrip().startswith(b"{"):
        first = lines[0]
        if b'"id.orig_h"' in first and b'"query"' in first and b'"ts"' in first:
            return 0.95
    return 0.0


class _Reader:
    def __init__(self) -> None:
        self.agg = Aggregate()
        self.hosts: dict[str, str | None] = {}

    def fold(self, line_no: int, when: float | None, client: Any, query: Any) -> None:
        self.agg.lines += 1
        if not isinstance(client, str) or not isinstance(query, str) or when is None:
            self.agg.skip(line_no)
            return
        host = self.hosts.get(query)
        if host is None and query not in self.hosts:
            if len(self.hosts) >= _HOST_CACHE_LIMIT:
                self.hosts.clear()
            host = self.hosts[query] = normalize_host(query)
        if host is None or client in _UNSET:
            self.agg.skip(line_no)
            return
        self.agg.add(host, when, 0, client)


def _json_time(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return number_time(repr(float(value)))
    return epoch_or_iso(value) if isinstance(value, str) else None


def read_zeek_dns(blocks: Iterable[bytes], *, source: str) -> Aggregate:
    reader = _Reader()
    first, again = peek(blocks)
    if first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        for line_no, record in json_records(again, source=source):
            if record is None:
                reader.agg.lines += 1
                reader.agg.skip(line_no)
                continue
            when = _json_time(record.get("ts"))
            reader.fold(line_no, when, record.get("id.orig_h"), record.get("query"))
        return reader.agg
    separator = "\t"
    fields: dict[str, int] = {}
    for line_no, line in text_lines(again):
        if line.startswith("#"):
            directive, _, rest = line.partition(separator if line.startswith("#f") else " ")
            if directive == "#separator":
                chosen = _separator(rest.strip())
                if chosen is None:  # not what Zeek writes: the line is malformed
                    reader.agg.lines += 1
                    reader.agg.skip(line_no)
                else:
                    separator = chosen
            elif directive == "#fields":
                fields = {name: i for i, name in enumerate(rest.split(separator))}
            continue
        if not line.strip():
            continue
        values = line.split(separator)
        if not fields or len(values) != len(fields):
            reader.agg.lines += 1
            reader.agg.skip(line_no)
            continue
        ts, client, query = (
            values[fields[name]] if name in fields else None
            for name in ("ts", "id.orig_h", "query")
        )
        reader.fold(line_no, number_time(ts) if ts else None, client, query)
    return reader.agg


def _separator(text: str) -> str | None:
    """Zeek's ``#separator`` value: ``\\x09`` escapes (as Zeek writes it) or one literal
    character; anything else is refused rather than decoded as a Python escape."""
    if _ESCAPES.fullmatch(text):
        return bytes.fromhex(text.replace("\\x", "")).decode("latin-1")
    return text if len(text) == 1 else None


_ESCAPES = re.compile(r"(?:\\x[0-9a-fA-F]{2})+")


FORMAT = LogFormat(
    "zeek-dns",
    "Zeek dns.log (TSV or JSON)",
    recognise,
    blocks_reader(read_zeek_dns),
    Source.DNS_LOG,
)
