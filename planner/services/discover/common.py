"""What a discover import returns, and the plan lookup and clock every discover service
shares.

Why this exists: log import, survey import and triage live in their own modules but report
the same `ImportResult` and resolve plans the same way; keeping these here lets each of them
import the shared pieces without importing one another.
An import also pauses Python's cycle collector while it works (``collector_paused``).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from planner.adapters.sources.logs.model import APP_PREFIX, app_key
from planner.domain.hosts import normalize_host

if TYPE_CHECKING:
    from planner.adapters.sources.logs.spec import EarlyRead

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportOptions:
    """How a file is imported, beyond the file and its format: what every front end may
    say about it, and nothing of how a given format is read."""

    directory: Path | None = None  # a staff directory CSV (user, department)
    encoding: str | None = None  # of a survey or of the staff directory (logs are bytes)
    progress: Progress | None = None
    cancelled: Callable[[], bool] | None = None
    profile: str | None = None  # a field-map profile's name or file (CSV exports)
    workers: int | None = None  # reader processes (None: the cores available)
    early: EarlyRead | None = None  # this file's read already begun (``logs.early.start``)
    # the organisation's own DNS zones, left out of DNS logs with local names and reverse
    # look-ups (``services.discover.local``)
    internal_zones: tuple[str, ...] = ()
    # the day the import takes as today (``Planner.today``: PLANNER_TODAY honoured), for
    # the data-protection step's dates; None: the clock's
    today: dt.date | None = None


@dataclass
class ImportResult:
    source: str
    format: str
    lines: int = 0
    skipped: int = 0
    skipped_lines: list[int] = field(default_factory=list)
    hosts: int = 0
    matched_tools: list[str] = field(default_factory=list)
    new_tools: list[str] = field(default_factory=list)
    new_domains: list[str] = field(default_factory=list)  # registrable domains first seen
    first_hosts: bool = False  # the plan had no hosts before: everything is new
    unmatched_hosts: int = 0
    # hosts the shipped infrastructure list set aside: new ones, and earlier ones still in
    # triage when the list changed since it was last applied to the plan
    infrastructure_hosts: int = 0
    duplicate: bool = False
    seconds: float = 0.0
    # A staff directory given with the import, applied to everyone already seen in the plan
    # (also when the log itself was imported before): persons whose department it set or
    # changed, and the tools whose departments were refreshed.
    directory_persons: int = 0
    directory_tools: list[str] = field(default_factory=list)
    # The first personal-data import into a plan whose data-protection step is not
    # recorded says so, once; hosts whose pseudonyms retention then dropped.
    warning: str | None = None
    purged_hosts: int = 0
    backups_deleted: tuple[str, ...] = ()  # upgrade backups holding purged pseudonyms
    encoding: str | None = None  # a CSV's, as read (detected or given with --encoding)
    local_skipped: int = 0  # DNS look-ups of local names, reverse or internal zones, left out
    # requests to sites revealing special-category data (GDPR Art. 9) per category, counted
    # and dropped before anything was stored (``discover.sensitive``)
    set_aside: dict[str, int] = field(default_factory=dict)

    @property
    def set_aside_text(self) -> str:
        """``N requests to sensitive sites set aside (trade unions: N, …)``, or empty."""
        from planner.domain.sensitive import set_aside_text

        return set_aside_text(self.set_aside)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class _PlanRecord(Protocol):
    @property
    def id(self) -> int | None: ...


class PlanFinder(Protocol):
    """What finds a plan's record by name: the ``Repository``, or the ``ImportRepository``
    an import writes through (no table classes)."""

    def plan_record(self, name: str | None, /) -> _PlanRecord: ...


def plan_id_of(repo: PlanFinder, plan: str | None) -> int:
    record = repo.plan_record(plan)
    assert record.id is not None
    return record.id


def typed_host(text: str) -> str:
    """The evidence key a user typed (``discover map/custom/ignore/undecide``), spelled as
    imports store it: an application key keeps its case (``app:Zoë's Wiki``: names are
    what the identity provider shows), a host is normalised as logs' hosts are (lower
    case, IDNA 2008 — ``straße.example`` is not ``strasse.example``, which
    ``str.casefold`` would make of it)."""
    text = text.strip()
    if text[: len(APP_PREFIX)].casefold() == APP_PREFIX:
        return app_key(text[len(APP_PREFIX) :]) or text
    return normalize_host(text) or text.casefold()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off inside this block, as it was at the end.

    Why: a long tail's import makes millions of objects that live until its end (each
    host's totals, columns, rows), none of them in a reference cycle, and the collector
    traverses them again and again as they pile up (280,000 hosts: some 700 collections,
    0.21-0.25 s of the caller's CPU). An import is bounded: what cycles it leaves are
    collected once the collector is back on. Another thread's block ending first turns
    it back on early (harmless); a block entered with it off leaves it off."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
