"""Discover at enterprise scale: key 2 and the domain view on a long tail.

    python bench/bench_discover_scale.py [--hosts 280000,1000000] [--runs 3]

Builds the demo workspace and, for each size, a workspace of that many unmatched hosts
(the long tail of a month of proxy logs: four hosts per registrable domain, 1 to 40
people each, most of them few — 40, 20, 13, 10, 8, … in turn — written through the
import's own ``merge_hosts``, so domains and their totals are kept as an import keeps
them). Then, alternated in one run, medians of:

1. the TUI started headless, key 2 pressed, until the Discover tables are filled — the
   demo against each long tail (target: within 1.3x the demo);
2. ``planner discover hosts --by domain`` as a fresh process (start-up included), and
   ``list_domains`` alone in this process (target: under 1 s at 1,000,000 hosts).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from planner.adapters.store import evidence
from planner.adapters.store.repository import Repository
from planner.bootstrap import Settings, bootstrap
from planner.services.plans import create_plan, use_plan

TODAY = dt.date(2026, 11, 30)


def build_demo(db: Path) -> None:
    from planner.services.demo import build_demo as demo

    planner = bootstrap(Settings(db=str(db), today=lambda: TODAY))
    demo(planner.workspace, planner.catalog, planner.pseudonym_key, TODAY)
    planner.close()


def build_tail(db: Path, hosts: int) -> None:
    planner = bootstrap(Settings(db=str(db), today=lambda: TODAY))
    create_plan(planner.workspace, "tail", dt.date(2026, 11, 2))
    use_plan(planner.workspace, "tail")
    now = dt.datetime(2026, 11, 20, tzinfo=dt.UTC).timestamp()
    step = 100_000
    for start in range(0, hosts, step):
        deltas = [
            (
                f"s{i % 4}.site{i // 4}.example{i % 7}.com",
                i % 500 + 1,
                i * 10,
                now,
                now,
                set(range(max(1, 40 // (1 + i % 40)))),
                0,
            )
            for i in range(start, min(hosts, start + step))
        ]
        with planner.workspace.write() as session:
            plan_id = Repository(session).plan_record("tail").id
            assert plan_id is not None
            evidence.merge_hosts(session, plan_id, deltas, {}, import_id=1 + start // step)
    planner.close()


async def key_2(db: Path) -> float:
    from textual.widgets import DataTable

    from planner.tui.app import PlannerApp

    planner = bootstrap(Settings(db=str(db), today=lambda: TODAY))
    start = time.perf_counter()
    app = PlannerApp(planner)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.query_one("#hosts", DataTable).row_count >= 0
        took = time.perf_counter() - start
    planner.close()
    return took


def by_domain_cli(db: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "planner", "discover", "hosts", "--by", "domain", "--db", str(db)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def by_domain_call(db: Path) -> float:
    from planner.services.discover.triage import list_domains

    planner = bootstrap(Settings(db=str(db), today=lambda: TODAY))
    start = time.perf_counter()
    list_domains(planner.workspace, None)
    took = time.perf_counter() - start
    planner.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hosts", default="280000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(n) for n in args.hosts.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = tmp
        dbs = {"demo": Path(tmp) / "demo.sqlite"}
        build_demo(dbs["demo"])
        for n in sizes:
            dbs[f"{n:,} hosts"] = Path(tmp) / f"tail-{n}.sqlite"
            started = time.perf_counter()
            build_tail(dbs[f"{n:,} hosts"], n)
            print(f"built {n:,} hosts in {time.perf_counter() - started:.0f} s", flush=True)
        asyncio.run(key_2(dbs["demo"]))  # warm-up: imports, CSS
        tui: dict[str, list[float]] = {k: [] for k in dbs}
        cli: dict[str, list[float]] = {k: [] for k in dbs}
        call: dict[str, list[float]] = {k: [] for k in dbs}
        for _ in range(args.runs):
            for label, db in dbs.items():
                tui[label].append(asyncio.run(key_2(db)))
                cli[label].append(by_domain_cli(db))
                call[label].append(by_domain_call(db))
    demo = statistics.median(tui["demo"])
    print(f"{args.runs} runs, medians, alternated")
    head = ("workspace", "TUI key 2", "ratio", "hosts --by domain", "list_domains")
    print(f"{head[0]:<18} {head[1]:>10} {head[2]:>6} {head[3]:>18} {head[4]:>13}")
    for label in dbs:
        t = statistics.median(tui[label])
        print(
            f"{label:<18} {t:9.2f}s {t / demo:6.2f} {statistics.median(cli[label]):17.2f}s "
            f"{statistics.median(call[label]):12.3f}s"
        )


if __name__ == "__main__":
    main()
