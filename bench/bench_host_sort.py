"""Benchmark: a page of Discover's hosts sorted by another column than the usual order.

The hosts tab pages from the database (200 a page); sorting with ``<`` ``>`` ``-`` asks
the database for the page in that order. Builds a workspace with 100,000 unmatched hosts
(as bench_tui_scale does), then times the first and a middle page in the usual order (most
users first: the reference, in the same run) and by each sortable column, alternately;
prints medians and the ratio to the usual order.

    python bench/bench_host_sort.py [--hosts 100000] [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench_tui_scale import build

from planner.bootstrap import Settings, bootstrap
from planner.services.discover.triage import list_domains, list_hosts

ORDERS: list[tuple[str, tuple[str, bool] | None]] = [
    ("usual (users desc)", None),
    ("host desc", ("host", True)),
    ("requests asc", ("hits", False)),
    ("MB desc", ("bytes", True)),
    ("last seen desc", ("last_seen", True)),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hosts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.sqlite"
        build(db, args.hosts)
        ws = bootstrap(Settings(db=str(db))).workspace
        offsets = {"page 1": 0, "middle page": args.hosts // 2}
        times: dict[str, list[float]] = {}
        for _ in range(args.runs):
            for name, order in ORDERS:
                for where, offset in offsets.items():
                    start = time.perf_counter()
                    list_hosts(ws, "scale", limit=200, offset=offset, order=order)
                    times.setdefault(f"hosts, {where}, {name}", []).append(
                        time.perf_counter() - start
                    )
            for name, order in (("usual", None), ("domain asc", ("domain", False))):
                start = time.perf_counter()
                list_domains(ws, "scale", limit=200, order=order)
                times.setdefault(f"domains, page 1, {name}", []).append(time.perf_counter() - start)
    reference = {
        "hosts, page 1": statistics.median(times["hosts, page 1, usual (users desc)"]),
        "hosts, middle page": statistics.median(times["hosts, middle page, usual (users desc)"]),
        "domains, page 1": statistics.median(times["domains, page 1, usual"]),
    }
    for label, values in times.items():
        median = statistics.median(values)
        base = reference[label.rsplit(", ", 1)[0]]
        print(f"{label:<42} median {median * 1000:7.1f} ms   ratio {median / base:5.2f}")


if __name__ == "__main__":
    main()
