"""The commands that open the TUI: ``planner tui`` (and ``planner`` alone) and
``planner demo``. The only CLI module that imports Textual, and only when it runs."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from planner.cli.commands import Adder, confirm, open_planner

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers


def tui(args: argparse.Namespace) -> int:
    from planner.tui.app import run_app

    run_app(open_planner(args, ask_upgrade=True))
    return 0


def demo(args: argparse.Namespace) -> int:
    from planner.bootstrap import demo_db
    from planner.services.demo import DEMO_PLAN, build_demo
    from planner.services.plans import delete_plan, list_plans

    db = args.db or demo_db()
    planner = open_planner(args, db=db)
    build = True
    if any(p.name == DEMO_PLAN for p in list_plans(planner.workspace)):
        build = args.yes or confirm(f"Reset the demo plan in {planner.workspace.url}?")
        if build:
            delete_plan(planner.workspace, DEMO_PLAN)
    if build:
        plan = build_demo(
            planner.workspace, planner.catalog, planner.pseudonym_key, planner.today()
        )
        print(f"demo workspace ready: {db} (plan '{plan.name}')", file=sys.stderr)
    if args.no_tui:
        return 0
    from planner.tui.app import run_app

    run_app(planner)
    return 0


def tui_arguments(args: argparse.Namespace) -> argparse.Namespace:
    """``planner`` with no command is ``planner tui``, declared as it is."""
    args.handler, args.writes, args.creates, args.owns_terminal = tui, True, True, True
    return args


def add_parsers(sub: Subparsers, add: Adder) -> None:
    p = add("tui", "open the TUI on the workspace", tui, sub, writes=True, creates=True)
    p.set_defaults(owns_terminal=True)
    p = add(
        "demo",
        "build the demo workspace and open the TUI on it",
        demo,
        sub,
        writes=True,
        creates=True,
    )
    p.set_defaults(owns_terminal=True)
    p.add_argument("--no-tui", action="store_true", help="only build the demo workspace")
    p.add_argument("--yes", "-y", action="store_true", help="reset an existing demo without asking")
