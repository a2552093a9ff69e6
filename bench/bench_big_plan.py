"""Every command and TUI screen on big plans, against a small plan, in one run.

    python bench/bench_big_plan.py [--sizes 5000,60000] [--runs 3] [--timeout 120]
                                   [--tree DIR] [--only WORD] [--no-tui] [--plans DIR]

Generates plans of 50 tools (the reference) and of each ``--sizes`` tools
(``bench/gen_large_plan.py``: 500 pilots, 5,000 training milestones, a licence contract per
200 tools and an exit plan per 300; 5 pilots, 50 milestones, 2 contracts and 1 exit plan for
the reference), imports each once (``planner plan import``), then runs, alternated in each
run, every read command (``COMMANDS``) on every plan in a fresh process (start-up included),
then the writes: the three-way re-import of the plan's own export with one edit, on a copy
of the workspace; then each TUI screen (keys 1-7) and each dialog that reads the plan (the
Organisation profile, ``o`` on the Dashboard; the data-protection form, its next action) in
a fresh headless process (``App.run_test`` at 120x40), timed from the key until the screen
shows its first page (rows in a table; the Dashboard from the app's start until its next
actions show; the Review until its status line does; a screen whose tables are empty, until
its summary line does; a dialog, until it is up), the process then waiting until every
worker is done and every table holds all its rows (a table shown a page at a time: its
page). The tabs of a screen are filled by its one read, so they are counted with it. Prints,
per command and plan, the median wall time, its ratio to the same command on the 50-tool
plan and to ``python -c "import sqlalchemy"``, the CPU time (user + system) and the peak RSS
of the process (``os.wait4``). A command still running after ``--timeout`` seconds is
stopped and shown as ``>timeout``.

Every process runs in the temporary directory (``python -c`` puts the working directory
first on ``sys.path``). ``--tree DIR`` runs another checkout's ``planner`` (say ``git
worktree add /tmp/before main``) on the same plans: the before figures. Target: every
command and screen on the 60,000-tool plan within 10 s and 300 MB (a missed one is marked
``*``). ``--plans DIR`` keeps the generated plans there and reuses them in the next run
(making the 60,000-tool plan takes minutes). A benchmark only: nothing fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

REFERENCE_TOOLS = 50
COMMANDS = {
    "plan report md": ["plan", "report", "--format", "md", "-o", "{out}.md"],
    "plan report html": ["plan", "report", "--format", "html", "-o", "{out}.html"],
    "inventory report": ["inventory", "report"],
    "tools list": ["tools", "list"],
    "plan show": ["plan", "show"],
    "candidates": ["candidates"],
    "costs": ["costs"],
    "timeline": ["timeline"],
    "vendors list": ["vendors", "list"],
    "pilot list": ["pilot", "list"],
    "training list": ["training", "list"],
    "plan export": ["plan", "export", "-o", "{out}.yaml"],
    "plan list": ["plan", "list"],
    "tools show": ["tools", "show", "tool-00042"],
    "inventory export": ["inventory", "export", "--csv", "{out}.csv"],
    "feature list": ["feature", "list"],
    "risks list": ["risks", "list"],
    "needs": ["needs"],
    "audience list": ["audience", "list"],
    "discover hosts": ["discover", "hosts"],
    "rollout show": ["rollout", "show"],
    "readiness list": ["readiness", "list"],
    "privacy record": ["privacy", "record"],
    "contract list": ["contract", "list"],
    "exit list": ["exit", "list"],
    # Writes, last: the three-way re-import of the plan's own export (made by "plan
    # export" above) with one tool's owner edited, into a copy of the workspace.
    "plan import (3-way)": ["plan", "import", "{out}.edited.yaml"],
}
# Commands that write: each runs on a copy of the plan's workspace, made before it.
WRITES = {"plan import (3-way)"}
# The TUI's screens: each in a fresh process, headless (App.run_test), timed from the key
# until the screen shows and its first table has rows (or, for a screen filled by a worker,
# its first page): what a user waits for.
SCREEN_KEYS = {
    "TUI 1 Dashboard": "1",
    "TUI 2 Discover": "2",
    "TUI 3 Inventory": "3",
    "TUI 4 Pilots": "4",
    "TUI 5 Rollout": "5",
    "TUI 6 Review": "6",
    "TUI 7 Money": "7",
    # The dialogs that read the plan: from the key that opens them until they are up.
    "TUI o Organisation": "1:o",
    "TUI Privacy form": "1:privacy",
}
TUI_CHILD = """
import asyncio, sys, time
from planner.bootstrap import Settings, bootstrap
from planner.tui.app import PlannerApp, SCREENS
from textual.screen import ModalScreen
from textual.widgets import DataTable, OptionList, Static

def shown(app):
    # A dialog that is up; rows in a table, the dashboard's next actions; the review's
    # status line, or a summary line (a screen whose tables are empty says so there).
    if isinstance(app.screen, ModalScreen):
        return True
    if any(t.row_count for t in app.screen.query(DataTable)):
        return True
    if any(o.option_count for o in app.screen.query(OptionList)):
        return True
    return any(str(s.render()).strip() for s in app.screen.query("#review-status, .summary"))

def filled(table):
    # A table of the row model holds its rows (a paged one: its page's) or is filtered.
    if getattr(table, "query_text", ""):
        return True
    rows = getattr(table, "page_rows", getattr(table, "all_rows", None))
    return rows is None or table.row_count == len(rows)

async def main(db, key, timeout):
    key, _, then = key.partition(":")
    start = time.perf_counter()  # the dashboard: from the start of the app
    app = PlannerApp(bootstrap(Settings(db=db)))
    async with app.run_test(size=(120, 40)) as pilot:
        mode = list(SCREENS)[int(key) - 1]
        if key != "1" or then:
            await pilot.pause()
            if then:  # a dialog of the screen: once the screen has read everything
                await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause()
            start = time.perf_counter()
            if then == "privacy":  # the dashboard's next action "record it here"
                app.screen.record_data_protection()
            else:
                await pilot.press(then or key)
        while time.perf_counter() - start < timeout:
            await pilot.pause(0.02)
            if (then or app.current_mode == mode) and shown(app):
                break
        first = time.perf_counter() - start
        # Then until every worker is done and every table holds all its rows: the peak
        # RSS counts the whole screen, not its first page only.
        await app.workers.wait_for_complete()
        while time.perf_counter() - start < timeout:
            await pilot.pause(0.05)
            if all(filled(t) for t in app.screen.query(DataTable)):
                break
        print(time.perf_counter() - start, first)

asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3])))
"""
SQLALCHEMY = "import sqlalchemy"
LAST_CPU = [0.0]  # the CPU seconds of the process run last


def run(
    argv: list[str], env: dict[str, str], timeout: float, *, timed: bool = False
) -> tuple[float | None, int]:
    """(wall seconds or None when stopped at ``timeout``, peak RSS in MB) of one process;
    with ``timed`` the seconds are the ones the process prints (a TUI screen's wait).
    The process's CPU time (user + system) goes to ``LAST_CPU``."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv,
        env=env,
        cwd=env["XDG_DATA_HOME"],
        stdout=subprocess.PIPE if timed else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            LAST_CPU[0] = usage.ru_utime + usage.ru_stime
            return None, usage.ru_maxrss // 1024
        time.sleep(0.02)
    wall = time.perf_counter() - start
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {child.stderr.read().decode()[-2000:]}")
    if timed:
        assert child.stdout is not None
        shown = float(child.stdout.read().decode().split()[-1])  # the first page
        return (shown if shown < timeout else None), usage.ru_maxrss // 1024
    return wall, usage.ru_maxrss // 1024


def build(tmp: Path, tools: int, env: dict[str, str]) -> Path:
    """Generate and import a plan, both in child processes: this one stays small, as the
    peak RSS of a child counts what it inherited at fork."""
    small = tools <= REFERENCE_TOOLS
    # Named apart from the plans made before they had contracts and exit plans.
    plan, db = tmp / f"plan{tools}-money.yaml", tmp / f"plan{tools}-money.sqlite"
    if db.exists():  # kept from an earlier run (--plans)
        return db
    gen = [sys.executable, str(HERE / "gen_large_plan.py"), str(plan), "--tools", str(tools),
           "--pilots", "5" if small else "500",
           "--training", "50" if small else "5000",
           "--contracts", str(max(2, tools // 200)),
           "--exits", str(max(1, tools // 300))]  # fmt: skip
    subprocess.run(gen, env=env, cwd=tmp, check=True, capture_output=True)
    argv = [sys.executable, "-m", "planner", "--db", str(db), "plan", "import", str(plan)]
    subprocess.run(argv, env=env, cwd=tmp, check=True, capture_output=True)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,60000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--tree", type=Path, default=HERE.parent)
    parser.add_argument("--only", help="only the commands and screens whose name has this")
    parser.add_argument("--no-tui", action="store_true", help="commands only")
    parser.add_argument("--plans", type=Path, help="keep the generated plans in this directory")
    args = parser.parse_args()
    sizes = [REFERENCE_TOOLS, *(int(s) for s in args.sizes.split(","))]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = dict(os.environ, XDG_DATA_HOME=str(tmp), PYTHONPATH=str(args.tree.resolve()))
        env.pop("PLANNER_DB", None)
        if args.plans:
            args.plans.mkdir(parents=True, exist_ok=True)
        dbs = {n: build(args.plans or tmp, n, env) for n in sizes}
        times: dict[tuple[str, int], list[float | None]] = {}
        peaks: dict[tuple[str, int], int] = {}
        cpus: dict[tuple[str, int], list[float]] = {}
        for _ in range(args.runs):
            wall, peak = run([sys.executable, "-c", SQLALCHEMY], env, args.timeout)
            times.setdefault((SQLALCHEMY, 0), []).append(wall)
            peaks[SQLALCHEMY, 0] = max(peaks.get((SQLALCHEMY, 0), 0), peak)
            for command, words in COMMANDS.items():
                if args.only and args.only not in command:
                    continue
                for n in sizes:
                    db = _prepared(command, dbs[n], tmp / f"out{n}")
                    if db is None:
                        continue
                    argv = [sys.executable, "-m", "planner", "--db", str(db), *words]
                    argv = [a.replace("{out}", str(tmp / f"out{n}")) for a in argv]
                    wall, peak = run(argv, env, args.timeout)
                    times.setdefault((command, n), []).append(wall)
                    cpus.setdefault((command, n), []).append(LAST_CPU[0])
                    peaks[command, n] = max(peaks.get((command, n), 0), peak)
                    _progress(command, n, wall, peak)
            for screen, key in SCREEN_KEYS.items():
                if args.no_tui or (args.only and args.only not in screen):
                    continue
                for n in sizes:
                    argv = [sys.executable, "-c", TUI_CHILD, str(dbs[n]), key, str(args.timeout)]
                    wall, peak = run(argv, env, args.timeout + 60, timed=True)
                    times.setdefault((screen, n), []).append(wall)
                    cpus.setdefault((screen, n), []).append(LAST_CPU[0])
                    peaks[screen, n] = max(peaks.get((screen, n), 0), peak)
                    _progress(screen, n, wall, peak)
    report(times, cpus, peaks, sizes, args)


def _prepared(command: str, db: Path, out: Path) -> Path | None:
    """The workspace ``command`` runs on: a write gets a fresh copy of the plan's, and the
    re-import the plan's export (``plan export`` ran before it) with one tool's owner
    changed; None when that export is missing (stopped, or left out by ``--only``)."""
    if command not in WRITES:
        return db
    exported = out.with_suffix(".yaml")
    if not exported.exists():
        return None
    text = exported.read_text(encoding="utf-8")
    edited = text.replace("  owner: ", "  owner: Edited ", 1)
    out.with_suffix(".edited.yaml").write_text(edited, encoding="utf-8")
    copy = out.with_suffix(".write.sqlite")
    shutil.copyfile(db, copy)
    return copy


def _progress(name: str, tools: int, wall: float | None, peak: int) -> None:
    """Each figure on stderr as it is taken: a long run stopped early keeps what it had."""
    shown = "stopped" if wall is None else f"{wall:.2f} s"
    print(f"{name}, {tools:,} tools: {shown}, {peak} MB", file=sys.stderr, flush=True)


def _median(values: list[float | None]) -> float | None:
    """The median, a stopped run counting as the slowest; None when most were stopped."""
    ordered = sorted(values, key=lambda v: float("inf") if v is None else v)
    return ordered[len(ordered) // 2]


def report(
    times: dict[tuple[str, int], list[float | None]],
    cpus: dict[tuple[str, int], list[float]],
    peaks: dict[tuple[str, int], int],
    sizes: list[int],
    args: argparse.Namespace,
) -> None:
    base = _median(times[SQLALCHEMY, 0])
    assert base is not None
    print(f"tree {args.tree}, plans of {', '.join(f'{n:,}' for n in sizes)} tools, "
          f"{args.runs} runs, timeout {args.timeout:.0f} s")  # fmt: skip
    print(f"{'import sqlalchemy':<18} {'':>7} {base:8.2f} s {'':>10} {'1.0x':>9} "
          f"{peaks[SQLALCHEMY, 0]:5d} MB")  # fmt: skip
    header = f"{'command':<20} {'tools':>7} {'median':>10} {'vs 50':>10} {'vs sqla':>9} "
    header += f"{'CPU':>8} peak"
    header += "  (over 10 s or 300 MB at 60,000 tools: *)"
    print(header)
    for command in [*COMMANDS, *SCREEN_KEYS]:
        if (command, REFERENCE_TOOLS) not in times:
            continue
        small = _median(times[command, REFERENCE_TOOLS])
        for n in sizes:
            if (command, n) not in times:
                continue
            median = _median(times[command, n])
            if median is None:
                shown, ratio, ratio_sqla = f">{args.timeout:.0f} s", "", ""
            else:
                shown = f"{median:8.2f} s"
                ratio = f"{median / small:9.1f}x" if small else ""
                ratio_sqla = f"{median / base:8.1f}x"
            missed = n >= 60_000 and (median is None or median > 10 or peaks[command, n] > 300)
            cpu = sorted(cpus[command, n])[len(cpus[command, n]) // 2]
            print(f"{command:<20} {n:>7,} {shown:>10} {ratio:>10} {ratio_sqla:>9} "
                  f"{cpu:6.2f} s {peaks[command, n]:5d} MB{' *' if missed else ''}")  # fmt: skip


if __name__ == "__main__":
    main()
