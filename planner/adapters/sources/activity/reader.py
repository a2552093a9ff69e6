"""Read one activity report into per-user rows and its dates; raw names stay in memory.

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
from functools import lru_cache
from pathlib import Path

from planner.adapters.sources.activity.formats import FORMATS, GENERIC, Format, guess
from planner.adapters.sources.csv_input import MAX_CSV_BYTES, Row, read_rows, whole_number
from planner.adapters.sources.encodings import decode_text
from planner.errors import InputError

WEEK = 7


@dataclass
class UserActivity:
    user: str  # RAW identifier: pseudonymise before storing, never persist as is
    last_active: dt.date | None = None
    posts: int = 0
    reads: int | None = None
    replies: int | None = None


@dataclass
class ActivityReport:
    format: str
    digest: str
    as_of: dt.date
    period_start: dt.date
    period_end: dt.date
    users: dict[str, UserActivity] = field(default_factory=dict)  # casefolded user -> row
    has_reads: bool = False
    has_replies: bool = False

    @property
    def period_days(self) -> int:
        return (self.period_end - self.period_start).days + 1

    def active(self, user: UserActivity) -> bool:
        """Active in the report period."""
        return user.last_active is not None and self.period_start <= user.last_active

    def weekly_active(self, user: UserActivity) -> bool:
        """Active in the report's last seven days."""
        return user.last_active is not None and user.last_active > self.as_of - dt.timedelta(
            days=WEEK
        )


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


def _count(values: dict[str, str], column: str) -> int:
    text = values.get(column, "").replace("\u00a0", "").replace(",", "").strip()
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


def _header(text: str) -> list[str]:
    import csv

    first = next(iter(text.splitlines()), "")
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
    if fmt is None:
        header = _header(decode_text(data, where, encoding).text)
        layout = guess(header)
        if layout is None:
            raise InputError(
                "cannot tell the report's format from its header; give it with --format "
                f"({', '.join(FORMATS)})",
                file=where,
                line=1,
            )
    elif fmt in FORMATS:
        layout = FORMATS[fmt]
    else:
        raise InputError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    digest = hashlib.sha256(data).hexdigest()
    rows = list(read_rows(path, layout.columns, layout.required, encoding=encoding))
    if not rows:
        raise InputError("the report has no user rows", file=where, line=2)
    try:
        return _build(layout, rows, digest, where, as_of, period_days)
    except _Located as exc:
        raise InputError(exc.error.message, file=where, line=exc.line) from None


class _Located(Exception):
    def __init__(self, error: InputError, line: int) -> None:
        self.error, self.line = error, line


def _build(
    layout: Format,
    rows: list[Row],
    digest: str,
    where: str,
    as_of: dt.date | None,
    period_days: int | None,
) -> ActivityReport:
    present = set(rows[0].values)
    posts = [c for c in layout.posts if c in present] or [
        c for c in layout.posts_else if c in present
    ]
    reads = [c for c in layout.reads if c in present]
    replies = [c for c in layout.replies if c in present]
    users: dict[str, UserActivity] = {}
    dates: set[dt.date] = set()
    refresh: set[tuple[dt.date, int]] = set()
    for row in rows:
        v = row.values
        try:
            user = v.get("user", "")
            if not user:
                raise InputError("a row without a user")
            if v.get("deleted", "").casefold() == "true" or v.get("state", "").casefold() in (
                "deleted",
                "supprimé",
            ):
                continue
            posted = sum(_count(v, c) for c in posts)
            read = sum(_count(v, c) for c in reads) if reads else None
            replied = sum(_count(v, c) for c in replies) if replies else None
            if layout is GENERIC:
                day = parse_day(v["date"], "date")
                if day is None:
                    raise InputError("date: the day of the activity is needed")
                dates.add(day)
                last = day if posted or read or replied else None
            else:
                last = parse_day(v.get("last", ""), "last activity date")
                if "refresh" in v:
                    day = parse_day(v["refresh"], "Report Refresh Date")
                    if day is None:
                        raise InputError("Report Refresh Date is empty")
                    refresh.add((day, _period(v.get("period", ""))))
                elif (day := parse_day(v.get("date", ""), "date")) is not None:
                    dates.add(day)
        except InputError as exc:
            raise _Located(exc, row.line) from None
        entry = users.setdefault(user.casefold(), UserActivity(user))
        entry.posts += posted
        if read is not None:
            entry.reads = (entry.reads or 0) + read
        if replied is not None:
            entry.replies = (entry.replies or 0) + replied
        if last and (entry.last_active is None or last > entry.last_active):
            entry.last_active = last
    if len(refresh) > 1:
        found = ", ".join(f"{d.isoformat()} (D{p})" for d, p in sorted(refresh))
        raise InputError(f"the report mixes refresh dates or periods: {found}", file=where)
    if refresh:
        end, days = next(iter(refresh))
        start = end - dt.timedelta(days=days - 1)
    elif layout is GENERIC:
        start, end = min(dates), max(dates)
        if as_of is not None:
            end = max(end, as_of)
    else:  # Slack: no dates in the layout
        lasts = [u.last_active for u in users.values() if u.last_active]
        found_end = as_of or (max(dates) if dates else None) or (max(lasts) if lasts else None)
        if found_end is None:
            raise InputError(
                f"{layout.label} has no date: give the report's day with --as-of", file=where
            )
        end = found_end
        start = end - dt.timedelta(days=(period_days or 30) - 1)
    return ActivityReport(
        layout.name,
        digest,
        end,
        start,
        end,
        users,
        has_reads=bool(reads),
        has_replies=bool(replies),
    )
