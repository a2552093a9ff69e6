"""Activity reports at scale: a Viva Engage "user detail" report of N users.

    python bench/bench_activity.py --users 100000 --runs 5
    python bench/bench_activity.py --users 100000 --runs 5 --tree /tmp/before

Times, per run, in one alternation: the reference ``csv.reader`` over the decoded file
(what any CSV import must do), ``read_activity`` (layout guess, strict CSV, dates, counts)
and ``product_activity`` (read, pseudonymise every user with the workspace key, count per
department from a directory of the same people, store the aggregates) on a fresh
workspace. Prints medians and their ratios to the reference. ``--tree DIR``: each run also
times the same three in a child process importing planner from DIR (a before), on the same
files, its ratios to its own ``csv.reader`` side by side.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HEADER = (
    "Report Refresh Date,User Principal Name,Display Name,User State,State Change Date,"
    "Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,Report Period"
)
DEPARTMENTS = ("R&D", "Sales", "IT", "Operations", "Marketing", "HR", "Finance", "Support")
AS_OF = dt.date(2027, 3, 1)


def write_files(directory: Path, users: int) -> tuple[Path, Path]:
    report, staff = directory / "report.csv", directory / "staff.csv"
    lines, people = [HEADER], ["user,department"]
    at = chr(64)
    for i in range(users):
        last = (AS_OF - dt.timedelta(days=i % 40)).isoformat() if i % 3 else ""
        lines.append(
            f'{AS_OF},user{i}{at}corp.example,"User, {i}",Active,,{last},{i % 7},{i % 29},'
            f'{i % 5},"Viva Engage, Office 365 E3",30'
        )
        people.append(f"user{i},{DEPARTMENTS[i % len(DEPARTMENTS)]}")
    report.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    staff.write_text("\n".join(people) + "\n", encoding="utf-8")
    return report, staff


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, help="also time planner from this source tree")
    parser.add_argument("--files", type=Path, help=argparse.SUPPRESS)  # a child: reuse these
    args = parser.parse_args()

    from planner.adapters.sources.activity import read_activity
    from planner.bootstrap import Settings, bootstrap
    from planner.domain.records.pilot import PilotChanges
    from planner.services.activity import product_activity
    from planner.services.pilots import add_pilot, decide, measure, parse_kpis, update_pilot
    from planner.services.plans import create_plan

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.files:
            report, staff = args.files / "report.csv", args.files / "staff.csv"
        else:
            report, staff = write_files(root, args.users)

        def reference() -> None:
            text = report.read_bytes().decode("utf-8-sig")
            for _ in csv.reader(text.splitlines()):
                pass

        def reader() -> None:
            read_activity(report)

        def attach(run: int) -> None:
            db = root / f"w{run}-{os.getpid()}.sqlite"  # a child's beside its parent's
            app = bootstrap(Settings(db=str(db), today=lambda: AS_OF))
            ws = app.workspace
            create_plan(ws, "p", dt.date(2027, 1, 4))
            add_pilot(ws, app.catalog, "p", "viva-engage", PilotChanges(title="P"),
                      kpis=parse_kpis(["weekly-active-pct=50"]))  # fmt: skip
            update_pilot(ws, "p", "p", status="approved")
            update_pilot(ws, "p", "p", status="running")
            measure(ws, "p", "p", "weekly-active-pct", 50, dt.date(2027, 2, 1))
            decide(ws, "p", "p", "adopt", "bench", dt.date(2027, 2, 2))
            started, cpu_started = time.perf_counter(), time.process_time()
            product_activity(ws, app.pseudonym_key, "p", "viva-engage", report, directory=staff)
            times["product_activity"].append(time.perf_counter() - started)
            cpu["product_activity"].append(time.process_time() - cpu_started)
            app.close()

        times: dict[str, list[float]] = {"csv.reader": [], "read_activity": [],
                                         "product_activity": []}  # fmt: skip
        cpu: dict[str, list[float]] = {name: [] for name in times}
        timed: list[tuple[str, Callable[[], None]]] = [
            ("csv.reader", reference),
            ("read_activity", reader),
        ]
        before: dict[str, list[float]] = {name: [] for name in times}
        before_cpu: dict[str, list[float]] = {name: [] for name in times}
        # One untimed round first, in the parent and in each child (a child times a single
        # round): first calls count lazy imports and a cold allocator, to one side only.
        reference(), reader(), attach(-1)
        for found in (times, cpu):
            for values in found.values():
                values.clear()
        for run in range(args.runs):
            for name, call in timed:
                started, cpu_started = time.perf_counter(), time.process_time()
                call()
                times[name].append(time.perf_counter() - started)
                cpu[name].append(time.process_time() - cpu_started)
            attach(run)
            if args.tree:
                child = [sys.executable, __file__, "--runs", "1", "--files", str(root)]
                env = {**os.environ, "PYTHONPATH": str(args.tree)}
                out = subprocess.run(child, env=env, check=True, capture_output=True, text=True)
                child_times = json.loads(out.stdout)
                for name, value in child_times["wall"].items():
                    before[name].append(value)
                for name, value in child_times["cpu"].items():
                    before_cpu[name].append(value)
        if args.files:  # a child: its times, for the parent
            wall = {name: values[0] for name, values in times.items()}
            print(json.dumps({"wall": wall, "cpu": {name: v[0] for name, v in cpu.items()}}))
            return
        print(f"{args.users} users, {report.stat().st_size / 1e6:.1f} MB, {args.runs} runs")
        rows = [("", times, cpu)] + ([(f"{args.tree}: ", before, before_cpu)] if args.tree else [])
        for label, found, found_cpu in rows:
            base = statistics.median(found["csv.reader"])
            base_cpu = statistics.median(found_cpu["csv.reader"])
            for name, values in found.items():
                median = statistics.median(values)
                median_cpu = statistics.median(found_cpu[name])
                print(f"{label}{name:18} median {median * 1000:8.0f} ms {median / base:5.1f}x   "
                      f"CPU {median_cpu * 1000:6.0f} ms {median_cpu / base_cpu:5.1f}x "
                      "csv.reader")  # fmt: skip


if __name__ == "__main__":
    main()
