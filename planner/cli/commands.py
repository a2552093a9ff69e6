"""What every command module shares: the way to register a command (:class:`Adder`), the
common options, and the one way a command opens its workspace (:func:`open_planner`).

A command declares whether it writes when it is registered (``planner.cli.registry``);
:func:`open_planner` turns that declaration into what opening the workspace may do, so a
command that only reads can neither create a workspace on a mistyped ``--db`` nor upgrade
an older one behind the user's back.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from planner.errors import InputError

Handler = Callable[[argparse.Namespace], int]
if TYPE_CHECKING:
    from planner.adapters.store.schema import State
    from planner.bootstrap import Planner

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


class Adder(Protocol):
    """Registers one command (``planner.cli.registry.add_command``): its name, help and
    handler under ``parent``, and whether it ``writes`` (said by every command) and
    ``creates`` a workspace where there is none (commands that make a plan)."""

    def __call__(
        self,
        name: str,
        help_text: str,
        handler: Handler,
        parent: Subparsers,
        *,
        writes: bool,
        creates: bool = False,
    ) -> argparse.ArgumentParser: ...


PLAN_HELP = (
    "the plan to act on (default: the current plan, see 'planner plan use', or the "
    "workspace's only plan)"
)


def add_plan_name(parser: argparse.ArgumentParser) -> None:
    """A plan command's plan: ``NAME`` or ``--plan NAME``, both optional."""
    parser.add_argument(
        "name", nargs="?", metavar="NAME", help="the plan (the same as --plan NAME)"
    )
    parser.add_argument("--plan", metavar="NAME", help=PLAN_HELP)


def plan_name(args: argparse.Namespace) -> str | None:
    """The plan a command names (positional or ``--plan``), None for the default one."""
    name, option = getattr(args, "name", None), getattr(args, "plan", None)
    if name is not None and option is not None and name != option:
        raise InputError(f"two plans named: '{name}' and --plan '{option}'; give one")
    return name if name is not None else option


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """``--format table|json|csv`` on a list command (see :func:`output.listing`)."""
    parser.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table (default), json (a list of objects with stable keys) or csv (with a "
        "header; formulas neutralised)",
    )


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


_opened: list[Planner] = []  # closed when the command is over (see close_opened)


# Commands that start a workspace of one's own: never the demo's, whatever exists.
STARTS_OWN_COMMANDS = frozenset({"plan new", "plan import"})


def open_planner(
    args: argparse.Namespace, db: str | None = None, *, ask_upgrade: bool = False
) -> Planner:
    """The workspace and catalog of the command in ``args``, opened as its registration
    declared: a command that only reads opens the workspace read-only and refuses an older
    one (``planner workspace upgrade``); one that writes upgrades an older SQLite file after
    saying so on stderr (a copy is kept), never a database on a server. ``ask_upgrade``:
    refuse any older workspace, for a front end that asks the user first (the TUI)."""
    from planner.bootstrap import (
        DEMO_NOTICE,
        Access,
        Settings,
        bootstrap,
        catalogs_from_env,
        choose_db,
    )
    from planner.cli import startup

    writes = getattr(args, "writes", False)  # undeclared: the safe side (a test forbids it)
    access = Access.READ if not writes else Access.ASK if ask_upgrade else Access.WRITE
    given = getattr(args, "catalog", None) or []
    catalogs = tuple(Path(d) for d in given) or catalogs_from_env()
    command = " ".join(
        part for part in (getattr(args, "command", None), getattr(args, "action", None)) if part
    )
    demo = False
    where = db
    if where is None:
        where, demo = choose_db(args.db, starts_own=command in STARTS_OWN_COMMANDS)
    planner = bootstrap(
        Settings(
            db=where,
            catalog_dirs=catalogs,
            create_workspace=writes and getattr(args, "creates", False),
            access=access,
            on_upgrade=lambda state: _say_upgrading(where, state),
            demo=demo,
            # The catalog commands read the catalog files only, never a workspace.
            remembered_catalogs=not command.startswith("catalog"),
        )
    )
    # Said once the demo's workspace is really opened (not by 'catalog list', say).
    planner.on_demo = lambda path: print(DEMO_NOTICE.format(demo=path), file=sys.stderr)
    _opened.append(planner)
    startup.settled()  # the command has imported what it uses; its work starts here
    return planner


def _say_upgrading(where: str, state: State) -> None:
    """One line before a writing command upgrades a SQLite workspace."""
    name = Path(where.removeprefix("sqlite:///")).name
    print(
        f"planner: upgrading {where} from {state.label} to {state.head} before writing to "
        f"it; the old file is kept beside it as {name}.bak-{state.backup_label}",
        file=sys.stderr,
    )


def close_opened() -> None:
    """Close every workspace the command opened."""
    while _opened:
        _opened.pop().close()


def confirm(question: str) -> bool:
    """Ask on the terminal; anything but yes (or no terminal) is no."""
    if not sys.stdin.isatty():
        return False
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)  # stdout is for data
    answer = input().strip().lower()
    return answer in {"y", "yes"}


def confirmed(refused: str, question: str, kept: str) -> bool:
    """A destructive command without ``--yes``: ask ``question`` on the terminal; without
    one, refuse (``refused`` "without confirmation", exit 2) so a script never hangs nor
    goes ahead unasked. False (and ``kept`` said) when the answer is no."""
    from planner.errors import InputError

    if not sys.stdin.isatty():
        raise InputError(f"{refused} without confirmation: run on a terminal, or add --yes")
    if confirm(question):
        return True
    print(kept, file=sys.stderr)
    return False
