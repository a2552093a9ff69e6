"""Phase 1, Discover: evidence of tools in use from proxy/DNS logs and surveys.

Why a package: a log import (`logs`), a survey import (`survey`) and the triage of hosts no
catalog product claims (`triage`) are separate jobs that share only `common`. This module is
the front door for imports: `import_file` takes either kind of file and hands it to the
right importer, guessing the format when it is not given. It imports the importers (and
with them the repositories and the table classes) only when a file is imported, so that
``discover hosts``, which reads through Core, does not pay for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from planner.adapters.files import check_input_file
from planner.adapters.sources.csv_input import fold
from planner.adapters.sources.encodings import decode_text
from planner.adapters.sources.logs.registry import NAMES as LOG_FORMATS
from planner.errors import InputError
from planner.services.discover.common import ImportOptions, ImportResult, Progress

if TYPE_CHECKING:
    from planner.adapters.sources.logs.spec import EarlyRead
    from planner.adapters.store.db import Workspace
    from planner.domain.catalog import Catalog

FORMATS = (*LOG_FORMATS, "survey")


def import_formats() -> list[tuple[str, str]]:
    """(name, description) of each format a file can be imported as: every log source
    of the registry, in its order, then the survey. Choices shown to people come from
    here, so a source added to the registry is offered everywhere."""
    from planner.adapters.sources.logs import registry

    return [(f.name, f.description) for f in registry.sources()] + [("survey", "Survey CSV")]


def import_profiles() -> list[str]:
    """The field-map profiles shipped with planner (``--profile NAME``), for choices."""
    from planner.adapters.sources.logs.profiles import shipped_profiles

    return shipped_profiles()


def guess_format(path: Path) -> str | None:
    """'survey' when the header names a tool and a department (in English, French or German,
    in any encoding a spreadsheet writes); None to let logs sniff."""
    from planner.services.discover.survey import SURVEY_COLUMNS

    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    cut = head.rfind(b"\n")
    for sample in (head, head[: cut + 1] if cut > 0 else head):
        try:
            text = decode_text(sample, str(path)).text
            break
        except InputError:
            continue
    else:
        return None
    first = text.splitlines()[0] if text else ""
    aliases = {fold(a): canon for canon, names in SURVEY_COLUMNS.items() for a in (canon, *names)}
    names = {aliases.get(fold(n)) for n in first.replace(";", ",").replace("\t", ",").split(",")}
    return "survey" if {"tool", "department"} <= names else None


def import_file(
    ws: Workspace,
    catalog: Catalog,
    key: bytes,
    plan: str | None,
    path: Path,
    fmt: str | None = None,
    *,
    directory: Path | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    profile: str | None = None,
    early: EarlyRead | None = None,
    internal_zones: Sequence[str] = (),
    today: dt.date | None = None,
) -> ImportResult:
    """Import a log or a survey into the plan (format guessed when ``fmt`` is None).

    ``encoding`` forces the encoding of a survey or of the staff directory; ``profile``
    (a field-map profile's name or file) reads a site-specific CSV export through it;
    ``early``: this log's read already begun, as ``adapters.sources.logs.early.start``
    returns it (whatever the format did, the caller holds and closes it);
    ``internal_zones``: the organisation's DNS zones, left out of DNS logs;
    ``today``: the day taken as today (the data-protection step's dates).
    """
    from planner.services.discover.logs import import_log
    from planner.services.discover.survey import import_survey

    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    check_input_file(path)
    if profile is None and (fmt or guess_format(path)) == "survey":
        return import_survey(ws, catalog, plan, path, encoding=encoding)
    options = ImportOptions(
        directory,
        encoding,
        progress,
        cancelled,
        profile,
        early=early,
        internal_zones=tuple(internal_zones),
        today=today,
    )
    return import_log(ws, catalog, key, plan, path, fmt, options)
