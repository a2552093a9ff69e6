"""Timestamps as logs write them, turned into Unix seconds (UTC).

Each format spells time differently — Squid native ``1772446530.512``, Squid common and
ELFF ``02/Mar/2026:10:15:30 +0000``, W3C ``date`` + ``time`` columns in UTC, CSV exports
epoch seconds, milliseconds or ISO 8601 — and a log repeats the same date on every line,
so the date parts are cached. Every parser returns ``None`` for text it cannot read or for
a time outside what a ``datetime`` can hold, so the line is counted as malformed instead
of failing later when the caller converts it.
"""

from __future__ import annotations

import calendar
import math
from datetime import UTC, datetime

from planner.adapters.sources.logs.model import MAX_TIME, MIN_TIME

__all__ = ["clf_time", "epoch_or_iso", "iso_time", "number_time", "w3c_time"]

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DAY_CACHE_LIMIT = 100_000
_days: dict[str, float | None] = {}

# Epoch numbers above this are milliseconds (seconds would be past the year 5000).
_MILLIS_ABOVE = 1e11


def _in_range(value: float) -> float | None:
    return value if MIN_TIME <= value < MAX_TIME else None


def _day_start(key: str, year: str, month: int | None, day: str) -> float | None:
    """Unix seconds at 00:00 UTC of a date, cached by the date's own spelling."""
    try:
        return _days[key]
    except KeyError:
        pass
    result: float | None = None
    if month is not None and year.isdigit() and day.isdigit() and len(year) == 4:
        try:
            result = float(calendar.timegm((int(year), month, int(day), 0, 0, 0)))
            datetime(int(year), month, int(day))  # timegm accepts 31 February
        except (ValueError, OverflowError):
            result = None
    if len(_days) >= _DAY_CACHE_LIMIT:
        _days.clear()
    _days[key] = result
    return result


def _clock(text: str) -> float | None:
    """``HH:MM:SS[.fff]`` -> seconds since midnight."""
    parts = text.split(":")
    if len(parts) != 3:
        return None
    hours, minutes, seconds = parts
    if not (hours.isdigit() and minutes.isdigit() and len(hours) <= 2 and len(minutes) == 2):
        return None
    whole, _, fraction = seconds.partition(".")
    if not (whole.isdigit() and len(whole) == 2 and (not fraction or fraction.isdigit())):
        return None
    h, m, s = int(hours), int(minutes), float(seconds)
    if h > 23 or m > 59 or s >= 61:
        return None
    return h * 3600 + m * 60 + s


def w3c_time(date: str, clock: str) -> float | None:
    """W3C ``date`` (``2026-03-02``) and ``time`` (``10:15:30``) columns, both UTC."""
    year, dash1, rest = date.partition("-")
    month, dash2, day = rest.partition("-")
    if not (dash1 and dash2 and month.isdigit() and len(month) <= 2):
        return None
    start = _day_start(date, year, int(month) if 1 <= int(month) <= 12 else None, day)
    seconds = _clock(clock)
    if start is None or seconds is None:
        return None
    return _in_range(start + seconds)


def clf_time(text: str) -> float | None:
    """Common Log Format ``02/Mar/2026:10:15:30 +0000`` (brackets already removed)."""
    stamp, _, zone = text.strip().partition(" ")
    date, colon, clock = stamp.partition(":")
    day, _, rest = date.partition("/")
    month_name, _, year = rest.partition("/")
    if not colon:
        return None
    start = _day_start(date, year, _MONTHS.get(month_name.lower()), day)
    seconds = _clock(clock)
    if start is None or seconds is None:
        return None
    offset = 0
    zone = zone.strip()
    if zone:
        sign = zone[:1]
        digits = zone[1:].replace(":", "")
        if sign not in "+-" or len(digits) != 4 or not digits.isdigit():
            return None
        offset = (int(digits[:2]) * 3600 + int(digits[2:]) * 60) * (1 if sign == "+" else -1)
    return _in_range(start + seconds - offset)


def number_time(text: str) -> float | None:
    """Epoch seconds (or milliseconds, when the number is too large to be seconds)."""
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    if value > _MILLIS_ABOVE:
        value /= 1000.0
    return _in_range(value)


def iso_time(text: str) -> float | None:
    """ISO 8601 (``2026-03-02T10:15:30Z``, ``2026-03-02 10:15:30.5+01:00``); naive = UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return _in_range(moment.timestamp())
    except (OverflowError, ValueError):
        return None


def epoch_or_iso(text: str) -> float | None:
    """Whichever of the spellings above the text is in."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit() and ("-" in text[1:] or "/" in text or "T" in text or ":" in text):
        result = iso_time(text)
        if result is None and "/" in text and ":" in text:
            result = clf_time(text.strip("[]"))
        return result
    return number_time(text)
