"""A read's hosts as columns (``host_table``): the table reads as the mapping of
``HostStats`` it replaces, whether its columns were appended in order or folded from a
parallel read's records and sorted through ``order``."""

from __future__ import annotations

from array import array

from planner.adapters.sources.logs import host_table
from planner.adapters.sources.logs.host_table import (
    Folding,
    HostTable,
    host_rows,
    users_of,
    without,
)
from planner.adapters.sources.logs.model import Aggregate, HostStats, new_compact_record


def _stats() -> dict[str, HostStats]:
    return {
        "a.example": HostStats(2, 300, 10.0, 20.0, ("ann",), 0),
        "b.example": HostStats(1, 7, 5.0, 5.0, {"ann", "bob"}, 1),
        "c.example": HostStats(0, 0, 8.0, 8.0, (), 3),
    }


def test_a_table_reads_as_its_hosts_stats() -> None:
    table = HostTable()
    for host, s in _stats().items():
        table.append((host, s.hits, s.bytes, s.first, s.last, s.users, s.blocked))
    assert table == _stats()
    assert list(table) == ["a.example", "b.example", "c.example"]
    assert table["b.example"] == HostStats(1, 7, 5.0, 5.0, {"bob", "ann"}, 1)
    assert "c.example" in table and "d.example" not in table and 3 not in table
    assert [set(u) for u in users_of(table)] == [{"ann"}, {"ann", "bob"}, set()]
    kept = without(table, ["b.example"])
    assert isinstance(kept, HostTable) and kept == without(_stats(), ["b.example"])
    assert list(kept) == ["a.example", "c.example"]
    # the import takes each row once and lets the table go, as it pops a dict's entries
    stats = _stats()
    assert list(host_rows(table)) == list(host_rows(stats))
    assert len(table) == 0 and list(table.rows()) == [] and stats == {}


def test_folded_records_come_out_sorted_with_shared_one_person_tuples() -> None:
    records = {}
    for host, users, hits in (("z.example", "ann", 1), ("m.example", None, 0),
                              ("a.example", "ann", 2), ("q.example", {"ann", "bob"}, 1),
                              ("y.example", "ann", 1)):  # fmt: skip
        record = new_compact_record()
        record[0], record[1], record[2], record[3], record[4] = hits, hits * 10, 1.0, 2.0, users
        records[host] = record
    agg = Aggregate(hosts=records)
    agg.folding = Folding(agg.hosts)
    agg.folding.fold("b.example", [1, 5, 0.5, 0.5, "bob", 0])  # new: appended
    agg.folding.fold("z.example", [2, 5, 0.5, 3.0, "bob", 1])  # known: added up
    summary = agg.summary("squid", "digest")
    hosts = summary.hosts
    # m.example had neither a hit nor a refusal (a line found malformed): left out
    assert list(hosts) == ["a.example", "b.example", "q.example", "y.example", "z.example"]
    assert hosts["z.example"] == HostStats(3, 15, 0.5, 3.0, {"ann", "bob"}, 1)
    assert hosts["b.example"] == HostStats(1, 5, 0.5, 0.5, ("bob",), 0)
    assert hosts["q.example"].users == {"ann", "bob"}
    assert hosts == {host: hosts[host] for host in hosts}  # lookups follow the order
    assert agg.hosts == {} and agg.folding is None  # the running totals are let go of
    assert list(without(hosts, ["b.example"])) == [
        "a.example",
        "q.example",
        "y.example",
        "z.example",
    ]
    users = {h: u for h, *_, u, _ in host_rows(hosts)}
    assert users["a.example"] == ("ann",) and users["a.example"] is users["y.example"]


def test_columns_fold_in_as_their_hosts_one_by_one() -> None:
    """A helper's part as columns: hosts new to the caller appended, the ones it knows
    added to (one user, several, nobody), exactly as folding each host's record."""

    def folded(by_columns: bool) -> dict[str, HostStats]:
        records = {}
        for host, users in (("k1.example", "ann"), ("k2.example", {"ann", "bob"}),
                            ("k3.example", None)):  # fmt: skip
            record = new_compact_record()
            record[:5] = [1, 10, 5.0, 6.0, users]
            records[host] = record
        agg = Aggregate(hosts=records)
        agg.folding = folding = Folding(agg.hosts)
        part = [("n1.example", 2, 20, 1.0, 9.0, "cy", 0), ("k2.example", 1, 1, 7.0, 7.0, {"cy"}, 2),
                ("n2.example", 0, 0, 3.0, 3.0, None, 1), ("k1.example", 3, 3, 2.0, 8.0, "bob", 0),
                ("k3.example", 1, 4, 5.5, 5.5, "ann", 0)]  # fmt: skip
        if by_columns:
            names, hits, size, first, last, members, blocked = map(list, zip(*part, strict=True))
            folding.fold_columns(names, array("q", hits), array("q", size), array("d", first),
                                 array("d", last), members, array("q", blocked))  # fmt: skip
        else:
            for host, *record in part:
                folding.fold(host, record)
        return dict(agg.summary("squid", "digest").hosts)

    assert folded(by_columns=True) == folded(by_columns=False)
    hosts = folded(by_columns=True)
    assert hosts["k1.example"] == HostStats(4, 13, 2.0, 8.0, {"ann", "bob"}, 0)
    assert hosts["k2.example"] == HostStats(2, 11, 5.0, 7.0, {"ann", "bob", "cy"}, 2)
    assert hosts["k3.example"] == HostStats(2, 14, 5.0, 6.0, ("ann",), 0)
    assert hosts["n2.example"] == HostStats(0, 0, 3.0, 3.0, (), 1)
    assert list(hosts) == sorted(hosts)


def test_a_host_in_three_ranges_is_added_up_once() -> None:
    """The caller's record and two helpers' parts of one host: one row, every total
    added, its people joined, the rows of the hosts around it untouched."""
    record = new_compact_record()
    record[:5] = [1, 10, 5.0, 6.0, "ann"]
    agg = Aggregate(hosts={"m.example": record})
    agg.folding = folding = Folding(agg.hosts)
    for names, users in ((["a.example", "m.example"], ["bob", {"cy", "dee"}]),
                         (["m.example", "z.example"], [None, "ann"])):  # fmt: skip
        row = folding.fold_columns(names, array("q", [2, 3]), array("q", [20, 30]),
                                   array("d", [1.0, 4.0]), array("d", [2.0, 9.0]), users,
                                   array("q", [0, 1]))  # fmt: skip
        assert folding.names[row : row + 2] == names
    hosts = dict(agg.summary("squid", "digest").hosts)
    assert list(hosts) == ["a.example", "m.example", "z.example"]
    assert hosts["m.example"] == HostStats(1 + 3 + 2, 10 + 30 + 20, 1.0, 9.0,
                                           {"ann", "cy", "dee"}, 0 + 1 + 0)  # fmt: skip
    assert hosts["a.example"] == HostStats(2, 20, 1.0, 2.0, ("bob",), 0)
    assert hosts["z.example"] == HostStats(3, 30, 4.0, 9.0, ("ann",), 1)


def test_folded_names_are_made_anew_in_their_sorted_order() -> None:
    """The sorted names are new strings, equal to the hosts folded (their memory in the
    order they are read: ``_compact``), and a name holding a line break, which no log
    line can, would keep its own string rather than be cut in two."""
    hosts = [f"h{i}.example" for i in (5, 3, 9, 1)]
    records = {}
    for i, host in enumerate(hosts):
        record = new_compact_record()
        record[:5] = [1, 10, float(i), float(i), "ann"]
        records["".join(host)] = record  # strings of their own
    folded = {host: host for host in records}  # held here: no id is used again
    agg = Aggregate(hosts=records)
    agg.folding = Folding(agg.hosts)
    table = agg.summary("squid", "digest").hosts
    assert list(table) == sorted(hosts)
    assert all(host is not folded[host] for host in table)  # made anew
    assert table["h3.example"] == HostStats(1, 10, 1.0, 1.0, ("ann",), 0)

    odd = ["a.example", "b\nc.example"]
    assert host_table._compact(list(odd)) == odd
    assert host_table._compact([]) == []
