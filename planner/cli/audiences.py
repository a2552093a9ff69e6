"""``planner audience``: the groups of people the plan must reach (add, list, show, set,
delete). Options come from the audience's shown fields (``AUDIENCE_FIELDS``)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from planner.cli.commands import PLAN_HELP, Adder, add_format_option, open_planner
from planner.cli.record_options import add_field_options, field_values
from planner.domain.audiences import AUDIENCE_FIELDS
from planner.domain.words import counted

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers
    from planner.domain.audiences import Audience

_KEYS = ["id", "name", "people", "frontline", "email", "shared_devices", "languages", "notes"]


def _record(a: Audience) -> dict[str, object]:
    return {
        "id": a.id,
        "name": a.name,
        "people": a.people,
        "frontline": a.frontline,
        "email": a.email,
        "shared_devices": a.shared_devices,
        "languages": list(a.languages),
        "notes": a.notes,
    }


def audience_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.services.audiences import list_audiences

    audiences = list_audiences(open_planner(args).workspace, args.plan)
    total = sum(a.people for a in audiences)
    listing(
        args,
        f"{counted(len(audiences), 'audience')}, {total:,} people",
        [_record(a) for a in audiences],
        _KEYS,
        columns=["id", "name", "people", "how they work", "languages"],
        rows=[(a.id, a.name, f"{a.people:,}", a.traits, ",".join(a.languages)) for a in audiences],
    )
    return 0


def audience_show(args: argparse.Namespace) -> int:
    from planner.cli.output import console, table
    from planner.services.audiences import get_audience

    a = get_audience(open_planner(args).workspace, args.plan, args.audience)
    rows: list[tuple[str, object]] = [
        ("id", a.id),
        ("name", a.name),
        ("people", f"{a.people:,}"),
        ("frontline", "yes" if a.frontline else "no"),
        ("e-mail", "yes" if a.email else "no"),
        ("shared devices", "yes" if a.shared_devices else "no"),
        ("languages", ", ".join(a.languages)),
        ("notes", a.notes),
    ]
    console().print(table(f"audience {a.id}", ["field", "value"], rows))
    return 0


def _given(args: argparse.Namespace) -> dict[str, Any]:
    return field_values(args, AUDIENCE_FIELDS)


def audience_add(args: argparse.Namespace) -> int:
    from planner.services.audiences import add_audience

    a = add_audience(open_planner(args).workspace, args.plan, args.name, _given(args))
    print(f"audience {a.id}: added ({a.people:,} people, {a.traits})", file=sys.stderr)
    return 0


def audience_set(args: argparse.Namespace) -> int:
    from planner.domain.records.audience import AudienceChanges
    from planner.errors import InputError
    from planner.services.audiences import update_audience

    given = _given(args)
    if args.rename is not None:
        given["name"] = args.rename
    if not given:
        raise InputError("nothing to change: give at least one option (see --help)")
    a = update_audience(
        open_planner(args).workspace, args.plan, args.audience, AudienceChanges(**given)
    )
    print(f"audience {a.id}: saved", file=sys.stderr)
    return 0


def audience_delete(args: argparse.Namespace) -> int:
    from planner.services.audiences import delete_audience

    a = delete_audience(open_planner(args).workspace, args.plan, args.audience)
    print(f"audience {a.id}: deleted", file=sys.stderr)
    return 0


def add_parsers(sub: Subparsers, add: Adder) -> None:
    audience = sub.add_parser(
        "audience", help="Phase 2 Inventory: the groups of people the plan must reach"
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add("list", "the plan's audiences and how they work", audience_list, audience,
            writes=False)  # fmt: skip
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("show", "one audience", audience_show, audience, writes=False)
    p.add_argument("audience", metavar="ID", help="the audience's id or name")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("add", "add an audience the plan must reach", audience_add, audience, writes=True)
    p.add_argument("name", metavar="NAME", help="the audience's name (its id is made from it)")
    add_field_options(p, AUDIENCE_FIELDS)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("set", "change an audience", audience_set, audience, writes=True)
    p.add_argument("audience", metavar="ID", help="the audience's id or name")
    p.add_argument("--rename", metavar="NAME", help="a new name (the id stays)")
    add_field_options(p, AUDIENCE_FIELDS)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("delete", "delete an audience", audience_delete, audience, writes=True)
    p.add_argument("audience", metavar="ID", help="the audience's id or name")
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
