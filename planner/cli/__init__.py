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
from importlib import import_module

from planner import __version__
from planner.cli import registry

# The top-level commands each module adds (in the order of --help), every one through its
# ``add_parsers(sub, add)`` and ``planner.cli.registry.add_command``. A command named on the
# command line builds only its own part of the parser (the whole of it is some 350
# add_argument calls, a few percent of a quick command's time) and imports no other
# command module. tests/cli/test_parser.py keeps this table true.
MODULE_COMMANDS: dict[str, tuple[str, ...]] = {
    "interactive": ("tui", "demo"),
    "catalog": ("catalog",),
    "plans": ("plan",),
    "audiences": ("audience",),
    "discover": ("discover",),
    "tools": ("tools",),
    "inventory": ("inventory", "vendors", "risks"),
    "candidates": ("candidates", "needs"),
    "pilots": ("pilot",),
    "rollout": ("training", "feature", "timeline"),
    "adoption": ("rollout", "readiness"),
    "workspace": ("workspace",),
    "privacy": ("privacy",),
    "contracts": ("contract", "costs", "retire", "exit"),
    "completion": ("completion",),
}
_KNOWN = frozenset().union(*MODULE_COMMANDS.values())
_VALUE_OPTIONS = ("--db", "--catalog")  # the top-level options that take a value


HELP_EPILOG = """\
the demo:
  'planner demo' builds the demo (Hexaline Industries) in its own workspace, demo.sqlite in
  the user data directory, never in yours. While you have no workspace of your own, planner
  and its commands open the demo and say so in one line; 'planner plan new NAME --start
  YYYY-MM-DD' (or 'plan import FILE') starts yours. --db and $PLANNER_DB always win.

environment:
  PLANNER_DB        the workspace, as --db (which wins over it)
  PLANNER_CATALOG   directories of your own catalog products, as --catalog, separated
                    by ':' (';' on Windows); the workspace remembers those it was used with
  PLANNER_KEY_FILE  the pseudonym key file (default: beside a SQLite workspace)
  PLANNER_TODAY     YYYY-MM-DD: the day planner takes as today (reproducible files, CI)

exit codes:
  0  success
  1  failure: the work could not be done (database, disk), or the answer is "yes, there
     are some" (plan diff: the files differ; catalog audit: facts to re-check)
  2  bad usage or bad input data, one line per problem on stderr; nothing was written
"""


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
        epilog=HELP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"planner {__version__}")
    registry.common_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    for module, names in MODULE_COMMANDS.items():
        if command is None or command in names:
            import_module(f"planner.cli.{module}").add_parsers(sub, registry.add_command)
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
        if getattr(args, "handler", None) is None:  # no command: the TUI
            from planner.cli import interactive

            args = interactive.tui_arguments(args)
        from planner.cli.running import run

        return run(args.handler, args)
    finally:
        startup.end()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
