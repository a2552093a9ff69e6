"""Commands of the review loop: import a reviewed plan, diff two plan files, the report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.cli.commands import Adder, _planner

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers


def plan_import(args: argparse.Namespace) -> int:
    from planner.services.plan_import import import_plan

    planner = _planner(args)
    summary = import_plan(planner.workspace, planner.catalog, Path(args.file))
    verb = "created" if summary.created else "updated"
    print(
        f"{verb} plan '{summary.plan}' from {args.file}: {summary.tools} tools, "
        f"{summary.pilots} pilots, {summary.features} features, {summary.training} "
        "training milestones",
        file=sys.stderr,
    )
    return 0


def _load(path: str) -> dict[str, Any]:
    from planner.adapters.yamlsafe import load_yaml_file
    from planner.errors import InputError

    doc = load_yaml_file(Path(path))
    if not isinstance(doc.data, dict):
        raise InputError("not a plan file: expected a mapping", file=path, line=1)
    return doc.data


def plan_diff(args: argparse.Namespace) -> int:
    from planner.domain.plan_diff import diff_plans, show
    from planner.domain.text import visible

    changes = diff_plans(_load(args.old), _load(args.new))
    if not changes:
        print("no differences", file=sys.stderr)
        return 0
    if sys.stdout.isatty():
        from planner.cli.output import console, table

        console().print(
            table(
                f"{len(changes)} change(s): {args.old} → {args.new}",
                ["section", "id", "change", "field", "old", "new"],
                [
                    (
                        c.section,
                        c.id,
                        c.kind,
                        c.field or None,
                        show(c.old) if c.kind == "changed" else None,
                        show(c.new) if c.kind == "changed" else None,
                    )
                    for c in changes
                ],
            )
        )
    else:
        for c in changes:
            where = f"{c.section} {c.id}"
            if c.kind == "changed":
                print(visible(f"{where}: {c.field or 'value'}: {show(c.old)} -> {show(c.new)}"))
            else:
                print(visible(f"{where}: {c.kind}"))
    return 1


def plan_report(args: argparse.Namespace) -> int:
    from planner.adapters.files import write_atomic

    planner = _planner(args)
    since = Path(args.since) if args.since else None
    if args.format == "html":
        from planner.services.report_html import render_html

        text = render_html(planner.workspace, planner.catalog, args.name, planner.today(), since)
    else:
        from planner.errors import InputError
        from planner.services.report import render_markdown

        if since is not None:
            raise InputError("--since needs --format html")
        text = render_markdown(planner.workspace, planner.catalog, args.name, planner.today())
    if args.output and args.output != "-":
        write_atomic(Path(args.output), text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def add_parsers(plan: Subparsers, add: Adder) -> None:
    p = add(
        "import",
        "create or update a plan from a (reviewed) plan file, all or nothing",
        plan_import,
        plan,
    )
    p.add_argument("file")
    p = add(
        "diff", "what changed between two plan files (exit 1 when they differ)", plan_diff, plan
    )
    p.add_argument("old")
    p.add_argument("new")
    p = add(
        "report",
        "the review pack: Markdown, or one self-contained HTML page with charts",
        plan_report,
        plan,
    )
    p.add_argument("name", nargs="?")
    p.add_argument("--format", choices=["md", "html"], default="md")
    p.add_argument("-o", "--output", metavar="FILE", help="default: stdout")
    p.add_argument(
        "--since",
        metavar="FILE",
        help="a plan file (an earlier export): the HTML report shows what changed since",
    )
