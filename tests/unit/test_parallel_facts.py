"""A Squid log read by several processes finds its hosts' facts as it reads (the caller
walks its own hosts, then each helper's new hosts as their parts come in): they must be
exactly those one walk of the whole summary gives, in the hosts' order, hosts seen in
both ranges and sensitive hosts included; and every other read leaves them to the
import (``services.discover.facts.summary_facts``)."""

from __future__ import annotations

import gzip
import multiprocessing
from pathlib import Path

import pytest

from planner.adapters.infrastructure import matcher
from planner.adapters.sources.logs import early, read_log, squid_ranges
from planner.adapters.sources.logs.host_table import HostTable
from planner.adapters.sources.logs.model import APP_PREFIX, LogSummary
from planner.domain.host_facts import HostFacts, HostLists, walk
from planner.domain.hosts import DomainMatcher
from planner.domain.sensitive import Category, SensitiveList
from planner.services.discover.claims import pairs
from planner.services.discover.facts import summary_facts
from planner.services.discover.sensitive import without_sensitive

LINE = "{t:.3f}     10 10.0.0.{c} TCP_TUNNEL/200 {size} CONNECT {host}:443 {user} HIER_DIRECT/x -\n"
BOTH = ["www.igmetall.de", "a.yammer.com", "a.b.cloudfront.net", "shared.site1.example"]


def _lists() -> HostLists:
    catalog = DomainMatcher({"yammer.com": "viva-engage", "site3.example": "three"})
    sensitive = SensitiveList({"igmetall.de": Category.TRADE_UNION,
                               "doctolib.fr": Category.HEALTH})  # fmt: skip
    return HostLists(sensitive, pairs(catalog, matcher()), APP_PREFIX)


def _log(path: Path) -> Path:
    """A long tail in each half, the ``BOTH`` hosts in both halves, a sensitive host and
    an address in the second half only."""
    hosts = [f"h{i}.site{i // 3}.example" for i in range(240)]
    first = [*hosts[:120], *BOTH, "site7.example", "10.1.2.3"]
    second = [*hosts[120:], *BOTH, "www.doctolib.fr", "192.0.2.9", "example.com"]
    lines = [LINE.format(t=1772446530 + n, c=n % 5 + 1, size=100 + n, host=host, user=f"u{n % 7}")
             for n, host in enumerate([*first, *second])]  # fmt: skip
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _expected(summary: LogSummary, lists: HostLists) -> HostFacts:
    return walk(list(summary.hosts), lists)


def _same(found: HostFacts | None, expected: HostFacts) -> None:
    assert found is not None
    assert found.domains == expected.domains
    assert list(found.sensitive.items()) == list(expected.sensitive.items())
    assert list(found.claimed.items()) == list(expected.claimed.items())


def test_a_parallel_read_finds_the_facts_one_walk_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(squid_ranges, "_PART", 7)  # many parts from a small file
    path = _log(tmp_path / "tail.log")
    lists = _lists()
    single = read_log(path, workers=1, parallel_threshold=0, lists=lists)
    assert isinstance(single.hosts, HostTable) and single.hosts.facts is None  # not walked
    expected = _expected(single, lists)
    assert set(expected.sensitive) == {"www.igmetall.de", "www.doctolib.fr"}
    assert {"a.yammer.com", "a.b.cloudfront.net", "h9.site3.example"} <= set(expected.claimed)
    for workers in (2, 3):
        summary = read_log(path, workers=workers, parallel_threshold=0, lists=lists)
        assert summary == single
        facts = summary.hosts.facts  # type: ignore[attr-defined]
        _same(facts, expected)
        assert summary_facts(summary, lists) is facts  # the import walks no more
        assert summary_facts(summary, _lists()) is not facts  # other lists: walked again
    assert multiprocessing.active_children() == []


def test_a_read_begun_early_finds_them_too(tmp_path: Path) -> None:
    path = _log(tmp_path / "tail.log")
    lists = _lists()
    started = early.start(path, workers=2, threshold=0)
    assert started is not None
    try:
        summary = read_log(path, early=started, lists=lists)
    finally:
        started.close()
    _same(summary.hosts.facts, _expected(summary, lists))  # type: ignore[attr-defined]


def test_the_facts_follow_the_hosts_set_aside(tmp_path: Path) -> None:
    """The sensitive hosts leave the summary and its facts alike: the domains kept stay
    each kept host's."""
    path = _log(tmp_path / "tail.log")
    lists = _lists()
    summary = read_log(path, workers=2, parallel_threshold=0, lists=lists)
    facts = summary_facts(summary, lists)
    kept, counts, rest = without_sensitive(summary, facts)
    assert counts == {"trade-union": 2, "health": 1}
    assert "www.igmetall.de" not in kept.hosts and len(kept.hosts) == len(summary.hosts) - 2
    _same(rest, walk(list(kept.hosts), lists))
    assert rest.sensitive == {}


def test_other_reads_leave_the_facts_to_the_import(tmp_path: Path) -> None:
    path = _log(tmp_path / "tail.log")
    packed = tmp_path / "tail.log.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    lists = _lists()
    for summary in (
        read_log(path, lists=lists),  # small: one process
        read_log(path, workers=2, parallel_threshold=0),  # no lists given
        read_log(packed, workers=2, parallel_threshold=0, lists=lists),
    ):
        assert summary.hosts.facts is None  # type: ignore[attr-defined]
        _same(summary_facts(summary, lists), _expected(summary, lists))
