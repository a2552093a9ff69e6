"""Where a command's import time goes, by package: ``python -X importtime``, aggregated.

    python bench/import_shares.py [--runs 5] [--db PATH] [--top 15] [--tree DIR] -- plan list

Runs ``python -X importtime -m planner ARGS --db PATH`` ``--runs`` times (bytecode cached
in a temporary ``PYTHONPYCACHEPREFIX``, a warm catalog cache in a temporary user cache
directory, as ``bench_cli_startup.py`` does) and prints each package's *self* import time
(SQLAlchemy, pydantic, Rich, each planner layer…), median over the runs, with its share of
the whole. Without ``--db``, a demo workspace is built in the temporary directory. A
profile of imports only: the work after them (opening the workspace, the query, the
printing) is not in it; ``-X importtime`` itself slows imports down, so read the shares.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \| (\s*)(\S+)")


def group(module: str) -> str:
    """The package a module counts for: the planner by layer (``planner.services``), the
    storage layer by part (``planner.adapters.store.tables``, the table classes)."""
    parts = module.split(".")
    if parts[0] != "planner":
        return parts[0]
    return ".".join(parts[:4] if parts[1:3] == ["adapters", "store"] else parts[:3])


def shares(stderr: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for line in stderr.splitlines():
        match = LINE.match(line)
        if match:
            found[group(match.group(3))] += int(match.group(1))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to run")
    parser.add_argument("command", nargs="+", help="the planner command and its arguments")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planner-imports-") as name:
        tmp = Path(name)
        env = {
            **os.environ,
            "XDG_CACHE_HOME": str(tmp / "cache"),
            "XDG_DATA_HOME": str(tmp / "data"),
            "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        planner = [sys.executable, "-m", "planner"]
        db = args.db or tmp / "ws.sqlite"
        if args.db is None:
            demo = [*planner, "demo", "--no-tui", "--db", str(db)]
            subprocess.run(demo, cwd=args.tree, env=env, capture_output=True, check=True)
        argv = [sys.executable, "-X", "importtime", "-m", "planner", *args.command]
        argv += ["--db", str(db)]
        subprocess.run(argv, cwd=args.tree, env=env, capture_output=True, check=True)  # warm
        runs = [
            shares(
                subprocess.run(argv, cwd=args.tree, env=env, capture_output=True, text=True).stderr
            )
            for _ in range(args.runs)
        ]
    names = set().union(*runs)
    medians = {n: statistics.median(r.get(n, 0) for r in runs) for n in names}
    total = sum(medians.values()) or 1
    print(f"planner {' '.join(args.command)}: self import time by package, median of {args.runs}")
    print("| package | ms | share |\n| --- | --- | --- |")
    for name, micros in sorted(medians.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"| {name} | {micros / 1000:.0f} | {100 * micros / total:.0f} % |")
    print(f"| all | {total / 1000:.0f} | 100 % |")


if __name__ == "__main__":
    main()
