"""Read one activity report into per-user columns and its dates; raw names stay in memory.

The report's date and period: Microsoft 365 reports say both (``Report Refresh Date``,
``Report Period`` in days: 7, 30, 90, 180); a generic CSV spans its rows' dates; Slack's
member export has neither, so ``as_of`` and ``period_days`` come from the command line
(default: the latest last-active day, 30 days). A user with an empty last-activity date
was never active in the period. The file's digest lets an import count it once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import repeat
from pathlib import Path

from planner.adapters.sources.activity.columns import Columns, report_columns
from planner.adapters.sources.activity.formats import FORMATS, GENERIC, Format, guess
from planner.adapters.sources.activity.table import Table, read_table
from planner.adapters.sources.csv_input import (
    MAX_COUNT,
    MAX_CSV_BYTES,
    no_cycle_collection,
    whole_number,
)
from planner.adapters.sources.encodings import decode_text
from planner.errors import InputError

WEEK = 7


@dataclass(slots=True)
class UserActivity:
    """One user's row, for a reader that wants rows (``ActivityReport.users``)."""

    user: str  # RAW identifier: pseudonymise before storing, never persist as is
    last_active: dt.date | None = None
    posts: int = 0
    reads: int | None = None
    replies: int | None = None


@dataclass
class ActivityReport:
    """A report held as columns, one entry per user (users told apart by their casefolded
    name): 100,000 users are a few lists, not 100,000 objects, and are summed in C."""

    format: str
    digest: str
    as_of: dt.date
    period_start: dt.date
    period_end: dt.date
    names: list[str] = field(default_factory=list)  # RAW, stripped: never persist as is
    keys: list[str] = field(default_factory=list)  # each name casefolded, all distinct
    last_active: list[dt.date | None] = field(default_factory=list)  # one object a date
    posts: list[int] = field(default_factory=list)
    reads: list[int] | None = None  # None: the report counts no reads
    replies: list[int] | None = None

    @property
    def has_reads(self) -> bool:
        return self.reads is not None

    @property
    def has_replies(self) -> bool:
        return self.replies is not None

    @property
    def period_days(self) -> int:
        return (self.period_end - self.period_start).days + 1

    @cached_property
    def users(self) -> dict[str, UserActivity]:
        """casefolded user -> its row: the report as rows, for the few who want them."""
        none = repeat(None)
        made = map(UserActivity, self.names, self.last_active, self.posts,
                   self.reads or none, self.replies or none)  # fmt: skip
        return dict(zip(self.keys, made, strict=False))

    def active(self, user: UserActivity) -> bool:
        """Active in the report period."""
        return user.last_active is not None and self.period_start <= user.last_active

    def weekly_active(self, user: UserActivity) -> bool:
        """Active in the report's last seven days."""
        return self._weekly(user.last_active)

    def _weekly(self, last: dt.date | None) -> bool:
        return last is not None and last > self._week_before

    def activity_flags(self, lasts: list[dt.date | None]) -> tuple[list[bool], list[bool]]:
        """(active in the period, active in the last seven days) for each of ``lasts``
        (last active days), each distinct day judged once."""
        start, week = self.period_start, self._week_before
        distinct = set(lasts)
        active = {d: d is not None and start <= d for d in distinct}
        weekly = {d: d is not None and d > week for d in distinct}
        return list(map(active.__getitem__, lasts)), list(map(weekly.__getitem__, lasts))

    def weekly_at(self, at: int) -> bool:
        """The user at position ``at`` was active in the report's last seven days."""
        return self._weekly(self.last_active[at])

    @cached_property
    def _week_before(self) -> dt.date:
        return self.as_of - dt.timedelta(days=WEEK)


_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%b %d, %Y", "%d.%m.%Y")


def parse_day(text: str, what: str) -> dt.date | None:
    """A report date: ISO (with or without a time), or the admin center's US form."""
    text = text.strip()
    if not text:
        return None
    day = _day(text)
    if day is None:
        raise InputError(f"{what}: expected a date, got {text!r}")
    return day


@lru_cache(maxsize=4096)
def _day(text: str) -> dt.date | None:
    """Cached: a report repeats a few hundred distinct dates over 100,000 rows, and
    ``strptime`` costs some 15 µs a call."""
    if len(text) == 10 and text[4] == "-" and text.isascii():
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    head = re.split(r"[T ](?=\d{1,2}:)", text, maxsplit=1)[0]
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(head, pattern).date()
        except ValueError:
            continue
    return None


def _count(cell: str, column: str) -> int:
    """A count cell (stripped): digits, or with thousands separators; empty is 0."""
    if cell.isdigit() and cell.isascii() and len(cell) <= 10:  # the common case, at once
        value = int(cell)
        if value <= MAX_COUNT:
            return value
    text = cell.replace("\u00a0", "").replace(",", "").strip()
    if not text:
        return 0
    number = whole_number(text)
    if number is None:
        raise InputError(f"{column}: expected a whole number, got {text!r}")
    return number


@lru_cache(maxsize=64)
def _period(text: str) -> int:
    digits = re.fullmatch(r"\s*D?(\d{1,3})(\s*days?)?\s*", text, re.IGNORECASE)
    if not digits or int(digits.group(1)) == 0:
        raise InputError(f"Report Period: expected a number of days (7, 30, 90, 180), got {text!r}")
    return int(digits.group(1))


_HEADER_SAMPLE = 1 << 16


def _header(text: str) -> list[str]:
    import csv

    head = text[:_HEADER_SAMPLE].splitlines()  # not the whole report for one line
    lines = head if len(head) > 1 or len(text) <= _HEADER_SAMPLE else text.splitlines()
    first = next(iter(lines), "")
    delimiter = max(",;\t", key=first.count)
    return next(csv.reader([first], delimiter=delimiter), [])


def read_activity(
    path: Path,
    fmt: str | None = None,
    *,
    encoding: str | None = None,
    as_of: dt.date | None = None,
    period_days: int | None = None,
) -> ActivityReport:
    """Read ``path`` in format ``fmt`` (guessed from the header when None)."""
    where = str(path)
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise InputError("file too large for an activity report", file=where)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=where) from exc
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    text = decode_text(data, where, encoding).text
    if fmt is None:
        layout = guess(_header(text))
        if layout is None:
            raise InputError(
                "cannot tell the report's format from its header; give it with --format "
                f"({', '.join(FORMATS)})",
                file=where,
                line=1,
            )
    else:
        layout = FORMATS[fmt]
    digest = hashlib.sha256(data).hexdigest()
    with no_cycle_collection():
        table = read_table(text, where, layout.columns, layout.required)
        try:
            return _build(layout, table, digest, where, as_of, period_days)
        except _Located as exc:
            raise InputError(exc.error.message, file=where, line=exc.line) from None


class _Located(Exception):
    def __init__(self, error: InputError, line: int) -> None:
        self.error, self.line = error, line


class _Days:
    """Dates and periods parsed once per distinct text: a report repeats a few hundred."""

    def __init__(self) -> None:
        self._days: dict[tuple[str, str], dt.date | None] = {}
        self.refresh: set[tuple[dt.date, int]] = set()
        self._refresh_seen: set[tuple[str, str]] = set()

    def day(self, text: str, what: str) -> dt.date | None:
        key = (text, what)
        if key not in self._days:
            self._days[key] = parse_day(text, what)
        return self._days[key]

    def add_refresh(self, text: str, period: str) -> None:
        if (text, period) in self._refresh_seen:
            return
        day = self.day(text, "Report Refresh Date")
        if day is None:
            raise InputError("Report Refresh Date is empty")
        self.refresh.add((day, _period(period)))
        self._refresh_seen.add((text, period))


def _fold(found: Columns) -> tuple[list[str], Columns]:
    """(keys, columns) with one entry per user: users are told apart by their casefolded
    name, and a report may list one twice (then its counts add up, its latest day wins)."""
    names, posts, reads, replies, lasts = found
    keys = list(map(str.casefold, names))
    if len(set(keys)) == len(keys):  # each user once: nothing to merge
        return keys, found
    at: dict[str, int] = {}
    merged: Columns = ([], [], [] if reads is not None else None,
                       [] if replies is not None else None, [])  # fmt: skip
    m_names, m_posts, m_reads, m_replies, m_lasts = merged
    for row, key in enumerate(keys):
        last = lasts[row]
        entry = at.get(key)
        if entry is None:
            at[key] = len(m_names)
            m_names.append(names[row])
            m_posts.append(posts[row])
            if reads is not None and m_reads is not None:
                m_reads.append(reads[row])
            if replies is not None and m_replies is not None:
                m_replies.append(replies[row])
            m_lasts.append(last)
            continue
        m_posts[entry] += posts[row]
        if reads is not None and m_reads is not None:
            m_reads[entry] += reads[row]
        if replies is not None and m_replies is not None:
            m_replies[entry] += replies[row]
        known = m_lasts[entry]
        if last and (known is None or last > known):
            m_lasts[entry] = last
    return list(at), merged


def _build(
    layout: Format,
    table: Table,
    digest: str,
    where: str,
    as_of: dt.date | None,
    period_days: int | None,
) -> ActivityReport:
    index = table.index
    posts = [c for c in layout.posts if c in index] or [c for c in layout.posts_else if c in index]
    reads = [c for c in layout.reads if c in index]
    replies = [c for c in layout.replies if c in index]
    at_posts = [(index[c], c) for c in posts]
    at_reads = [(index[c], c) for c in reads]
    at_replies = [(index[c], c) for c in replies]
    # Positions looked up once; a column the header lacks (None) reads as "" in every row.
    at = {
        c: index.get(c) for c in ("user", "deleted", "state", "date", "last", "refresh", "period")
    }
    at_user, at_deleted, at_state = at["user"], at["deleted"], at["state"]
    at_date, at_last, at_refresh, at_period = at["date"], at["last"], at["refresh"], at["period"]
    generic = layout is GENERIC
    dates: set[dt.date] = set()
    parsed = _Days()
    counted = ([i for i, _ in at_posts], [i for i, _ in at_reads], [i for i, _ in at_replies])
    found: Columns | None = None
    if not generic:
        found = report_columns(table, counted, parsed.day, parsed.add_refresh, dates)
    if found is None:  # the reference: row by row, each problem at its line
        dates, parsed = set(), _Days()
        names: list[str] = []
        all_posts: list[int] = []
        all_reads: list[int] | None = [] if at_reads else None
        all_replies: list[int] | None = [] if at_replies else None
        lasts: list[dt.date | None] = []
        records = table.records()
        if not records:
            raise InputError("the report has no user rows", file=where, line=2)
        for line, cells in records:
            try:
                user = cells[at_user].strip() if at_user is not None else ""
                if not user:
                    raise InputError("a row without a user")
                if (at_deleted is not None and cells[at_deleted].strip().casefold() == "true") or (
                    at_state is not None
                    and cells[at_state].strip().casefold() in ("deleted", "supprimé")
                ):
                    continue
                posted = 0
                for i, c in at_posts:
                    posted += _count(cells[i].strip(), c)
                read = replied = None
                if at_reads:
                    read = 0
                    for i, c in at_reads:
                        read += _count(cells[i].strip(), c)
                if at_replies:
                    replied = 0
                    for i, c in at_replies:
                        replied += _count(cells[i].strip(), c)
                date_text = cells[at_date].strip() if at_date is not None else ""
                if generic:
                    day = parsed.day(date_text, "date")
                    if day is None:
                        raise InputError("date: the day of the activity is needed")
                    dates.add(day)
                    last = day if posted or read or replied else None
                else:
                    last_text = cells[at_last].strip() if at_last is not None else ""
                    last = parsed.day(last_text, "last activity date")
                    if at_refresh is not None:
                        period = cells[at_period].strip() if at_period is not None else ""
                        parsed.add_refresh(cells[at_refresh].strip(), period)
                    elif (day := parsed.day(date_text, "date")) is not None:
                        dates.add(day)
            except InputError as exc:
                raise _Located(exc, line) from None
            names.append(user)
            all_posts.append(posted)
            if all_reads is not None and read is not None:
                all_reads.append(read)
            if all_replies is not None and replied is not None:
                all_replies.append(replied)
            lasts.append(last)
        found = names, all_posts, all_reads, all_replies, lasts
    keys, (names, all_posts, all_reads, all_replies, lasts) = _fold(found)
    refresh = parsed.refresh
    if len(refresh) > 1:
        mixed = ", ".join(f"{d.isoformat()} (D{p})" for d, p in sorted(refresh))
        raise InputError(f"the report mixes refresh dates or periods: {mixed}", file=where)
    if refresh:
        end, days = next(iter(refresh))
        start = end - dt.timedelta(days=days - 1)
    elif layout is GENERIC:
        start, end = min(dates), max(dates)
        if as_of is not None:
            end = max(end, as_of)
    else:  # Slack: no dates in the layout
        active = [day for day in lasts if day]
        found_end = as_of or (max(dates) if dates else None) or (max(active) if active else None)
        if found_end is None:
            raise InputError(
                f"{layout.label} has no date: give the report's day with --as-of", file=where
            )
        end = found_end
        start = end - dt.timedelta(days=(period_days or 30) - 1)
    return ActivityReport(
        layout.name, digest, end, start, end, names, keys, lasts, all_posts, all_reads, all_replies
    )
