"""The commands that open the TUI: ``planner tui`` (and ``planner`` alone) and
``planner demo``. The only CLI module that imports Textual, and only when it runs."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from planner.cli.commands import Adder, confirm, open_planner
from planner.errors import InputError

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers


def tui(args: argparse.Namespace) -> int:
    from planner.tui.app import run_app

    run_app(open_planner(args, ask_upgrade=True))
    return 0


def demo(args: argparse.Namespace) -> int:
    """Build the demo in its own workspace: --db or $PLANNER_DB when given (refused if that
    workspace holds plans of its own), else demo.sqlite in the user data directory."""
    import os

    from planner.bootstrap import ENV_DB, demo_db
    from planner.services.demo import DEMO_PLAN, build_demo
    from planner.services.plans import delete_plan, list_plans

    db = args.db or os.environ.get(ENV_DB) or demo_db()
    planner = open_planner(args, db=db)
    plans = [p.name for p in list_plans(planner.workspace, limit=2)]
    if any(name != DEMO_PLAN for name in plans):
        raise InputError(
            f"{db} holds plans of its own: the demo lives in its own workspace "
            "(give another --db, or leave --db and $PLANNER_DB out for the default)"
        )
    build = True
    if plans:
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
        "build the demo (Hexaline Industries) in its own workspace and open the TUI on it: "
        "demo.sqlite in the user data directory, or --db / $PLANNER_DB when given (never "
        "a workspace holding plans of its own); while you have no workspace of your own, "
        "the other commands and the TUI open the demo and say so",
        demo,
        sub,
        writes=True,
        creates=True,
    )
    p.set_defaults(owns_terminal=True)
    p.add_argument("--no-tui", action="store_true", help="only build the demo workspace")
    p.add_argument("--yes", "-y", action="store_true", help="reset an existing demo without asking")
