"""Traffic past 32 bits: a host with more than 2 GiB of traffic, or more than 2**31 - 1
requests, is imported and its totals are kept exactly, per host, per registrable domain and
per tool, on SQLite and on PostgreSQL (where these columns were 32-bit ``integer`` before
revision 0016 and the import failed with "value out of range")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.adapters.store.bulk import COPY_MIN_ROWS
from planner.bootstrap import Planner
from planner.services.discover import import_file
from planner.services.discover.triage import list_domains, list_hosts
from planner.services.plans import create_plan
from planner.services.tools import list_tools

INT32_MAX = 2**31 - 1
HEADER = "host,user,hits,bytes,first_seen,last_seen\n"
WHEN = "2026-03-02T08:00:00Z,2026-03-04T17:30:00Z"


def _write(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(f"{row},{WHEN}\n" for row in rows), encoding="utf-8")
    return path


def test_totals_beyond_32_bits_are_stored_exactly(planner: Planner, tmp_path: Path) -> None:
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    first = _write(
        tmp_path / "march.csv",
        "www.yammer.com,alice,3000000000,5000000000",
        f"media.widgetcast.com,alice,{INT32_MAX},4294967296",
        "media.widgetcast.com,bob,1,1",
        "live.widgetcast.com,bob,3000000000,3000000000",
    )
    second = _write(tmp_path / "april.csv", "www.yammer.com,bob,3000000000,5000000000")
    for path in (first, second):
        result = import_file(
            planner.workspace, planner.catalog, planner.pseudonym_key, "acme", path
        )
        assert not result.duplicate

    engage = {t.slug: t for t in list_tools(planner.workspace, "acme")}["viva-engage"]
    assert (engage.requests, engage.bytes) == (6_000_000_000, 10_000_000_000)

    hosts, _ = list_hosts(planner.workspace, "acme", unmatched=False, limit=None)
    assert {h.host: (h.hits, h.bytes) for h in hosts} == {
        "www.yammer.com": (6_000_000_000, 10_000_000_000),
        "media.widgetcast.com": (INT32_MAX + 1, 2**32 + 1),
        "live.widgetcast.com": (3_000_000_000, 3_000_000_000),
    }

    domains, _ = list_domains(planner.workspace, "acme")  # the kept per-domain totals
    assert [(d.domain, d.hosts, d.hits, d.bytes) for d in domains] == [
        ("widgetcast.com", 2, INT32_MAX + 1 + 3_000_000_000, 2**32 + 1 + 3_000_000_000)
    ]


def test_many_new_hosts_beyond_32_bits_are_stored_exactly(planner: Planner, tmp_path: Path) -> None:
    """A thousand new hosts take the bulk path (``COPY`` on PostgreSQL) rather than
    row-by-row inserts: the same exact totals."""
    create_plan(planner.workspace, "acme", dt.date(2027, 1, 4))
    count = COPY_MIN_ROWS
    path = _write(
        tmp_path / "many.csv",
        *(f"h{i}.widgetcast.com,alice,3000000000,5000000000" for i in range(count)),
    )
    import_file(planner.workspace, planner.catalog, planner.pseudonym_key, "acme", path)

    hosts, total = list_hosts(planner.workspace, "acme", limit=None)
    assert total == count
    assert {(h.hits, h.bytes) for h in hosts} == {(3_000_000_000, 5_000_000_000)}
    domains, _ = list_domains(planner.workspace, "acme")
    assert [(d.domain, d.hosts, d.hits, d.bytes) for d in domains] == [
        ("widgetcast.com", count, count * 3_000_000_000, count * 5_000_000_000)
    ]
