"""Commands on measured use and readiness: activity reports, ADKAR, champions' ratio.

Why a module of its own: ``pilot activity`` and ``rollout activity`` read a platform's
activity report into KPIs and adoption per department; ``readiness`` records and lists
each department's ADKAR scores and the barriers they show. The pilot and training
commands stay in ``pilots`` and ``rollout``; services are imported inside each handler.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.commands import PLAN_HELP, Adder, add_format_option, iso_date, open_planner
from planner.domain.words import counted

if TYPE_CHECKING:
    from collections.abc import Callable

    from planner.cli.commands import Subparsers
    from planner.services.activity import ActivityResult

FORMAT_CHOICES = ["m365-viva-engage", "m365-teams", "m365-sharepoint", "slack-members", "generic"]


def report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="the activity report (CSV)")
    p.add_argument(
        "--format",
        dest="report_format",
        choices=FORMAT_CHOICES,
        help="the report's layout; guessed from its header when omitted",
    )
    p.add_argument(
        "--directory",
        metavar="CSV",
        help="staff directory (user, department); names are pseudonymised, never stored",
    )
    p.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the report's day, for layouts without one (Slack)",
    )
    p.add_argument(
        "--period-days",
        type=int,
        metavar="N",
        help="days the report covers, for layouts without a period (Slack; default 30)",
    )
    p.add_argument(
        "--encoding", metavar="NAME", help="the CSV's encoding (e.g. cp1252); detected otherwise"
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)


def _print_result(result: ActivityResult) -> None:
    where = f"{result.source} ({result.format}, {result.period_start} to {result.period_end})"
    if result.duplicate:
        print(f"{where}: already attached to {result.subject}; counted once", file=sys.stderr)
        return
    kind = "baseline" if result.baseline else "as of"
    values = ", ".join(f"{k} {v:g}" for k, v in result.kpis.items()) or "no KPI"
    print(f"{where}: {kind} {result.as_of}: {values}", file=sys.stderr)
    if result.recorded:
        print(f"recorded: {', '.join(result.recorded)}", file=sys.stderr)


def pilot_activity(args: argparse.Namespace) -> int:
    from planner.services.activity import pilot_activity as attach

    return _attach(args, attach, args.pilot)


def rollout_activity(args: argparse.Namespace) -> int:
    from planner.services.activity import product_activity

    return _attach(args, product_activity, args.product)


def _attach(args: argparse.Namespace, attach: Callable[..., ActivityResult], subject: str) -> int:
    """Attach a report to a pilot or an adopted product: the two take the same options."""
    planner = open_planner(args)
    result = attach(
        planner.workspace,
        planner.pseudonym_key,
        args.plan,
        subject,
        Path(args.file),
        args.report_format,
        encoding=args.encoding,
        as_of=args.as_of,
        period_days=args.period_days,
        directory=Path(args.directory) if args.directory else None,
    )
    _print_result(result)
    return 0


def rollout_show(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.services.adoption import adoption

    planner = open_planner(args)
    view = adoption(planner.workspace, args.plan, planner.today())
    keys = ["department", "people", "trained_pct", "as_of", "active", "active_pct", "trend"]
    keys += ["readiness", "champions", "champions_needed"]
    records = [
        {
            "department": d.department,
            "people": d.people,
            "trained_pct": d.trained_pct,
            "as_of": d.as_of,
            "active": d.active,
            "active_pct": d.active_pct,
            "trend": d.trend,
            "readiness": d.readiness,
            "champions": d.champions,
            "champions_needed": d.champions_needed,
        }
        for d in view.departments
    ]
    listing(
        args,
        f"adoption per department ({', '.join(view.products) or 'no product adopted yet'})",
        records,
        keys,
        columns=["department", "people", "trained", "active", "trend", "ADKAR", "champions"],
        rows=[
            (
                d.department,
                d.people or None,
                None if d.trained_pct is None else f"{d.trained_pct:.0f}%",
                None if d.active_pct is None else f"{d.active}/{d.people} ({d.active_pct:.0f}%)",
                d.trend,
                d.readiness,
                f"{d.champions}/{d.champions_needed}",
            )
            for d in view.departments
        ],
    )
    if view.champions_activity and args.format in (None, "table"):
        followed = "; ".join(
            f"{c.department}: {c.name} {'active' if c.active else 'not active'}, "
            f"{counted(c.posts, 'post')}"
            for c in view.champions_activity
        )
        print(f"champions as of {view.champions_as_of}: {followed}")
    if args.format in (None, "table"):
        for action in view.actions:
            print(f"- {action.text}")
    return 0


def readiness_set(args: argparse.Namespace) -> int:
    from planner.services.adoption import assess

    planner = open_planner(args)
    scores = {
        "awareness": args.awareness,
        "desire": args.desire,
        "knowledge": args.knowledge,
        "ability": args.ability,
        "reinforcement": args.reinforcement,
    }
    r = assess(planner.workspace, args.plan, args.department, scores, args.on or planner.today(),
               args.note or "")  # fmt: skip
    found = r.barrier
    barrier = f"barrier: {found[0]} {found[1]}" if found else "no barrier"
    print(f"{r.department} as of {r.on}: {barrier}", file=sys.stderr)
    return 0


def readiness_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.domain.readiness import ELEMENTS
    from planner.services.adoption import readiness

    items = readiness(open_planner(args).workspace, args.plan, history=args.history)
    keys = ["department", "on", *ELEMENTS, "barrier", "note"]
    records = [
        {
            "department": r.department,
            "on": r.on,
            **r.scores(),
            "barrier": r.barrier[0] if r.barrier else None,
            "note": r.note,
        }
        for r in items
    ]
    listing(
        args,
        f"readiness of {counted(len({r.department for r in items}), 'department')}",
        records,
        keys,
        columns=["department", "on", "A", "D", "K", "A", "R", "barrier", "note"],
        rows=[
            (
                r.department,
                r.on,
                *r.scores().values(),
                f"{r.barrier[0]} {r.barrier[1]}" if r.barrier else None,
                r.note or None,
            )
            for r in items
        ],
    )
    return 0


def champion_ratio(args: argparse.Namespace) -> int:
    from planner.services.adoption import set_people_per_champion

    set_people_per_champion(open_planner(args).workspace, args.plan, args.people)
    print(f"target: one champion per {args.people} people", file=sys.stderr)
    return 0


def _score(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a score from 1 to 5, got {text!r}") from None
    if not 1 <= value <= 5:
        raise argparse.ArgumentTypeError(f"expected a score from 1 to 5, got {value}")
    return value


def add_parsers(sub: Subparsers, add: Adder) -> None:
    rollout = sub.add_parser(
        "rollout", help="Phase 3 adoption: activity of adopted products per department"
    )
    actions = rollout.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add(
        "activity",
        "attach an activity report to an adopted product (adoption per department)",
        rollout_activity,
        actions,
        writes=True,
    )
    p.add_argument("product", metavar="PRODUCT", help="a product adopted by a pilot")
    report_options(p)
    p = add(
        "show",
        "adoption per department beside training, readiness and champions",
        rollout_show,
        actions,
        writes=False,
    )
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("champions", "set the champions' target ratio", champion_ratio, actions, writes=True)
    p.add_argument(
        "--people", type=int, required=True, metavar="N", help="one champion per N people"
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)

    readiness = sub.add_parser(
        "readiness", help="Readiness for change per department (ADKAR, 1-5 each)"
    )
    actions = readiness.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add(
        "set", "record a department's ADKAR scores as of a day", readiness_set, actions, writes=True
    )
    p.add_argument("department", metavar="DEPARTMENT", help="the department assessed")
    for element in ("awareness", "desire", "knowledge", "ability", "reinforcement"):
        p.add_argument(
            f"--{element}", type=_score, required=True, metavar="1-5", help=f"{element} score"
        )
    p.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help="default: today")
    p.add_argument("--note", help="what the assessment rests on")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add(
        "list",
        "each department's latest scores and its barrier",
        readiness_list,
        actions,
        writes=False,
    )
    p.add_argument("--history", action="store_true", help="every dated assessment")
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
