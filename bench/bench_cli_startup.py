"""How fast the command line answers, against references measured in the same run.

    python bench/bench_cli_startup.py [--runs 5] [--baseline DIR] [--only TEXT ...]

At the start, a demo workspace is built once in a temporary directory
(``planner demo --no-tui --db TMP/ws.sqlite``, plus one contract and one audience, which
the demo has none of, so that their ``show`` commands find one) with its own user cache
directory, and every command runs once untimed: that warms the catalog cache and the
bytecode cache (kept in a temporary ``PYTHONPYCACHEPREFIX``, as an installed package has its
``.pyc`` files, even where ``PYTHONDONTWRITEBYTECODE`` is set). Then the commands run
alternately, each in a fresh process (so machine noise hits all of them alike), and the
median wall time of each is printed with two ratios: to a bare ``python -c pass`` and to
``python -c "import sqlalchemy"``; then the median CPU time (user + system) and its ratio
to the reference's, which a busy machine disturbs less than wall time.

The commands timed are ``planner --help`` and **every command the registry says only
reads** (``writes=False``, ``planner/cli/registry.py``), walked from the parser, with the
arguments of :data:`ARGUMENTS`; a read command missing there stops the benchmark, so a new
one cannot go unmeasured. ``--only`` keeps the commands whose name contains one of the
texts (the references always run).

``--baseline DIR`` adds the same commands of another checkout (say ``git worktree add
/tmp/before <commit>``), on a demo workspace of its own, to the same alternation: before and
after figures from one run, side by side.

Target: every read command at most 1.8x ``import sqlalchemy`` (CPU). A benchmark only:
nothing here fails on a slow machine.
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
TARGET = 1.8

# What each read command is given beyond ``--db`` ({tmp}: the run's temporary directory;
# the ids are the demo's, plus the contract and audience added by _workspace).
ARGUMENTS: dict[str, list[str]] = {
    "audience list": [],
    "audience show": ["field-staff"],
    "candidates": [],
    "catalog audit": [],
    "catalog list": [],
    "catalog new": ["my-product", "-o", "{tmp}", "--force"],
    "catalog show": ["jamespot"],
    "catalog validate": [],
    "completion": ["bash"],
    "contract list": [],
    "contract show": ["jamespot"],
    "costs": [],
    "discover hosts": [],
    "discover template": ["-o", "{tmp}/survey-template.csv"],
    "exit list": [],
    "feature list": [],
    "inventory export": ["--csv", "{tmp}/inventory.csv"],
    "inventory report": [],
    "pilot list": [],
    "pilot show": ["jamespot-for-customer-service"],
    "plan diff": ["{tmp}/plan.yaml", "{tmp}/plan.yaml"],
    "plan list": [],
    "plan report": [],
    "plan show": [],
    "plan validate": ["{tmp}/plan.yaml"],
    "privacy record": [],
    "privacy sensitive list": [],
    "readiness list": [],
    "risks list": [],
    "rollout show": [],
    "timeline": [],
    "tools list": [],
    "tools show": ["facebook"],
    "training list": [],
    "vendors list": [],
    "workspace version": [],
}
# Run on the workspace before timing (a contract and an audience for their show commands,
# the plan file for plan diff/validate).
SETUP: list[list[str]] = [
    [
        "contract",
        "add",
        "jamespot",
        "--seats",
        "40",
        "--annual-cost",
        "4800.00",
        "--currency",
        "EUR",
        "--start",
        "2026-01-01",
        "--end",
        "2026-12-31",
    ],
    ["audience", "add", "Field staff", "--people", "300", "--frontline"],
    ["plan", "export", "hexaline-2027", "-o", "{tmp}/plan.yaml"],
]


def read_commands() -> list[str]:
    """Every command of the registry that only reads, by its full name."""
    sys.path.insert(0, str(ROOT))
    from planner.cli import build_parser
    from planner.cli.registry import commands

    names = sorted(
        name for name, sub in commands(build_parser()) if sub.get_default("writes") is False
    )
    missing = [name for name in names if name not in ARGUMENTS]
    if missing:
        sys.exit(f"bench: give the arguments of {', '.join(missing)} in ARGUMENTS")
    return names


class Command:
    def __init__(self, name: str, argv: list[str], cwd: Path, target: bool = False) -> None:
        self.name, self.argv, self.cwd, self.target = name, argv, cwd, target
        self.samples: list[float] = []  # wall time
        self.cpu: list[float] = []  # user + system time of the process

    def run(self, env: dict[str, str]) -> tuple[float, float]:
        before = _children_cpu()
        start = time.perf_counter()
        subprocess.run(
            self.argv,
            cwd=self.cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
            env=env,
        )
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


def _workspace(tree: Path, db: Path, tmp: Path, env: dict[str, str]) -> None:
    """The demo in ``db``, with what :data:`SETUP` adds."""
    planner = [sys.executable, "-m", "planner"]
    tmp.mkdir(parents=True, exist_ok=True)
    steps = [["demo", "--no-tui"], *SETUP]
    for step in steps:
        argv = [arg.replace("{tmp}", str(tmp)) for arg in step]
        subprocess.run(
            [*planner, *argv, "--db", str(db)],
            cwd=tree,
            stdout=subprocess.DEVNULL,
            check=True,
            env=env,
        )


def _commands(tmp: Path, names: list[str], baseline: Path | None) -> list[Command]:
    planner = [sys.executable, "-m", "planner"]  # -m: the package of the working directory
    commands = [
        Command(PASS, [sys.executable, "-c", "pass"], ROOT),
        Command(SQLALCHEMY, [sys.executable, "-c", "import sqlalchemy"], ROOT),
        Command("planner --help", [*planner, "--help"], ROOT),
    ]
    trees = [("", ROOT, tmp / "ws.sqlite", tmp / "after")]
    if baseline is not None:
        trees.append((" (before)", baseline, tmp / "baseline.sqlite", tmp / "before"))
    for suffix, tree, db, out in trees:
        for name in names:
            args = [a.replace("{tmp}", str(out)) for a in ARGUMENTS[name]]
            argv = [*planner, *name.split(), *args, "--db", str(db)]
            commands.append(Command(f"planner {name}{suffix}", argv, tree, True))
    return commands


def _report(commands: list[Command], runs: int, before: bool) -> None:
    medians = {c.name: statistics.median(c.samples) for c in commands}
    cpus = {c.name: statistics.median(c.cpu) for c in commands}
    base, ref, ref_cpu = medians[PASS], medians[SQLALCHEMY], cpus[SQLALCHEMY] or 1
    width = max(len(c.name) for c in commands) + 2
    print(
        f"{'command':<{width}} {'median':>8} {'vs pass':>8} {'vs import sqlalchemy':>21}"
        f" {'cpu':>7} {'cpu ratio':>10}   ({runs} runs each)"
    )
    for command in commands:
        median, cpu = medians[command.name], cpus[command.name]
        over = command.target and cpu / ref_cpu > TARGET
        mark = f"  (over {TARGET:.1f}x)" if over else ""
        print(
            f"{command.name:<{width}} {median * 1000:>6.0f}ms {median / base:>7.1f}x"
            f" {median / ref:>20.2f}x {cpu * 1000:>5.0f}ms {cpu / ref_cpu:>9.2f}x{mark}"
        )
    if before:  # side by side, CPU ratios: the Markdown table of docs/benchmarks.md
        print(f"\n| command | before: cpu | ratio | after: cpu | ratio (target <= {TARGET}) |")
        print("| --- | --- | --- | --- | --- |")
        for command in commands:
            old = f"{command.name} (before)"
            if not command.target or command.name.endswith("(before)") or old not in cpus:
                continue
            print(
                f"| `{command.name}` | {cpus[old] * 1000:.0f} ms | {cpus[old] / ref_cpu:.2f}x"
                f" | {cpus[command.name] * 1000:.0f} ms | {cpus[command.name] / ref_cpu:.2f}x |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", type=Path, metavar="DIR", help="another checkout")
    parser.add_argument("--only", nargs="+", metavar="TEXT", help="commands containing TEXT")
    args = parser.parse_args()
    baseline = args.baseline.resolve() if args.baseline else None
    names = [n for n in read_commands() if not args.only or any(text in n for text in args.only)]
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
        commands = _commands(tmp, names, baseline)
        # Untimed: the workspace(s), then one run of each command (warm caches).
        _workspace(ROOT, tmp / "ws.sqlite", tmp / "after", env)
        if baseline is not None:
            _workspace(baseline, tmp / "baseline.sqlite", tmp / "before", env)
        for command in commands:
            command.run(env)
        for _ in range(args.runs):
            for command in commands:
                wall, cpu = command.run(env)
                command.samples.append(wall)
                command.cpu.append(cpu)
    _report(commands, args.runs, baseline is not None)


if __name__ == "__main__":
    main()
