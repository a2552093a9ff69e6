"""How fast the command line answers, against a bare interpreter start in the same run.

    python bench/bench_cli_startup.py [--runs 15]

Runs ``python -c pass``, ``planner --help`` and ``planner catalog list`` alternately (so
machine noise hits all three alike), then prints the median and the ratio to the bare
start for each. The target (issue 2): about a quarter of a second for both commands.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "planner --help": [sys.executable, "-m", "planner", "--help"],
    "planner catalog list": [sys.executable, "-m", "planner", "catalog", "list"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "COLUMNS": "120"}
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, cmd in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=env)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["python -c pass"])
    print(f"{'command':<24} {'median':>9} {'vs python -c pass':>18}   ({args.runs} runs each)")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:<24} {median * 1000:>7.0f}ms {median / base:>17.1f}x")


if __name__ == "__main__":
    main()
