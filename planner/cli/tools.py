"""Commands on the plan's tools: list, show, add by hand, set (classify and edit)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from planner.cli.commands import PLAN_HELP, Adder, add_format_option, open_planner
from planner.cli.record_options import add_field_options, field_values
from planner.domain.plan import TOOL_FIELDS
from planner.domain.words import counted

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers
    from planner.domain.plan import Tool


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    changes = field_values(args, TOOL_FIELDS)
    for key, value in changes.items():
        if TOOL_FIELDS[key].value == "list":
            changes[key] = [part.strip() for part in value]
    if getattr(args, "name", None) is not None:
        changes["name"] = args.name
    return changes


def tools_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.services.listings import count_tools, iter_tools

    # Streamed from the database: a 60,000-tool plan is listed as it is read, never held
    # whole (nor laid out as one table) in memory.
    ws = open_planner(args).workspace
    count = count_tools(ws, args.plan)
    rows = (
        (
            t.slug,
            t.name,
            t.product,
            t.category.value if t.category else None,
            t.status.value + ("" if t.classified else "?"),
            t.users,
            t.blocked,
            t.departments,
            t.purposes,
        )
        for t in iter_tools(ws, args.plan)
    )
    keys = ["id", "name", "product", "category", "status", "classified", "users", "blocked"]
    keys += ["departments", "purposes", "owner", "sources", "first_seen", "last_seen"]
    records = (
        {
            "id": t.slug,
            "name": t.name,
            "product": t.product,
            "category": t.category,
            "status": t.status,
            "classified": t.classified,
            "users": t.users,
            "blocked": t.blocked,
            "departments": t.departments,
            "purposes": t.purposes,
            "owner": t.owner,
            "sources": t.sources,
            "first_seen": t.first_seen,
            "last_seen": t.last_seen,
        }
        for t in iter_tools(ws, args.plan)
    )
    listing(
        args,
        f"{counted(count, 'tool')} (? = status not yet decided)",
        records,
        keys,
        rows=rows,
        columns=[
            "id",
            "name",
            "product",
            "category",
            "status",
            "users",
            "blocked",
            "departments",
            "purposes",
        ],
    )
    return 0


def _show(tool: Tool, instead: str | None = None) -> None:
    from planner.cli.output import console, table

    rows = [
        ("name", tool.name),
        ("product", tool.product),
        ("category", tool.category.value if tool.category else None),
        ("status", tool.status.value),
        ("classified", "yes" if tool.classified else "no"),
        ("owner", tool.owner),
        ("purposes", tool.purposes),
        ("departments", tool.departments),
        ("users (logs)", tool.log_users),
        ("users (surveys)", tool.survey_users),
        ("requests", tool.requests),
        ("bytes", tool.bytes),
        ("blocked attempts", tool.blocked),
        ("sources", tool.sources),
        ("first seen", tool.first_seen),
        ("last seen", tool.last_seen),
        ("notes", tool.notes),
        ("version", tool.version),
    ]
    if instead is not None:
        rows.insert(4, ("offer instead", instead))
    console().print(table(tool.slug, ["field", "value"], rows))


def tools_show(args: argparse.Namespace) -> int:
    from planner.cli.output import console, table
    from planner.services.tools import get_tool, tool_comments

    planner = open_planner(args)
    ws = planner.workspace
    tool = get_tool(ws, args.plan, args.tool)
    instead = None
    if tool.status.value in ("unofficial", "banned"):
        from planner.services.inventory import offer_instead

        found = offer_instead(ws, planner.catalog, args.plan).get(tool.slug)
        instead = f"{found.offer} ({found.why})" if found else "nothing fits yet"
    _show(tool, instead)
    comments = tool_comments(ws, args.plan, tool.slug)
    if comments:
        console().print(table("survey comments", ["department", "comment"], comments))
    return 0


def tools_set(args: argparse.Namespace) -> int:
    from planner.domain.records.inventory import ToolChanges
    from planner.errors import InputError
    from planner.services.tools import update_tool

    changes = _changes(args)
    if not changes:
        raise InputError("nothing to change: give --status, --owner, --purposes, …")
    planner = open_planner(args)
    tool = update_tool(
        planner.workspace,
        planner.catalog,
        args.plan,
        args.tool,
        ToolChanges(**changes),
        expected_version=args.if_version,
    )
    print(f"updated {tool.slug}", file=sys.stderr)
    return 0


def tools_add(args: argparse.Namespace) -> int:
    from planner.domain.records.inventory import ToolChanges
    from planner.services.tools import add_tool

    planner = open_planner(args)
    changes = _changes(args)
    name = str(changes.pop("name"))
    tool = add_tool(
        planner.workspace,
        planner.catalog,
        args.plan,
        name,
        ToolChanges(**changes),
        users=args.users,
    )
    print(
        f"added {tool.slug}"
        + (f" (catalog: {tool.product})" if tool.product else " (custom tool)")
        + (f", {counted(tool.users, 'user')}" if args.users else ""),
        file=sys.stderr,
    )
    return 0


def tools_merge(args: argparse.Namespace) -> int:
    from planner.services.tool_merge import merge_tools

    planner = open_planner(args)
    merged = merge_tools(planner.workspace, planner.catalog, args.plan, args.source, args.target)
    took = merged.took.words()
    tool = merged.tool
    print(
        f"merged {args.source} into {tool.slug}: {counted(tool.users, 'user')}"
        f" (each counted once)" + (f"; moved {', '.join(took)}" if took else ""),
        file=sys.stderr,
    )
    return 0


def tools_delete(args: argparse.Namespace) -> int:
    from planner.cli.commands import confirmed
    from planner.services.tool_merge import delete_tool, tool_dependents

    planner = open_planner(args)
    tool, goes = tool_dependents(planner.workspace, args.plan, args.tool)
    with_it = goes.words()
    what = f" with {', '.join(with_it)}" if with_it else ""
    hosts = " (its hosts go back to triage)" if goes.hosts else ""
    question = f"Delete tool '{tool.name}'{what}{hosts}?"
    if not args.yes and not confirmed(
        f"not deleting tool '{tool.slug}'{what}", question, f"tool '{tool.slug}' kept"
    ):
        return 1
    deleted = delete_tool(planner.workspace, planner.catalog, args.plan, args.tool)
    print(
        f"deleted tool '{deleted.slug}'"
        + (f" with {', '.join(with_it)}" if with_it else "")
        + (f"; {deleted.returned}" if deleted.returned.hosts else ""),
        file=sys.stderr,
    )
    return 0


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value}")
    return value


def _edit_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    add_field_options(p, TOOL_FIELDS)


def add_parsers(sub: Subparsers, add: Adder) -> None:
    tools = sub.add_parser(
        "tools", help="Phases 1-2a: the tools found in use, classified"
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add("list", "list the plan's tools", tools_list, tools, writes=False)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    add_format_option(p)
    p = add("show", "show one tool", tools_show, tools, writes=False)
    p.add_argument("tool", metavar="ID", help="the tool's id (see tools list)")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("set", "classify or edit a tool", tools_set, tools, writes=True)
    p.add_argument("tool", metavar="ID", help="the tool's id (see tools list)")
    p.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        help="refuse if the tool changed since version N (see tools show)",
    )
    p.add_argument("--name", help="a new name")
    _edit_options(p)
    p = add("add", "add a tool people told you about", tools_add, tools, writes=True)
    p.add_argument("name", metavar="NAME", help="the tool's name (matched to the catalog)")
    p.add_argument(
        "--users",
        type=_count,
        metavar="N",
        help="how many people use it, by what they told you (kept like a survey answer)",
    )
    _edit_options(p)
    p = add(
        "merge",
        "merge one tool into another (two names for one tool): evidence, people, purposes "
        "and history kept, each person counted once",
        tools_merge,
        tools,
        writes=True,
    )
    p.add_argument("source", metavar="FROM", help="the tool that goes (see tools list)")
    p.add_argument("target", metavar="INTO", help="the tool that stays")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add(
        "delete",
        "delete a tool with its survey answers, rules, contracts and exit steps; its hosts "
        "go back to triage",
        tools_delete,
        tools,
        writes=True,
    )
    p.add_argument("tool", metavar="ID", help="the tool's id (see tools list)")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p.add_argument("--yes", "-y", action="store_true", help="delete without asking (for scripts)")
