"""A long tail read by several processes: records keep one user without a set, the
helpers send their totals in parts, and the caller merges each part as it comes. The
totals must be exactly those of one process reading the whole file."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from planner.adapters.sources.logs import read_log, squid_ranges
from planner.adapters.sources.logs.model import (
    add_user,
    joined_users,
    new_compact_record,
    united_users,
)

LINE = "{t:.3f}     10 10.0.{c}.1 TCP_TUNNEL/200 {size} CONNECT {host}:443 {user} HIER_DIRECT/x -\n"


def _long_tail(path: Path, hosts: int) -> Path:
    """Hosts seen once by one user, hosts seen by several users, one user written two
    ways (``%41lice`` is ``Alice``), a user known by address only (``-``), and hosts seen
    in both halves of the file."""
    lines = []
    for i in range(hosts * 3):
        host = f"h{i % hosts}.site{i % hosts // 4}.example"
        user = ("alice", "%41lice", "Alice", "bob", "-", f"u{i}")[i % 6 if i % 5 else 0]
        lines.append(LINE.format(t=1772446530 + i / 8, c=i % 3, size=100 + i, host=host, user=user))
    lines += [LINE.format(t=1772446530 + i, c=1, size=7, host=f"once{i}.example", user=f"o{i}")
              for i in range(hosts)]  # fmt: skip
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_parts_merged_as_they_come_equal_one_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(squid_ranges, "_PART", 7)  # many parts from a small file (forked)
    path = _long_tail(tmp_path / "tail.log", 300)
    single = read_log(path, workers=1, parallel_threshold=0)
    assert len(single.hosts) == 600
    people = {len(set(s.users)) for s in single.hosts.values()}
    assert 1 in people and max(people) >= 3
    assert set(single.hosts["once3.example"].users) == {"o3"}
    for workers in (2, 3):
        assert read_log(path, workers=workers, parallel_threshold=0) == single
    assert multiprocessing.active_children() == []


def test_users_of_compact_and_set_records_join() -> None:
    record = new_compact_record()
    add_user(record, "ann")
    add_user(record, "ann")
    assert record[4] == "ann"  # one user: no set
    add_user(record, "bob")
    assert record[4] == {"ann", "bob"}
    assert joined_users(None, "ann") == "ann"
    assert joined_users("ann", None) == "ann"
    assert joined_users("ann", {"bob"}) == {"ann", "bob"}
    assert joined_users({"ann"}, "bob") == {"ann", "bob"}
    assert set(united_users(("ann",), ("ann",))) == {"ann"}
    assert united_users(("ann",), ("bob",)) == {"ann", "bob"}
    assert united_users({"ann"}, ()) == {"ann"}
