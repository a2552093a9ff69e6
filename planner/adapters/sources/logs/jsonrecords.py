"""JSON evidence files read record by record: a list inside an envelope object (a Graph
``{"value": [...]}`` page, a ``{"data": [...]}`` wrapper), a plain array, or JSON Lines —
without holding the whole file.

Identity providers export JSON (Microsoft Graph lists, Zeek with JSON logging), and a month
of sign-ins is hundreds of megabytes, so records are decoded one at a time from a sliding
buffer. The bytes are decoded by one incremental decoder: a character of a Japanese app
name cut by a block boundary is joined again, never turned into two stray bytes. The
envelope's keys are walked one by one, so ``@odata.nextLink`` (or any key holding a ``[``)
before ``"value"`` does not make the page look like JSON Lines. In JSON Lines a bad line is
one malformed record; inside an array a syntax error leaves nothing to resynchronise on,
so it stops the read with the line where it is. Nesting deeper than the decoder can follow
and a record over ``MAX_LINE`` are refused at their line, never a traceback.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from planner.adapters.sources.logs.source import HEAD_SIZE, MAX_LINE, text_lines
from planner.errors import InputError

__all__ = ["ENVELOPE_KEYS", "json_kind", "json_records"]

# Keys whose list holds the records: Graph's "value", the "data" and "records" wrappers of
# other exports (Azure Monitor diagnostic logs write "records").
ENVELOPE_KEYS = frozenset({"value", "data", "records"})
_DECODER = json.JSONDecoder()
_BLANKS = " \t\r\n"
_SPACE = re.compile(r"[ \t\r\n]*")
_TOO_DEEP = "JSON nested too deeply to read (a record is a few levels deep)"
_TOO_LONG = f"a JSON record longer than {MAX_LINE >> 20} MiB (the limit for one record)"


def _skip(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _envelope_start(text: str, position: int) -> int | None:
    """Where the records begin (just after ``[``) when the object opening at ``position``
    is an envelope; None when it closes without one (a record: JSON Lines) or is cut."""
    position = _skip(text, position + 1)
    while text.startswith('"', position):
        try:
            key, position = _DECODER.raw_decode(text, position)
        except ValueError:
            return None
        position = _skip(text, position)
        if not text.startswith(":", position):
            return None
        position = _skip(text, position + 1)
        if key in ENVELOPE_KEYS and text.startswith("[", position):
            after = _skip(text, position + 1)
            if text.startswith(("{", "]"), after) or after == len(text):
                return position + 1
        try:
            _, position = _DECODER.raw_decode(text, position)
        except (ValueError, RecursionError):
            return None
        position = _skip(text, position)
        if not text.startswith(",", position):
            return None
        position = _skip(text, position + 1)
    return None


def json_kind(head: str) -> str | None:
    """``"envelope"`` (``{"value": [...]}``), ``"array"``, ``"lines"`` or None."""
    text = head.lstrip("\ufeff" + _BLANKS)
    if text.startswith("["):
        return "array"
    if text.startswith("{"):
        return "envelope" if _envelope_start(text, 0) is not None else "lines"
    return None


def json_records(
    blocks: Iterable[bytes], *, source: str
) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """(line number, record) of every record; None for a record that is not an object or,
    in JSON Lines, not valid JSON. Blocks may be of any size (one byte included)."""
    chunks = iter(blocks)
    head: list[bytes] = []
    size = 0
    while size < HEAD_SIZE:  # enough to see the envelope's first keys, whatever the blocks
        more = next(chunks, None)
        if more is None:
            break
        head.append(more)
        size += len(more)
    first = b"".join(head)
    kind = json_kind(first[:HEAD_SIZE].decode("utf-8", "replace"))
    if kind == "lines" or kind is None:
        yield from _lines(first, chunks, source)
    else:
        yield from _array(first, chunks, source)


def _lines(
    first: bytes, rest: Iterator[bytes], source: str
) -> Iterator[tuple[int, dict[str, Any] | None]]:
    def all_blocks() -> Iterator[bytes]:
        yield first
        yield from rest

    for line_no, line in text_lines(all_blocks()):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except RecursionError:
            raise InputError(_TOO_DEEP, file=source, line=line_no) from None
        except ValueError:
            yield line_no, None
            continue
        yield line_no, record if isinstance(record, dict) else None


def _array(
    first: bytes, rest: Iterator[bytes], source: str
) -> Iterator[tuple[int, dict[str, Any] | None]]:
    # surrogateescape: bytes that are not UTF-8 stay distinct (see source._text)
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    buffer = decoder.decode(first).lstrip("\ufeff")
    opening = _skip(buffer, 0)
    if buffer.startswith("["):
        start = opening + 1
    else:
        found = _envelope_start(buffer, opening)
        assert found is not None  # json_kind said "envelope" on the same text
        start = found
    line = 1 + buffer.count("\n", 0, start)
    position = start
    done = False

    def refill() -> bool:
        """Read on: the rest of the buffer plus the next block (False at the end)."""
        nonlocal buffer, position, done
        more = next(rest, None)
        if more is None:
            buffer = buffer[position:] + decoder.decode(b"", final=True)
            position = 0
            done = True
            return False
        buffer = buffer[position:] + decoder.decode(more)
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
        except RecursionError:
            raise InputError(_TOO_DEEP, file=source, line=line) from None
        except json.JSONDecodeError as exc:
            if not done and len(buffer) - position < MAX_LINE:
                refill()
                continue
            # Still failing with MAX_LINE read: a record cut by the buffer's end is too long
            if not done and (exc.msg.startswith("Unterminated") or exc.pos > len(buffer) - 64):
                raise InputError(_TOO_LONG, file=source, line=line) from None
            where = line + buffer.count("\n", position, exc.pos)
            raise InputError(f"not valid JSON: {exc.msg}", file=source, line=where) from None
        # A record decoded at the very end of the buffer may be a number or name cut short
        if end >= len(buffer) and not done and refill():
            continue
        yield line, record if isinstance(record, dict) else None
        line += buffer.count("\n", position, end)
        position = end
