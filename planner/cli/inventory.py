"""Commands of phase 2a/2b: the inventory report and CSV, needs, vendors, risks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.commands import PLAN_HELP, Adder, add_format_option, open_planner
from planner.cli.record_options import add_field_options, field_values
from planner.domain.risks import RISK_FIELDS
from planner.domain.vendor_review import VENDOR_REVIEW_FIELDS
from planner.domain.words import counted

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers


def inventory_report_cmd(args: argparse.Namespace) -> int:
    from planner.cli.output import cell, console
    from planner.cli.streamed import show_table
    from planner.domain.inventory import capabilities_of
    from planner.services.inventory import inventory_report

    planner = open_planner(args)
    catalog = planner.catalog
    report = inventory_report(planner.workspace, catalog, args.plan, planner.today())
    out = console()
    # Each table through show_table: a category of 6,000 tools (or 6,000 overlaps) is
    # written as it is produced instead of being laid out whole by Rich.
    for label, tools in report.by_category(catalog).items():
        show_table(
            label,
            [
                "tool",
                "status",
                "owner",
                "users",
                "departments",
                "purposes",
                "capabilities",
                "deployment",
            ],
            (
                (
                    t.name,
                    t.status.value,
                    t.owner,
                    t.users,
                    t.departments,
                    t.purposes,
                    len(capabilities_of(t, catalog)),
                    [d.value for d in catalog.products[t.product].deployment]
                    if t.product and t.product in catalog.products
                    else None,
                )
                for t in tools
            ),
        )
    show_table(
        f"{counted(len(report.overlaps), 'overlap')}: rationalisation candidates",
        ["purpose", "audience", "tools (users)", "keep", "why"],
        (
            (o.label, o.audience, ", ".join(f"{n} ({u})" for n, u in o.tools), o.keep, o.why)
            for o in report.overlaps
        ),
    )
    if report.gaps:
        show_table(
            f"{counted(len(report.gaps), 'gap')}: needed, not provided by any tool in use",
            ["capability", "need"],
            ((g, report.needs[g]) for g in report.gaps),
        )
    elif not report.needs:
        from planner.domain.inventory import NO_NEEDS

        out.print(cell(NO_NEEDS))
    elif report.reach_gaps:
        out.print(cell("Every needed capability is provided by a tool in use, not to everyone:"))
    else:
        out.print(cell("No gaps: every needed capability is provided by a tool in use."))
    if report.reach_gaps:
        show_table(
            f"{counted(len(report.reach_gaps), 'audience')} not reached",
            ["audience and what it would take"],
            ((g,) for g in report.reach_gaps),
        )
    show_table(
        counted(len(report.flags), "risk flag"),
        ["flag", "explanation"],
        ((f.kind, f.message) for f in report.flags),
    )
    out.print(cell(f"vendor strategies reviewed: {report.vendor_progress:.0%}"))
    return 0


def inventory_export(args: argparse.Namespace) -> int:
    from planner.services.inventory import export_inventory_csv, inventory_report
    from planner.services.tools import survey_comments

    planner = open_planner(args)
    report = inventory_report(planner.workspace, planner.catalog, args.plan, planner.today())
    comments = survey_comments(planner.workspace, report.plan.name)
    export_inventory_csv(report, planner.catalog, Path(args.csv), comments)
    if args.csv != "-":
        print(f"wrote {args.csv} ({len(report.tools)} tools)", file=sys.stderr)
    return 0


def inventory_need(args: argparse.Namespace) -> int:
    from planner.services.inventory import set_need

    planner = open_planner(args)
    set_need(planner.workspace, planner.catalog, args.plan, args.capability, args.weight)
    print(f"{args.capability}: need {args.weight}", file=sys.stderr)
    return 0


def vendors_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.domain.catalog_audit import stale_status_warnings
    from planner.services.inventory import inventory_report

    planner = open_planner(args)
    report = inventory_report(planner.workspace, planner.catalog, args.plan, planner.today())
    used = [v.product for v in report.vendors if v.in_use]
    for line in stale_status_warnings(used, planner.today()):
        print(f"warning: {line}", file=sys.stderr)
    rows = []
    records: list[dict[str, object]] = []
    for v in report.vendors:
        s, r = v.product.strategy, v.review
        history = "; ".join(f"{h.date or h.year}: {h.event}" for h in s.history[-2:])
        rows.append(
            (
                v.product.id,
                s.owner,
                s.status.value,
                s.successor,
                history,
                "yes" if v.in_use else "",
                "yes" if r and r.shortlisted else "",
                (r.rating.value + (" (stale)" if v.stale else "")) if r and r.rating else None,
                r.note if r else None,
            )
        )
        records.append(
            {
                "product": v.product.id,
                "owner": s.owner,
                "status": s.status,
                "successor": s.successor,
                "history": [f"{h.date or h.year}: {h.event}" for h in s.history],
                "in_use": v.in_use,
                "shortlisted": bool(r and r.shortlisted),
                "rating": r.rating if r else None,
                "stale": v.stale,
                "note": r.note if r else None,
                "reviewer": r.reviewer if r else None,
            }
        )
    keys = ["product", "owner", "status", "successor", "history", "in_use", "shortlisted"]
    keys += ["rating", "stale", "note", "reviewer"]
    listing(
        args,
        f"vendor strategies — {report.vendor_progress:.0%} reviewed",
        records,
        keys,
        columns=[
            "product",
            "owner today",
            "status",
            "successor",
            "latest history",
            "in use",
            "shortlist",
            "review",
            "note",
        ],
        rows=rows,
    )
    return 0


def vendors_review(args: argparse.Namespace) -> int:
    from planner.services.inventory import review_vendor

    planner = open_planner(args)
    review_vendor(
        planner.workspace,
        planner.catalog,
        args.plan,
        args.product,
        **field_values(args, VENDOR_REVIEW_FIELDS),
        shortlisted=True if args.shortlist else (False if args.unshortlist else None),
        today=planner.today(),
    )
    print(f"{args.product}: saved", file=sys.stderr)
    return 0


def risks_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.services.inventory import list_risks

    risks = list_risks(open_planner(args).workspace, args.plan)
    keys = ["id", "title", "likelihood", "impact", "status", "owner", "mitigation", "evidence"]
    records = [
        {
            "id": r.id,
            "title": r.title,
            "likelihood": r.likelihood,
            "impact": r.impact,
            "status": r.status,
            "owner": r.owner,
            "mitigation": r.mitigation,
            "evidence": r.evidence,
        }
        for r in risks
    ]
    listing(args, counted(len(risks), "risk"), records, keys)
    return 0


def risks_save(args: argparse.Namespace) -> int:
    from planner.services.inventory import save_risk

    fields = field_values(args, RISK_FIELDS)
    risk = save_risk(
        open_planner(args).workspace, args.plan, args.risk, create=args.action == "add", **fields
    )
    print(f"risk {risk.id}: saved", file=sys.stderr)
    return 0


def add_parsers(sub: Subparsers, add: Adder) -> None:
    inventory = sub.add_parser(
        "inventory", help="Phase 2a Inventory: the tools against the catalog"
    )
    actions = inventory.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add(
        "report",
        "categories, overlaps, gaps and risk flags",
        inventory_report_cmd,
        actions,
        writes=False,
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add(
        "export", "the inventory as CSV for spreadsheets", inventory_export, actions, writes=False
    )
    p.add_argument("--csv", required=True, metavar="FILE", help="the CSV file to write")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add(
        "need",
        "mark a capability as needed (weight 1-5) or not (0)",
        inventory_need,
        actions,
        writes=True,
    )
    p.add_argument("capability", metavar="CAP", help="a capability id (see catalog show)")
    p.add_argument(
        "--weight", type=int, default=3, metavar="N", help="0 (not needed) to 5; default 3"
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)

    vendors = sub.add_parser(
        "vendors", help="Phase 2b Vendor strategies: what became of each vendor"
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add(
        "list",
        "what became of each vendor in use or shortlisted, and the plan's review",
        vendors_list,
        vendors,
        writes=False,
    )
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add(
        "review", "rate a vendor's strategy, or shortlist it", vendors_review, vendors, writes=True
    )
    p.add_argument("product", metavar="PRODUCT", help="a catalog product id")
    add_field_options(p, VENDOR_REVIEW_FIELDS)
    p.add_argument("--shortlist", action="store_true", help="add it to the shortlist")
    p.add_argument("--unshortlist", action="store_true", help="take it off the shortlist")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)

    risks = sub.add_parser(
        "risks", help="Phase 2 Inventory & pilots: the risk register"
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add("list", "the plan's risks", risks_list, risks, writes=False)
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    for name, help_text in (("add", "add a risk"), ("set", "change a risk")):
        p = add(name, help_text, risks_save, risks, writes=True)
        p.add_argument("risk", metavar="ID", help="the risk's id (see risks list)")
        add_field_options(p, RISK_FIELDS)
        p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
