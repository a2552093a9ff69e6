"""The one way to register a command: :func:`add_command`, and the check that every
command said whether it writes.

Every command module has ``add_parsers(sub, add)`` and registers each command with
``add(name, help, handler, parent, writes=…)``. ``writes`` has no default: a command that
does not say whether it writes cannot be registered (a ``TypeError`` when the parser is
built), and :func:`undeclared` finds any command registered some other way
(tests/cli/test_parser.py walks the whole parser with it). What the declaration does is
:func:`planner.cli.commands.open_planner`'s business.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import TYPE_CHECKING

from planner.cli import examples

if TYPE_CHECKING:
    from planner.cli.commands import Handler, Subparsers


def common_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
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


def add_command(
    name: str,
    help_text: str,
    handler: Handler,
    parent: Subparsers,
    *,
    writes: bool,
    creates: bool = False,
) -> argparse.ArgumentParser:
    """Register the command ``name`` under ``parent``: its help, its example epilog, the
    common options, its handler, and whether it ``writes`` to the workspace and
    ``creates`` one where there is none (only commands that make a plan)."""
    if not isinstance(writes, bool) or not isinstance(creates, bool):
        raise TypeError(f"{name}: writes= and creates= are True or False")
    if creates and not writes:
        raise TypeError(f"{name}: a command that creates a workspace writes to it")
    p = parent.add_parser(
        name,
        help=help_text,
        description=help_text,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.epilog = examples.epilog(p.prog.removeprefix("planner "))
    common_options(p, top=False)
    p.set_defaults(handler=handler, writes=writes, creates=creates)
    return p


def commands(
    parser: argparse.ArgumentParser, prefix: str = ""
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every command the parser runs (a parser with a handler), by its full name."""
    if parser.get_default("handler") is not None:
        yield prefix, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, f"{prefix} {name}".strip())


def undeclared(parser: argparse.ArgumentParser) -> list[str]:
    """The commands that do not say whether they write (not registered by add_command)."""
    return [
        name
        for name, sub in commands(parser)
        if not isinstance(sub.get_default("writes"), bool)
        or not isinstance(sub.get_default("creates"), bool)
    ]
