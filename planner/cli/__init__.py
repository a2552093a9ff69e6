"""The command line: parse arguments, call the services, print the results.

Fast to start: only argparse is imported up front; a command builds only its own part of
the parser (:data:`MODULE_COMMANDS`) and imports what it needs (Rich for tables, the
services, Textual only when the TUI opens); a command process loads all that with the
cyclic collector off (:mod:`planner.cli.startup`). Errors the user can act on are one line
each on stderr with exit code 2 (bad input) or 1 (failure), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from planner import __version__
from planner.cli import commands, examples


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


# The top-level commands each module adds. A command named on the command line builds only
# its own part of the parser (the whole of it is some 350 add_argument calls, a few percent
# of a quick command's time) and imports no other command module. A command missing here
# still works, through the whole parser; tests/cli/test_parser.py keeps this table true.
BUILT_IN = ("tui", "demo", "catalog", "plan")
MODULE_COMMANDS: dict[str, tuple[str, ...]] = {
    "discover": ("discover",),
    "tools": ("tools",),
    "inventory": ("inventory", "vendors", "risks"),
    "pilots": ("candidates", "needs", "pilot"),
    "rollout": ("training", "feature", "timeline"),
    "adoption": ("rollout", "readiness"),
    "workspace": ("workspace",),
    "privacy": ("privacy",),
    "contracts": ("contract", "costs", "retire"),
}
_KNOWN = frozenset(BUILT_IN).union(*MODULE_COMMANDS.values())
_VALUE_OPTIONS = ("--db", "--catalog")  # the top-level options that take a value


def command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, if a known one comes first; None for anything else
    (``--help``, an abbreviated option, a typo), which then gets the whole parser."""
    args = iter(argv)
    for arg in args:
        if arg in _VALUE_OPTIONS:
            next(args, None)
        elif arg.startswith(tuple(f"{o}=" for o in _VALUE_OPTIONS)):
            continue
        else:
            return arg if arg in _KNOWN else None
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command``, only what parsing that command needs."""
    parser = argparse.ArgumentParser(
        prog="planner",
        description="Get enterprise social and collaboration tools under control, following "
        "Gartner's one-year roadmap: Phase 1 Discover, Phase 2 Inventory & pilots (2a "
        "inventory, 2b vendor strategies, 2c pilots), Phase 3 Introduce & train (3a features, "
        "3b training). "
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
        p = parent.add_parser(
            name,
            help=help_text,
            description=help_text,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.epilog = examples.epilog(p.prog.removeprefix("planner "))
        _common(p, top=False)
        p.set_defaults(handler=target)
        return p

    def wanted(*names: str) -> bool:
        return command is None or command in names

    if wanted("tui"):
        add("tui", "open the TUI on the workspace", commands.tui)
    if wanted("demo"):
        p = add("demo", "build the demo workspace and open the TUI on it", commands.demo)
        p.add_argument("--no-tui", action="store_true", help="only build the demo workspace")
        p.add_argument(
            "--yes", "-y", action="store_true", help="reset an existing demo without asking"
        )

    if wanted("catalog"):
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
        from planner.cli import catalog as catalog_commands

        catalog_commands.add_parsers(catalog, add)
        p = add("list", "list the catalog's products", commands.catalog_list, catalog)
        p.add_argument(
            "--category",
            choices=["internal", "external", "public"],
            help="only products of this Gartner category",
        )
        p.add_argument("--capability", metavar="ID", help="only products with this capability")
        p.add_argument(
            "--family", metavar="NAME", help="only products of this family (catalog folder)"
        )
        commands.add_format_option(p)
        p = add("show", "show one product", commands.catalog_show, catalog)
        p.add_argument("product", metavar="ID", help="the product's catalog id (see catalog list)")

    if wanted("plan"):
        plan = sub.add_parser("plan", help="plans in the workspace").add_subparsers(
            dest="action", metavar="ACTION", required=True
        )
        p = add("new", "create a plan", commands.plan_new, plan)
        p.add_argument("name", metavar="NAME", help="the plan's name (it names plans/NAME.yaml)")
        p.add_argument(
            "--start",
            required=True,
            metavar="YYYY-MM-DD",
            type=commands.iso_date,
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
        p = add("list", "list the workspace's plans", commands.plan_list, plan)
        p.add_argument(
            "--limit", type=int, default=100, metavar="N", help="at most N plans (0: all)"
        )
        p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N")
        commands.add_format_option(p)
        p = add(
            "show", "show a plan's phases, due dates and next actions", commands.plan_show, plan
        )
        commands.add_plan_name(p)
        p = add("set", "change a plan's settings", commands.plan_set, plan)
        commands.add_plan_name(p)
        p.add_argument("--organisation", "--organization", metavar="ORG", help="the organisation")
        p.add_argument("--owner", help="who owns the plan ('' for nobody)")
        p.add_argument(
            "--start",
            metavar="YYYY-MM-DD",
            type=commands.iso_date,
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
        p = add(
            "export",
            "write the plan as YAML (default plans/NAME.yaml; -o - for stdout)",
            commands.plan_export,
            plan,
        )
        commands.add_plan_name(p)
        p.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="where to write (default plans/NAME.yaml; - for stdout)",
        )
        p = add(
            "use",
            "make a plan the current one: commands given no plan act on it",
            commands.plan_use,
            plan,
        )
        p.add_argument("name", metavar="NAME", help="the plan to make current")
        p = add(
            "delete",
            "delete a plan and everything it holds (asks first)",
            commands.plan_delete,
            plan,
        )
        p.add_argument("name", metavar="NAME", help="the plan to delete")
        p.add_argument(
            "--yes", "-y", action="store_true", help="delete without asking (for scripts)"
        )
        p = add("rename", "give a plan another name", commands.plan_rename, plan)
        p.add_argument("old", metavar="OLD", help="the plan's current name")
        p.add_argument("new", metavar="NEW", help="its new name")
        from planner.cli import plan_review

        plan_review.add_parsers(plan, add)

    if wanted(*MODULE_COMMANDS["discover"]):
        from planner.cli import discover

        discover.add_parsers(sub, add)
    if wanted(*MODULE_COMMANDS["tools"]):
        from planner.cli import tools

        tools.add_parsers(sub, add)
    if wanted(*MODULE_COMMANDS["inventory"]):
        from planner.cli import inventory

        inventory.add_parsers(sub, add)
    if wanted(*MODULE_COMMANDS["pilots"]):
        from planner.cli import pilots

        pilots.add_parsers(sub, add)
    if wanted(*MODULE_COMMANDS["rollout"]):
        from planner.cli import rollout

        rollout.add_parsers(sub, add)
    if wanted(*MODULE_COMMANDS["adoption"]):
        from planner.cli import adoption

        adoption.add_parsers(sub, add)
    if wanted(*MODULE_COMMANDS["workspace"]):
        from planner.cli import workspace

        workspace.add_parsers(sub, add)
    if wanted(*MODULE_COMMANDS["privacy"]):
        from planner.cli import privacy

        privacy.add_parsers(sub, add)
    if wanted(*MODULE_COMMANDS["contracts"]):
        from planner.cli import contracts

        contracts.add_parsers(sub, add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command in ``argv``; without ``argv``, this process is the planner command
    (``sys.argv``), started the fast way (:mod:`planner.cli.startup`)."""
    from planner.cli import startup

    if argv is None:
        startup.begin()
    try:
        parser = build_parser(command_in(sys.argv[1:] if argv is None else argv))
        args = parser.parse_args(argv)
        handler: commands.Handler = getattr(args, "handler", commands.tui)
        return commands.run(handler, args)
    finally:
        startup.end()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
