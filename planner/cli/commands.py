"""One function per command: translate arguments into service calls and print results."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import MAX_PROBLEMS, InputError, InputErrors, PlannerError

Handler = Callable[[argparse.Namespace], int]
if TYPE_CHECKING:
    from planner.bootstrap import Planner
    from planner.domain.catalog import Checked

    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]
Adder = Callable[[str, str, Handler, "Subparsers"], argparse.ArgumentParser]


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


_opened: list[Planner] = []  # closed when the command is over (see run)


# A file with 100,000 bad entries is refused with its first 100 problems, each at most a
# long line: enough to fix the first ones, not a flood that hides the terminal. The readers
# already stop at MAX_PROBLEMS and add their own located count line; this is the backstop
# for a list of problems built elsewhere.
MAX_ERROR_LINES = MAX_PROBLEMS
MAX_ERROR_CHARS = 2_000

# Commands that only read: on a path where no workspace exists they say so rather than
# create an empty workspace (and its directories) and report an empty result.
READ_ONLY_COMMANDS = frozenset(
    {
        "plan list", "plan show", "plan export", "plan report", "plan diff", "tools list",
        "tools show",
        "discover hosts", "inventory report", "inventory export", "vendors list", "risks list",
        "candidates", "pilot list", "pilot show", "training list", "feature list", "timeline",
        "rollout show", "readiness list", "privacy record", "contract list", "contract show",
        "costs",
    }
)  # fmt: skip


def _planner(args: argparse.Namespace, db: str | None = None) -> Planner:
    from planner.bootstrap import Settings, bootstrap, default_db
    from planner.cli import startup

    catalogs = tuple(Path(d) for d in (getattr(args, "catalog", None) or []))
    command = " ".join(
        part for part in (getattr(args, "command", None), getattr(args, "action", None)) if part
    )
    planner = bootstrap(
        Settings(
            db=db or args.db or default_db(),
            catalog_dirs=catalogs,
            create_workspace=command not in READ_ONLY_COMMANDS,
        )
    )
    _opened.append(planner)
    startup.settled()  # the command has imported what it uses; its work starts here
    return planner


def run(handler: Handler, args: argparse.Namespace) -> int:
    """Run a command; turn the project's errors into one-line messages and exit codes.

    The workspaces the command opened are closed when it is over, whatever happened.
    """
    try:
        return _run(handler, args)
    finally:
        while _opened:
            _opened.pop().close()


def _run(handler: Handler, args: argparse.Namespace) -> int:
    from planner.cli.output import error_line, visible_streams

    try:
        if handler in (tui, demo):  # Textual owns the terminal; it shows data as Text
            return handler(args)
        with visible_streams():
            return handler(args)
    except PlannerError as exc:
        lines = _error_lines(exc)
        # One more line fits where the count would go (a reader's own located count line).
        shown = lines if len(lines) <= MAX_ERROR_LINES + 1 else lines[:MAX_ERROR_LINES]
        for line in shown:
            error_line(line[:MAX_ERROR_CHARS])
        if len(shown) < len(lines):
            error_line(f"planner: … and {len(lines) - len(shown):,} more problems")
        return exc.exit_code
    except KeyboardInterrupt:
        error_line("planner: interrupted")
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:
        message = _environment_error(exc, args)
        if message is None:
            raise  # a bug: the traceback is what a bug report needs
        error_line(message)
        return 1


def _environment_error(exc: Exception, args: argparse.Namespace) -> str | None:
    """One line for failures of the machine rather than of planner: a database that is full,
    read-only or locked, a file that cannot be written. Never the SQL or its parameters
    (they may hold plan data); the driver's own reason, which says what to fix."""
    if type(exc).__module__.startswith("sqlalchemy"):
        from planner.bootstrap import default_db

        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        where = getattr(args, "db", None) or default_db()
        hint = ""
        lowered = reason.lower()
        if "full" in lowered:
            hint = ": free some disk space and retry (nothing was saved)"
        elif "readonly" in lowered or "read-only" in lowered:
            hint = ": the workspace or its directory is read-only (nothing was saved)"
        return f"planner: database error on {where}: {reason}{hint}"
    if isinstance(exc, OSError):
        target = f"{exc.filename}: " if exc.filename else ""
        return f"planner: {target}{exc.strerror or exc}"
    return None


def _error_lines(exc: PlannerError) -> list[str]:
    """Located input errors read ``file:line:col: message``; the rest ``planner: message``."""
    if isinstance(exc, InputErrors):
        return [line for err in exc.errors for line in _error_lines(err)]
    if isinstance(exc, InputError) and exc.file:
        return [str(exc)]
    return [f"planner: {exc}"]


# TUI ----------------------------------------------------------------------------------------
def tui(args: argparse.Namespace) -> int:
    from planner.tui.app import run_app

    run_app(_planner(args))
    return 0


def demo(args: argparse.Namespace) -> int:
    from planner.bootstrap import demo_db
    from planner.services.demo import DEMO_PLAN, build_demo
    from planner.services.plans import delete_plan, list_plans

    db = args.db or demo_db()
    planner = _planner(args, db=db)
    build = True
    if any(p.name == DEMO_PLAN for p in list_plans(planner.workspace)):
        build = args.yes or _confirm(f"Reset the demo plan in {planner.workspace.url}?")
        if build:
            delete_plan(planner.workspace, DEMO_PLAN)
    if build:
        plan = build_demo(
            planner.workspace, planner.catalog, planner.pseudonym_key, planner.today()
        )
        print(f"demo workspace ready: {db} (plan '{plan.name}')", file=sys.stderr)
    if args.no_tui:
        return 0
    from planner.tui.app import run_app

    run_app(planner)
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)  # stdout is for data
    answer = input().strip().lower()
    return answer in {"y", "yes"}


# catalog ------------------------------------------------------------------------------------
def catalog_validate(args: argparse.Namespace) -> int:
    from planner.adapters.catalog_files import load_catalog, load_catalog_dirs

    if args.directory:
        directory = Path(args.directory)
        # A user's directory is checked against the shipped vocabulary and products too,
        # since that is how it will be used.
        catalog = (
            load_catalog([directory])
            if not (directory / "capabilities.yaml").exists()
            else load_catalog_dirs([directory])
        )
        where = directory
    else:
        # Always the files themselves, never the parsed-catalog cache: this is the linter.
        catalog = load_catalog(_planner(args).settings.catalog_dirs)
        where = Path("shipped catalog")
    print(f"{where}: {len(catalog)} products, {len(catalog.capabilities)} capabilities: ok")
    return 0


def catalog_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.domain.catalog import Category

    catalog = _planner(args).catalog
    if args.capability and args.capability not in catalog.capabilities:
        raise InputError(f"unknown capability '{args.capability}'")
    families = {p.family for p in catalog if p.family}
    if args.family and args.family not in families:
        raise InputError(f"unknown family '{args.family}' (one of: {', '.join(sorted(families))})")
    products = [
        p
        for p in catalog.filter(
            category=Category(args.category) if args.category else None,
            capability=args.capability,
        )
        if not args.family or p.family == args.family
    ]
    rows = [
        (
            p.id,
            p.name,
            p.vendor,
            p.category.value,
            p.strategy.status.value,
            p.strategy.owner,
            len(p.capabilities),
        )
        for p in products
    ]
    keys = ["id", "name", "vendor", "category", "status", "owner", "capabilities", "family"]
    listing(
        args,
        f"{len(products)} products",
        [
            dict(zip(keys, (*row[:6], list(p.capabilities), p.family), strict=True))
            for row, p in zip(rows, products, strict=True)
        ],
        keys,
        rows=rows,
        columns=["id", "name", "vendor", "category", "status", "owner", "caps"],
    )
    return 0


def _checked(checked: Checked | None) -> str:
    if checked is None:
        return "never"
    trust = "verified" if checked.primary else "UNVERIFIED"
    return f"{checked.on.isoformat()}, {checked.kind.value}, {trust}: {checked.source}"


def catalog_show(args: argparse.Namespace) -> int:
    from planner.cli.output import cell, console, table

    catalog = _planner(args).catalog
    product = catalog.get(args.product)
    if product is None:
        raise InputError(f"no product '{args.product}' in the catalog")
    s = product.strategy
    residency = product.security.data_residency
    rows = [
        ("name", product.name),
        ("vendor", product.vendor),
        ("category", f"{product.category.value} ({product.category.label})"),
        ("summary", product.summary),
        ("aliases", product.aliases),
        ("capabilities", product.capabilities),
        ("deployment", product.deployment),
        ("sso", product.security.sso or "none"),
        ("data residency", residency if residency is not None else "unknown"),
        ("certifications", product.security.certifications or "unknown"),
        ("security checked", _checked(product.security.checked)),
        ("domains", product.discovery.domains),
        ("applications", (*product.discovery.apps.names, *product.discovery.apps.ids)),
        ("family", product.family),
        ("status", s.status.value),
        ("owner", s.owner),
        ("successor", s.successor),
        ("acquired on", s.acquired_on),
        ("announced on", s.announced_on),
        ("end of support", s.end_of_support),
        ("retired on", s.retired_on),
        ("status checked", _checked(s.last_checked)),
    ]
    out = console()
    out.print(table(product.id, ["field", "value"], rows))
    if s.history:
        out.print(
            table("history", ["year", "event"], [(h.date or h.year, h.event) for h in s.history])
        )
    if product.adoption:
        out.print(
            table(
                "adoption",
                ["value", "metric", "source"],
                [(a.value, a.metric, a.source) for a in product.adoption],
            )
        )
    for source in product.sources:
        out.print(cell(f"source: {source}", "dim"))
    return 0


# plans --------------------------------------------------------------------------------------
def plan_new(args: argparse.Namespace) -> int:
    from planner.services.plans import create_plan

    planner = _planner(args)
    plan = create_plan(planner.workspace, args.name, args.start, args.organisation, args.owner)
    print(f"created plan '{plan.name}' starting {plan.start.isoformat()}", file=sys.stderr)
    return 0


def plan_list(args: argparse.Namespace) -> int:
    from planner.cli.output import listing
    from planner.services.plans import count_plans, current_plan, list_plans

    ws = _planner(args).workspace
    limit = args.limit or None  # 0: all of them
    plans = list_plans(ws, limit=limit, offset=args.offset)
    total = count_plans(ws) if limit is not None or args.offset else len(plans)
    current = current_plan(ws)
    title = f"{total} plan(s)"
    if len(plans) < total:
        title += f", {args.offset + 1}-{args.offset + len(plans)} shown (--limit, --offset)"
    if current is not None:
        title += " (* = current, see plan use)"
    records = [
        {
            "name": p.name,
            "organisation": p.organisation,
            "owner": p.owner,
            "start": p.start,
            "current": p.name == current,
        }
        for p in plans
    ]
    listing(
        args,
        title,
        records,
        ["name", "organisation", "owner", "start", "current"],
        rows=[
            (("* " if r["current"] else "") + p.name, p.organisation, p.start.isoformat())
            for r, p in zip(records, plans, strict=True)
        ],
        columns=["name", "organisation", "start"],
    )
    return 0


def plan_show(args: argparse.Namespace) -> int:
    from planner.cli.output import cell, console, table
    from planner.services.plans import overview

    planner = _planner(args)
    view = overview(planner.workspace, plan_name(args), planner.today())
    out = console()
    title = (
        f"{view.plan.name} — {view.plan.organisation or 'no organisation'}, "
        f"starts {view.plan.start.isoformat()}"
    )
    out.print(
        table(
            title,
            ["phase", "from", "due", "progress", "status"],
            [
                (
                    s.phase.label,
                    s.starts.isoformat(),
                    s.due.isoformat(),
                    f"{s.progress:.0%}",
                    s.status.value,
                )
                for s in view.phases
            ],
        )
    )
    for action in view.actions:
        out.print(cell(f"• {action}"))
    return 0


def _csv_arg(value: str | None) -> list[str] | None:
    return None if value is None else [v.strip() for v in value.split(",") if v.strip()]


def plan_set(args: argparse.Namespace) -> int:
    from planner.services.plans import update_plan

    residency = None if args.eu_residency is None else args.eu_residency == "required"
    plan = update_plan(
        _planner(args).workspace,
        plan_name(args),
        organisation=args.organisation,
        owner=args.owner,
        start=args.start,
        eu_residency_required=residency,
        employees=args.employees,
        use_cases=_csv_arg(args.use_cases),
        excluded_deployments=_csv_arg(args.exclude_deployment),
    )
    print(f"updated plan '{plan.name}'", file=sys.stderr)
    return 0


def plan_export(args: argparse.Namespace) -> int:
    from planner.services.plan_file import export_plan

    planner = _planner(args)
    output = Path(args.output) if args.output else None
    target = export_plan(
        planner.workspace, plan_name(args), planner.today(), output, planner.catalog
    )
    if str(target) != "-":
        print(f"wrote {target}", file=sys.stderr)
    return 0


def plan_use(args: argparse.Namespace) -> int:
    from planner.services.plans import use_plan

    plan = use_plan(_planner(args).workspace, args.name)
    print(f"current plan: '{plan.name}' (commands given no plan act on it)", file=sys.stderr)
    return 0


def plan_delete(args: argparse.Namespace) -> int:
    from planner.services.plans import delete_plan, get_plan

    planner = _planner(args)
    plan = get_plan(planner.workspace, args.name)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError(
                f"not deleting plan '{plan.name}' without confirmation: "
                "run on a terminal, or add --yes"
            )
        question = f"Delete plan '{plan.name}' and everything it holds (tools, evidence, pilots)?"
        if not _confirm(question):
            print(f"plan '{plan.name}' kept", file=sys.stderr)
            return 1
    delete_plan(planner.workspace, plan.name)
    print(f"deleted plan '{plan.name}'", file=sys.stderr)
    return 0


def plan_rename(args: argparse.Namespace) -> int:
    from planner.services.plans import rename_plan

    plan = rename_plan(_planner(args).workspace, args.old, args.new)
    print(f"renamed plan '{args.old}' to '{plan.name}'", file=sys.stderr)
    return 0
