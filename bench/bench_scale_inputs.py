"""Large inputs (issue 16): a 60,000-tool plan import, and a workspace of 20,000 plans.

    python bench/bench_scale_inputs.py [--tools 60000 --plans 20000 --runs 3]

1. ``planner plan import`` of a generated plan (60,000 tools, 500 pilots, 5,000 training
   milestones, ~24 MB), as a fresh process, against the reference of a plain C-loader
   load plus a raw sqlite3 executemany of the same rows (also a fresh process), alternated;
   medians, the ratio, and each side's peak RSS. Targets: ratio <= 2, peak <= 250 MB.
2. ``planner plan list`` and the TUI's first screen (the plan switcher) on a workspace of
   20,000 plans, against the same on a workspace of 2 plans, alternated. Target: < 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

REFERENCE = """
import sqlite3, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from bench_plan_io import _reference_import
_reference_import(Path(sys.argv[1]).read_text(encoding="utf-8"), Path(sys.argv[2]))
"""


def _run_child(cmd: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    quiet = [
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    pid = os.posix_spawn(cmd[0], cmd, dict(os.environ), file_actions=quiet)
    _, status, usage = os.wait4(pid, 0)
    took = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd[:5])} failed")
    return took, usage.ru_maxrss // 1024


def bench_import(tools: int, runs: int, tmp: Path) -> None:
    from gen_large_plan import large_plan

    from planner.adapters.yamlsafe import dump_yaml

    plan = tmp / "large.yaml"
    plan.write_text(dump_yaml(large_plan(tools, 500, 5000)), encoding="utf-8")
    ours_t, ours_m, ref_t, ref_m = [], [], [], []
    for i in range(runs):
        db = tmp / f"import-{i}.sqlite"
        t, m = _run_child(
            [sys.executable, "-m", "planner", "plan", "import", str(plan), "--db", str(db)]
        )
        ours_t.append(t)
        ours_m.append(m)
        t, m = _run_child(
            [sys.executable, "-c", REFERENCE, str(plan), str(tmp / f"ref-{i}.sqlite"), str(HERE)]
        )
        ref_t.append(t)
        ref_m.append(m)
    a, b = statistics.median(ours_t), statistics.median(ref_t)
    size = plan.stat().st_size / 1e6
    print(f"plan import: {tools:,} tools, 500 pilots, 5,000 milestones, {size:.1f} MB, {runs} runs")
    print(f"  reference (CSafeLoader + executemany) {b:7.2f} s   peak {max(ref_m):4d} MB")
    print(f"  planner plan import                   {a:7.2f} s   peak {max(ours_m):4d} MB")
    print(f"  ratio {a / b:.2f}  (target <= 2; peak target <= 250 MB)")


def _workspace(path: Path, plans: int) -> None:
    from sqlalchemy import insert

    from planner.adapters.tables import PlanRecord
    from planner.bootstrap import Settings, bootstrap

    app = bootstrap(Settings(db=str(path)))
    rows = [
        {"name": f"plan-{i:05d}", "start": dt.date(2027, 1, 4), "organisation": f"Org {i}"}
        for i in range(plans)
    ]
    with app.workspace.write() as session:
        session.execute(insert(PlanRecord), rows)
    app.close()


async def _open_tui(db: Path) -> float:
    from planner.bootstrap import Settings, bootstrap
    from planner.tui.app import PlannerApp
    from planner.tui.screens.modals import PlanSwitcher

    start = time.perf_counter()
    app = PlannerApp(bootstrap(Settings(db=str(db))))
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, PlanSwitcher):
            await pilot.pause()
        await pilot.pause()
        took = time.perf_counter() - start
    app.planner.close()
    return took


def bench_plans(plans: int, runs: int, tmp: Path) -> None:
    many, few = tmp / "many.sqlite", tmp / "few.sqlite"
    _workspace(many, plans)
    _workspace(few, 2)
    cli: dict[str, list[float]] = {"few": [], "many": []}
    tui: dict[str, list[float]] = {"few": [], "many": []}
    for _ in range(runs):
        for label, db in (("few", few), ("many", many)):
            cmd = [sys.executable, "-m", "planner", "plan", "list", "--db", str(db)]
            cli[label].append(_run_child(cmd)[0])
            tui[label].append(asyncio.run(_open_tui(db)))
    print(f"{plans:,} plans against 2, {runs} runs (medians):")
    for name, samples in (("planner plan list", cli), ("TUI open + plan switcher", tui)):
        a, b = statistics.median(samples["many"]), statistics.median(samples["few"])
        print(f"  {name:<26} {b:6.2f} s -> {a:6.2f} s   ({a / b:.2f}x; target < 1 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tools", type=int, default=60_000)
    parser.add_argument("--plans", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_DATA_HOME"] = tmp  # keys and caches of the runs stay in there
        bench_import(args.tools, args.runs, Path(tmp))
        bench_plans(args.plans, args.runs, Path(tmp))


if __name__ == "__main__":
    main()
