"""Where things are in a loaded YAML file: node positions, and pydantic errors as
``file:line:col``.

Why this exists: the loader keeps no positions (plain data is all the schema needs, and most
files are valid), yet every problem must point at its line. `YamlDocument` builds a
path -> position index lazily, by reading the parser's events again, the first time an error
needs one; `pydantic_errors` turns a validation error's ``loc`` into that position and a
readable message. Kept apart from loading so that the fast path carries none of this.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
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

from planner.adapters.yamlsafe.rules import (
    MAX_DEPTH_DEFAULT,
    MAY_RESOLVE,
    MISSING,
    NO_KEY,
    resolve_plain,
)
from planner.errors import MAX_PROBLEMS, InputError, InputErrors, capped

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails


class EventSource(Protocol):
    def get_event(self) -> Any: ...


# --- positions ---------------------------------------------------------------------------
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


def build_index(loader: EventSource, max_depth: int, stop_at: int | None = None) -> _Index:
    """Positions of every node; tolerant, since it may read a refused document's prefix."""
    index = _Index()
    pos_extend = index.pos.extend
    all_children = index.children
    parent: Any = None  # children of the current collection (dict or array)
    is_map = False
    key: Any = NO_KEY
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
                if is_map and key is NO_KEY:
                    if cls is not ScalarEvent:
                        break
                    value = event.value
                    if event.style or (value and value[0] not in MAY_RESOLVE):
                        key = value
                    else:
                        key = resolve_plain(value)
                    key_line, key_col = line, col
                    continue
                if cls is not ScalarEvent and len(stack) >= max_depth:
                    break
                node = len(all_children)
                if is_map:
                    pos_extend((line, col, key_line, key_col))
                    parent.setdefault(key, node)  # the first of duplicates wins
                    key = NO_KEY
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
                key = NO_KEY
            elif cls is DocumentEndEvent or cls is StreamEndEvent or cls is AliasEvent:
                break
    except yaml.YAMLError:
        pass
    return index


@dataclass(frozen=True)
class YamlDocument:
    """Plain data of a YAML file, able to locate any path in it for error messages."""

    data: Any
    source: str
    _prepared: str | bytes | None = field(default=None, repr=False, compare=False)
    _parser: type[Any] | None = field(default=None, repr=False, compare=False)
    _max_depth: int = field(default=MAX_DEPTH_DEFAULT, repr=False, compare=False)
    # Instead of ``_prepared``: gives the source again when an error must be located (a large
    # file's bytes are not kept alive through validation for errors that rarely come).
    _reload: Callable[[], str | bytes | None] | None = field(
        default=None, repr=False, compare=False
    )

    @cached_property
    def _index(self) -> _Index | None:
        prepared = self._prepared
        if prepared is None and self._reload is not None:
            prepared = self._reload()
        if prepared is None or self._parser is None:
            return None
        loader = self._parser(prepared)
        try:
            return build_index(loader, self._max_depth)
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
            return value.get(part, MISSING)
        except TypeError:
            return MISSING
    if isinstance(value, list) and isinstance(part, int) and not isinstance(part, bool):
        return value[part] if 0 <= part < len(value) else MISSING
    return MISSING


def _data_path(data: Any, loc: Sequence[str | int]) -> tuple[list[str | int], str | int | None]:
    """The part of a pydantic ``loc`` that exists in the data, and the missing last part.

    Segments that pydantic adds itself (union members, validator names, ``[key]``) do not
    exist in the data and are skipped when something follows them.
    """
    path: list[str | int] = []
    for i, part in enumerate(loc):
        child = _child(data, part)
        if child is not MISSING:
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


# A key the model does not have: a pydantic model's and a validated dataclass's word for it.
_UNKNOWN_KEY = ("extra_forbidden", "unexpected_keyword_argument")


def _describe(error: ErrorDetails, missing: str | int | None) -> str:
    kind, msg = error["type"], error["msg"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    got = error.get("input")
    if kind == "missing":
        return f"missing required key {missing!r}"
    if kind in _UNKNOWN_KEY:
        return f"unknown key {missing!r}"
    if kind in ("enum", "literal_error") and "expected" in ctx:
        return f"must be one of {_expected(ctx['expected'])} (got {_show(got)})"
    for prefix, name in _TIME_KINDS:
        if kind.startswith(prefix):
            if isinstance(got, dict | list) or got is None:
                return f"must be a {name} (got {_show(got)})"
            detail = f" ({ctx['error']})" if "error" in ctx else ""
            return f"invalid {name} {_show(got)}{detail}"
    if kind in ("model_type", "model_attributes_type", "dict_type", "dataclass_type"):
        return f"must be a mapping (got {_show(got)})"
    if kind == "list_type":
        return f"must be a list (got {_show(got)})"
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            return msg.removeprefix(prefix)
    if msg.startswith("Input should be "):
        return f"must be {msg.removeprefix('Input should be ')} (got {_show(got)})"
    return f"{msg} (got {_show(got)})"


def pydantic_errors(
    exc: pydantic.ValidationError, doc: YamlDocument, prefix: Sequence[str | int] = ()
) -> InputErrors:
    """Map each pydantic error `loc` to the YAML node mark -> one InputError per problem,
    sorted by position, with a readable message such as "plan.start: invalid date
    'tomorrow'" or "tools[3]: unknown key 'colour'". ``prefix``: where in the document the
    validated value sits. At most :data:`MAX_PROBLEMS` are located (then a count)."""
    located: list[tuple[int, int, str]] = []
    for error in exc.errors(include_url=False)[: MAX_PROBLEMS + 1]:
        loc = (*prefix, *error["loc"])
        on_key = bool(loc) and loc[-1] == "[key]"  # a dict field's key is wrong, not its value
        path, missing = _data_path(doc.data, loc)
        if error["type"] in _UNKNOWN_KEY and missing is None and path:
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
    found = [InputError(m, file=doc.source, line=ln, col=c) for ln, c, m in located]
    return InputErrors(capped(found, exc.error_count()))
