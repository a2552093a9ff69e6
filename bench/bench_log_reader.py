"""Benchmark: ``read_log`` against mawk on the same Squid log, side by side.

The issue sets the bar at mawk computing the same per-host aggregates (hits, bytes,
distinct users) over the same file — no slower, ideally in half the time — with the
reader's peak memory under 250 MB. Machines drift, so the two are run alternately in one
invocation (after one untimed warm-up each, so both read from the page cache) and the
medians are compared. Each reader run is a fresh Python process, so its peak RSS is its
own; the time reported is that of the ``read_log`` call (the whole command, interpreter
start-up included, is shown too). The first run checks that mawk and ``read_log`` agree
on every host's hits, bytes and number of users.

Usage, from the repository root: ``python bench/bench_log_reader.py [--lines 1000000]
[--runs 5] [--workers 1]`` (the log is generated under ``bench/out/`` on first use;
``apt-get install mawk``).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NotRequired, TypedDict

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

AWK = r"""
# Per-host hits, bytes and distinct users (user name, else client address) of a Squid
# native log, host taken from the URL field the way the planner's reader does.
NF >= 10 {
    url = $7
    i = index(url, "://"); if (i) url = substr(url, i + 3)
    i = index(url, "/"); if (i) url = substr(url, 1, i - 1)
    i = index(url, "?"); if (i) url = substr(url, 1, i - 1)
    i = index(url, "@"); if (i) url = substr(url, i + 1)
    i = index(url, ":")
    if (i) {
        port = substr(url, i + 1)
        if (port !~ /^[0-9]+$/) next
        url = substr(url, 1, i - 1)
    }
    if (url == "") next
    host = tolower(url)
    user = ($8 == "-") ? $3 : $8
    hits[host]++
    bytes[host] += $5
    key = host SUBSEP user
    if (!(key in seen)) { seen[key] = 1; users[host]++ }
}
END { for (h in hits) printf "%s %d %.0f %d\n", h, hits[h], bytes[h], users[h] }
"""

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from planner.adapters.sources.logs import read_log
start = time.perf_counter()
workers = int(sys.argv[4]) if sys.argv[4] != "auto" else None
summary = read_log(Path(sys.argv[2]), workers=workers)
seconds = time.perf_counter() - start
report = {
    "seconds": seconds,
    "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "helpers_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    "lines": summary.lines,
    "skipped": summary.skipped,
}
if sys.argv[3] == "check":
    report["hosts"] = {h: [s.hits, s.bytes, len(s.users)] for h, s in summary.hosts.items()}
print(json.dumps(report))
"""


def _run_mawk(mawk: str, log: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([mawk, AWK, str(log)], check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout


class Report(TypedDict):
    seconds: float
    rss_kb: int
    helpers_rss_kb: int
    lines: int
    skipped: int
    hosts: NotRequired[dict[str, list[int]]]


def _run_reader(log: Path, check: bool, workers: str) -> tuple[float, Report]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), str(log), "check" if check else "time", workers],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    report: Report = json.loads(done.stdout)
    return time.perf_counter() - start, report


def _compare(awk_out: str, ours: dict[str, list[int]]) -> list[str]:
    theirs = {}
    for row in awk_out.splitlines():
        host, hits, size, users = row.split()
        theirs[host] = [int(hits), int(size), int(users)]
    problems = [
        f"{h}: mawk {theirs.get(h)} reader {ours.get(h)}"
        for h in sorted(set(theirs) | set(ours))
        if theirs.get(h) != ours.get(h)
    ]
    return problems[:10]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="read_log against mawk on a Squid log")
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--workers", default="auto", help="processes for read_log (default: all cores)"
    )
    args = parser.parse_args(argv)
    mawk = shutil.which("mawk")
    if mawk is None:
        print("mawk is not installed: apt-get install -y mawk", file=sys.stderr)
        return 1
    log = OUT / f"squid-{args.lines}.log"
    if not log.exists():
        print(f"generating {log.relative_to(ROOT)} ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "gen_squid_log.py"),
                str(log),
                "--lines",
                str(args.lines),
                "--hosts",
                "2000",
                "--users",
                "3000",
                "--seed",
                "1",
            ],
            check=True,
        )
    size_mb = log.stat().st_size / 1e6
    print(
        f"log: {log.relative_to(ROOT)}, {args.lines:,} lines, {size_mb:.0f} MB; "
        f"read_log workers: {args.workers}"
    )

    _, awk_out = _run_mawk(mawk, log)  # warm-up (page cache) and the reference answer
    _, first = _run_reader(log, check=True, workers=args.workers)
    problems = _compare(awk_out, first.get("hosts", {}))
    print(
        f"same aggregates as mawk ({len(awk_out.splitlines())} hosts): "
        + ("yes" if not problems else "NO\n  " + "\n  ".join(problems))
    )

    awk_times: list[float] = []
    call_times: list[float] = []
    command_times: list[float] = []
    rss: list[int] = []
    helper_rss: list[int] = []
    for _ in range(args.runs):
        awk_times.append(_run_mawk(mawk, log)[0])
        wall, report = _run_reader(log, check=False, workers=args.workers)
        command_times.append(wall)
        call_times.append(report["seconds"])
        rss.append(report["rss_kb"])
        helper_rss.append(report["helpers_rss_kb"])

    awk = statistics.median(awk_times)
    call = statistics.median(call_times)
    command = statistics.median(command_times)
    print(f"mawk                    median {awk:.3f} s   runs {_fmt(awk_times)}")
    print(f"read_log (call)         median {call:.3f} s   runs {_fmt(call_times)}")
    print(f"read_log (whole command) median {command:.3f} s   runs {_fmt(command_times)}")
    print(
        f"ratio read_log / mawk: {call / awk:.2f} (whole command {command / awk:.2f}); "
        f"target <= 1.00, goal <= 0.50"
    )
    print(
        f"peak RSS: reader process {max(rss) / 1024:.0f} MB, "
        f"largest helper process {max(helper_rss) / 1024:.0f} MB; limit 250 MB"
    )
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    return 0 if not problems else 1


def _fmt(values: list[float]) -> str:
    return " ".join(f"{v:.3f}" for v in values)


if __name__ == "__main__":
    raise SystemExit(main())
