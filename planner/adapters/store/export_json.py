"""A remembered export's JSON read from the database in pieces, its records one at a time.

Why: the three-way import compares the plan with the export it was taken from, and a
60,000-tool export is 24 MB of JSON. Fetched whole, the text and the driver's copy of it
cost 90 MB at the peak; parsed whole (or walked by SQLite's ``json_each``) well over 100 MB
more. Here the text is fetched ``CHUNK`` characters at a time (``substr``, on SQLite and
PostgreSQL alike) and parsed value by value with the standard decoder, so what is held is
one piece of text and one record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from planner.adapters.store import tables
from planner.adapters.store.record_kinds import table_of

EXPORT = table_of(tables.PlanExportRecord)
CHUNK = 1 << 20  # characters fetched at a time
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _Text:
    """The document's text from ``start`` (0-based, in characters), fetched as read."""

    def __init__(self, fetch: Callable[[int], str], start: int = 0) -> None:
        self._fetch = fetch
        self._next = start  # where the next piece starts in the whole text
        self.buf = ""
        self.pos = 0

    @property
    def offset(self) -> int:
        """Where ``pos`` is in the whole text."""
        return self._next - len(self.buf) + self.pos

    def more(self) -> bool:
        piece = self._fetch(self._next)
        if not piece:
            return False
        self._next += len(piece)
        self.buf = self.buf[self.pos :] + piece
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not white space (loading more text if need be)."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                raise ValueError("the remembered export ends early")

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise ValueError(f"the remembered export: {char!r} expected at {self.offset}")
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value. One that reaches the end of the text held is read again
        with more: a value inside the document is always followed by ``,``, ``]`` or ``}``,
        so a number cut in two is never taken for a shorter one."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
                if end < len(self.buf):
                    self.pos = end
                    return value
            except json.JSONDecodeError:
                pass
            if not self.more():
                raise ValueError("the remembered export ends early")

    def items(self) -> Iterator[Any]:
        """The items of the array that starts here, one at a time."""
        self.take("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.peek() == "]":
                self.pos += 1
                return
            self.take(",")


def _substr_reader(session: Session, export_id: int) -> Callable[[int], str]:
    def fetch(start: int) -> str:
        query = select(func.substr(EXPORT.c.document, start + 1, CHUNK)).where(
            EXPORT.c.id == export_id
        )
        return str(session.execute(query).scalar() or "")

    return fetch


def _blob_reader(session: Session, export_id: int) -> Callable[[int], str] | None:
    """On SQLite, the text read through incremental blob I/O: ``substr`` loads the whole
    24 MB value for each piece (and the allocator keeps it), a blob handle reads only the
    pages asked for. Offsets are in characters, as ``substr``'s: read on from the last."""
    import codecs
    import sqlite3

    raw = session.connection().connection.driver_connection
    if not isinstance(raw, sqlite3.Connection):
        return None
    state = {"at": 0, "bytes": 0}
    marks = [(0, 0)]  # (characters, bytes) where a piece ended on a whole character
    decoder = codecs.getincrementaldecoder("utf-8")()

    def fetch(start: int) -> str:
        if start < state["at"]:  # a section read again: from the last mark before it
            state["at"], state["bytes"] = max(m for m in marks if m[0] <= start)
            decoder.reset()
        with raw.blobopen(EXPORT.name, "document", export_id, readonly=True) as blob:
            while True:
                blob.seek(state["bytes"])
                data = blob.read(CHUNK)
                state["bytes"] += len(data)
                piece = decoder.decode(data, final=not data)
                at = state["at"]
                state["at"] += len(piece)
                if not decoder.getstate()[0] and marks[-1][1] < state["bytes"]:
                    marks.append((state["at"], state["bytes"]))
                if state["at"] > start or not data:
                    return piece[max(0, start - at) :]

    return fetch


def export_records(
    session: Session, export_id: int, sections: tuple[str, ...]
) -> tuple[dict[str, Any], Callable[[str], Iterator[Any]], tuple[str, ...]]:
    """The remembered export ``export_id`` as (its document without ``sections``,
    ``records(section)``: that section's items one at a time, read again from the
    database, the sections it holds). The document is read once to find where each
    section starts."""

    fetch = _blob_reader(session, export_id) or _substr_reader(session, export_id)
    text = _Text(fetch)
    head: dict[str, Any] = {}
    starts: dict[str, int] = {}
    text.take("{")
    while text.peek() != "}":
        if head or starts:
            text.take(",")
        key = text.value()
        text.take(":")
        if key in sections and text.peek() == "[":
            starts[key] = text.offset
            for _ in text.items():  # skipped: read again, one at a time, when asked
                pass
        else:
            head[key] = text.value()

    def records(section: str) -> Iterator[Any]:
        start = starts.get(section)
        if start is None:
            return iter(())
        return _Text(fetch, start).items()

    return head, records, tuple(starts)
