"""Commands of phase 1's triage: the hosts no catalog product claims, and the decisions on
them (map, custom, ignore, undecide), one host at a time or a registrable domain at once.

Apart from ``cli/discover`` (imports of evidence) only to keep each module short; the
``discover`` command builds both.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from planner.cli.commands import PLAN_HELP, Adder, add_format_option, open_planner

if TYPE_CHECKING:
    import datetime as dt

    from planner.cli.commands import Subparsers


def _count(text: str) -> int:
    """A row count for ``--limit``: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (all) or more, got {value}")
    return value


def _day(moment: dt.datetime | None) -> str | None:
    return moment.date().isoformat() if moment else None


def _listing(
    args: argparse.Namespace, title: str, total: int, rows: list[tuple[Any, ...]], keys: list[str]
) -> None:
    """A page of hosts or domains: the table (or JSON/CSV), saying when there are more.
    The table marks a name that may pass for another (``Slаck`` with a Cyrillic а); JSON
    and CSV keep the key as it is, to be typed back."""
    from planner.cli.output import listing
    from planner.domain.names import marked

    title += f" (first {len(rows)})" if total > len(rows) else ""
    records = [dict(zip(keys, row, strict=True)) for row in rows]
    columns = [key.replace("_", " ") for key in keys]
    shown = [(marked(row[0]), *row[1:]) for row in rows]
    listing(args, title, records, keys, rows=shown, columns=columns)


def _discover_domains(args: argparse.Namespace) -> int:
    from planner.services.discover.triage import list_domains

    domains, total = list_domains(
        open_planner(args).workspace,
        args.plan,
        unmatched=not args.all,
        search=args.search or "",
        limit=args.limit or None,  # 0: all of them, as everywhere else
    )
    rows = [
        (d.domain, d.hosts, d.users, d.hits, d.bytes, _day(d.last_seen), d.rule) for d in domains
    ]
    title = f"{total} domains ({'all' if args.all else 'unmatched'} hosts)"
    keys = ["domain", "hosts", "users", "requests", "bytes", "last_seen", "rule"]
    _listing(args, title, total, rows, keys)
    return 0


def discover_hosts(args: argparse.Namespace) -> int:
    from planner.services.discover.triage import list_hosts

    if args.by == "domain":
        return _discover_domains(args)

    hosts, total = list_hosts(
        open_planner(args).workspace,
        args.plan,
        unmatched=not args.all,
        search=args.search or "",
        limit=args.limit or None,  # 0: all of them, as everywhere else
    )
    rows = [
        (h.host, h.tool, h.decision, h.users, h.hits, h.bytes, _day(h.last_seen)) for h in hosts
    ]
    title = f"{total} {'hosts' if args.all else 'unmatched hosts'}"
    keys = ["host", "tool", "decision", "users", "requests", "bytes", "last_seen"]
    _listing(args, title, total, rows, keys)
    return 0


def discover_decide(args: argparse.Namespace) -> int:
    from planner.domain.catalog import Category
    from planner.services.discover.triage import decide_host

    planner = open_planner(args)
    decision = {"map": "mapped", "custom": "custom", "ignore": "ignored"}[args.action]
    category = Category(args.category) if getattr(args, "category", None) else None
    if args.domain:
        from planner.services.discover.triage import decide_domain

        done = decide_domain(
            planner.workspace,
            planner.catalog,
            args.plan,
            args.host,
            decision,
            product=getattr(args, "product", None),
            name=getattr(args, "name", None),
            category=category,
        )
        print(
            f"{done.domain}: {decision}"
            + (f" -> {done.tool}" if done.tool else "")
            + f" ({done.hosts} hosts now; later imports follow the rule)",
            file=sys.stderr,
        )
        return 0
    tool = decide_host(
        planner.workspace,
        planner.catalog,
        args.plan,
        args.host,
        decision,
        product=getattr(args, "product", None),
        name=getattr(args, "name", None),
        category=category,
    )
    print(f"{args.host}: {decision}" + (f" -> {tool}" if tool else ""), file=sys.stderr)
    return 0


def discover_undecide(args: argparse.Namespace) -> int:
    from planner.services.discover.undecide import undecide_domain, undecide_host

    planner = open_planner(args)
    if args.domain:
        done = undecide_domain(planner.workspace, planner.catalog, args.plan, args.host)
        parts = [f"{done.open} hosts back to triage"]
        if done.infrastructure:
            parts.append(f"{done.infrastructure} set aside as infrastructure")
        if done.kept:
            parts.append(f"{done.kept} keep their own decision")
        print(f"{done.name}: rule removed; " + ", ".join(parts), file=sys.stderr)
        return 0
    done = undecide_host(planner.workspace, planner.catalog, args.plan, args.host)
    if done.tool and done.rule is None:
        now = f"back to its catalog product {done.tool}"
    elif done.rule:
        now = f"follows the rule on its domain again ({done.rule})"
    elif done.infrastructure:
        now = "set aside as infrastructure (shipped list)"
    else:
        now = "back to triage"
    print(f"{done.name}: decision cleared; {now}", file=sys.stderr)
    return 0


def add_parsers(actions: Subparsers, add: Adder) -> None:
    """The triage commands under ``planner discover``."""
    p = add(
        "hosts",
        "hosts seen in logs, unmatched first for triage",
        discover_hosts,
        actions,
        writes=False,
    )
    add_format_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p.add_argument("--all", action="store_true", help="every host, not only unmatched ones")
    p.add_argument("--search", metavar="TEXT", help="only hosts containing TEXT")
    p.add_argument(
        "--limit", type=_count, default=50, metavar="N", help="at most N rows (default 50; 0: all)"
    )
    p.add_argument(
        "--by",
        choices=["host", "domain"],
        default="host",
        help="one row per host (default) or per registrable domain (Public Suffix List; "
        "an IP address stands for itself)",
    )
    p = add(
        "map", "map an unmatched host to a catalog product", discover_decide, actions, writes=True
    )
    p.add_argument("host", metavar="HOST", help="a host name as discover hosts shows it")
    p.add_argument("product", metavar="PRODUCT", help="a catalog product id (see catalog list)")
    _domain_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("custom", "make an unmatched host a custom tool", discover_decide, actions, writes=True)
    p.add_argument("host", metavar="HOST", help="a host name as discover hosts shows it")
    _domain_option(p)
    p.add_argument("--name", required=True, help="the custom tool's name")
    p.add_argument(
        "--category",
        choices=["internal", "external", "public"],
        help="its Gartner category",
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add("ignore", "ignore a host (not a social tool)", discover_decide, actions, writes=True)
    p.add_argument("host", metavar="HOST", help="a host name as discover hosts shows it")
    _domain_option(p)
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p = add(
        "undecide",
        "clear the decision on a host, or remove the rule on a domain (--domain)",
        discover_undecide,
        actions,
        writes=True,
    )
    p.add_argument("host", metavar="HOST", help="a host name as discover hosts --all shows it")
    p.add_argument(
        "--domain",
        action="store_true",
        help="HOST is a registrable domain: remove the plan's rule on it; the hosts it decided "
        "go back to triage (or to infrastructure), hosts decided one by one keep theirs",
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)


def _domain_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--domain",
        action="store_true",
        help="HOST is a registrable domain (as discover hosts --by domain shows it): decide "
        "for every host under it the catalog does not claim, now and in later imports",
    )
