"""Benchmark: the 1M-line Squid import into PostgreSQL against the same into SQLite.

The bar: within 1.5× the SQLite import. Each run imports into a fresh workspace (a
new SQLite file; a new PostgreSQL schema) in a fresh process, alternating engines.

    python bench/bench_pg_import.py [--url postgresql+psycopg://postgres@127.0.0.1/postgres]
                                    [--lines 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CHILD = r"""
import json, sys, time, datetime as dt
from pathlib import Path
from planner.bootstrap import Settings, bootstrap
from planner.services.plans import create_plan
from planner.services.discover import import_file
planner = bootstrap(Settings(db=sys.argv[1]))
create_plan(planner.workspace, "bench", dt.date(2026, 1, 5))
catalog, key = planner.catalog, planner.pseudonym_key
start = time.perf_counter()
import_file(planner.workspace, catalog, key, "bench", Path(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def _run(db: str, log: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, db, str(log)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    seconds: float = json.loads(out.stdout)["seconds"]
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    log = OUT / f"squid-{args.lines}.log"
    if not log.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "gen_squid_log.py"),
                str(log),
                "--lines",
                str(args.lines),
            ],
            check=True,
        )
    admin = create_engine(args.url)
    times: dict[str, list[float]] = {"sqlite": [], "postgresql": []}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs + 1):  # the first round warms the page cache
            sqlite = _run(str(Path(tmp) / f"ws{run}.sqlite"), log)
            schema = f"bench_{uuid.uuid4().hex[:12]}"
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            sep = "&" if "?" in args.url else "?"
            try:
                pg = _run(f"{args.url}{sep}options=-csearch_path%3D{schema}", log)
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            if run:
                times["sqlite"].append(sqlite)
                times["postgresql"].append(pg)
    s, p = statistics.median(times["sqlite"]), statistics.median(times["postgresql"])
    print(f"{log.name}: {args.runs} runs each, medians")
    print(f"SQLite      {s:.2f} s")
    print(f"PostgreSQL  {p:.2f} s   ratio {p / s:.2f} (target ≤ 1.5)")


if __name__ == "__main__":
    main()
