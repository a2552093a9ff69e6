"""How fast the command line answers, against references measured in the same run.

    python bench/bench_cli_startup.py [--runs 15] [--baseline DIR]

At the start, a demo workspace is built once in a temporary directory
(``planner demo --no-tui --db TMP/ws.sqlite``) with its own user cache directory, and every
command runs once untimed: that warms the catalog cache and the bytecode cache (kept in a
temporary ``PYTHONPYCACHEPREFIX``, as an installed package has its ``.pyc`` files, even
where ``PYTHONDONTWRITEBYTECODE`` is set). Then the commands run alternately, each in a
fresh process (so machine noise hits all of them alike), and the median wall time of each
is printed with two ratios: to a bare ``python -c pass`` and to ``python -c "import
sqlalchemy"``; then the median CPU time (user + system) and its ratio to the reference's,
which a busy machine disturbs less than wall time.

``--baseline DIR`` adds ``catalog list`` and the workspace commands of another checkout (say
``git worktree add /tmp/before <commit>``), on a demo workspace of its own, to the same
alternation: before and after figures from one run.

Targets: ``--help`` and ``catalog list`` about a quarter of a second; the
workspace commands ``plan list``, ``tools list`` and ``candidates`` at most 2x
``import sqlalchemy``. A benchmark only: nothing here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASS = "python -c pass"
SQLALCHEMY = 'python -c "import sqlalchemy"'
WORKSPACE = {
    "plan list": ["plan", "list"],
    "tools list": ["tools", "list"],
    "candidates": ["candidates"],
}


class Command:
    def __init__(self, name: str, argv: list[str], cwd: Path, target: bool = False) -> None:
        self.name, self.argv, self.cwd, self.target = name, argv, cwd, target
        self.samples: list[float] = []  # wall time
        self.cpu: list[float] = []  # user + system time of the process

    def run(self, env: dict[str, str]) -> tuple[float, float]:
        before = _children_cpu()
        start = time.perf_counter()
        subprocess.run(self.argv, cwd=self.cwd, stdout=subprocess.DEVNULL, check=True, env=env)
        wall = time.perf_counter() - start
        return wall, _children_cpu() - before


def _children_cpu() -> float:
    """User + system time of the finished child processes (0 where unknown: Windows)."""
    try:
        import resource
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _demo(tree: Path, db: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "planner", "demo", "--no-tui", "--db", str(db)],
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        env=env,
    )


def _commands(tmp: Path, baseline: Path | None) -> list[Command]:
    planner = [sys.executable, "-m", "planner"]  # -m: the package of the working directory
    db = str(tmp / "ws.sqlite")
    commands = [
        Command(PASS, [sys.executable, "-c", "pass"], ROOT),
        Command(SQLALCHEMY, [sys.executable, "-c", "import sqlalchemy"], ROOT),
        Command("planner --help", [*planner, "--help"], ROOT),
        Command("planner catalog list", [*planner, "catalog", "list"], ROOT),
    ]
    for name, argv in WORKSPACE.items():
        commands.append(Command(f"planner {name}", [*planner, *argv, "--db", db], ROOT, True))
    if baseline is not None:
        old_db = str(tmp / "baseline.sqlite")
        commands.append(
            Command("planner catalog list (baseline)", [*planner, "catalog", "list"], baseline)
        )
        for name, argv in WORKSPACE.items():
            commands.append(
                Command(
                    f"planner {name} (baseline)",
                    [*planner, *argv, "--db", old_db],
                    baseline,
                    True,
                )
            )
    return commands


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", type=Path, metavar="DIR", help="another checkout")
    args = parser.parse_args()
    baseline = args.baseline.resolve() if args.baseline else None
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as name:
        tmp = Path(name)
        env = {
            **os.environ,
            "COLUMNS": "120",
            "XDG_CACHE_HOME": str(tmp / "cache"),
            "XDG_DATA_HOME": str(tmp / "data"),
            "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
        }
        for variable in ("PLANNER_DB", "PYTHONDONTWRITEBYTECODE"):
            env.pop(variable, None)
        commands = _commands(tmp, baseline)
        # Untimed: the demo workspace(s), then one run of each command (warm caches).
        _demo(ROOT, tmp / "ws.sqlite", env)
        if baseline is not None:
            _demo(baseline, tmp / "baseline.sqlite", env)
        for command in commands:
            command.run(env)
        for _ in range(args.runs):
            for command in commands:
                wall, cpu = command.run(env)
                command.samples.append(wall)
                command.cpu.append(cpu)
    medians = {c.name: statistics.median(c.samples) for c in commands}
    cpus = {c.name: statistics.median(c.cpu) for c in commands}
    base, ref, ref_cpu = medians[PASS], medians[SQLALCHEMY], cpus[SQLALCHEMY]
    width = max(len(c.name) for c in commands) + 2
    print(
        f"{'command':<{width}} {'median':>8} {'vs pass':>8} {'vs import sqlalchemy':>21}"
        f" {'cpu':>7} {'cpu ratio':>10}   ({args.runs} runs each)"
    )
    for command in commands:
        median, cpu = medians[command.name], cpus[command.name]
        target = "  (target <= 2.00x)" if command.target else ""
        print(
            f"{command.name:<{width}} {median * 1000:>6.0f}ms {median / base:>7.1f}x"
            f" {median / ref:>20.2f}x {cpu * 1000:>5.0f}ms {cpu / (ref_cpu or 1):>9.2f}x{target}"
        )


if __name__ == "__main__":
    main()
