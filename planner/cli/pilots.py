"""Commands of phase 2c: pilots of candidate products, from proposal to a decision.

Why this exists: ``planner pilot ACTION`` (add, list, show, set, measure, decide) runs a
candidate against success criteria and records the decision; choosing the candidates is in
`planner.cli.candidates`, a command module of its own (``MODULE_COMMANDS``), so that
``candidates`` does not build the pilot commands' parsers nor import what they need.
Services are imported inside each handler so that the CLI starts fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from planner.cli import adoption
from planner.cli.commands import PLAN_HELP, Adder, add_format_option, iso_date, open_planner
from planner.cli.record_options import add_field_options, field_values
from planner.domain.pilots import PILOT_FIELDS
from planner.domain.words import counted

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers
    from planner.domain.pilots import Pilot


def _kpi_lines(pilot: Pilot) -> list[tuple[object, ...]]:
    return [
        (k.kpi, k.target, actual, "—" if met is None else ("met" if met else "below target"))
        for k, actual, met in pilot.kpi_status()
    ]


def pilot_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.services.pilots import list_pilots

    pilots = list_pilots(open_planner(args).workspace, args.plan)
    shown = [name for name in PILOT_FIELDS if name != "title"]
    keys = ["id", "title", "product", *shown, "status", "kpis_met", "kpis", "decision"]
    records = [
        {
            "id": p.id,
            "title": p.title,
            "product": p.product,
            **{name: getattr(p, name) for name in shown},
            "status": p.status,
            "kpis_met": sum(1 for *_, met in p.kpi_status() if met),
            "kpis": len(p.criteria),
            "decision": p.decision,
        }
        for p in pilots
    ]
    listing(
        args,
        counted(len(pilots), "pilot"),
        records,
        keys,
        columns=[
            "id",
            "product",
            "departments",
            "users",
            "start",
            "end",
            "status",
            "KPIs met",
            "decision",
        ],
        rows=[
            (
                p.id,
                p.product,
                p.departments,
                p.users,
                p.start,
                p.end,
                p.status.value,
                f"{sum(1 for *_, met in p.kpi_status() if met)}/{len(p.criteria)}",
                p.decision.value if p.decision else None,
            )
            for p in pilots
        ],
    )
    return 0


def pilot_show(args: argparse.Namespace) -> int:
    from planner.cli.output import console, table
    from planner.services.pilots import get_pilot

    p = get_pilot(open_planner(args).workspace, args.plan, args.pilot)
    out = console()
    out.print(
        table(
            p.title,
            ["field", "value"],
            [
                ("id", p.id),
                ("product", p.product),
                *((name, getattr(p, name)) for name in PILOT_FIELDS if name != "title"),
                ("status", p.status.value),
                ("decision", p.decision.value if p.decision else None),
                ("rationale", p.rationale or None),
            ],
        )
    )
    out.print(table("success criteria", ["KPI", "target", "actual", ""], _kpi_lines(p)))
    out.print(
        table(
            "baseline and trend",
            ["KPI", "target", "baseline", "latest", "trend"],
            [(t.kpi, t.target, t.baseline, t.latest, t.spark or None) for t in p.trends()],
        )
    )
    out.print(
        table(
            "measurements",
            ["date", "KPI", "value", "source"],
            [
                (
                    m.on,
                    m.kpi,
                    m.value,
                    ("baseline " if p.start and m.on < p.start else "") + (m.source or "typed in"),
                )
                for m in p.measurements
            ],
        )
    )
    return 0


def _warn(warning: str | None) -> None:
    if warning:
        print(f"warning: {warning}", file=sys.stderr)


def pilot_add(args: argparse.Namespace) -> int:
    from planner.domain.records.pilot import PilotChanges
    from planner.services.pilots import add_pilot, parse_kpis

    planner = open_planner(args)
    pilot, warning = add_pilot(
        planner.workspace,
        planner.catalog,
        args.plan,
        args.product,
        PilotChanges(**field_values(args, PILOT_FIELDS)),
        kpis=parse_kpis(args.kpi or []),
    )
    _warn(warning)
    print(f"added pilot '{pilot.id}'", file=sys.stderr)
    return 0


def pilot_set(args: argparse.Namespace) -> int:
    from planner.domain.records.pilot import PilotChanges
    from planner.services.pilots import parse_kpis, update_pilot

    pilot, warning = update_pilot(
        open_planner(args).workspace,
        args.plan,
        args.pilot,
        PilotChanges(**field_values(args, PILOT_FIELDS)),
        criteria=parse_kpis(args.kpi) if args.kpi else None,
        status=args.status,
        expected_version=args.if_version,
    )
    _warn(warning)
    print(f"pilot '{pilot.id}': {pilot.status.value}", file=sys.stderr)
    return 0


def pilot_measure(args: argparse.Namespace) -> int:
    from planner.services.pilots import measure

    planner = open_planner(args)
    measure(
        planner.workspace, args.plan, args.pilot, args.kpi, args.value, args.on or planner.today()
    )
    print(f"pilot '{args.pilot}': {args.kpi} = {args.value:g}", file=sys.stderr)
    return 0


def pilot_decide(args: argparse.Namespace) -> int:
    from planner.services.pilots import decide

    planner = open_planner(args)
    pilot = decide(
        planner.workspace,
        args.plan,
        args.pilot,
        args.decision,
        args.rationale,
        planner.today(),
        args.end,
        planner.catalog,
    )
    print(f"pilot '{pilot.id}': {args.decision} ({pilot.status.value})", file=sys.stderr)
    return 0


def _pilot_fields(p: argparse.ArgumentParser) -> None:
    add_field_options(p, PILOT_FIELDS)
    p.add_argument(
        "--kpi",
        action="append",
        metavar="KPI=TARGET",
        help="success criterion, e.g. weekly-active-pct=60 (repeatable)",
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)


def add_parsers(sub: Subparsers, add: Adder) -> None:
    pilot = sub.add_parser("pilot", help="Phase 2c Pilots: run candidates against success criteria")
    actions = pilot.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add("add", "a pilot of a candidate product", pilot_add, actions, writes=True)
    p.add_argument("product", metavar="PRODUCT", help="a catalog product id (see candidates)")
    p.set_defaults(users=0)
    _pilot_fields(p)
    p = add("list", "the plan's pilots", pilot_list, actions, writes=False)
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("show", "one pilot with its KPIs against target", pilot_show, actions, writes=False)
    p.add_argument("pilot", metavar="ID", help="the pilot's id (see pilot list)")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("set", "change a pilot or move its status", pilot_set, actions, writes=True)
    p.add_argument("pilot", metavar="ID", help="the pilot's id (see pilot list)")
    p.add_argument(
        "--status",
        choices=["proposed", "approved", "running", "succeeded", "failed", "stopped"],
        help="proposed → approved → running → succeeded, failed or stopped",
    )
    p.add_argument(
        "--if-version", type=int, metavar="N", help="refuse if the pilot changed since version N"
    )
    _pilot_fields(p)
    p = add("measure", "record a dated KPI value", pilot_measure, actions, writes=True)
    p.add_argument("pilot", metavar="ID", help="the pilot's id (see pilot list)")
    p.add_argument("kpi", metavar="KPI", help="one of the pilot's KPIs, e.g. weekly-active-pct")
    p.add_argument("value", type=float, metavar="VALUE", help="the value measured")
    p.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help="default: today")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add(
        "activity",
        "record the pilot's KPIs from a platform's activity report (Viva Engage, Teams, "
        "SharePoint, Slack, generic CSV)",
        adoption.pilot_activity,
        actions,
        writes=True,
    )
    p.add_argument("pilot", metavar="ID", help="the pilot's id (see pilot list)")
    adoption.report_options(p)
    p = add(
        "decide",
        "adopt, extend or reject a pilot, with a rationale",
        pilot_decide,
        actions,
        writes=True,
    )
    p.add_argument("pilot", metavar="ID", help="the pilot's id (see pilot list)")
    p.add_argument(
        "decision", choices=["adopt", "extend", "reject"], help="what becomes of the pilot"
    )
    p.add_argument("--rationale", required=True, help="why (kept with the decision)")
    p.add_argument("--end", type=iso_date, metavar="YYYY-MM-DD", help="new end, to extend")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
