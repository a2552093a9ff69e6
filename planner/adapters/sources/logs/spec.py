"""What a log source declares: its name, how sure it is that some bytes are its format,
and how it reads a whole file into per-key aggregates.

Evidence now comes from many places — proxies, identity providers, DNS servers, the
exports of cloud-security products — and each new one must slot in without touching the
others: a source is one module exposing ``FORMAT = LogFormat(...)``, listed by one line in
``registry``. Guessing asks every source for a confidence between 0 and 1 from the first
64 KB (decompressed) and takes the surest, so a source never has to know the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from planner.adapters.sources.logs.model import Aggregate
from planner.adapters.sources.logs.source import HEAD_SIZE, Cancelled, LogSource
from planner.domain.plan import Source

__all__ = ["EarlyRead", "LogFormat", "ReadOptions", "Started", "head_lines"]


class Started(Protocol):
    """Work a format began on a file ahead of its read (helper processes, say)."""

    def close(self) -> None:
        """Stop it (idempotent): the read is given up, or done another way."""


@dataclass(frozen=True)
class EarlyRead:
    """A read begun before it was asked for, by the format that will finish it.

    Callers hold it without knowing what it is: ``early.start`` makes it, ``read_log``
    hands ``work`` back to the reader of ``format`` (or closes it when the file is read as
    another format), and whoever made it closes it when done.
    """

    format: str
    work: Started

    def close(self) -> None:
        self.work.close()


@dataclass(frozen=True)
class ReadOptions:
    """What the caller decides about a read, beyond the file itself."""

    cancelled: Cancelled | None = None
    workers: int | None = None  # processes for a large log (None: the cores; 1: none)
    parallel_threshold: int | None = None  # bytes; None: the reader's own default
    profile: str | None = None  # a field-map profile's name or file (format "profile")
    early: EarlyRead | None = None  # this format's read already begun on this very file


# (aggregate, SHA-256 of the decompressed content)
Reader = Callable[[LogSource, ReadOptions], tuple[Aggregate, str]]
# (the file opened, helper processes wanted, size in bytes worth it) -> work begun, or None
# when beginning early is not worth it for this file
Starter = Callable[[LogSource, int, int], Started | None]


@dataclass(frozen=True)
class LogFormat:
    """One source of evidence.

    ``recognise(head)`` returns 0 (not mine) to 1 (certainly mine) from the first bytes of
    content, which hold no NUL byte; ``read`` takes the whole file once. Aggregates are
    keyed by where use was seen: a normalised host or DNS name, or ``app:NAME`` for an
    application known by its identity provider (see ``model.APP_PREFIX``).
    """

    name: str
    description: str
    recognise: Callable[[bytes], float]
    read: Reader
    evidence: Source = Source.PROXY_LOG  # what a tool's sources say it was seen in
    # How a big file of this format starts being read before the command has started up
    # (``early.start``); None: it is read when asked, like any other.
    start_early: Starter | None = None


def blocks_reader(read: Callable[..., Aggregate]) -> Reader:
    """A ``Reader`` from a function of (blocks, *, source) -> Aggregate."""

    def reader(src: LogSource, options: ReadOptions) -> tuple[Aggregate, str]:
        return read(src.blocks(), source=src.source), src.hexdigest()

    return reader


def head_lines(head: bytes) -> list[bytes]:
    """The non-blank lines of the head, without line ends or a byte-order mark; the last
    line is dropped when the head was cut by its size limit (half a line would mislead)."""
    lines = head.split(b"\n")
    if len(head) >= HEAD_SIZE and len(lines) > 1:
        lines.pop()
    if lines:
        lines[0] = lines[0].removeprefix(b"\xef\xbb\xbf")
    return [line.rstrip(b"\r") for line in lines if line.strip()]
