"""Write plain data as deterministic YAML that `load_yaml` reads back to the same data.

Why this exists: plans are exported for review in merge requests, so the same plan must
always give the same text, and a string must never come back as something else (``no``,
``0755``, ``1e3`` are quoted; line breaks YAML would normalise are escaped). PyYAML's safe
dumper gets close; this adds the quoting rule of `rules.resolve_plain`, ISO dates as
plain strings, enums as their values and block-style, never-folded output.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

import yaml

from planner.adapters.yamlsafe.rules import resolve_plain

if TYPE_CHECKING:
    _DumperBase = yaml.CSafeDumper
else:  # libyaml may be missing: fall back to the pure-Python emitter
    _DumperBase = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

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
        ours = resolve_plain(value)
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


def _represent_decimal(self: Any, data: decimal.Decimal) -> Any:
    # An amount as its exact text, quoted ('12000.00'): read back as a string, it is the
    # same Decimal, never a float.
    return self.represent_scalar(_STR_TAG, str(data))


def _no_aliases(self: Any, data: Any) -> bool:
    return True


def _make_dumper(base: type[Any]) -> type[Any]:
    """A safe dumper class on ``base`` (CSafeDumper, or SafeDumper without libyaml) whose
    output reads back identically through `load_yaml`."""
    # Never an anchor or alias: the loader refuses them in plans, and records read from the
    # database share equal values (one tuple per distinct list), which PyYAML would alias.
    dumper: type[Any] = type(
        "StrictDumper", (base,), {"resolve": _dump_resolve, "ignore_aliases": _no_aliases}
    )
    dumper.add_representer(str, _represent_str)
    dumper.add_representer(dt.date, _represent_date)
    dumper.add_representer(dt.datetime, _represent_date)
    dumper.add_representer(tuple, _represent_tuple)
    dumper.add_representer(decimal.Decimal, _represent_decimal)
    dumper.add_multi_representer(enum.Enum, _represent_enum)
    return dumper


_Dumper = _make_dumper(_DumperBase)  # tests swap in a SafeDumper-based one for the fallback


# PyYAML builds a node for every value of a document before writing any of it: a plan of
# 60,000 tools took most of a gigabyte, and its Python representer spent seconds per
# 10,000 records. The top-level mapping is written key by key; a record made of mappings,
# lists and one-line scalars is written here directly (see `_Lines`), each distinct
# scalar's text asked of PyYAML once; anything else goes through PyYAML, a long list in
# it this many items at a time. The text is the same (block style: an entry's text does
# not depend on its neighbours; no aliases), which a test checks against PyYAML alone.
DUMP_CHUNK = 1_000


def dump_yaml(data: Any) -> str:
    """Deterministic block-style YAML of plain data (dicts keep their order; dates as ISO
    strings; enums as their values) that `load_yaml` reads back to the same data."""
    if not isinstance(data, dict) or not data:
        return _dump(data)
    try:
        return "".join(iter_yaml(data))
    except NotStreamable:
        return _dump(data)


class NotStreamable(Exception):
    """The text cannot be written in parts (see `iter_yaml`): dump the data whole."""


def iter_yaml(data: dict[Any, Any]) -> Iterator[str]:
    """`dump_yaml`'s text of a non-empty mapping, in parts, each top-level entry as it is
    written; a value that is an iterator (not a list) is consumed item by item, so a large
    section is written as it is produced. Raises `NotStreamable` on the rare part that
    ends a document ("|+" text, closed by "..."): whether the whole then ends with it
    depends on what follows, so such data is dumped whole (with lists, not iterators)."""
    lines = _Lines()
    for key, value in data.items():
        for part in _entry_parts(lines, key, value):
            # A part ending on a kept final line break ("|+") closes its document with
            # "...", which PyYAML writes differently when more follows.
            if part.endswith("\n...\n"):
                raise NotStreamable
            yield part


def _entry_parts(lines: _Lines, key: Any, value: Any) -> Iterator[str]:
    if isinstance(value, Iterator):
        first = next(value, _NOTHING)
        if first is not _NOTHING:
            yield _key_line(key, lines)
            yield lines.item(first)
            yield from (lines.item(item) for item in value)
            return
        value = []
    try:
        yield lines.entry(key, value)
        return
    except _Unusual:
        pass
    if isinstance(value, (list, tuple)) and len(value) > DUMP_CHUNK:
        yield _key_line(key, lines)
        yield from (lines.item(item) for item in value)
    else:
        yield _dump({key: value})


_NOTHING: Final = object()


def _key_line(key: Any, lines: _Lines) -> str:
    try:
        return f"{lines.key(key)}:\n"
    except _Unusual:
        return _dump({key: [None]})[: -len("- null\n")]


class _Unusual(Exception):
    """A value `_Lines` does not write itself: PyYAML writes it."""


class _Lines:
    """Block-style YAML text of mappings, lists and one-line scalars, as PyYAML writes it
    with `_Dumper` (indent 2, lists under a key not indented, ``{}`` and ``[]`` when
    empty). Each distinct scalar and key is written once by PyYAML itself and its text
    reused; a multi-line string, a long key or a type it does not know is `_Unusual`."""

    def __init__(self) -> None:
        self._scalars: dict[tuple[type, Any], str] = {}
        self._keys: dict[Any, str] = {}

    def entry(self, key: Any, value: Any) -> str:
        """``{key: value}`` at the top level; a list's items each joined as it is written
        (a million lines of a large plan are never held as separate strings)."""
        if not isinstance(value, (list, tuple)) or not value:
            out: list[str] = []
            self._mapping({key: value}, "", out)
            return "".join(out)
        items = [f"{self.key(key)}:\n"]
        for item in value:
            out = []
            self._sequence([item], "", out)
            items.append("".join(out))
        return "".join(items)

    def item(self, value: Any) -> str:
        """One item of a top-level entry's list (PyYAML's text when unusual)."""
        try:
            out: list[str] = []
            self._sequence([value], "", out)
            return "".join(out)
        except _Unusual:
            return _dump([value])

    def key(self, key: Any) -> str:
        text = self._keys.get(key) if isinstance(key, str) else None
        if text is None:
            if not isinstance(key, str) or len(key) > 100 or not _ONE_LINE(key):
                raise _Unusual
            if _PLAIN.fullmatch(key) and _plain_is_text(key):
                # written as it is: a plan's sections keyed by tool and training ids have
                # 67,000 distinct keys at 60,000 tools, each of which PyYAML wrote (2 s)
                self._keys[key] = key
                return key
            dumped = _dump({key: None})
            if not dumped.endswith(": null\n") or dumped.count("\n") != 1:
                raise _Unusual
            text = self._keys[key] = dumped[: -len(": null\n")]
        return text

    def scalar(self, value: Any) -> str:
        kind = type(value)
        if kind not in _SCALARS and not isinstance(value, enum.Enum):
            raise _Unusual
        # Equal is not enough where the text differs: 0.0 and -0.0, Decimal 1.0 and 1.00.
        mark = (kind, str(value) if kind in (float, decimal.Decimal) else value)
        found = self._scalars.get(mark)
        if found is None:
            if kind is str and _PLAIN.fullmatch(value) and _plain_is_text(value):
                return str(value)  # most names and ids: written as they are, not kept
            if kind is str and not _ONE_LINE(value):
                raise _Unusual
            dumped = _dump([value])
            if not dumped.startswith("- ") or dumped.count("\n") != 1:
                raise _Unusual
            found = self._scalars[mark] = dumped[2:-1]
        return found

    def _mapping(self, data: dict[Any, Any], indent: str, out: list[str]) -> None:
        for key, value in data.items():
            name = self.key(key)
            if isinstance(value, dict):
                if not value:
                    out.append(f"{indent}{name}: {{}}\n")
                    continue
                out.append(f"{indent}{name}:\n")
                self._mapping(value, indent + "  ", out)
            elif isinstance(value, (list, tuple)):
                if not value:
                    out.append(f"{indent}{name}: []\n")
                    continue
                out.append(f"{indent}{name}:\n")
                self._sequence(value, indent, out)  # a list under a key is not indented
            else:
                out.append(f"{indent}{name}: {self.scalar(value)}\n")

    def _sequence(self, items: Any, indent: str, out: list[str]) -> None:
        inner = indent + "  "
        for value in items:
            if isinstance(value, (dict, list, tuple)):
                if not value:
                    out.append(f"{indent}- {'{}' if isinstance(value, dict) else '[]'}\n")
                    continue
                start = len(out)
                if isinstance(value, dict):
                    self._mapping(value, inner, out)
                else:
                    self._sequence(value, inner, out)
                out[start] = f"{indent}- {out[start][len(inner) :]}"  # the first on the dash
            else:
                out.append(f"{indent}- {self.scalar(value)}\n")


_SCALARS: Final = frozenset(
    {str, int, float, bool, type(None), dt.date, dt.datetime, decimal.Decimal}
)


# Text PyYAML writes plain whatever its context in block style: a letter or digit first,
# then letters, digits and a few marks that are never indicators there (no ':', '#',
# quote, line break or trailing space), as long as it does not read as another type.
# libyaml escapes every character beyond the Basic Multilingual Plane ("\U00017000"):
# those are left to it.
_PLAIN: Final = re.compile(r"(?![^\n]*[\U00010000-\U0010FFFF])[^\W_][\w .,()/«»+-]*(?<! )")


# Bounded: a long plan repeats its statuses, purposes and departments on every tool, but
# each name and id only once, and those need not be kept.
@lru_cache(maxsize=1 << 14)
def _plain_is_text(text: str) -> bool:
    tag: str = _dump_resolve(_Dumper, yaml.ScalarNode, text, (True, False))
    return tag == _STR_TAG


def _ONE_LINE(text: str) -> bool:
    """No line break of any kind (those are written as blocks or escaped)."""
    return "\n" not in text and _ESCAPE_ONLY.isdisjoint(text)


def _dump(data: Any) -> str:
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
