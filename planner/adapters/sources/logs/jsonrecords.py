"""JSON evidence files read record by record: a Graph ``{"value": [...]}`` page, a plain
array, or JSON Lines — without holding the whole file.

Identity providers export JSON (Microsoft Graph lists, Zeek with JSON logging), and a month
of sign-ins is hundreds of megabytes, so records are decoded one at a time from a sliding
buffer. In JSON Lines a bad line is one malformed record; inside an array a syntax error
leaves nothing to resynchronise on, so it stops the read with the line where it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from planner.adapters.sources.logs.source import MAX_LINE, text_lines
from planner.errors import InputError

__all__ = ["json_kind", "json_records"]

_ENVELOPE = re.compile(r'^\s*\{[^\[]{0,4000}?"value"\s*:\s*\[', re.DOTALL)
_DECODER = json.JSONDecoder()
_BLANKS = " \t\r\n"


def json_kind(head: str) -> str | None:
    """``"envelope"`` (``{"value": [...]}``), ``"array"``, ``"lines"`` or None."""
    text = head.lstrip("\ufeff" + _BLANKS)
    if text.startswith("["):
        return "array"
    if _ENVELOPE.match(text):
        return "envelope"
    if text.startswith("{"):
        return "lines"
    return None


def json_records(
    blocks: Iterable[bytes], *, source: str
) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """(line number, record) of every record; None for a record that is not an object or,
    in JSON Lines, not valid JSON."""
    chunks = iter(blocks)
    first = next(chunks, b"")
    kind = json_kind(first[:65536].decode("utf-8", "replace"))
    if kind == "lines" or kind is None:
        yield from _lines(first, chunks)
    else:
        yield from _array(first, chunks, kind, source)


def _lines(first: bytes, rest: Iterator[bytes]) -> Iterator[tuple[int, dict[str, Any] | None]]:
    def all_blocks() -> Iterator[bytes]:
        yield first
        yield from rest

    for line_no, line in text_lines(all_blocks()):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            yield line_no, None
            continue
        yield line_no, record if isinstance(record, dict) else None


def _array(
    first: bytes, rest: Iterator[bytes], kind: str, source: str
) -> Iterator[tuple[int, dict[str, Any] | None]]:
    buffer = first.decode("utf-8", "surrogateescape").lstrip("\ufeff")
    line = 1
    if kind == "envelope":
        match = _ENVELOPE.match(buffer)
        assert match is not None
        start = match.end()
    else:
        start = buffer.index("[") + 1
    line += buffer.count("\n", 0, start)
    position = start
    done = False

    def refill() -> bool:
        """Read on: the rest of the buffer plus the next block (False at the end)."""
        nonlocal buffer, position, done
        more = next(rest, None)
        if more is None:
            done = True
            return False
        buffer = buffer[position:] + more.decode("utf-8", "surrogateescape")
        position = 0
        return True

    while True:
        # skip blanks and the comma between records
        while position < len(buffer) and buffer[position] in _BLANKS + ",":
            if buffer[position] == "\n":
                line += 1
            position += 1
        if position >= len(buffer) and not done:
            refill()
            continue
        if position >= len(buffer):
            raise InputError(
                "the JSON list is not closed (file cut short?)", file=source, line=line
            )
        if buffer[position] == "]":
            return  # what follows (e.g. "@odata.nextLink") is not evidence
        try:
            record, end = _DECODER.raw_decode(buffer, position)
        except json.JSONDecodeError as exc:
            if not done and len(buffer) - position < MAX_LINE:
                refill()
                continue
            where = line + buffer.count("\n", position, exc.pos)
            raise InputError(f"not valid JSON: {exc.msg}", file=source, line=where) from None
        # A record decoded at the very end of the buffer may be a number or name cut short
        if end >= len(buffer) and not done and refill():
            continue
        yield line, record if isinstance(record, dict) else None
        line += buffer.count("\n", position, end)
        position = end
