"""Commands on whole workspaces: copy one between engines (SQLite ⇄ PostgreSQL), see its
schema revision, upgrade it explicitly."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from planner.cli.commands import Adder, confirmed, open_planner
from planner.domain.words import counted

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers


def workspace_copy(args: argparse.Namespace) -> int:
    from planner.bootstrap import data_dir
    from planner.services.workspace_copy import copy_workspace

    planner = open_planner(args)
    report = copy_workspace(args.src, args.dst, planner.catalog, data_dir(), planner.today())
    print(
        f"copied {counted(len(report.plans), 'plan')} ({', '.join(report.plans) or 'none'}), "
        f"{report.rows} rows and the pseudonym key; every plan exports identically",
        file=sys.stderr,
    )
    return 0


def workspace_version(args: argparse.Namespace) -> int:
    from planner.bootstrap import default_db
    from planner.services.workspace_schema import display_url, workspace_status

    db = args.db or default_db()
    state = workspace_status(db)
    if state.revision is None:
        verdict = f"empty: planner creates its tables at {state.head} when it first opens it"
    elif state.needs_upgrade:
        verdict = "upgrade needed: planner workspace upgrade (or open it with this planner)"
    else:
        verdict = "up to date"
    print(f"workspace: {display_url(db)}")
    print(f"revision:  {state.label}")
    print(f"head:      {state.head}")
    print(verdict)
    return 0


def workspace_upgrade(args: argparse.Namespace) -> int:
    from planner.bootstrap import default_db
    from planner.services.workspace_schema import (
        display_url,
        keeps_a_copy,
        upgrade_workspace,
        workspace_status,
    )

    db = args.db or default_db()
    url = display_url(db)
    if not args.yes and not keeps_a_copy(db):
        # A shared database: everyone on the older release is locked out afterwards.
        state = workspace_status(db)
        if state.needs_upgrade and state.revision is not None:
            question = (
                f"Upgrade {url} from {state.label} to {state.head} in place (no copy is kept; "
                "planners of the older release cannot open it afterwards)?"
            )
            if not confirmed(f"not upgrading {url}", question, f"{url} kept at {state.label}"):
                return 1
    result = upgrade_workspace(db)
    if not result.changed:
        print(f"{url} is already at {result.after}: nothing to do", file=sys.stderr)
    elif result.before.revision is None:
        print(f"{url}: created at {result.after}", file=sys.stderr)
    else:
        kept = f"backup: {result.backup}" if result.backup else "no file copy (not SQLite)"
        print(f"upgraded {url}: {result.before.label} -> {result.after} ({kept})", file=sys.stderr)
    return 0


def add_parsers(sub: Subparsers, add: Adder) -> None:
    workspace = sub.add_parser("workspace", help="whole workspaces")
    actions = workspace.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add(
        "copy",
        "copy a workspace (plans, evidence, key) into an empty one, e.g. from "
        "SQLite to PostgreSQL; verified by exporting every plan",
        workspace_copy,
        actions,
        writes=True,
    )
    p.add_argument("src", metavar="SRC", help="path or SQLAlchemy URL")
    p.add_argument("dst", metavar="DST", help="path or SQLAlchemy URL (empty)")
    add(
        "version",
        "show the workspace's schema revision, this planner's, and whether an upgrade is "
        "due (changes nothing)",
        workspace_version,
        actions,
        writes=False,
    )
    p = add(
        "upgrade",
        "upgrade the workspace's schema to this planner's revision, in one transaction; "
        "a SQLite file is first copied beside itself (NAME.bak-REVISION); a database on "
        "a server is upgraded after you confirm",
        workspace_upgrade,
        actions,
        writes=True,
    )
    p.add_argument(
        "--yes",
        "-y",
        action="store_true",
        help="upgrade a database on a server without asking (for scripts)",
    )
