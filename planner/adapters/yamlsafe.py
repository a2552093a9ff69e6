"""Load catalog and plan YAML safely and strictly; dump it deterministically.

Why this exists: catalogs and plans are written by other people (reviewers edit plans in
merge requests), and PyYAML's defaults are wrong for such input:

* the C composer segfaults on ~50,000-deep nesting, the Python one hits RecursionError
  near depth 500;
* anchors and aliases allow "billion laughs" documents that explode when walked;
* tags construct objects (and arbitrary code with an unsafe loader);
* duplicate keys silently keep the last value (yaml/pyyaml#165);
* YAML 1.1 turns ``no`` into False, ``0755`` into 493, ``1:20`` into 80 and dates into
  ``date`` objects behind the schema's back.

How: the parser's event stream (iterative in libyaml and in the pure-Python parser) is
read once and turned straight into plain Python data, checking size, depth, anchors,
aliases, tags, duplicate keys and multiple documents on the way. There is no node tree and
no constructor, so nothing can recurse or execute. Positions are only needed to report
problems, so the path -> position index is built lazily, by reading the events again, the
first time an error needs one. Every problem is an :class:`InputError` located as
``file:line:col`` (1-based), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

import pydantic
import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from planner.errors import InputError, InputErrors

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    _CBase = yaml.CSafeLoader
    _DumperBase = yaml.CSafeDumper
else:  # libyaml may be missing: fall back to the (slower, equally iterative) pure parser
    _CBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    _DumperBase = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

__all__ = [
    "MAX_BYTES_DEFAULT",
    "MAX_DEPTH_DEFAULT",
    "StrictLoader",
    "YamlDocument",
    "dump_yaml",
    "load_yaml",
    "load_yaml_file",
    "pydantic_errors",
]

MAX_BYTES_DEFAULT: Final = 64 * 1024 * 1024
MAX_DEPTH_DEFAULT: Final = 64
MAX_SCALAR_DEFAULT: Final = 1024 * 1024

_NO_KEY: Final = object()  # "the mapping is waiting for a key"
_MISSING: Final = object()

# --- scalars -----------------------------------------------------------------------------
# Only unambiguous plain scalars get a type; everything else stays a string for pydantic
# to judge (yes/no/on/off, 0755, 0x1F, 1_000, 1:20, dates, ...).
_CONSTANTS: Final[dict[str, Any]] = {
    "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf,
    "+.inf": math.inf, "+.Inf": math.inf, "+.INF": math.inf,
    "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
}  # fmt: skip
_INT_RE: Final = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_RE: Final = re.compile(
    r"[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?)"
)
# Longer number-like scalars stay strings: int() is quadratic and capped by Python.
_MAX_NUMBER_CHARS: Final = 1000
# First characters of every scalar that can resolve to something other than a string.
_MAY_RESOLVE: Final = frozenset("~nNtTfF+-.0123456789")
_BREAK_RE: Final = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _resolve_plain(value: str) -> Any:
    """Type of a plain (unquoted, untagged) scalar: null, bool, int, float or str."""
    if not value:
        return None
    constant = _CONSTANTS.get(value, _MISSING)
    if constant is not _MISSING:
        return constant
    if len(value) <= _MAX_NUMBER_CHARS:
        if _INT_RE.fullmatch(value):
            return int(value)
        if _FLOAT_RE.fullmatch(value):
            return float(value)
    return value


# --- loading -----------------------------------------------------------------------------
class _EventSource(Protocol):
    def get_event(self) -> Any: ...


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


def _build_data(loader: _EventSource, max_depth: int, max_scalar: int = 1 << 20) -> Any:
    """Plain data of the stream's only document (None if empty); raises _Refused."""
    get_event = loader.get_event
    get_event()  # StreamStartEvent
    event = get_event()
    if event.__class__ is StreamEndEvent:
        return None
    root: list[Any] = []
    container: Any = root
    is_map = False
    key: Any = _NO_KEY
    # (parent container, parent is a mapping, key of this container in the parent)
    stack: list[tuple[Any, bool, Any]] = []
    may_resolve = _MAY_RESOLVE
    resolve = _resolve_plain
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
            if not is_map:
                container.append(value)
            elif key is _NO_KEY:
                if value in container:
                    raise _duplicate(loader, stack, value, event)
                key = value
            else:
                container[key] = value
                key = _NO_KEY
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise _decoration_problem(event)
            if is_map and key is _NO_KEY:
                raise _Refused("mapping keys must be scalars", event.start_mark)
            if len(stack) >= max_depth:
                raise _Refused(f"nesting deeper than {max_depth} levels", event.start_mark)
            new: Any = {} if cls is MappingStartEvent else []
            if is_map:
                container[key] = new
            else:
                container.append(new)
            stack.append((container, is_map, key))
            container, is_map, key = new, cls is MappingStartEvent, _NO_KEY
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            container, is_map, _ = stack.pop()
            key = _NO_KEY
        elif cls is DocumentEndEvent:
            break
        else:  # AliasEvent: nothing else can occur inside a document
            raise _Refused("anchors and aliases are not allowed", event.start_mark)
    event = get_event()
    if event.__class__ is not StreamEndEvent:
        raise _Refused("only one YAML document per file is allowed", event.start_mark)
    return root[0]


def _duplicate(
    loader: _EventSource, stack: list[tuple[Any, bool, Any]], key: Any, event: Any
) -> _Refused:
    """The refusal of a duplicate key, naming the line of the first one (read again)."""
    path: list[Any] = [
        k if parent_is_map else len(parent) - 1 for parent, parent_is_map, k in stack[1:]
    ]  # stack[0] is the root
    path.append(key)
    message = f"duplicate key {key!r}"
    reread = getattr(loader, "_reread", None)
    if reread is not None:
        index = _build_index(reread(), len(stack) + 1, stop_at=event.start_mark.index)
        node, found = index.find(path)
        if found and node is not None:
            message += f" (first at line {index.key_mark(node)[0]})"
    return _Refused(message, event.start_mark)


class _Index:
    """Positions of a document's nodes, by node number (0 is the root).

    Flat arrays rather than one object per node: 200,000 small objects kept the garbage
    collector so busy that building the index took twice as long.
    """

    __slots__ = ("children", "pos")

    def __init__(self) -> None:
        self.pos = array("l")  # line, col, key line, key col of each node (1-based)
        self.children: list[dict[Any, int] | array[int] | None] = []

    def child(self, node: int, part: Any) -> int | None:
        children = self.children[node]
        if isinstance(children, dict):
            try:
                return children.get(part)
            except TypeError:  # unhashable part
                return None
        if isinstance(children, array) and isinstance(part, int) and not isinstance(part, bool):
            return children[part] if 0 <= part < len(children) else None
        return None

    def find(self, loc: Sequence[Any]) -> tuple[int | None, bool]:
        """The deepest node along ``loc`` (None if the index is empty), and whether it is
        the node ``loc`` names."""
        if not self.children:
            return None, False
        node = 0
        for part in loc:
            child = self.child(node, part)
            if child is None:
                return node, False
            node = child
        return node, True

    def mark(self, node: int) -> tuple[int, int]:
        return self.pos[4 * node], self.pos[4 * node + 1]

    def key_mark(self, node: int) -> tuple[int, int]:
        return self.pos[4 * node + 2], self.pos[4 * node + 3]


def _build_index(loader: _EventSource, max_depth: int, stop_at: int | None = None) -> _Index:
    """Positions of every node; tolerant, since it may read a refused document's prefix."""
    index = _Index()
    pos_extend = index.pos.extend
    all_children = index.children
    parent: Any = None  # children of the current collection (dict or array)
    is_map = False
    key: Any = _NO_KEY
    key_line = key_col = 0
    stack: list[tuple[Any, bool]] = []
    try:
        while True:
            event = loader.get_event()
            cls = event.__class__
            if stop_at is not None and event.start_mark.index >= stop_at:
                break
            if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = event.start_mark
                line, col = mark.line + 1, mark.column + 1
                if is_map and key is _NO_KEY:
                    if cls is not ScalarEvent:
                        break
                    value = event.value
                    if event.style or (value and value[0] not in _MAY_RESOLVE):
                        key = value
                    else:
                        key = _resolve_plain(value)
                    key_line, key_col = line, col
                    continue
                if cls is not ScalarEvent and len(stack) >= max_depth:
                    break
                node = len(all_children)
                if is_map:
                    pos_extend((line, col, key_line, key_col))
                    parent.setdefault(key, node)  # the first of duplicates wins
                    key = _NO_KEY
                else:
                    pos_extend((line, col, line, col))
                    if parent is not None:
                        parent.append(node)
                if cls is ScalarEvent:
                    all_children.append(None)
                else:
                    new: Any = {} if cls is MappingStartEvent else array("l")
                    all_children.append(new)
                    stack.append((parent, is_map))
                    parent, is_map = new, cls is MappingStartEvent
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                parent, is_map = stack.pop()
                key = _NO_KEY
            elif cls is DocumentEndEvent or cls is StreamEndEvent or cls is AliasEvent:
                break
    except yaml.YAMLError:
        pass
    return index


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
            if path.stat().st_size > max_bytes:
                raise InputError(f"file is too large (more than {max_bytes} bytes)", file=name)
            raw = handle.read(max_bytes + 1)  # bounded even if the file grows or is a device
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file=name) from None
    return load_yaml(raw, source=name, max_bytes=max_bytes, max_depth=max_depth)


@dataclass(frozen=True)
class YamlDocument:
    """Plain data of a YAML file, able to locate any path in it for error messages."""

    data: Any
    source: str
    _prepared: str | bytes | None = field(default=None, repr=False, compare=False)
    _parser: type[Any] | None = field(default=None, repr=False, compare=False)
    _max_depth: int = field(default=MAX_DEPTH_DEFAULT, repr=False, compare=False)

    @cached_property
    def _index(self) -> _Index | None:
        if self._prepared is None or self._parser is None:
            return None
        loader = self._parser(self._prepared)
        try:
            return _build_index(loader, self._max_depth)
        finally:
            loader.dispose()

    def _find(self, loc: Sequence[str | int]) -> tuple[_Index, int] | None:
        index = self._index
        if index is None:
            return None
        node, _ = index.find(loc)
        return None if node is None else (index, node)

    def mark(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """1-based (line, col) of the node at that path (dict keys / list indexes), or of the
        nearest existing ancestor when the path goes further than the document (e.g. a
        missing key -> the mapping that lacks it). (1, 1) without source text."""
        found = self._find(loc)
        return (1, 1) if found is None else found[0].mark(found[1])

    def key_mark(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """Like `mark`, but of the key when the path ends at a mapping value."""
        found = self._find(loc)
        return (1, 1) if found is None else found[0].key_mark(found[1])

    def error(self, loc: Sequence[str | int], message: str) -> InputError:
        """An InputError located at the node at ``loc`` (or its nearest ancestor)."""
        line, col = self.mark(loc)
        return InputError(message, file=self.source, line=line, col=col)


# --- pydantic errors ---------------------------------------------------------------------
_PLAIN_KEY_RE: Final = re.compile(r"[A-Za-z0-9_-]+")
_TIME_KINDS: Final = (
    ("datetime_", "date-time"),
    ("date_", "date"),
    ("time_", "time"),
    ("timedelta_", "duration"),
)


def _child(value: Any, part: Any) -> Any:
    if isinstance(value, dict):
        try:
            return value.get(part, _MISSING)
        except TypeError:
            return _MISSING
    if isinstance(value, list) and isinstance(part, int) and not isinstance(part, bool):
        return value[part] if 0 <= part < len(value) else _MISSING
    return _MISSING


def _data_path(data: Any, loc: Sequence[str | int]) -> tuple[list[str | int], str | int | None]:
    """The part of a pydantic ``loc`` that exists in the data, and the missing last part.

    Segments that pydantic adds itself (union members, validator names, ``[key]``) do not
    exist in the data and are skipped when something follows them.
    """
    path: list[str | int] = []
    for i, part in enumerate(loc):
        child = _child(data, part)
        if child is not _MISSING:
            path.append(part)
            data = child
        elif i == len(loc) - 1:
            return path, part
    return path, None


def _format_path(path: Sequence[str | int]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        elif isinstance(part, str) and _PLAIN_KEY_RE.fullmatch(part):
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and len(value) > 60:
        return repr(value[:57]) + "..."
    return repr(value)


def _expected(expected: Any) -> str:
    items = re.split(r", | or ", str(expected))
    return ", ".join(i[1:-1] if len(i) >= 2 and i[0] == i[-1] == "'" else i for i in items)


def _describe(error: ErrorDetails, missing: str | int | None) -> str:
    kind, msg = error["type"], error["msg"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    got = error.get("input")
    if kind == "missing":
        return f"missing required key {missing!r}"
    if kind == "extra_forbidden":
        return f"unknown key {missing!r}"
    if kind in ("enum", "literal_error") and "expected" in ctx:
        return f"must be one of {_expected(ctx['expected'])} (got {_show(got)})"
    for prefix, name in _TIME_KINDS:
        if kind.startswith(prefix):
            if isinstance(got, dict | list) or got is None:
                return f"must be a {name} (got {_show(got)})"
            detail = f" ({ctx['error']})" if "error" in ctx else ""
            return f"invalid {name} {_show(got)}{detail}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be a mapping (got {_show(got)})"
    if kind == "list_type":
        return f"must be a list (got {_show(got)})"
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            return msg.removeprefix(prefix)
    if msg.startswith("Input should be "):
        return f"must be {msg.removeprefix('Input should be ')} (got {_show(got)})"
    return f"{msg} (got {_show(got)})"


def pydantic_errors(exc: pydantic.ValidationError, doc: YamlDocument) -> InputErrors:
    """Map each pydantic error `loc` to the YAML node mark -> one InputError per problem,
    sorted by position, with a readable message such as "plan.start: invalid date
    'tomorrow'" or "tools[3]: unknown key 'colour'"."""
    located: list[tuple[int, int, str]] = []
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        on_key = bool(loc) and loc[-1] == "[key]"  # a dict field's key is wrong, not its value
        path, missing = _data_path(doc.data, loc)
        if error["type"] == "extra_forbidden" and missing is None and path:
            missing = path.pop()
            line, col = doc.key_mark([*path, missing])
        elif on_key:
            line, col = doc.key_mark(path)
        else:
            line, col = doc.mark(path)
        message = _describe(error, missing if missing is not None else (loc[-1] if loc else None))
        if on_key:
            message = f"key {message}"
        where = _format_path(path)
        located.append((line, col, f"{where}: {message}" if where else message))
    located.sort(key=lambda item: (item[0], item[1]))
    return InputErrors([InputError(m, file=doc.source, line=ln, col=c) for ln, c, m in located])


# --- dumping -----------------------------------------------------------------------------
_STR_TAG: Final = "tag:yaml.org,2002:str"
_TAGS: Final[dict[type, str]] = {
    type(None): "tag:yaml.org,2002:null", bool: "tag:yaml.org,2002:bool",
    int: "tag:yaml.org,2002:int", float: "tag:yaml.org,2002:float",
}  # fmt: skip
# Line breaks YAML normalises on reading: only a double-quoted (escaped) scalar keeps them.
_ESCAPE_ONLY: Final = frozenset("\r\x85\u2028\u2029")


def _dump_resolve(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
    """A string is written plain only if neither `load_yaml` nor a YAML 1.1 reader would
    read it as something else, except that ISO dates stay plain (they are strings to us)."""
    theirs: Callable[..., Any] = yaml.resolver.Resolver.resolve  # untyped in the stubs
    if kind is yaml.ScalarNode and implicit[0]:
        ours = _resolve_plain(value)
        if not isinstance(ours, str):
            return _TAGS[type(ours)]
        tag = theirs(self, kind, value, implicit)
        return _STR_TAG if tag == "tag:yaml.org,2002:timestamp" else tag
    return theirs(self, kind, value, implicit)


def _represent_str(self: Any, data: str) -> Any:
    style: str | None = None
    if not _ESCAPE_ONLY.isdisjoint(data):
        style = '"'
    elif "\n" in data:
        style = "|"  # readable multi-line text; the emitter falls back to quotes if needed
    return self.represent_scalar(_STR_TAG, data, style=style)


def _represent_date(self: Any, data: dt.date) -> Any:
    return self.represent_scalar(_STR_TAG, data.isoformat())


def _represent_enum(self: Any, data: enum.Enum) -> Any:
    return self.represent_data(data.value)


def _represent_tuple(self: Any, data: tuple[Any, ...]) -> Any:
    return self.represent_list(list(data))


def _make_dumper(base: type[Any]) -> type[Any]:
    """A safe dumper class on ``base`` (CSafeDumper, or SafeDumper without libyaml) whose
    output reads back identically through `load_yaml`."""
    dumper: type[Any] = type("StrictDumper", (base,), {"resolve": _dump_resolve})
    dumper.add_representer(str, _represent_str)
    dumper.add_representer(dt.date, _represent_date)
    dumper.add_representer(dt.datetime, _represent_date)
    dumper.add_representer(tuple, _represent_tuple)
    dumper.add_multi_representer(enum.Enum, _represent_enum)
    return dumper


_Dumper = _make_dumper(_DumperBase)


def dump_yaml(data: Any) -> str:
    """Deterministic block-style YAML of plain data (dicts keep their order; dates as ISO
    strings; enums as their values) that `load_yaml` reads back to the same data."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**30,  # never fold long strings
        indent=2,
    )
    return text
