"""Benchmark: the TUI opens a 100,000-host workspace about as fast as an empty one.

The target: "a workspace with 100,000 observed hosts opens about as fast as an empty one,
and the screen shows its table within a second". Builds two workspaces (the same plan,
one with 100,000 unmatched hosts written in bulk), then, alternately, starts the app
headless, switches to Discover and waits until both tables are filled; prints medians
and the ratio.

    python bench/bench_tui_scale.py [--hosts 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from planner.adapters.store import evidence
from planner.adapters.store.repository import Repository
from planner.bootstrap import Settings, bootstrap
from planner.services.plans import create_plan


def build(db: Path, hosts: int) -> None:
    planner = bootstrap(Settings(db=str(db)))
    create_plan(planner.workspace, "scale", dt.date(2026, 11, 2))
    now = dt.datetime(2026, 11, 20, tzinfo=dt.UTC).timestamp()
    deltas = [
        (f"host{i}.example{i % 97}.com", i % 500 + 1, i * 10, now, now, set(range(i % 40)), 0)
        for i in range(hosts)
    ]
    with planner.workspace.write() as session:
        plan_id = Repository(session).plan_record("scale").id
        assert plan_id is not None
        evidence.merge_hosts(session, plan_id, deltas, {})
    planner.close()


async def open_discover(db: Path) -> float:
    from textual.widgets import DataTable

    from planner.tui.app import PlannerApp

    planner = bootstrap(Settings(db=str(db)))
    start = time.perf_counter()
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.query_one("#hosts", DataTable).row_count >= 0
        elapsed = time.perf_counter() - start
    planner.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hosts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        empty, big = Path(tmp) / "empty.sqlite", Path(tmp) / "big.sqlite"
        build(empty, 0)
        started = time.perf_counter()
        build(big, args.hosts)
        print(f"built {args.hosts} hosts in {time.perf_counter() - started:.1f} s")
        times: dict[str, list[float]] = {"empty": [], "big": []}
        asyncio.run(open_discover(empty))  # warm-up: imports, CSS parsing
        for _ in range(args.runs):
            times["empty"].append(asyncio.run(open_discover(empty)))
            times["big"].append(asyncio.run(open_discover(big)))
    e, b = statistics.median(times["empty"]), statistics.median(times["big"])
    print(f"open + Discover, empty workspace:      median {e:.2f} s")
    print(f"open + Discover, {args.hosts} hosts: median {b:.2f} s   ratio {b / e:.2f}")


if __name__ == "__main__":
    main()
