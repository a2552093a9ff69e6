"""Squid access logs (native and common layouts), read as fast as Python allows.

Squid is the format of the largest logs this app meets and the one its speed target is
measured on (against mawk), so the reader is built around one hot loop over raw bytes:
``bytes.split()`` per line, no regular expressions, no decoding, locals bound once, and
every per-line decision answered by a dict look-up — the URL (or its ``scheme://host``
prefix) maps straight to the running totals of its normalised host, and each raw user
field maps to its decoded text, one object per user, so the per-host user sets compare
users by identity and decoding happens once per user. Lines the fast path does not
accept (Squid common/CLF lines, blanks, garbage) fall to ``parse_line``, the slow and
careful path, which the format sniffer uses too.

Native: ``time elapsed client code/status bytes method URL user hierarchy type [extras]``;
common: ``client ident user [dd/Mon/yyyy:HH:MM:SS +zone] "METHOD URL HTTP/v" status bytes
code:hier``. The user is URL-encoded by Squid; ``-`` means none and the client address
stands in for it.

Outcomes: a line the proxy answered with 407 (its authentication handshake,
user ``-``, before the same request comes back with credentials) and any denied line
without a user are nobody's: neither a user nor a hit. A denied line (``TCP_DENIED/403``
and other 4xx denials) with a user is a *blocked attempt*: counted per host apart from
use, the evidence that a ban bites. Denied lines are rare, so the hot loop only spots them
and hands them to the slow path: a log holds a few dozen distinct result fields
(``TCP_TUNNEL/200``…), so the ones that are plain use are remembered in a set and each line
pays one set look-up (two ``in`` tests per line cost a fifth of the loop).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote_to_bytes

from planner.adapters.sources.logs.model import (
    MAX_BYTES,
    MAX_TIME,
    MIN_TIME,
    Aggregate,
    Record,
    add_user,
    new_compact_record,
    parse_size,
)
from planner.adapters.sources.logs.source import LineSplitter, LogSource
from planner.adapters.sources.logs.spec import LogFormat, ReadOptions, Started, head_lines
from planner.adapters.sources.logs.times import clf_time
from planner.domain.hosts import normalize_host

__all__ = [
    "FORMAT",
    "SquidScanner",
    "decode_user",
    "parse_line",
    "plausible_line",
    "scan_blocks",
    "url_key",
]

# URL keys remembered (bytes -> record); cleared when full. A log of few hosts never fills
# it; a long tail would keep a key per host, ~90 bytes each, only to find each once.
_KEY_CACHE_LIMIT = 65_536
_CODE_CACHE_LIMIT = 10_000  # distinct result fields remembered as plain use
_NO_HOST: tuple[()] = ()  # cached "this URL has no host": falsy, unlike a host record
_NATIVE_FIELDS = 10

# What a line is evidence of
USE = 0
BLOCKED = 1  # a denial (4xx) to a known user: a blocked attempt
NOBODY = 2  # a 407 handshake, or a denial without a user: not counted at all

ParsedLine = tuple[bytes, float, int, bytes, int]  # (URL, time, bytes, user, outcome)


def outcome(code: bytes, status: bytes, user: bytes) -> int:
    """What a line is evidence of, from its Squid result code (``TCP_DENIED``), its HTTP
    status (``403``) and its raw user field (``-`` for none)."""
    if status == b"407":
        return NOBODY
    if b"DENIED" not in code:
        return USE
    if user == b"-" or len(status) != 3 or not status.startswith(b"4"):
        return NOBODY
    return BLOCKED


def url_key(url: bytes) -> bytes:
    """The prefix of a URL that decides its host: ``scheme://authority/``.

    ``planner.domain.hosts.host_prefix`` for the raw bytes of a Squid URL field (which
    has no blanks): many URLs share it, so caching on it spares normalising every path.
    """
    scheme = url.find(b"://")
    cut = url.find(b"/", scheme + 3) if scheme >= 0 else url.find(b"/", 2)
    return url[: cut + 1] if cut >= 0 else url


def _native(fields: list[bytes]) -> ParsedLine | None:
    try:
        when = float(fields[0])
        size = int(fields[4])
    except ValueError:
        return None
    if not (MIN_TIME <= when < MAX_TIME and 0 <= size <= MAX_BYTES):
        return None
    user = fields[7]
    code, _, status = fields[3].partition(b"/")
    return fields[6], when, size, fields[2] if user == b"-" else user, outcome(code, status, user)


def _common(line: bytes) -> ParsedLine | None:
    """``client ident user [time] "METHOD URL HTTP/v" status bytes code:hier``."""
    open_ = line.find(b" [")
    close = line.find(b"]", open_)
    if open_ < 0 or close < 0:
        return None
    head = line[:open_].split()
    if len(head) != 3:
        return None
    when = clf_time(line[open_ + 2 : close].decode("ascii", "replace"))
    quote = line.find(b'"', close)
    end = line.find(b'"', quote + 1)
    if when is None or quote < 0 or end < 0:
        return None
    request = line[quote + 1 : end].split()
    tail = line[end + 1 :].split()
    if len(request) < 2 or len(tail) < 2 or not tail[0].isdigit():
        return None
    size = parse_size(tail[1].decode("ascii", "replace"))  # "-" is 0 in this layout
    if size is None:
        return None
    client, ident, user = head
    named = user if user != b"-" else ident
    result = outcome(tail[2] if len(tail) > 2 else b"", tail[0], named)
    if user == b"-":
        user = client if ident == b"-" else ident
    return request[1], when, size, user, result


def parse_line(line: bytes) -> ParsedLine | None:
    """One Squid line, native or common, as (URL, time, bytes, user, outcome); None if
    malformed."""
    fields = line.split()
    if len(fields) >= _NATIVE_FIELDS:
        parsed = _native(fields)
        if parsed is not None:
            return parsed
    if b"[" in line:
        return _common(line)
    return None


def plausible_line(line: bytes) -> bool:
    """Stricter than ``parse_line``: is this line worth taking as evidence of Squid?"""
    fields = line.split()
    parsed = _native(fields) if len(fields) >= _NATIVE_FIELDS else None
    if parsed is not None:  # native: elapsed is a number, the result is CODE/status
        if not (fields[1].isdigit() and b"/" in fields[3]):
            return False
    elif b"[" in line:
        parsed = _common(line)
    if parsed is None:
        return False
    return normalize_host(parsed[0].decode("utf-8", "replace")) is not None


def decode_user(raw: bytes) -> str:
    """Squid URL-encodes user names (``DOMAIN%5Cjdoe``). Bytes that are not UTF-8 (a
    Latin-1 user name) are kept as surrogate escapes, not replaced: two names that differ
    only there stay two people once pseudonymised (``keys.pseudonymise`` hashes the bytes)."""
    if b"%" in raw:
        raw = unquote_to_bytes(raw)
    return raw.decode("utf-8", "surrogateescape")


class SquidScanner:
    """Folds Squid lines into an ``Aggregate``; feed it blocks of bytes in file order."""

    def __init__(self, agg: Aggregate | None = None) -> None:
        self.agg = agg if agg is not None else Aggregate()
        self.physical = 0  # physical lines seen so far (the next line is physical + 1)
        self._lines = LineSplitter()
        self._keys: dict[bytes, Any] = {}  # URL or URL key -> host record, or _NO_HOST
        # raw user field -> its decoded text, one str object per user: decoding happens
        # once per user, and the per-host sets compare users by identity.
        self.users: dict[bytes, str] = {}
        self._plain_codes: set[bytes] = set()  # result fields that are plain use

    def _resolve(self, url: bytes) -> Record | tuple[()]:
        """The host record of a URL not in the cache (keyed by its ``url_key``)."""
        key = url_key(url)
        record: Record | tuple[()] | None = self._keys.get(key)
        return self._new_key(key) if record is None else record

    def _new_key(self, key: bytes) -> Record | tuple[()]:
        """The host record of a URL key not in the cache, remembered: on a long tail,
        nearly every line's (so the hot loop calls it with the key it has cut)."""
        keys = self._keys
        host = normalize_host(key.decode("utf-8", "replace"))
        if host is None:
            record: Record | tuple[()] = _NO_HOST
        else:
            hosts = self.agg.hosts
            record = hosts.get(host) or hosts.setdefault(host, new_compact_record())
        if len(keys) >= _KEY_CACHE_LIMIT:
            keys.clear()  # only bounds memory on logs full of odd URLs
        keys[key] = record
        return record

    def _slow(self, line: bytes, line_no: int) -> None:
        """A line the fast path refused: common layout, blank, comment or malformed."""
        stripped = line.strip()
        if not stripped or stripped.startswith(b"#"):
            self.agg.lines -= 1  # not a data line
            return
        parsed = parse_line(line)
        if parsed is not None and parsed[4] == NOBODY:
            return  # a data line, well formed, but nobody's use
        record = self._resolve(parsed[0]) if parsed is not None else _NO_HOST
        if parsed is None or not record:
            self.agg.skip(line_no)
            return
        _, when, size, raw_user, result = parsed
        if when < record[2]:
            record[2] = when
        if when > record[3]:
            record[3] = when
        if result == BLOCKED:
            record[5] += 1
            return
        user = self.users.get(raw_user)
        if user is None:
            user = self.users[raw_user] = decode_user(raw_user)
        record[0] += 1
        record[1] += size
        add_user(record, user)

    def piece(self) -> SquidScanner:
        """A scanner for a later piece of the file (of a helper's range, ``parallel``): its
        lines are counted apart, its hosts go into this one's records, whose URL keys and
        users it knows: nothing to pack, merge or resolve again."""
        piece = SquidScanner(Aggregate(hosts=self.agg.hosts))
        piece._keys, piece.users, piece._plain_codes = self._keys, self.users, self._plain_codes
        return piece

    def feed(self, block: bytes) -> None:
        """Add a block of the file; a line cut at its end waits for the next block."""
        self._scan(self._lines.split(block))

    def finish(self) -> Aggregate:
        """Take the last line (one without a final newline) and return the totals."""
        self._scan(self._lines.rest())
        self._keys = {}  # a key per host of a long tail: let go of before the totals move
        return self.agg

    def _scan(self, lines: list[bytes]) -> None:
        # The hot loop: everything it touches is a local, every branch is a dict look-up
        # or a comparison. Anything unusual is set aside and handed to _slow afterwards
        # with its physical line number (found then, to spare counting every line).
        base = self.physical + 1
        self.physical += len(lines)
        self.agg.lines += len(lines)
        split = bytes.split
        keys_get = self._keys.get
        new_key = self._new_key
        users = self.users
        users_get = users.get
        plain_codes = self._plain_codes
        odd: list[bytes] = []
        set_aside = odd.append
        lo, hi, most = MIN_TIME, MAX_TIME, MAX_BYTES
        for line in lines:
            fields = split(line)
            if len(fields) < _NATIVE_FIELDS:
                set_aside(line)
                continue
            if fields[3] not in plain_codes:
                code = fields[3]
                if b"DENIED" in code or b"/407" in code:
                    set_aside(line)  # not plain use: a blocked attempt or nobody's
                    continue
                if len(plain_codes) >= _CODE_CACHE_LIMIT:
                    plain_codes.clear()  # only bounds memory on a log of garbage codes
                plain_codes.add(code)
            url = fields[6]
            record = keys_get(url)
            if not record:
                if record is None:
                    # url_key() inlined: full URLs are all distinct, their prefixes are not
                    cut = url.find(b"://")
                    cut = url.find(b"/", cut + 3) if cut >= 0 else url.find(b"/", 2)
                    if cut < 0:
                        record = new_key(url)  # its own key, just looked up
                    else:
                        key = url[: cut + 1]
                        record = keys_get(key)
                        if record is None:
                            record = new_key(key)
                if not record:
                    set_aside(line)
                    continue
            try:
                when = float(fields[0])
                size = int(fields[4])
            except ValueError:
                set_aside(line)
                continue
            if not (lo <= when < hi and 0 <= size <= most):
                set_aside(line)
                continue
            user = fields[7]
            if user == b"-":
                user = fields[2]
            kept = users_get(user)
            if kept is None:
                kept = users[user] = decode_user(user)
            record[0] += 1
            record[1] += size
            if when > record[3]:
                record[3] = when
            if when < record[2]:
                record[2] = when
            # add_user() inlined: most lines repeat the host's one user (same object)
            seen = record[4]
            if seen is not kept:
                if seen.__class__ is set:
                    seen.add(kept)
                elif seen is None:
                    record[4] = kept
                elif seen != kept:
                    record[4] = {seen, kept}
        index = -1
        for line in odd:
            # Lines set aside are in order, and a line equal to one is just as odd, so
            # each search from just past the previous one finds this very line.
            index = lines.index(line, index + 1)
            self._slow(line, base + index)


def scan_blocks(blocks: Iterable[bytes]) -> Aggregate:
    """Read a whole Squid log given as blocks of bytes in order."""
    scanner = SquidScanner()
    for block in blocks:
        scanner.feed(block)
    return scanner.finish()


_SAMPLE = 20


def recognise(head: bytes) -> float:
    """Sure when most of the first data lines are plausible Squid lines."""
    data = [line for line in head_lines(head) if not line.startswith(b"#")][:_SAMPLE]
    plausible = sum(1 for line in data if plausible_line(line))
    return 0.9 if plausible and plausible * 2 >= len(data) else 0.0


# What the command's start-up is worth in bytes of Squid parsing, taken off the caller's
# range (both CPU-bound Python, so the ratio holds across machines better than either
# figure). Measured on a 135 MB log on two cores (2026-12-06): the caller's start-up costs
# it ~0.6-0.7 s of CPU before its first block, ~35-40 MB of parsing. Better too much than
# too little: a caller done first takes the rest of a helper's range (``byte_ranges``),
# while a caller done last keeps its helper waiting.
HEAD_START = 48 * 1024 * 1024


def _start_early(src: LogSource, workers: int, threshold: int) -> Started | None:
    """Helpers parsing an uncompressed log larger than ``threshold`` bytes, at once."""
    from planner.adapters.sources.logs import parallel

    if not src.splittable or src.total <= threshold:
        return None
    return parallel.RangeRead(src.path, src.total, workers, HEAD_START)


def _read(src: LogSource, options: ReadOptions) -> tuple[Aggregate, str]:
    from planner.adapters.sources.logs import parallel, reader

    begun = parallel.finish_early(src, options)  # helpers started before start-up
    if begun is not None:
        return begun
    workers, threshold = parallel.workers_for(options)
    # helpers read the file's own bytes: never for recoded (UTF-16) text
    if workers > 1 and src.compressed and src.recoded is None:
        from planner.adapters.sources.logs.gzip_parallel import GZIP_RATIO

        if src.total * GZIP_RATIO > threshold:
            # through the entry point's module, where tests substitute a spy for it
            return reader.read_squid_gzip_parallel(src, workers, options.cancelled)
    elif workers > 1 and src.splittable and src.total > threshold:
        return reader.read_squid_parallel(src, workers, options.cancelled)
    return scan_blocks(src.blocks()), src.hexdigest()


FORMAT = LogFormat(
    "squid",
    "Squid access log (native or common layout)",
    recognise,
    _read,
    start_early=_start_early,
)
