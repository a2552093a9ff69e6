"""Guessing a log's format from its first bytes, and refusing what is not a log.

``planner discover import FILE`` works without ``--format``, so the reader must tell a
Squid log from a W3C/ELFF log from a sign-in export by looking — and must refuse a PNG, a
README or a log whose first lines are all garbage with a clear message, rather than
"import" it as zero hosts and thousands of skipped lines. Every source in the registry
says how sure it is; the surest wins (the earlier one in the registry on a tie).
"""

from __future__ import annotations

from planner.adapters.sources.encodings import binary_content
from planner.adapters.sources.logs import registry
from planner.errors import InputError

__all__ = ["FORMATS", "sniff_format", "unknown_format"]

FORMATS = registry.NAMES


def unknown_format() -> str:
    """What is said of bytes no source recognises: every format the registry lists, so
    the message grows with it."""
    return (
        f"not a log in a known format ({', '.join(registry.NAMES)}; see discover import --format)"
    )


def sniff_format(head: bytes, *, source: str) -> str:
    """The name of the source surest of the first ~64 KB of (decompressed) content.

    Raises ``InputError`` when the bytes are binary, empty, or no source recognises them.
    """
    container = binary_content(head)
    if not container.startswith("not a text file"):  # a workbook or an archive: say so
        raise InputError(container, file=source)
    if b"\x00" in head:
        # Binary content in the first 64 KB: a PNG, an archive, or a log with NULs (a crash
        # while the proxy wrote it). Say so, and how to read it anyway if it is a log.
        raise InputError(
            f"{unknown_format()}: binary content (NUL bytes) in the first 64 KB; if it is a "
            "log, give --format squid|w3c|csv (bad lines are skipped and counted)",
            file=source,
        )
    best, surest = "", 0.0
    for fmt in registry.guessed():
        confidence = fmt.recognise(head)
        if confidence > surest:
            best, surest = fmt.name, confidence
    if not best:
        raise InputError(unknown_format(), file=source)
    return best
