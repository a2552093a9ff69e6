"""A new host's first and last seen are written as microseconds made from the epoch
seconds (``new_hosts.moment``), not through a ``datetime`` per host: the value must be
the very one the host's column type (``core_types.UtcMicros``) stores on SQLite for
``datetime.fromtimestamp(ts, UTC)``, microseconds rounded as ``fromtimestamp`` rounds them
(half to even, carrying into the next second, or the next day), and the day the one
``seen.day_of`` gives."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy.dialects import sqlite as sqlite_dialect

from planner.adapters.store.core_types import UtcMicros, utc_micros
from planner.adapters.store.host_columns import _times
from planner.adapters.store.new_hosts import moment
from planner.adapters.store.seen import day_of


def _expected(ts: float) -> tuple[int, int]:
    moment = dt.datetime.fromtimestamp(ts, dt.UTC)
    return utc_micros(moment), day_of(moment)


EDGES = [
    0.0,
    1772446530.0,
    1772446530.05,
    1772446530.123456,
    1772446530.0000005,  # half a microsecond: rounded to even
    1772446530.0000015,
    1772495999.9999996,  # rounds up into the next second, and the next day
    1772495999.9999994,
    86399.9999999,
    -0.5,  # before 1970: the day is 0
    -1.0000004,
    -86400.25,
    253402300799.0,  # 9999-12-31 23:59:59
]


@pytest.mark.parametrize("ts", EDGES)
def test_edges_read_as_fromtimestamp_reads_them(ts: float) -> None:
    assert moment(ts) == _expected(ts)


def test_a_hundred_thousand_moments_near_and_far() -> None:
    rng = random.Random(7)
    for _ in range(100_000):
        ts = rng.uniform(-1e9, 4e9) if rng.random() < 0.5 else 1772446530 + rng.random() * 600
        if rng.random() < 0.4:
            ts = round(ts, rng.randrange(7))
        assert moment(ts) == _expected(ts), ts


def test_the_value_is_what_the_column_type_stores_and_reads_back() -> None:
    """The column type binds a datetime as ``moment`` makes it, and reads it back whole."""
    sqlite = sqlite_dialect.dialect()
    column = UtcMicros()
    for ts in EDGES:
        aware = dt.datetime.fromtimestamp(ts, dt.UTC)
        stored = moment(ts)[0]
        assert column.process_bind_param(aware, sqlite) == stored
        assert column.process_result_value(stored, sqlite) == aware


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        UtcMicros().process_bind_param(dt.datetime(2026, 3, 2), sqlite_dialect.dialect())


def test_a_column_of_moments_is_converted_as_one_moment_is() -> None:
    """``host_columns`` converts a long tail's times by column: the same values and days
    (before 1970 its day is negative: the rows write 0, as ``moment`` does)."""
    rng = random.Random(11)
    stamps = [*EDGES, *(rng.uniform(-1e9, 4e9) for _ in range(20_000))]
    stamps += [round(ts, rng.randrange(7)) for ts in stamps[-5_000:]]
    values, days = _times(True, stamps)
    assert values == [moment(ts)[0] for ts in stamps]
    assert [max(d, 0) for d in days] == [moment(ts)[1] for ts in stamps]
    aware, same_days = _times(False, stamps)
    assert aware == [dt.datetime.fromtimestamp(ts, dt.UTC) for ts in stamps]
    assert same_days == days
