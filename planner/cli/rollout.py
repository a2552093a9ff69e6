"""Commands of phase 3: features in existing solutions, training, champions, the timeline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.commands import PLAN_HELP, Adder, add_format_option, iso_date, open_planner
from planner.cli.record_options import add_field_options, field_values
from planner.domain.rollout import FEATURE_FIELDS, TRAINING_FIELDS
from planner.domain.words import counted

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers


def _bar(done: float, width: int = 12) -> str:
    filled = round(done * width)
    return "█" * filled + "░" * (width - filled)


def training_list(args: argparse.Namespace) -> int:
    from planner.cli.output import cell, console, listing
    from planner.services.rollout import rollout

    planner = open_planner(args)
    today = planner.today()
    data = rollout(planner.workspace, args.plan)
    keys = ["id", "title", "department", "format", "due", "owner", "audience", "trained"]
    keys += ["completion", "late"]
    records = [
        {
            "id": t.id,
            "title": t.title,
            "department": t.department,
            "format": t.format,
            "due": t.due,
            "owner": t.owner,
            "audience": t.audience,
            "trained": t.trained,
            "completion": round(t.completion, 4),
            "late": t.late(today),
        }
        for t in data.trainings
    ]
    listing(
        args,
        counted(len(data.trainings), "training milestone"),
        records,
        keys,
        columns=["id", "department", "format", "due", "progress", "trained", "late"],
        rows=[
            (
                t.id,
                t.department,
                t.format.value,
                t.due,
                _bar(t.completion),
                f"{t.trained}/{t.audience} ({t.completion:.0%})",
                "LATE" if t.late(today) else "",
            )
            for t in data.trainings
        ],
    )
    if data.champions and args.format == "table":
        console().print(
            cell("champions: " + "; ".join(f"{c.department}: {c.name}" for c in data.champions))
        )
    return 0


def training_add(args: argparse.Namespace) -> int:
    from planner.services.rollout import add_training

    t = add_training(
        open_planner(args).workspace, args.plan, args.title, **field_values(args, TRAINING_FIELDS)
    )
    print(f"added training milestone '{t.id}'", file=sys.stderr)
    return 0


def training_update(args: argparse.Namespace) -> int:
    from planner.services.rollout import update_training

    planner = open_planner(args)
    t = update_training(
        planner.workspace,
        args.plan,
        args.milestone,
        args.trained,
        args.on or planner.today(),
        args.if_version,
    )
    print(f"{t.id}: {t.trained}/{t.audience} trained ({t.completion:.0%})", file=sys.stderr)
    return 0


def training_import(args: argparse.Namespace) -> int:
    from planner.services.rollout import import_lms

    changed = import_lms(open_planner(args).workspace, args.plan, Path(args.file), args.encoding)
    print(f"{args.file}: {counted(len(changed), 'milestone')} updated", file=sys.stderr)
    return 0


def training_champion(args: argparse.Namespace) -> int:
    from planner.services.rollout import add_champion

    planner = open_planner(args)
    c = add_champion(
        planner.workspace,
        args.plan,
        args.department,
        args.name,
        account=args.account,
        key=planner.pseudonym_key if args.account else None,
    )
    print(f"champion for {c.department}: {c.name}", file=sys.stderr)
    return 0


def feature_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.services.rollout import rollout

    planner = open_planner(args)
    today = planner.today()
    features = rollout(planner.workspace, args.plan).features
    keys = ["id", "title", "product", "target_system", "departments", "due", "owner"]
    keys += ["status", "late", "pilot"]
    records = [
        {
            "id": f.id,
            "title": f.title,
            "product": f.product,
            "target_system": f.target_system,
            "departments": f.departments,
            "due": f.due,
            "owner": f.owner,
            "status": f.status,
            "late": f.late(today),
            "pilot": f.pilot,
        }
        for f in features
    ]
    listing(
        args,
        counted(len(features), "feature"),
        records,
        keys,
        columns=[
            "id",
            "title",
            "product",
            "target system",
            "departments",
            "due",
            "owner",
            "status",
        ],
        rows=[
            (
                f.id,
                f.title,
                f.product,
                f.target_system,
                f.departments,
                f.due,
                f.owner,
                f.status.value + (" (LATE)" if f.late(today) else ""),
            )
            for f in features
        ],
    )
    return 0


def feature_add(args: argparse.Namespace) -> int:
    from planner.domain.records.rollout import FeatureChanges
    from planner.services.rollout import add_feature

    planner = open_planner(args)
    fields = FeatureChanges(**field_values(args, FEATURE_FIELDS))
    f = add_feature(planner.workspace, planner.catalog, args.plan, args.title, fields)
    print(f"added feature '{f.id}'", file=sys.stderr)
    return 0


def feature_set(args: argparse.Namespace) -> int:
    from planner.domain.records.rollout import FeatureChanges
    from planner.services.rollout import update_feature

    planner = open_planner(args)
    fields = field_values(args, FEATURE_FIELDS)
    if not fields.get("title"):
        fields.pop("title", None)  # an empty title keeps the one it has
    f = update_feature(
        planner.workspace, planner.catalog, args.plan, args.feature, FeatureChanges(**fields)
    )
    print(f"feature '{f.id}': {f.status.value}", file=sys.stderr)
    return 0


def timeline_cmd(args: argparse.Namespace) -> int:
    from planner.services.rollout import timeline_text

    planner = open_planner(args)
    print(
        timeline_text(
            planner.workspace, args.plan, planner.today(), args.width, catalog=planner.catalog
        )
    )
    return 0


def _feature_options(p: argparse.ArgumentParser, title: bool) -> None:
    add_field_options(
        p, FEATURE_FIELDS if title else {k: v for k, v in FEATURE_FIELDS.items() if k != "title"}
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)


def add_parsers(sub: Subparsers, add: Adder) -> None:
    training = sub.add_parser(
        "training", help="Phase 3b Training: training milestones and champions"
    )
    actions = training.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add("list", "milestones with progress, and champions", training_list, actions, writes=False)
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("add", "a training milestone", training_add, actions, writes=True)
    p.add_argument("title", metavar="TITLE", help="what it is called")
    add_field_options(p, TRAINING_FIELDS)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("update", "record how many are trained so far", training_update, actions, writes=True)
    p.add_argument("milestone", metavar="ID", help="the milestone's id (see training list)")
    p.add_argument("trained", type=int, metavar="N", help="how many are trained so far")
    p.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        help="refuse if the milestone changed since version N",
    )
    p.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD", help="default: today")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add(
        "import",
        "bulk updates from an LMS export CSV (milestone or department, "
        "trained, date), all or nothing",
        training_import,
        actions,
        writes=True,
    )
    p.add_argument(
        "file", metavar="FILE", help="an LMS export: milestone or department, trained, date"
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="the CSV's encoding (e.g. cp1252, utf-16); detected when omitted",
    )
    p = add(
        "champion",
        "name a champion (role or initials) for a department",
        training_champion,
        actions,
        writes=True,
    )
    p.add_argument("department", metavar="DEPARTMENT", help="the department")
    p.add_argument("name", metavar="NAME", help="the champion: a role or initials")
    p.add_argument(
        "--account",
        metavar="USER",
        help="their user name in activity reports, to follow their own activity "
        "(pseudonymised at once, never stored)",
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)

    feature = sub.add_parser(
        "feature", help="Phase 3a Features: social features in existing solutions"
    )
    actions = feature.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add("list", "the plan's features", feature_list, actions, writes=False)
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("add", "a feature to introduce", feature_add, actions, writes=True)
    p.add_argument("title", metavar="TITLE", help="what it is called")
    _feature_options(p, title=False)
    p = add("set", "change a feature", feature_set, actions, writes=True)
    p.add_argument("feature", metavar="ID", help="the feature's id (see feature list)")
    _feature_options(p, title=True)

    p = add(
        "timeline",
        "the plan year as text: phases, pilots, features, training",
        timeline_cmd,
        sub,
        writes=False,
    )
    p.add_argument(
        "--width", type=int, default=60, metavar="N", help="columns of the chart (default 60)"
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
