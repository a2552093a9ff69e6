"""The command line: parse arguments, call the services, print the results.

Fast to start: only argparse is imported up front; each command imports what it needs
(Rich for tables, the services, Textual only when the TUI opens). Errors the user can act
on are one line each on stderr with exit code 2 (bad input) or 1 (failure), never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from planner import __version__
from planner.cli import commands


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """Options accepted both before and after the sub-command."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        default=default,
        help="workspace database (a SQLite file or a SQLAlchemy URL); default $PLANNER_DB or "
        "a file in the user data directory",
    )
    parser.add_argument(
        "--catalog",
        metavar="DIR",
        action="append",
        default=[] if top else argparse.SUPPRESS,
        help="a directory of your own catalog products, added to the shipped catalog",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Get enterprise social and collaboration tools under control, following "
        "Gartner's one-year roadmap: discover, inventory & pilots, introduce & train. "
        "With no command, opens the TUI.",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str,
        help_text: str,
        target: commands.Handler,
        parent: argparse._SubParsersAction[argparse.ArgumentParser] = sub,
    ) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text, description=help_text)
        _common(p, top=False)
        p.set_defaults(handler=target)
        return p

    add("tui", "open the TUI on the workspace", commands.tui)
    p = add("demo", "build the demo workspace and open the TUI on it", commands.demo)
    p.add_argument("--no-tui", action="store_true", help="only build the demo workspace")
    p.add_argument("--yes", "-y", action="store_true", help="reset an existing demo without asking")

    catalog = sub.add_parser("catalog", help="the vendor catalog").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    p = add(
        "validate",
        "validate a catalog directory (default: the shipped one)",
        commands.catalog_validate,
        catalog,
    )
    p.add_argument("directory", nargs="?", help="catalog directory to check")
    p = add("list", "list the catalog's products", commands.catalog_list, catalog)
    p.add_argument("--category", choices=["internal", "external", "public"])
    p.add_argument("--capability", metavar="ID", help="only products with this capability")
    p = add("show", "show one product", commands.catalog_show, catalog)
    p.add_argument("product", metavar="ID")

    plan = sub.add_parser("plan", help="plans in the workspace").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    p = add("new", "create a plan", commands.plan_new, plan)
    p.add_argument("name")
    p.add_argument("--start", required=True, metavar="YYYY-MM-DD", type=commands.iso_date)
    p.add_argument("--organisation", "--organization", default="", metavar="ORG")
    p.add_argument("--owner", default=None)
    add("list", "list the workspace's plans", commands.plan_list, plan)
    p = add("show", "show a plan's phases, due dates and next actions", commands.plan_show, plan)
    p.add_argument("name", nargs="?")
    p = add("set", "change a plan's settings", commands.plan_set, plan)
    p.add_argument("name", nargs="?")
    p.add_argument("--organisation", "--organization", metavar="ORG")
    p.add_argument("--owner")
    p.add_argument("--start", metavar="YYYY-MM-DD", type=commands.iso_date)
    p.add_argument(
        "--eu-residency",
        choices=["required", "not-required"],
        help="whether tools must keep data in the EU (a risk flag)",
    )
    p = add(
        "export",
        "write the plan as YAML (default plans/NAME.yaml; -o - for stdout)",
        commands.plan_export,
        plan,
    )
    p.add_argument("name", nargs="?")
    p.add_argument("-o", "--output", metavar="FILE")
    from planner.cli import plan_review

    plan_review.add_parsers(plan, add)

    from planner.cli import discover

    discover.add_parsers(sub, add)

    from planner.cli import inventory, pilots, rollout, tools, workspace

    tools.add_parsers(sub, add)
    inventory.add_parsers(sub, add)
    pilots.add_parsers(sub, add)
    rollout.add_parsers(sub, add)
    workspace.add_parsers(sub, add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command in ``argv``; without ``argv``, this process is the planner command
    (``sys.argv``), started the fast way (:mod:`planner.cli.startup`)."""
    from planner.cli import startup

    if argv is None:
        startup.begin()
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        handler: commands.Handler = getattr(args, "handler", commands.tui)
        return commands.run(handler, args)
    finally:
        startup.end()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
