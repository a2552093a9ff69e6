"""Benchmark: a whole ``discover import`` of a Squid log against mawk, side by side.

The first bar: importing a 1,000,000-line Squid log (read, pseudonymise, match, write to
the workspace in one transaction) takes no longer than mawk computing the per-host
aggregates (hits, bytes, distinct users) of the same file; peak memory under 250 MB.
The bar has since been raised to 0.7× mawk for the whole command, start-up included.
They run alternately (after a warm-up, so all read from the page cache): mawk; the whole
``planner discover import`` command in a fresh process; and the import call alone
(``import_file``) in a child after its start-up. Each import goes into a fresh SQLite
workspace; peak RSS is the largest of the command's processes, measured per run. Wall
time and CPU time (user + system of the process and the helpers it waited for, from
``wait4``) are both printed: the reader uses every core and mawk one, and on a shared
machine the wall time moves with the neighbours' load far more than the CPU time.
Every planner process runs with its bytecode cached (in a temporary
``PYTHONPYCACHEPREFIX``, filled by the warm-up, even where ``PYTHONDONTWRITEBYTECODE`` is
set), as an installed package has its ``.pyc`` files: otherwise each run would compile the
planner's modules again, a few tenths of a second of start-up no user pays.

``--tree DIR`` (repeatable) also times another checkout in the same rounds (say ``git
worktree add /tmp/before COMMIT`` with its own ``.venv``; without one it runs under this
interpreter with ``PYTHONPATH=DIR``), so a before and an after meet the same load.

    python bench/bench_import.py [--lines 1000000] [--runs 5] [--tree DIR ...] [--no-call]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_log_reader import AWK

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

CHILD = r"""
import json, resource, sys, time, datetime as dt
from pathlib import Path
from planner.bootstrap import Settings, bootstrap
from planner.services.plans import create_plan
from planner.services.discover import import_file
db, log = sys.argv[1], Path(sys.argv[2])
planner = bootstrap(Settings(db=db))
create_plan(planner.workspace, "bench", dt.date(2026, 1, 5))
catalog, key = planner.catalog, planner.pseudonym_key
start = time.perf_counter()
result = import_file(planner.workspace, catalog, key, "bench", log)
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mb": rss, "hosts": result.hosts,
                  "tools": len(result.matched_tools), "lines": result.lines}))
"""


@dataclass
class Timed:
    """One process run to its end: wall seconds, CPU seconds (its waited-for children
    included) and the peak RSS of the largest of them, in MB."""

    wall: float
    cpu: float
    rss_mb: float
    stdout: str


def _timed(argv: list[str], env: dict[str, str] | None = None) -> Timed:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode:
            message = err.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{argv[:4]} failed: {message}")
        text = out.read().decode()
    cpu = usage.ru_utime + usage.ru_stime
    return Timed(wall, cpu, usage.ru_maxrss / 1024, text)


@dataclass
class Tree:
    """A checkout whose ``planner`` is timed: its interpreter and environment."""

    root: Path
    python: str
    env: dict[str, str]
    label: str
    command: list[Timed] = field(default_factory=list)
    call: list[float] = field(default_factory=list)

    @classmethod
    def of(cls, root: Path, label: str, env: dict[str, str]) -> Tree:
        env = dict(env)
        own = root / ".venv" / "bin" / "python"
        if own.exists():
            return cls(root, str(own), env, label)
        env["PYTHONPATH"] = str(root)
        return cls(root, sys.executable, env, label)

    def planner(self) -> list[str]:
        script = Path(self.python).with_name("planner")  # the console script users run
        return [str(script)] if script.exists() else [self.python, "-m", "planner"]


def _command(tree: Tree, log: Path) -> Timed:
    """The whole ``planner discover import`` in a fresh process, start-up included."""
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        db = str(Path(tmp) / "ws.sqlite")
        new = [*tree.planner(), "--db", db, "plan", "new", "bench", "--start", "2026-01-05"]
        subprocess.run(new, check=True, capture_output=True, env=tree.env)
        return _timed([*tree.planner(), "--db", db, "discover", "import", str(log)], tree.env)


def _import(tree: Tree, log: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        done = subprocess.run(
            [tree.python, "-c", CHILD, str(Path(tmp) / "ws.sqlite"), str(log)],
            check=True,
            capture_output=True,
            text=True,
            cwd=tree.root,
            env=tree.env,
        )
    report: dict[str, float] = json.loads(done.stdout)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, action="append", default=[],
                        help="also time the checkout in DIR, in the same rounds")  # fmt: skip
    parser.add_argument("--no-call", action="store_true", help="time the whole command only")
    args = parser.parse_args()
    mawk = shutil.which("mawk")
    if mawk is None:
        print("mawk is not installed: apt-get install -y mawk", file=sys.stderr)
        return 2
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
    pycache = tempfile.TemporaryDirectory(prefix="bench-import-pycache-")
    env = {**os.environ, "PYTHONPYCACHEPREFIX": pycache.name}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    here = Tree(ROOT, sys.executable, env, "this tree")
    trees = [here] + [Tree.of(path.resolve(), str(path), env) for path in args.tree]
    awk_argv = [mawk, AWK, str(log)]
    _timed(awk_argv)  # warm-up: the page cache, and each tree's bytecode
    first = _import(here, log)
    for tree in trees:
        _command(tree, log)
    awk: list[Timed] = []
    for _ in range(args.runs):
        awk.append(_timed(awk_argv))
        for tree in trees:
            tree.command.append(_command(tree, log))
            if not args.no_call:
                tree.call.append(_import(tree, log)["seconds"])
    size = log.stat().st_size / 1e6
    print(
        f"{log.name}: {size:.0f} MB, {first['lines']:.0f} lines, {first['hosts']:.0f} hosts, "
        f"{first['tools']:.0f} tools matched; {args.runs} runs each, alternated"
    )
    awk_wall = statistics.median(t.wall for t in awk)
    awk_cpu = statistics.median(t.cpu for t in awk)
    print(f"mawk aggregates                   wall {awk_wall:.2f} s   CPU {awk_cpu:.2f} s")
    for tree in trees:
        wall = statistics.median(t.wall for t in tree.command)
        cpu = statistics.median(t.cpu for t in tree.command)
        # the ratio of each round (same minute, same load), then their median
        ratio = statistics.median(t.wall / a.wall for t, a in zip(tree.command, awk, strict=True))
        print(
            f"{tree.label}: planner discover import (whole)   wall {wall:.2f} s "
            f"(ratio {wall / awk_wall:.2f}, per round {ratio:.2f})   CPU {cpu:.2f} s "
            f"(ratio {cpu / awk_cpu:.2f})   peak RSS {max(t.rss_mb for t in tree.command):.0f} MB"
        )
        print("    walls " + " ".join(f"{t.wall:.2f}" for t in tree.command)
              + "   mawk " + " ".join(f"{t.wall:.2f}" for t in awk))  # fmt: skip
        if tree.call:
            call = statistics.median(tree.call)
            print(
                f"    import_file call, after start-up  {call:.2f} s   ratio {call / awk_wall:.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
