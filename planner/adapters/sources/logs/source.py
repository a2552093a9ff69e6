"""Reading a log file once: transparent gzip, a content digest, progress and cancellation.

Logs are big and often rotated into ``.gz`` files, so they are streamed in blocks of about
a megabyte, never loaded whole. The same pass hashes the content (to recognise a re-import
of the same log, compressed or not), reports progress on the bytes of the file on disk
(compressed bytes for gzip, so a progress bar reaches its end exactly when the file does),
and polls a cancellation callback so a TUI can stop a long import between two blocks.
Read and decompression failures become ``InputError``: a corrupt ``.gz`` is bad input,
not a bug. Content in UTF-16 or UTF-32 (with its byte-order mark, as Windows PowerShell
writes files) is recoded to UTF-8 as it streams, so every reader sees UTF-8 bytes;
such a file is never cut into byte ranges (``recoded``).
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import itertools
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from planner.adapters.boms import wide_encoding
from planner.errors import InputError, PlannerError

__all__ = [
    "BLOCK_SIZE",
    "HEAD_SIZE",
    "MAX_LINE",
    "OVERLONG",
    "Cancelled",
    "LineSplitter",
    "LogSource",
    "Progress",
    "check_cancelled",
    "text_lines",
]

BLOCK_SIZE = 1 << 20  # progress granularity and read size
HEAD_SIZE = 64 * 1024  # what format sniffing looks at
MAX_LINE = 4 << 20  # longer is not a log line; see LineSplitter
OVERLONG = b"\x00"  # stands for an overlong line: malformed in every format
GZIP_MAGIC = b"\x1f\x8b"

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
_READ_ERRORS = (OSError, EOFError, zlib.error)


def check_cancelled(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise PlannerError("import cancelled")


class LogSource:
    """One log file opened for a single streaming pass (use as a context manager)."""

    def __init__(
        self,
        path: Path,
        source: str,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> None:
        self.path = path
        self.source = source
        self._progress = progress
        self._cancelled = cancelled
        self._hash = hashlib.sha256()
        self._reported = -1
        self._head: bytes | None = None
        try:
            self._raw: BinaryIO = path.open("rb")
        except OSError as exc:
            raise InputError(f"cannot read the log: {exc.strerror or exc}", file=source) from exc
        try:
            self.total = os.fstat(self._raw.fileno()).st_size
            self.compressed = self._raw.read(2) == GZIP_MAGIC
            self._raw.seek(0)
        except OSError as exc:
            self._raw.close()
            raise InputError(f"cannot read the log: {exc.strerror or exc}", file=source) from exc
        self._stream: io.BufferedIOBase | BinaryIO | _Recoded = (
            gzip.GzipFile(fileobj=self._raw, mode="rb") if self.compressed else self._raw
        )
        # the codec the content is recoded from (UTF-16/32 with a BOM), else None
        self.recoded = wide_encoding(self._peek(4))
        if self.recoded is not None:
            self._stream = _Recoded(self._stream, self.recoded)

    def __enter__(self) -> LogSource:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def splittable(self) -> bool:
        """Its bytes on disk are its lines (not gzip, not recoded): helper processes may
        read byte ranges of the file itself."""
        return not self.compressed and self.recoded is None

    def close(self) -> None:
        if self._stream is not self._raw:
            self._stream.close()
        self._raw.close()

    def _peek(self, size: int) -> bytes:
        """The content's first ``size`` bytes (decompressed), not consumed."""
        if isinstance(self._stream, gzip.GzipFile):
            try:
                return self._stream.peek(size)[:size]
            except _READ_ERRORS:
                return b""  # reading it says why
        start = self._raw.read(size)
        self._raw.seek(0)
        return start

    def _read(self, size: int) -> bytes:
        try:
            return self._stream.read(size)
        except _READ_ERRORS as exc:
            kind = "gzip data" if self.compressed else "log"
            raise InputError(f"cannot read the {kind}: {exc}", file=self.source) from exc
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid {self.recoded} text ({exc.reason}), though it starts with a "
                f"{self.recoded} byte-order mark",
                file=self.source,
            ) from exc

    def _position(self) -> int:
        """Bytes of the file on disk consumed so far (compressed bytes for gzip)."""
        try:
            return min(self._raw.tell(), self.total)
        except OSError:
            return self._reported

    def report(self, done: int) -> None:
        """Call the progress callback with a value never smaller than the last one."""
        if self._progress is not None and done > self._reported:
            self._reported = done
            self._progress(done, self.total)

    def head(self) -> bytes:
        """The first ``HEAD_SIZE`` bytes of content (decompressed); not consumed."""
        if self._head is None:
            check_cancelled(self._cancelled)
            parts: list[bytes] = []
            size = 0
            while size < HEAD_SIZE:
                part = self._read(HEAD_SIZE - size)
                if not part:
                    break
                parts.append(part)
                size += len(part)
            self._head = b"".join(parts)
        return self._head

    def blocks(self, size: int = BLOCK_SIZE) -> Iterator[bytes]:
        """The whole content in order, head included, in blocks of about ``size`` bytes
        (the head in one block unless ``size`` is smaller: tests set it to a few bytes so
        that block boundaries fall everywhere)."""
        head = self.head()
        self._head = b""
        pieces = (
            [head[k : k + size] for k in range(0, len(head), size)] if size < len(head) else [head]
        )
        block = pieces.pop(0)
        while block:
            self._hash.update(block)
            check_cancelled(self._cancelled)
            self.report(self._position())
            yield block
            block = pieces.pop(0) if pieces else self._read(size)
        self.report(self.total)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


class _Recoded:
    """A binary stream of ``stream``'s text, decoded from ``codec`` and encoded in UTF-8
    (the byte-order mark dropped), read incrementally in blocks like any other."""

    def __init__(self, stream: io.BufferedIOBase | BinaryIO, codec: str) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(codec)("strict")
        self._pending = b""
        self._ended = False

    def read(self, size: int) -> bytes:
        while len(self._pending) < size and not self._ended:
            chunk = self._stream.read(max(size, BLOCK_SIZE))
            self._ended = not chunk
            text = self._decoder.decode(chunk, final=self._ended)
            self._pending += text.encode("utf-8", "surrogateescape")
        out, self._pending = self._pending[:size], self._pending[size:]
        return out

    def close(self) -> None:
        self._stream.close()


class LineSplitter:
    """Cuts blocks into lines, carrying a line cut at a block's end over to the next.

    A "line" longer than ``MAX_LINE`` (a binary file, a CR-only export) is replaced by
    ``OVERLONG``, one malformed line, instead of growing in memory and being copied again
    with every block.
    """

    def __init__(self) -> None:
        self._carry = b""
        self._overlong = False

    def split(self, block: bytes) -> list[bytes]:
        if self._carry:
            block = self._carry + block
        lines = block.split(b"\n")
        carry = lines.pop()
        if self._overlong and lines:
            lines[0] = OVERLONG
            self._overlong = False
        if len(carry) > MAX_LINE:
            carry = b""
            self._overlong = True
        self._carry = carry
        return lines

    def rest(self) -> list[bytes]:
        """The last line, when the content does not end with a newline."""
        rest = [OVERLONG] if self._overlong else [self._carry] if self._carry else []
        self._carry, self._overlong = b"", False
        return rest


def _text(raw: bytes, first: bool) -> str:
    # surrogateescape, not replace: distinct non-UTF-8 user names must stay distinct people
    # (hosts with such bytes are refused by normalize_host either way).
    text = raw.decode("utf-8", "surrogateescape")
    if first:
        text = text.removeprefix("\ufeff")
    return text.removesuffix("\r")


def text_lines(blocks: Iterable[bytes]) -> Iterator[tuple[int, str]]:
    """(1-based physical line number, text) of every line; bytes that are not UTF-8 are
    replaced, line ends (LF or CRLF) and a leading byte-order mark removed."""
    line_no = 0
    splitter = LineSplitter()
    for block in blocks:
        for raw in splitter.split(block):
            line_no += 1
            yield line_no, _text(raw, line_no == 1)
    for raw in splitter.rest():
        line_no += 1
        yield line_no, _text(raw, line_no == 1)


def peek(blocks: Iterable[bytes]) -> tuple[bytes, Iterator[bytes]]:
    """The first block (``b""`` for none), and all the blocks again, the first included:
    for a reader that chooses how to read (JSON or text) from how the content starts."""
    rest = iter(blocks)
    first = next(rest, b"")
    return first, itertools.chain((first,), rest)
