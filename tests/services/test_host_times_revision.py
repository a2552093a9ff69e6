"""Revision 0018 turns the hosts' and domains' times from SQLite text into microseconds
since 1970: every moment must survive to the microsecond, whatever it was (a fraction or
none, before 1970, far ahead, no time at all), and read back as the datetime it was."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from planner.adapters.store.core_schema import host, host_domain
from planner.adapters.store.core_types import utc_micros
from planner.adapters.store.db import open_workspace
from planner.adapters.store.migrations.versions.r0018_host_times_as_microseconds import (
    micros_sql,
)
from tests.conftest import DATA

FIXTURE = DATA / "workspaces" / "rev-0017.sqlite"


def _converted(values: list[object]) -> list[object]:
    with sqlite3.connect(":memory:") as conn:
        conn.execute("CREATE TABLE t (i INTEGER, v DATETIME)")
        conn.executemany("INSERT INTO t VALUES (?, ?)", enumerate(values))
        rows = conn.execute(f"SELECT {micros_sql('v')} FROM t ORDER BY i").fetchall()
    conn.close()
    return [v for (v,) in rows]


def _text(moment: dt.datetime) -> str:
    """As SQLAlchemy kept an aware datetime on SQLite: UTC, its offset dropped."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


EDGES = [
    dt.datetime(2026, 3, 2, 10, 15, 30, tzinfo=dt.UTC),
    dt.datetime(2026, 3, 2, 10, 15, 30, 50_000, tzinfo=dt.UTC),
    dt.datetime(2026, 12, 31, 23, 59, 59, 999_999, tzinfo=dt.UTC),
    dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
    dt.datetime(1970, 1, 1, tzinfo=dt.UTC),
    dt.datetime(1969, 12, 31, 23, 59, 59, 500_000, tzinfo=dt.UTC),
    dt.datetime(1900, 2, 28, 0, 0, 0, 1, tzinfo=dt.UTC),
    dt.datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=dt.UTC),
]


def test_each_text_becomes_its_microseconds_exactly() -> None:
    rng = random.Random(18)
    moments = [*EDGES]
    for _ in range(20_000):
        seconds = rng.randrange(-2_208_988_800, 7_258_118_400)  # 1900 to 2200
        micro = rng.choice((0, rng.randrange(1_000_000), 999_999))
        moments.append(dt.datetime.fromtimestamp(seconds, dt.UTC).replace(microsecond=micro))
    assert _converted([_text(m) for m in moments]) == [utc_micros(m) for m in moments]


def test_texts_without_a_fraction_and_values_not_text() -> None:
    assert _converted(["2026-03-02 10:15:30", "2026-03-02 10:15:30.5", None, 17]) == [
        1772446530_000000,
        1772446530_500000,
        None,
        17,  # converted already: left as it is (a second run changes nothing)
    ]


def _times(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        hosts = conn.execute("SELECT id, first_seen, last_seen FROM host ORDER BY id").fetchall()
        domains = conn.execute("SELECT id, last_seen FROM host_domain ORDER BY id").fetchall()
    conn.close()
    return hosts, domains


def _moment(text: object) -> dt.datetime | None:
    if text is None:
        return None
    assert isinstance(text, str)
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def test_an_upgraded_workspace_keeps_every_moment(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, db)
    hosts, domains = _times(db)
    assert hosts and any(d[1] is not None for d in domains)
    assert all(isinstance(v, str) for _, *times in hosts for v in times)

    ws = open_workspace(db)
    try:
        with ws.read() as session:
            read_hosts = session.execute(
                select(host.c.id, host.c.first_seen, host.c.last_seen).order_by(host.c.id)
            ).all()
            read_domains = session.execute(
                select(host_domain.c.id, host_domain.c.last_seen).order_by(host_domain.c.id)
            ).all()
    finally:
        ws.dispose()

    expected_hosts = [(i, _moment(f), _moment(s)) for i, f, s in hosts]
    expected_domains = [(i, _moment(s)) for i, s in domains]
    assert [tuple(r) for r in read_hosts] == expected_hosts
    assert [tuple(r) for r in read_domains] == expected_domains
    stored_hosts, stored_domains = _times(db)
    assert stored_hosts == [
        (i, *(utc_micros(m) if m else None for m in times)) for i, *times in expected_hosts
    ]
    assert stored_domains == [(i, m and utc_micros(m)) for i, m in expected_domains]
    with sqlite3.connect(db) as conn:
        declared = {
            (t, r[1]): r[2]
            for t in ("host", "host_domain")
            for r in conn.execute(f"PRAGMA table_info({t})")
        }
    conn.close()
    assert {declared[k] for k in (("host", "first_seen"), ("host", "last_seen"))} == {"BIGINT"}
    assert declared["host_domain", "last_seen"] == "BIGINT"


@pytest.mark.parametrize("aware", [dt.UTC, dt.timezone(dt.timedelta(hours=9))])
def test_any_offset_is_kept_as_the_same_instant(aware: dt.tzinfo) -> None:
    moment = dt.datetime(2026, 3, 2, 19, 15, 30, 123_456, tzinfo=aware)
    assert _converted([_text(moment)]) == [utc_micros(moment)]
