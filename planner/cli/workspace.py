"""Commands on whole workspaces: copy one between engines (SQLite ⇄ PostgreSQL)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from planner.cli.commands import Adder, _planner

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers


def workspace_copy(args: argparse.Namespace) -> int:
    from planner.bootstrap import data_dir
    from planner.services.workspace_copy import copy_workspace

    planner = _planner(args)
    report = copy_workspace(args.src, args.dst, planner.catalog, data_dir(), planner.today())
    print(
        f"copied {len(report.plans)} plan(s) ({', '.join(report.plans) or 'none'}), "
        f"{report.rows} rows and the pseudonym key; every plan exports identically",
        file=sys.stderr,
    )
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
    )
    p.add_argument("src", metavar="SRC", help="path or SQLAlchemy URL")
    p.add_argument("dst", metavar="DST", help="path or SQLAlchemy URL (empty)")
