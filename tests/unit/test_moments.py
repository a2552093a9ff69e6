"""A new host's first and last seen are written as text made from the epoch seconds
(``new_hosts.moments``), not through a ``datetime`` per host: the text must be the very
one SQLAlchemy stores for ``datetime.fromtimestamp(ts, UTC)`` on SQLite, microseconds
rounded as ``fromtimestamp`` rounds them (half to even, carrying into the next second,
or the next day), and the day the one ``seen.day_of`` gives."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from planner.adapters.store.bulk import utc_value
from planner.adapters.store.new_hosts import moments
from planner.adapters.store.seen import day_of


def _expected(ts: float) -> tuple[str, int]:
    moment = dt.datetime.fromtimestamp(ts, dt.UTC)
    return moment.isoformat(" ", "microseconds")[:26], day_of(moment)


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
    assert moments()(ts) == _expected(ts)


def test_a_hundred_thousand_moments_near_and_far() -> None:
    rng = random.Random(7)
    moment = moments()  # one memory of seconds for all, as an import has
    for _ in range(100_000):
        ts = rng.uniform(-1e9, 4e9) if rng.random() < 0.5 else 1772446530 + rng.random() * 600
        if rng.random() < 0.4:
            ts = round(ts, rng.randrange(7))
        assert moment(ts) == _expected(ts), ts


def test_the_text_is_what_the_bulk_path_writes_for_a_datetime() -> None:
    """The same text as ``bulk`` writes for an aware datetime on SQLite."""

    class _Session:
        class _Connection:
            class dialect:
                name = "sqlite"

        def connection(self) -> object:
            return self._Connection()

    convert = utc_value(_Session())  # type: ignore[arg-type]
    for ts in EDGES:
        assert moments()(ts)[0] == convert(dt.datetime.fromtimestamp(ts, dt.UTC))
