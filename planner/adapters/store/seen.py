"""When each person was last seen on a host (``host.user_seen``, revision 0011).

Why this exists: retention was checked per host, so a host seen again today kept every
person who used it years ago. Each host's ``user_set`` (sorted person ids, packed uint32)
now has a twin: the last day each of those persons was seen on the host, packed the same
way in the same order, so a purge can drop each person of each host on their own. The
day is the last request to the host in the import that saw the person there (readers keep
per-host totals, not per-person times).
"""

from __future__ import annotations

import datetime as dt
from array import array

__all__ = ["EPOCH_ORDINAL", "day_of", "seen_days"]

_EPOCH = dt.date(1970, 1, 1)


EPOCH_ORDINAL = _EPOCH.toordinal()


def day_of(moment: dt.datetime | dt.date) -> int:
    """A day as ``host.user_seen`` stores it: days since 1970-01-01 (UTC), 0 before.
    (A datetime's ordinal is its date's: one C call per host of a long tail.)"""
    return max(0, moment.toordinal() - EPOCH_ORDINAL)


def seen_days(blob: bytes | None, count: int, last: dt.datetime | None) -> array[int]:
    """The last day each of a host's ``count`` persons was seen on it (``user_seen``);
    where that is not known (a host from before revision 0011), the host's last day."""
    days: array[int] = array("I")
    if blob:
        days.frombytes(blob)
    if len(days) != count:
        days = array("I", [day_of(last) if last is not None else 0]) * count
    return days
