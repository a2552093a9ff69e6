"""Guessing a log's format from its first bytes, and refusing what is not a log.

``planner discover import FILE`` works without ``--format``, so the reader must tell a
Squid log from a W3C/ELFF log from a CSV export by looking — and must refuse a PNG, a
README or a log whose first lines are all garbage with a clear message, rather than
"import" it as zero hosts and thousands of skipped lines.
"""

from __future__ import annotations

from planner.adapters.logs.csvlog import detect_layout
from planner.adapters.logs.source import HEAD_SIZE
from planner.adapters.logs.squid import plausible_line
from planner.adapters.logs.w3c import is_fields_directive
from planner.errors import InputError

__all__ = ["FORMATS", "UNKNOWN_FORMAT", "sniff_format"]

FORMATS = ("squid", "w3c", "csv")
UNKNOWN_FORMAT = "not a log in a known format (squid, w3c, csv)"
_SAMPLE = 20


def _lines(head: bytes) -> list[bytes]:
    lines = head.split(b"\n")
    if len(head) >= HEAD_SIZE and len(lines) > 1:
        lines.pop()  # cut by the head's size limit: judging half a line would mislead
    if lines:
        lines[0] = lines[0].removeprefix(b"\xef\xbb\xbf")
    return [line.rstrip(b"\r") for line in lines if line.strip()]


def sniff_format(head: bytes, *, source: str) -> str:
    """``"squid"``, ``"w3c"`` or ``"csv"`` from the first ~64 KB of (decompressed) content.

    Raises ``InputError`` when the bytes are binary, empty, or no format fits most of the
    first data lines.
    """
    if b"\x00" in head:
        # Binary content in the first 64 KB: a PNG, an archive, or a log with NULs (a crash
        # while the proxy wrote it). Say so, and how to read it anyway if it is a log.
        raise InputError(
            f"{UNKNOWN_FORMAT}: binary content (NUL bytes) in the first 64 KB; if it is a "
            "log, give --format squid|w3c|csv (bad lines are skipped and counted)",
            file=source,
        )
    lines = _lines(head)
    for line in lines:
        if not line.startswith(b"#"):
            break
        if is_fields_directive(line.decode("utf-8", "replace")):
            return "w3c"
    data = [line for line in lines if not line.startswith(b"#")][:_SAMPLE]
    if data:
        plausible = sum(1 for line in data if plausible_line(line))
        if plausible and plausible * 2 >= len(data):
            return "squid"
    if detect_layout([line.decode("utf-8", "replace") for line in lines[:_SAMPLE]]):
        return "csv"
    raise InputError(UNKNOWN_FORMAT, file=source)
