"""A long tail of hosts, or a SIEM aggregate, imported whole, against mawk, side by side.

    python bench/bench_long_tail.py --hosts 280000 --lines 300000 --runs 3
    python bench/bench_long_tail.py --format aggregate --hosts 20000 --users 10000 \
        --lines 1000000 --runs 3

Why this exists: the raw reader is fast when a log has a few thousand hosts, but a real
month has hundreds of thousands, seen by few people each, and what costs there is storing
them (issue 32). ``--format squid`` generates a Squid native log in which each of
``--hosts`` distinct hosts (four per registrable domain) appears at least once and the
remaining lines go to hosts with a skewed popularity; ``--format aggregate`` generates the
SIEM export (``host,user,hits,bytes,first_seen,last_seen``) of ``--lines`` distinct (host,
user) rows. Then, alternated in one run:

1. ``planner discover import FILE`` as a fresh process (start-up included) into a fresh
   workspace with a plan;
2. mawk computing the same per-host hits, bytes and distinct users of the same file;
3. with ``--floor``, the database's part alone: the rows that import wrote (its host and
   domain tables) written again by raw ``sqlite3`` the way the import writes them, rows
   ready in memory (``sqlite_floor.py``). No reader can bring the whole command below it.

Prints medians of wall time and of CPU time (user + system, the import's reader helpers
included: on a shared machine the CPU ratio is the steadier one), their ratios to mawk and
each side's peak RSS (``getrusage`` of the child, by ``wait4``).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_log_reader import AWK  # noqa: E402

AGG_AWK = r"""
# Per-host hits, bytes and distinct users of a host,user,hits,bytes,first,last export.
BEGIN { FS = "," }
NR > 1 {
    hits[$1] += $3
    bytes[$1] += $4
    if ($2 != "" && $2 != "-") {
        key = $1 SUBSEP $2
        if (!(key in seen)) { seen[key] = 1; users[$1]++ }
    }
}
END { for (h in hits) printf "%s %d %.0f %d\n", h, hits[h], bytes[h], users[h] }
"""

TLDS = ["com", "net", "org", "io", "de", "fr", "co.uk", "eu", "info", "cloud"]
WORDS = ["api", "cdn", "www", "static", "img", "edge", "login", "media"]
START = 1772446530.0  # 2026-03-02 10:15:30 UTC


def _host(i: int) -> str:
    """Host ``i``: four hosts per registrable domain, under assorted suffixes."""
    return f"{WORDS[i % 4 + (i // 4) % 2 * 4]}.site{i // 4}.{TLDS[(i // 4) % len(TLDS)]}"


def _user(i: int) -> str:
    return f"user{i:05d}"


def gen_squid(
    out: Path, hosts: int, lines: int, users: int, seed: int, shuffled: bool = False
) -> None:
    """Each host at least once, then the rest skewed towards the first hosts; the hosts
    first seen in the order of their numbers, or (``shuffled``) in a random order, as a
    real log's are: the names of neighbouring hosts then share nothing."""
    rng = random.Random(seed)
    names = [_host(i) for i in range(hosts)]
    if shuffled:
        random.Random(seed + 1).shuffle(names)
    now = START
    batch: list[str] = []
    with out.open("w", encoding="ascii", newline="\n") as fh:
        for n in range(lines):
            now += 0.05
            h = n if n < hosts else min(hosts - 1, int(rng.paretovariate(0.8)) - 1)
            u = min(users - 1, int(rng.paretovariate(0.5)) - 1 + rng.randrange(40))
            size = rng.randrange(100, 50000)
            client = f"10.0.{u // 250}.{u % 250 + 1}"
            batch.append(
                f"{now:.3f}    120 {client} TCP_TUNNEL/200 {size} CONNECT {names[h]}:443 "
                f"{_user(u)} HIER_DIRECT/203.0.113.7 -\n"
            )
            if len(batch) >= 10000:
                fh.write("".join(batch))
                batch.clear()
        fh.write("".join(batch))


def gen_aggregate(out: Path, hosts: int, lines: int, users: int, seed: int) -> None:
    """``lines`` distinct (host, user) rows: each host row by row, users spread over all."""
    rng = random.Random(seed)
    per_host = max(1, lines // hosts)
    step = max(1, users // per_host)
    batch = ["host,user,hits,bytes,first_seen,last_seen\n"]
    written = 0
    with out.open("w", encoding="ascii", newline="\n") as fh:
        for h in range(hosts):
            name = _host(h)
            offset = rng.randrange(users)
            for k in range(per_host):
                if written >= lines:
                    break
                u = (offset + k * step) % users
                hits = rng.randrange(1, 500)
                first = int(START) + rng.randrange(86400 * 20)
                batch.append(
                    f"{name},{_user(u)},{hits},{hits * rng.randrange(200, 9000)},"
                    f"{first},{first + rng.randrange(86400 * 9)}\n"
                )
                written += 1
            if len(batch) >= 10000:
                fh.write("".join(batch))
                batch.clear()
        fh.write("".join(batch))


def _timed(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall time, CPU time (user + system, its own helpers included) and peak RSS (MB) of
    one child process, run in ``cwd`` (``python -m`` puts it first on the path: the tree
    it holds, if any, is the one that runs)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            err.seek(0)
            text = err.read().decode(errors="replace")
            raise SystemExit(f"{cmd[:6]} failed ({proc.returncode}): {text[-2000:]}")
    # the import's reader helpers are its children: their peak counts too
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--format", choices=("squid", "aggregate"), default="squid")
    parser.add_argument("--hosts", type=int, default=280_000)
    parser.add_argument("--lines", type=int, default=300_000)
    parser.add_argument("--users", type=int, default=3_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--shuffled", action="store_true", help="squid: hosts first seen in a random order"
    )
    parser.add_argument("--keep", type=Path, help="generate the file here (kept) and reuse it")
    parser.add_argument(
        "--tree", type=Path, help="also run the import from this source tree (a before)"
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also write the imported rows again by raw sqlite3 (sqlite_floor.py): the "
        "database's part alone",
    )
    args = parser.parse_args()
    mawk = shutil.which("mawk")
    if mawk is None:
        raise SystemExit("mawk is not installed (apt-get install mawk)")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = tmp
        work = Path(tmp)
        suffix = ".log" if args.format == "squid" else ".csv"
        log = args.keep or work / f"tail{suffix}"
        if not log.exists():
            if args.format == "squid":
                gen_squid(log, args.hosts, args.lines, args.users, args.seed, args.shuffled)
            else:
                gen_aggregate(log, args.hosts, args.lines, args.users, args.seed)
        program = AWK if args.format == "squid" else AGG_AWK
        times: dict[str, list[float]] = {"cmd": [], "awk": [], "tree": [], "floor": []}
        cpu: dict[str, list[float]] = {"cmd": [], "awk": [], "tree": []}
        peaks: dict[str, list[int]] = {"cmd": [], "awk": [], "tree": []}
        planner = [sys.executable, "-m", "planner"]
        for run in range(args.runs + 1):  # the first round warms the caches, not counted
            db = work / f"ws-{run}.sqlite"
            subprocess.run(
                [*planner, "--db", str(db), "plan", "new", "bench", "--start", "2026-01-05"],
                check=True,
                capture_output=True,
                cwd=work,
            )
            t_cmd, c_cmd, m_cmd = _timed(
                [*planner, "--db", str(db), "discover", "import", str(log)], work
            )
            t_awk, c_awk, m_awk = _timed([mawk, program, str(log)], work)
            if args.floor and run:  # its own process: the rows it holds are not this one's
                floor = [sys.executable, str(HERE / "sqlite_floor.py"), str(db), "--runs", "1"]
                done = subprocess.run([*floor, "--total"], check=True, capture_output=True)
                times["floor"].append(float(done.stdout))
            db.unlink()
            if args.tree and run:
                # the tree's own directory, first on the path of ``python -m planner``
                tree = args.tree.resolve()
                subprocess.run(
                    [*planner, "--db", str(db), "plan", "new", "bench", "--start", "2026-01-05"],
                    check=True,
                    capture_output=True,
                    cwd=tree,
                )
                t, c, m = _timed([*planner, "--db", str(db), "discover", "import", str(log)], tree)
                db.unlink()
                times["tree"].append(t)
                cpu["tree"].append(c)
                peaks["tree"].append(m)
            if run:
                times["cmd"].append(t_cmd)
                times["awk"].append(t_awk)
                cpu["cmd"].append(c_cmd)
                cpu["awk"].append(c_awk)
                peaks["cmd"].append(m_cmd)
                peaks["awk"].append(m_awk)
    ref = statistics.median(times["awk"])
    ref_cpu = statistics.median(cpu["awk"])
    size = log.stat().st_size / 1e6 if log.exists() else 0
    print(
        f"{args.format}: {args.lines:,} lines, {args.hosts:,} hosts, {args.users:,} users "
        f"({size:.0f} MB), {args.runs} runs, medians:"
    )
    rows = [("mawk aggregates", "awk"), ("planner discover import", "cmd")]
    if args.tree:
        rows.append((f"the same from {args.tree}", "tree"))
    for label, key in rows:
        t, c = statistics.median(times[key]), statistics.median(cpu[key])
        print(
            f"  {label:<26} {t:7.2f} s  {t / ref:5.2f}x   CPU {c:6.2f} s {c / ref_cpu:5.2f}x   "
            f"peak {max(peaks[key])} MB   runs {' '.join(f'{x:.2f}' for x in times[key])}"
        )
    if args.floor:
        t = statistics.median(times["floor"])
        print(
            f"  {'raw sqlite3, rows ready':<26} {t:7.2f} s  {t / ref:5.2f}x   (the same host "
            f"and domain rows written, indexed, committed: the database's part alone)   "
            f"runs {' '.join(f'{x:.2f}' for x in times['floor'])}"
        )


if __name__ == "__main__":
    main()
