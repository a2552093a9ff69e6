"""Commands of phase 2c before any pilot: capability needs, criteria weights and the
catalog products ranked on them.

Why this exists: choosing what to pilot (``needs``, then ``candidates``) is a step of its
own, before any pilot runs, with its own options and output; running pilots to a decision
is `planner.cli.pilots`. Services are imported inside each handler so that ``planner
--help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from planner.cli.commands import PLAN_HELP, Adder, add_format_option, open_planner

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers
    from planner.domain.scoring import Candidate, Criterion


def candidates_cmd(args: argparse.Namespace) -> int:
    from planner.cli.output import cell, console, listing, table
    from planner.services.ranking import rank_candidates

    planner = open_planner(args)
    ranking = rank_candidates(planner.workspace, planner.catalog, args.plan, planner.today())
    out = console()
    if args.explain:
        chosen = next(
            (
                (lst, c)
                for lst in ranking.lists
                for c in lst.candidates
                if c.product == args.explain
            ),
            None,
        )
        if chosen is None:
            from planner.errors import InputError

            product = planner.catalog.get(args.explain)
            if product is None:
                raise InputError(f"no product '{args.explain}' in the catalog")
            raise InputError(
                f"{product.name} serves none of the plan's use cases "
                f"({product.category.label.lower()}); add one with "
                "'planner plan set --use-cases ...'"
            )
        lst, c = chosen
        out.print(
            table(
                f"{c.name} ({lst.use_case.label}): score {c.score:.3f}",
                ["criterion", "weight", "sub-score", "contribution"],
                [
                    (
                        k.value,
                        f"{ranking.weights[k]:.2f}",
                        f"unknown ({c.breakdown[k]:.2f} counted)"
                        if k in c.unknown
                        else f"{c.breakdown[k]:.2f}",
                        f"{c.contributions[k]:.3f}",
                    )
                    for k in c.breakdown
                ],
            )
        )
        for line in (c.reason and f"excluded: {c.reason}", c.caveat, *c.facts):
            if line:
                out.print(cell(f"note: {line}"))
        for sentence in lst.explanation:
            out.print(cell(sentence))
        return 0
    from planner.domain.scoring import excluded, ranked

    def shown(candidates: list[Candidate]) -> list[Candidate]:
        """The best N, then every excluded product with its reason."""
        return ranked(candidates)[: args.top] + excluded(candidates)

    records = []
    for lst in ranking.lists:
        for rank, c in enumerate(shown(lst.candidates), start=1):
            records.append(
                {
                    "use_case": lst.use_case.id,
                    "rank": rank,
                    "product": c.product,
                    "name": c.name,
                    "score": round(c.score, 4),
                    # A sub-score standing in for an unknown (a cost nobody knows) is null.
                    **{
                        k.value: None if k in c.unknown else round(c.breakdown[k], 4)
                        for k in c.breakdown
                    },
                    "eligible": c.eligible,
                    "note": c.reason or c.caveat,
                }
            )
    keys = ["use_case", "rank", "product", "name", "score", *(k.value for k in ranking.weights)]
    keys += ["eligible", "note"]
    if args.format != "table":
        listing(args, "candidates", records, keys)
        return 0
    criteria = [k.value.replace("_", " ") for k in ranking.weights]
    for lst in ranking.lists:
        rows = [
            (
                rank if c.eligible else "-",
                c.name,
                f"{c.score:.3f}" if c.eligible else "",
                *(_sub_score(c, k) for k in c.breakdown),
                c.reason or c.caveat,
            )
            for rank, c in enumerate(shown(lst.candidates), start=1)
        ]
        title = f"{lst.use_case.label} — {lst.use_case.category.label.lower()} candidates"
        listing(
            args,
            title,
            [r for r in records if r["use_case"] == lst.use_case.id],
            keys,
            rows=rows,
            columns=["#", "product", "score", *criteria, "note"],
        )
        if lst.swap is None:
            out.print(cell("sensitivity: no single weight change would swap the top two"))
        else:
            top = [c for c in lst.candidates if c.eligible and c.reason is None][:2]
            sw = lst.swap
            out.print(
                cell(
                    f"sensitivity: setting {sw.criterion.value} from "
                    f"{ranking.weights[sw.criterion]:.3f} to {sw.weight:.3f} would tie "
                    f"{top[0].name} and {top[1].name}"
                )
            )
    if ranking.suites or ranking.seen_suites:
        from planner.domain.use_cases import suite_names

    if ranking.suites:
        out.print(cell(f"suites in use (from official tools): {suite_names(ranking.suites)}"))
    if ranking.seen_suites:
        out.print(
            cell(
                "suites seen in the evidence (platform domains, no official tool): "
                + suite_names(ranking.seen_suites)
            )
        )
    extra = {p.case.id for p in ranking.pointed}
    base = [lst.use_case.id for lst in ranking.lists if lst.use_case.id not in extra]
    for pointed in ranking.pointed:
        keep = ",".join([*base, pointed.case.id])
        if ranking.use_cases_set:
            out.print(
                cell(
                    f"note: {pointed.words()}, which the plan does not pursue: "
                    f"planner plan set --use-cases {keep}"
                )
            )
        else:
            out.print(
                cell(
                    f"note: {pointed.words()}: ranked above as well; to choose: "
                    f"planner plan set --use-cases {keep}"
                )
            )
    if not ranking.needs:
        from planner.domain.inventory import NO_NEEDS_FIT

        out.print(cell(f"note: {NO_NEEDS_FIT}"))
    out.print(cell("why: planner candidates --explain PRODUCT"))
    return 0


def _sub_score(c: Candidate, k: Criterion) -> str:
    if not c.eligible:
        return ""
    return "unknown" if k in c.unknown else f"{c.breakdown[k]:.2f}"


def needs_cmd(args: argparse.Namespace) -> int:
    from planner.cli.output import console, table
    from planner.services.pilots import set_weights, suggest_needs

    planner = open_planner(args)
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
        writes=False,
    )
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p.add_argument("--top", type=int, default=15, metavar="N", help="show the best N (default 15)")
    p.add_argument(
        "--explain",
        metavar="PRODUCT",
        help="each criterion's contribution for PRODUCT, and in sentences why its list's "
        "leader leads, what would change it and what was excluded",
    )
    p = add(
        "needs",
        "Phase 2c Pilots: capability needs (suggested from benefits and gaps), criteria weights",
        needs_cmd,
        sub,
        writes=True,
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
