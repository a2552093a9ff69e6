"""Commands of the review loop: import a reviewed plan, diff two plan files, the report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.cli.commands import Adder, add_plan_name, open_planner, plan_name
from planner.domain.words import counted

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers


def _print_changes(changes: list[Any], prefix: str = "  ") -> None:
    from planner.domain.plan_diff import show
    from planner.domain.text import visible

    for c in changes:
        if c.kind == "changed":
            line = f"{c.section} {c.id} {c.field}: {show(c.old)} -> {show(c.new)}"
        else:
            line = f"{c.section} {c.id}: {c.kind}"
        print(prefix + visible(line), file=sys.stderr)


def plan_import(args: argparse.Namespace) -> int:
    from planner.domain.text import visible
    from planner.services.plan_import import ImportResult, import_plan

    planner = open_planner(args)

    def before_replace(result: ImportResult) -> None:
        print(
            f"{args.file} records no base (written by hand or by another workspace): "
            f"it replaces the content of plan '{visible(result.plan)}':",
            file=sys.stderr,
        )
        _print_changes(result.changes)

    take = "theirs" if args.theirs else "ours" if args.ours else None
    result = import_plan(
        planner.workspace,
        planner.catalog,
        Path(args.file),
        today=planner.today(),
        take=take,
        before_replace=before_replace,
    )
    for note in result.notes:
        print(visible(str(note)), file=sys.stderr)
    if result.conflicts and take is None:
        for conflict in result.conflicts:
            print(visible(str(conflict)), file=sys.stderr)
        print(
            f"{counted(len(result.conflicts), 'conflict')}: nothing written; import again with "
            "--theirs (the file wins) or --ours (the workspace wins), or merge in the TUI",
            file=sys.stderr,
        )
        return 2
    if result.conflicts:
        side = "the file's" if take == "theirs" else "the workspace's"
        print(
            f"{counted(len(result.conflicts), 'conflict')} settled with {side} value:",
            file=sys.stderr,
        )
        for conflict in result.conflicts:
            print("  " + visible(str(conflict)), file=sys.stderr)
    if not result.written:
        print(f"plan '{visible(result.plan)}': nothing to change", file=sys.stderr)
        return 0
    verb = "created" if result.created else "updated"
    print(
        f"{verb} plan '{visible(result.plan)}' from {args.file}: {result.describe()}",
        file=sys.stderr,
    )
    if not result.replaced:
        _print_changes(result.changes)
    return 0


def plan_validate(args: argparse.Namespace) -> int:
    from planner.errors import InputError, InputErrors
    from planner.services.plan_import import validate_plan_file

    planner = open_planner(args)  # the catalog only: the workspace is never opened
    problems = 0
    for name in args.files:
        try:
            validate_plan_file(Path(name), planner.catalog)
        except InputErrors as exc:
            problems += len(exc.errors)
            for error in exc.errors:
                print(str(error), file=sys.stderr)
        except InputError as exc:
            problems += 1
            print(str(exc) if exc.file else f"{name}: {exc}", file=sys.stderr)
        except OSError as exc:
            problems += 1
            print(f"{name}: {exc.strerror or exc}", file=sys.stderr)
    if problems:
        print(
            f"{counted(problems, 'problem')} in {counted(len(args.files), 'file')}", file=sys.stderr
        )
        return 2
    print(f"{counted(len(args.files), 'plan file')} valid", file=sys.stderr)
    return 0


def _load(path: str) -> dict[str, Any]:
    from planner.adapters.yamlsafe import load_yaml_file
    from planner.errors import InputError

    doc = load_yaml_file(Path(path))
    if not isinstance(doc.data, dict):
        raise InputError("not a plan file: expected a mapping", file=path, line=1)
    return doc.data


def _three_way(args: argparse.Namespace) -> int:
    """``plan diff FILE``: the reviewed file against the export it came from and the plan
    now, field by field, with what an import will do (exit 1 when anything differs)."""
    from planner.domain.plan_diff import show
    from planner.services.review import three_way_view

    planner = open_planner(args)
    name, exported_on, rows = three_way_view(planner.workspace, Path(args.old), planner.today())
    if not rows:
        print(f"plan '{name}': nothing changed since the export on either side", file=sys.stderr)
        return 0
    verdicts = {
        "file": "import applies the file's",
        "workspace": "kept (changed here since)",
        "same": "same change on both sides",
        "conflict": "CONFLICT",
    }
    title = (
        f"{counted(len(rows), 'change')} since the export of {exported_on}: {args.old} and '{name}'"
    )
    header = ["section", "id", "field", "exported", "workspace", "file", "on import"]
    cells = [
        (r.section, r.id, r.field or r.kind, show(r.base), show(r.workspace), show(r.file),
         verdicts[r.verdict])
        for r in rows
    ]  # fmt: skip
    if args.format == "md":
        from planner.domain.plan_diff import _cell

        lines = [f"### {_cell(title)}", "", "| " + " | ".join(header) + " |"]
        lines.append("|" + " --- |" * len(header))
        lines += ["| " + " | ".join(_cell(str(c)) for c in row) + " |" for row in cells]
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        from planner.cli.output import console, table

        console().print(table(title, header, cells))
    return 1


def plan_diff(args: argparse.Namespace) -> int:
    from planner.domain.plan_diff import diff_plans, show
    from planner.domain.text import visible

    if args.new is None:
        return _three_way(args)
    changes = diff_plans(_load(args.old), _load(args.new))
    if not changes:
        print("no differences", file=sys.stderr)
        return 0
    if args.format == "md":
        from planner.domain.plan_diff import markdown

        sys.stdout.write(markdown(changes, args.old, args.new))
    elif sys.stdout.isatty():
        from planner.cli.output import console, table

        console().print(
            table(
                f"{counted(len(changes), 'change')}: {args.old} → {args.new}",
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
    from planner.cli.output import write_output

    planner = open_planner(args)
    since = Path(args.since) if args.since else None
    if args.format == "html":
        from planner.services.report_html import render_html

        text = render_html(
            planner.workspace, planner.catalog, plan_name(args), planner.today(), since
        )
    else:
        from planner.errors import InputError
        from planner.services.report import render_markdown

        if since is not None:
            raise InputError("--since needs --format html")
        text = render_markdown(planner.workspace, planner.catalog, plan_name(args), planner.today())
    write_output(text, args.output)
    return 0


def add_parsers(plan: Subparsers, add: Adder) -> None:
    p = add(
        "import",
        "create or update a plan from a (reviewed) plan file, all or nothing",
        plan_import,
        plan,
        writes=True,
        creates=True,
    )
    p.add_argument("file", metavar="FILE", help="the plan file (YAML) to import")
    side = p.add_mutually_exclusive_group()
    side.add_argument("--theirs", action="store_true", help="on a conflict, the file's value wins")
    side.add_argument(
        "--ours", action="store_true", help="on a conflict, the workspace's value wins"
    )
    p = add(
        "validate",
        "every check of import (schema, references, catalog), writing nothing",
        plan_validate,
        plan,
        writes=False,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="plan files (YAML) to check")
    p = add(
        "diff",
        "what changed between two plan files; with one reviewed file, a three-way view "
        "against its export and the plan now (exit 1 when they differ)",
        plan_diff,
        plan,
        writes=False,
    )
    p.add_argument(
        "old",
        metavar="OLD",
        help="the earlier plan file (YAML); alone: the reviewed file, compared three ways",
    )
    p.add_argument(
        "new", metavar="NEW", nargs="?", help="the later plan file, e.g. the reviewed one"
    )
    p.add_argument(
        "--format",
        choices=["text", "md"],
        default="text",
        help="md: a Markdown table per section, for a merge-request comment",
    )
    p = add(
        "report",
        "the review pack: Markdown, or one self-contained HTML page with charts",
        plan_report,
        plan,
        writes=False,
    )
    add_plan_name(p)
    p.add_argument("--format", choices=["md", "html"], default="md", help="md (default) or html")
    p.add_argument("-o", "--output", metavar="FILE", help="default: stdout")
    p.add_argument(
        "--since",
        metavar="FILE",
        help="a plan file (an earlier export): the HTML report shows what changed since",
    )
