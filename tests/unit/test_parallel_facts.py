"""A Squid log read by several processes gives its hosts the facts one process's read
gives them (``services.discover.facts``): hosts seen in both byte ranges, a sensitive
host seen in both and one in the second only, catalog and infrastructure hosts; and the
facts follow the hosts the import sets aside (``without_sensitive``)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from planner.adapters.infrastructure import matcher
from planner.adapters.sources.logs import read_log, squid_ranges
from planner.adapters.sources.logs.model import APP_PREFIX
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


def _same(found: HostFacts, expected: HostFacts) -> None:
    assert found.domains == expected.domains
    assert list(found.sensitive.items()) == list(expected.sensitive.items())
    assert list(found.claimed.items()) == list(expected.claimed.items())


def test_a_parallel_read_gives_the_facts_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(squid_ranges, "_PART", 7)  # many parts from a small file
    path = _log(tmp_path / "tail.log")
    lists = _lists()
    single = read_log(path, workers=1, parallel_threshold=0)
    expected = summary_facts(single, lists)
    assert set(expected.sensitive) == {"www.igmetall.de", "www.doctolib.fr"}
    assert {"a.yammer.com", "a.b.cloudfront.net", "h9.site3.example"} <= set(expected.claimed)
    assert expected.domains[list(single.hosts).index("shared.site1.example")] == "site1.example"
    for workers in (2, 3):
        summary = read_log(path, workers=workers, parallel_threshold=0)
        assert summary == single
        _same(summary_facts(summary, lists), expected)
    assert multiprocessing.active_children() == []


def test_the_facts_follow_the_hosts_set_aside(tmp_path: Path) -> None:
    """The sensitive hosts leave the summary and its facts alike: the domains kept stay
    each kept host's."""
    path = _log(tmp_path / "tail.log")
    lists = _lists()
    summary = read_log(path, workers=2, parallel_threshold=0)
    kept, counts, rest = without_sensitive(summary, summary_facts(summary, lists))
    assert counts == {"trade-union": 2, "health": 1}
    assert "www.igmetall.de" not in kept.hosts and len(kept.hosts) == len(summary.hosts) - 2
    _same(rest, walk(list(kept.hosts), lists))
    assert rest.sensitive == {}
    assert "a.yammer.com" in rest.claimed
