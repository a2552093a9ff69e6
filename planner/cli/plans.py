"""``planner plan``: plans in the workspace (new, list, show, set, export, use, delete,
rename; import, validate, diff and report are in ``plan_review``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.commands import (
    Adder,
    add_format_option,
    add_plan_name,
    confirmed,
    iso_date,
    open_planner,
    plan_name,
)
from planner.domain.words import counted

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers
    from planner.domain.plan import Plan


def plan_new(args: argparse.Namespace) -> int:
    from planner.services.plans import create_plan

    planner = open_planner(args)
    plan = create_plan(planner.workspace, args.name, args.start, args.organisation, args.owner)
    print(f"created plan '{plan.name}' starting {plan.start.isoformat()}", file=sys.stderr)
    return 0


def plan_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.services.listings import count_plans, current_plan, list_plans

    ws = open_planner(args).workspace
    limit = args.limit or None  # 0: all of them
    plans = list_plans(ws, limit=limit, offset=args.offset)
    total = count_plans(ws) if limit is not None or args.offset else len(plans)
    current = current_plan(ws)
    title = counted(total, "plan")
    if len(plans) < total:
        title += f", {args.offset + 1}-{args.offset + len(plans)} shown (--limit, --offset)"
    if current is not None:
        title += " (* = current, see plan use)"
    records = [
        {
            "name": p.name,
            "organisation": p.organisation,
            "owner": p.owner,
            "start": p.start,
            "current": p.name == current,
        }
        for p in plans
    ]
    listing(
        args,
        title,
        records,
        ["name", "organisation", "owner", "start", "current"],
        rows=[
            (("* " if r["current"] else "") + p.name, p.organisation, p.start.isoformat())
            for r, p in zip(records, plans, strict=True)
        ],
        columns=["name", "organisation", "start"],
    )
    return 0


def plan_show(args: argparse.Namespace) -> int:
    from planner.cli.next_actions import describe
    from planner.cli.output import cell, console, table
    from planner.services.plans import overview

    planner = open_planner(args)
    view = overview(planner.workspace, plan_name(args), planner.today(), planner.catalog)
    out = console()
    title = (
        f"{view.plan.name} — {view.plan.organisation or 'no organisation'}, "
        f"starts {view.plan.start.isoformat()}"
    )
    out.print(
        table(
            title,
            ["phase", "from", "due", "progress", "status"],
            [
                (
                    s.phase.label,
                    s.starts.isoformat(),
                    s.due.isoformat(),
                    f"{s.progress:.0%}",
                    s.status.value,
                )
                for s in view.phases
            ],
        )
    )
    out.print(cell(profile_line(view.plan)))
    for action in view.actions:
        out.print(cell(f"• {describe(action)}"))
    return 0


def profile_line(plan: Plan) -> str:
    """The organisation's profile in one line: what the ranking and the data-protection
    step are told about it."""
    suites = ", ".join(plan.suites) or "no suite declared (plan set --suites)"
    countries = ", ".join(plan.countries) or "no country declared (plan set --countries)"
    staff = f"{plan.employees:,} employees" if plan.employees else "head-count unknown"
    residency = "EU residency " + ("required" if plan.eu_residency_required else "not required")
    return f"Organisation: {suites}; {countries}; {staff}; {residency}"


def _csv_arg(value: str | None) -> list[str] | None:
    return None if value is None else [v.strip() for v in value.split(",") if v.strip()]


def plan_set(args: argparse.Namespace) -> int:
    from planner.services.plans import update_plan

    residency = None if args.eu_residency is None else args.eu_residency == "required"
    plan = update_plan(
        open_planner(args).workspace,
        plan_name(args),
        organisation=args.organisation,
        owner=args.owner,
        start=args.start,
        eu_residency_required=residency,
        employees=args.employees,
        use_cases=_csv_arg(args.use_cases),
        excluded_deployments=_csv_arg(args.exclude_deployment),
        suites=_csv_arg(args.suites),
        countries=_csv_arg(args.countries),
    )
    print(f"updated plan '{plan.name}'", file=sys.stderr)
    return 0


def plan_export(args: argparse.Namespace) -> int:
    from planner.services.plan_file import export_plan
    from planner.services.user_state import chosen_folder

    planner = open_planner(args)
    output = Path(args.output) if args.output else None
    folder = chosen_folder(planner.settings.db)  # set once in the TUI, for this workspace
    target = export_plan(
        planner.workspace, plan_name(args), planner.today(), output, planner.catalog, folder
    )
    if str(target) != "-":
        print(f"wrote {target}", file=sys.stderr)
    return 0


def plan_use(args: argparse.Namespace) -> int:
    from planner.services.plans import use_plan

    plan = use_plan(open_planner(args).workspace, args.name)
    print(f"current plan: '{plan.name}' (commands given no plan act on it)", file=sys.stderr)
    return 0


def plan_delete(args: argparse.Namespace) -> int:
    from planner.services.plans import delete_plan, get_plan

    planner = open_planner(args)
    plan = get_plan(planner.workspace, args.name)
    question = f"Delete plan '{plan.name}' and everything it holds (tools, evidence, pilots)?"
    if not args.yes and not confirmed(
        f"not deleting plan '{plan.name}'", question, f"plan '{plan.name}' kept"
    ):
        return 1
    delete_plan(planner.workspace, plan.name)
    print(f"deleted plan '{plan.name}'", file=sys.stderr)
    return 0


def plan_rename(args: argparse.Namespace) -> int:
    from planner.services.plans import rename_plan

    plan = rename_plan(open_planner(args).workspace, args.old, args.new)
    print(f"renamed plan '{args.old}' to '{plan.name}'", file=sys.stderr)
    return 0


def add_parsers(sub: Subparsers, add: Adder) -> None:
    plan = sub.add_parser("plan", help="plans in the workspace").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    p = add("new", "create a plan", plan_new, plan, writes=True, creates=True)
    p.add_argument("name", metavar="NAME", help="the plan's name (it names plans/NAME.yaml)")
    p.add_argument(
        "--start",
        required=True,
        metavar="YYYY-MM-DD",
        type=iso_date,
        help="the day the roadmap starts (phase due dates follow from it)",
    )
    p.add_argument(
        "--organisation",
        "--organization",
        default="",
        metavar="ORG",
        help="the organisation the plan is for",
    )
    p.add_argument("--owner", default=None, help="who owns the plan")
    p = add("list", "list the workspace's plans", plan_list, plan, writes=False)
    p.add_argument("--limit", type=int, default=100, metavar="N", help="at most N plans (0: all)")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N")
    add_format_option(p)
    p = add(
        "show", "show a plan's phases, due dates and next actions", plan_show, plan, writes=False
    )
    add_plan_name(p)
    p = add("set", "change a plan's settings", plan_set, plan, writes=True)
    add_plan_name(p)
    p.add_argument("--organisation", "--organization", metavar="ORG", help="the organisation")
    p.add_argument("--owner", help="who owns the plan ('' for nobody)")
    p.add_argument(
        "--start",
        metavar="YYYY-MM-DD",
        type=iso_date,
        help="the day the roadmap starts",
    )
    p.add_argument(
        "--eu-residency",
        choices=["required", "not-required"],
        help="whether tools must keep data in the EU (a risk flag)",
    )
    p.add_argument(
        "--employees",
        type=int,
        metavar="N",
        help="head-count: shadow-IT thresholds are 2%% of it (0 forgets it)",
    )
    p.add_argument(
        "--use-cases",
        metavar="U1,U2",
        help="what the plan pursues, ranked separately: internal-network, "
        "customer-community, knowledge-management, innovation, social-selling, "
        "public-presence ('' for the default, internal-network)",
    )
    p.add_argument(
        "--exclude-deployment",
        metavar="D1,D2",
        help="deployments the plan refuses (cloud, on-premises, hybrid; '' for none): "
        "products offered only so are excluded",
    )
    p.add_argument(
        "--suites",
        metavar="S[:TIER],…",
        help="the suites the organisation licenses, each with its tier where known "
        "(google-workspace:business-standard, microsoft-365:E3, microsoft-365:F3; '' for "
        "none): they decide suite fit and which licences are already paid",
    )
    p.add_argument(
        "--countries",
        metavar="CC,…",
        help="where the organisation employs people, ISO 3166-1 alpha-2 codes (DE,US; '' for none)",
    )
    p = add(
        "export",
        "write the plan as YAML (default plans/NAME.yaml, or the workspace's files folder "
        "set in the TUI; -o - for stdout)",
        plan_export,
        plan,
        writes=True,
    )
    add_plan_name(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write (default plans/NAME.yaml, or NAME.yaml in the files folder "
        "set in the TUI; - for stdout)",
    )
    p = add(
        "use",
        "make a plan the current one: commands given no plan act on it",
        plan_use,
        plan,
        writes=True,
    )
    p.add_argument("name", metavar="NAME", help="the plan to make current")
    p = add(
        "delete",
        "delete a plan and everything it holds (asks first)",
        plan_delete,
        plan,
        writes=True,
    )
    p.add_argument("name", metavar="NAME", help="the plan to delete")
    p.add_argument("--yes", "-y", action="store_true", help="delete without asking (for scripts)")
    p = add("rename", "give a plan another name", plan_rename, plan, writes=True)
    p.add_argument("old", metavar="OLD", help="the plan's current name")
    p.add_argument("new", metavar="NEW", help="its new name")
    from planner.cli import plan_review

    plan_review.add_parsers(plan, add)
