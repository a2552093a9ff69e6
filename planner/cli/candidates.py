"""Commands of phase 2c before any pilot: capability needs, criteria weights and the
catalog products ranked on them.

Why this exists: choosing what to pilot (``needs``, then ``candidates``) is a step of its
own, before any pilot runs, with its own options and output; running pilots to a decision
is `planner.cli.pilots`, whose `add_parsers` registers these commands too. Services are
imported inside each handler so that ``planner --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from planner.cli.commands import PLAN_HELP, Adder, _planner, add_format_option

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers


def candidates_cmd(args: argparse.Namespace) -> int:
    from planner.cli.output import cell, console, listing, table
    from planner.services.pilots import rank_candidates

    planner = _planner(args)
    ranking = rank_candidates(planner.workspace, planner.catalog, args.plan)
    out = console()
    if args.explain:
        chosen = next((c for c in ranking.candidates if c.product == args.explain), None)
        if chosen is None:
            from planner.errors import InputError

            raise InputError(f"no product '{args.explain}' in the catalog")
        out.print(
            table(
                f"{chosen.name}: score {chosen.score:.3f}",
                ["criterion", "weight", "sub-score", "contribution"],
                [
                    (
                        c.value,
                        f"{ranking.weights[c]:.2f}",
                        f"{chosen.breakdown[c]:.2f}",
                        f"{chosen.contributions[c]:.3f}",
                    )
                    for c in chosen.breakdown
                ],
            )
        )
        if chosen.reason:
            out.print(cell(f"note: {chosen.reason}"))
        return 0
    rows = []
    for rank, c in enumerate(ranking.candidates[: args.top], start=1):
        rows.append(
            (
                rank,
                c.name,
                f"{c.score:.3f}",
                *(f"{c.breakdown[k]:.2f}" for k in c.breakdown),
                c.reason,
            )
        )
    criteria = [k.value.replace("_", " ") for k in ranking.weights]
    records = [
        {
            "rank": rank,
            "product": c.product,
            "name": c.name,
            "score": round(c.score, 4),
            **{k.value: round(c.breakdown[k], 4) for k in c.breakdown},
            "eligible": c.eligible,
            "note": c.reason,
        }
        for rank, c in enumerate(ranking.candidates[: args.top], start=1)
    ]
    keys = ["rank", "product", "name", "score", *(k.value for k in ranking.weights)]
    keys += ["eligible", "note"]
    listing(
        args,
        "candidates (score = weighted mean of criteria)",
        records,
        keys,
        rows=rows,
        columns=["#", "product", "score", *criteria, "note"],
    )
    if args.format != "table":
        return 0
    if not ranking.needs:
        from planner.domain.inventory import NO_NEEDS_FIT

        out.print(cell(f"note: {NO_NEEDS_FIT}"))
    if ranking.swap is None:
        out.print(cell("sensitivity: no single weight change would swap the top two"))
    else:
        top = [c for c in ranking.candidates if c.eligible and c.reason is None][:2]
        s = ranking.swap
        out.print(
            cell(
                f"sensitivity: setting {s.criterion.value} from "
                f"{ranking.weights[s.criterion]:.3f} to {s.weight:.3f} would tie "
                f"{top[0].name} and {top[1].name}"
            )
        )
    return 0


def needs_cmd(args: argparse.Namespace) -> int:
    from planner.cli.output import console, table
    from planner.services.pilots import set_weights, suggest_needs

    planner = _planner(args)
    if args.weights:
        pairs = {}
        for item in args.weights:
            name, _, value = item.partition("=")
            try:
                pairs[name.strip()] = float(value)
            except ValueError:
                from planner.errors import InputError

                raise InputError(f"{name}: the weight must be a number, got {value!r}") from None
        set_weights(planner.workspace, args.plan, pairs)
        print("criteria weights saved", file=sys.stderr)
    benefits = [b.strip() for b in (args.benefits or "").split(",") if b.strip()]
    suggested = suggest_needs(
        planner.workspace, planner.catalog, args.plan, benefits, apply=args.apply
    )
    console().print(
        table(
            "capability needs" + (" (saved)" if args.apply else " (suggested; --apply saves them)"),
            ["capability", "weight"],
            sorted(suggested.items()),
        )
    )
    return 0


def add_parsers(sub: Subparsers, add: Adder) -> None:
    p = add(
        "candidates",
        "Phase 2c Pilots: catalog products ranked on the plan's needs",
        candidates_cmd,
        sub,
    )
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p.add_argument("--top", type=int, default=15, metavar="N", help="show the best N (default 15)")
    p.add_argument("--explain", metavar="PRODUCT", help="each criterion's contribution")
    p = add(
        "needs",
        "Phase 2c Pilots: capability needs (suggested from benefits and gaps), criteria weights",
        needs_cmd,
        sub,
    )
    p.add_argument(
        "--benefits",
        metavar="B1,B2",
        help="targeted benefits, most important first: communication, "
        "capitalising-knowledge, team-efficiency, creativity, problem-solving, "
        "team-management, decision-support",
    )
    p.add_argument("--apply", action="store_true", help="save the suggested needs")
    p.add_argument(
        "--weight",
        dest="weights",
        action="append",
        metavar="CRITERION=W",
        help="criteria weight, e.g. security=0.3 (repeatable)",
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
