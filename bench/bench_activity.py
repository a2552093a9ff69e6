"""Activity reports at scale: a Viva Engage "user detail" report of N users.

    python bench/bench_activity.py --users 100000 --runs 5

Times, per run, in one alternation: the reference ``csv.reader`` over the decoded file
(what any CSV import must do), ``read_activity`` (layout guess, strict CSV, dates, counts)
and ``product_activity`` (read, pseudonymise every user with the workspace key, count per
department from a directory of the same people, store the aggregates) on a fresh
workspace. Prints medians and their ratios to the reference.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import statistics
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
    args = parser.parse_args()

    from planner.adapters.sources.activity import read_activity
    from planner.bootstrap import Settings, bootstrap
    from planner.domain.records.pilot import PilotChanges
    from planner.services.activity import product_activity
    from planner.services.pilots import add_pilot, decide, measure, parse_kpis, update_pilot
    from planner.services.plans import create_plan

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        report, staff = write_files(root, args.users)

        def reference() -> None:
            text = report.read_bytes().decode("utf-8-sig")
            for _ in csv.reader(text.splitlines()):
                pass

        def reader() -> None:
            read_activity(report)

        def attach(run: int) -> None:
            app = bootstrap(Settings(db=str(root / f"w{run}.sqlite"), today=lambda: AS_OF))
            ws = app.workspace
            create_plan(ws, "p", dt.date(2027, 1, 4))
            add_pilot(ws, app.catalog, "p", "viva-engage", PilotChanges(title="P"),
                      kpis=parse_kpis(["weekly-active-pct=50"]))  # fmt: skip
            update_pilot(ws, "p", "p", status="approved")
            update_pilot(ws, "p", "p", status="running")
            measure(ws, "p", "p", "weekly-active-pct", 50, dt.date(2027, 2, 1))
            decide(ws, "p", "p", "adopt", "bench", dt.date(2027, 2, 2))
            started = time.perf_counter()
            product_activity(ws, app.pseudonym_key, "p", "viva-engage", report, directory=staff)
            times["product_activity"].append(time.perf_counter() - started)
            app.close()

        times: dict[str, list[float]] = {"csv.reader": [], "read_activity": [],
                                         "product_activity": []}  # fmt: skip
        timed: list[tuple[str, Callable[[], None]]] = [
            ("csv.reader", reference),
            ("read_activity", reader),
        ]
        for run in range(args.runs):
            for name, call in timed:
                started = time.perf_counter()
                call()
                times[name].append(time.perf_counter() - started)
            attach(run)
        base = statistics.median(times["csv.reader"])
        print(f"{args.users} users, {report.stat().st_size / 1e6:.1f} MB, {args.runs} runs")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"{name:18} median {median * 1000:8.0f} ms  {median / base:5.1f}x csv.reader")


if __name__ == "__main__":
    main()
