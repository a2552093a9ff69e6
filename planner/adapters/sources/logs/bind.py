"""BIND's query log (format ``bind-query``): ``named`` logging each query it answers.

Lines look like ``01-Mar-2026 10:15:30.123 queries: info: client @0x7f.. 192.0.2.10#53211
(www.yammer.com): query: www.yammer.com IN A +E(0)K (192.0.2.1)``; older releases omit the
``@0x…`` and the parenthesised name, and ``view NAME:`` may precede ``query:``. BIND writes
its server's local time without a zone: it is read as UTC (run ``named`` in UTC, or accept
an offset of a few hours on first and last seen). The client address is the person.
Lines of other categories (zone loads, transfers) in the same file are not data lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from planner.adapters.sources.logs.model import Aggregate
from planner.adapters.sources.logs.source import text_lines
from planner.adapters.sources.logs.spec import LogFormat, blocks_reader, head_lines
from planner.adapters.sources.logs.times import clf_time
from planner.domain.hosts import normalize_host
from planner.domain.plan import Source

__all__ = ["FORMAT", "read_bind"]

_LINE = re.compile(
    r"^(?P<day>\d{2})-(?P<month>[A-Za-z]{3})-(?P<year>\d{4}) (?P<clock>\d{2}:\d{2}:\d{2}(?:\.\d+)?)"
    r" .*?client (?:@0x[0-9a-fA-F]+ )?(?P<client>[0-9A-Fa-f:.]+)#\d+"
    r"(?: \([^)]*\))?: (?:view [^:]*: )?query: (?P<query>\S+) "
)
_SAMPLE = 20


def recognise(head: bytes) -> float:
    lines = [line.decode("utf-8", "replace") for line in head_lines(head)[:_SAMPLE]]
    fitting = sum(1 for line in lines if _LINE.match(line))
    return 0.95 if fitting and fitting * 2 >= len(lines) else 0.0


def read_bind(blocks: Iterable[bytes], *, source: str) -> Aggregate:
    agg = Aggregate()
    hosts: dict[str, str | None] = {}
    for line_no, line in text_lines(blocks):
        if "query: " not in line:
            continue  # not a query: zone loads, notifies, other categories of the same file
        agg.lines += 1
        match = _LINE.match(line)
        if match is None:
            agg.skip(line_no)
            continue
        when = clf_time(f"{match['day']}/{match['month']}/{match['year']}:{match['clock']} +0000")
        query = match["query"]
        host = hosts.get(query)
        if host is None and query not in hosts:
            if len(hosts) >= 200_000:
                hosts.clear()
            host = hosts[query] = normalize_host(query)
        if when is None or host is None:
            agg.skip(line_no)
            continue
        agg.add(host, when, 0, match["client"])
    return agg


FORMAT = LogFormat(
    "bind-query", "BIND query log", recognise, blocks_reader(read_bind), Source.DNS_LOG
)
