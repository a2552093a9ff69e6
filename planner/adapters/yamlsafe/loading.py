"""Read one YAML document strictly into plain data, straight from the parser's events.

Why this exists: PyYAML's composer recurses per nesting level and knows no limits, and its
constructors build objects from tags. Here the event stream (iterative in libyaml and in the
pure-Python parser) is read once and turned into dicts, lists and scalars, checking size,
encoding, depth, anchors, aliases, tags, duplicate keys and multiple documents on the way;
there is no node tree and no constructor, so nothing can recurse or execute. Every problem
becomes an `InputError` located as ``file:line:col``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any, Final

import yaml
from yaml.events import (
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from planner.adapters.boms import wide_encoding
from planner.adapters.yamlsafe.locating import EventSource, YamlDocument, build_index
from planner.adapters.yamlsafe.rules import (
    MAX_BYTES_DEFAULT,
    MAX_DEPTH_DEFAULT,
    MAX_SCALAR_DEFAULT,
    MAY_RESOLVE,
    NO_KEY,
    resolve_plain,
)
from planner.errors import InputError

_INTERN_MAX: Final = 64
_KEEP_BYTES: Final = 1024 * 1024  # smaller files keep their bytes for error positions

if TYPE_CHECKING:
    _CBase = yaml.CSafeLoader
else:  # libyaml may be missing: fall back to the (slower, equally iterative) pure parser
    _CBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BREAK_RE: Final = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class _Refused(Exception):
    """A problem found while reading events; becomes an InputError with the file name."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1
        self.col = mark.column + 1


def _decoration_problem(event: Any) -> _Refused:
    """The refusal of a node event that carries an anchor or a tag."""
    if event.anchor is not None:
        return _Refused("anchors and aliases are not allowed", event.start_mark)
    tag = str(event.tag).replace("tag:yaml.org,2002:", "!!", 1)
    return _Refused(f"tags are not allowed (found {tag!r})", event.start_mark)


def _build_data(loader: EventSource, max_depth: int, max_scalar: int = 1 << 20) -> Any:
    """Plain data of the stream's only document (None if empty); raises _Refused."""
    get_event = loader.get_event
    get_event()  # StreamStartEvent
    event = get_event()
    if event.__class__ is StreamEndEvent:
        return None
    root: list[Any] = []
    container: Any = root
    is_map = False
    key: Any = NO_KEY
    # (parent container, parent is a mapping, key of this container in the parent)
    stack: list[tuple[Any, bool, Any]] = []
    may_resolve = MAY_RESOLVE
    resolve = resolve_plain
    while True:
        event = get_event()
        cls = event.__class__
        if cls is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _decoration_problem(event)
            value = event.value
            if len(value) > max_scalar:  # no field of a catalog or plan is anywhere near this
                raise _Refused(
                    f"a value of {len(value):,} characters is too long (at most {max_scalar:,})",
                    event.start_mark,
                )
            if not event.style and (not value or value[0] in may_resolve):
                value = resolve(value)
            if value.__class__ is str and len(value) <= _INTERN_MAX:
                # Keys and short values repeat thousands of times in a large plan (field
                # names, statuses, departments, dates): one shared string each keeps a
                # 60,000-tool plan's data a third smaller.
                value = intern(value)
            if not is_map:
                container.append(value)
            elif key is NO_KEY:
                if value in container:
                    raise _duplicate(loader, stack, value, event)
                key = value
            else:
                container[key] = value
                key = NO_KEY
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise _decoration_problem(event)
            if is_map and key is NO_KEY:
                raise _Refused("mapping keys must be scalars", event.start_mark)
            if len(stack) >= max_depth:
                raise _Refused(f"nesting deeper than {max_depth} levels", event.start_mark)
            new: Any = {} if cls is MappingStartEvent else []
            if is_map:
                container[key] = new
            else:
                container.append(new)
            stack.append((container, is_map, key))
            container, is_map, key = new, cls is MappingStartEvent, NO_KEY
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            container, is_map, _ = stack.pop()
            key = NO_KEY
        elif cls is DocumentEndEvent:
            break
        else:  # AliasEvent: nothing else can occur inside a document
            raise _Refused("anchors and aliases are not allowed", event.start_mark)
    event = get_event()
    if event.__class__ is not StreamEndEvent:
        raise _Refused("only one YAML document per file is allowed", event.start_mark)
    return root[0]


def _duplicate(
    loader: EventSource, stack: list[tuple[Any, bool, Any]], key: Any, event: Any
) -> _Refused:
    """The refusal of a duplicate key, naming the line of the first one (read again)."""
    path: list[Any] = [
        k if parent_is_map else len(parent) - 1 for parent, parent_is_map, k in stack[1:]
    ]  # stack[0] is the root
    path.append(key)
    message = f"duplicate key {key!r}"
    reread = getattr(loader, "_reread", None)
    if reread is not None:
        index = build_index(reread(), len(stack) + 1, stop_at=event.start_mark.index)
        node, found = index.find(path)
        if found and node is not None:
            message += f" (first at line {index.key_mark(node)[0]})"
    return _Refused(message, event.start_mark)


class StrictLoader(_CBase):
    """libyaml's safe parser (pure-Python if missing) whose data comes from `_build_data`.

    ``yaml.load(text, Loader=StrictLoader)`` is strict too, but prefer `load_yaml`, which
    also checks size and encoding and reports problems as located `InputError`s.
    """

    max_depth: int = MAX_DEPTH_DEFAULT

    def get_single_data(self) -> Any:
        try:
            return _build_data(self, self.max_depth)
        except _Refused as exc:
            raise InputError(exc.message, line=exc.line, col=exc.col) from None

    def _no_composer(self, *args: Any) -> Any:
        # The composer recurses per nesting level (libyaml's segfaults ~50,000 deep) and
        # knows no limits: yaml.compose / yaml.load_all must not reach it through this class.
        raise TypeError("StrictLoader only builds data from events; use load_yaml()")

    get_single_node = get_node = check_node = get_data = check_data = _no_composer


_PARSER: type[Any] = StrictLoader  # tests swap in yaml.SafeLoader to exercise the fallback


def _takes_bytes(parser: type[Any]) -> bool:
    c_parser = getattr(getattr(yaml, "_yaml", None), "CParser", None)
    return c_parser is not None and issubclass(parser, c_parser)


def _position(prefix: str) -> tuple[int, int]:
    """1-based (line, col) just after ``prefix``, counting YAML's line breaks."""
    prefix = prefix.removeprefix("\ufeff")
    line, start = 1, 0
    for match in _BREAK_RE.finditer(prefix):
        line += 1
        start = match.end()
    return line, len(prefix) - start + 1


def _prepare(
    text_or_bytes: str | bytes, source: str, max_bytes: int, want_bytes: bool
) -> str | bytes:
    """Input checked for size and encoding, as bytes (libyaml) or str (pure parser)."""
    too_large = f"file is too large (more than {max_bytes} bytes)"
    if isinstance(text_or_bytes, str):
        text = text_or_bytes
        if len(text) > max_bytes:
            raise InputError(too_large, file=source)
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            line, col = _position(text[: exc.start])
            raise InputError(
                f"text is not valid Unicode: {exc.reason}", file=source, line=line, col=col
            ) from None
        if len(raw) > max_bytes:
            raise InputError(too_large, file=source)
        return raw if want_bytes else text
    raw = bytes(text_or_bytes)
    if len(raw) > max_bytes:
        raise InputError(too_large, file=source)
    if want_bytes and raw.isascii():
        return raw
    wide = wide_encoding(raw[:4])
    if wide is not None:  # YAML allows UTF-16/32 with a BOM: Notepad's "Unicode" saves so
        try:
            text = raw.decode(wide)
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid {wide} text: {exc.reason}", file=source) from None
        return text.encode("utf-8") if want_bytes else text
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(raw[: exc.start].decode("utf-8", "replace"))
        raise InputError(
            f"not valid UTF-8: {exc.reason} (byte 0x{raw[exc.start]:02x})",
            file=source,
            line=line,
            col=col,
        ) from None
    return raw if want_bytes else text


def _yaml_problem(exc: yaml.YAMLError, prepared: str | bytes, source: str) -> InputError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        context_mark = exc.context_mark
        if (
            exc.context
            and exc.problem
            and context_mark is not None
            and (
                mark is None or (context_mark.line, context_mark.column) != (mark.line, mark.column)
            )
        ):
            message += f" ({exc.context} at line {context_mark.line + 1})"
        if mark is None:
            return InputError(message, file=source)
        return InputError(message, file=source, line=mark.line + 1, col=mark.column + 1)
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml counts bytes of the UTF-8 input, the pure reader counts characters
        if isinstance(prepared, bytes):
            prefix = prepared[: exc.position].decode("utf-8", "replace")
        else:
            prefix = prepared[: exc.position]
        line, col = _position(prefix)
        char = exc.character
        found = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        return InputError(f"{exc.reason} (found {found})", file=source, line=line, col=col)
    return InputError(" ".join(str(exc).split()) or "invalid YAML", file=source)


def load_yaml(
    text_or_bytes: str | bytes,
    *,
    source: str,
    max_bytes: int = MAX_BYTES_DEFAULT,
    max_depth: int = MAX_DEPTH_DEFAULT,
    max_scalar: int = MAX_SCALAR_DEFAULT,
) -> YamlDocument:
    """Parse one YAML document strictly into plain data; every problem is an InputError."""
    parser = _PARSER
    prepared = _prepare(text_or_bytes, source, max_bytes, _takes_bytes(parser))
    try:
        loader = parser(prepared)  # the pure-Python reader checks characters here
        try:
            loader._reread = lambda: parser(prepared)  # for the duplicate-key message
            data = _build_data(loader, max_depth, max_scalar)
        finally:
            loader.dispose()
    except _Refused as exc:
        raise InputError(exc.message, file=source, line=exc.line, col=exc.col) from None
    except yaml.YAMLError as exc:
        raise _yaml_problem(exc, prepared, source) from None
    return YamlDocument(data, source, _prepared=prepared, _parser=parser, _max_depth=max_depth)


def load_yaml_file(
    path: Path,
    *,
    source: str | None = None,
    max_bytes: int = MAX_BYTES_DEFAULT,
    max_depth: int = MAX_DEPTH_DEFAULT,
) -> YamlDocument:
    """`load_yaml` on a file's bytes; its size is checked before reading."""
    name = str(path) if source is None else source
    try:
        with path.open("rb") as handle:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(f"file is too large (more than {max_bytes} bytes)", file=name)
            # read(n) allocates n bytes up front: ask for the file's size, not the limit.
            raw = handle.read(size + 1)
            if len(raw) > size:  # it grew while we read, or it is a device: read on, bounded
                raw += handle.read(max_bytes + 1 - len(raw))
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file=name) from None
    doc = load_yaml(raw, source=name, max_bytes=max_bytes, max_depth=max_depth)
    if len(raw) < _KEEP_BYTES or not path.is_file() or doc._parser is None:
        return doc
    # A large regular file: drop its bytes and read them again only if an error must be
    # located — a 24 MB plan kept them alive through validation for nothing. The digest
    # makes sure positions are taken from the very bytes that were loaded.
    digest = hashlib.sha256(raw).digest()
    del raw
    takes_bytes = _takes_bytes(doc._parser)

    def reload() -> str | bytes | None:
        try:
            again = path.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(again).digest() != digest:
            return None  # changed since it was loaded: no position rather than a wrong one
        return _prepare(again, name, max_bytes, takes_bytes)

    return replace(doc, _prepared=None, _reload=reload)
