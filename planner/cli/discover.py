"""Commands of phase 1: import evidence, the survey template, triage of unmatched hosts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planner.adapters.sources.logs import registry
from planner.cli.commands import PLAN_HELP, Adder, open_planner
from planner.domain.words import counted

if TYPE_CHECKING:
    from planner.cli.commands import Subparsers


def _progress_bar(path: Path):  # type: ignore[no-untyped-def]
    """A Rich progress bar on stderr when it is a terminal; otherwise nothing."""
    if not sys.stderr.isatty():
        return None, None
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from planner.cli.output import console

    bar = Progress(
        "{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        transient=True,
        console=console(stderr=True),
    )
    task = bar.add_task(f"reading {path.name}", total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return bar, update


def discover_import(args: argparse.Namespace) -> int:
    if len(args.file) > 1:
        return _import_many(args)
    path = Path(args.file[0])
    early = None
    if args.profile is None:
        from planner.adapters.sources.logs import early as early_read

        # A big log whose format can begin early (Squid's helper processes) is read while
        # the rest starts up; the handle is opaque here and only travels on.
        early = early_read.start(path, args.format)
    bar = None
    try:
        from planner.services.discover import import_file

        planner = open_planner(args)
        bar, update = _progress_bar(path)
        if bar is not None:
            bar.start()
        result = import_file(
            planner.workspace,
            planner.catalog,
            planner.pseudonym_key,
            args.plan,
            path,
            args.format,
            directory=Path(args.directory) if args.directory else None,
            encoding=args.encoding,
            progress=update,
            profile=args.profile,
            early=early,
            internal_zones=args.internal_zone,
            today=planner.today(),
        )
    finally:
        if bar is not None:
            bar.stop()
        if early is not None:
            early.close()
    if result.duplicate:
        print(f"{path}: already imported into this plan; nothing counted twice", file=sys.stderr)
        if args.directory:
            _directory_line(
                Path(args.directory).name, result.directory_persons, result.directory_tools
            )
        return 0
    if result.warning:
        print(result.warning, file=sys.stderr)
    parts = [counted(result.lines, "line" if result.format != "survey" else "answer")]
    if result.skipped:
        where = ", ".join(str(n) for n in result.skipped_lines)
        more = ", …" if result.skipped > len(result.skipped_lines) else ""
        parts.append(f"{counted(result.skipped, 'malformed line')} skipped (lines {where}{more})")
    if result.format != "survey":
        parts.append(counted(result.hosts, "host"))
    parts += [
        f"{counted(len(result.matched_tools), 'tool')} matched",
        f"{len(result.new_tools)} new",
    ]
    if result.infrastructure_hosts:
        parts.append(f"{counted(result.infrastructure_hosts, 'infrastructure host')} set aside")
    if result.local_skipped:
        parts.append(f"{counted(result.local_skipped, 'local or reverse look-up')} skipped")
    if result.set_aside:
        parts.append(result.set_aside_text)
    if result.format != "survey":
        parts.append(f"{counted(result.unmatched_hosts, 'unmatched host')} to triage")
    if result.encoding:
        parts.append(f"read as {result.encoding}")
    parts.append(f"{result.seconds:.1f}s")
    if result.purged_hosts:
        parts.append(
            f"pseudonyms past retention dropped from {counted(result.purged_hosts, 'host')}"
        )
    print(f"{path.name} ({result.format}): " + ", ".join(parts), file=sys.stderr)
    for backup in result.backups_deleted:
        print(f"deleted upgrade backup {backup}: it held purged pseudonyms", file=sys.stderr)
    for what, names in (("tools", result.new_tools), ("domains", result.new_domains)):
        if names and not result.first_hosts:  # after the first import, all would be new
            shown = ", ".join(names[:10]) + (", …" if len(names) > 10 else "")
            print(f"  new {what} ({len(names)}): {shown}", file=sys.stderr)
    if args.directory and result.directory_persons:
        _directory_line(Path(args.directory).name, result.directory_persons, result.directory_tools)
    return 0


def _import_many(args: argparse.Namespace) -> int:
    """Several logs at once: one line per file as it is written, then the totals."""
    from planner.adapters.files import check_input_file
    from planner.errors import InputError
    from planner.services.discover.common import ImportResult
    from planner.services.discover.rotated import import_logs

    if args.format == "survey":
        raise InputError("import surveys one at a time: several files are read as logs")
    paths = [Path(f) for f in args.file]
    for path in paths:
        check_input_file(path)
    planner = open_planner(args)

    def done(result: ImportResult) -> None:
        if result.duplicate:
            print(f"{result.source}: already imported; skipped", file=sys.stderr)
            return
        if result.warning:  # the data-protection step's, once (on the write's last file)
            print(result.warning, file=sys.stderr)
        print(
            f"{result.source} ({result.format}): {result.lines} lines, {result.hosts} hosts, "
            f"{len(result.new_tools)} new tools, "
            + (
                f"{result.local_skipped} local or reverse look-ups skipped, "
                if result.local_skipped
                else ""
            )
            + (f"{result.set_aside_text}, " if result.set_aside else "")
            + f"{result.seconds:.1f}s",
            file=sys.stderr,
        )

    results = import_logs(
        planner.workspace,
        planner.catalog,
        planner.pseudonym_key,
        args.plan,
        paths,
        args.format,
        directory=Path(args.directory) if args.directory else None,
        encoding=args.encoding,
        done=done,
        internal_zones=args.internal_zone,
        today=planner.today(),
    )
    fresh = [r for r in results if not r.duplicate]
    later = [r for r in fresh if not r.first_hosts]  # after the first, all would be new
    new_tools = sorted({t for r in later for t in r.new_tools})
    new_domains = sorted({d for r in later for d in r.new_domains})
    unmatched = fresh[-1].unmatched_hosts if fresh else None
    print(
        f"{counted(len(results), 'file')}: {len(fresh)} imported, {len(results) - len(fresh)} "
        "already in"
        + (f"; {counted(unmatched, 'unmatched host')} to triage" if unmatched is not None else ""),
        file=sys.stderr,
    )
    for what, names in (("tools", new_tools), ("domains", new_domains)):
        if names:
            shown = ", ".join(names[:10]) + (", …" if len(names) > 10 else "")
            print(f"  new {what} ({len(names)}): {shown}", file=sys.stderr)
    return 0


def _directory_line(source: str, persons: int, tools: list[str]) -> None:
    shown = ", ".join(tools[:10]) + (", …" if len(tools) > 10 else "")
    print(
        f"{source}: {persons} people already seen given a department; "
        f"{len(tools)} tools' departments refreshed" + (f" ({shown})" if tools else ""),
        file=sys.stderr,
    )


def discover_directory(args: argparse.Namespace) -> int:
    from planner.services.discover.logs import apply_directory

    planner = open_planner(args)
    path = Path(args.file)
    result = apply_directory(
        planner.workspace,
        planner.catalog,
        planner.pseudonym_key,
        args.plan,
        path,
        encoding=args.encoding,
    )
    print(f"{result.source}: {result.entries} users with a department", file=sys.stderr)
    _directory_line(result.source, result.persons, result.tools)
    return 0


def discover_template(args: argparse.Namespace) -> int:
    from planner.adapters.files import write_atomic
    from planner.domain.survey_template import SURVEY_TEMPLATE

    target = Path(args.output)
    write_atomic(target, SURVEY_TEMPLATE)
    if args.output != "-":
        print(f"wrote {target}", file=sys.stderr)
    return 0


def add_parsers(sub: Subparsers, add: Adder) -> None:
    discover = sub.add_parser("discover", help="Phase 1 Discover: evidence of tools in use")
    actions = discover.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = add(
        "import",
        "import a proxy/DNS log or a survey CSV (format guessed when omitted)",
        discover_import,
        actions,
        writes=True,
    )
    p.add_argument(
        "file",
        metavar="FILE",
        nargs="+",
        help="a proxy/DNS log (gzip read as is) or a survey CSV; several logs (rotated days, "
        "access.log-202611*.gz) are read in parallel and the ones already imported skipped",
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p.add_argument(
        "--format",
        choices=[*registry.NAMES, "survey"],
        help="the file's format; guessed when omitted",
    )
    p.add_argument(
        "--profile",
        metavar="NAME|FILE",
        help="read a site-specific CSV export through a field-map profile: "
        "defender-discovered-apps, netskope, zscaler-nss, or your own YAML file",
    )
    p.add_argument(
        "--directory",
        metavar="CSV",
        help="staff directory (user, department) to count users per department; "
        "also applies to people already seen, even when the log was imported before",
    )
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="the survey's or directory's encoding (e.g. cp1252, utf-16); detected when omitted",
    )
    p.add_argument(
        "--internal-zone",
        metavar="ZONE",
        action="append",
        default=[],
        help="your organisation's own DNS zone (e.g. corp.example; repeatable): its names are "
        "left out of DNS logs, like local names and reverse look-ups",
    )
    p = add(
        "directory",
        "apply a staff directory to the people already seen in imported logs (departments)",
        discover_directory,
        actions,
        writes=True,
    )
    p.add_argument(
        "file",
        metavar="CSV",
        help="staff directory (user, department); names are pseudonymised, never stored",
    )
    p.add_argument("--plan", metavar="NAME", help=PLAN_HELP)
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="the directory's encoding (e.g. cp1252, utf-16); detected when omitted",
    )
    p = add("template", "write the survey CSV template", discover_template, actions, writes=False)
    p.add_argument(
        "-o",
        "--output",
        default="survey-template.csv",
        metavar="FILE",
        help="where to write it (default survey-template.csv)",
    )
    from planner.cli import triage

    triage.add_parsers(actions, add)
